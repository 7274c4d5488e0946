using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ConnectWiseSetup.Simulator.Http;
using ConnectWiseSetup.Simulator.Store;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ConnectWiseSetup.Simulator;

/// <summary>
/// A local ConnectWise PSA (Manage) stand-in on 127.0.0.1. Start with <see cref="StartAsync"/>; dispose to stop.
/// </summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private WebApplication _app;
    private readonly Dictionary<string, TenantState> _tenants = new(Fidelity.CompanyIdComparer);
    private readonly List<RequestLogEntry> _globalLog = new();
    private long _seq;
    private readonly Router _router = new();
    private OperatorChannel _operator;
    private int _stopped;
    // The latency the options and faults add (its thread starts with the first delay).
    private readonly LatencyClock _latency = new();

    public SimulatorOptions Options { get; }
    /// <summary>http(s)://127.0.0.1:PORT (no trailing slash).</summary>
    public Uri BaseUrl { get; private set; }
    /// <summary>The value of the X-Operator-Token header the operator channel requires.</summary>
    public string OperatorToken { get; }
    /// <summary>The operator channel's base URL (BaseUrl + /_operator).</summary>
    public Uri OperatorUrl => new(BaseUrl, "/_operator");
    public IReadOnlyList<TenantInfo> Tenants { get; private set; }
    /// <summary>The TLS certificate (public part) when Https is on.</summary>
    public X509Certificate2 Certificate { get; private set; }
    /// <summary>Where the certificate PEM was written (null when not written).</summary>
    public string CertificatePath { get; private set; }

    /// <summary>Every request the server saw, including unauthenticated and operator ones.</summary>
    public IReadOnlyList<RequestLogEntry> GlobalRequestLog { get { lock (_globalLog) return _globalLog.ToList(); } }

    internal IEnumerable<TenantState> TenantStates => _tenants.Values;

    /// <summary>The API route table (tests walk it).</summary>
    internal Router Router => _router;

    private SimulatorServer(SimulatorOptions options)
    {
        Options = options;
        OperatorToken = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
    }

    /// <summary>Direct access to a tenant's state (request log, faults, records) for tests.</summary>
    public TenantState GetTenant(string companyId) =>
        _tenants.TryGetValue(companyId, out var t) ? t : throw new KeyNotFoundException($"No tenant '{companyId}'");

    internal TenantState FindTenant(string companyId) =>
        companyId != null && _tenants.TryGetValue(companyId, out var t) ? t : null;

    public static async Task<SimulatorServer> StartAsync(SimulatorOptions options, CancellationToken ct = default)
    {
        options ??= new SimulatorOptions();
        options.Behavior ??= new ServerBehavior();
        if (options.Behavior.Problem() is string problem) throw new ArgumentException("SimulatorOptions.Behavior: " + problem);
        var server = new SimulatorServer(options);
        server.Seed();
        ApiRoutes.Register(server._router);
        server._operator = new OperatorChannel(server);
        await server.StartHostAsync(ct).ConfigureAwait(false);
        return server;
    }

    private void Seed()
    {
        var ids = Options.CompanyIds is { Count: > 0 }
            ? Options.CompanyIds.ToList()
            : Enumerable.Range(1, Math.Max(1, Options.TenantCount)).Select(i => Options.CompanyIdPrefix + i).ToList();
        int baseSeed = Options.Seed ?? RandomNumberGenerator.GetInt32(int.MaxValue);
        var infos = new List<TenantInfo>();
        for (int i = 0; i < ids.Count; i++)
        {
            var t = new TenantState(ids[i], Options, unchecked(baseSeed + i * 7919));
            if (_tenants.ContainsKey(t.CompanyId)) throw new ArgumentException($"Duplicate company id '{t.CompanyId}'");
            _tenants[t.CompanyId] = t;
            Seeder.SeedTenant(t, i + 1);
            infos.Add(t.Info);
        }
        Tenants = infos;
    }

    private async Task StartHostAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        if (Options.Https)
        {
            Certificate = Certificates.CreateSelfSigned(out var pfx);
            if (!string.IsNullOrEmpty(Options.CertificateDirectory))
                CertificatePath = Certificates.WritePem(Certificate, Options.CertificateDirectory);
            builder.WebHost.ConfigureKestrel(k =>
            {
                k.Limits.MaxRequestBodySize = 8 * 1024 * 1024;
                k.AddServerHeader = false;
                k.Listen(IPAddress.Loopback, Options.Port, l => l.UseHttps(pfx));
            });
        }
        else
        {
            builder.WebHost.ConfigureKestrel(k =>
            {
                k.Limits.MaxRequestBodySize = 8 * 1024 * 1024;
                k.AddServerHeader = false;
                k.Listen(IPAddress.Loopback, Options.Port);
            });
        }
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync(ct).ConfigureAwait(false);
        var addr = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>().Addresses.First();
        var port = new Uri(addr.Replace("[::]", "127.0.0.1")).Port;
        BaseUrl = new Uri($"{(Options.Https ? "https" : "http")}://127.0.0.1:{port}");
        foreach (var t in _tenants.Values) t.SiteUrl = $"127.0.0.1:{port}";
    }

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1 || _app == null) return;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try { await _app.StopAsync(cts.Token).ConfigureAwait(false); } catch (OperationCanceledException) { }
        await _app.DisposeAsync().ConfigureAwait(false);
        _latency.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        Certificate?.Dispose();
    }

    // ================================================================== pipeline

    private static readonly HashSet<string> Codebases = new(StringComparer.OrdinalIgnoreCase)
        { Fidelity.Codebase.TrimEnd('/'), Fidelity.LegacyCodebase.TrimEnd('/') };

    private async Task HandleAsync(HttpContext ctx)
    {
        var sw = Stopwatch.StartNew();
        var now = DateTimeOffset.UtcNow;
        var entry = new RequestLogEntry
        {
            Seq = Interlocked.Increment(ref _seq),
            Time = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero),
            Method = ctx.Request.Method,
            Path = ctx.Request.Path.Value,
            Query = RedactQuery(ctx.Request.Query),
            Channel = "other",
        };
        TenantState tenant = null;
        ApiResult toWrite = null;
        bool malformed = false;
        try
        {
            toWrite = await DispatchAsync(ctx, entry, t => tenant = t).ConfigureAwait(false);
            malformed = toWrite != null && entry.Fault == "malformed";
        }
        catch (CwApiException e)
        {
            toWrite = ErrorResult(e, entry.Channel == "operator" ? null : tenant?.Behavior ?? Options.Behavior);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == 413)
        {
            toWrite = Error(413, "RequestTooLarge", $"The request body is larger than {Fidelity.MaxBodyBytes} bytes");
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
        {
            // client went away: nothing to answer
        }
        catch (Exception ex)
        {
            toWrite = Error(500, Fidelity.ServerErrorCode, "An unexpected error occurred: " + ex.GetType().Name);
        }
        if (toWrite != null && entry.Channel == "api" && (tenant?.Behavior ?? Options.Behavior).ApiCurrentVersionHeader)
            toWrite.Headers.TryAdd("api-current-version", Fidelity.ApiCurrentVersion);
        // log before answering, so a client that has its answer always finds the entry
        entry.DurationMs = sw.ElapsedMilliseconds;
        entry.Status = toWrite != null ? (malformed ? 200 : toWrite.Status) : 0;
        var body = toWrite == null ? null : BodyOf(toWrite, malformed);
        entry.ResponseBytes = body?.Length ?? 0;
        lock (_globalLog) _globalLog.Add(entry);
        tenant?.Log(entry);
        if (toWrite == null) return;
        try
        {
            if (ctx.Response.HasStarted) { ctx.Abort(); return; }
            await WriteAsync(ctx, toWrite, body, malformed).ConfigureAwait(false);
        }
        catch (Exception) when (ctx.RequestAborted.IsCancellationRequested || ctx.Response.HasStarted)
        {
            ctx.Abort();
        }
    }

    private static ApiResult Error(int status, string code, string message) =>
        new() { Status = status, Body = CwApiException.Body(code, message) };

    private const string Html = "text/html; charset=utf-8";

    /// <summary>
    /// The answer for an error: ConnectWise's JSON body, or, where the behaviour says a real server's (or its edge's) answer is not JSON,
    /// an HTML page or no body (404s and 429s). Operator answers (behavior null) are always JSON.
    /// </summary>
    internal static ApiResult ErrorResult(CwApiException e, ServerBehavior behavior)
    {
        var form = e.BodyForm ?? (behavior == null ? ServerBehavior.ErrorBody.Json
            : e.Status == 404 ? behavior.NotFoundBody
            : e.Status == 429 ? behavior.RateLimitBody
            : ServerBehavior.ErrorBody.Json);
        var r = new ApiResult { Status = e.Status };
        switch (form)
        {
            case ServerBehavior.ErrorBody.Empty:
                r.Text = "";
                break;
            case ServerBehavior.ErrorBody.Html:
                r.Text = HtmlPage(e.Status);
                r.ContentType = Html;
                break;
            default:
                // Fidelity.RateLimitJson: a rate-limit 429 is keyed error, with the wait in its message (or the usual body keyed code)
                r.Body = e.Status == 429 && behavior != null && behavior.RateLimitJson == ServerBehavior.RateLimitJsonForm.ErrorKey
                    ? new JObject { ["error"] = Fidelity.RateLimitErrorValue, ["message"] = Fidelity.RateLimitMessage(RetryAfterSeconds(e)) }
                    : e.ToBody();
                break;
        }
        foreach (var h in e.Headers) r.Headers[h.Key] = h.Value;
        return r;
    }

    /// <summary>The seconds a 429's Retry-After asks for (seconds, or an HTTP date from now), at least 1.</summary>
    private static int RetryAfterSeconds(CwApiException e)
    {
        if (!e.Headers.TryGetValue("Retry-After", out var v)) return 1;
        if (int.TryParse(v, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var s)) return Math.Max(1, s);
        if (DateTimeOffset.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
            return Math.Max(1, (int)Math.Ceiling((at - DateTimeOffset.UtcNow).TotalSeconds));
        return 1;
    }

    /// <summary>Fidelity.RequireHttps: plain HTTP refused with ConnectWise's Security body when the behaviour asks for it.</summary>
    private static void CheckHttps(HttpContext ctx, ServerBehavior behavior)
    {
        if (behavior.RequireHttps && !ctx.Request.IsHttps)
            throw new CwApiException(Fidelity.SslRequiredStatus, Fidelity.SslRequiredCode, Fidelity.SslRequiredMessage);
    }

    /// <summary>A plain HTML error page, as a web server or an edge proxy in front of ConnectWise sends (the simulator's own words).</summary>
    private static string HtmlPage(int status)
    {
        var (title, text) = status switch
        {
            429 => ("429 Too Many Requests", "This site is receiving more requests from you than it accepts. Wait a moment, then try again."),
            404 => ("404 Not Found", "There is nothing at this address."),
            _ => (status + " Error", "The request could not be served."),
        };
        return "<!DOCTYPE html>\n<html><head><title>" + title + "</title></head><body><h1>" + title + "</h1><p>" + text + "</p></body></html>\n";
    }

    /// <summary>The body bytes an answer carries (null for none), computed once for the log and the response.</summary>
    private static byte[] BodyOf(ApiResult r, bool malformed)
    {
        if (r.Status == 204 && !malformed) return null;
        if (r.Text != null && !malformed) return r.Text.Length == 0 ? null : Encoding.UTF8.GetBytes(r.Text);
        var json = r.Json ?? JsonBody.Utf8((r.Body ?? new JObject()).WriteTo);
        if (!malformed) return json;
        var text = Encoding.UTF8.GetString(json);
        text = text.Length > 1 ? text.Substring(0, Math.Max(1, text.Length / 2)) : "{";
        return Encoding.UTF8.GetBytes(text);
    }

    private static async Task WriteAsync(HttpContext ctx, ApiResult r, byte[] bytes, bool malformed)
    {
        ctx.Response.StatusCode = malformed ? 200 : r.Status;
        foreach (var h in r.Headers) ctx.Response.Headers[h.Key] = h.Value;
        if (bytes == null) { if (r.Status != 204) ctx.Response.ContentLength = 0; return; }
        ctx.Response.ContentType = !malformed && r.ContentType != null ? r.ContentType : "application/json; charset=utf-8";
        ctx.Response.ContentLength = bytes.Length;
        await ctx.Response.Body.WriteAsync(bytes, ctx.RequestAborted).ConfigureAwait(false);
    }

    private static readonly string[] SecretWords = { "key", "secret", "password", "token", "auth", "credential" };

    private static string RedactQuery(IQueryCollection q)
    {
        if (q.Count == 0) return "";
        var parts = q.SelectMany(kv => kv.Value.Select(v =>
            Uri.EscapeDataString(kv.Key) + "=" + (SecretWords.Any(w => kv.Key.Contains(w, StringComparison.OrdinalIgnoreCase)) ? "REDACTED" : Uri.EscapeDataString(v ?? ""))));
        return "?" + string.Join("&", parts);
    }

    private async Task<ApiResult> DispatchAsync(HttpContext ctx, RequestLogEntry entry, Action<TenantState> setTenant)
    {
        var path = ctx.Request.Path.Value ?? "/";
        var segs = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segs.Length > 0 && segs[0].Equals("_operator", StringComparison.OrdinalIgnoreCase))
        {
            entry.Channel = "operator";
            // An operator call about a tenant is logged in that tenant's log: say which tenant, as API entries do.
            return await _operator.HandleAsync(ctx, segs.Skip(1).ToArray(), t => { setTenant(t); entry.CompanyId = t?.CompanyId; }).ConfigureAwait(false);
        }
        if (segs.Length == 3 && segs[0].Equals("login", StringComparison.OrdinalIgnoreCase) && segs[1].Equals("companyinfo", StringComparison.OrdinalIgnoreCase))
        {
            entry.Channel = "companyinfo";
            return await CompanyInfoAsync(ctx, Uri.UnescapeDataString(segs[2]), entry, setTenant).ConfigureAwait(false);
        }
        if (segs.Length >= 3 && Codebases.Contains(segs[0]) && segs[1].Equals("apis", StringComparison.OrdinalIgnoreCase) && segs[2] == "3.0")
        {
            entry.Channel = "api";
            var apiPath = "/" + string.Join('/', segs.Skip(3));
            var apiBase = $"{ctx.Request.Scheme}://{ctx.Request.Host}/{segs[0]}/apis/3.0";
            return await ApiAsync(ctx, apiPath, apiBase, entry, setTenant).ConfigureAwait(false);
        }
        throw CwApiException.NotFound($"No resource at '{path}'");
    }

    private async Task<bool> ApplyFaultAsync(HttpContext ctx, TenantState tenant, RequestLogEntry entry, string apiPath, bool companyInfo)
    {
        var d = tenant.DecideFault(ctx.Request.Method, apiPath, companyInfo);
        if (!d.Any) return false;
        entry.FaultInjected = true;
        entry.Fault = d.Describe();
        if (d.LatencyMs > 0) await _latency.DelayAsync(d.LatencyMs, ctx.RequestAborted).ConfigureAwait(false);
        if (d.Drop)
        {
            entry.Status = 0;
            ctx.Abort();
            return true;
        }
        if (d.Status is int status)
        {
            var e = status switch
            {
                429 => new CwApiException(429, Fidelity.TooManyRequestsCode, "Too many requests. Retry after the time in the Retry-After header."),
                >= 500 => new CwApiException(status, Fidelity.ServerErrorCode, $"The server could not handle the request ({status})."),
                _ => new CwApiException(status, "Fault", $"Injected fault ({status})."),
            };
            if (status == 429) e.Headers["Retry-After"] = d.RetryAfter ?? "1";
            e.BodyForm = d.Body;
            throw e;
        }
        return false; // latency only, or malformed (applied when writing)
    }

    private async Task<ApiResult> CompanyInfoAsync(HttpContext ctx, string companyId, RequestLogEntry entry, Action<TenantState> setTenant)
    {
        var tenant = FindTenant(companyId);
        CheckHttps(ctx, tenant?.Behavior ?? Options.Behavior);
        if (tenant != null)
        {
            setTenant(tenant);
            entry.CompanyId = tenant.CompanyId;
            if (await ApplyFaultAsync(ctx, tenant, entry, "/login/companyinfo", companyInfo: true).ConfigureAwait(false)) return null;
        }
        if (!HttpMethods.IsGet(ctx.Request.Method))
            throw new CwApiException(405, Fidelity.MethodNotAllowedCode, $"The requested resource does not support http method '{ctx.Request.Method}'.");
        if (tenant == null)
        {
            // Fidelity.UnknownCompanyInfo: a 200 whose body is the JSON null, or a 404.
            if (Options.Behavior.UnknownCompanyInfo == ServerBehavior.CompanyInfoAnswer.NullBody) return ApiResult.Ok(JValue.CreateNull());
            throw CwApiException.NotFound($"Company '{companyId}' was not found.");
        }
        return ApiResult.Ok(new JObject
        {
            ["CompanyName"] = tenant.CompanyName,
            ["Codebase"] = Fidelity.Codebase,
            ["VersionCode"] = Fidelity.VersionCode,
            ["VersionNumber"] = Fidelity.VersionNumber,
            ["CompanyID"] = tenant.CompanyId,
            // Fidelity.CompanyInfoIsCloud: a boolean, or the string the developer guide's example shows
            ["IsCloud"] = tenant.Behavior.CompanyInfoIsCloud == ServerBehavior.IsCloudForm.String ? (JToken)(Fidelity.IsCloud ? "True" : "False") : Fidelity.IsCloud,
            ["SiteUrl"] = tenant.SiteUrl,
            ["AllowedOrigins"] = new JArray(Fidelity.AllowedOrigins),
        });
    }

    private static (string Company, string Public, string Private)? ParseBasic(string header)
    {
        if (string.IsNullOrWhiteSpace(header)) return null;
        var parts = header.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !parts[0].Equals("Basic", StringComparison.OrdinalIgnoreCase)) return null;
        string decoded;
        try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parts[1].Trim())); }
        catch (FormatException) { return null; }
        int colon = decoded.IndexOf(':');
        if (colon < 0) return null;
        var user = decoded.Substring(0, colon);
        int plus = user.IndexOf('+');
        if (plus <= 0) return null;
        return (user.Substring(0, plus), user.Substring(plus + 1), decoded.Substring(colon + 1));
    }

    private async Task<ApiResult> ApiAsync(HttpContext ctx, string apiPath, string apiBase, RequestLogEntry entry, Action<TenantState> setTenant)
    {
        var creds = ParseBasic(ctx.Request.Headers.Authorization.ToString());
        CheckHttps(ctx, FindTenant(creds?.Company)?.Behavior ?? Options.Behavior);
        if (creds == null) throw new CwApiException(401, Fidelity.MissingAuthCode, Fidelity.MissingAuthMessage);
        var tenant = FindTenant(creds.Value.Company);
        if (tenant == null) throw BadCredentials(Options.Behavior);
        setTenant(tenant);
        entry.CompanyId = tenant.CompanyId;

        if (Options.LatencyMs > 0) await _latency.DelayAsync(Options.LatencyMs, ctx.RequestAborted).ConfigureAwait(false);
        if (!tenant.TryConsumeRate(out var retry))
        {
            entry.FaultInjected = true; entry.Fault = "ratelimit";
            var e = new CwApiException(429, Fidelity.TooManyRequestsCode, "Too many requests. Retry after the time in the Retry-After header.");
            e.Headers["Retry-After"] = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
            throw e;
        }
        if (await ApplyFaultAsync(ctx, tenant, entry, apiPath, companyInfo: false).ConfigureAwait(false)) return null;

        var auth = tenant.Authenticate(creds.Value.Public, creds.Value.Private);
        if (auth == null) throw BadCredentials(tenant.Behavior);
        var clientId = ctx.Request.Headers["clientId"].ToString();
        if (string.IsNullOrWhiteSpace(clientId) || (Fidelity.ClientIdMustBeGuid && !Guid.TryParse(clientId, out _)))
            throw new CwApiException(401, Fidelity.MissingAuthCode, Fidelity.MissingClientIdMessage);
        entry.Member = auth.Value.Member.Value<string>("identifier");
        CheckApiVersion(ctx);

        var match = _router.Match(ctx.Request.Method, apiPath);
        if (match.Route == null) throw NoRoute(ctx.Request.Method, apiPath, match);
        var actx = new ApiContext
        {
            Http = ctx, Tenant = tenant, Member = auth.Value.Member, Key = auth.Value.Key,
            Route = match.Route, Values = match.Values, ApiPath = apiPath, ApiBase = apiBase,
        };
        if (HttpMethods.IsPost(ctx.Request.Method) || HttpMethods.IsPut(ctx.Request.Method) || HttpMethods.IsPatch(ctx.Request.Method))
            actx.Body = await ReadJsonBodyAsync(ctx).ConfigureAwait(false);
        ApiResult result;
        lock (tenant.Sync)
        {
            Permissions.Check(actx);
            result = match.Route.Handler(actx);
            // Written now, under the lock: a body that is a stored record (or holds one) is never read while another request changes it.
            result.WriteJson();
        }
        return result;
    }

    /// <summary>Refused credentials: 401 ConnectWiseApi/UserNotAuthenticated, or the same answered as a 404 (ServerBehavior.BadCredentialsStatus).</summary>
    private static CwApiException BadCredentials(ServerBehavior behavior) =>
        new(behavior.BadCredentialsStatus, Fidelity.BadCredentialsCode, Fidelity.BadCredentialsMessage);

    /// <summary>
    /// The API version of the Accept header, read only when ConnectWise's media type is the first one listed (Fidelity.CwMediaType); a version
    /// the server does not serve is refused (Fidelity.ServesApiVersion).
    /// </summary>
    private static void CheckApiVersion(HttpContext ctx)
    {
        var accept = ctx.Request.Headers.Accept.ToString();
        if (string.IsNullOrWhiteSpace(accept)) return;
        var first = accept.Split(',')[0];
        var parts = first.Split(';');
        if (!parts[0].Trim().Equals(Fidelity.CwMediaType, StringComparison.OrdinalIgnoreCase)) return;
        foreach (var p in parts.Skip(1))
        {
            var kv = p.Split('=', 2);
            if (kv.Length != 2 || !kv[0].Trim().Equals("version", StringComparison.OrdinalIgnoreCase)) continue;
            var version = kv[1].Trim().Trim('"');
            if (!Fidelity.ServesApiVersion(version))
                throw new CwApiException(Fidelity.UnsupportedApiVersionStatus, Fidelity.UnsupportedApiVersionCode,
                    Fidelity.UnsupportedApiVersionMessage(ctx.Request.GetEncodedUrl(), version));
        }
    }

    /// <summary>
    /// No route for this method and path: 501 where ConnectWise's catalogue has the method (the simulator does not emulate it), 405 where the
    /// path is known (to the simulator or the catalogue) and neither has the method, 404 otherwise.
    /// </summary>
    internal static CwApiException NoRoute(string method, string apiPath, Router.MatchResult match)
    {
        var (catalogueLiterals, catalogueMethods) = ApiCatalogue.Instance.MethodsFor(apiPath);
        // A route the simulator serves, asked with a {parameter} that is not a number (company/companies/abc): no such record. Unless a more
        // specific path exists (company/companies/default is a path of its own).
        if (match.ShapeOnly && match.ShapeLiterals >= Math.Max(match.Literals, catalogueLiterals)) return CwApiException.NotFound($"No resource at '{apiPath}'");
        // The catalogue speaks for this path unless the simulator knows a more specific one (e.g. .../count, which the catalogue leaves out).
        var catalogueApplies = catalogueLiterals >= 0 && catalogueLiterals >= match.Literals;
        if (catalogueApplies && catalogueMethods.Contains(method.ToUpperInvariant()))
            return new CwApiException(501, Fidelity.NotEmulatedCode, Fidelity.NotEmulatedMessage(method.ToUpperInvariant(), apiPath));
        if (match.PathKnown || catalogueApplies)
        {
            var allowed = match.Allowed.Concat(catalogueApplies ? catalogueMethods : Array.Empty<string>()).Select(m => m.ToUpperInvariant()).Distinct().ToArray();
            var e = new CwApiException(405, Fidelity.MethodNotAllowedCode, $"The requested resource does not support http method '{method}'.");
            e.Headers["Allow"] = string.Join(", ", allowed);
            return e;
        }
        return CwApiException.NotFound($"No resource at '{apiPath}'");
    }

    internal static async Task<JToken> ReadJsonBodyAsync(HttpContext ctx, bool required = true)
    {
        var req = ctx.Request;
        if (req.ContentLength > Fidelity.MaxBodyBytes)
            throw new CwApiException(413, "RequestTooLarge", $"The request body is larger than {Fidelity.MaxBodyBytes} bytes");
        using var ms = new MemoryStream();
        var buffer = new byte[16384];
        int n;
        while ((n = await req.Body.ReadAsync(buffer, ctx.RequestAborted).ConfigureAwait(false)) > 0)
        {
            ms.Write(buffer, 0, n);
            if (ms.Length > Fidelity.MaxBodyBytes)
                throw new CwApiException(413, "RequestTooLarge", $"The request body is larger than {Fidelity.MaxBodyBytes} bytes");
        }
        if (ms.Length == 0)
        {
            if (!required) return null;
            throw CwApiException.BadRequest("The request body is empty.");
        }
        var ct = req.ContentType ?? "";
        var mediaType = ct.Split(';')[0].Trim();
        if (!(mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase) || mediaType.Length == 0 && !required))
            throw new CwApiException(415, Fidelity.UnsupportedMediaTypeCode, $"The request entity's media type '{ct}' is not supported for this resource. Use application/json.");
        string text;
        try { text = new UTF8Encoding(false, true).GetString(ms.ToArray()); }
        catch (DecoderFallbackException) { throw CwApiException.BadRequest("The request body is not valid UTF-8."); }
        return ParseJson(text);
    }

    internal static JToken ParseJson(string text)
    {
        try
        {
            using var r = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal, MaxDepth = 64 };
            var t = JToken.ReadFrom(r);
            while (r.Read())
                if (r.TokenType != JsonToken.Comment) throw CwApiException.BadRequest("The request body is not valid JSON: unexpected content after the end.");
            return t;
        }
        catch (JsonException e)
        {
            throw CwApiException.BadRequest("The request body is not valid JSON: " + e.Message);
        }
    }
}
