using System.Collections.Generic;
using ConnectWiseSetup.Benchmarks;
using Xunit;

namespace ConnectWiseSetup.Tests.Benchmarks
{
    /// <summary>The benchmark's warm-up: runs until the JIT is quiet, with a scripted count of compiled methods.</summary>
    public class JitWarmupTests
    {
        // Each run "compiles" the next figure of the script; the counter is what JitInfo would report.
        static (int Runs, bool Quiet, int Called) Warm(int maxRuns, params int[] compiledPerRun)
        {
            long compiled = 0;
            var called = 0;
            var script = new Queue<int>(compiledPerRun);
            var w = JitWarmup.UntilQuiet(() => { called++; compiled += script.Count > 0 ? script.Dequeue() : 0; }, maxRuns, () => compiled);
            return (w.Runs, w.Quiet, called);
        }

        [Fact]
        public void It_stops_after_two_quiet_runs_in_a_row_and_a_busy_run_between_starts_the_count_again()
        {
            var w = Warm(40, 900, 400, 5, 137, 8, 2, 0, 0);
            Assert.Equal(6, w.Runs);
            Assert.Equal(6, w.Called);
            Assert.True(w.Quiet);
        }

        [Fact]
        public void A_run_that_compiles_the_threshold_or_more_is_not_quiet()
        {
            var w = Warm(40, JitWarmup.QuietMethods, JitWarmup.QuietMethods - 1, JitWarmup.QuietMethods - 1);
            Assert.Equal(3, w.Runs);
            Assert.True(w.Quiet);
        }

        [Fact]
        public void A_JIT_that_never_goes_quiet_stops_at_the_most_runs_allowed_and_says_so()
        {
            var busy = new int[50];
            for (var i = 0; i < busy.Length; i++) busy[i] = 300;
            var w = Warm(12, busy);
            Assert.Equal(12, w.Runs);
            Assert.Equal(12, w.Called);
            Assert.False(w.Quiet);
        }

        [Theory]
        [InlineData(1, 1)]
        [InlineData(0, 0)]
        public void The_most_runs_allowed_bounds_even_a_quiet_JIT(int maxRuns, int expected)
        {
            var w = Warm(maxRuns, 0, 0, 0);
            Assert.Equal(expected, w.Runs);
            Assert.Equal(expected, w.Called);
            Assert.False(w.Quiet);
        }
    }
}
