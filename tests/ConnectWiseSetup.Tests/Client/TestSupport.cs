#nullable enable
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Text;
using ConnectWiseSetup.Client;

namespace ConnectWiseSetup.Tests.Client;

/// <summary>What the fake handler saw of one request.</summary>
internal sealed class SeenRequest
{
    public string Method { get; init; } = "";
    public Uri Uri { get; init; } = null!;
    public Dictionary<string, string> Headers { get; init; } = new(StringComparer.OrdinalIgnoreCase);
    public string? Body { get; init; }
    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}

/// <summary>An HttpMessageHandler that answers from a function and records every request; no network.</summary>
internal sealed class FakeHandler : HttpMessageHandler
{
    private readonly Func<SeenRequest, CancellationToken, Task<HttpResponseMessage>> _respond;
    private readonly ConcurrentQueue<SeenRequest> _seen = new();

    public FakeHandler(Func<SeenRequest, HttpResponseMessage> respond) : this((r, _) => Task.FromResult(respond(r))) { }

    public FakeHandler(Func<SeenRequest, CancellationToken, Task<HttpResponseMessage>> respond) => _respond = respond;

    public IReadOnlyList<SeenRequest> Requests => _seen.ToArray();

    /// <summary>Answers in turn; the last answer repeats.</summary>
    public static FakeHandler Sequence(params Func<SeenRequest, HttpResponseMessage>[] answers)
    {
        var i = -1;
        return new FakeHandler(r =>
        {
            var n = Interlocked.Increment(ref i);
            return answers[Math.Min(n, answers.Length - 1)](r);
        });
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var h in request.Headers) headers[h.Key] = string.Join(", ", h.Value);
        string? body = null;
        if (request.Content != null)
        {
            foreach (var h in request.Content.Headers) headers[h.Key] = string.Join(", ", h.Value);
            body = await request.Content.ReadAsStringAsync(cancellationToken);
        }
        var seen = new SeenRequest { Method = request.Method.Method, Uri = request.RequestUri!, Headers = headers, Body = body };
        _seen.Enqueue(seen);
        var response = await _respond(seen, cancellationToken);
        response.RequestMessage ??= request;
        return response;
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
    {
        var r = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers) r.Headers.TryAddWithoutValidation(name, value);
        return r;
    }

    public static HttpResponseMessage Ok(string json, params (string Name, string Value)[] headers) => Json(HttpStatusCode.OK, json, headers);

    public static HttpResponseMessage Status(int status, string json = "", params (string Name, string Value)[] headers)
        => Json((HttpStatusCode)status, json, headers);

    public static HttpResponseMessage Redirect(int status, string location)
    {
        var r = new HttpResponseMessage((HttpStatusCode)status);
        r.Headers.Location = new Uri(location, UriKind.RelativeOrAbsolute);
        return r;
    }
}

/// <summary>A clock whose timers fire at once: tests read the waits the client asked for instead of sleeping.</summary>
internal sealed class FakeTime : TimeProvider
{
    private long _ticks;
    private readonly ConcurrentQueue<TimeSpan> _delays = new();
    public static readonly DateTimeOffset Start = new(2025, 1, 31, 12, 0, 0, TimeSpan.Zero);

    public IReadOnlyList<TimeSpan> Delays => _delays.ToArray();

    public override DateTimeOffset GetUtcNow() => Start + TimeSpan.FromTicks(Interlocked.Read(ref _ticks));
    public override long GetTimestamp() => Interlocked.Read(ref _ticks);
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer();
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _delays.Enqueue(dueTime);
            Advance(dueTime);
            ThreadPool.QueueUserWorkItem(_ => { if (!timer.Disposed) callback(state); });
        }
        return timer;
    }

    private sealed class FakeTimer : ITimer
    {
        public volatile bool Disposed;
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;
        public void Dispose() => Disposed = true;
        public ValueTask DisposeAsync() { Disposed = true; return default; }
    }
}

/// <summary>Captures what the client posts to ClientLog in this async flow.</summary>
internal sealed class LogCapture
{
    private readonly ConcurrentQueue<ClientLogEntry> _entries = new();

    public LogCapture() => ClientLog.Sink = _entries.Enqueue;

    public IReadOnlyList<string> Lines => _entries.Select(e => e.Message ?? "").ToArray();

    public string All => string.Join("\n", Lines);
}

internal static class TestTenant
{
    public const string CompanyId = "contoso";
    public const string PublicKey = "PubKeyAbc123";
    public const string PrivateKey = "Priv8KeyXyz789Secret";
    public const string ClientId = "3f0b6c1e-8a3b-4c55-9d1e-2b7a9f3c4d5e";
    public const string Server = "cw.example.com";
    public const string Base = "https://cw.example.com/v2025_1/apis/3.0/";

    /// <summary>The exact Authorization value the client must send.</summary>
    public static string Basic => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(CompanyId + "+" + PublicKey + ":" + PrivateKey));

    public static ConnectionOptions Options(HttpMessageHandler handler, string server = Server, TimeProvider? time = null) => new()
    {
        Server = server,
        CompanyId = CompanyId,
        PublicKey = PublicKey,
        PrivateKey = SecretHelper.ToSecureString(PrivateKey),
        ClientId = ClientId,
        Handler = handler,
        TimeProvider = time ?? new FakeTime(),
        Random = () => 0.5,
        Environment = _ => null!,
    };

    /// <summary>A client ready for API calls at <see cref="Base"/> with API version 2025.1; no request sent.</summary>
    public static ManageClient Client(HttpMessageHandler handler, TimeProvider? time = null, Action<ConnectionOptions>? configure = null)
    {
        var options = Options(handler, Server, time);
        options.ApiVersion = "2025.1";
        configure?.Invoke(options);
        var client = CwConnector.CreateClient(options, out _);
        client.BaseUri = new Uri(Base);
        return client;
    }

    public const string CompanyInfoJson =
        "{\"CompanyName\":\"Contoso Ltd\",\"Codebase\":\"v2025_1/\",\"VersionCode\":\"v2025.1\",\"VersionNumber\":\"v2025.1.10473\",\"CompanyID\":\"contoso\",\"IsCloud\":true,\"SiteUrl\":\"na.myconnectwise.net\"}";

    public const string SystemInfoJson = "{\"version\":\"v2025.1.10473\",\"isCloud\":true,\"serverTimeZone\":\"Eastern Standard Time\"}";

    /// <summary>A ConnectWise that answers discovery and /system/info, plus whatever <paramref name="more"/> handles.</summary>
    public static FakeHandler Site(string codebase = "v2025_1/", Func<SeenRequest, HttpResponseMessage?>? more = null)
        => new(r =>
        {
            var path = r.Uri.AbsolutePath;
            if (path.StartsWith("/login/companyinfo/", StringComparison.Ordinal))
                return FakeHandler.Ok(CompanyInfoJson.Replace("v2025_1/", codebase));
            if (path.EndsWith("/apis/3.0/system/info", StringComparison.Ordinal))
                return FakeHandler.Ok(SystemInfoJson);
            return more?.Invoke(r) ?? FakeHandler.Status(404, "{\"code\":\"NotFound\",\"message\":\"no route\"}");
        });
}
