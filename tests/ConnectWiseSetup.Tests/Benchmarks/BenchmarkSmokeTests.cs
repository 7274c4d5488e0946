using System;
using System.IO;
using System.Linq;
using ConnectWiseSetup.Benchmarks;
using Xunit;
using Xunit.Abstractions;

namespace ConnectWiseSetup.Tests.Benchmarks
{
    /// <summary>
    /// The benchmark harness at tiny sizes (BenchmarkOptions.Smoke), so it cannot rot: every row is produced with finite
    /// numbers, and the goals that do not depend on timing hold. No timing is asserted (shared 2-core machines are noisy).
    /// </summary>
    public class BenchmarkSmokeTests
    {
        readonly ITestOutputHelper _out;
        public BenchmarkSmokeTests(ITestOutputHelper output) { _out = output; }

        [Fact]
        public async System.Threading.Tasks.Task The_smoke_run_produces_every_row_and_meets_the_request_count_goals()
        {
            var options = BenchmarkOptions.Smoke();
            options.ResultsPath = null;
            var runner = new BenchmarkRunner(options, TextWriter.Null);
            var report = await runner.RunAsync();
            _out.WriteLine(report);
            var rows = runner.Rows;
            foreach (var prefix in new[] { "P1 fresh install (MMB), requests", "P1 fresh install (MMB), wall time", "P1 wall /", "P2 rerun, requests", "P2 rerun, writes",
                                           "P3 verify", "P4 audit of", "P4 audit, wall time", "P5 Import-Module, first", "P5 Import-Module in a further", "P5 guided watch, requests", "P5 guided watch, bytes",
                                           "P6 Test-CwTenant -Profile, requests", "P6 Test-CwTenant -Profile, round trips",
                                           "P7 Enter to the checklist, fresh install", "P7 Enter to nothing to do, rerun" })
                Assert.Contains(rows, r => r.Measure.StartsWith(prefix, StringComparison.Ordinal));
            Assert.All(rows, r => Assert.True(double.IsFinite(r.Ours), r.Measure + ": " + r.Ours));
            Assert.All(rows.Where(r => !double.IsNaN(r.Baseline)), r => Assert.True(double.IsFinite(r.Baseline), r.Measure + " baseline: " + r.Baseline));

            Row("P2 rerun, writes", r => Assert.Equal(0, r.Ours));
            Row("P4 audit of", r => Assert.True(r.Met, r.Measure + ": " + r.Ours + " requests, goal " + r.Goal));
            // One small request per poll: the harness groups the watch's requests into polls by the time between them, which a loaded
            // machine (the suite runs tests in parallel) can blur; so here: at least one request per poll, each a levels-only read
            // smaller than the baseline's whole-grid read.
            Row("P5 guided watch, requests", r => Assert.True(r.Ours >= 1, r.Measure + ": " + r.Ours));
            Row("P5 guided watch, bytes", r => Assert.True(r.Ours < r.Baseline, r.Measure + ": " + r.Ours + " vs " + r.Baseline));
            Row("P2 rerun, requests", r => Assert.True(r.Ours <= 4 && r.Met, r.Measure + ": " + r.Ours + ", goal " + r.Goal));
            Row("P6 Test-CwTenant -Profile, requests", r => Assert.True(r.Met && r.Ours > 0, r.Measure + ": " + r.Ours + " (writes sent)"));

            void Row(string prefix, Action<BenchmarkRow> check) => check(rows.Single(r => r.Measure.StartsWith(prefix, StringComparison.Ordinal)));
        }
    }
}
