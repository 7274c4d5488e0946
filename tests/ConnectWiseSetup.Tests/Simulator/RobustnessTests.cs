using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ConnectWiseSetup.Simulator;
using Newtonsoft.Json.Linq;
using Xunit;

namespace ConnectWiseSetup.Tests.Simulator;

public class RobustnessTests : IClassFixture<SimFixture>
{
    private readonly SimulatorServer _s;
    private readonly TenantInfo _t;
    public RobustnessTests(SimFixture f) { _s = f.Server; _t = f.Server.Tenants[0]; }

    [Theory]
    [InlineData("{\"identifier\": ")]
    [InlineData("{\"identifier\": \"A\"} trailing")]
    [InlineData("not json at all")]
    public async Task MalformedJsonIs400(string body)
    {
        using var c = Sim.Client(_s, _t);
        await Sim.AssertError(await c.PostAsync("company/companies", new StringContent(body, Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task EmptyOrNonObjectBodyIs400()
    {
        using var c = Sim.Client(_s, _t);
        await Sim.AssertError(await c.PostAsync("company/companies", new StringContent("", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        await Sim.AssertError(await c.PostAsync("company/companies", Sim.Json("[1,2]")), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task NonJsonContentTypeIs415()
    {
        using var c = Sim.Client(_s, _t);
        await Sim.AssertError(await c.PostAsync("company/companies", new StringContent("identifier=A", Encoding.UTF8, "application/x-www-form-urlencoded")), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task HugeBodyIs413AndServerStaysUp()
    {
        using var c = Sim.Client(_s, _t);
        var huge = "{\"name\":\"" + new string('a', 2 * 1024 * 1024) + "\"}";
        var r = await c.PostAsync("company/companies", new StringContent(huge, Encoding.UTF8, "application/json"));
        await Sim.AssertError(r, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("system/info")).StatusCode);
    }

    [Fact]
    public async Task DeeplyNestedJsonIs400()
    {
        using var c = Sim.Client(_s, _t);
        var deep = new string('[', 500) + new string(']', 500);
        await Sim.AssertError(await c.PostAsync("company/companies", Sim.Json(deep)), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task OddInputsNeverCrashTheServer()
    {
        using var c = Sim.Client(_s, _t);
        var paths = new[]
        {
            "company/companies/%00", "company/companies?conditions=%22", "company/companies?fields=,,,/", "company/companies/1?fields=a/b/c",
            "company/companies?conditions=" + Sim.Q(new string('(', 2000)), "system/securityRoles/abc/settings", "%2e%2e/%2e%2e/etc/passwd",
        };
        foreach (var p in paths)
        {
            var r = await c.GetAsync(p);
            Assert.True((int)r.StatusCode < 500, $"{p}: {(int)r.StatusCode}");
            Assert.StartsWith("application/json", r.Content.Headers.ContentType?.MediaType ?? "application/json");
        }
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("system/info")).StatusCode);
    }

    [Fact]
    public async Task OperatorChannelNeedsItsOwnToken()
    {
        using var none = new HttpClient { BaseAddress = new Uri(_s.BaseUrl, "/_operator/") };
        await Sim.AssertError(await none.GetAsync("tenants"), HttpStatusCode.Unauthorized);
        // API credentials do not open the operator channel
        using var api = new HttpClient { BaseAddress = new Uri(_s.BaseUrl, "/_operator/") };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Sim.BasicAuth(_t.CompanyId, _t.PublicKey, _t.PrivateKey));
        api.DefaultRequestHeaders.Add("clientId", _t.ClientId);
        await Sim.AssertError(await api.GetAsync("tenants"), HttpStatusCode.Unauthorized);
        using var wrong = new HttpClient { BaseAddress = new Uri(_s.BaseUrl, "/_operator/") };
        wrong.DefaultRequestHeaders.Add("X-Operator-Token", (_s.OperatorToken[0] == '0' ? "1" : "0") + _s.OperatorToken.Substring(1));
        await Sim.AssertError(await wrong.GetAsync("tenants"), HttpStatusCode.Unauthorized);
        using var op = Sim.Operator(_s);
        var tenants = (JArray)await Sim.ReadJson(await op.GetAsync("tenants"));
        Assert.Equal(_s.Tenants.Count, tenants.Count);
        Assert.DoesNotContain(_t.PrivateKey, tenants.ToString());
    }

    [Fact]
    public async Task OperatorTokenDoesNotOpenTheApi()
    {
        using var c = new HttpClient { BaseAddress = new Uri(_s.BaseUrl, Sim.Api) };
        c.DefaultRequestHeaders.Add("X-Operator-Token", _s.OperatorToken);
        c.DefaultRequestHeaders.Add("clientId", _t.ClientId);
        await Sim.AssertError(await c.GetAsync("system/info"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task OperatorAddsLocationsAndDepartments()
    {
        await using var s = await SimulatorServer.StartAsync(new SimulatorOptions { SeedSampleData = false });
        using var op = Sim.Operator(s);
        var t = s.Tenants[0];
        Assert.Equal(HttpStatusCode.Created, (await op.PostAsync($"tenants/{t.CompanyId}/locations", Sim.Json(new { name = "Branch" }))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await op.PostAsync($"tenants/{t.CompanyId}/departments", Sim.Json(new { name = "Sales" }))).StatusCode);
        await Sim.AssertError(await op.PostAsync($"tenants/{t.CompanyId}/locations", Sim.Json(new { })), HttpStatusCode.BadRequest);
        await Sim.AssertError(await op.GetAsync("tenants/nosuch/requests"), HttpStatusCode.NotFound);
        using var c = Sim.Client(s, t);
        Assert.Equal(new[] { "Main Office", "Branch" }, (await Sim.GetArray(c, "system/locations")).Select(x => (string)x["name"]));
        Assert.Equal(2, (await Sim.GetArray(c, "system/departments")).Count);
    }

    [Fact]
    public async Task CompanyWritesFollowConnectWiseShapes()
    {
        using var c = Sim.Client(_s, _t);
        var r = await c.PostAsync("company/companies", Sim.Json(new { identifier = "RobustCo", name = "Robust Co" }));
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var created = (JObject)await Sim.ReadJson(r);
        var id = (int)created["id"];
        Assert.Equal("Robust Co", (string)created["name"]);
        Assert.NotNull(created["_info"]["lastUpdated"]);
        var dup = await Sim.AssertError(await c.PostAsync("company/companies", Sim.Json(new { identifier = "robustco", name = "Again" })), HttpStatusCode.BadRequest, "InvalidObject");
        Assert.Equal("ObjectExists", (string)dup["errors"][0]["code"]);
        Assert.Equal("identifier", (string)dup["errors"][0]["field"]);
        var patch = await c.PatchAsync($"company/companies/{id}", Sim.Json("""[{"op":"replace","path":"/name","value":"Robust Renamed"}]"""));
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Equal("Robust Renamed", (string)(await Sim.GetObject(c, $"company/companies/{id}"))["name"]);
        await Sim.AssertError(await c.PatchAsync($"company/companies/{id}", Sim.Json("""{"op":"replace"}""")), HttpStatusCode.BadRequest);
        await Sim.AssertError(await c.PatchAsync($"company/companies/{id}", Sim.Json("""[{"op":"move","path":"name","value":"x"}]""")), HttpStatusCode.BadRequest);
        await Sim.AssertError(await c.PatchAsync($"company/companies/{id}", Sim.Json("""[{"op":"replace","path":"nosuch","value":"x"}]""")), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.NoContent, (await c.DeleteAsync($"company/companies/{id}")).StatusCode);
        await Sim.AssertError(await c.GetAsync($"company/companies/{id}"), HttpStatusCode.NotFound);
    }
}
