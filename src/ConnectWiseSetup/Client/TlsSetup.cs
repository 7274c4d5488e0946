using System;
using System.Net;

namespace ConnectWiseSetup.Client
{
    /// <summary>On .NET Framework (Windows PowerShell 5.1), make sure TLS 1.2 is allowed; ConnectWise cloud requires it.</summary>
    internal static class TlsSetup
    {
        private static int _done;

        public static void EnsureTls12()
        {
            if (System.Threading.Interlocked.Exchange(ref _done, 1) == 1) return;
            try
            {
                // .NET Framework's core library is mscorlib (.NET Core's is System.Private.CoreLib). Checked this way rather
                // than with RuntimeInformation, which needs a facade that .NET Framework 4.6.2 may not have.
                if (!string.Equals(typeof(object).Assembly.GetName().Name, "mscorlib", StringComparison.Ordinal)) return;
                var current = ServicePointManager.SecurityProtocol;
                // SystemDefault (0) lets the OS choose (TLS 1.2 and 1.3 included): adding Tls12 would pin it to 1.2 only.
                if (current != 0 && (current & SecurityProtocolType.Tls12) == 0)
                    ServicePointManager.SecurityProtocol = current | SecurityProtocolType.Tls12;
            }
            catch (NotSupportedException) { }
        }
    }
}
