using System.Net;
using ConnectWiseSetup.Simulator;
using Newtonsoft.Json.Linq;
using Xunit;

namespace ConnectWiseSetup.Tests.Simulator;

public class PermissionTests : IAsyncLifetime
{
    private SimulatorServer _s;
    private TenantInfo _t;
    private HttpClient _admin;
    private HttpClient _op;
    public async Task InitializeAsync()
    {
        _s = await SimulatorServer.StartAsync(new SimulatorOptions { Seed = 31 });
        _t = _s.Tenants[0];
        _admin = Sim.Client(_s, _t);
        _op = Sim.Operator(_s);
    }
    public async Task DisposeAsync() { _admin.Dispose(); _op.Dispose(); await _s.DisposeAsync(); }

    /// <summary>GET endpoints from the MSP Process guide (seed 001) and CW-API.md's last section.</summary>
    public static readonly string[] VendorGets =
    {
        "company/companies/count", "company/companies/statuses", "company/companies/types", "company/configurations/statuses",
        "company/configurations/types", "company/configurations", "company/companies", "company/communicationTypes/info", "company/contacts",
        "company/noteTypes", "company/contacts/1/notes", "company/contacts/1", "company/contacts/count", "system/members", "system/apiMembers",
        "system/departments", "system/audittrail", "system/callbacks", "finance/invoices", "finance/invoices/1", "service/tickets/1/notes",
        "service/tickets/1/allnotes", "service/tickets/1", "service/tickets/1/timeentries", "service/priorities", "service/tickets", "service/boards",
        "service/boards/1/types", "service/boards/1/subtypes", "service/boards/1/items", "service/boards/1/statuses", "service/impacts",
        "service/severities", "service/locations", "service/sources", "finance/agreements", "time/entries", "time/entries/1", "time/workTypes",
        "time/workRoles", "schedule/entries", "schedule/entries/1", "schedule/statuses", "finance/agreements/1/additions", "procurement/catalog",
        "procurement/products", "finance/billingCycles", "system/reports", "sales/opportunities", "sales/orders", "project/tickets", "expense/entries",
    };

