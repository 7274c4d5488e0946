using System.Net;
using System.Net.Http.Headers;
using ConnectWiseSetup.Simulator;
using Newtonsoft.Json.Linq;
using Xunit;

namespace ConnectWiseSetup.Tests.Simulator;

public class CoreApiTests : IClassFixture<SimFixture>
{
    private readonly SimulatorServer _s;
    private readonly TenantInfo _t;
    public CoreApiTests(SimFixture f) { _s = f.Server; _t = f.Server.Tenants[0]; }

    [Fact]
    public void ServerListensOnLoopbackWithSeededTenants()
    {
        Assert.Equal("127.0.0.1", _s.BaseUrl.Host);
        Assert.NotEqual(0, _s.BaseUrl.Port);
        Assert.Equal(2, _s.Tenants.Count);
        Assert.NotEqual(_s.Tenants[0].CompanyId, _s.Tenants[1].CompanyId);
        foreach (var t in _s.Tenants)
        {
            Assert.True(Guid.TryParse(t.ClientId, out _));
            Assert.Matches("^[A-Za-z0-9]{16}$", t.PublicKey);
            Assert.Matches("^[A-Za-z0-9]{16}$", t.PrivateKey);
            Assert.Equal("Admin", t.AdminRoleName);
        }
    }

    [Fact]
    public async Task CompanyInfoNeedsNoAuthAndReportsCodebase()
    {
        using var http = new HttpClient();
        var r = await http.GetAsync(new Uri(_s.BaseUrl, "/login/companyinfo/" + _t.CompanyId.ToUpperInvariant()));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var o = (JObject)await Sim.ReadJson(r);
        Assert.Equal("v2025_1/", (string)o["Codebase"]);
        Assert.Equal(_t.CompanyId, (string)o["CompanyID"]);
        // a versioned codebase is what a cloud tenant reports (on-premises servers report v4_6_release/)
        Assert.True((bool)o["IsCloud"]);
        foreach (var k in new[] { "CompanyName", "VersionCode", "VersionNumber", "SiteUrl" }) Assert.False(string.IsNullOrEmpty((string)o[k]), k);
    }

    [Fact]
    public async Task CompanyInfoForUnknownCompanyIs200WithANullBodyByDefault()
    {
        using var http = new HttpClient();
        var r = await http.GetAsync(new Uri(_s.BaseUrl, "/login/companyinfo/nosuchcompany"));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(JTokenType.Null, (await Sim.ReadJson(r)).Type);
    }

