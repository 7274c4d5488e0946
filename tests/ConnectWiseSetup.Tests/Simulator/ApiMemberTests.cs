using System.Net;
using ConnectWiseSetup.Simulator;
using Newtonsoft.Json.Linq;
using Xunit;

namespace ConnectWiseSetup.Tests.Simulator;

public class ApiMemberTests : IAsyncLifetime
{
    private SimulatorServer _s;
    private TenantInfo _t;
    private HttpClient _c;
    private HttpClient _op;
    public async Task InitializeAsync()
    {
        _s = await SimulatorServer.StartAsync(new SimulatorOptions { Seed = 21, SeedSampleData = false });
        _t = _s.Tenants[0];
        _c = Sim.Client(_s, _t);
        _op = Sim.Operator(_s);
    }
    public async Task DisposeAsync() { _c.Dispose(); _op.Dispose(); await _s.DisposeAsync(); }

    private static JObject Ref(int id) => new() { ["id"] = id };

    private async Task<int> Role(string name)
    {
        var r = await _c.PostAsync("system/securityroles", Sim.Json(new { name }));
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        return (int)(await Sim.ReadJson(r))["id"];
    }

    private JObject Member(string identifier, int roleId, string name = null) => new()
    {
        ["identifier"] = identifier, ["name"] = name ?? identifier + " Integration", ["securityRole"] = Ref(roleId),
        ["structureLevel"] = Ref(1), ["securityLocation"] = Ref(1), ["defaultLocation"] = Ref(1), ["defaultDepartment"] = Ref(1), ["timeZone"] = Ref(1),
    };

    private async Task<JObject> Create(JObject m)
    {
        var r = await _c.PostAsync("system/apiMembers", Sim.Json(m));
        Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        return (JObject)await Sim.ReadJson(r);
    }

    [Fact]
    public async Task CreateFillsReferencesAndReadsBack()
    {
        var roleId = await Role("MSP Process");
        var m = await Create(Member("MSPProcess", roleId));
        Assert.Equal("MSPProcess", (string)m["identifier"]);
        Assert.Equal("MSP Process", (string)m["securityRole"]["name"]);
        Assert.Equal("Corporate", (string)m["structureLevel"]["name"]);
        Assert.Equal("Main Office", (string)m["defaultLocation"]["name"]);
        Assert.Equal("Services", (string)m["defaultDepartment"]["name"]);
        Assert.False((bool)m["inactiveFlag"]);
        var read = await Sim.GetObject(_c, $"system/apiMembers/{m["id"]}");
        Assert.True(JToken.DeepEquals(m, read));
        Assert.Equal(2, (int)(await Sim.GetObject(_c, "system/apiMembers/count"))["count"]);
    }

    [Fact]
    public async Task A_renamed_location_is_named_anew_in_every_read_while_the_stored_member_keeps_what_it_was_given()
    {
        var roleId = await Role("Rename Watch");
        var m = await Create(Member("RenameWatch", roleId));
        var state = _s.GetTenant(_t.CompanyId);
        lock (state.Sync) state.Collection("system/locations").Get(1)["name"] = "Head Office"; // renamed in the web UI

        var one = await Sim.GetObject(_c, $"system/apiMembers/{m["id"]}");
        var listed = (await Sim.GetArray(_c, "system/apiMembers?conditions=" + Sim.Q("identifier = \"RenameWatch\""))).Single();
        var projected = (await Sim.GetArray(_c, "system/apiMembers?fields=identifier,defaultLocation&conditions=" + Sim.Q("identifier = \"RenameWatch\""))).Single();
        Assert.Equal("Head Office", (string)one["defaultLocation"]["name"]);
        Assert.Equal("Head Office", (string)one["securityLocation"]["name"]);
        Assert.Equal("Head Office", (string)listed["defaultLocation"]["name"]);
        Assert.Equal("Head Office", (string)projected["defaultLocation"]["name"]);
        Assert.Equal("Rename Watch", (string)one["securityRole"]["name"]);
        // The view is a copy: the record as stored still names the location as it was when the member was written.
        lock (state.Sync)
            Assert.Equal("Main Office", (string)state.Collection("system/apiMembers").Get((int)m["id"])["defaultLocation"]["name"]);
    }

