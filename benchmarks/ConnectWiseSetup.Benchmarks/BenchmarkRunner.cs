using System.Diagnostics;
using System.Management.Automation;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using ConnectWiseSetup.Simulator;
using Newtonsoft.Json.Linq;

namespace ConnectWiseSetup.Benchmarks;

/// <summary>
/// Drives the module through its cmdlets in a hosted runspace against the in-process simulator with
/// injected latency, and the same work through <see cref="NaiveClient"/>, in the same run. Every
/// figure is a median of <see cref="BenchmarkOptions.Runs"/> runs; times are reported as ratios.
/// </summary>
public sealed class BenchmarkRunner
{
    readonly BenchmarkOptions _o;
    readonly TextWriter _log;
    SimulatorServer _sim;
    TimeSpan _coldImport;
    int _nextTenant;

    public BenchmarkRunner(BenchmarkOptions options, TextWriter log) { _o = options; _log = log; }

    public List<BenchmarkRow> Rows { get; } = new();

    public async Task<string> RunAsync()
    {
        // P1 needs three fresh tenants per run (ours, the baseline's, and ours at a prompt for P7) and one for its warm-up; P3, P4 and P5 one or two each.
        _sim = await SimulatorServer.StartAsync(new SimulatorOptions { Port = 0, TenantCount = 3 * _o.Runs + 8, Seed = 42 });
        try
        {
            // First, while nothing of the module is loaded in this process: the cold import a person sees.
            var (cold, coldTime) = HostedPowerShell.CreateAndImport();
            cold.Dispose();
            _coldImport = coldTime;
            Measure("P1/P2 install and rerun", InstallAndRerun);
            Measure("P3 verify and probe", VerifyAndProbe);
            Measure("P4 audit", Audit);
            Measure("P5 import and watch", ImportAndWatch);
            Measure("P6 tenant check", TenantCheck);
        }
        finally
        {
            await _sim.DisposeAsync();
        }
        var report = Report();
        if (_o.ResultsPath != null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_o.ResultsPath)));
            File.WriteAllText(_o.ResultsPath, report);
        }
        return report;
    }

    void Measure(string name, Action scenario)
    {
        if (_o.Only.Count > 0 && !_o.Only.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase))) return;
        _log.WriteLine("-- " + name);
        scenario();
    }

    string Report()
    {
        var sb = new StringBuilder();
        sb.AppendLine("# Benchmarks");
        sb.AppendLine();
        sb.AppendLine($"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}. " +
                      $"Settings: simulator latency {_o.LatencyMs} ms per API request, median of {_o.Runs} run(s)" + (_o.Warmup ? $" after unmeasured warm-up runs of ours: one in P1 (each of its runs needs a fresh tenant), in P3 and P4 until {JitWarmup.QuietRunsInARow} runs in a row each JIT-compile fewer than {JitWarmup.QuietMethods} methods (at most {_o.MaxWarmupRuns}; the count is in the row's note)" : "") +
                      $", audit of {_o.AuditMembers} members over {_o.AuditRoles} roles. " +
                      "Each baseline runs in the same process and run as ours: one request at a time, page size 25, nothing reused. " +
                      "Each measured run of P1, P3 and P4, ours and the baseline's, starts after a full garbage collection.");
        sb.AppendLine();
        sb.Append(BenchmarkRow.Table(Rows));
        var notes = Rows.Where(r => r.Note != null).ToList();
        if (notes.Count > 0)
        {
            sb.AppendLine();
            foreach (var r in notes) sb.AppendLine("- " + r.Measure + ": " + r.Note);
        }
        return sb.ToString();
    }

    // ------------------------------------------------------------------ tenants and helpers

    TenantInfo NextTenant() => _sim.Tenants[_nextTenant++];
    TenantState State(TenantInfo t) => _sim.GetTenant(t.CompanyId);
    OperatorClient Operator(TenantInfo t) => new(_sim.BaseUrl, _sim.OperatorToken, t.CompanyId);
    void Latency(TenantInfo t, int ms) { using var op = Operator(t); if (ms > 0) op.SetFaults(new { latencyMs = ms }); else op.ClearFaults(); }

    static PSCredential Credential(string user, string secret) => new(user, new NetworkCredential("", secret).SecurePassword);

    HostedPowerShell Connected(TenantInfo t, System.Management.Automation.Host.PSHost host = null)
    {
        var (shell, _) = HostedPowerShell.CreateAndImport(host);
        shell.Set("Server", _sim.BaseUrl.ToString().TrimEnd('/'));
        shell.Set("CompanyId", t.CompanyId);
        shell.Set("ClientId", t.ClientId);
        shell.Set("Cred", Credential(t.PublicKey, t.PrivateKey));
        shell.Invoke("Connect-CwManage -Server $Server -CompanyId $CompanyId -ClientId $ClientId -Credential $Cred");
        return shell;
    }

    NaiveClient Naive(TenantInfo t, string publicKey = null, string privateKey = null)
        => new(_sim.BaseUrl, t.CompanyId, publicKey ?? t.PublicKey, privateKey ?? t.PrivateKey, t.ClientId);

    /// <summary>With CWBENCH_TRACE set: each request of a stretch (start, duration, method, path), to see the critical path.</summary>
    void Trace(string what, IReadOnlyList<RequestLogEntry> entries)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CWBENCH_TRACE")) || entries.Count == 0) return;
        var t0 = entries.Min(e => e.Time);
        _log.WriteLine("   " + what + ": " + entries.Count + " entries, critical path " + RequestStats.Of(entries).CriticalPath);
        foreach (var e in entries.OrderBy(e => e.Time))
            _log.WriteLine($"   {(e.Time - t0).TotalMilliseconds,7:0} +{e.DurationMs,4} {e.Channel,-10} {e.Method,-6} {e.Path}{e.Query}");
    }

    /// <summary>A scenario's warm-up (JitWarmup; none with --no-warmup): how many runs it took, and whether the JIT went quiet.</summary>
    (int Runs, bool Quiet) WarmUp(Action run)
    {
        if (!_o.Warmup) return (0, false);
        var watch = Stopwatch.StartNew();
        var w = JitWarmup.UntilQuiet(run, _o.MaxWarmupRuns);
        _log.WriteLine($"   warm-up: {w.Runs} run(s) in {watch.Elapsed.TotalSeconds:0.0} s, JIT {(w.Quiet ? "quiet" : "still busy")}");
        return w;
    }

    string WarmupNote((int Runs, bool Quiet) w) => !_o.Warmup ? "no warm-up"
        : w.Runs + " warm-up run(s) before, " + (w.Quiet ? "the JIT then quiet" : "the JIT still busy after them");

    /// <summary>
    /// Before each measured run (ours and the baseline's): a full collection, so a run does not pay for the garbage the run
    /// before it left (a baseline audit makes 2,000 requests; the audit measured after it would otherwise meet its collections).
    /// </summary>
    static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    static double Median(IEnumerable<double> values)
    {
        var v = values.OrderBy(x => x).ToList();
        return v.Count % 2 == 1 ? v[v.Count / 2] : (v[v.Count / 2 - 1] + v[v.Count / 2]) / 2;
    }

    /// <summary>Plays the administrator in the web UI: the profile's rows and Customize lists on the role.</summary>
    static void SetRoleAsProfile(OperatorClient op, int roleId, PSObject profile)
    {
        var rows = ((IEnumerable<object>)profile.Properties["Permissions"].Value).Select(PSObject.AsPSObject).Select(r => new
        {
            module = (string)r.Properties["Module"].Value,
            function = (string)r.Properties["Function"].Value,
            addLevel = r.Properties["Add"].Value.ToString(),
            editLevel = r.Properties["Edit"].Value.ToString(),
            deleteLevel = r.Properties["Delete"].Value.ToString(),
            inquireLevel = r.Properties["Inquire"].Value.ToString(),
        }).ToList();
        op.SetRoleLevels(roleId, rows);
        foreach (var c in ((IEnumerable<object>)profile.Properties["Customize"].Value).Select(PSObject.AsPSObject))
            op.SetCustomize(roleId, (string)c.Properties["List"].Value, (bool)c.Properties["AllowAll"].Value,
                ((IEnumerable<object>)c.Properties["Allow"].Value).Select(x => x.ToString()));
    }

    sealed class Installed
    {
        public int RoleId;
        public int MemberId;
        public string PublicKey;
        public string PrivateKey;
        public List<RequestLogEntry> Entries = new();
        /// <summary>The first run's requests: from Enter to the checklist (the run stops there unattended).</summary>
        public List<RequestLogEntry> FirstRun;
        public TimeSpan Wall;
    }

    /// <summary>A whole install with the module, the operator completing guided steps at once. Returns what the automated part cost.</summary>
    Installed InstallWithModule(TenantInfo t, HostedPowerShell ps, string profileName)
    {
        var result = new Installed();
        using var op = Operator(t);
        var profile = ps.Invoke("Get-CwIntegrationProfile -Name $args[0]", profileName).Single();
        ps.Set("ProfileName", profileName);
        const string install = "Install-CwIntegration -Profile $ProfileName -NonInteractive";

        PSObject Run(string script)
        {
            var before = State(t).RequestLog.Count;
            Settle();
            var watch = Stopwatch.StartNew();
            var r = ps.Invoke(script).Last();
            watch.Stop();
            result.Wall += watch.Elapsed;
            var entries = State(t).RequestLog.Skip(before).ToList();
            result.Entries.AddRange(entries);
            result.FirstRun ??= entries;
            Trace("install run, wall " + watch.Elapsed.TotalMilliseconds.ToString("0") + " ms", entries);
            return r;
        }

        var first = Run(install);
        result.RoleId = (int)PSObject.AsPSObject(first.Properties["Role"].Value).Properties["Id"].Value;
        SetRoleAsProfile(op, result.RoleId, profile);
        var second = Run(install);
        result.MemberId = (int)PSObject.AsPSObject(second.Properties["ApiMember"].Value).Properties["Id"].Value;
        var key = op.CreateApiKey(result.MemberId, (string)profile.Properties["KeyDescription"].Value);
        result.PublicKey = key.PublicKey;
        result.PrivateKey = key.PrivateKey;
        ps.Set("KeyPair", Credential(key.PublicKey, key.PrivateKey));
        var third = Run(install + " -KeyPair $KeyPair");
        var status = third.Properties["Status"].Value.ToString();
        if (status != "Complete") throw new InvalidOperationException("the install did not complete: " + status);
        return result;
    }

    /// <summary>The same install as a common script does it: sequential, page size 25, lists read again when needed.</summary>
    (TimeSpan Wall, int Requests) InstallWithBaseline(TenantInfo t, PSObject profile)
    {
        using var op = Operator(t);
        using var c = Naive(t);
        var roleName = (string)profile.Properties["RoleName"].Value;
        var identifier = (string)profile.Properties["MemberIdentifier"].Value;
        Settle();
        var watch = Stopwatch.StartNew();
        // Ensure the role, read its grid to compare.
        var roles = c.GetAllAsync("system/securityroles", "name=\"" + roleName + "\"").Result;
        var role = roles.FirstOrDefault() ?? c.PostAsync("system/securityroles", new JObject { ["name"] = roleName }).Result;
        var roleId = (int)role["id"];
        c.GetAllAsync($"system/securityRoles/{roleId}/settings").Wait();
        watch.Stop();
        SetRoleAsProfile(op, roleId, profile);
        watch.Start();
        // Read the grid again to verify, then the member and its references.
        c.GetAllAsync($"system/securityRoles/{roleId}/settings").Wait();
        var existing = c.GetAllAsync("system/apiMembers", "identifier=\"" + identifier + "\"").Result;
        JObject member = existing.FirstOrDefault();
        if (member == null)
        {
            var level = c.GetAllAsync("system/myCompany/corporateStructureLevels").Result.First();
            var location = c.GetAllAsync("system/locations").Result.First();
            var department = c.GetAllAsync("system/departments").Result.First();
            var zones = c.GetAllAsync("system/timeZoneSetups").Result;
            var zone = zones.FirstOrDefault(z => (bool?)z["defaultFlag"] == true) ?? zones.First();
            JObject Ref(JObject o) => new() { ["id"] = o["id"] };
            member = c.PostAsync("system/apiMembers", new JObject
            {
                ["identifier"] = identifier,
                ["name"] = (string)profile.Properties["MemberName"].Value,
                ["securityRole"] = new JObject { ["id"] = roleId },
                ["structureLevel"] = Ref(level),
                ["securityLocation"] = Ref(location),
                ["defaultLocation"] = Ref(location),
                ["defaultDepartment"] = Ref(department),
                ["timeZone"] = Ref(zone),
            }).Result;
        }
        watch.Stop();
        var key = op.CreateApiKey((int)member["id"], (string)profile.Properties["KeyDescription"].Value);
        watch.Start();
        using (var asKey = Naive(t, key.PublicKey, key.PrivateKey))
        {
            asKey.GetAsync("system/info").Wait();
            asKey.GetAllAsync("system/mySecurity").Wait();
            asKey.GetAllAsync("system/mySecurity/customizeItems").Wait();
            watch.Stop();
            return (watch.Elapsed, c.Requests + asKey.Requests);
        }
    }

    // ------------------------------------------------------------------ P1 and P2

    void InstallAndRerun()
    {
        var ratios = new List<double>();
        var oursWall = new List<double>();
        var baseWall = new List<double>();
        var requests = new List<double>();
        var baseRequests = new List<double>();
        var rerunRequests = new List<double>();
        var rerunWrites = new List<double>();
        var firstOutputFresh = new List<double>();
        var firstOutputRerun = new List<double>();
        var firstOutputUnattended = new List<double>();
        var requestsBeforeChecklist = new List<double>();
        if (_o.Warmup)
        {
            var w = NextTenant();
            Latency(w, _o.LatencyMs);
            using var warm = Connected(w);
            InstallWithModule(w, warm, "MassMaintenanceBooster");
        }
        for (var run = 0; run < _o.Runs; run++)
        {
            var t = NextTenant();
            Latency(t, _o.LatencyMs);
            using var ps = Connected(t);
            var installed = InstallWithModule(t, ps, "MassMaintenanceBooster");
            var stats = RequestStats.Of(installed.Entries);
            oursWall.Add(installed.Wall.TotalMilliseconds);
            requests.Add(stats.Requests);
            ratios.Add(installed.Wall.TotalMilliseconds / (stats.CriticalPath * (double)Math.Max(1, _o.LatencyMs)));

            // P2: the rerun on the set-up tenant.
            var before = State(t).RequestLog.Count;
            var status = ps.Invoke("(Install-CwIntegration -Profile MassMaintenanceBooster -NonInteractive -KeyPair $KeyPair).Status").Single().ToString();
            if (status != "Complete") throw new InvalidOperationException("the rerun did not complete: " + status);
            var rerun = RequestStats.Of(State(t).RequestLog.Skip(before).ToList());
            Trace("P2 rerun", State(t).RequestLog.Skip(before).ToList());
            rerunRequests.Add(rerun.Requests);
            rerunWrites.Add(rerun.Writes);

            // P7: from Enter to the first useful output. A fresh install's is the checklist, measured at a prompt (below, on a tenant
            // of its own); unattended, the first run stops with it in its result (kept for the note). A rerun's is "nothing to do"
            // (every step done, with the key), typed in a new session as a person coming back would (its connection checked nothing yet).
            firstOutputUnattended.Add(RequestStats.Of(installed.FirstRun).CriticalPath);
            Trace("P7 fresh install unattended, to its stop with the checklist", installed.FirstRun);
            using (var again = Connected(t))
            {
                again.Set("KeyPair", Credential(installed.PublicKey, installed.PrivateKey));
                before = State(t).RequestLog.Count;
                var done = again.Invoke("(Install-CwIntegration -Profile MassMaintenanceBooster -KeyPair $KeyPair 6>$null).Status").Single().ToString();
                if (done != "Complete") throw new InvalidOperationException("the rerun in a new session did not complete: " + done);
                var entries = State(t).RequestLog.Skip(before).ToList();
                Trace("P7 rerun in a new session", entries);
                firstOutputRerun.Add(RequestStats.Of(entries).CriticalPath);
            }

            // The baseline on a tenant of its own, in the same run.
            var bt = NextTenant();
            Latency(bt, _o.LatencyMs);
            var profile = ps.Invoke("Get-CwIntegrationProfile -Name MassMaintenanceBooster").Single();
            var (wall, n) = InstallWithBaseline(bt, profile);
            baseWall.Add(wall.TotalMilliseconds);
            baseRequests.Add(n);

            var pt = NextTenant();
            Latency(pt, _o.LatencyMs);
            var (trips, before7) = FreshInstallAtPrompt(pt, "MassMaintenanceBooster");
            firstOutputFresh.Add(trips);
            requestsBeforeChecklist.Add(before7);
        }
        var ratio = Median(ratios);
        Rows.Add(new BenchmarkRow { Measure = "P1 fresh install (MMB), requests", Ours = Median(requests), Baseline = Median(baseRequests), Goal = "report", Met = true });
        Rows.Add(new BenchmarkRow { Measure = "P1 fresh install (MMB), wall time (ms)", Ours = Median(oursWall), Baseline = Median(baseWall), Goal = "report", Met = true });
        Rows.Add(new BenchmarkRow { Measure = "P1 wall / (critical-path round trips x latency)", Ours = ratio, Goal = "<= 1.3", Met = ratio <= 1.3 });
        Rows.Add(new BenchmarkRow { Measure = "P2 rerun, requests", Ours = Median(rerunRequests), Goal = "<= 4", Met = Median(rerunRequests) <= 4 });
        Rows.Add(new BenchmarkRow { Measure = "P2 rerun, writes", Ours = Median(rerunWrites), Goal = "0", Met = rerunWrites.All(w => w == 0) });
        Rows.Add(new BenchmarkRow { Measure = "P7 Enter to the checklist, fresh install (MMB), round trips", Ours = Median(firstOutputFresh), Goal = "<= 3", Met = Median(firstOutputFresh) <= 3,
            Note = "at a prompt (a host that can prompt, -PollInterval 0.05 s), the chain of requests nothing could overlap before the checklist's first line is written to the host; each run: " +
                   string.Join(", ", firstOutputFresh) + " (" + string.Join(", ", requestsBeforeChecklist) + " requests, none a write); unattended, the first run's stop with the checklist in its result: " + string.Join(", ", firstOutputUnattended) });
        Rows.Add(new BenchmarkRow { Measure = "P7 Enter to nothing to do, rerun in a new session, round trips", Ours = Median(firstOutputRerun), Goal = "<= 3", Met = Median(firstOutputRerun) <= 3,
            Note = "with the key (-KeyPair), every step found done; each run: " + string.Join(", ", firstOutputRerun) });
    }

    /// <summary>
    /// P7's fresh install as a person at a prompt runs it: a host that can prompt, the whole install to Complete (the person sets
    /// the role in the web UI once the watch says it is watching, and types the key at the prompt). The requests the tenant had
    /// answered when the checklist's first line reached the host: their critical path (round trips) and their count.
    /// </summary>
    (double Trips, double Requests) FreshInstallAtPrompt(TenantInfo t, string profileName)
    {
        var host = new PromptHost();
        using var ps = Connected(t, host);
        using var op = Operator(t);
        var profile = ps.Invoke("Get-CwIntegrationProfile -Name $args[0]", profileName).Single();
        var roleName = (string)profile.Properties["RoleName"].Value;
        var identifier = (string)profile.Properties["MemberIdentifier"].Value;
        var start = State(t).RequestLog.Count;
        List<RequestLogEntry> beforeChecklist = null;
        var set = false;
        host.OnLine = line =>
        {
            if (beforeChecklist == null && line.StartsWith("In ConnectWise, open System > Security Roles", StringComparison.Ordinal))
                beforeChecklist = State(t).RequestLog.Skip(start).ToList();
            if (!set && line.StartsWith("Watching the role", StringComparison.Ordinal))
            {
                // The person, the checklist read, sets the role in the web UI while the install watches it.
                var role = State(t).Collection("system/securityroles").All.Single(r => (string)r["name"] == roleName);
                SetRoleAsProfile(op, (int)role["id"], profile);
                set = true;
            }
        };
        host.OnKeyPrompt = () =>
        {
            var member = State(t).Collection("system/apiMembers").All.Single(m => (string)m["identifier"] == identifier);
            var key = op.CreateApiKey((int)member["id"], (string)profile.Properties["KeyDescription"].Value);
            return Credential(key.PublicKey, key.PrivateKey);
        };
        ps.Set("ProfileName", profileName);
        var status = ps.Invoke("(Install-CwIntegration -Profile $ProfileName -PollInterval 00:00:00.05).Status").Single().ToString();
        if (status != "Complete") throw new InvalidOperationException("the install at a prompt did not complete: " + status);
        if (beforeChecklist == null) throw new InvalidOperationException("the install at a prompt showed no checklist");
        if (beforeChecklist.Any(e => e.Method is not "GET" and not "HEAD" && e.Channel != "operator"))
            throw new InvalidOperationException("a write was answered before the checklist was shown");
        Trace("P7 fresh install at a prompt, to the checklist's first line", beforeChecklist);
        var stats = RequestStats.Of(beforeChecklist);
        return (stats.CriticalPath, stats.Requests);
    }

    // ------------------------------------------------------------------ P6

    /// <summary>
    /// Test-CwTenant -Profile on a fresh tenant (a new connection each run, so nothing is kept from an earlier check): requests and
    /// round trips (the chain of requests nothing could overlap); its goal is at most three round trips, reads only.
    /// </summary>
    void TenantCheck()
    {
        var t = NextTenant();
        Latency(t, _o.LatencyMs);
        var requests = new List<double>();
        var trips = new List<double>();
        var writes = new List<double>();
        for (var run = 0; run < _o.Runs; run++)
        {
            using var ps = Connected(t);
            var before = State(t).RequestLog.Count;
            var checks = ps.Invoke("Test-CwTenant -All -Profile MassMaintenanceBooster").Count;
            if (checks == 0) throw new InvalidOperationException("Test-CwTenant wrote no checks");
            var entries = State(t).RequestLog.Skip(before).ToList();
            Trace("P6 Test-CwTenant", entries);
            var stats = RequestStats.Of(entries);
            requests.Add(stats.Requests);
            trips.Add(stats.CriticalPath);
            writes.Add(stats.Writes);
        }
        Rows.Add(new BenchmarkRow { Measure = "P6 Test-CwTenant -Profile, requests (tenant's)", Ours = Median(requests), Goal = "report", Met = writes.All(w => w == 0) });
        Rows.Add(new BenchmarkRow { Measure = "P6 Test-CwTenant -Profile, round trips", Ours = Median(trips), Goal = "<= 3", Met = Median(trips) <= 3 });
    }

    // ------------------------------------------------------------------ P3

    void VerifyAndProbe()
    {
        var t = NextTenant();
        using var ps = Connected(t);
        var installed = InstallWithModule(t, ps, "MspProcess");
        var endpoints = ps.Invoke("(Get-CwIntegrationProfile -Name MspProcess).Endpoints")
            .Select(e => (Method: e.Properties["Method"].Value.ToString(), Path: e.Properties["Path"].Value.ToString())).ToList();
        Latency(t, _o.LatencyMs);
        var ours = new List<double>();
        var baseline = new List<double>();
        var warmups = WarmUp(() => ps.Invoke("Test-CwIntegrationPermission -Profile MspProcess -Credential $KeyPair -Live"));
        for (var run = 0; run < _o.Runs; run++)
        {
            Settle();
            var watch = Stopwatch.StartNew();
            var result = ps.Invoke("Test-CwIntegrationPermission -Profile MspProcess -Credential $KeyPair -Live").Single();
            watch.Stop();
            ours.Add(watch.Elapsed.TotalMilliseconds);
            var oursOk = ((IEnumerable<object>)result.Properties["Endpoints"].Value).Select(PSObject.AsPSObject)
                .Where(e => e.Properties["Method"].Value.ToString() == "GET")
                .ToDictionary(e => e.Properties["Path"].Value.ToString(), e => e.Properties["Outcome"].Value.ToString() == "OK");

            Settle();
            watch.Restart();
            var baseOk = new Dictionary<string, bool>();
            using (var c = Naive(t, installed.PublicKey, installed.PrivateKey))
            {
                c.GetAsync("system/info").Wait();
                c.GetAllAsync("system/mySecurity").Wait();
                c.GetAllAsync("system/mySecurity/customizeItems").Wait();
                foreach (var (method, path) in endpoints.Where(e => e.Method == "GET"))
                    baseOk[path] = ProbeNaively(c, path) == 200;
            }
            watch.Stop();
            baseline.Add(watch.Elapsed.TotalMilliseconds);
            // Honesty: both ways must see the same endpoints answer.
            var differ = oursOk.Where(kv => baseOk.TryGetValue(kv.Key, out var b) && b != kv.Value).Select(kv => kv.Key).ToList();
            if (differ.Count > 0 || oursOk.Count != baseOk.Count)
                throw new InvalidOperationException("the baseline and the module disagree on: " + string.Join(", ", differ));
        }
        var speedup = Median(baseline) / Median(ours);
        Rows.Add(new BenchmarkRow { Measure = "P3 verify with the key + live probe (MSP Process), wall time (ms)", Ours = Median(ours), Baseline = Median(baseline), Goal = ">= 5x faster", Met = speedup >= 5,
            Note = endpoints.Count(e => e.Method == "GET") + " GET endpoints probed; the baseline fills each {placeholder} by reading its parent list again; " + WarmupNote(warmups) });
    }

    /// <summary>A GET of an endpoint as a common client does it: each {placeholder} filled by reading its parent list, every time.</summary>
    static int ProbeNaively(NaiveClient c, string template)
    {
        var path = template;
        int i;
        while ((i = path.IndexOf('{')) >= 0)
        {
            var parent = path.Substring(0, i).TrimEnd('/');
            var first = (c.GetAsync(parent).Result as JArray)?.FirstOrDefault();
            if (first == null) return 404;
            path = path.Substring(0, i) + first["id"] + path.Substring(path.IndexOf('}', i) + 1);
        }
        return c.StatusAsync(path).Result;
    }

    // ------------------------------------------------------------------ P4

    void Audit()
    {
        var t = NextTenant();
        using var ps = Connected(t);
        using var op = Operator(t);
        var profile = ps.Invoke("Get-CwIntegrationProfile -Name MassMaintenanceBooster").Single();
        using (var admin = Naive(t))
        {
            var template = (JObject)admin.GetAsync("system/apiMembers/default").Result;
            var roleIds = new List<int>();
            for (var r = 0; r < _o.AuditRoles; r++)
            {
                var role = admin.PostAsync("system/securityroles", new JObject { ["name"] = "Audit Role " + r }).Result;
                roleIds.Add((int)role["id"]);
                if (r % 2 == 0) SetRoleAsProfile(op, roleIds[r], profile);
            }
            for (var m = 0; m < _o.AuditMembers; m++)
            {
                var member = (JObject)template.DeepClone();
                member.Remove("id");
                member["identifier"] = "Audit" + m;
                member["name"] = "Audit member " + m;
                member["securityRole"] = new JObject { ["id"] = roleIds[m % roleIds.Count] };
                admin.PostAsync("system/apiMembers", member).Wait();
            }
        }
        Latency(t, _o.LatencyMs);
        var requests = new List<double>();
        var roundTrips = new List<double>();
        var baseRequests = new List<double>();
        var baseRoundTrips = new List<double>();
        var roles = 0;
        var warmups = WarmUp(() => ps.Invoke("Get-CwApiMember | Test-CwIntegrationPermission -Profile MassMaintenanceBooster"));
        for (var run = 0; run < _o.Runs; run++)
        {
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CWBENCH_TRACE")))
            {
                var listing = Stopwatch.StartNew();
                var n = ps.Invoke("Get-CwApiMember").Count;
                _log.WriteLine("   Get-CwApiMember alone: " + n + " members in " + listing.Elapsed.TotalMilliseconds.ToString("0") + " ms");
            }
            var before = State(t).RequestLog.Count;
            Settle();
            var watch = Stopwatch.StartNew();
            var results = ps.Invoke("Get-CwApiMember | Test-CwIntegrationPermission -Profile MassMaintenanceBooster");
            watch.Stop();
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CWBENCH_TRACE")))
            {
                // After the stopwatch: writing the trace is not the audit's time.
                _log.WriteLine("   audit: " + watch.Elapsed.TotalMilliseconds.ToString("0") + " ms, " + (State(t).RequestLog.Count - before) + " requests");
                Trace("audit", State(t).RequestLog.Skip(before).ToList());
            }
            requests.Add(State(t).RequestLog.Count - before);
            roundTrips.Add(watch.Elapsed.TotalMilliseconds / Math.Max(1, _o.LatencyMs));
            var ours = results.ToDictionary(r => MemberOf(r), r => (bool)r.Properties["InDesiredState"].Value);

            before = State(t).RequestLog.Count;
            Settle();
            watch.Restart();
            var theirs = AuditNaively(t, profile, out roles);
            watch.Stop();
            baseRequests.Add(State(t).RequestLog.Count - before);
            baseRoundTrips.Add(watch.Elapsed.TotalMilliseconds / Math.Max(1, _o.LatencyMs));
            var differ = theirs.Where(kv => !ours.TryGetValue(kv.Key, out var o) || o != kv.Value).Select(kv => kv.Key).ToList();
            if (differ.Count > 0 || ours.Count != theirs.Count)
                throw new InvalidOperationException("the baseline and the module disagree on " + differ.Count + " members (" + string.Join(", ", differ.Take(5)) + "), " + ours.Count + " vs " + theirs.Count + " results");
        }
        Rows.Add(new BenchmarkRow { Measure = $"P4 audit of {_o.AuditMembers + 1} members over {roles} roles, requests", Ours = Median(requests), Baseline = Median(baseRequests), Goal = "<= 2 + roles (" + (2 + roles) + ")", Met = Median(requests) <= 2 + roles });
        Rows.Add(new BenchmarkRow
        {
            Measure = "P4 audit, wall time in round trips", Ours = Median(roundTrips), Baseline = Median(baseRoundTrips), Goal = "<= 10", Met = Median(roundTrips) <= 10,
            Note = "each run of ours, in order: " + string.Join(", ", roundTrips.Select(x => x.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture))) +
                   " (the floor is " + (1 + (roles + 7) / 8) + ": the member list, then " + roles + " role grids 8 at a time); " + WarmupNote(warmups),
        });
    }

    /// <summary>The member a result is about: its ApiMember (the identifier); Subject is a sentence for people.</summary>
    static string MemberOf(PSObject result) => result.Properties["ApiMember"].Value?.ToString()
        ?? throw new InvalidOperationException("an audit result without ApiMember: " + result);

    /// <summary>The audit as a script would write it: every member, then each member's role grid, read again per member.</summary>
    Dictionary<string, bool> AuditNaively(TenantInfo t, PSObject profile, out int roles)
    {
        var wanted = ((IEnumerable<object>)profile.Properties["Permissions"].Value).Select(PSObject.AsPSObject).ToDictionary(
            r => Key((string)r.Properties["Module"].Value, (string)r.Properties["Function"].Value),
            r => string.Join("/", new[] { "Add", "Edit", "Delete", "Inquire" }.Select(l => r.Properties[l].Value.ToString())));
        using var c = Naive(t);
        var members = c.GetAllAsync("system/apiMembers", "inactiveFlag=false").Result;
        roles = members.Select(m => (int)m["securityRole"]["id"]).Distinct().Count();
        var result = new Dictionary<string, bool>();
        foreach (var m in members)
        {
            var rows = c.GetAllAsync($"system/securityRoles/{(int)m["securityRole"]["id"]}/settings").Result;
            var ok = rows.All(r =>
            {
                var have = string.Join("/", new[] { "addLevel", "editLevel", "deleteLevel", "inquireLevel" }.Select(l => (string)r[l]));
                return have == (wanted.TryGetValue(Key((string)r["moduleDescription"] ?? (string)r["moduleName"], (string)r["moduleFunctionDescription"] ?? (string)r["moduleFunctionName"]), out var w) ? w : "None/None/None/None");
            });
            result[(string)m["identifier"]] = ok;
        }
        return result;
    }

    static string Key(string module, string function)
    {
        static string N(string s) => new string((s ?? "").Replace("&", "and").Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray()).Replace("projects", "project");
        return N(module) + "/" + N(function);
    }

    // ------------------------------------------------------------------ P5

    void ImportAndWatch()
    {
        var imports = new List<double>();
        for (var run = 0; run < Math.Max(3, _o.Runs); run++)
        {
            var (shell, time) = HostedPowerShell.CreateAndImport();
            shell.Dispose();
            imports.Add(time.TotalMilliseconds);
        }
        Rows.Add(new BenchmarkRow { Measure = "P5 Import-Module, first in the process (ms)", Ours = _coldImport.TotalMilliseconds, Goal = "report", Met = true });
        Rows.Add(new BenchmarkRow { Measure = "P5 Import-Module in a further fresh runspace (ms)", Ours = Median(imports), Goal = "report", Met = true });

        // A guided watch that never completes: each poll's requests and bytes, against a naive poll that
        // reads the whole grid at the default page size.
        var t = NextTenant();
        Latency(t, _o.LatencyMs);
        using var ps = Connected(t);
        var roleId = (int)ps.Invoke("(New-CwSecurityRole -Name 'Bench Watch').Id").Single().BaseObject;
        var before = State(t).RequestLog.Count;
        ps.Invoke("Wait-CwSecurityRolePermission -Role 'Bench Watch' -Profile MassMaintenanceBooster -PollInterval '00:00:00.2' -Timeout '00:00:01.5' -ErrorAction SilentlyContinue *> $null");
        // The watch's polls read only the levels (fields=...); a poll that needed more than one request would
        // show as requests close together, so group them by time: one group per poll.
        var polls = State(t).RequestLog.Skip(before).Where(e => e.Path.Contains("/settings", StringComparison.OrdinalIgnoreCase) && e.Query.Contains("fields=")).OrderBy(e => e.Time).ToList();
        var groups = polls.Count == 0 ? 0 : 1 + polls.Zip(polls.Skip(1), (a, b) => (b.Time - a.Time).TotalMilliseconds > 100 ? 1 : 0).Sum();
        using var naive = Naive(t);
        var nb = State(t).RequestLog.Count;
        naive.GetAllAsync($"system/securityRoles/{roleId}/settings").Wait();
        var naivePoll = RequestStats.Of(State(t).RequestLog.Skip(nb).ToList());
        var perPollRequests = groups == 0 ? double.NaN : 1.0 * polls.Count / groups;
        Rows.Add(new BenchmarkRow { Measure = "P5 guided watch, requests per poll", Ours = perPollRequests, Baseline = naivePoll.Requests, Goal = "1", Met = perPollRequests == 1, Note = groups + " polls in 1.5 s at a 0.2 s interval; the baseline re-reads the whole grid at page size 25" });
        Rows.Add(new BenchmarkRow { Measure = "P5 guided watch, bytes per poll", Ours = polls.Count == 0 ? double.NaN : polls.Average(p => p.ResponseBytes), Baseline = naivePoll.Bytes, Goal = "report", Met = true });
    }
}
