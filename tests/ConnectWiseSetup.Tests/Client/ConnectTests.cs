#nullable enable
using System.Management.Automation;
using System.Text;
using ConnectWiseSetup.Client;
using Xunit;

namespace ConnectWiseSetup.Tests.Client;

public class ConnectTests
{
    private static CwConnection Connect(ConnectionOptions options)
        => Task.Run(() => CwConnector.ConnectAsync(options, CancellationToken.None)).GetAwaiter().GetResult();

    [Theory]
    [InlineData("na.myconnectwise.net", "v2025_1/", "https://na.myconnectwise.net/login/companyinfo/contoso", "https://na.myconnectwise.net/v2025_1/apis/3.0/")]
    [InlineData("https://api-na.myconnectwise.net", "/v4_6_release/", "https://api-na.myconnectwise.net/login/companyinfo/contoso", "https://api-na.myconnectwise.net/v4_6_release/apis/3.0/")]
    [InlineData("http://127.0.0.1:5000", "v2025_1", "http://127.0.0.1:5000/login/companyinfo/contoso", "http://127.0.0.1:5000/v2025_1/apis/3.0/")]
    [InlineData("cw.contoso.com:8443", "//v2019_4//", "https://cw.contoso.com:8443/login/companyinfo/contoso", "https://cw.contoso.com:8443/v2019_4/apis/3.0/")]
    public void Discovers_the_codebase_and_builds_the_base_uri(string server, string codebase, string discovery, string baseUri)
    {
        var handler = TestTenant.Site(codebase);
        var options = TestTenant.Options(handler, server);
        using var c = new Disposer(Connect(options));
        Assert.Equal(new Uri(baseUri), c.Connection.BaseUri);
        Assert.Equal(discovery, handler.Requests[0].Uri.AbsoluteUri);
        Assert.Equal(baseUri + "system/info", handler.Requests[1].Uri.AbsoluteUri);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(codebase.Trim('/'), c.Connection.Codebase);
    }

    [Fact]
    public void Codebase_override_skips_discovery()
    {
        var handler = TestTenant.Site();
        var options = TestTenant.Options(handler);
        options.Codebase = "/v4_6_release/";
        using var c = new Disposer(Connect(options));
        Assert.Single(handler.Requests);
        Assert.Equal("https://cw.example.com/v4_6_release/apis/3.0/system/info", handler.Requests[0].Uri.AbsoluteUri);
        Assert.Equal("v4_6_release", c.Connection.Codebase);
        Assert.Null(c.Connection.CompanyName);
    }

    [Fact]
    public void Discovery_sends_no_credentials()
    {
        var handler = TestTenant.Site();
        using var c = new Disposer(Connect(TestTenant.Options(handler)));
        var discovery = handler.Requests[0];
        Assert.Null(discovery.Header("Authorization"));
        Assert.Null(discovery.Header("clientId"));
    }