    [Fact]
    public async Task ConditionsOnIdentifierNameRoleAndInactiveFlag()
    {
        var roleId = await Role("Vendors");
        await Create(Member("VendorA", roleId, "Vendor A"));
        await Create(Member("VendorB", roleId, "Vendor B"));
        async Task<string[]> Q(string cond) => (await Sim.GetArray(_c, "system/apiMembers?orderBy=identifier&conditions=" + Sim.Q(cond))).Select(x => (string)x["identifier"]).ToArray();
        Assert.Equal(new[] { "VendorA", "VendorB" }, await Q($"securityRole/id = {roleId}"));
        Assert.Equal(new[] { "VendorB" }, await Q("identifier = \"vendorb\""));
        Assert.Equal(new[] { "VendorA" }, await Q("name like \"%A\" and inactiveFlag = false"));
        Assert.Equal(new[] { "SimAdmin" }, await Q("securityRole/name = \"Admin\""));
    }

    [Fact]
    public async Task DefaultIsATemplateWithObviousDefaults()
    {
        var d = await Sim.GetObject(_c, "system/apiMembers/default");
        Assert.Equal(0, (int)d["id"]);
        Assert.Equal(JTokenType.Null, d["identifier"].Type);
        Assert.Equal(JTokenType.Null, d["securityRole"].Type);
        Assert.Equal("Eastern Standard Time", (string)d["timeZone"]["name"]);
        Assert.Equal("Main Office", (string)d["defaultLocation"]["name"]);
        Assert.Equal("Corporate", (string)d["structureLevel"]["name"]);
    }

    [Fact]
    public async Task MissingOrUnknownReferencesAreNamedInErrors()
    {
        var m = new JObject { ["identifier"] = "NoRefs", ["name"] = "No Refs", ["timeZone"] = Ref(999) };
        var body = await Sim.AssertError(await _c.PostAsync("system/apiMembers", Sim.Json(m)), HttpStatusCode.BadRequest, "InvalidObject");
        var fields = body["errors"].Select(e => (string)e["field"]).OrderBy(x => x).ToArray();
        // a missing reference: MissingRequiredField on the field; one that does not exist: NotFound on "field/id" (Fidelity)
        Assert.Equal(new[] { "defaultDepartment", "defaultLocation", "securityLocation", "securityRole", "structureLevel", "timeZone/id" }, fields);
        Assert.All(body["errors"], e => Assert.Equal("apiMember", (string)e["resource"]));
        Assert.Equal("NotFound", (string)body["errors"].Single(e => (string)e["field"] == "timeZone/id")["code"]);
        Assert.Equal("The securityRole/id field is required.", (string)body["errors"].Single(e => (string)e["field"] == "securityRole")["message"]);
        Assert.All(body["errors"].Where(e => (string)e["field"] != "timeZone/id"), e => Assert.Equal("MissingRequiredField", (string)e["code"]));
        Assert.Equal(1, (int)(await Sim.GetObject(_c, "system/apiMembers/count"))["count"]);
    }

    [Theory]
    [InlineData("", "MissingRequiredField")]
    [InlineData("ThisIsSixteenChr", "MaxLengthField")]
    [InlineData("bad/chars", "InvalidField")]
    [InlineData(" lead", "InvalidField")]
    [InlineData("simadmin", "ObjectExists")]
    public async Task IdentifierRules(string identifier, string code)
    {
        var body = await Sim.AssertError(await _c.PostAsync("system/apiMembers", Sim.Json(Member(identifier, _t.AdminRoleId))), HttpStatusCode.BadRequest, "InvalidObject");
        var e = Assert.Single(body["errors"]);
        Assert.Equal(code, (string)e["code"]);
        Assert.Equal("identifier", (string)e["field"]);
    }

    [Theory]
    [InlineData("MMB API")]
    [InlineData("A.B-C_D")]
    [InlineData("FifteenCharsOK1")]
    public async Task AllowedIdentifiers(string identifier) => await Create(Member(identifier, _t.AdminRoleId));

    [Fact]
    public async Task NameIsAtMost30()
    {
        var body = await Sim.AssertError(await _c.PostAsync("system/apiMembers", Sim.Json(Member("LongName", _t.AdminRoleId, new string('n', 31)))), HttpStatusCode.BadRequest);
        Assert.Equal("name", (string)body["errors"][0]["field"]);
    }

