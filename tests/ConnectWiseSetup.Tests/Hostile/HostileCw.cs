#nullable enable
using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ConnectWiseSetup.Tests.Client;

namespace ConnectWiseSetup.Tests.Hostile;

/// <summary>
/// A hostile ConnectWise (or a proxy in front of one) on 127.0.0.1: discovery and /system/info answer as ConnectWise does, and
/// every path under <c>/v2025_1/apis/3.0/hostile/{form}</c> answers with one of the forms below. The echo forms put every request
/// header back (Authorization included) into the body in the form named; <c>endless</c> streams a 200 without end.
/// Loopback only; stopped when disposed.
/// </summary>
internal sealed class HostileCw : IDisposable
{
    /// <summary>The forms that echo the request headers, each a body a server or proxy might send.</summary>
    public static readonly string[] EchoForms =
    {
        "json-message", "json-errors", "json-code", "json-decoded", "text", "html", "html-title", "cut", "self-cut",
        "reason", "ok-malformed", "ok-wrong-type", "json-string-errors", "urlish",
    };

    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private long _endlessBytes;

    public HostileCw()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = "http://127.0.0.1:" + Port;
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _ = Task.Run(LoopAsync);
    }

    public int Port { get; }
    public string Url { get; }

    /// <summary>When set, /system/info refuses the (right) credentials with a 401 that echoes every header.</summary>
    public bool RefuseSignIn { get; set; }

    /// <summary>"METHOD path" of every request that reached the server.</summary>
    public IReadOnlyList<string> Requests => _requests.ToArray();

    /// <summary>Bytes of the endless body the server managed to write before the client stopped reading.</summary>
    public long EndlessBytesWritten => Interlocked.Read(ref _endlessBytes);

    /// <summary>Set when the endless writer ended (the client closed the connection).</summary>
    public TaskCompletionSource EndlessEnded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); }
            catch { return; }
            _ = Task.Run(() => HandleAsync(ctx));
        }
    }

    /// <summary>Every request header, one per line, as an echoing proxy writes them.</summary>
    private static string Headers(HttpListenerRequest request)
    {
        var sb = new StringBuilder();
        foreach (string? name in request.Headers.AllKeys)
            sb.Append(name).Append(": ").Append(request.Headers[name]).Append('\n');
        return sb.ToString();
    }

    private static string Json(string s) => Newtonsoft.Json.JsonConvert.ToString(s);

    private async Task HandleAsync(HttpListenerContext ctx)
    {
        var request = ctx.Request;
        var path = request.Url!.AbsolutePath;
        _requests.Enqueue(request.HttpMethod + " " + path);
        var auth = request.Headers["Authorization"] ?? "";
        var b64 = auth.StartsWith("Basic ", StringComparison.Ordinal) ? auth.Substring(6) : auth;
        string decoded;
        try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(b64)); } catch (FormatException) { decoded = ""; }
        var headers = Headers(request);
        int status = 400;
        string type = "application/json", body, reason = "Bad Request";
        const string prefix = "/v2025_1/apis/3.0/hostile/";
        try
        {
            if (path == "/login/companyinfo/contoso") { await WriteAsync(ctx, 200, "OK", type, TestTenant.CompanyInfoJson); return; }
            if (auth != TestTenant.Basic) { await WriteAsync(ctx, 401, "Unauthorized", type, "{\"code\":\"Unauthorized\",\"message\":" + Json("Refused: " + headers) + "}"); return; }
            if (RefuseSignIn) { await WriteAsync(ctx, 401, "Unauthorized " + b64, type, "{\"code\":\"Unauthorized\",\"message\":" + Json("Refused " + decoded + ": " + headers) + "}"); return; }
            if (path == "/v2025_1/apis/3.0/system/info") { await WriteAsync(ctx, 200, "OK", type, TestTenant.SystemInfoJson); return; }
            if (!path.StartsWith(prefix, StringComparison.Ordinal)) { await WriteAsync(ctx, 404, "Not Found", type, "{\"code\":\"NotFound\",\"message\":\"no route\"}"); return; }
            var form = path.Substring(prefix.Length);
            switch (form)
            {
                case "json-message": body = "{\"code\":\"InvalidObject\",\"message\":" + Json("You sent " + headers) + "}"; break;
                case "json-errors":
                    body = "{\"code\":\"InvalidObject\",\"message\":\"Invalid\",\"errors\":[" +
                           "{\"code\":" + Json(b64) + ",\"message\":" + Json(headers) + ",\"resource\":" + Json(auth) + ",\"field\":" + Json(decoded) + "}," +
                           "{\"code\":\"Required\",\"message\":" + Json("value " + auth.ToLowerInvariant()) + ",\"resource\":\"member\",\"field\":\"identifier\"}]}";
                    break;
                case "json-string-errors": body = "{\"code\":\"InvalidObject\",\"message\":\"Invalid\",\"errors\":[" + Json(headers) + "," + Json(decoded.ToUpperInvariant()) + "]}"; break;
                case "json-code": body = "{\"code\":" + Json(auth) + ",\"message\":null}"; break;
                case "json-decoded": body = "{\"code\":\"InvalidObject\",\"message\":" + Json("Basic credentials " + decoded + " are not allowed; the prefix was " + decoded.Split(':')[0]) + "}"; break;
                case "text": type = "text/plain"; status = 502; reason = "Bad Gateway"; body = "Proxy error. Request was:\n" + headers; break;
                case "html": type = "text/html"; status = 403; reason = "Forbidden"; body = "<html><head><title>Denied</title></head><body><pre>" + WebUtility.HtmlEncode(headers) + "</pre></body></html>"; break;
                case "html-title": type = "text/html"; status = 403; reason = "Forbidden"; body = "<html><head><title>Denied for " + WebUtility.HtmlEncode(auth) + "</title></head><body>no</body></html>"; break;
                case "cut":
                    // The snippet limit (200 characters) falls in the middle of the base64.
                    type = "text/plain"; status = 418; reason = "Teapot";
                    body = new string('x', 200 - 6 - b64.Length / 2) + "Basic " + b64 + " and more text after it";
                    break;
                case "self-cut":
                    // The proxy cut its own echo half-way through the credential (and the decoded form).
                    type = "text/plain"; status = 418; reason = "Teapot";
                    body = "trace: Authorization: Basic " + b64.Substring(0, b64.Length / 2) + "\ntrace: user " + decoded.Substring(0, decoded.Length - 5);
                    break;
                case "reason": status = 400; reason = "Bad " + b64; body = ""; break;
                case "ok-malformed": status = 200; reason = "OK"; body = "{\"id\": 1, \"echo\": " + Json(headers) + ", oops"; break;
                case "ok-wrong-type": status = 200; reason = "OK"; body = "[" + Json(auth) + "]"; break;
                case "urlish": body = "{\"code\":\"InvalidObject\",\"message\":" + Json("see https://" + Uri.EscapeDataString(decoded) + "@evil.example/ and " + b64.Replace("+", "%2B")) + "}"; break;
                case "endless": await EndlessAsync(ctx); return;
                case "gzip-bomb": await GzipBombAsync(ctx); return;
                case "huge-length": await HugeLengthAsync(ctx); return;
                default: status = 404; body = "{\"code\":\"NotFound\",\"message\":\"no form\"}"; break;
            }
            await WriteAsync(ctx, status, reason, type, body);
        }
        catch { /* the client went away */ }
    }

    private static async Task WriteAsync(HttpListenerContext ctx, int status, string reason, string type, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        ctx.Response.StatusCode = status;
        ctx.Response.StatusDescription = reason;
        ctx.Response.ContentType = type;
        ctx.Response.ContentLength64 = bytes.Length;
        await ctx.Response.OutputStream.WriteAsync(bytes);
        ctx.Response.Close();
    }

    /// <summary>A 200 that never ends: '[' and then records for ever, until the client closes the connection.</summary>
    private async Task EndlessAsync(HttpListenerContext ctx)
    {
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        ctx.Response.SendChunked = true;
        var chunk = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"id\":1,\"name\":\"endless\"},", 2048)));
        try
        {
            await ctx.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes("["));
            while (!_stop.IsCancellationRequested)
            {
                await ctx.Response.OutputStream.WriteAsync(chunk, _stop.Token);
                Interlocked.Add(ref _endlessBytes, chunk.Length);
            }
        }
        catch { /* the client stopped reading */ }
        finally
        {
            try { ctx.Response.Abort(); } catch { }
            EndlessEnded.TrySetResult();
        }
    }

    /// <summary>A 200 of 40 MB of JSON whitespace, gzip-compressed to a few tens of KB.</summary>
    private static async Task GzipBombAsync(HttpListenerContext ctx)
    {
        using var compressed = new MemoryStream();
        using (var gz = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var block = Encoding.ASCII.GetBytes(new string(' ', 1 << 20));
            gz.Write(Encoding.ASCII.GetBytes("["));
            for (var i = 0; i < 40; i++) gz.Write(block);
            gz.Write(Encoding.ASCII.GetBytes("]"));
        }
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        ctx.Response.AddHeader("Content-Encoding", "gzip");
        ctx.Response.ContentLength64 = compressed.Length;
        compressed.Position = 0;
        await compressed.CopyToAsync(ctx.Response.OutputStream);
        ctx.Response.Close();
    }

    /// <summary>A 200 announcing 1 GB (and sending a little): refused from the announced length, before reading.</summary>
    private async Task HugeLengthAsync(HttpListenerContext ctx)
    {
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        ctx.Response.ContentLength64 = 1L << 30;
        try
        {
            await ctx.Response.OutputStream.WriteAsync(Encoding.ASCII.GetBytes("[{\"id\":1}"));
            await Task.Delay(TimeSpan.FromSeconds(30), _stop.Token);
        }
        catch { }
        finally { try { ctx.Response.Abort(); } catch { } }
    }

    public void Dispose()
    {
        _stop.Cancel();
        try { _listener.Stop(); _listener.Close(); } catch { }
    }
}
