using System.Net;
using System.Net.Http.Headers;
using ConnectWiseSetup.Simulator;
using Newtonsoft.Json.Linq;
using Xunit;

namespace ConnectWiseSetup.Tests.Simulator;

public class BehaviorFixture : SimFixture
{
    protected override SimulatorOptions Options => new() { Seed = 99, TenantCount = 2, SeedSampleData = false };
}

/// <summary>
/// The forms a real server may answer in (ServerBehavior): each switch, from a test (tenant.Behavior), the operator channel and
/// --fidelity, and the forms ConnectWise's public evidence settles (versions, companyinfo, 403, the API version refusal).
/// </summary>
public class BehaviorTests : IClassFixture<BehaviorFixture>
{
    private readonly SimulatorServer _s;
    private readonly TenantInfo _t;
    private readonly TenantInfo _other;
    public BehaviorTests(BehaviorFixture f) { _s = f.Server; _t = f.Server.Tenants[0]; _other = f.Server.Tenants[1]; }

    private TenantState Tenant => _s.GetTenant(_t.CompanyId);

    private async Task<T> With<T>(Action<ServerBehavior> set, Func<Task<T>> run)
    {
        set(Tenant.Behavior);
        try { return await run(); }
        finally { Tenant.ResetBehavior(); }
    }

    [Fact]
    public void Defaults_come_from_Fidelity()
    {
        var b = new ServerBehavior();
        Assert.Equal(Fidelity.BadCredentialsStatus, b.BadCredentialsStatus);
        Assert.Equal(401, b.BadCredentialsStatus);
        Assert.Equal(ServerBehavior.LastPageLink.Empty, b.ForwardOnlyLastPageLink);
        Assert.Equal(ServerBehavior.LinkForm.PageLast, b.NavigableLinkForm);
        Assert.Equal(ServerBehavior.CompanyInfoAnswer.NullBody, b.UnknownCompanyInfo);
        Assert.Equal(ServerBehavior.OversizePage.Reject, b.PageSizeAboveMax);
        Assert.Equal(1000, b.MaxHonouredPageSize);
        Assert.Equal(ServerBehavior.ErrorBody.Json, b.NotFoundBody);
        Assert.True(b.ApiCurrentVersionHeader);
        Assert.Equal(ServerBehavior.ErrorBody.Json, b.RateLimitBody);
        Assert.Equal(ServerBehavior.MySecurityForm.Grid, b.MySecurityRows);
        Assert.Equal(new[] { "badCredentialsStatus", "forwardOnlyLastPageLink", "navigableLinkForm", "unknownCompanyInfo", "pageSizeAboveMax",
            "maxHonouredPageSize", "notFoundBody", "apiCurrentVersionHeader", "rateLimitBody", "mySecurityRows", "rateLimitJson", "companyInfoIsCloud", "requireHttps" }, ServerBehavior.Keys);
    }

    [Fact]
    public void Every_key_is_documented_in_the_help_and_the_architecture_page()
    {
        var architecture = File.ReadAllText(ConnectWiseSetup.Tests.Infrastructure.TestPaths.InRepository("docs", "ARCHITECTURE.md"));
        Assert.All(ServerBehavior.Keys, k => Assert.Contains(k, Program.Usage));
        Assert.All(ServerBehavior.Keys, k => Assert.Contains("`" + k + "`", architecture));
    }

