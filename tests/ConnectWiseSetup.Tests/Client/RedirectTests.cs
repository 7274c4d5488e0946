#nullable enable
using System.Management.Automation;
using ConnectWiseSetup.Client;
using Newtonsoft.Json.Linq;
using Xunit;

namespace ConnectWiseSetup.Tests.Client;

public class RedirectTests
{
    [Fact]
    public async Task Https_to_http_is_refused()
    {
        var handler = new FakeHandler(r => FakeHandler.Redirect(302, "http://cw.example.com/v2025_1/apis/3.0/system/info"));
        using var client = TestTenant.Client(handler);
        var e = await Assert.ThrowsAsync<CwException>(() => client.GetAsync<JObject>("system/info"));
        Assert.Equal("CwInsecureRedirect", e.ErrorId);
        Assert.Equal(ErrorCategory.SecurityError, e.Category);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Cross_host_redirect_strips_authorization_and_client_id()
    {
        var handler = new FakeHandler(r => r.Uri.Host == "cw.example.com"
            ? FakeHandler.Redirect(307, "https://files.example.org/blob/1")
            : FakeHandler.Ok("{\"ok\":true}"));
        using var client = TestTenant.Client(handler);
        var result = await client.GetAsync<JObject>("system/documents/1/download");
        Assert.True((bool)result["ok"]!);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(TestTenant.Basic, handler.Requests[0].Header("Authorization"));
        Assert.Null(handler.Requests[1].Header("Authorization"));
        Assert.Null(handler.Requests[1].Header("clientId"));
    }

    [Fact]
    public async Task Same_host_redirect_keeps_the_headers()
    {
        var handler = new FakeHandler(r => r.Uri.AbsolutePath.EndsWith("/old")
            ? FakeHandler.Redirect(301, "/v2025_1/apis/3.0/new")
            : FakeHandler.Ok("{}"));
        using var client = TestTenant.Client(handler);
        await client.GetAsync<JObject>("old");
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(TestTenant.Base + "new", handler.Requests[1].Uri.AbsoluteUri);
        Assert.Equal(TestTenant.Basic, handler.Requests[1].Header("Authorization"));
        Assert.Equal(TestTenant.ClientId, handler.Requests[1].Header("clientId"));
    }

    [Fact]
    public async Task See_other_turns_a_post_into_a_get()
    {
        var handler = new FakeHandler(r => r.Method == "POST" ? FakeHandler.Redirect(303, TestTenant.Base + "result/1") : FakeHandler.Ok("{\"id\":1}"));
        using var client = TestTenant.Client(handler);
        await client.PostAsync<JObject>("things", new { name = "a" });
        Assert.Equal("GET", handler.Requests[1].Method);
        Assert.Null(handler.Requests[1].Body);
    }

    [Fact]
    public async Task Temporary_redirect_keeps_method_and_body()
    {
        var handler = new FakeHandler(r => r.Uri.AbsolutePath.EndsWith("/things") ? FakeHandler.Redirect(307, TestTenant.Base + "things2") : FakeHandler.Status(201, "{\"id\":1}"));
        using var client = TestTenant.Client(handler);
        await client.PostAsync<JObject>("things", new { name = "a" });
        Assert.Equal("POST", handler.Requests[1].Method);
        Assert.Equal("{\"name\":\"a\"}", handler.Requests[1].Body);
    }

    [Fact]
    public async Task At_most_five_redirects_are_followed()
    {
        var n = 0;
        var handler = new FakeHandler(r => FakeHandler.Redirect(302, TestTenant.Base + "hop" + Interlocked.Increment(ref n)));
        using var client = TestTenant.Client(handler);
        var e = await Assert.ThrowsAsync<CwException>(() => client.GetAsync<JObject>("start"));
        Assert.Equal("CwInsecureRedirect", e.ErrorId);
        Assert.Equal(6, handler.Requests.Count);
    }

    [Fact]
    public async Task Http_redirect_to_a_non_loopback_host_from_loopback_is_refused()
    {
        var handler = new FakeHandler(r => FakeHandler.Redirect(302, "http://cw.example.com/x"));
        using var client = CwConnector.CreateClient(TestTenant.Options(handler, "http://127.0.0.1:5000"), out _);
        client.BaseUri = new Uri("http://127.0.0.1:5000/v2025_1/apis/3.0/");
        Assert.Equal("CwInsecureRedirect", (await Assert.ThrowsAsync<CwException>(() => client.GetAsync<JObject>("x"))).ErrorId);
        Assert.Single(handler.Requests);
    }
}
