using System.Globalization;

namespace ConnectWiseSetup.Simulator;

/// <summary>
/// dotnet run --project src/ConnectWiseSetup.Simulator -- --port 0 --connection-file PATH [--https] [--tenants N] [--latency-ms N] [--seed N] [--fidelity FILE] [--parent-pid N]
/// </summary>
public static class Program
{
    public const string Usage = """
        usage: ConnectWiseSetup.Simulator --port N [--connection-file PATH] [options]
          --port N                 TCP port on 127.0.0.1; 0 picks a free one
          --connection-file PATH   write server, companyId, clientId, keys, operatorToken and operatorUrl there (a relative
                                   PATH is from the directory you run the command in, dotnet run included)
          --https                  serve TLS with a self-signed certificate (its PEM is written beside the file)
          --tenants N              tenants to seed (default 1)
          --latency-ms N           latency added to every API request
          --seed N                 seed for keys, identifiers and fault randomness
          --company-id-prefix P    company ids P1..PN (default cwsim)
          --rate-limit N           requests per tenant per window before a 429 (default 0: no limit)
          --rate-limit-window S    that window in seconds (default 60)
          --fidelity FILE          answer in the forms a real server uses, for every tenant and for requests naming no known
                                   tenant. FILE is JSON: the behaviour object, or a document with a top-level "serverBehavior"
                                   object (what a read-only tenant check writes). Absent keys keep the default; unknown keys
                                   are a warning. Keys and values (default first):
                                     badCredentialsStatus      401 | 404
                                     forwardOnlyLastPageLink   "empty" | "absent"
                                     navigableLinkForm         "pageLast" | "pageFirst"
                                     unknownCompanyInfo        "nullBody" | "notFound"
                                     pageSizeAboveMax          "reject" | "clamp"
                                     maxHonouredPageSize       1000 (1..1000)
                                     notFoundBody              "json" | "empty" | "html"
                                     apiCurrentVersionHeader   true | false
                                     rateLimitBody             "json" | "html"
                                     mySecurityRows            "grid" | "omitNone"
                                     rateLimitJson             "errorKey" | "codeKey"
                                     companyInfoIsCloud        "boolean" | "string"
                                     requireHttps              false | true (plain HTTP gets 403 Security "SSL is required.")
                                   At run time, per tenant: GET|PUT|DELETE /_operator/tenants/{companyId}/behavior.
          --parent-pid N           stop when process N ends, and ignore Ctrl+C (typed for a command in that process's
                                   terminal); a harness's simulator must not outlive it
          --help                   this text

        The operator channel (/_operator/, header X-Operator-Token) plays what a person does in the web UI and the
        test controls: a role's permission levels and Customize lists, API keys (create, list, delete), faults
        (latency, 429/5xx rates, dropped connections, one-shot scripts), the request log and the behaviour above.
        The module never calls it. From pwsh, the CwSimulator script module does all of that:
            Import-Module ./src/ConnectWiseSetup.Simulator/CwSimulator
            $sim = Start-CwSimulator                      # or: Connect-CwSimulator -Path ./sim.json for one already running
            $p = $sim.ConnectParameters; Connect-CwManage @p
            Get-Command -Module CwSimulator               # Set-CwSimRolePermission, New-CwSimApiKey, Set-CwSimFault, ...
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Any(a => a is "--help" or "-h" or "-?" or "/?"))
        {
            Console.WriteLine(Usage);
            return 0;
        }
        SimulatorOptions options; string connectionFile; int? parentPid;
        try
        {
            (args, parentPid) = TakeParentPid(args);
            (options, connectionFile) = ParseArgs(args, Console.Error);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }
        using var stop = new CancellationTokenSource();
        // Started by a harness (--parent-pid), the simulator shares that terminal's process group: a Ctrl+C typed to
        // stop a command in the parent's console would stop the simulator too. It ends with its parent instead.
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; if (parentPid == null) stop.Cancel(); };
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        if (parentPid is int pid) _ = StopWhenGoneAsync(pid, stop);
        await using var server = await StartAsync(options, connectionFile).ConfigureAwait(false);
        Console.WriteLine($"ConnectWise simulator listening on {server.BaseUrl} (companies: {string.Join(", ", server.Tenants.Select(t => t.CompanyId))})");
        if (connectionFile != null) Console.WriteLine($"Connection file: {Path.GetFullPath(connectionFile)}");
        Console.WriteLine("Press Ctrl+C to stop.");
        try { await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false); } catch (OperationCanceledException) { }
        Console.WriteLine("Stopping.");
        return 0;
    }

    /// <summary>--parent-pid N, taken out of the arguments (a test harness's simulator must not outlive it).</summary>
    internal static (string[] Others, int? ParentPid) TakeParentPid(string[] args)
    {
        var i = Array.FindIndex(args, a => a.Equals("--parent-pid", StringComparison.OrdinalIgnoreCase));
        if (i < 0) return (args, null);
        if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid < 1)
            throw new ArgumentException("--parent-pid needs a process id");
        return (args.Take(i).Concat(args.Skip(i + 2)).ToArray(), pid);
    }

    /// <summary>Stops the simulator once process <paramref name="pid"/> has ended (polled each second).</summary>
    private static async Task StopWhenGoneAsync(int pid, CancellationTokenSource stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var p = System.Diagnostics.Process.GetProcessById(pid);
                if (p.HasExited) break;
            }
            catch (ArgumentException) { break; } // no such process any more
            try { await Task.Delay(1000, stop.Token).ConfigureAwait(false); } catch (OperationCanceledException) { return; }
        }
        Console.WriteLine($"Parent process {pid} has ended.");
        stop.Cancel();
    }

    /// <summary>What Main does before serving: start, and write the connection file (and certificate beside it).</summary>
    public static async Task<SimulatorServer> StartAsync(SimulatorOptions options, string connectionFile, CancellationToken ct = default)
    {
        if (options.Https && options.CertificateDirectory == null && connectionFile != null)
            options.CertificateDirectory = Path.GetDirectoryName(Path.GetFullPath(connectionFile));
        var server = await SimulatorServer.StartAsync(options, ct).ConfigureAwait(false);
        if (connectionFile != null) ConnectionFile.Write(server, connectionFile);
        return server;
    }

    /// <param name="warnings">Where warnings go (unknown keys in a --fidelity file); null: nowhere.</param>
    public static (SimulatorOptions Options, string ConnectionFile) ParseArgs(string[] args, TextWriter warnings = null)
    {
        var o = new SimulatorOptions();
        string file = null;
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int NextInt(int min) => int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min ? v : throw new ArgumentException($"{args[i - 1]} needs a number >= {min}");
            switch (args[i].ToLowerInvariant())
            {
                case "--port": o.Port = NextInt(0); if (o.Port > 65535) throw new ArgumentException("--port must be 0..65535"); break;
                case "--connection-file": file = Next(); break;
                case "--https": o.Https = true; break;
                case "--tenants": o.TenantCount = NextInt(1); break;
                case "--latency-ms": o.LatencyMs = NextInt(0); break;
                case "--seed": o.Seed = NextInt(0); break;
                case "--company-id-prefix": o.CompanyIdPrefix = Next(); break;
                case "--rate-limit": o.RateLimitRequests = NextInt(0); break;
                case "--rate-limit-window": o.RateLimitWindowSeconds = NextInt(1); break;
                case "--fidelity":
                {
                    var path = Next();
                    string text;
                    try { text = File.ReadAllText(path); }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
                    { throw new ArgumentException($"--fidelity: cannot read '{path}': {e.Message}"); }
                    try { o.Behavior = ServerBehavior.FromFileText(text, out var unknown); foreach (var w in unknown) warnings?.WriteLine($"warning: --fidelity {path}: {w}"); }
                    catch (ArgumentException e) { throw new ArgumentException($"--fidelity {path}: {e.Message}"); }
                    break;
                }
                default: throw new ArgumentException($"Unknown argument '{args[i]}'");
            }
        }
        return (o, file);
    }
}
