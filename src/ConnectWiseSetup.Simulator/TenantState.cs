using System.Globalization;
using System.Security.Cryptography;
using ConnectWiseSetup.Simulator.Store;
using Newtonsoft.Json.Linq;

namespace ConnectWiseSetup.Simulator;

/// <summary>An API key as stored (the private key is kept only to authenticate; it is shown once, on creation).</summary>
public sealed class ApiKeyRecord
{
    public int Id { get; init; }
    public int MemberId { get; init; }
    public string PublicKey { get; init; }
    internal string PrivateKey { get; init; }
    public string Description { get; init; }
    public DateTimeOffset CreatedDate { get; init; }
}

/// <summary>The answer to creating a key: the only place its private key is ever shown.</summary>
public sealed class ApiKeyCreated
{
    public int Id { get; init; }
    public int MemberId { get; init; }
    public string PublicKey { get; init; }
    public string PrivateKey { get; init; }
    public string Description { get; init; }
    public DateTimeOffset CreatedDate { get; init; }
}

/// <summary>One tenant's in-memory state: records, roles, members, keys, faults and request log.</summary>
public sealed partial class TenantState
{
    private readonly List<RequestLogEntry> _log = new();
    private readonly object _logLock = new();
    private readonly object _faultLock = new();
    private FaultSettings _faults = new();
    private Random _faultRandom;
    private readonly Queue<ScriptedFault> _script = new();
    private readonly Random _keyRandom;
    private readonly Dictionary<string, RecordCollection> _collections = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ApiKeyRecord> _keys = new();
    private int _nextKeyId = 1;
    private int _nextSettingId = 1;
    private DateTime _rateWindowStart = DateTime.MinValue;
    private int _rateCount;

    /// <summary>Lock held while a request reads or changes this tenant's records.</summary>
    public object Sync { get; } = new();
    public string CompanyId { get; }
    public string CompanyName { get; internal set; }
    public string ClientId { get; internal set; }
    /// <summary>SiteUrl reported by companyinfo (127.0.0.1:PORT).</summary>
    public string SiteUrl { get; internal set; }
    public TenantInfo Info { get; internal set; }
    internal SimulatorOptions Options { get; }
    internal Catalog Catalog => Catalog.Instance;

    /// <summary>
    /// The real-server forms this tenant answers in (a copy of <see cref="SimulatorOptions.Behavior"/> at start). Change a property to
    /// switch a form (<c>Behavior.BadCredentialsStatus = 404</c>); <see cref="ResetBehavior"/> goes back to the server's defaults.
    /// </summary>
    public ServerBehavior Behavior { get => _behavior; set => _behavior = value ?? throw new ArgumentNullException(nameof(value)); }
    private volatile ServerBehavior _behavior;

    /// <summary>Back to the server's behaviour (<see cref="SimulatorOptions.Behavior"/>).</summary>
    public void ResetBehavior() => Behavior = (Options.Behavior ?? new ServerBehavior()).Clone();

    internal TenantState(string companyId, SimulatorOptions options, int seed)
    {
        CompanyId = companyId;
        Options = options;
        _keyRandom = new Random(seed);
        _faultRandom = new Random(seed);
        ResetBehavior();
    }

    // ------------------------------------------------------------ collections

    /// <summary>The collection of that name (created empty when new), e.g. "company/companies".</summary>
    public RecordCollection Collection(string name)
    {
        lock (Sync)
        {
            if (!_collections.TryGetValue(name, out var c)) _collections[name] = c = new RecordCollection(name);
            return c;
        }
    }

    internal bool HasCollection(string name) => _collections.ContainsKey(name);

    /// <summary>Copies of the records of a collection (for tests).</summary>
    public IReadOnlyList<JObject> GetRecords(string collection)
    {
        lock (Sync) return Collection(collection).All.Select(r => (JObject)r.DeepClone()).ToList();
    }

    internal static string Now() => DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    internal static void Stamp(JObject rec, string by, bool created)
    {
        var info = rec["_info"] as JObject ?? new JObject();
        info["lastUpdated"] = Now();
        info["updatedBy"] = by;
        if (created) { info["dateEntered"] = Now(); info["enteredBy"] = by; }
        rec["_info"] = info;
    }

    internal static JObject Ref(JObject rec, string nameField = "name") =>
        rec == null ? null : new JObject { ["id"] = rec["id"], [nameField] = rec[nameField] };

    // ------------------------------------------------------------ request log

    /// <summary>A snapshot of the requests addressed to this tenant, oldest first.</summary>
    public IReadOnlyList<RequestLogEntry> RequestLog { get { lock (_logLock) return _log.ToList(); } }

    public void ClearRequestLog() { lock (_logLock) _log.Clear(); }

    internal void Log(RequestLogEntry e) { lock (_logLock) _log.Add(e); }

    // ------------------------------------------------------------ faults

    /// <summary>The current fault settings (a copy is not made: treat as read-only).</summary>
    public FaultSettings Faults { get { lock (_faultLock) return _faults; } }

    /// <summary>Replaces the fault settings (and the one-shot script queue).</summary>
    public void SetFaults(FaultSettings settings)
    {
        lock (_faultLock)
        {
            _faults = settings ?? new FaultSettings();
            _script.Clear();
            foreach (var s in _faults.Script ?? new List<ScriptedFault>()) _script.Enqueue(s);
            if (_faults.Seed != null) _faultRandom = new Random(_faults.Seed.Value);
        }
    }

    public void ClearFaults() => SetFaults(null);

    /// <summary>Scripted faults not yet consumed.</summary>
    public int PendingScriptedFaults { get { lock (_faultLock) return _script.Count; } }