    [Fact]
    public async Task A_wrong_key_is_401_or_404_on_a_tenant_that_answers_like_a_cloud_host()
    {
        using var c = Sim.Client(_s, _t, privateKey: "WRONGWRONGWRONG1");
        var body = await Sim.AssertError(await c.GetAsync("system/info"), HttpStatusCode.Unauthorized, "ConnectWiseApi");
        Assert.Equal("UserNotAuthenticated", (string)body["message"]);
        await With(b => b.BadCredentialsStatus = 404, async () =>
        {
            await Sim.AssertError(await c.GetAsync("system/info"), HttpStatusCode.NotFound);
            // only this tenant: the other still answers 401
            using var o = Sim.Client(_s, _other, privateKey: "WRONGWRONGWRONG1");
            await Sim.AssertError(await o.GetAsync("system/info"), HttpStatusCode.Unauthorized);
            return 0;
        });
        await Sim.AssertError(await c.GetAsync("system/info"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_404_body_is_json_empty_or_html_as_the_tenant_says()
    {
        using var c = Sim.Client(_s, _t);
        await Sim.AssertError(await c.GetAsync("company/companies/99999"), HttpStatusCode.NotFound, "NotFound");
        await With(b => b.NotFoundBody = ServerBehavior.ErrorBody.Empty, async () =>
        {
            var r = await c.GetAsync("company/companies/99999");
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
            Assert.Equal("", await r.Content.ReadAsStringAsync());
            return 0;
        });
        await With(b => b.NotFoundBody = ServerBehavior.ErrorBody.Html, async () =>
        {
            var r = await c.GetAsync("company/companies/99999");
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
            Assert.Equal("text/html", r.Content.Headers.ContentType.MediaType);
            Assert.StartsWith("<!DOCTYPE html>", await r.Content.ReadAsStringAsync());
            // other errors keep ConnectWise's JSON
            await Sim.AssertError(await c.GetAsync("company/companies?pageSize=abc"), HttpStatusCode.BadRequest);
            return 0;
        });
    }

    [Fact]
    public async Task The_api_current_version_header_can_be_left_out()
    {
        using var c = Sim.Client(_s, _t);
        Assert.Equal("2025.1", (await c.GetAsync("system/info")).Headers.GetValues("api-current-version").Single());
        await With(b => b.ApiCurrentVersionHeader = false, async () =>
        {
            Assert.False((await c.GetAsync("system/info")).Headers.Contains("api-current-version"));
            return 0;
        });
    }

    [Fact]
    public async Task A_rate_limit_429_can_come_with_an_edge_proxys_html_page_also_as_a_one_shot_fault()
    {
        using var c = Sim.Client(_s, _t);
        using var op = new OperatorClient(_s.BaseUrl, _s.OperatorToken, _t.CompanyId);
        try
        {
            op.SetFaults(new { script = new object[] { new { status = 429, retryAfter = "2", body = "html" }, new { status = 429 } } });
            var r = await c.GetAsync("system/info");
            Assert.Equal((HttpStatusCode)429, r.StatusCode);
            Assert.Equal("text/html", r.Content.Headers.ContentType.MediaType);
            Assert.Contains("429 Too Many Requests", await r.Content.ReadAsStringAsync());
            Assert.Equal("2", r.Headers.GetValues("Retry-After").Single());
            // the JSON form: keyed error, the wait in the message (Fidelity.RateLimitJson)
            var json = await c.GetAsync("system/info");
            Assert.Equal((HttpStatusCode)429, json.StatusCode);
            var body = (JObject)await Sim.ReadJson(json);
            Assert.Equal("ConnectWiseAPI", (string)body["error"]);
            Assert.Equal("Too many requests. Please try again in 1 seconds.", (string)body["message"]);
            Assert.Null(body["code"]);

            op.SetFaults(new { script = new object[] { new { status = 429 } } });
            await With(b => b.RateLimitBody = ServerBehavior.ErrorBody.Html, async () =>
            {
                var h = await c.GetAsync("system/info");
                Assert.Equal((HttpStatusCode)429, h.StatusCode);
                Assert.Equal("text/html", h.Content.Headers.ContentType.MediaType);
                return 0;
            });
        }
        finally { op.ClearFaults(); }
    }

    [Fact]
    public async Task MySecurity_can_leave_out_the_rows_whose_levels_are_all_None()
    {
        using var op = new OperatorClient(_s.BaseUrl, _s.OperatorToken, _t.CompanyId);
        using var admin = Sim.Client(_s, _t);
        var role = (JObject)await Sim.ReadJson(await admin.PostAsync("system/securityroles", Sim.Json(new { name = "Few Rights" })));
        var roleId = (int)role["id"];
        op.SetRoleLevel(roleId, "Companies", "Company Maintenance", "None", "None", "None", "All");
        var member = (JObject)await Sim.ReadJson(await admin.PostAsync("system/apiMembers", Sim.Json(new
        {
            identifier = "FewRights", name = "Few Rights", securityRole = new { id = roleId }, structureLevel = new { id = 1 }, securityLocation = new { id = 1 },
            defaultLocation = new { id = 1 }, defaultDepartment = new { id = 1 }, timeZone = new { id = 1 },
        })));
        var key = op.CreateApiKey((int)member["id"], "few");
        using var c = Sim.Client(_s, _t, key.PublicKey, key.PrivateKey);
        var grid = (int)(await Sim.GetObject(admin, $"system/securityRoles/{roleId}/settings/count"))["count"];
        Assert.Equal(grid, (await Sim.GetArray(c, "system/mySecurity?pageSize=1000")).Count);
        var rows = await With(b => b.MySecurityRows = ServerBehavior.MySecurityForm.OmitNone, () => Sim.GetArray(c, "system/mySecurity?pageSize=1000"));
        var only = Assert.Single(rows);
        Assert.Equal("Company Maintenance", (string)only["moduleFunctionDescription"]);
        Assert.Equal("FewRights", (string)only["member"]["identifier"]);
    }

    [Fact]
    public async Task The_operator_channel_reads_merges_and_resets_a_tenants_behaviour()
    {
        using var op = Sim.Operator(_s);
        var path = $"tenants/{_t.CompanyId}/behavior";
        try
        {
            var now = (JObject)await Sim.ReadJson(await op.GetAsync(path));
            Assert.Equal(401, (int)now["badCredentialsStatus"]);
            Assert.Equal("empty", (string)now["forwardOnlyLastPageLink"]);
            Assert.Equal("pageLast", (string)now["navigableLinkForm"]);
            var put = await op.PutAsync(path, Sim.Json(new { badCredentialsStatus = 404, notFoundBody = "html", mySecurityRows = "omitNone" }));
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            var merged = (JObject)await Sim.ReadJson(put);
            Assert.Equal(404, (int)merged["badCredentialsStatus"]);
            Assert.Equal("html", (string)merged["notFoundBody"]);
            Assert.Equal("reject", (string)merged["pageSizeAboveMax"]);
            Assert.Equal(404, Tenant.Behavior.BadCredentialsStatus);
            Assert.Equal(ServerBehavior.MySecurityForm.OmitNone, Tenant.Behavior.MySecurityRows);
            Assert.Equal(401, _s.GetTenant(_other.CompanyId).Behavior.BadCredentialsStatus);

            var bad = await Sim.AssertError(await op.PutAsync(path, Sim.Json(new { badCredentialsStatus = 500 })), HttpStatusCode.BadRequest);
            Assert.Contains("401 or 404", (string)bad["message"]);
            bad = await Sim.AssertError(await op.PutAsync(path, Sim.Json(new { notFoundBody = "xml" })), HttpStatusCode.BadRequest);
            Assert.Contains("notFoundBody", (string)bad["message"]);
            bad = await Sim.AssertError(await op.PutAsync(path, Sim.Json(new { pageSizeLimit = 5 })), HttpStatusCode.BadRequest);
            Assert.Contains("pageSizeLimit", (string)bad["message"]);
            await Sim.AssertError(await op.PutAsync(path, Sim.Json(new { maxHonouredPageSize = 0 })), HttpStatusCode.BadRequest);
            // a refused change changes nothing
            Assert.Equal(404, Tenant.Behavior.BadCredentialsStatus);

            Assert.Equal(HttpStatusCode.NoContent, (await op.DeleteAsync(path)).StatusCode);
            Assert.Equal(401, Tenant.Behavior.BadCredentialsStatus);
            Assert.Equal(ServerBehavior.ErrorBody.Json, Tenant.Behavior.NotFoundBody);
        }
        finally { Tenant.ResetBehavior(); }
    }

    [Fact]
    public async Task The_servers_own_behaviour_answers_for_an_unknown_company()
    {
        using var op = Sim.Operator(_s);
        using var http = new HttpClient();
        try
        {
            var r = await http.GetAsync(new Uri(_s.BaseUrl, "/login/companyinfo/nosuch"));
            Assert.Equal("null", await r.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, (await op.PutAsync("behavior", Sim.Json(new { unknownCompanyInfo = "notFound", badCredentialsStatus = 404 }))).StatusCode);
            await Sim.AssertError(await http.GetAsync(new Uri(_s.BaseUrl, "/login/companyinfo/nosuch")), HttpStatusCode.NotFound);
            using var c = Sim.Client(_s, _t);
            c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Sim.BasicAuth("nosuch", _t.PublicKey, _t.PrivateKey));
            await Sim.AssertError(await c.GetAsync("system/info"), HttpStatusCode.NotFound);
            // tenants keep their own
            Assert.Equal(401, Tenant.Behavior.BadCredentialsStatus);
        }
        finally { await op.DeleteAsync("behavior"); }
        Assert.Equal(ServerBehavior.CompanyInfoAnswer.NullBody, _s.Options.Behavior.UnknownCompanyInfo);
    }

    [Fact]
    public async Task Companyinfo_has_the_shape_real_servers_send()
    {
        using var http = new HttpClient();
        var o = (JObject)await Sim.ReadJson(await http.GetAsync(new Uri(_s.BaseUrl, "/login/companyinfo/" + _t.CompanyId)));
        Assert.Matches("^v4\\.6\\.[0-9]+$", (string)o["VersionNumber"]);
        Assert.Equal("v2025.1", (string)o["VersionCode"]);
        Assert.Equal("v2025_1/", (string)o["Codebase"]);
        Assert.IsType<JArray>(o["AllowedOrigins"]);
        Assert.NotEmpty((JArray)o["AllowedOrigins"]);
    }

    [Theory]
    [InlineData("3.0.0")]
    [InlineData("2026.1")]
    [InlineData("2018.6")]
    [InlineData("latest")]
    public async Task An_api_version_the_server_does_not_serve_is_refused(string version)
    {
        using var c = Sim.Client(_s, _t);
        c.DefaultRequestHeaders.Accept.Clear();
        c.DefaultRequestHeaders.Accept.ParseAdd("application/vnd.connectwise.com+json; version=" + version);
        var body = await Sim.AssertError(await c.GetAsync("system/info"), HttpStatusCode.BadRequest, "ConnectWiseApi");
        Assert.Equal($"The HTTP resource that matches the request URI '{_s.BaseUrl}v2025_1/apis/3.0/system/info' does not support the API version '{version}'.", (string)body["message"]);
    }

    [Theory]
    [InlineData("application/vnd.connectwise.com+json; version=2025.1")]
    [InlineData("application/vnd.connectwise.com+json; version=2019.1")]
    [InlineData("application/vnd.connectwise.com+json")]
    [InlineData("application/json")]
    [InlineData("application/json, application/vnd.connectwise.com+json; version=3.0.0")]
    public async Task A_served_version_or_no_connectwise_media_type_first_is_answered(string accept)
    {
        using var c = Sim.Client(_s, _t);
        c.DefaultRequestHeaders.Accept.Clear();
        c.DefaultRequestHeaders.TryAddWithoutValidation("Accept", accept);
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("system/info")).StatusCode);
    }

