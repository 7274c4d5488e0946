using System.Net;
using ConnectWiseSetup.Simulator;
using Newtonsoft.Json.Linq;
using Xunit;

namespace ConnectWiseSetup.Tests.Simulator;

public class VendorRouteFixture : SimFixture
{
    protected override SimulatorOptions Options => new() { Seed = 2626, TenantCount = 1 };
}

/// <summary>
/// What public clients read that the simulator now serves as ConnectWise does: one record's audit trail, standard reports by name with their
/// column shape, the ticket search, the caller's member record, company sites, contact types, a department's locations, and the member
/// fields the older spec requires (Fidelity: AuditTrailFiltersByTypeAndId, StandardReportsAsListed, TicketSearchIsAListRead, ...).
/// </summary>
public class VendorRouteTests : IClassFixture<VendorRouteFixture>
{
    private readonly SimulatorServer _s;
    private readonly TenantInfo _t;
    public VendorRouteTests(VendorRouteFixture f) { _s = f.Server; _t = f.Server.Tenants[0]; }

    [Fact]
    public async Task The_audit_trail_of_one_record_is_that_records_entries_only()
    {
        using var c = Sim.Client(_s, _t);
        var ticket2 = await Sim.GetArray(c, "system/audittrail?type=Ticket&id=2");
        Assert.Equal(2, ticket2.Count);
        Assert.All(ticket2, e => Assert.Equal("Ticket", (string)e["auditType"]));
        Assert.Contains(ticket2, e => ((string)e["text"]).Contains("In Progress"));
        // the type is matched whatever its case; another record's trail is another list
        Assert.Single(await Sim.GetArray(c, "system/audittrail?type=company&id=2"));
        Assert.Empty(await Sim.GetArray(c, "system/audittrail?type=Ticket&id=99"));
        Assert.Equal(2, (int)(await Sim.GetObject(c, "system/audittrail/count?type=Ticket&id=2"))["count"]);
        // every entry without the filter, and nothing the model has not (no id, no record keys)
        var all = await Sim.GetArray(c, "system/audittrail?pageSize=100");
        Assert.True(all.Count > ticket2.Count);
        Assert.All(all, e => Assert.DoesNotContain(((JObject)e).Properties(), p => p.Name is "id" or "_recordType" or "_recordId"));
        await Sim.AssertError(await c.GetAsync("system/audittrail?type=Ticket&id=two"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Standard_reports_are_read_by_name_with_one_property_column_definitions_and_rows_in_column_order()
    {
        using var c = Sim.Client(_s, _t);
        var names = (await Sim.GetArray(c, "system/reports?pageSize=100")).Select(x => (string)x["name"]).ToList();
        Assert.Contains("ChargeCode", names);
        Assert.Contains("Company", names);
        Assert.DoesNotContain("TimeEntry", names); // the invented names are gone

        var report = await Sim.GetObject(c, "system/reports/ChargeCode");
        var columns = ((JArray)report["column_definitions"]).Cast<JObject>().ToList();
        Assert.All(columns, col => Assert.Single(col.Properties()));
        var columnNames = columns.Select(col => col.Properties().Single().Name).ToList();
        Assert.Equal(new[] { "Description", "Last_Update", "TE_Charge_Code_RecID", "Time_Zone", "Updated_By" }, columnNames);
        var id = (JObject)columns[2]["TE_Charge_Code_RecID"];
        Assert.Equal("Numeric", (string)id["type"]);
        Assert.True((bool)id["identityColumn"]);
        Assert.False((bool)id["isNullable"]);
        var rows = (JArray)report["row_values"];
        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Equal(columnNames.Count, ((JArray)row).Count));
        // what a public script does: key charge codes by their Description column
        var descriptions = rows.Select(row => (string)row[columnNames.IndexOf("Description")]).ToList();
        Assert.Contains("Vacation", descriptions);

        // the Company report follows the tenant's companies; conditions and columns= apply to its columns
        var company = await Sim.GetObject(c, "system/reports/Company?conditions=" + Uri.EscapeDataString("Company_ID = \"Contoso\"") + "&columns=Company_ID,Company_Name");
        Assert.Equal(new[] { "Company_ID", "Company_Name" }, ((JArray)company["column_definitions"]).Select(x => ((JObject)x).Properties().Single().Name));
        Assert.Equal("[[\"Contoso\",\"Contoso Ltd\"]]", company["row_values"].ToString(Newtonsoft.Json.Formatting.None));
        Assert.Equal(1, (int)(await Sim.GetObject(c, "system/reports/Company/count?conditions=" + Uri.EscapeDataString("Company_ID = \"Contoso\"")))["count"]);
        var columnsOnly = await Sim.GetArray(c, "system/reports/BillingCycle/columns");
        Assert.Contains(columnsOnly, x => ((JObject)x).ContainsKey("Bill_Cycle_Desc"));

        await Sim.AssertError(await c.GetAsync("system/reports/NoSuchReport"), HttpStatusCode.NotFound);
        await Sim.AssertError(await c.GetAsync("system/reports/ChargeCode?conditions=" + Uri.EscapeDataString("Nope = 1")), HttpStatusCode.BadRequest, "ApiFindCondition");
    }

    [Fact]
    public async Task A_ticket_search_takes_its_conditions_from_the_body_and_pages_like_the_list()
    {
        using var c = Sim.Client(_s, _t);
        var r = await c.PostAsync("service/tickets/search?pageSize=1", Sim.Json(new { conditions = "closedFlag = false", orderBy = "id desc" }));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var page = (JArray)await Sim.ReadJson(r);
        Assert.Single(page);
        Assert.Equal(3, (int)page[0]["id"]);
        var links = Sim.Links(r);
        Assert.True(links.ContainsKey("next"), Sim.LinkValue(r));
        Assert.DoesNotContain("conditions", links["next"]); // the conditions stay in the body

        var one = (JArray)await Sim.ReadJson(await c.PostAsync("service/tickets/search", Sim.Json(new { conditions = "summary like \"Firewall%\"" })));
        Assert.Equal(2, (int)Assert.Single(one)["id"]);
        // the peer module's spelling of the key; an empty object lists every ticket
        Assert.Single((JArray)await Sim.ReadJson(await c.PostAsync("service/tickets/search", Sim.Json("{\"childconditions\":null,\"conditions\":\"id = 1\"}"))));
        Assert.Equal(3, ((JArray)await Sim.ReadJson(await c.PostAsync("service/tickets/search", Sim.Json("{}")))).Count);
        await Sim.AssertError(await c.PostAsync("service/tickets/search", Sim.Json(new { conditions = "nosuchfield = 1" })), HttpStatusCode.BadRequest, "ApiFindCondition");
        await Sim.AssertError(await c.PostAsync("service/tickets/search", Sim.Json(new { where = "id = 1" })), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_new_routes_answer_in_the_spec_shapes()
    {
        using var c = Sim.Client(_s, _t);
        var me = await Sim.GetObject(c, "system/myMembers");
        Assert.Equal(_t.AdminMemberIdentifier, (string)me["identifier"]);
        Assert.Equal(_t.AdminMemberId, (int)me["id"]);

        var sites = await Sim.GetArray(c, "company/companies/2/sites");
        var site = (JObject)Assert.Single(sites);
        Assert.Equal(2, (int)site["company"]["id"]);
        Assert.Equal("Main", (string)site["name"]);
        Assert.Equal("Main", (string)(await Sim.GetObject(c, $"company/companies/2/sites/{site["id"]}"))["name"]);
        await Sim.AssertError(await c.GetAsync("company/companies/9999/sites"), HttpStatusCode.NotFound);

        var types = await Sim.GetArray(c, "company/contacts/types");
        Assert.Contains(types, x => (string)x["description"] == "Primary");
        var primary = (int)types.First(x => (string)x["description"] == "Primary")["id"];
        // a contact's type reference names a type the list has
        var contact = await Sim.GetObject(c, "company/contacts/1");
        Assert.Equal(primary, (int)contact["types"][0]["id"]);

        var locations = await Sim.GetArray(c, "system/departments/1/locations");
        var dl = (JObject)Assert.Single(locations);
        Assert.Equal(1, (int)dl["department"]["id"]);
        Assert.Equal("Main Office", (string)dl["location"]["name"]);
        await Sim.AssertError(await c.GetAsync("system/departments/999/locations"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Member_rows_carry_the_invoicing_fields_with_spec_values()
    {
        using var c = Sim.Client(_s, _t);
        var members = await Sim.GetArray(c, "system/members");
        Assert.NotEmpty(members);
        foreach (var m in members)
        {
            Assert.Contains((string)m["invoicingDisplayOptions"], new[] { "RemainOnInvoicingScreen", "ShowRecentInvoices" });
            Assert.Contains((string)m["agreementInvoicingDisplayOptions"], new[] { "RemainOnInvoicingScreen", "ShowRecentInvoices" });
            Assert.Contains((string)m["invoiceScreenDefaultTabFormat"], new[] { "ShowInvoicingTab", "ShowAgreementInvoicingTab" });
        }
        var me = await Sim.GetObject(c, "system/myMembers");
        Assert.Equal("ShowInvoicingTab", (string)me["invoiceScreenDefaultTabFormat"]);
    }

    /// <summary>A role named so (no rights unless set) and an API member with a key in it.</summary>
    private async Task<(HttpClient Client, int RoleId)> Limited(string name)
    {
        using var admin = Sim.Client(_s, _t);
        var rr = await admin.PostAsync("system/securityroles", Sim.Json(new { name }));
        Assert.Equal(HttpStatusCode.Created, rr.StatusCode);
        var roleId = (int)(await Sim.ReadJson(rr))["id"];
        var m = new JObject
        {
            ["identifier"] = name, ["name"] = name, ["securityRole"] = new JObject { ["id"] = roleId },
            ["structureLevel"] = new JObject { ["id"] = 1 }, ["securityLocation"] = new JObject { ["id"] = 1 }, ["defaultLocation"] = new JObject { ["id"] = 1 },
            ["defaultDepartment"] = new JObject { ["id"] = 1 }, ["timeZone"] = new JObject { ["id"] = 1 },
        };
        var mr = await admin.PostAsync("system/apiMembers", Sim.Json(m));
        Assert.Equal(HttpStatusCode.Created, mr.StatusCode);
        using var op = new OperatorClient(_s.BaseUrl, _s.OperatorToken, _t.CompanyId);
        var key = op.CreateApiKey((int)(await Sim.ReadJson(mr))["id"], "test");
        return (Sim.Client(_s, _t, key.PublicKey, key.PrivateKey), roleId);
    }

    [Fact]
    public async Task The_new_routes_are_guarded_by_the_functions_that_guard_their_records()
    {
        var (c, roleId) = await Limited("LimitedSearch");
        using var _ = c;
        using var op = new OperatorClient(_s.BaseUrl, _s.OperatorToken, _t.CompanyId);
        // a role with no rights: its own member record only
        Assert.Equal("LimitedSearch", (string)(await Sim.GetObject(c, "system/myMembers"))["identifier"]);
        await Sim.AssertError(await c.PostAsync("service/tickets/search", Sim.Json("{}")), HttpStatusCode.Forbidden, "Security");
        await Sim.AssertError(await c.GetAsync("company/companies/2/sites"), HttpStatusCode.Forbidden, "Security");
        await Sim.AssertError(await c.GetAsync("company/contacts/types"), HttpStatusCode.Forbidden, "Security");
        await Sim.AssertError(await c.GetAsync("system/departments/1/locations"), HttpStatusCode.Forbidden, "Security");
        await Sim.AssertError(await c.GetAsync("system/reports/ChargeCode"), HttpStatusCode.Forbidden, "Security");

        // Service Tickets Inquire is enough to search (a search reads); My sees the caller's own tickets only
        op.SetRoleLevel(roleId, "Service Desk", "Service Tickets", "None", "None", "None", "My");
        Assert.Empty((JArray)await Sim.ReadJson(await c.PostAsync("service/tickets/search", Sim.Json("{}"))));
        op.SetRoleLevel(roleId, "Service Desk", "Service Tickets", "None", "None", "None", "All");
        Assert.Equal(3, ((JArray)await Sim.ReadJson(await c.PostAsync("service/tickets/search", Sim.Json("{}")))).Count);
        op.SetRoleLevel(roleId, "Companies", "Company Maintenance", "None", "None", "None", "All");
        Assert.Single(await Sim.GetArray(c, "company/companies/2/sites"));
    }
}

/// <summary>
/// The forms ConnectWise's developer guide documents (Fidelity [DEVGUIDE]): the rate-limit 429 keyed error with the wait in its message
/// (the body keyed code behind a switch), IsCloud as a boolean or the string "True", and plain HTTP refused with "SSL is required.".
/// </summary>
public class DocumentedFormsTests : IClassFixture<BehaviorFixture>
{
    private readonly SimulatorServer _s;
    private readonly TenantInfo _t;
    public DocumentedFormsTests(BehaviorFixture f) { _s = f.Server; _t = f.Server.Tenants[0]; }

    private ServerBehavior Behavior => _s.GetTenant(_t.CompanyId).Behavior;

    [Fact]
    public async Task A_rate_limited_request_gets_429_retry_after_and_the_body_keyed_error_unless_the_server_says_code()
    {
        await using var s = await SimulatorServer.StartAsync(new SimulatorOptions { Seed = 7, SeedSampleData = false, RateLimitRequests = 1, RateLimitWindowSeconds = 30 });
        var t = s.Tenants[0];
        using var c = Sim.Client(s, t);
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("system/info")).StatusCode);
        var r = await c.GetAsync("system/info");
        Assert.Equal((HttpStatusCode)429, r.StatusCode);
        var wait = int.Parse(r.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(wait, 1, 30);
        var body = (JObject)await Sim.ReadJson(r);
        Assert.Equal(new[] { "error", "message" }, body.Properties().Select(p => p.Name));
        Assert.Equal("ConnectWiseAPI", (string)body["error"]);
        Assert.Equal($"Too many requests. Please try again in {wait} seconds.", (string)body["message"]);

        s.GetTenant(t.CompanyId).Behavior.RateLimitJson = ServerBehavior.RateLimitJsonForm.CodeKey;
        await Sim.AssertError(await c.GetAsync("system/info"), (HttpStatusCode)429, "TooManyRequests");
    }

    [Fact]
    public async Task Paging_keeps_the_documented_forms_no_Link_on_one_page_and_forward_only_always_linked_without_orderBy()
    {
        using var c = Sim.Client(_s, _t);
        // a navigable list that fits one page: no Link header at all
        var one = await c.GetAsync("company/companies?pageSize=1000");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Null(Sim.LinkValue(one));
        // its last page: first and prev, no next
        var last = await c.GetAsync("company/companies?pageSize=2&page=3");
        Assert.DoesNotContain("next", Sim.Links(last).Keys);
        Assert.Contains("first", Sim.Links(last).Keys);

        using var f = Sim.Client(_s, _t);
        f.DefaultRequestHeaders.Add("pagination-type", "forward-only");
        // forward-only always carries a Link header, even on its one and only page (empty there)
        var only = await f.GetAsync("company/companies?pageSize=1000");
        Assert.Equal(HttpStatusCode.OK, only.StatusCode);
        Assert.Equal("", Sim.LinkValue(only));
        var first = await f.GetAsync("company/companies?pageSize=2");
        Assert.Contains("pageId=", Sim.Links(first)["next"]);
        // and does not allow orderBy
        var body = await Sim.AssertError(await f.GetAsync("company/companies?orderBy=name%20asc"), HttpStatusCode.BadRequest);
        Assert.Equal(Fidelity.ForwardOnlyOrderByMessage, (string)body["message"]);
    }

    [Fact]
    public async Task IsCloud_is_a_boolean_or_the_string_True_as_the_server_says()
    {
        using var http = new HttpClient();
        var url = new Uri(_s.BaseUrl, "/login/companyinfo/" + _t.CompanyId);
        Assert.Equal(JTokenType.Boolean, (await Sim.ReadJson(await http.GetAsync(url)))["IsCloud"].Type);
        Behavior.CompanyInfoIsCloud = ServerBehavior.IsCloudForm.String;
        try
        {
            var o = await Sim.ReadJson(await http.GetAsync(url));
            Assert.Equal(JTokenType.String, o["IsCloud"].Type);
            Assert.Equal("True", (string)o["IsCloud"]);
        }
        finally { Behavior.CompanyInfoIsCloud = ServerBehavior.IsCloudForm.Boolean; }
    }

    [Fact]
    public async Task Plain_http_is_refused_with_ssl_is_required_when_the_server_requires_https()
    {
        using var c = Sim.Client(_s, _t);
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("system/info")).StatusCode);
        await using var s = await SimulatorServer.StartAsync(new SimulatorOptions { Seed = 8, SeedSampleData = false, Behavior = new ServerBehavior { RequireHttps = true } });
        using var plain = Sim.Client(s, s.Tenants[0]);
        var body = await Sim.AssertError(await plain.GetAsync("system/info"), HttpStatusCode.Forbidden, "Security");
        Assert.Equal("SSL is required.", (string)body["message"]);
        Assert.Equal(JTokenType.Null, body["errors"].Type);
        await Sim.AssertError(await http.GetAsync(new Uri(s.BaseUrl, "/login/companyinfo/" + s.Tenants[0].CompanyId)), HttpStatusCode.Forbidden, "Security");

        // over HTTPS the same server answers
        await using var tls = await SimulatorServer.StartAsync(new SimulatorOptions { Seed = 9, SeedSampleData = false, Https = true, Behavior = new ServerBehavior { RequireHttps = true } });
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert != null && cert.Thumbprint == tls.Certificate.Thumbprint };
        using var secure = new HttpClient(handler) { BaseAddress = new Uri(tls.BaseUrl, Sim.Api) };
        secure.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Sim.BasicAuth(tls.Tenants[0].CompanyId, tls.Tenants[0].PublicKey, tls.Tenants[0].PrivateKey));
        secure.DefaultRequestHeaders.Add("clientId", tls.Tenants[0].ClientId);
        Assert.Equal(HttpStatusCode.OK, (await secure.GetAsync("system/info")).StatusCode);
    }
}