    internal FaultDecision DecideFault(string method, string apiPath, bool isCompanyInfo)
    {
        lock (_faultLock)
        {
            var f = _faults;
            var d = new FaultDecision();
            if (isCompanyInfo && !f.IncludeCompanyInfo) return d;
            if (f.Methods is { Count: > 0 } && !f.Methods.Any(m => string.Equals(m, method, StringComparison.OrdinalIgnoreCase))) return d;
            if (!string.IsNullOrEmpty(f.PathPrefix) && !isCompanyInfo)
            {
                var prefix = "/" + f.PathPrefix.TrimStart('/');
                if (!apiPath.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return d;
            }
            d.LatencyMs = f.LatencyMs;
            if (_script.Count > 0)
            {
                var s = _script.Dequeue();
                if (s.LatencyMs != null) d.LatencyMs = s.LatencyMs.Value;
                d.Drop = s.Drop; d.Malformed = s.Malformed; d.Status = s.Status; d.Body = s.Body;
                if (s.Status == 429) d.RetryAfter = FormatRetryAfter(s.RetryAfter ?? "1", s.RetryAfterAsDate);
                return d;
            }
            double roll() => _faultRandom.NextDouble();
            if (f.DropRate > 0 && roll() < f.DropRate) { d.Drop = true; return d; }
            if (f.Rate429 > 0 && roll() < f.Rate429) { d.Status = 429; d.RetryAfter = FormatRetryAfter(f.RetryAfter ?? "1", f.RetryAfterAsDate); return d; }
            foreach (var (rate, status) in new[] { (f.Rate500, 500), (f.Rate502, 502), (f.Rate503, 503), (f.Rate504, 504) })
                if (rate > 0 && roll() < rate) { d.Status = status; return d; }
            if (f.MalformedRate > 0 && roll() < f.MalformedRate) d.Malformed = true;
            return d;
        }
    }

    private static string FormatRetryAfter(string value, bool asDate)
    {
        if (asDate && int.TryParse(value, out var secs))
            return DateTimeOffset.UtcNow.AddSeconds(secs).ToString("R", CultureInfo.InvariantCulture);
        return value;
    }

    /// <summary>Fixed-window rate limit; true when the request may go on.</summary>
    internal bool TryConsumeRate(out int retryAfterSeconds)
    {
        retryAfterSeconds = 0;
        if (Options.RateLimitRequests <= 0) return true;
        lock (_faultLock)
        {
            var now = DateTime.UtcNow;
            var window = TimeSpan.FromSeconds(Math.Max(1, Options.RateLimitWindowSeconds));
            if (now - _rateWindowStart >= window) { _rateWindowStart = now; _rateCount = 0; }
            if (_rateCount < Options.RateLimitRequests) { _rateCount++; return true; }
            retryAfterSeconds = Options.RateLimitRetryAfterSeconds
                ?? Math.Max(1, (int)Math.Ceiling((window - (now - _rateWindowStart)).TotalSeconds));
            return false;
        }
    }

    // ------------------------------------------------------------ keys

    internal string NewKeyString()
    {
        var chars = new char[Fidelity.ApiKeyLength];
        lock (_keyRandom)
        {
            for (int i = 0; i < chars.Length; i++)
                chars[i] = Fidelity.ApiKeyAlphabet[Options.Seed == null
                    ? RandomNumberGenerator.GetInt32(Fidelity.ApiKeyAlphabet.Length)
                    : _keyRandom.Next(Fidelity.ApiKeyAlphabet.Length)];
        }
        return new string(chars);
    }

    /// <summary>Creates an API key for an API member (what the web UI's API Keys tab does).</summary>
    public ApiKeyCreated CreateApiKey(int memberId, string description)
    {
        lock (Sync)
        {
            if (Collection("system/apiMembers").Get(memberId) == null)
                throw new Http.CwApiException(404, Fidelity.NotFoundCode, $"API member with id {memberId} not found");
            var k = new ApiKeyRecord
            {
                Id = _nextKeyId++, MemberId = memberId, PublicKey = NewKeyString(), PrivateKey = NewKeyString(),
                Description = description ?? "", CreatedDate = new DateTimeOffset(DateTime.UtcNow.Ticks - DateTime.UtcNow.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero),
            };
            _keys.Add(k);
            return new ApiKeyCreated { Id = k.Id, MemberId = memberId, PublicKey = k.PublicKey, PrivateKey = k.PrivateKey, Description = k.Description, CreatedDate = k.CreatedDate };
        }
    }

    /// <summary>The member's keys (no private keys).</summary>
    public IReadOnlyList<ApiKeyRecord> GetApiKeys(int memberId)
    {
        lock (Sync) return _keys.Where(k => k.MemberId == memberId).ToList();
    }

    public bool DeleteApiKey(int memberId, int keyId)
    {
        lock (Sync) return _keys.RemoveAll(k => k.MemberId == memberId && k.Id == keyId) > 0;
    }

    /// <summary>The key and its active member, or null (wrong key, deleted key, inactive member).</summary>
    internal (ApiKeyRecord Key, JObject Member)? Authenticate(string publicKey, string privateKey)
    {
        lock (Sync)
        {
            foreach (var k in _keys)
            {
                if (!string.Equals(k.PublicKey, publicKey, StringComparison.Ordinal)) continue;
                var a = System.Text.Encoding.UTF8.GetBytes(k.PrivateKey);
                var b = System.Text.Encoding.UTF8.GetBytes(privateKey ?? "");
                if (!CryptographicOperations.FixedTimeEquals(a, b)) continue;
                var member = Collection("system/apiMembers").Get(k.MemberId);
                if (member == null || member.Value<bool?>("inactiveFlag") == true) return null;
                return (k, member);
            }
            return null;
        }
    }

    internal int NextSettingId() => _nextSettingId++;
}