    [Fact]
    public async Task EveryVendorEndpointAnswersWithRealRecords()
    {
        foreach (var path in VendorGets)
        {
            var r = await _admin.GetAsync(path);
            Assert.True(r.StatusCode == HttpStatusCode.OK, $"{path}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
            var body = await Sim.ReadJson(r);
            if (body is JArray a) Assert.True(a.Count > 0, path + " is empty");
            else Assert.True(((JObject)body).HasValues, path);
        }
    }

    private async Task<HttpClient> KeyFor(string roleName, params object[] levels)
    {
        var rr = await _admin.PostAsync("system/securityroles", Sim.Json(new { name = roleName }));
        Assert.Equal(HttpStatusCode.Created, rr.StatusCode);
        var roleId = (int)(await Sim.ReadJson(rr))["id"];
        if (levels.Length > 0)
            Assert.Equal(HttpStatusCode.OK, (await _op.PutAsync($"tenants/{_t.CompanyId}/securityroles/{roleId}/settings", Sim.Json(levels))).StatusCode);
        var ident = roleName.Replace(" ", "").Substring(0, Math.Min(15, roleName.Replace(" ", "").Length));
        var m = new JObject
        {
            ["identifier"] = ident, ["name"] = roleName, ["securityRole"] = new JObject { ["id"] = roleId },
            ["structureLevel"] = new JObject { ["id"] = 1 }, ["securityLocation"] = new JObject { ["id"] = 1 }, ["defaultLocation"] = new JObject { ["id"] = 1 },
            ["defaultDepartment"] = new JObject { ["id"] = 1 }, ["timeZone"] = new JObject { ["id"] = 1 },
        };
        var mr = await _admin.PostAsync("system/apiMembers", Sim.Json(m));
        Assert.Equal(HttpStatusCode.Created, mr.StatusCode);
        var memberId = (int)(await Sim.ReadJson(mr))["id"];
        var key = (JObject)await Sim.ReadJson(await _op.PostAsync($"tenants/{_t.CompanyId}/apiMembers/{memberId}/keys", Sim.Json(new { description = roleName })));
        return Sim.Client(_s, _t, (string)key["publicKey"], (string)key["privateKey"]);
    }

    [Fact]
    public async Task ARoleWithNothingIsRefusedButCanCheckTheConnectionAndItsRights()
    {
        using var c = await KeyFor("Nothing At All");
        // ConnectWise's 403: code Security and one message that names no module or level (Fidelity.ForbiddenMessage)
        var body = await Sim.AssertError(await c.GetAsync("company/companies"), HttpStatusCode.Forbidden, "Security");
        Assert.Equal("You do not have security permission to perform this action.", (string)body["message"]);
        await Sim.AssertError(await c.GetAsync("system/securityroles"), HttpStatusCode.Forbidden);
        await Sim.AssertError(await c.GetAsync("system/apiMembers"), HttpStatusCode.Forbidden);
        await Sim.AssertError(await c.GetAsync("service/boards/1/types"), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("system/info")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("system/mySecurity")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("system/mySecurity/customizeItems/")).StatusCode);
        // 403 comes before 404, and unknown paths are still 404
        await Sim.AssertError(await c.GetAsync("company/companies/99999"), HttpStatusCode.Forbidden);
        await Sim.AssertError(await c.GetAsync("no/such/path"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task EachMethodNeedsItsLevel()
    {
        using var c = await KeyFor("Company Reader", new { module = "Companies", function = "Company Maintenance", inquireLevel = "All" });
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("company/companies")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("company/companies/count")).StatusCode);
        var add = await Sim.AssertError(await c.PostAsync("company/companies", Sim.Json(new { identifier = "NewCo", name = "New Co" })), HttpStatusCode.Forbidden, "Security");
        Assert.DoesNotContain("Add", (string)add["message"]);
        await Sim.AssertError(await c.PatchAsync("company/companies/2", Sim.Json("""[{"op":"replace","path":"name","value":"x"}]""")), HttpStatusCode.Forbidden);
        await Sim.AssertError(await c.DeleteAsync("company/companies/2"), HttpStatusCode.Forbidden);
        Assert.Equal("Contoso Ltd", (string)(await Sim.GetObject(_admin, "company/companies/2"))["name"]);
        // statuses are Table Setup, not Company Maintenance
        await Sim.AssertError(await c.GetAsync("company/companies/statuses"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TheMspProcessGuideRoleCanReadWhatItNeeds()
    {
        using var c = await KeyFor("MSP Process",
            new { module = "Companies", function = "Company Maintenance", inquireLevel = "All" },
            new { module = "Companies", function = "Contacts", addLevel = "All", editLevel = "All", inquireLevel = "All" },
            new { module = "Companies", function = "Notes", addLevel = "All", editLevel = "All", inquireLevel = "All" },
            new { module = "Finance", function = "Invoicing", inquireLevel = "All" },
            new { module = "Service Desk", function = "Service Tickets", addLevel = "All", editLevel = "All", inquireLevel = "All" },
            new { module = "Service Desk", function = "Resource Scheduling", addLevel = "All", inquireLevel = "All" },
            new { module = "System", function = "Member Maintenance", inquireLevel = "All" },
            new { module = "System", function = "Table Setup", inquireLevel = "All" });
        foreach (var p in new[] { "company/companies/count", "company/companies/statuses", "company/contacts", "company/contacts/1/notes", "system/members", "system/apiMembers",
                     "system/departments", "finance/invoices/1", "service/tickets/1/notes", "service/boards/1/statuses", "service/priorities", "schedule/entries", "schedule/statuses", "time/workRoles" })
            Assert.True((await c.GetAsync(p)).StatusCode == HttpStatusCode.OK, p);
        var note = await c.PostAsync("service/tickets/1/notes", Sim.Json(new { text = "from MSP Process", detailDescriptionFlag = true }));
        Assert.Equal(HttpStatusCode.Created, note.StatusCode);
        var noteId = (int)(await Sim.ReadJson(note))["id"];
        Assert.Equal(HttpStatusCode.OK, (await c.PatchAsync($"service/tickets/1/notes/{noteId}", Sim.Json("""[{"op":"replace","path":"text","value":"edited"}]"""))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await c.PostAsync($"service/ticketNote/{noteId}/markAs", Sim.Json(new { internalAnalysisFlag = true }))).StatusCode);
        // not in the guide's list: refused (what a live test should report)
        await Sim.AssertError(await c.GetAsync("finance/agreements"), HttpStatusCode.Forbidden);
        await Sim.AssertError(await c.GetAsync("company/configurations"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task MyLevelLimitsToTheCallersOwnRecords()
    {
        using var c = await KeyFor("Own Time", new { module = "Time & Expense", function = "Time Entry", addLevel = "My", inquireLevel = "My", editLevel = "My" });
        Assert.Empty(await Sim.GetArray(c, "time/entries"));
        Assert.Equal(0, (int)(await Sim.GetObject(c, "time/entries/count"))["count"]);
        await Sim.AssertError(await c.GetAsync("time/entries/1"), HttpStatusCode.NotFound);
        var created = await c.PostAsync("time/entries", Sim.Json(new { chargeToId = 1, chargeToType = "ServiceTicket", timeStart = "2025-03-05T10:00:00Z", actualHours = 0.5 }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var mine = await Sim.GetArray(c, "time/entries");
        var e = Assert.Single(mine);
        Assert.Equal("OwnTime", (string)e["member"]["identifier"]);
        await Sim.AssertError(await c.PatchAsync("time/entries/1", Sim.Json("""[{"op":"replace","path":"notes","value":"x"}]""")), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await c.PatchAsync($"time/entries/{e["id"]}", Sim.Json("""[{"op":"replace","path":"notes","value":"mine"}]"""))).StatusCode);
        Assert.True((await Sim.GetArray(_admin, "time/entries")).Count > 1);
    }

    [Fact]
    public async Task APostThatOnlyReadsNeedsInquire()
    {
        using var c = await KeyFor("Portal Check", new { module = "Companies", function = "Contacts", inquireLevel = "All" });
        var r = await c.PostAsync("company/contacts/validatePortalCredentials", Sim.Json(new { email = "dana.lopez@customer.example", password = "portal-pass" }));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.True((bool)(await Sim.ReadJson(r))["success"]);
        await Sim.AssertError(await c.PostAsync("company/contacts", Sim.Json(new { firstName = "No", lastName = "Add" })), HttpStatusCode.Forbidden);
    }

    [Fact]
    public void EveryApiRouteHasAPermissionRule()
    {
        var field = typeof(SimulatorServer).GetField("_router", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance);
        dynamic router = field.GetValue(_s);
        var missing = new List<string>();
        int n = 0;
        foreach (var route in (System.Collections.IEnumerable)router.Routes)
        {
            dynamic r = route;
            n++;
            if (r.Permission == null) missing.Add((string)r.Method + " " + (string)r.Template);
        }
        Assert.True(n > 100, n.ToString());
        Assert.Empty(missing);
    }
}
