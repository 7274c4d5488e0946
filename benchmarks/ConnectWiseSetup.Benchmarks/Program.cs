using ConnectWiseSetup.Benchmarks;

// dotnet run -c Release --project benchmarks/ConnectWiseSetup.Benchmarks [-- --latency-ms 50 --runs 3 --members 500 --roles 50 --out benchmarks/results.md | --smoke]
var options = BenchmarkOptions.Parse(args);
var report = await new BenchmarkRunner(options, Console.Out).RunAsync();
Console.WriteLine(report);
return 0;
