using System.Management.Automation;
using System.Net;
using System.Text;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Tests.Client;
using ConnectWiseSetup.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;
using Xunit;

namespace ConnectWiseSetup.Tests.Reliability
{
    /// <summary>
    /// Transport rules against real loopback servers (Kestrel), not a fake handler: a redirect from https to http is
    /// refused, a redirect to another host does not carry the credentials, and an untrusted certificate is an error.
    /// </summary>
    public sealed class TransportTests
    {
        const string Api = "/v2025_1/apis/3.0/";

        static Task Json(HttpContext ctx, int status, string json)
        {
            ctx.Response.StatusCode = status;
            ctx.Response.ContentType = "application/json";
            return ctx.Response.WriteAsync(json);
        }

        static Task Redirect(HttpContext ctx, int status, string location)
        {
            ctx.Response.StatusCode = status;
            ctx.Response.Headers.Location = location;
            return Task.CompletedTask;
        }

        [Fact]
        public async Task A_real_TLS_server_redirecting_to_http_is_refused_and_the_http_side_hears_nothing()
        {
            using var certificate = Certificates.CreateSelfSigned(out var pfx);
            using (pfx)
            {
                await using var plain = await LoopbackServer.StartAsync(IPAddress.Loopback, ctx => Json(ctx, 200, TestTenant.SystemInfoJson));
                await using var tls = await LoopbackServer.StartAsync(IPAddress.Loopback,
                    ctx => Redirect(ctx, 302, plain.Url + Api.TrimStart('/') + "system/info"), pfx);

                // The client trusts this one certificate (as a machine trusts its CA); validation itself stays on.
                var handler = new HttpClientHandler
                {
                    AllowAutoRedirect = false,
                    ServerCertificateCustomValidationCallback = (_, cert, _, errors) =>
                        errors == System.Net.Security.SslPolicyErrors.None || cert?.Thumbprint == certificate.Thumbprint,
                };
                var options = TestTenant.Options(handler, tls.Url.ToString().TrimEnd('/'), TimeProvider.System);
                using var client = CwConnector.CreateClient(options, out _);
                client.BaseUri = new Uri(tls.Url, Api);

                var e = await Assert.ThrowsAsync<CwException>(() => client.GetAsync<JObject>("system/info"));
                Assert.Equal(ErrorIds.InsecureRedirect, e.ErrorId);
                Assert.Equal(ErrorCategory.SecurityError, e.Category);
                Assert.Contains("https to http", e.Message);
                var asked = Assert.Single(tls.Requests);                      // the TLS request was made (with its credentials)...
                Assert.Equal(TestTenant.Basic, asked.Headers["Authorization"]);
                Assert.Empty(plain.Requests);                                  // ...and nothing followed it to http
            }
        }

        [Theory]
        [InlineData("127.0.0.2")]   // another loopback address
        [InlineData("localhost")]   // another host name for the same machine
        public async Task A_redirect_to_another_host_does_not_carry_the_credentials(string otherHost)
        {
            var otherAddress = otherHost == "localhost" ? IPAddress.Loopback : IPAddress.Parse(otherHost);
            await using var other = await LoopbackServer.StartAsync(otherAddress, ctx => Json(ctx, 200, TestTenant.SystemInfoJson));
            var otherUrl = "http://" + otherHost + ":" + other.Url.Port;
            await using var site = await LoopbackServer.StartAsync(IPAddress.Loopback, ctx =>
            {
                var path = ctx.Request.Path.Value;
                if (path == "/login/companyinfo/contoso") return Json(ctx, 200, TestTenant.CompanyInfoJson);
                if (path == Api + "system/info") return Redirect(ctx, 307, otherUrl + Api + "system/info");
                return Json(ctx, 404, "{\"code\":\"NotFound\",\"message\":\"no route\"}");
            });

            using var ps = new PsSession();
            var r = ps.Run("Connect-CwManage -Server $S -CompanyId contoso -ClientId $C -Credential $K -PassThru", new()
            {
                ["S"] = site.Url.ToString().TrimEnd('/'),
                ["C"] = TestTenant.ClientId,
                ["K"] = SimulatorFixture.Credential(TestTenant.PublicKey, TestTenant.PrivateKey),
            });

            var first = Assert.Single(site.Requests, q => q.Path == Api + "system/info");
            Assert.Equal(TestTenant.Basic, first.Headers["Authorization"]);
            Assert.Equal(TestTenant.ClientId, first.Headers["clientId"]);
            var followed = Assert.Single(other.Requests);
            Assert.Equal(Api + "system/info", followed.Path);
            Assert.False(followed.Headers.ContainsKey("Authorization"), "Authorization went to " + otherHost);
            Assert.False(followed.Headers.ContainsKey("clientId"), "clientId went to " + otherHost);
            Assert.DoesNotContain(TestTenant.PrivateKey, string.Join("\n", followed.Headers.Values));
            r.AssertNoErrors(); // the other host answered /system/info without credentials, which is all the connection check asks
        }

        [Fact]
        public async Task An_untrusted_certificate_fails_the_connect_at_once_with_a_connection_error_naming_the_certificate()
        {
            await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions { Port = 0, Https = true, Seed = 99 });
            var t = sim.Tenants[0];
            using var ps = new PsSession();
            var run = ps.RunAsync(SimulatorFixture.ConnectScript + " -PassThru -Verbose", new()
            {
                ["Server"] = sim.BaseUrl.ToString().TrimEnd('/'),
                ["CompanyId"] = t.CompanyId,
                ["ClientId"] = t.ClientId,
                ["Cred"] = SimulatorFixture.Credential(t.PublicKey, t.PrivateKey),
            });
            // A guard against a hang, not a timing assertion: the default retry budget is 60 s.
            Assert.Same(run, await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(45))));
            var r = await run;

            Assert.Empty(r.Output);
            var e = r.SingleError();
            var id = e.FullyQualifiedErrorId.Split(',')[0];
            Assert.True(id == ErrorIds.ConnectionFailed || id == ErrorIds.InsecureServer, id + ": " + e);
            Assert.Contains("certificate", e.Exception.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(ErrorCategory.ConnectionError, e.CategoryInfo.Category);
            Assert.Null(ps.Run("Get-CwConnection -ErrorAction SilentlyContinue").Output.FirstOrDefault()?.BaseObject);
            // One attempt: a certificate does not become trusted by asking again (no back-off retries).
            Assert.Single(r.Verbose, v => v.Message.Contains("no response"));
            // The TLS handshake failed, so no HTTP request (and no credential) ever reached the server.
            Assert.DoesNotContain(sim.GlobalRequestLog, q => q.Channel == "api");
        }
    }
}
