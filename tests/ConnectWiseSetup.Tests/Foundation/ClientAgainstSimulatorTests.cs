using System.Net;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;

namespace ConnectWiseSetup.Tests.Foundation
{
    /// <summary>The client's paging, retries and secrets against the simulator (real HTTP on loopback).</summary>
    public class ClientAgainstSimulatorTests : IClassFixture<SimulatorFixture>
    {
        readonly SimulatorFixture _sim;
        public ClientAgainstSimulatorTests(SimulatorFixture sim) { _sim = sim; }

        CwConnection Connect(TenantInfo t) => CwConnector.ConnectAsync(new ConnectionOptions
        {
            Server = _sim.ServerUrl,
            CompanyId = t.CompanyId,
            PublicKey = t.PublicKey,
            PrivateKey = new NetworkCredential("", t.PrivateKey).SecurePassword,
            ClientId = t.ClientId,
        }, CancellationToken.None).GetAwaiter().GetResult();

        OperatorClient Operator(TenantInfo t) => new(_sim.Server.BaseUrl, _sim.Server.OperatorToken, t.CompanyId);
        List<RequestLogEntry> LogSince(TenantInfo t, int from) => _sim.Server.GetTenant(t.CompanyId).RequestLog.Skip(from).ToList();

        [Fact]
        public async Task Paging_brings_back_2500_records_whole_in_3_requests()
        {
            var t = _sim.Server.Tenants[0];
            using var op = Operator(t);
            var existing = _sim.Server.GetTenant(t.CompanyId).GetRecords("company/companies").Count;
            op.AddCompanies(2500 - existing);
            var conn = Connect(t);
            var before = _sim.Server.GetTenant(t.CompanyId).RequestLog.Count;
            var all = await conn.Client.GetListAsync<JObject>("company/companies", new ListQuery { Fields = new List<string> { "id", "name" } }, CancellationToken.None);
            Assert.Equal(2500, all.Count);
            Assert.Equal(2500, all.Select(c => (int)c["id"]).Distinct().Count());
            var requests = LogSince(t, before);
            Assert.Equal(3, requests.Count);
            Assert.All(requests, r => Assert.Contains("pageSize=1000", r.Query));
        }

        [Fact]
        public async Task A_429_with_Retry_After_is_honoured()
        {
            var t = _sim.Server.Tenants[1];
            var conn = Connect(t);
            using var op = Operator(t);
            op.SetFaults(new { script = new[] { new { status = 429, retryAfter = "1" } }, pathPrefix = "/system/info" });
            try
            {
                var before = _sim.Server.GetTenant(t.CompanyId).RequestLog.Count;
                var info = await conn.Client.GetAsync<JObject>("system/info", CancellationToken.None);
                Assert.NotNull(info["version"]);
                var requests = LogSince(t, before);
                Assert.Equal(new[] { 429, 200 }, requests.Select(r => r.Status));
                // The second request started no sooner than Retry-After after the first one ended.
                Assert.True(requests[1].Time - requests[0].Time >= TimeSpan.FromMilliseconds(950), "waited only " + (requests[1].Time - requests[0].Time));
            }
            finally { op.ClearFaults(); }
        }

        [Fact]
        public async Task A_GET_is_retried_on_503_and_a_POST_is_not()
        {
            var t = _sim.Server.Tenants[2];
            var conn = Connect(t);
            using var op = Operator(t);
            try
            {
                op.SetFaults(new { script = new[] { new { status = 503 } }, methods = new[] { "GET" }, pathPrefix = "/company/companies" });
                var before = _sim.Server.GetTenant(t.CompanyId).RequestLog.Count;
                var page = await conn.Client.GetListAsync<JObject>("company/companies", new ListQuery { PageSize = 5, MaxItems = 5 }, CancellationToken.None);
                Assert.NotEmpty(page);
                Assert.Equal(new[] { 503, 200 }, LogSince(t, before).Select(r => r.Status));

                op.SetFaults(new { script = new[] { new { status = 503 } }, methods = new[] { "POST" }, pathPrefix = "/system/securityroles" });
                before = _sim.Server.GetTenant(t.CompanyId).RequestLog.Count;
                var ex = await Assert.ThrowsAsync<CwApiException>(() => conn.Client.PostAsync<JObject>("system/securityroles", new { name = "Retry Probe" }, CancellationToken.None));
                Assert.Equal(503, ex.StatusCode);
                Assert.Equal("CwServerError", ex.ErrorId);
                Assert.Single(LogSince(t, before));
                // ConnectWise did not create it (the simulator refused before processing), and nothing was sent twice.
                Assert.DoesNotContain(_sim.Server.GetTenant(t.CompanyId).GetRecords("system/securityroles"), r => (string)r["name"] == "Retry Probe");
            }
            finally { op.ClearFaults(); }
        }

        [Fact]
        public void The_request_log_never_holds_credentials()
        {
            var t = _sim.Server.Tenants[3];
            Connect(t);
            var json = JToken.FromObject(_sim.Server.GlobalRequestLog).ToString();
            Assert.DoesNotContain(t.PrivateKey, json);
            Assert.DoesNotContain("Basic ", json);
        }
    }
}
