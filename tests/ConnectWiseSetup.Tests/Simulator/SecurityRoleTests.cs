using System.Net;
using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Simulator.Store;
using Newtonsoft.Json.Linq;
using Xunit;

namespace ConnectWiseSetup.Tests.Simulator;

public class SecurityRoleTests : IAsyncLifetime
{
    private SimulatorServer _s;
    private TenantInfo _t;
    private HttpClient _c;
    private HttpClient _op;
    public async Task InitializeAsync()
    {
        _s = await SimulatorServer.StartAsync(new SimulatorOptions { Seed = 11, SeedSampleData = false });
        _t = _s.Tenants[0];
        _c = Sim.Client(_s, _t);
        _op = Sim.Operator(_s);
    }
    public async Task DisposeAsync() { _c.Dispose(); _op.Dispose(); await _s.DisposeAsync(); }

    private async Task<JObject> CreateRole(string name, bool admin = false)
    {
        var r = await _c.PostAsync("system/securityroles", Sim.Json(new { name, adminFlag = admin }));
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        return (JObject)await Sim.ReadJson(r);
    }

    [Fact]
    public async Task CreateReadCountDeleteRole()
    {
        var role = await CreateRole("MMB Integration");
        Assert.Equal(new[] { "id", "name", "roleType", "adminFlag", "inactiveFlag", "_info" }, role.Properties().Select(p => p.Name).ToArray());
        Assert.False((bool)role["adminFlag"]);
        var id = (int)role["id"];
        var read = await Sim.GetObject(_c, $"system/securityroles/{id}");
        Assert.Equal("MMB Integration", (string)read["name"]);
        var count = (int)(await Sim.GetObject(_c, "system/securityroles/count?conditions=" + Sim.Q("name like \"MMB%\"")))["count"];
        Assert.Equal(1, count);
        var info = await Sim.GetArray(_c, "system/securityroles/info");
        Assert.Contains(info, x => (int)x["id"] == id && (string)x["name"] == "MMB Integration");
        Assert.Equal(HttpStatusCode.NoContent, (await _c.DeleteAsync($"system/securityroles/{id}")).StatusCode);
        await Sim.AssertError(await _c.GetAsync($"system/securityroles/{id}"), HttpStatusCode.NotFound);
        await Sim.AssertError(await _c.GetAsync($"system/securityRoles/{id}/settings"), HttpStatusCode.NotFound);
        await Sim.AssertError(await _c.DeleteAsync($"system/securityroles/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RolesCannotBeRenamedOrUpdated()
    {
        var role = await CreateRole("Immutable");
        await Sim.AssertError(await _c.PutAsync($"system/securityroles/{role["id"]}", Sim.Json(new { name = "Changed" })), HttpStatusCode.MethodNotAllowed);
        await Sim.AssertError(await _c.PatchAsync($"system/securityroles/{role["id"]}", Sim.Json("""[{"op":"replace","path":"name","value":"Changed"}]""")), HttpStatusCode.MethodNotAllowed);
        Assert.Equal("Immutable", (string)(await Sim.GetObject(_c, $"system/securityroles/{role["id"]}"))["name"]);
    }

    [Theory]
    [InlineData(null, "MissingRequiredField")]
    [InlineData("", "MissingRequiredField")]
    [InlineData("This role name is much too long for CW", "MaxLengthField")]
    public async Task NameIsRequiredAndAtMost30(string name, string code)
    {
        var body = await Sim.AssertError(await _c.PostAsync("system/securityroles", Sim.Json(new JObject { ["name"] = name })), HttpStatusCode.BadRequest, "InvalidObject");
        Assert.Equal(code, (string)body["errors"][0]["code"]);
        Assert.Equal("name", (string)body["errors"][0]["field"]);
        Assert.Equal("securityRole", (string)body["errors"][0]["resource"]);
        Assert.Equal(code == "MaxLengthField" ? "The field name must be a string with a maximum length of 30." : "The name field is required.", (string)body["errors"][0]["message"]);
    }

    [Fact]
    public async Task DuplicateNameIsObjectExistsCaseInsensitively()
    {
        await CreateRole("MSP Process");
        var body = await Sim.AssertError(await _c.PostAsync("system/securityroles", Sim.Json(new { name = "msp process" })), HttpStatusCode.BadRequest, "InvalidObject");
        var err = body["errors"][0];
        Assert.Equal("ObjectExists", (string)err["code"]);
        Assert.Equal("securityRole", (string)err["resource"]);
        Assert.Equal("name", (string)err["field"]);
    }

    [Fact]
    public async Task RoleInUseByAMemberCannotBeDeleted()
    {
        var body = await Sim.AssertError(await _c.DeleteAsync($"system/securityroles/{_t.AdminRoleId}"), HttpStatusCode.Conflict);
        Assert.Contains("Admin", (string)body["message"]);
        Assert.Equal(HttpStatusCode.OK, (await _c.GetAsync($"system/securityroles/{_t.AdminRoleId}")).StatusCode);
    }

    [Fact]
    public async Task NewRoleHasOneNoneRowPerCatalogueFunctionInUiOrder()
    {
        var role = await CreateRole("Fresh");
        var rows = await Sim.GetArray(_c, $"system/securityRoles/{role["id"]}/settings?pageSize=1000");
        Assert.Equal(Catalog.Instance.Functions.Count, rows.Count);
        Assert.All(rows, r => Assert.All(new[] { "addLevel", "editLevel", "deleteLevel", "inquireLevel" }, f => Assert.Equal("None", (string)r[f])));
        var sort = rows.Select(r => (int)r["sortOrder"]).ToList();
        Assert.Equal(sort.OrderBy(x => x), sort);
        var first = (JObject)rows[0];
        foreach (var f in new[] { "id", "moduleIdentifier", "moduleName", "moduleDescription", "moduleFunctionIdentifier", "moduleFunctionName", "moduleFunctionDescription", "addLevel", "editLevel", "deleteLevel", "inquireLevel", "myAllFlag", "customFlag", "reportFlag", "restrictFlag", "sortOrder" })
            Assert.True(first.ContainsKey(f), f);
        Assert.All(rows, r =>
        {
            Assert.InRange(((string)r["moduleFunctionIdentifier"]).Length, 1, 5);
            Assert.InRange(((string)r["moduleFunctionName"]).Length, 1, 10);
            Assert.InRange(((string)r["moduleIdentifier"]).Length, 1, 20);
            Assert.InRange(((string)r["moduleFunctionDescription"]).Length, 1, 50);
        });
        // paging default 25
        Assert.Equal(25, (await Sim.GetArray(_c, $"system/securityRoles/{role["id"]}/settings")).Count);
        Assert.Equal(rows.Count, (int)(await Sim.GetObject(_c, $"system/securityRoles/{role["id"]}/settings/count"))["count"]);
    }

    [Fact]
    public async Task AdminRoleHasAllEverywhere()
    {
        var role = await CreateRole("Full Admin", admin: true);
        Assert.True((bool)role["adminFlag"]);
        var notAll = (int)(await Sim.GetObject(_c, $"system/securityRoles/{role["id"]}/settings/count?conditions=" +
            Sim.Q("addLevel != \"All\" or editLevel != \"All\" or deleteLevel != \"All\" or inquireLevel != \"All\"")))["count"];
        Assert.Equal(0, notAll);
    }

    [Fact]
    public async Task SettingsAreReadOnlyThroughTheApi()
    {
        var role = await CreateRole("ReadOnly");
        var row = (await Sim.GetArray(_c, $"system/securityRoles/{role["id"]}/settings?pageSize=1"))[0];
        var id = (int)row["id"];
        var url = $"system/securityRoles/{role["id"]}/settings";
        await Sim.AssertError(await _c.PostAsync(url, Sim.Json(new { })), HttpStatusCode.MethodNotAllowed);
        await Sim.AssertError(await _c.PutAsync($"{url}/{id}", Sim.Json(new { inquireLevel = "All" })), HttpStatusCode.MethodNotAllowed);
        await Sim.AssertError(await _c.PatchAsync($"{url}/{id}", Sim.Json("""[{"op":"replace","path":"inquireLevel","value":"All"}]""")), HttpStatusCode.MethodNotAllowed);
        await Sim.AssertError(await _c.DeleteAsync($"{url}/{id}"), HttpStatusCode.MethodNotAllowed);
        var one = await Sim.GetObject(_c, $"{url}/{id}");
        Assert.Equal("None", (string)one["inquireLevel"]);
        // both path spellings work (routing is case-insensitive)
        Assert.Equal(HttpStatusCode.OK, (await _c.GetAsync($"system/securityroles/{role["id"]}/settings")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _c.GetAsync($"system/securityRoles/{role["id"]}")).StatusCode);
    }

    [Fact]
    public async Task OperatorSetsLevelsAsThePersonInTheUiDoes()
    {
        var role = await CreateRole("Guided");
        var id = (int)role["id"];
        var r = await _op.PutAsync($"tenants/{_t.CompanyId}/securityroles/{id}/settings", Sim.Json(new object[]
        {
            new { module = "companies", function = "company maintenance", editLevel = "All", inquireLevel = "All" },
            new { module = "Companies", function = "CRM Sales Activities", inquireLevel = "All" },
            new { module = "Service Desk", function = "Service Ticket - Dependancies", addLevel = "All" },
            new { module = "Projects", function = "Project Tickets", inquireLevel = "All" },
            new { module = "Service Desk", function = "Service Tickets", deleteLevel = "My" },
        }));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var rows = await Sim.GetArray(_c, $"system/securityRoles/{id}/settings?pageSize=1000&conditions=" + Sim.Q("addLevel != \"None\" or editLevel != \"None\" or deleteLevel != \"None\" or inquireLevel != \"None\"") + "&orderBy=sortOrder");
        var d = rows.ToDictionary(x => (string)x["moduleFunctionDescription"], x => string.Join("/", new[] { "addLevel", "editLevel", "deleteLevel", "inquireLevel" }.Select(f => (string)x[f])));
        Assert.Equal("None/All/None/All", d["Company Maintenance"]);
        Assert.Equal("None/None/None/All", d["CRM/Sales Activities"]);
        Assert.Equal("All/None/None/None", d["Service Ticket - Dependencies"]);
        Assert.Equal("None/None/None/All", d["Project Tickets"]);
        Assert.Equal("None/None/My/None", d["Service Tickets"]);
        Assert.Equal(5, d.Count);
        // omitted levels unchanged
        await _op.PutAsync($"tenants/{_t.CompanyId}/securityroles/{id}/settings", Sim.Json(new object[] { new { module = "Companies", function = "Company Maintenance", addLevel = "All" } }));
        var cm = (await Sim.GetArray(_c, $"system/securityRoles/{id}/settings?conditions=" + Sim.Q("moduleFunctionDescription = \"Company Maintenance\"")))[0];
        Assert.Equal("All", (string)cm["addLevel"]);
        Assert.Equal("All", (string)cm["editLevel"]);
    }

    [Theory]
    [InlineData("Companies", "Company Maintenance", "My")]   // no My level on this row
    [InlineData("Companies", "Company Maintenance", "Some")]  // not a level
    [InlineData("Companies", "No Such Function", "All")]
    [InlineData("Nowhere", "Company Maintenance", "All")]
    public async Task OperatorRejectsLevelsTheRowDoesNotOffer(string module, string function, string level)
    {
        var role = await CreateRole("Strict " + Guid.NewGuid().ToString("N").Substring(0, 6));
        await Sim.AssertError(await _op.PutAsync($"tenants/{_t.CompanyId}/securityroles/{role["id"]}/settings",
            Sim.Json(new object[] { new { module, function, inquireLevel = level } })), HttpStatusCode.BadRequest);
        var changed = (int)(await Sim.GetObject(_c, $"system/securityRoles/{role["id"]}/settings/count?conditions=" + Sim.Q("inquireLevel != \"None\"")))["count"];
        Assert.Equal(0, changed);
    }

    [Fact]
    public async Task OperatorStoresCustomizeLists()
    {
        var role = await CreateRole("Customized");
        var id = (int)role["id"];
        var r = await _op.PutAsync($"tenants/{_t.CompanyId}/securityroles/{id}/customize", Sim.Json(JObject.Parse("""{ "SystemTableSetup": { "allowAll": false, "items": ["Company / Company Status", "invoicing/tax code", "Time/Work Role"] }, "FinanceAgreements": { "allowAll": true } }""")));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var items = _s.GetTenant(_t.CompanyId).GetCustomizeItems(id);
        var table = items.Where(i => i.CustomizeIdentifier == "SystemTableSetup").Select(i => i.Label).ToList();
        Assert.Equal(new[] { "Company / Company Status", "Invoicing / Tax Code", "Time / Work Role" }, table.OrderBy(x => x));
        Assert.Equal(Catalog.Instance.CustomizeLists["FinanceAgreements"].Items.Count, items.Count(i => i.CustomizeIdentifier == "FinanceAgreements"));
        await Sim.AssertError(await _op.PutAsync($"tenants/{_t.CompanyId}/securityroles/{id}/customize", Sim.Json(JObject.Parse("""{ "SystemTableSetup": { "items": ["Nope / Nothing"] } }"""))), HttpStatusCode.BadRequest);
        await Sim.AssertError(await _op.PutAsync($"tenants/{_t.CompanyId}/securityroles/{id}/customize", Sim.Json(JObject.Parse("""{ "NoSuchList": { "allowAll": true } }"""))), HttpStatusCode.BadRequest);
    }
}

public class CatalogTests
{
    private static readonly string[] GuideFunctions =
    {
        "Companies/Company Maintenance", "Companies/Company/Contact Group Maintenance", "Companies/Contacts", "Companies/CRM/Sales Activities",
        "Companies/Manage Attachments", "Companies/Notes", "Companies/Team Members", "Companies/Configurations",
        "Finance/Agreements", "Finance/Invoicing", "Procurement/Product Catalog", "Procurement/Products", "Project/Project Tickets",
        "Sales/Opportunity", "Sales/Sales Orders", "Service Desk/Close Service Tickets", "Service Desk/Resource Scheduling",
        "Service Desk/Service Ticket - Dependencies", "Service Desk/Service Tickets", "Service Desk/Service Tickets - Finance",
        "Service Desk/SLA Dashboard", "Service Desk/Ticket Templates", "System/API Reports", "System/Member Maintenance",
        "System/Table Setup", "System/My Company", "Time & Expense/Time Entry", "Time & Expense/Expense Report Entry",
    };

    [Fact]
    public void EveryFunctionTheGuidesNameIsInTheCatalogue()
    {
        foreach (var gf in GuideFunctions)
        {
            var i = gf.IndexOf('/');
            Assert.True(Catalog.Instance.Find(gf.Substring(0, i), gf.Substring(i + 1)) != null, gf);
        }
        Assert.NotNull(Catalog.Instance.Find("Companies", "CRM Sales Activities"));
        Assert.NotNull(Catalog.Instance.Find("Projects", "Project Tickets"));
        Assert.NotNull(Catalog.Instance.Find("Service Desk", "Service Ticket - Dependancies"));
        var modules = Catalog.Instance.Functions.Select(f => f.ModuleLabel).Distinct().ToList();
        Assert.Equal(new[] { "Companies", "Finance", "Marketing", "Procurement", "Project", "Sales", "Service Desk", "System", "Time & Expense" }, modules);
    }

    [Fact]
    public void FlagsAndCodesAreConsistent()
    {
        var f = Catalog.Instance.Functions;
        Assert.Equal(f.Count, f.Select(x => x.FunctionIdentifier).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, f.Count), f.Select(x => x.SortOrder));
        Assert.True(Catalog.Instance.Find("Service Desk", "Service Tickets").MyAllFlag);
        Assert.False(Catalog.Instance.Find("Companies", "Company Maintenance").MyAllFlag);
        foreach (var (m, fn, id) in new[] { ("System", "Table Setup", "SystemTableSetup"), ("Finance", "Agreements", "FinanceAgreements"), ("Companies", "Configurations", "CompanyConfigurations"), ("Service Desk", "Resource Scheduling", "ServiceResourceScheduling") })
        {
            var x = Catalog.Instance.Find(m, fn);
            Assert.True(x.CustomFlag, fn);
            Assert.Equal(id, x.CustomizeIdentifier);
            Assert.NotEmpty(Catalog.Instance.CustomizeLists[id].Items);
        }
        Assert.All(f.Where(x => x.CustomizeIdentifier != null), x => Assert.True(Catalog.Instance.CustomizeLists.ContainsKey(x.CustomizeIdentifier), x.CustomizeIdentifier));
        Assert.All(f, x => Assert.Contains(x.Sureness, new[] { "multi", "single", "inferred" }));
    }

    [Fact]
    public void TableSetupListHasEveryTableTheGuidesNameWithUniqueIdentifiers()
    {
        var items = Catalog.Instance.CustomizeLists["SystemTableSetup"].Items;
        var norm = items.Select(i => ConnectWiseSetup.Simulator.Fidelity.NormalizeLabel(i.Label)).ToHashSet();
        foreach (var t in new[] { "Company/Company Status", "Company/Company Type", "Invoicing/Billing Status", "Invoicing/Tax Code", "Products/Category",
                     "Service/Service Board", "Expense/Expense Type", "Invoicing/Billing Terms", "Invoicing/Email Formats - Invoicing", "Time/Work Role",
                     "Company / Configuration", "Company / Configuration Status", "Service / Surveys - Service", "General / Manage Hosted API", "General / Auto Sync",
                     "Project / Project Boards", "General Ledger / Accounting Package", "Products / UOM", "Opportunities / Opportunity Status",
                     "Opportunities / Opportunity Type", "Opportunities / Opportunity Rating", "Opportunities / Sales Probability", "Opportunities / Sales Stage",
                     "Invoicing / Billing Cycle", "Contacts / Communication Type", "Company / Note Type" })
            Assert.Contains(ConnectWiseSetup.Simulator.Fidelity.NormalizeLabel(t), norm);
        Assert.Equal(items.Count, items.Select(i => i.ItemIdentifier).Distinct().Count());
        var all = Catalog.Instance.CustomizeLists.Values.SelectMany(l => l.Items).ToList();
        Assert.Equal(all.Count, all.Select(i => i.Id).Distinct().Count());
    }
}
