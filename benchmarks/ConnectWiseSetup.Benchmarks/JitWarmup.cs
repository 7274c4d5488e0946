namespace ConnectWiseSetup.Benchmarks;

/// <summary>
/// Warm-up runs until the JIT is quiet. One run compiles the code a scenario calls, but the runtime goes on recompiling hot
/// methods in the background for many runs after it (tiered compilation: quick code first, then instrumented, then optimized),
/// and in this process that is the module, PowerShell, both HTTP stacks and the simulator at once. Measured then, a run times
/// the JIT: on a 2-core machine an audit measured after one warm-up spent 300-700 ms of JIT time of its own, and one measured
/// after twenty, none. So: run until <see cref="QuietRunsInARow"/> runs in a row each compile fewer than
/// <see cref="QuietMethods"/> methods (all threads), or until <c>maxRuns</c>.
/// </summary>
public static class JitWarmup
{
    public const int QuietMethods = 20;
    public const int QuietRunsInARow = 2;

    /// <summary>Runs <paramref name="run"/> until the JIT is quiet or <paramref name="maxRuns"/> have run (0: none): how many ran, and whether the JIT went quiet.</summary>
    /// <param name="compiledMethods">Methods compiled so far in the process (default: the runtime's count); a test gives its own.</param>
    public static (int Runs, bool Quiet) UntilQuiet(Action run, int maxRuns, Func<long> compiledMethods = null)
    {
        compiledMethods ??= () => System.Runtime.JitInfo.GetCompiledMethodCount();
        var runs = 0;
        var quiet = 0;
        while (runs < maxRuns && quiet < QuietRunsInARow)
        {
            var before = compiledMethods();
            run();
            runs++;
            quiet = compiledMethods() - before < QuietMethods ? quiet + 1 : 0;
        }
        return (runs, quiet >= QuietRunsInARow);
    }
}