    [Fact]
    public async Task Api_calls_carry_basic_auth_client_id_and_versioned_accept()
    {
        var handler = TestTenant.Site(more: r => FakeHandler.Ok("{\"id\":1}"));
        using var c = new Disposer(Connect(TestTenant.Options(handler)));
        await c.Connection.Client.GetAsync<Newtonsoft.Json.Linq.JObject>("system/members/1");
        var call = handler.Requests.Last();
        Assert.Equal(TestTenant.Basic, call.Header("Authorization"));
        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(call.Header("Authorization")!.Substring(6)));
        Assert.Equal("contoso+PubKeyAbc123:Priv8KeyXyz789Secret", decoded);
        Assert.Equal(TestTenant.ClientId, call.Header("clientId"));
        Assert.Equal("application/vnd.connectwise.com+json; version=2025.1", call.Header("Accept"));
    }

    [Fact]
    public void Api_version_is_discovered_from_system_info_called_without_a_version()
    {
        var handler = TestTenant.Site();
        using var c = new Disposer(Connect(TestTenant.Options(handler)));
        var info = handler.Requests[1];
        Assert.Equal("application/vnd.connectwise.com+json", info.Header("Accept"));
        Assert.Equal(TestTenant.Basic, info.Header("Authorization"));
        Assert.Equal("2025.1", c.Connection.ApiVersion);
        Assert.Equal("v2025.1.10473", c.Connection.ServerVersion);
    }

    [Fact]
    public void Explicit_api_version_is_used_from_the_first_call()
    {
        var handler = TestTenant.Site();
        var options = TestTenant.Options(handler);
        options.ApiVersion = "2024.2";
        using var c = new Disposer(Connect(options));
        Assert.Equal("application/vnd.connectwise.com+json; version=2024.2", handler.Requests[1].Header("Accept"));
        Assert.Equal("2024.2", c.Connection.ApiVersion);
    }

    [Theory]
    [InlineData("v2025.1.10473", "2025.1")]
    [InlineData("v2019.4.66133", "2019.4")]
    [InlineData("2024.12", "2024.12")]
    [InlineData("v2025.01.1", "2025.1")]
    [InlineData("garbage", null)]
    [InlineData("", null)]
    public void Api_version_of_server_version(string version, string? expected)
        => Assert.Equal(expected, SystemInfo.ApiVersionOf(version));

    [Fact]
    public void Connection_reports_what_discovery_found()
    {
        var handler = TestTenant.Site();
        using var c = new Disposer(Connect(TestTenant.Options(handler, "na.myconnectwise.net")));
        var conn = c.Connection;
        Assert.Equal("na.myconnectwise.net", conn.Server);
        Assert.Equal("Contoso Ltd", conn.CompanyName);
        Assert.Equal("na.myconnectwise.net", conn.SiteUrl);
        Assert.Equal("contoso", conn.CompanyId);
        Assert.Equal(TestTenant.PublicKey, conn.PublicKey);
        Assert.Equal(TestTenant.ClientId, conn.ClientId);
        Assert.True(conn.IsCloud);
        Assert.True(conn.IsOpen);
        Assert.Equal(DateTimeKind.Utc, conn.ConnectedAt.Kind);
        Assert.Equal("contoso@na.myconnectwise.net (v2025_1)", conn.ToString());
    }

    [Fact]
    public void Bad_credentials_give_authentication_failed()
    {
        var handler = new FakeHandler(r => r.Uri.AbsolutePath.StartsWith("/login/")
            ? FakeHandler.Ok(TestTenant.CompanyInfoJson)
            : FakeHandler.Status(401, "{\"code\":\"Unauthorized\",\"message\":\"UserNotAuthenticated\"}"));
        var e = Assert.Throws<CwApiException>(() => Connect(TestTenant.Options(handler)));
        Assert.Equal("CwAuthenticationFailed", e.ErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, e.Category);
        Assert.Equal(401, e.StatusCode);
        Assert.Contains("UserNotAuthenticated", e.Message);
        Assert.DoesNotContain(TestTenant.PrivateKey, e.Message);
        Assert.Equal(2, handler.Requests.Count); // 401 is not retried
    }

    [Theory]
    [InlineData(404, "")]
    [InlineData(200, "null")]
    public void Unknown_company_gives_company_not_found_with_advice(int status, string body)
    {
        var handler = new FakeHandler(r => FakeHandler.Status(status, body));
        var e = Assert.Throws<CwApiException>(() => Connect(TestTenant.Options(handler)));
        Assert.Equal("CwCompanyNotFound", e.ErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, e.Category);
        Assert.Contains("-CompanyId", e.Message);
        Assert.Contains("does not know company 'contoso'", e.Message);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public void Company_info_without_codebase_is_reported()
    {
        var handler = new FakeHandler(r => FakeHandler.Ok("{\"CompanyName\":null,\"Codebase\":null}"));
        var e = Assert.Throws<CwApiException>(() => Connect(TestTenant.Options(handler)));
        Assert.Equal("CwNotFound", e.ErrorId);
        Assert.Contains("-Codebase", e.Message);
    }

    [Fact]
    public void Disposed_client_refuses_calls_with_not_connected()
    {
        var handler = TestTenant.Site();
        var conn = Connect(TestTenant.Options(handler));
        conn.Client.Dispose();
        Assert.False(conn.IsOpen);
        var e = Assert.ThrowsAny<CwException>(() => Task.Run(() => conn.Client.GetAsync<object>("system/info")).GetAwaiter().GetResult());
        Assert.Equal("CwNotConnected", e.ErrorId);
    }

    private sealed class Disposer(CwConnection connection) : IDisposable
    {
        public CwConnection Connection { get; } = connection;
        public void Dispose() => Connection.Client.Dispose();
    }
}
