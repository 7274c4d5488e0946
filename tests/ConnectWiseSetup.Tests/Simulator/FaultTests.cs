using System.Net;
using ConnectWiseSetup.Simulator;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Xunit;

namespace ConnectWiseSetup.Tests.Simulator;

/// <summary>Each test gets its own server so fault settings never leak between tests.</summary>
public class FaultTests : IAsyncLifetime
{
    private SimulatorServer _s;
    private TenantInfo _t;
    public async Task InitializeAsync() { _s = await SimulatorServer.StartAsync(new SimulatorOptions { Seed = 99, SeedSampleData = false }); _t = _s.Tenants[0]; }
    public async Task DisposeAsync() => await _s.DisposeAsync();

    private async Task PutFaults(object settings)
    {
        using var op = Sim.Operator(_s);
        var r = await op.PutAsync($"tenants/{_t.CompanyId}/faults", Sim.Json(settings));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
    }

    [Fact]
    public async Task ScriptedFaultsAreConsumedOnePerRequestThenOk()
    {
        await PutFaults(new { script = new object[] { new { status = 429, retryAfter = "2" }, new { status = 503 } } });
        using var c = Sim.Client(_s, _t);
        var r1 = await c.GetAsync("system/info");
        Assert.Equal(TimeSpan.FromSeconds(2), r1.Headers.RetryAfter.Delta);
        await Sim.AssertRateLimited(r1);
        await Sim.AssertError(await c.GetAsync("system/info"), HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("system/info")).StatusCode);
        var log = _s.GetTenant(_t.CompanyId).RequestLog.Where(e => e.Channel == "api").ToList();
        Assert.Equal(new[] { 429, 503, 200 }, log.Select(e => e.Status));
        Assert.Equal(new[] { true, true, false }, log.Select(e => e.FaultInjected));
    }

    [Fact]
    public async Task RetryAfterCanBeAnHttpDate()
    {
        await PutFaults(new { script = new object[] { new { status = 429, retryAfter = "30", retryAfterAsDate = true } } });
        using var c = Sim.Client(_s, _t);
        var r = await c.GetAsync("system/info");
        Assert.Equal((HttpStatusCode)429, r.StatusCode);
        var date = r.Headers.RetryAfter.Date;
        Assert.NotNull(date);
        Assert.InRange(date.Value, DateTimeOffset.UtcNow.AddSeconds(20), DateTimeOffset.UtcNow.AddSeconds(40));
    }

    [Fact]
    public async Task DroppedConnectionFailsTheRequest()
    {
        await PutFaults(new { script = new object[] { new { drop = true } } });
        using var c = Sim.Client(_s, _t);
        await Assert.ThrowsAsync<HttpRequestException>(() => c.GetAsync("system/info"));
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("system/info")).StatusCode);
        // the aborted request is logged when its handler unwinds, which may be after the client saw the reset
        RequestLogEntry e = null;
        for (int i = 0; i < 100 && e == null; i++)
        {
            e = _s.GetTenant(_t.CompanyId).RequestLog.FirstOrDefault(x => x.Fault == "drop");
            if (e == null) await Task.Delay(20);
        }
        Assert.NotNull(e);
        Assert.Equal(0, e.Status);
        Assert.True(e.FaultInjected);
    }

    [Fact]
    public async Task MalformedBodyIsTruncatedJsonWith200()
    {
        await PutFaults(new { script = new object[] { new { malformed = true } } });
        using var c = Sim.Client(_s, _t);
        var r = await c.GetAsync("company/companies");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var text = await r.Content.ReadAsStringAsync();
        Assert.StartsWith("[", text);
        Assert.ThrowsAny<JsonException>(() => JToken.Parse(text));
    }

    [Fact]
    public async Task RandomRatesAreReproducibleWithASeed()
    {
        async Task<int[]> Run()
        {
            await PutFaults(new { rate500 = 0.5, seed = 42 });
            using var c = Sim.Client(_s, _t);
            var statuses = new int[20];
            for (int i = 0; i < statuses.Length; i++) statuses[i] = (int)(await c.GetAsync("system/info")).StatusCode;
            return statuses;
        }
        var a = await Run();
        var b = await Run();
        Assert.Equal(a, b);
        Assert.Contains(500, a);
        Assert.Contains(200, a);
    }

    [Fact]
    public async Task FiltersByMethodAndPathPrefix()
    {
        await PutFaults(new { rate503 = 1.0, methods = new[] { "POST" }, pathPrefix = "company/" });
        using var c = Sim.Client(_s, _t);
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("company/companies")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("system/info")).StatusCode);
        var r = await c.PostAsync("company/companies", Sim.Json(new { identifier = "X1", name = "X" }));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, r.StatusCode);
        Assert.DoesNotContain(_s.GetTenant(_t.CompanyId).GetRecords("company/companies"), x => (string)x["identifier"] == "X1");
    }

    [Fact]
    public async Task FaultsNeverApplyToOperatorOrCompanyInfoUnlessAsked()
    {
        await PutFaults(new { rate500 = 1.0, dropRate = 0.0 });
        using var op = Sim.Operator(_s);
        Assert.Equal(HttpStatusCode.OK, (await op.GetAsync($"tenants/{_t.CompanyId}/requests")).StatusCode);
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(_s.BaseUrl, "/login/companyinfo/" + _t.CompanyId))).StatusCode);
        using var c = Sim.Client(_s, _t);
        Assert.Equal(HttpStatusCode.InternalServerError, (await c.GetAsync("system/info")).StatusCode);

        await PutFaults(new { rate500 = 1.0, includeCompanyInfo = true });
        Assert.Equal(HttpStatusCode.InternalServerError, (await http.GetAsync(new Uri(_s.BaseUrl, "/login/companyinfo/" + _t.CompanyId))).StatusCode);

        var del = await op.DeleteAsync($"tenants/{_t.CompanyId}/faults");
        Assert.Equal(HttpStatusCode.NoContent, del.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("system/info")).StatusCode);
    }

    [Fact]
    public async Task LatencyDelaysTheAnswer()
    {
        await PutFaults(new { script = new object[] { new { latencyMs = 150 } } });
        using var c = Sim.Client(_s, _t);
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("system/info")).StatusCode);
        var e = _s.GetTenant(_t.CompanyId).RequestLog.Last();
        Assert.True(e.DurationMs >= 140, e.DurationMs.ToString());
        Assert.Equal("latency", e.Fault);
    }

    [Fact]
    public async Task InvalidFaultSettingsAre400()
    {
        using var op = Sim.Operator(_s);
        await Sim.AssertError(await op.PutAsync($"tenants/{_t.CompanyId}/faults", Sim.Json("""{"rate500":"lots"}""")), HttpStatusCode.BadRequest);
        await Sim.AssertError(await op.PutAsync($"tenants/{_t.CompanyId}/faults", Sim.Json("[1]")), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task RateLimitAnswers429WithRetryAfter()
    {
        await using var s = await SimulatorServer.StartAsync(new SimulatorOptions { Seed = 3, RateLimitRequests = 3, RateLimitWindowSeconds = 60, SeedSampleData = false });
        using var c = Sim.Client(s, s.Tenants[0]);
        for (int i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("system/info")).StatusCode);
        var r = await c.GetAsync("system/info");
        Assert.InRange(r.Headers.RetryAfter.Delta.Value.TotalSeconds, 1, 60);
        await Sim.AssertRateLimited(r);
    }
}
