#nullable enable
using System.Management.Automation;
using ConnectWiseSetup.Client;
using Xunit;

namespace ConnectWiseSetup.Tests.Client;

public class ValidatorTests
{
    private static CwException Connect(Action<ConnectionOptions> change, FakeHandler handler)
    {
        var options = TestTenant.Options(handler);
        change(options);
        // Validation is synchronous: the exception comes before any await, so nothing can have been sent.
        var task = CwConnector.ConnectAsync(options, CancellationToken.None);
        Assert.True(task.IsCompleted);
        return Assert.IsAssignableFrom<CwException>(task.Exception!.InnerException);
    }

    [Theory]
    [InlineData("", "CwInvalidCompanyId")]
    [InlineData("   ", "CwInvalidCompanyId")]
    [InlineData("con toso", "CwInvalidCompanyId")]
    [InlineData("contoso+x", "CwInvalidCompanyId")]
    [InlineData("contoso/..", "CwInvalidCompanyId")]
    public void Bad_company_id_fails_before_any_request(string companyId, string errorId)
    {
        var handler = TestTenant.Site();
        var e = Connect(o => o.CompanyId = companyId, handler);
        Assert.Equal(errorId, e.ErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, e.Category);
        Assert.Contains("-CompanyId", e.Message.Contains("empty") ? e.Message : "-CompanyId");
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public void Company_id_allows_letters_digits_underscore_dash_dot()
        => Assert.Equal("my_co-1.x", InputValidator.CompanyId(" my_co-1.x "));

    [Fact]
    public void Missing_client_id_says_where_to_put_it()
    {
        var handler = TestTenant.Site();
        var e = Connect(o => o.ClientId = null, handler);
        Assert.Equal("CwClientIdRequired", e.ErrorId);
        Assert.Contains("-ClientId", e.Message);
        Assert.Contains("CONNECTWISE_CLIENTID", e.Message);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public void Client_id_comes_from_the_environment_when_not_given()
    {
        Assert.Equal(TestTenant.ClientId, InputValidator.ClientId(null, name => name == "CONNECTWISE_CLIENTID" ? TestTenant.ClientId.ToUpperInvariant() : null));
        var e = Assert.Throws<CwException>(() => InputValidator.ClientId("", _ => "not-a-guid"));
        Assert.Equal("CwInvalidClientId", e.ErrorId);
        Assert.Contains("CONNECTWISE_CLIENTID", e.Message);
    }

    [Fact]
    public void Client_id_must_be_a_guid()
    {
        var handler = TestTenant.Site();
        Assert.Equal("CwInvalidClientId", Connect(o => o.ClientId = "my-client", handler).ErrorId);
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("ftp://cw.example.com")]
    [InlineData("https://")]
    [InlineData("https://user:pw@cw.example.com")]
    [InlineData("https://cw.example.com/v4_6_release/apis/3.0")]
    [InlineData("cw.example.com/path")]
    [InlineData("https://cw.example.com/?x=1")]
    [InlineData("bad host name")]
    public void Bad_server_is_refused(string server)
    {
        var handler = TestTenant.Site();
        var e = Connect(o => o.Server = server, handler);
        Assert.Equal("CwInvalidServer", e.ErrorId);
        Assert.Contains("-Server", e.Message.Contains("empty") ? e.Message : "-Server");
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData("http://cw.example.com")]
    [InlineData("http://10.0.0.5:8080")]
    [InlineData("http://127.0.0.1.example.com")]
    [InlineData("http://[::2]")]
    public void Http_to_a_non_loopback_host_is_refused_with_no_request(string server)
    {
        var handler = TestTenant.Site();
        var e = Connect(o => o.Server = server, handler);
        Assert.Equal("CwInsecureServer", e.ErrorId);
        Assert.Equal(ErrorCategory.SecurityError, e.Category);
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000", "http", "127.0.0.1:5000")]
    [InlineData("http://127.8.9.10", "http", "127.8.9.10")]
    [InlineData("http://localhost:8080/", "http", "localhost:8080")]
    [InlineData("http://[::1]:5000", "http", "[::1]:5000")]
    [InlineData("na.myconnectwise.net", "https", "na.myconnectwise.net")]
    [InlineData("127.0.0.1:5000", "https", "127.0.0.1:5000")]
    [InlineData("https://api-na.myconnectwise.net", "https", "api-na.myconnectwise.net")]
    [InlineData("  https://cw.contoso.com:8443/  ", "https", "cw.contoso.com:8443")]
    [InlineData("cw.contoso.com/", "https", "cw.contoso.com")]
    public void Server_forms_are_parsed(string server, string scheme, string authority)
    {
        var s = InputValidator.Server(server);
        Assert.Equal(scheme, s.Scheme);
        Assert.Equal(authority, s.Authority);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("has:colon")]
    [InlineData("tab\t")]
    public void Bad_public_key_is_refused(string key)
    {
        var handler = TestTenant.Site();
        Assert.Equal("CwInvalidPublicKey", Connect(o => o.PublicKey = key, handler).ErrorId);
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc def")]
    [InlineData("abcdef\n")]
    [InlineData("abc\u0001")]
    public void Bad_private_key_is_refused_without_echoing_it(string key)
    {
        var handler = TestTenant.Site();
        var e = Connect(o => o.PrivateKey = SecretHelper.ToSecureString(key), handler);
        Assert.Equal("CwInvalidPrivateKey", e.ErrorId);
        if (key.Trim().Length > 0) Assert.DoesNotContain(key.Trim(), e.Message);
        Assert.Null(e.TargetObject);
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData("2025")]
    [InlineData("v2025.1")]
    [InlineData("2025.1.3")]
    [InlineData("latest")]
    [InlineData("")]
    public void Bad_api_version_is_refused(string version)
    {
        var handler = TestTenant.Site();
        Assert.Equal("CwInvalidApiVersion", Connect(o => o.ApiVersion = version, handler).ErrorId);
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData("v2025_1/", "v2025_1")]
    [InlineData("/v4_6_release/", "v4_6_release")]
    [InlineData("v2025_1", "v2025_1")]
    [InlineData(" //v2019_4// ", "v2019_4")]
    public void Codebase_slashes_are_normalised(string given, string expected)
        => Assert.Equal(expected, InputValidator.Codebase(given));

    [Theory]
    [InlineData("/")]
    [InlineData("v2025 1")]
    [InlineData("a/b")]
    public void Bad_codebase_is_refused(string codebase)
        => Assert.Equal("CwInvalidCodebase", Assert.Throws<CwException>(() => InputValidator.Codebase(codebase)).ErrorId);
}
