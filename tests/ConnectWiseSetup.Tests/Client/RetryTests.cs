#nullable enable
using System.Management.Automation;
using ConnectWiseSetup.Client;
using Newtonsoft.Json.Linq;
using Xunit;

namespace ConnectWiseSetup.Tests.Client;

public class RetryTests
{
    private static HttpResponseMessage S(int status, string body = "{\"code\":\"x\",\"message\":\"busy\"}") => FakeHandler.Status(status, body);

    [Fact]
    public async Task Get_is_retried_on_503_and_succeeds()
    {
        var time = new FakeTime();
        var handler = FakeHandler.Sequence(_ => S(503), _ => FakeHandler.Ok("{\"id\":1}"));
        using var client = TestTenant.Client(handler, time);
        var log = new LogCapture();
        var result = await client.GetAsync<JObject>("system/info");
        Assert.Equal(1, (int)result["id"]!);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(new[] { TimeSpan.FromMilliseconds(200) }, time.Delays); // base 200 ms, jitter centred (random 0.5)
        Assert.Contains(log.Lines, l => l.Contains("503") && l.Contains("waiting 0.2 s (back-off)") && l.Contains("retry 1 of 5"));
        Assert.Contains(log.Lines, l => l.StartsWith("GET /v2025_1/apis/3.0/system/info -> 200") && l.Contains("retry 1"));
    }

