namespace ConnectWiseSetup.Benchmarks;

// dotnet run -c Release --project benchmarks/ConnectWiseSetup.Benchmarks [-- --latency-ms 50 --runs 3 --members 500 --roles 50 --out benchmarks/results.md | --smoke]
// A named class, not top-level statements: the test project references both this and the simulator, whose Program is global.
public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        var options = BenchmarkOptions.Parse(args);
        var report = await new BenchmarkRunner(options, Console.Out).RunAsync();
        Console.WriteLine(report);
        return 0;
    }
}
