using System.Diagnostics;
using System.Text.RegularExpressions;
using ConnectWiseSetup.Permissions;
using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace ConnectWiseSetup.Tests.Reliability
{
    /// <summary>
    /// Crash at every step: an unattended install (with the operator playing the guided steps) makes N API requests. For
    /// every k from 1 to N the k-th request is broken with the fault script, on a fresh tenant, with no retry budget, so
    /// the run stops there: (a) the connection is dropped before the simulator processes it (the install stopped after
    /// request k-1), and (b) the simulator processes it and the answer is broken (the install stopped after request k:
    /// "did my POST land?"). Then the faults are cleared and the install is rerun: every case must reach the clean
    /// install's end state with nothing made twice. CI runs MspProcess; CWSETUP_RELIABILITY_SCALE ≥ 100 runs every profile.
    /// </summary>
    [Collection(RunAlone.Name)]
    public sealed class CrashEveryStepTests
    {
        readonly ITestOutputHelper _out;
        public CrashEveryStepTests(ITestOutputHelper output) { _out = output; }

        static string[] Profiles => ReliabilityScale.Large ? ProfileCatalog.BuiltInNames.OrderBy(n => n, StringComparer.Ordinal).ToArray() : new[] { "MspProcess" };

        static string Shape(RequestLogEntry e) => e.Method + " " + Regex.Replace(e.Path, "[0-9]+", "#");

        [Fact]
        public async Task Stopped_after_every_request_k_of_an_install_the_rerun_reaches_the_clean_state_with_nothing_twice()
        {
            // The clean install, twice on fresh tenants: its requests, and proof that they are the same each time.
            var expected = new Dictionary<string, (string Snapshot, int Requests)>();
            var reference = new AdHocSimulator(new SimulatorOptions { Port = 0, TenantCount = 2 * Profiles.Length, Seed = 2024, SeedSampleData = false });
            await reference.InitializeAsync();
            try
            {
                for (var p = 0; p < Profiles.Length; p++)
                {
                    var shapes = new List<List<string>>();
                    string snapshot = null;
                    for (var copy = 0; copy < 2; copy++)
                    {
                        var t = reference.Server.Tenants[2 * p + copy];
                        using var s = new PsSession();
                        s.Run(SimulatorFixture.ConnectScript + " -MaxRetryTimeSec 0", reference.ConnectVariables(t)).AssertNoErrors();
                        var start = reference.Server.GetTenant(t.CompanyId).RequestLog.Select(e => e.Seq).DefaultIfEmpty(0).Max();
                        var story = new InstallStory(reference, t, s, Profiles[p]);
                        Assert.True(story.Drive(5), Profiles[p] + ": " + string.Join(" | ", story.Errors));
                        shapes.Add(reference.Server.GetTenant(t.CompanyId).RequestLog.Where(e => e.Seq > start && e.Channel == "api").Select(Shape).ToList());
                        snapshot = InstallStory.Snapshot(reference, t, Profiles[p]);
                    }
                    // Independent reads go out together (the role and member lookups, the member's reference lists), so their
                    // order may vary; the requests themselves, and so N, may not. The writes are never concurrent.
                    Assert.Equal(shapes[0].OrderBy(x => x, StringComparer.Ordinal), shapes[1].OrderBy(x => x, StringComparer.Ordinal));
                    Assert.Equal(shapes[0].Where(x => !x.StartsWith("GET ", StringComparison.Ordinal)), shapes[1].Where(x => !x.StartsWith("GET ", StringComparison.Ordinal)));
                    expected[Profiles[p]] = (snapshot, shapes[0].Count);
                    _out.WriteLine(Profiles[p] + ": a clean install makes " + shapes[0].Count + " API requests: " + string.Join(", ", shapes[0]));
                }
            }
            finally { await reference.DisposeAsync(); }

            var cases = Profiles.SelectMany(p => Enumerable.Range(1, expected[p].Requests).SelectMany(k => new[] { (Profile: p, K: k, Drop: true), (Profile: p, K: k, Drop: false) })).ToList();
            var sim = new AdHocSimulator(new SimulatorOptions { Port = 0, TenantCount = cases.Count, Seed = 2024, SeedSampleData = false });
            await sim.InitializeAsync();
            try
            {
                var watch = Stopwatch.StartNew();
                using var gate = new SemaphoreSlim(4);
                var outcomes = await Task.WhenAll(cases.Select((c, i) => Task.Run(async () =>
                {
                    await gate.WaitAsync();
                    try { return Crash(sim, sim.Server.Tenants[i], c.Profile, c.K, c.Drop); }
                    finally { gate.Release(); }
                })));

                var failures = new List<string>();
                foreach (var (c, o) in cases.Zip(outcomes))
                {
                    var name = c.Profile + " k=" + c.K + (c.Drop ? " dropped" : " processed, answer broken");
                    // A broken body on an error answer (the readiness check's 404 probe) is still read by its status, as a server that sends
                    // non-JSON error bodies must be: it need not stop the run. Any other broken answer must.
                    if (!o.Stopped && !(o.BrokenStatus >= 400)) failures.Add(name + ": the broken request (" + o.Broken + ") did not stop the install");
                    if (!o.Converged) failures.Add(name + ": the rerun did not complete: " + o.Detail);
                    else if (o.Snapshot != expected[c.Profile].Snapshot) failures.Add(name + ": end state differs:\n" + o.Snapshot + "\nexpected:\n" + expected[c.Profile].Snapshot);
                }
                var dropped = outcomes.Where((o, i) => cases[i].Drop).ToList();
                var processed = outcomes.Where((o, i) => !cases[i].Drop).ToList();
                _out.WriteLine($"crash at every step: {string.Join(", ", Profiles.Select(p => p + " N=" + expected[p].Requests))}; " +
                               $"dropped before processing: {dropped.Count(o => o.Converged && o.Snapshot == expected[o.Profile].Snapshot)} of {dropped.Count} reach the clean state; " +
                               $"processed with the answer lost: {processed.Count(o => o.Converged && o.Snapshot == expected[o.Profile].Snapshot)} of {processed.Count} " +
                               $"({processed.Count(o => !o.Stopped)} not stopped: the broken answer was not needed); {watch.Elapsed.TotalSeconds:0.0} s");
                Assert.True(failures.Count == 0, failures.Count + " cases failed:\n" + string.Join("\n", failures.Take(5)));
            }
            finally { await sim.DisposeAsync(); }
        }

        sealed record Outcome(string Profile, bool Stopped, bool Converged, string Snapshot, string Detail, string Broken, int? BrokenStatus);

        static Outcome Crash(SimulatorFixture f, TenantInfo t, string profile, int k, bool drop)
        {
            using var s = new PsSession();
            s.Run(SimulatorFixture.ConnectScript + " -MaxRetryTimeSec 0", f.ConnectVariables(t)).AssertNoErrors();
            using var op = new OperatorClient(f.Server.BaseUrl, f.Server.OperatorToken, t.CompanyId);
            // k-1 requests pass untouched, the k-th is broken.
            var script = Enumerable.Range(1, k).Select(j => j < k ? new { } : drop ? (object)new { drop = true } : new { malformed = true }).ToList();
            op.SetFaults(new { script });
            var story = new InstallStory(f, t, s, profile);
            var completed = story.Drive(5, stopAtError: true);
            var stopped = !completed && story.Errors.Count > 0;
            op.ClearFaults();
            var converged = completed || story.Drive(5);
            var broken = f.Server.GetTenant(t.CompanyId).RequestLog.FirstOrDefault(e => e.Fault == "malformed" || e.Fault == "drop");
            return new Outcome(profile, stopped, converged, InstallStory.Snapshot(f, t, profile),
                story.Last + " " + string.Join(" | ", story.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0] + ": " + e.Exception.Message)),
                broken == null ? "none logged" : broken.Method + " " + broken.Path + broken.Query + " -> " + broken.Status, broken?.Status);
        }
    }
}
