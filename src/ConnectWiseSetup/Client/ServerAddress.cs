using System;
using System.Net;

namespace ConnectWiseSetup.Client
{
    /// <summary>Where a ConnectWise site lives: scheme and authority (host and port), nothing else.</summary>
    internal sealed class ServerAddress
    {
        public ServerAddress(string scheme, string host, int port, bool explicitScheme)
        {
            Scheme = scheme;
            Host = host;
            Port = port;
            ExplicitScheme = explicitScheme;
            var builder = new UriBuilder(scheme, host, port) { Path = "/" };
            Root = builder.Uri;
        }

        /// <summary><c>https</c> or <c>http</c>.</summary>
        public string Scheme { get; }

        /// <summary>The host as a URI writes it (IPv6 addresses in brackets).</summary>
        public string Host { get; }

        /// <summary>The port, or -1 for the scheme's default.</summary>
        public int Port { get; }

        public bool ExplicitScheme { get; }

        /// <summary><c>{scheme}://{authority}/</c>.</summary>
        public Uri Root { get; }

        /// <summary>host, or host:port when the port is not the scheme's default.</summary>
        public string Authority => Root.Authority;

        public bool IsLoopback => IsLoopbackHost(Root);

        public override string ToString() => ExplicitScheme ? Root.GetLeftPart(UriPartial.Authority) : Authority;

        /// <summary>localhost, 127.0.0.0/8 or ::1.</summary>
        public static bool IsLoopbackHost(Uri uri)
        {
            if (uri == null) return false;
            var host = uri.DnsSafeHost;
            if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
            if (IPAddress.TryParse(host, out var ip))
            {
                if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
                return IPAddress.IsLoopback(ip);
            }
            return false;
        }
    }
}
