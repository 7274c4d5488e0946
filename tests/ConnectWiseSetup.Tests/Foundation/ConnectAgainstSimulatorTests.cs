using System.Diagnostics;
using System.Management.Automation;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;

namespace ConnectWiseSetup.Tests.Foundation
{
    /// <summary>Connect-CwManage and the connection object, in a hosted runspace against the simulator.</summary>
    [Collection(RunAlone.Name)]
    public class ConnectAgainstSimulatorTests : IClassFixture<SimulatorFixture>
    {
        readonly SimulatorFixture _sim;
        public ConnectAgainstSimulatorTests(SimulatorFixture sim) { _sim = sim; }

        TenantInfo Tenant(int i) => _sim.Server.Tenants[i];
        IReadOnlyList<RequestLogEntry> Log(TenantInfo t) => _sim.Server.GetTenant(t.CompanyId).RequestLog;

        [Fact]
        public void Connect_discovers_the_codebase_and_the_servers_api_version()
        {
            var t = Tenant(0);
            using var ps = new PsSession();
            var before = Log(t).Count;
            var r = ps.Run(SimulatorFixture.ConnectScript + " -PassThru", _sim.ConnectVariables(t));
            r.AssertNoErrors();
            var conn = r.Single<CwConnection>();
            Assert.Equal("v2025_1", conn.Codebase.Trim('/'));
            Assert.Equal("2025.1", conn.ApiVersion);
            Assert.Equal(t.CompanyId, conn.CompanyId);
            Assert.Equal(t.PublicKey, conn.PublicKey);
            Assert.EndsWith("/v2025_1/apis/3.0/", conn.BaseUri.ToString());
            var requests = Log(t).Skip(before).Select(e => e.Path).ToList();
            Assert.Contains(requests, p => p.Contains("/login/companyinfo/" + t.CompanyId, StringComparison.OrdinalIgnoreCase));
            Assert.Contains(requests, p => p.EndsWith("/apis/3.0/system/info", StringComparison.OrdinalIgnoreCase));

            // The connection is current in this runspace: Get-CwConnection returns the same object.
            var again = ps.Run("Get-CwConnection");
            Assert.Same(conn, again.Single<CwConnection>());
        }

        [Fact]
        public void A_pinned_version_and_codebase_skip_discovery()
        {
            var t = Tenant(0);
            using var ps = new PsSession();
            var before = Log(t).Count;
            var r = ps.Run(SimulatorFixture.ConnectScript + " -ApiVersion 2024.1 -Codebase v4_6_release -PassThru", _sim.ConnectVariables(t));
            r.AssertNoErrors();
            var conn = r.Single<CwConnection>();
            Assert.Equal("2024.1", conn.ApiVersion);
            Assert.Contains("/v4_6_release/apis/3.0/", conn.BaseUri.ToString());
            var requests = Log(t).Skip(before).ToList();
            Assert.DoesNotContain(requests, e => e.Path.Contains("companyinfo", StringComparison.OrdinalIgnoreCase));
            Assert.All(requests, e => Assert.Equal(200, e.Status));
        }

