#nullable enable
using System.Management.Automation;
using ConnectWiseSetup.Client;
using Newtonsoft.Json.Linq;
using Xunit;

namespace ConnectWiseSetup.Tests.Client;

public class SecretsTests
{
    private static readonly string Credential = TestTenant.Basic.Substring("Basic ".Length);

    private static void AssertClean(string? text)
    {
        if (text == null) return;
        Assert.DoesNotContain(TestTenant.PrivateKey, text);
        Assert.DoesNotContain(Credential, text);
        Assert.DoesNotContain("Basic ", text);
        Assert.DoesNotContain("Authorization", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Verbose_lines_name_method_url_and_status_but_never_the_key()
    {
        var log = new LogCapture();
        var n = 0;
        var handler = TestTenant.Site(more: r => Interlocked.Increment(ref n) switch
        {
            1 => FakeHandler.Status(429, "", ("Retry-After", "1")),
            2 => FakeHandler.Ok("[{\"id\":1}]"),
            _ => FakeHandler.Status(400, "{\"code\":\"InvalidObject\",\"message\":\"echo " + Credential + "\"}"),
        });
        var options = TestTenant.Options(handler);
        var connection = await CwConnector.ConnectAsync(options, CancellationToken.None);
        using var client = connection.Client;
        await client.GetListAsync<JObject>("system/members", new ListQuery { Conditions = "identifier = \"x\"" });
        var e = await Assert.ThrowsAsync<CwApiException>(() => client.PostAsync<JObject>("system/members", new { identifier = "x" }));

        Assert.Contains(log.Lines, l => l.StartsWith("GET /login/companyinfo/contoso -> 200"));
        Assert.Contains(log.Lines, l => l.StartsWith("GET /v2025_1/apis/3.0/system/info -> 200") && l.Contains(" ms"));
        Assert.Contains(log.Lines, l => l.StartsWith("GET /v2025_1/apis/3.0/system/members?conditions=") && l.Contains("-> 429"));
        Assert.Contains(log.Lines, l => l.StartsWith("429") && l.Contains("waiting 1.0 s (Retry-After)"));
        Assert.Contains(log.Lines, l => l.StartsWith("POST /v2025_1/apis/3.0/system/members -> 400"));
        foreach (var line in log.Lines) AssertClean(line);
        // A server that echoes the credential back does not get it into our messages.
        AssertClean(e.Message);
        AssertClean(e.ApiMessage);
        AssertClean(e.ToString());
    }

    [Fact]
    public async Task Connection_and_its_properties_never_show_the_private_key()
    {
        var connection = await CwConnector.ConnectAsync(TestTenant.Options(TestTenant.Site()), CancellationToken.None);
        using var client = connection.Client;
        AssertClean(connection.ToString());
        AssertClean(client.ToString());
        foreach (var p in typeof(CwConnection).GetProperties())
        {
            var value = p.GetValue(connection);
            AssertClean(value?.ToString());
        }
        // What PowerShell shows: public properties only, and the internal client is not one of them.
        var ps = PSObject.AsPSObject(connection);
        Assert.DoesNotContain(ps.Properties, p => p.Name == "Client");
        foreach (var p in ps.Properties) AssertClean(p.Value?.ToString());
        AssertClean(Newtonsoft.Json.JsonConvert.SerializeObject(connection, new Newtonsoft.Json.JsonSerializerSettings { ReferenceLoopHandling = Newtonsoft.Json.ReferenceLoopHandling.Ignore }));
    }

    [Fact]
    public async Task Authentication_failure_does_not_echo_the_key()
    {
        var handler = new FakeHandler(r => r.Uri.AbsolutePath.StartsWith("/login/")
            ? FakeHandler.Ok(TestTenant.CompanyInfoJson)
            : FakeHandler.Status(401, "{\"code\":\"Unauthorized\",\"message\":\"Bad key " + Credential + "\"}"));
        var e = await Assert.ThrowsAsync<CwApiException>(() => CwConnector.ConnectAsync(TestTenant.Options(handler), CancellationToken.None));
        Assert.Equal("CwAuthenticationFailed", e.ErrorId);
        for (Exception? x = e; x != null; x = x.InnerException) { AssertClean(x.Message); }
        AssertClean(e.ToErrorRecord().ToString());
    }

    [Fact]
    public void Basic_credential_is_built_from_the_secure_string()
        => Assert.Equal(Credential, SecretHelper.BasicCredential(TestTenant.CompanyId, TestTenant.PublicKey, SecretHelper.ToSecureString(TestTenant.PrivateKey)));
}
