namespace ConnectWiseSetup.Benchmarks;

/// <summary>What to measure and how big; <see cref="Smoke"/> gives tiny sizes for the xunit suite.</summary>
public sealed class BenchmarkOptions
{
    /// <summary>Latency the simulator adds to every API request (ms).</summary>
    public int LatencyMs { get; set; } = 50;
    /// <summary>Runs per measure; the median is reported.</summary>
    public int Runs { get; set; } = 3;
    public int AuditMembers { get; set; } = 500;
    public int AuditRoles { get; set; } = 50;
    /// <summary>Only the scenarios whose names start with one of these (P1, P3, P4, P5); empty: all.</summary>
    public List<string> Only { get; set; } = new();
    /// <summary>
    /// Unmeasured runs of ours before the measured ones, so the medians compare steady-state code (the JIT's first compilations
    /// are P5's cold import, measured on purpose): in P3 and P4 until the JIT is quiet (<see cref="JitWarmup"/>, at most
    /// <see cref="MaxWarmupRuns"/>), in P1 one (each of its runs needs a fresh tenant). The baselines need none: their thousands
    /// of sequential requests dwarf it.
    /// </summary>
    public bool Warmup { get; set; } = true;
    /// <summary>The most warm-up runs P3 and P4 make while waiting for the JIT to be quiet.</summary>
    public int MaxWarmupRuns { get; set; } = 40;
    /// <summary>Where to write the results table (null: nowhere).</summary>
    public string ResultsPath { get; set; }

    // One warm-up run each: the suite's process never goes quiet (other tests compile as they run).
    public static BenchmarkOptions Smoke() => new() { LatencyMs = 5, Runs = 1, AuditMembers = 20, AuditRoles = 4, MaxWarmupRuns = 1 };

    public static BenchmarkOptions Parse(string[] args)
    {
        var o = new BenchmarkOptions { ResultsPath = "benchmarks/results.md" };
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException(args[i] + " needs a value");
            switch (args[i])
            {
                case "--latency-ms": o.LatencyMs = int.Parse(Next()); break;
                case "--runs": o.Runs = int.Parse(Next()); break;
                case "--members": o.AuditMembers = int.Parse(Next()); break;
                case "--roles": o.AuditRoles = int.Parse(Next()); break;
                case "--out": o.ResultsPath = Next(); break;
                case "--no-warmup": o.Warmup = false; break;
                case "--max-warmup": o.MaxWarmupRuns = int.Parse(Next()); break;
                case "--only": o.Only.AddRange(Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)); break;
                case "--smoke":
                    var s = Smoke();
                    o.LatencyMs = s.LatencyMs; o.Runs = s.Runs; o.AuditMembers = s.AuditMembers; o.AuditRoles = s.AuditRoles; o.MaxWarmupRuns = s.MaxWarmupRuns;
                    break;
                default: throw new ArgumentException("unknown option " + args[i] + " (--latency-ms N --runs N --members N --roles N --out PATH --only P1,P5 --no-warmup --max-warmup N --smoke)");
            }
        }
        if (o.LatencyMs < 0 || o.Runs < 1 || o.MaxWarmupRuns < 1 || o.AuditMembers < 1 || o.AuditRoles < 1 || o.AuditRoles > o.AuditMembers)
            throw new ArgumentException("sizes must be positive, and roles at most members");
        return o;
    }
}