    [Fact]
    public async Task Post_is_not_retried_on_503()
    {
        var handler = FakeHandler.Sequence(_ => S(503), _ => FakeHandler.Status(201, "{\"id\":1}"));
        using var client = TestTenant.Client(handler);
        var e = await Assert.ThrowsAsync<CwApiException>(() => client.PostAsync<JObject>("system/securityroles", new { name = "x" }));
        Assert.Equal("CwServerError", e.ErrorId);
        Assert.Equal(0, e.RetryCount);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Post_is_retried_on_429()
    {
        var time = new FakeTime();
        var handler = FakeHandler.Sequence(_ => FakeHandler.Status(429, "", ("Retry-After", "1")), _ => FakeHandler.Status(201, "{\"id\":9}"));
        using var client = TestTenant.Client(handler, time);
        var created = await client.PostAsync<JObject>("system/securityroles", new { name = "x" });
        Assert.Equal(9, (int)created["id"]!);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(handler.Requests[0].Body, handler.Requests[1].Body);
        Assert.Equal(new[] { TimeSpan.FromSeconds(1) }, time.Delays);
    }

    [Fact]
    public async Task Post_is_not_retried_after_a_dropped_connection()
    {
        var handler = new FakeHandler((r, ct) => Task.FromException<HttpResponseMessage>(new HttpRequestException("The response ended prematurely.", new IOException("eof"))));
        using var client = TestTenant.Client(handler);
        var e = await Assert.ThrowsAsync<CwApiException>(() => client.PostAsync<JObject>("system/securityroles", new { name = "x" }));
        Assert.Equal("CwConnectionFailed", e.ErrorId);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Get_is_retried_after_a_dropped_connection()
    {
        var handler = FakeHandler.Sequence(_ => throw new HttpRequestException("The response ended prematurely.", new IOException("eof")), _ => FakeHandler.Ok("{}"));
        using var client = TestTenant.Client(handler);
        await client.GetAsync<JObject>("system/info");
        Assert.Equal(2, handler.Requests.Count);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task Idempotent_writes_are_retried_on_502(string method)
    {
        var handler = FakeHandler.Sequence(_ => S(502), _ => method == "DELETE" ? FakeHandler.Status(204) : FakeHandler.Ok("{}"));
        using var client = TestTenant.Client(handler);
        switch (method)
        {
            case "PUT": await client.PutAsync<JObject>("system/apiMembers/1", new { id = 1 }); break;
            case "PATCH": await client.PatchAsync<JObject>("system/apiMembers/1", new[] { PatchOperation.Replace("name", "n") }); break;
            default: await client.DeleteAsync("system/securityroles/1"); break;
        }
        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal(method, r.Method));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(409)]
    public async Task Client_errors_are_not_retried(int status)
    {
        var handler = new FakeHandler(_ => S(status));
        using var client = TestTenant.Client(handler);
        await Assert.ThrowsAsync<CwApiException>(() => client.GetAsync<JObject>("x"));
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Retry_after_seconds_is_honoured_exactly()
    {
        var time = new FakeTime();
        var handler = FakeHandler.Sequence(_ => FakeHandler.Status(429, "", ("Retry-After", "7")), _ => FakeHandler.Ok("{}"));
        using var client = TestTenant.Client(handler, time);
        var log = new LogCapture();
        await client.GetAsync<JObject>("x");
        Assert.Equal(new[] { TimeSpan.FromSeconds(7) }, time.Delays);
        Assert.Contains(log.Lines, l => l.StartsWith("429") && l.Contains("waiting 7.0 s (Retry-After)"));
    }

    [Fact]
    public async Task Retry_after_http_date_is_honoured()
    {
        var time = new FakeTime();
        var handler = FakeHandler.Sequence(
            _ => FakeHandler.Status(503, "", ("Retry-After", time.GetUtcNow().AddSeconds(5).ToString("r"))),
            _ => FakeHandler.Ok("{}"));
        using var client = TestTenant.Client(handler, time);
        await client.GetAsync<JObject>("x");
        Assert.Equal(new[] { TimeSpan.FromSeconds(5) }, time.Delays);
    }

    [Fact]
    public async Task Total_time_cap_stops_retries_and_reports_the_mapped_error()
    {
        var time = new FakeTime();
        var handler = new FakeHandler(_ => FakeHandler.Status(429, "{\"code\":\"TooMany\",\"message\":\"slow down\"}", ("Retry-After", "2")));
        using var client = TestTenant.Client(handler, time, o => o.MaxRetryTimeSec = 3);
        var e = await Assert.ThrowsAsync<CwApiException>(() => client.GetAsync<JObject>("x"));
        Assert.Equal("CwRateLimited", e.ErrorId);
        Assert.Equal(ErrorCategory.LimitsExceeded, e.Category);
        Assert.Equal(2, handler.Requests.Count); // waited 2 s once; a second 2 s wait would pass 3 s
        Assert.Equal(1, e.RetryCount);
        Assert.Equal(new[] { TimeSpan.FromSeconds(2) }, time.Delays);
        Assert.Contains("retry time limit", e.Message);
    }

    [Fact]
    public async Task Retry_after_longer_than_the_cap_is_not_waited()
    {
        var time = new FakeTime();
        var handler = new FakeHandler(_ => FakeHandler.Status(429, "", ("Retry-After", "120")));
        using var client = TestTenant.Client(handler, time);
        var e = await Assert.ThrowsAsync<CwApiException>(() => client.GetAsync<JObject>("x"));
        Assert.Equal("CwRateLimited", e.ErrorId);
        Assert.Empty(time.Delays);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Max_attempts_with_exponential_backoff()
    {
        var time = new FakeTime();
        var handler = new FakeHandler(_ => S(503));
        using var client = TestTenant.Client(handler, time);
        var e = await Assert.ThrowsAsync<CwApiException>(() => client.GetAsync<JObject>("x"));
        Assert.Equal("CwServerError", e.ErrorId);
        Assert.Equal(6, handler.Requests.Count);
        Assert.Equal(5, e.RetryCount);
        Assert.Equal(new[] { 200, 400, 800, 1600, 3200 }, time.Delays.Select(d => (int)d.TotalMilliseconds));
        Assert.Contains("Retried 5 times; gave up after 6 attempts.", e.Message);
    }

    [Fact]
    public async Task Jitter_spreads_the_backoff()
    {
        var time = new FakeTime();
        var handler = FakeHandler.Sequence(_ => S(500), _ => S(500), _ => FakeHandler.Ok("{}"));
        var randoms = new Queue<double>(new[] { 0.0, 1.0 });
        using var client = TestTenant.Client(handler, time, o => o.Random = () => randoms.Dequeue());
        await client.GetAsync<JObject>("x");
        Assert.Equal(new[] { 160, 480 }, time.Delays.Select(d => (int)Math.Round(d.TotalMilliseconds)));
    }

    [Fact]
    public async Task No_retries_when_the_cap_is_zero()
    {
        var handler = new FakeHandler(_ => S(503));
        using var client = TestTenant.Client(handler, configure: o => o.MaxRetryTimeSec = 0);
        var e = await Assert.ThrowsAsync<CwApiException>(() => client.GetAsync<JObject>("x"));
        Assert.Single(handler.Requests);
        Assert.Equal(0, e.RetryCount);
        Assert.DoesNotContain("gave up", e.Message);
    }

    [Fact]
    public async Task A_timed_out_get_is_retried()
    {
        var calls = 0;
        var handler = new FakeHandler(async (r, ct) =>
        {
            if (Interlocked.Increment(ref calls) == 1) await Task.Delay(Timeout.Infinite, ct);
            return FakeHandler.Ok("{}");
        });
        using var client = TestTenant.Client(handler, configure: o => o.TimeoutSec = 1);
        await client.GetAsync<JObject>("x");
        Assert.Equal(2, handler.Requests.Count);
    }

    [Theory]
    [InlineData("3", 3.0)]
    [InlineData("0", 0.0)]
    [InlineData(" 1.5 ", 1.5)]
    [InlineData("Fri, 31 Jan 2025 12:00:10 GMT", 10.0)]
    [InlineData("Fri, 31 Jan 2025 11:00:00 GMT", 0.0)]
    public void Retry_after_forms(string header, double seconds)
        => Assert.Equal(TimeSpan.FromSeconds(seconds), RetryPolicy.ParseRetryAfter(header, FakeTime.Start));

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5")]
    public void Unreadable_retry_after_falls_back_to_backoff(string header)
        => Assert.Null(RetryPolicy.ParseRetryAfter(header, FakeTime.Start));
}
