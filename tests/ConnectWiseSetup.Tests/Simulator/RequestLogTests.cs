using System.Net;
using ConnectWiseSetup.Simulator;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Xunit;

namespace ConnectWiseSetup.Tests.Simulator;

public class RequestLogTests : IAsyncLifetime
{
    private SimulatorServer _s;
    private TenantInfo _t;
    public async Task InitializeAsync() { _s = await SimulatorServer.StartAsync(new SimulatorOptions { SeedSampleData = false }); _t = _s.Tenants[0]; }
    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public async Task LogHasNoSecretsAndRecordsEveryRequest()
    {
        using var c = Sim.Client(_s, _t);
        await c.GetAsync("company/companies?conditions=" + Sim.Q("name like \"C%\"") + "&pageSize=5");
        using var bad = Sim.Client(_s, _t, privateKey: "BADBADBADBADBAD1");
        await bad.GetAsync("system/info?privateKey=shouldnotappear");
        using var http = new HttpClient();
        await http.GetAsync(new Uri(_s.BaseUrl, "/nothing/here"));
        using var op = Sim.Operator(_s);
        var created = (JObject)await Sim.ReadJson(await op.PostAsync($"tenants/{_t.CompanyId}/apiMembers/{_t.AdminMemberId}/keys", Sim.Json(new { description = "log test" })));
        var newPrivate = (string)created["privateKey"];

        var r = await op.GetAsync($"tenants/{_t.CompanyId}/requests");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var text = await r.Content.ReadAsStringAsync();
        var global = JsonConvert.SerializeObject(_s.GlobalRequestLog);
        foreach (var secret in new[] { _t.PrivateKey, _t.PublicKey, newPrivate, Sim.BasicAuth(_t.CompanyId, _t.PublicKey, _t.PrivateKey), "shouldnotappear", _s.OperatorToken, "Authorization" })
        {
            Assert.DoesNotContain(secret, text);
            Assert.DoesNotContain(secret, global);
        }
        var log = _s.GetTenant(_t.CompanyId).RequestLog;
        var first = log.First(e => e.Channel == "api");
        Assert.Equal("GET", first.Method);
        Assert.Equal("/v2025_1/apis/3.0/company/companies", first.Path);
        Assert.Contains("pageSize=5", first.Query);
        Assert.Equal(200, first.Status);
        Assert.Equal(TimeSpan.Zero, first.Time.Offset);
        Assert.Equal(0, first.Time.Ticks % TimeSpan.TicksPerMillisecond);
        Assert.Contains(log, e => e.Status == 401);
        Assert.Contains(_s.GlobalRequestLog, e => e.Path == "/nothing/here" && e.Status == 404 && e.CompanyId == null);
        Assert.True(_s.GlobalRequestLog.Select(e => e.Seq).SequenceEqual(_s.GlobalRequestLog.Select(e => e.Seq).OrderBy(x => x)));
    }

    [Fact]
    public async Task UnauthenticatedRequestsAppearInTheGlobalLogSoATestCanProveNothingWasSent()
    {
        Assert.Empty(_s.GlobalRequestLog);
        using var http = new HttpClient();
        await http.GetAsync(new Uri(_s.BaseUrl, Sim.Api + "system/info"));
        var e = Assert.Single(_s.GlobalRequestLog);
        Assert.Equal(401, e.Status);
    }

    [Fact]
    public async Task LogCanBeCleared()
    {
        using var c = Sim.Client(_s, _t);
        await c.GetAsync("system/info");
        Assert.NotEmpty(_s.GetTenant(_t.CompanyId).RequestLog);
        using var op = Sim.Operator(_s);
        Assert.Equal(HttpStatusCode.NoContent, (await op.DeleteAsync($"tenants/{_t.CompanyId}/requests")).StatusCode);
        Assert.DoesNotContain(_s.GetTenant(_t.CompanyId).RequestLog, e => e.Channel == "api");
    }
}