    [Fact]
    public async Task PatchChangesRoleAndRetiresMember()
    {
        var r1 = await Role("First");
        var r2 = await Role("Second");
        var m = await Create(Member("Patched", r1));
        var id = (int)m["id"];
        var p = await _c.PatchAsync($"system/apiMembers/{id}", Sim.Json(new JArray(new JObject { ["op"] = "replace", ["path"] = "securityRole", ["value"] = Ref(r2) })));
        Assert.Equal(HttpStatusCode.OK, p.StatusCode);
        Assert.Equal("Second", (string)(await Sim.ReadJson(p))["securityRole"]["name"]);
        p = await _c.PatchAsync($"system/apiMembers/{id}", Sim.Json($$"""[{"op":"replace","path":"/securityRole/id","value":{{r1}}},{"op":"replace","path":"inactiveFlag","value":true}]"""));
        var after = (JObject)await Sim.ReadJson(p);
        Assert.Equal("First", (string)after["securityRole"]["name"]);
        Assert.True((bool)after["inactiveFlag"]);
        Assert.NotEqual(JTokenType.Null, after["inactiveDate"].Type);
        // invalid patches change nothing
        await Sim.AssertError(await _c.PatchAsync($"system/apiMembers/{id}", Sim.Json("""[{"op":"replace","path":"securityRole","value":{"id":9999}}]""")), HttpStatusCode.BadRequest);
        await Sim.AssertError(await _c.PatchAsync($"system/apiMembers/{id}", Sim.Json("""[{"op":"remove","path":"timeZone"}]""")), HttpStatusCode.BadRequest);
        await Sim.AssertError(await _c.PatchAsync($"system/apiMembers/{id}", Sim.Json("""[{"op":"replace","path":"identifier","value":"SimAdmin"}]""")), HttpStatusCode.BadRequest);
        await Sim.AssertError(await _c.PatchAsync($"system/apiMembers/{id}", Sim.Json("""[{"op":"replace","path":"id","value":77}]""")), HttpStatusCode.BadRequest);
        var now = await Sim.GetObject(_c, $"system/apiMembers/{id}");
        Assert.Equal(r1, (int)now["securityRole"]["id"]);
        Assert.Equal("Patched", (string)now["identifier"]);
    }