    [Fact]
    public void A_fidelity_file_is_the_bare_object_or_a_serverBehavior_document_and_unknown_keys_only_warn()
    {
        var dir = Path.Combine(Path.GetTempPath(), "cwsim-fidelity-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var bare = Path.Combine(dir, "bare.json");
            File.WriteAllText(bare, """{ "badCredentialsStatus": 404, "navigableLinkForm": "pageFirst" }""");
            var (o, _) = Program.ParseArgs(new[] { "--fidelity", bare });
            Assert.Equal(404, o.Behavior.BadCredentialsStatus);
            Assert.Equal(ServerBehavior.LinkForm.PageFirst, o.Behavior.NavigableLinkForm);
            Assert.Equal(ServerBehavior.ErrorBody.Json, o.Behavior.NotFoundBody);

            var report = Path.Combine(dir, "report.json");
            File.WriteAllText(report, """{ "tenant": "contoso", "observedAt": "2026-01-01", "serverBehavior": { "forwardOnlyLastPageLink": "absent", "maxHonouredPageSize": 100, "linkQuirk": true } }""");
            var warnings = new StringWriter();
            (o, _) = Program.ParseArgs(new[] { "--fidelity", report }, warnings);
            Assert.Equal(ServerBehavior.LastPageLink.Absent, o.Behavior.ForwardOnlyLastPageLink);
            Assert.Equal(100, o.Behavior.MaxHonouredPageSize);
            Assert.Contains("linkQuirk", warnings.ToString());
            Assert.StartsWith("warning:", warnings.ToString());

            var bad = Path.Combine(dir, "bad.json");
            File.WriteAllText(bad, """{ "serverBehavior": { "pageSizeAboveMax": "sometimes" } }""");
            var e = Assert.Throws<ArgumentException>(() => Program.ParseArgs(new[] { "--fidelity", bad }));
            Assert.Contains("pageSizeAboveMax", e.Message);
            Assert.Contains("\"reject\", \"clamp\"", e.Message);
            File.WriteAllText(bad, "not json");
            Assert.Throws<ArgumentException>(() => Program.ParseArgs(new[] { "--fidelity", bad }));
            Assert.Throws<ArgumentException>(() => Program.ParseArgs(new[] { "--fidelity", Path.Combine(dir, "missing.json") }));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public async Task A_fidelity_behaviour_reaches_every_tenant()
    {
        await using var s = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            TenantCount = 2, SeedSampleData = false, Behavior = new ServerBehavior { BadCredentialsStatus = 404, ApiCurrentVersionHeader = false },
        });
        foreach (var t in s.Tenants)
        {
            Assert.Equal(404, s.GetTenant(t.CompanyId).Behavior.BadCredentialsStatus);
            using var c = Sim.Client(s, t, privateKey: "WRONGWRONGWRONG1");
            Assert.Equal(HttpStatusCode.NotFound, (await c.GetAsync("system/info")).StatusCode);
        }
        // each tenant has its own copy
        s.GetTenant(s.Tenants[0].CompanyId).Behavior.BadCredentialsStatus = 401;
        Assert.Equal(404, s.GetTenant(s.Tenants[1].CompanyId).Behavior.BadCredentialsStatus);
        Assert.Throws<ArgumentException>(() => { SimulatorServer.StartAsync(new SimulatorOptions { Behavior = new ServerBehavior { MaxHonouredPageSize = 0 } }).GetAwaiter().GetResult(); });
    }
}
