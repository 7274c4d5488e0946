using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConnectWiseSetup.Tests.Reliability
{
    /// <summary>
    /// A tiny real server (Kestrel) on a loopback address, plain or TLS with a given certificate, that answers with a
    /// delegate and records every request with its headers. For transport rules the simulator does not play (redirects).
    /// </summary>
    public sealed class LoopbackServer : IAsyncDisposable
    {
        public sealed record Seen(string Method, string Path, IReadOnlyDictionary<string, string> Headers);

        readonly WebApplication _app;
        readonly ConcurrentQueue<Seen> _seen = new();

        LoopbackServer(WebApplication app) { _app = app; }

        public Uri Url { get; private set; }
        public IReadOnlyList<Seen> Requests => _seen.ToArray();

        public static async Task<LoopbackServer> StartAsync(IPAddress address, Func<HttpContext, Task> answer, X509Certificate2 tlsCertificate = null)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k =>
            {
                k.AddServerHeader = false;
                k.Listen(address, 0, l => { if (tlsCertificate != null) l.UseHttps(tlsCertificate); });
            });
            var app = builder.Build();
            var server = new LoopbackServer(app);
            app.Run(async ctx =>
            {
                server._seen.Enqueue(new Seen(ctx.Request.Method, ctx.Request.Path.Value + ctx.Request.QueryString.Value,
                    ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
                await answer(ctx);
            });
            await app.StartAsync();
            var addr = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>().Addresses.First();
            var port = new Uri(addr).Port;
            var host = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "[" + address + "]" : address.ToString();
            server.Url = new Uri((tlsCertificate != null ? "https" : "http") + "://" + host + ":" + port);
            return server;
        }

        public async ValueTask DisposeAsync()
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try { await _app.StopAsync(cts.Token); } catch (OperationCanceledException) { }
            await _app.DisposeAsync();
        }
    }
}