    [Fact]
    public async Task PutReplacesTheRecord()
    {
        var m = await Create(Member("Replaced", _t.AdminRoleId));
        m["notes"] = "some notes";
        var id = (int)m["id"];
        var put = Member("Replaced2", _t.AdminRoleId, "New Name");
        var r = await _c.PutAsync($"system/apiMembers/{id}", Sim.Json(put));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var now = await Sim.GetObject(_c, $"system/apiMembers/{id}");
        Assert.Equal("Replaced2", (string)now["identifier"]);
        Assert.Equal("New Name", (string)now["name"]);
        await Sim.AssertError(await _c.PutAsync($"system/apiMembers/{id}", Sim.Json(new { identifier = "X" })), HttpStatusCode.BadRequest);
        await Sim.AssertError(await _c.PutAsync("system/apiMembers/9999", Sim.Json(put)), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task MembersCannotBeDeletedAndKeysHaveNoApi()
    {
        await Sim.AssertError(await _c.DeleteAsync($"system/apiMembers/{_t.AdminMemberId}"), HttpStatusCode.MethodNotAllowed);
        await Sim.AssertError(await _c.GetAsync($"system/apiMembers/{_t.AdminMemberId}/keys"), HttpStatusCode.NotFound);
        await Sim.AssertError(await _c.PostAsync($"system/apiMembers/{_t.AdminMemberId}/keys", Sim.Json(new { description = "x" })), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task KeysComeFromTheOperatorChannelAndAuthenticateTheirMember()
    {
        var roleId = await Role("Keyed");
        var m = await Create(Member("Keyed", roleId));
        var id = (int)m["id"];
        var r = await _op.PostAsync($"tenants/{_t.CompanyId}/apiMembers/{id}/keys", Sim.Json(new { description = "Vendor key" }));
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var k1 = (JObject)await Sim.ReadJson(r);
        Assert.Matches("^[A-Za-z0-9]{16}$", (string)k1["publicKey"]);
        Assert.Matches("^[A-Za-z0-9]{16}$", (string)k1["privateKey"]);
        Assert.Equal("Vendor key", (string)k1["description"]);
        Assert.NotNull(k1["createdDate"]);
        var k2 = (JObject)await Sim.ReadJson(await _op.PostAsync($"tenants/{_t.CompanyId}/apiMembers/{id}/keys", Sim.Json(new { description = "Second" })));

        var list = (JArray)await Sim.ReadJson(await _op.GetAsync($"tenants/{_t.CompanyId}/apiMembers/{id}/keys"));
        Assert.Equal(2, list.Count);
        Assert.All(list, k => Assert.Null(k["privateKey"]));
        Assert.DoesNotContain((string)k1["privateKey"], list.ToString());

        using var c1 = Sim.Client(_s, _t, (string)k1["publicKey"], (string)k1["privateKey"]);
        using var c2 = Sim.Client(_s, _t, (string)k2["publicKey"], (string)k2["privateKey"]);
        // a new key does not disable the old one; the key proves who it is
        var who = await Sim.GetArray(c1, "system/mySecurity?pageSize=1");
        Assert.Equal("Keyed", (string)who[0]["member"]["identifier"]);
        Assert.Equal(HttpStatusCode.OK, (await c2.GetAsync("system/info")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await _op.DeleteAsync($"tenants/{_t.CompanyId}/apiMembers/{id}/keys/{k1["id"]}")).StatusCode);
        await Sim.AssertError(await c1.GetAsync("system/info"), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await c2.GetAsync("system/info")).StatusCode);
        await Sim.AssertError(await _op.DeleteAsync($"tenants/{_t.CompanyId}/apiMembers/{id}/keys/{k1["id"]}"), HttpStatusCode.NotFound);
        await Sim.AssertError(await _op.PostAsync($"tenants/{_t.CompanyId}/apiMembers/9999/keys", Sim.Json(new { description = "x" })), HttpStatusCode.NotFound);

        // an inactive member's keys stop working
        await _c.PatchAsync($"system/apiMembers/{id}", Sim.Json("""[{"op":"replace","path":"inactiveFlag","value":true}]"""));
        await Sim.AssertError(await c2.GetAsync("system/info"), HttpStatusCode.Unauthorized);
        await _c.PatchAsync($"system/apiMembers/{id}", Sim.Json("""[{"op":"replace","path":"inactiveFlag","value":false}]"""));
        Assert.Equal(HttpStatusCode.OK, (await c2.GetAsync("system/info")).StatusCode);
    }

    [Fact]
    public async Task MySecurityShowsTheCallersEffectiveRowsAndCustomizeItems()
    {
        var roleId = await Role("MMB");
        await _op.PutAsync($"tenants/{_t.CompanyId}/securityroles/{roleId}/settings", Sim.Json(new object[]
        {
            new { module = "Companies", function = "Company Maintenance", editLevel = "All", inquireLevel = "All" },
            new { module = "System", function = "Table Setup", addLevel = "All", editLevel = "All", inquireLevel = "All" },
        }));
        await _op.PutAsync($"tenants/{_t.CompanyId}/securityroles/{roleId}/customize", Sim.Json(JObject.Parse(
            """{"SystemTableSetup":{"allowAll":false,"items":["Company/Company Status","Service/Service Board"]},"FinanceAgreements":{"allowAll":true}}""")));
        var m = await Create(Member("MMBAPI", roleId));
        var key = (JObject)await Sim.ReadJson(await _op.PostAsync($"tenants/{_t.CompanyId}/apiMembers/{m["id"]}/keys", Sim.Json(new { description = "MMB API" })));
        using var c = Sim.Client(_s, _t, (string)key["publicKey"], (string)key["privateKey"]);

        var granted = await Sim.GetArray(c, "system/mySecurity?pageSize=1000&conditions=" + Sim.Q("inquireLevel = \"All\""));
        Assert.Equal(new[] { "Company Maintenance", "Table Setup" }, granted.Select(x => (string)x["moduleFunctionDescription"]));
        Assert.All(granted, x => Assert.Equal((int)m["id"], (int)x["member"]["id"]));
        // mySecurity has no /count (no spec has one): count the rows
        var all = (await Sim.GetArray(c, "system/mySecurity?pageSize=1000")).Count;
        Assert.Equal((int)(await Sim.GetObject(_c, $"system/securityRoles/{roleId}/settings/count"))["count"], all);
        await Sim.AssertError(await c.GetAsync("system/mySecurity/count"), HttpStatusCode.NotFound);

        var items = await Sim.GetArray(c, "system/mySecurity/customizeItems/?pageSize=1000");
        var table = items.Where(i => (string)i["customizeIdentifier"] == "SystemTableSetup").Select(i => (string)i["itemIdentifier"]).OrderBy(x => x);
        Assert.Equal(new[] { "CompanyStatus", "ServiceBoard" }, table);
        Assert.Equal(ConnectWiseSetup.Simulator.Store.Catalog.Instance.CustomizeLists["FinanceAgreements"].Items.Count, items.Count(i => (string)i["customizeIdentifier"] == "FinanceAgreements"));
        Assert.All(items, i => Assert.Equal(new[] { "id", "customizeIdentifier", "itemIdentifier" }, ((JObject)i).Properties().Select(p => p.Name)));
        var noSlash = await Sim.GetArray(c, "system/mySecurity/customizeItems?pageSize=1000&conditions=" + Sim.Q("customizeIdentifier = \"SystemTableSetup\""));
        Assert.Equal(2, noSlash.Count);

        // the admin's key sees allowAll on every list
        var adminItems = (await Sim.GetArray(_c, "system/mySecurity/customizeItems/?pageSize=1000")).Count;
        Assert.Equal(ConnectWiseSetup.Simulator.Store.Catalog.Instance.CustomizeLists.Values.Sum(l => l.Items.Count), adminItems);
    }
}
