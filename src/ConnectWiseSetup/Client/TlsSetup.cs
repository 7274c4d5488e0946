using System;
using System.Net;
using System.Runtime.InteropServices;

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
                if (!RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase)) return;
                var current = ServicePointManager.SecurityProtocol;
                // SystemDefault (0) lets the OS choose (TLS 1.2 and 1.3 included): adding Tls12 would pin it to 1.2 only.
                if (current != 0 && (current & SecurityProtocolType.Tls12) == 0)
                    ServicePointManager.SecurityProtocol = current | SecurityProtocolType.Tls12;
            }
            catch (NotSupportedException) { }
        }
    }
}