    [Fact]
    public async Task CompanyInfoForUnknownCompanyIs404WhenTheServerSaysSo()
    {
        await using var s = await SimulatorServer.StartAsync(new SimulatorOptions { SeedSampleData = false, Behavior = new ServerBehavior { UnknownCompanyInfo = ServerBehavior.CompanyInfoAnswer.NotFound } });
        using var http = new HttpClient();
        await Sim.AssertError(await http.GetAsync(new Uri(s.BaseUrl, "/login/companyinfo/nosuchcompany")), HttpStatusCode.NotFound, "NotFound");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(s.BaseUrl, "/login/companyinfo/" + s.Tenants[0].CompanyId))).StatusCode);
    }

    [Theory]
    [InlineData("v2025_1")]
    [InlineData("v4_6_release")]
    public async Task BothCodebasePrefixesServeTheApi(string codebase)
    {
        using var c = Sim.Client(_s, _t, codebase: codebase);
        var r = await c.GetAsync("system/info");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("application/json", r.Content.Headers.ContentType.MediaType);
        Assert.Equal(Fidelity.ApiCurrentVersion, r.Headers.GetValues("api-current-version").Single());
        var o = (JObject)await Sim.ReadJson(r);
        Assert.StartsWith("v2025.1.", (string)o["version"]);
        Assert.True((bool)o["isCloud"]);
        Assert.Equal("NA", (string)o["cloudRegion"]);
        Assert.IsType<JArray>(o["licenseBits"]);
        Assert.True(o.ContainsKey("serverTimeZone") && o.ContainsKey("cloudRegion"));
    }

    [Fact]
    public async Task UnknownCodebaseIs404()
    {
        using var c = Sim.Client(_s, _t, codebase: "v1999_1");
        await Sim.AssertError(await c.GetAsync("system/info"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task WrongPrivateKeyIs401WithErrorBody()
    {
        using var c = Sim.Client(_s, _t, privateKey: "WRONGWRONGWRONG1");
        var body = await Sim.AssertError(await c.GetAsync("system/info"), HttpStatusCode.Unauthorized);
        Assert.Equal(Fidelity.BadCredentialsCode, (string)body["code"]);
    }

    [Fact]
    public async Task KeyOfAnotherTenantIs401()
    {
        var other = _s.Tenants[1];
        using var c = Sim.Client(_s, _t, publicKey: other.PublicKey, privateKey: other.PrivateKey);
        await Sim.AssertError(await c.GetAsync("system/info"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task UnknownCompanyInAuthIs401()
    {
        using var c = Sim.Client(_s, _t);
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Sim.BasicAuth("nosuch", _t.PublicKey, _t.PrivateKey));
        await Sim.AssertError(await c.GetAsync("system/info"), HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer abc")]
    [InlineData("Basic !!!notbase64")]
    [InlineData("Basic Zm9vOmJhcg==")] // foo:bar, no companyId+
    public async Task MissingOrMalformedAuthorizationIs401(string header)
    {
        using var c = Sim.Client(_s, _t);
        c.DefaultRequestHeaders.Remove("Authorization");
        if (header != null) c.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);
        var body = await Sim.AssertError(await c.GetAsync("system/info"), HttpStatusCode.Unauthorized);
        Assert.Equal("Unauthorized", (string)body["code"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-guid")]
    public async Task MissingOrBadClientIdIs401(string clientId)
    {
        using var c = Sim.Client(_s, _t);
        c.DefaultRequestHeaders.Remove("clientId");
        if (clientId != null) c.DefaultRequestHeaders.Add("clientId", clientId);
        var body = await Sim.AssertError(await c.GetAsync("system/info"), HttpStatusCode.Unauthorized, "Unauthorized");
        Assert.Contains("clientId", (string)body["message"]);
    }

    [Fact]
    public async Task RoutingIsCaseInsensitiveAndTrailingSlashTolerant()
    {
        using var c = Sim.Client(_s, _t);
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("SYSTEM/Info/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("company/Companies")).StatusCode);
    }

    [Fact]
    public async Task UnknownRouteIs404WithErrorBody()
    {
        using var c = Sim.Client(_s, _t);
        await Sim.AssertError(await c.GetAsync("no/such/thing"), HttpStatusCode.NotFound, "NotFound");
        await Sim.AssertError(await c.GetAsync("company/companies/999999"), HttpStatusCode.NotFound, "NotFound");
        using var http = new HttpClient();
        await Sim.AssertError(await http.GetAsync(new Uri(_s.BaseUrl, "/favicon.ico")), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task KnownPathWithWrongMethodIs405()
    {
        using var c = Sim.Client(_s, _t);
        var r = await c.PostAsync("system/info", Sim.Json(new { }));
        await Sim.AssertError(r, HttpStatusCode.MethodNotAllowed);
        Assert.Contains("GET", r.Content.Headers.Allow);
        await Sim.AssertError(await c.PostAsync("company/companies/count", Sim.Json(new { })), HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task ReferenceDataHasExactlyOneLocationDepartmentAndDefaultTimeZone()
    {
        using var c = Sim.Client(_s, _t);
        Assert.Single(await Sim.GetArray(c, "system/locations"));
        Assert.Single(await Sim.GetArray(c, "system/departments"));
        var tz = await Sim.GetArray(c, "system/timeZoneSetups");
        Assert.Single(tz, z => (bool)z["defaultFlag"]);
        var levels = await Sim.GetArray(c, "system/myCompany/corporateStructureLevels");
        Assert.Equal("Corporate", (string)levels[0]["name"]);
        // an array (2025.1), levelCount a string "Level1".."Level5"
        var cs = Assert.Single(await Sim.GetArray(c, "system/myCompany/corporateStructure"));
        Assert.Equal("Level" + levels.Count, (string)cs["levelCount"]);
    }

    [Fact]
    public async Task FieldsProjectNestedValues()
    {
        using var c = Sim.Client(_s, _t);
        var rows = await Sim.GetArray(c, "system/apiMembers?fields=id,identifier,securityRole/name");
        var row = (JObject)rows[0];
        Assert.Equal(new[] { "id", "identifier", "securityRole" }, row.Properties().Select(p => p.Name).ToArray());
        Assert.Equal(new[] { "name" }, ((JObject)row["securityRole"]).Properties().Select(p => p.Name).ToArray());
        Assert.Equal("Admin", (string)row["securityRole"]["name"]);
        var one = await Sim.GetObject(c, "company/companies/1?fields=name");
        Assert.Equal(new[] { "name" }, one.Properties().Select(p => p.Name).ToArray());
    }

    [Fact]
    public async Task FieldsNamedTwiceOrInAnotherCaseComeOnceWithTheRecordsSpelling()
    {
        using var c = Sim.Client(_s, _t);
        // A top-level list is written row by row as it is projected; a nested field takes the other path: both answer alike.
        var flat = (JObject)(await Sim.GetArray(c, "system/apiMembers?fields=Identifier,id,IDENTIFIER,nope,name"))[0];
        Assert.Equal(new[] { "identifier", "id", "name" }, flat.Properties().Select(p => p.Name).ToArray());
        var nested = (JObject)(await Sim.GetArray(c, "system/apiMembers?fields=Identifier,id,IDENTIFIER,nope,name,securityRole/name"))[0];
        Assert.Equal(new[] { "identifier", "id", "name", "securityRole" }, nested.Properties().Select(p => p.Name).ToArray());
        foreach (var name in new[] { "identifier", "id", "name" }) Assert.True(JToken.DeepEquals(flat[name], nested[name]));
        var whole = (JObject)(await Sim.GetArray(c, "system/apiMembers"))[0];
        Assert.True(JToken.DeepEquals(whole["identifier"], flat["identifier"]));
        Assert.True(whole.Properties().Count() > 3);
    }

    [Fact]
    public async Task CountHonoursConditions()
    {
        using var c = Sim.Client(_s, _t);
        var all = await Sim.GetArray(c, "company/companies?pageSize=1000");
        var expected = all.Count(x => ((string)x["name"]).StartsWith("N") || (string)x["identifier"] == "Contoso");
        var o = await Sim.GetObject(c, "company/companies/count?conditions=" + Sim.Q("name like \"N%\" or identifier = \"Contoso\""));
        Assert.Equal(expected, (int)o["count"]);
        Assert.Equal(2, expected);
        Assert.Equal(all.Count, (int)(await Sim.GetObject(c, "company/companies/count"))["count"]);
    }

    [Fact]
    public async Task OrderByAndConditionsOnLists()
    {
        using var c = Sim.Client(_s, _t);
        var rows = await Sim.GetArray(c, "company/companies?orderBy=" + Sim.Q("name desc") + "&conditions=" + Sim.Q("status/name = \"Active\" and identifier != \"Northwind\""));
        var names = rows.Select(r => (string)r["name"]).ToList();
        Assert.Equal(names.OrderByDescending(n => n, StringComparer.OrdinalIgnoreCase).ToList(), names);
        Assert.DoesNotContain("Northwind Traders", names);
    }

    [Theory]
    [InlineData("conditions=" + "name%20%3D%20MMB")]
    [InlineData("conditions=" + "nosuchfield%20%3D%201")]
    [InlineData("orderBy=" + "name%20sideways")]
    [InlineData("orderBy=" + "nosuchfield")]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=abc")]
    [InlineData("page=-1")]
    [InlineData("page=99999999999999")]
    [InlineData("pageId=x")]
    public async Task BadQueryParametersAre400(string query)
    {
        using var c = Sim.Client(_s, _t);
        await Sim.AssertError(await c.GetAsync("company/companies?" + query), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ChildConditionsFilterOnArraysAndAreNeverIgnored()
    {
        using var c = Sim.Client(_s, _t);
        // an array path is not a name conditions recognize; childConditions filters on it (one element matching is enough)
        var e = await Sim.AssertError(await c.GetAsync("company/companies?conditions=" + Sim.Q("types/name = \"Prospect\"")), HttpStatusCode.BadRequest, "ApiFindCondition");
        Assert.Equal("types/name is not a recognized name.", (string)e["message"]);
        var prospects = await Sim.GetArray(c, "company/companies?childConditions=" + Sim.Q("types/name = 'Prospect'"));
        Assert.Equal(new[] { "Northwind" }, prospects.Select(x => (string)x["identifier"]));
        var both = await Sim.GetArray(c, "company/companies?conditions=" + Sim.Q("identifier like \"N%\"") + "&childConditions=" + Sim.Q("types/name = \"Customer\""));
        Assert.Empty(both);
        var contacts = await Sim.GetArray(c, "company/contacts?childConditions=" + Sim.Q("communicationItems/value = \"dana.lopez@customer.example\" and communicationItems/communicationType = 'Email'"));
        Assert.Equal("Dana", (string)Assert.Single(contacts)["firstName"]);
        Assert.Equal(1, (int)(await Sim.GetObject(c, "company/contacts/count?childConditions=" + Sim.Q("communicationItems/value like \"dana%\"")))["count"]);
        // unknown names are refused, not ignored; custom fields are not emulated (501), not ignored
        await Sim.AssertError(await c.GetAsync("company/companies?childConditions=" + Sim.Q("x/y = 1")), HttpStatusCode.BadRequest, "ApiFindCondition");
        await Sim.AssertError(await c.GetAsync("company/companies?customFieldConditions=" + Sim.Q("caption = \"a\"")), (HttpStatusCode)501, "NotImplemented");
    }

    [Fact]
    public async Task SingleQuotedStringsWorkInConditionsWithADoubledApostrophe()
    {
        using var c = Sim.Client(_s, _t);
        Assert.Equal("Contoso", (string)Assert.Single(await Sim.GetArray(c, "company/companies?conditions=" + Sim.Q("identifier = 'Contoso'")))["identifier"]);
        Assert.Empty(await Sim.GetArray(c, "company/companies?conditions=" + Sim.Q("name = 'Ann''s Shop'")));
        await Sim.AssertError(await c.GetAsync("company/companies?conditions=" + Sim.Q("name = 'unterminated")), HttpStatusCode.BadRequest, "ApiFindCondition");
    }

    [Fact]
    public async Task UnknownConditionOrOrderByFieldIsApiFindCondition()
    {
        using var c = Sim.Client(_s, _t);
        var e = await Sim.AssertError(await c.GetAsync("company/companies?conditions=" + Sim.Q("invoiceDate > [2025-01-01]")), HttpStatusCode.BadRequest, "ApiFindCondition");
        Assert.Equal("invoiceDate is not a recognized name.", (string)e["message"]);
        e = await Sim.AssertError(await c.GetAsync("company/companies?orderBy=" + Sim.Q("nosuch desc")), HttpStatusCode.BadRequest, "ApiFindCondition");
        Assert.Equal("nosuch is not a recognized name.", (string)e["message"]);
    }

    [Fact]
    public async Task DefaultPageSizeIs25AndSinglePageHasNoLink()
    {
        using var c = Sim.Client(_s, _t);
        var r = await c.GetAsync("company/companies");
        Assert.False(r.Headers.Contains("Link"));
        Assert.True(((JArray)await Sim.ReadJson(r)).Count <= 25);
    }
}
