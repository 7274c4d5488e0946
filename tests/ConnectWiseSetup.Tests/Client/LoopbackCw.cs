#nullable enable
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ConnectWiseSetup.Tests.Client;

/// <summary>
/// A tiny ConnectWise on 127.0.0.1 (HttpListener) for the hosted cmdlet tests: discovery, /system/info with a
/// key check, and a slow endpoint. Loopback only; the real stand-in is the simulator project.
/// </summary>
internal sealed class LoopbackCw : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _requests = new();

    public LoopbackCw()
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
    public IReadOnlyList<string> Requests => _requests.ToArray();

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

    private async Task HandleAsync(HttpListenerContext ctx)
    {
        var path = ctx.Request.Url!.AbsolutePath;
        _requests.Enqueue(ctx.Request.HttpMethod + " " + path);
        int status; string body;
        if (path == "/login/companyinfo/contoso")
        {
            (status, body) = (200, TestTenant.CompanyInfoJson);
        }
        else if (ctx.Request.Headers["Authorization"] != TestTenant.Basic || ctx.Request.Headers["clientId"] != TestTenant.ClientId)
        {
            (status, body) = (401, "{\"code\":\"Unauthorized\",\"message\":\"UserNotAuthenticated\"}");
        }
        else if (path == "/v2025_1/apis/3.0/system/info")
        {
            (status, body) = (200, TestTenant.SystemInfoJson);
        }
        else if (path == "/v2025_1/apis/3.0/slow")
        {
            try { await Task.Delay(TimeSpan.FromMinutes(2), _stop.Token); } catch (OperationCanceledException) { }
            (status, body) = (200, "{}");
        }
        else
        {
            (status, body) = (404, "{\"code\":\"NotFound\",\"message\":\"No route\"}");
        }
        try
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            ctx.Response.StatusCode = status;
            ctx.Response.ContentType = "application/json";
            ctx.Response.ContentLength64 = bytes.Length;
            await ctx.Response.OutputStream.WriteAsync(bytes);
            ctx.Response.Close();
        }
        catch { /* client went away */ }
    }

    public void Dispose()
    {
        _stop.Cancel();
        try { _listener.Stop(); _listener.Close(); } catch { }
    }
}
