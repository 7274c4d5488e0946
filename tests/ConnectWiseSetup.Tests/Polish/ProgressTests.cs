using System.Collections.Concurrent;
using System.Management.Automation;
using System.Net;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;

namespace ConnectWiseSetup.Tests.Polish
{
    /// <summary>Progress for what can take seconds in any cmdlet: a wait before a retry, and a list of several pages.</summary>
    public sealed class ProgressTests : IClassFixture<SimulatorFixture>
    {
        readonly SimulatorFixture _f;
        public ProgressTests(SimulatorFixture f) { _f = f; }

        [Fact]
        public void A_Retry_After_wait_shows_a_progress_bar_that_is_completed_when_the_request_goes_again()
        {
            var t = _f.Server.Tenants[0];
            using var s = _f.ConnectedSession(t);
            _f.Server.GetTenant(t.CompanyId).SetFaults(new FaultSettings
            {
                PathPrefix = "/system/securityroles",
                Script = new() { new ScriptedFault { Status = 429, RetryAfter = "1" } },
            });
            try
            {
                var r = s.Run("Get-CwSecurityRole");
                r.AssertNoErrors();
                Assert.NotEmpty(r.Output);
                var bars = r.Progress.Where(p => p.ActivityId == ProgressIds.RetryWait).ToList();
                Assert.True(bars.Count >= 2, string.Join(" | ", r.Progress.Select(p => p.Activity + ": " + p.StatusDescription)));
                Assert.Equal(ProgressRecordType.Processing, bars[0].RecordType);
                Assert.Contains("429", bars[0].StatusDescription);
                Assert.Contains("retry 1 of", bars[0].StatusDescription);
                Assert.Equal(ProgressRecordType.Completed, bars[^1].RecordType);
            }
            finally { _f.Server.GetTenant(t.CompanyId).ClearFaults(); }
        }

        [Fact]
        public async Task A_list_of_several_pages_says_how_far_it_got_and_completes()
        {
            var t = _f.Server.Tenants[1];
            using (var op = new OperatorClient(_f.Server.BaseUrl, _f.Server.OperatorToken, t.CompanyId)) op.AddCompanies(30);
            var conn = await CwConnector.ConnectAsync(new ConnectionOptions
            {
                Server = _f.ServerUrl, CompanyId = t.CompanyId, PublicKey = t.PublicKey,
                PrivateKey = new NetworkCredential("", t.PrivateKey).SecurePassword, ClientId = t.ClientId,
            }, CancellationToken.None);
            var seen = new ConcurrentQueue<ClientLogEntry>();
            ClientLog.Sink = seen.Enqueue;
            try
            {
                var all = await conn.Client.GetListAsync<JObject>("company/companies", new ListQuery { PageSize = 10 }, CancellationToken.None);
                Assert.True(all.Count >= 30);
            }
            finally { ClientLog.Sink = null; }
            var bars = seen.Where(e => e.Kind == ClientLogKind.Progress && e.Progress.ActivityId == ProgressIds.ListPages).Select(e => e.Progress).ToList();
            Assert.Contains(bars, b => b.StatusDescription.StartsWith("page 2, 10 records", StringComparison.Ordinal));
            Assert.Equal(ProgressRecordType.Completed, bars[^1].RecordType);
            Assert.Single(bars, b => b.RecordType == ProgressRecordType.Completed);

            // One page: no bar at all.
            seen.Clear();
            ClientLog.Sink = seen.Enqueue;
            try { await conn.Client.GetListAsync<JObject>("company/companies", new ListQuery { PageSize = 1000 }, CancellationToken.None); }
            finally { ClientLog.Sink = null; }
            Assert.DoesNotContain(seen, e => e.Kind == ClientLogKind.Progress);
        }
    }
}
