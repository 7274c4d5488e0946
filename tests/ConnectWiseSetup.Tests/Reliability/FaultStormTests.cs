using System.Diagnostics;
using ConnectWiseSetup.Permissions;
using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace ConnectWiseSetup.Tests.Reliability
{
    /// <summary>One reference tenant (clean installs) and a tenant per two storm installs (two different built-in profiles).</summary>
    public sealed class StormFixture : SimulatorFixture
    {
        public const int InstallsPerTenant = 2;
        public static int Installs => ReliabilityScale.StormInstalls;
        public static int StormTenants => (Installs + InstallsPerTenant - 1) / InstallsPerTenant;
        protected override SimulatorOptions Options => new() { Port = 0, TenantCount = 1 + StormTenants, Seed = 5150, SeedSampleData = true };
    }

    /// <summary>
    /// N installs of mixed profiles (CWSETUP_RELIABILITY_SCALE, default 20) under a storm injected with a fixed seed per
    /// tenant: 30 % 429 with Retry-After: 0, 10 % 503, 5 % dropped connections, on every API request. Each install is
    /// driven unattended with the operator playing the guided steps; a run that spends its retry budget must fail with a
    /// clear ErrorRecord, and the rerun converges. Every install ends in the same state as a clean install of its profile,
    /// with no role, member or key made twice.
    /// </summary>
    [Collection(RunAlone.Name)]
    public sealed class FaultStormTests : IClassFixture<StormFixture>
    {
        static readonly string[] ClearErrors = { "CwRateLimited", "CwServerError", "CwConnectionFailed", "CwTimeout" };
        const int MaxRunsPerInstall = 25;

        readonly StormFixture _f;
        readonly ITestOutputHelper _out;
        public FaultStormTests(StormFixture f, ITestOutputHelper output) { _f = f; _out = output; }

        [Fact]
        public async Task Installs_under_429_503_and_dropped_connections_converge_to_the_clean_state_with_nothing_twice()
        {
            var profiles = ProfileCatalog.BuiltInNames.OrderBy(n => n, StringComparer.Ordinal).ToList();
            var reference = _f.Server.Tenants[0];
            var expected = new Dictionary<string, string>();
            using (var clean = _f.ConnectedSession(reference))
                foreach (var p in profiles)
                {
                    var story = new InstallStory(_f, reference, clean, p);
                    Assert.True(story.Drive(5), p + " clean: " + string.Join(" | ", story.Errors));
                    Assert.Empty(story.Errors);
                    expected[p] = InstallStory.Snapshot(_f, reference, p);
                }

            var installs = StormFixture.Installs;
            var watch = Stopwatch.StartNew();
            using var gate = new SemaphoreSlim(10); // tenants stormed at once
            var outcomes = await Task.WhenAll(Enumerable.Range(0, StormFixture.StormTenants).Select(i => Task.Run(async () =>
            {
                await gate.WaitAsync();
                try { return Storm(i); } finally { gate.Release(); }
            })));
            var took = watch.Elapsed;

            (TenantInfo Tenant, List<(string Profile, bool Converged, InstallStory Story)> Results) Storm(int i)
            {
                var t = _f.Server.Tenants[1 + i];
                using var s = new PsSession();
                s.Run(SimulatorFixture.ConnectScript + " -MaxRetryTimeSec 5", _f.ConnectVariables(t)).AssertNoErrors();
                using var op = new OperatorClient(_f.Server.BaseUrl, _f.Server.OperatorToken, t.CompanyId);
                op.SetFaults(new { rate429 = 0.30, retryAfter = "0", rate503 = 0.10, dropRate = 0.05, seed = 7000 + i });
                var mine = Enumerable.Range(0, installs).Where(n => n / StormFixture.InstallsPerTenant == i).Select(n => profiles[n % profiles.Count]).ToList();
                var results = new List<(string Profile, bool Converged, InstallStory Story)>();
                foreach (var p in mine)
                {
                    var story = new InstallStory(_f, t, s, p);
                    results.Add((p, story.Drive(MaxRunsPerInstall), story));
                }
                op.ClearFaults();
                return (t, results);
            }

            int converged = 0, duplicates = 0, failedRuns = 0, runs = 0, faults = 0, requests = 0;
            var unclear = new List<string>();
            var differences = new List<string>();
            foreach (var (t, results) in outcomes)
            {
                var log = _f.Server.GetTenant(t.CompanyId).RequestLog.Where(e => e.Channel == "api").ToList();
                requests += log.Count;
                faults += log.Count(e => e.FaultInjected);
                foreach (var (p, ok, story) in results)
                {
                    runs += story.Runs;
                    failedRuns += story.Errors.Count;
                    foreach (var e in story.Errors)
                    {
                        var id = e.FullyQualifiedErrorId.Split(',')[0];
                        if (!ClearErrors.Contains(id) || string.IsNullOrWhiteSpace(e.Exception.Message)) unclear.Add(id + ": " + e);
                    }
                    var snapshot = InstallStory.Snapshot(_f, t, p);
                    if (ok) converged++;
                    var profile = ProfileCatalog.Resolve(p);
                    var state = _f.Server.GetTenant(t.CompanyId);
                    var roles = state.Collection("system/securityroles").All.Count(r => string.Equals((string)r["name"], profile.RoleName, StringComparison.OrdinalIgnoreCase));
                    var members = state.Collection("system/apiMembers").All.Where(m => string.Equals((string)m["identifier"], profile.MemberIdentifier, StringComparison.OrdinalIgnoreCase)).ToList();
                    using var op = new OperatorClient(_f.Server.BaseUrl, _f.Server.OperatorToken, t.CompanyId);
                    var keys = members.Sum(m => op.GetApiKeys((int)m["id"]).Count);
                    duplicates += Math.Max(0, roles - 1) + Math.Max(0, members.Count - 1) + Math.Max(0, keys - 1);
                    if (snapshot != expected[p]) differences.Add(t.CompanyId + " " + p + (ok ? "" : " (did not converge: " + story.Last?.Status + ")") + ":\n" + snapshot + "\nexpected:\n" + expected[p]);
                }
            }
            _out.WriteLine($"fault storm: {installs} installs on {outcomes.Length} tenants in {took.TotalSeconds:0.0} s, {runs} runs ({failedRuns} ended in an error and were rerun), " +
                           $"{requests} API requests of which {faults} faulted; converged {converged}/{installs}; duplicates {duplicates}; state differences {differences.Count}");
            Assert.Equal(installs, outcomes.Sum(o => o.Results.Count));
            Assert.True(unclear.Count == 0, "errors that are not a clear transient failure: " + string.Join(" | ", unclear.Take(5)));
            Assert.Equal(0, duplicates);
            Assert.True(differences.Count == 0, string.Join("\n----\n", differences.Take(3)));
            Assert.Equal(installs, converged);
            Assert.True(faults > requests / 5, "the storm hardly blew: " + faults + " of " + requests);
        }
    }
}