        [Fact]
        public void The_connection_object_shows_everything_but_the_private_key()
        {
            var t = Tenant(0);
            using var ps = new PsSession();
            var r = ps.Run(SimulatorFixture.ConnectScript + " -PassThru -Verbose; Get-CwConnection | ForEach-Object { $_.ToString(); $_.PSObject.Properties | ForEach-Object { \"$($_.Name)=$($_.Value)\" } }", _sim.ConnectVariables(t));
            r.AssertNoErrors();
            var text = r.AllText();
            Assert.Contains(t.PublicKey, text);
            Assert.Contains(t.CompanyId, text);
            Assert.DoesNotContain(t.PrivateKey, text);
            Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(t.CompanyId + "+" + t.PublicKey + ":" + t.PrivateKey)), text);
            Assert.Contains(r.Verbose, v => v.Message.Contains("GET") && v.Message.Contains("system/info") && v.Message.Contains("200"));
        }

        [Fact]
        public void A_wrong_key_is_an_authentication_error_with_a_stable_id_and_no_secret()
        {
            var t = Tenant(1);
            using var ps = new PsSession();
            var vars = _sim.ConnectVariables(t);
            const string wrongPrivate = "WrongPrivateKey0";
            vars["Cred"] = SimulatorFixture.Credential(t.PublicKey, wrongPrivate);
            var r = ps.Run(SimulatorFixture.ConnectScript + " -Verbose -Debug", vars);
            var e = r.SingleError();
            Assert.Equal("CwAuthenticationFailed", e.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(ErrorCategory.AuthenticationError, e.CategoryInfo.Category);
            Assert.DoesNotContain(wrongPrivate, r.AllText());
            Assert.Contains(Log(t), x => x.Status == 401);
            // Nothing became current.
            Assert.Empty(ps.Run("Get-CwConnection").Output);
        }

        [Theory]
        [InlineData("-ClientId ''", "CwClientIdRequired")]
        [InlineData("-ClientId 'not-a-guid'", "CwInvalidClientId")]
        [InlineData("-CompanyId ''", "CwInvalidCompanyId")]
        [InlineData("-CompanyId '   '", "CwInvalidCompanyId")]
        [InlineData("-Server 'http://cw.example.com'", "CwInsecureServer")]
        [InlineData("-ApiVersion 'latest'", "CwInvalidApiVersion")]
        public void Bad_input_is_refused_before_any_request(string overrideArgs, string errorId)
        {
            var t = Tenant(2);
            using var ps = new PsSession();
            var vars = _sim.ConnectVariables(t);
            // Build the call with the override replacing the default argument of the same name.
            var name = overrideArgs.Split(' ')[0];
            var args = new List<string> { "-Server $Server", "-CompanyId $CompanyId", "-ClientId $ClientId", "-Credential $Cred" }
                .Where(a => !a.StartsWith(name + " ", StringComparison.Ordinal)).Append(overrideArgs);
            var before = _sim.Server.GlobalRequestLog.Count;
            var previous = Environment.GetEnvironmentVariable("CONNECTWISE_CLIENTID");
            Environment.SetEnvironmentVariable("CONNECTWISE_CLIENTID", null);
            try
            {
                var r = ps.Run("Connect-CwManage " + string.Join(" ", args), vars);
                Assert.Equal(errorId, r.SingleError().FullyQualifiedErrorId.Split(',')[0]);
            }
            finally { Environment.SetEnvironmentVariable("CONNECTWISE_CLIENTID", previous); }
            Assert.Equal(before, _sim.Server.GlobalRequestLog.Count);
        }

        [Fact]
        public async Task Stopping_a_pipeline_during_a_slow_request_returns_within_a_second()
        {
            var t = Tenant(3);
            using var op = new OperatorClient(_sim.Server.BaseUrl, _sim.Server.OperatorToken, t.CompanyId);
            op.SetFaults(new { latencyMs = 20000, pathPrefix = "/system/info" });
            try
            {
                using var ps = new PsSession();
                var run = ps.RunAsync(SimulatorFixture.ConnectScript + " -Codebase v2025_1", _sim.ConnectVariables(t));
                // Let the request get in flight (the simulator holds it for 20 s), then stop as Ctrl+C would.
                await Task.Delay(700);
                Assert.False(run.IsCompleted);
                var watch = Stopwatch.StartNew();
                ps.Stop();
                var r = await run;
                watch.Stop();
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), "stop took " + watch.Elapsed);
                Assert.IsType<PipelineStoppedException>(r.Terminating);
            }
            finally { op.ClearFaults(); }
        }

        [Fact]
        public void Runspaces_keep_their_own_current_connection()
        {
            using var a = _sim.ConnectedSession(Tenant(0));
            using var b = _sim.ConnectedSession(Tenant(1));
            Assert.Equal(Tenant(0).CompanyId, a.Run("(Get-CwConnection).CompanyId").Output.Single().BaseObject);
            Assert.Equal(Tenant(1).CompanyId, b.Run("(Get-CwConnection).CompanyId").Output.Single().BaseObject);
            b.Run("Disconnect-CwManage").AssertNoErrors();
            Assert.Empty(b.Run("Get-CwConnection").Output);
            Assert.Single(a.Run("Get-CwConnection").Output);
        }
    }
}
