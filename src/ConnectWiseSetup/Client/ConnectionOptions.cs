using System;
using System.Net.Http;
using System.Security;

namespace ConnectWiseSetup.Client
{
    /// <summary>What Connect-CwManage (or a test, or a later -ApiKey parameter set) gives to <see cref="CwConnector"/>.</summary>
    internal sealed class ConnectionOptions
    {
        public string Server { get; set; }
        public string CompanyId { get; set; }
        public string PublicKey { get; set; }
        public SecureString PrivateKey { get; set; }

        /// <summary>null: the CONNECTWISE_CLIENTID environment variable.</summary>
        public string ClientId { get; set; }

        /// <summary>null: discovered from /system/info.</summary>
        public string ApiVersion { get; set; }

        /// <summary>null: discovered from /login/companyinfo.</summary>
        public string Codebase { get; set; }

        public int? TimeoutSec { get; set; }

        /// <summary>Cap on the time spent retrying one request, in seconds (0: no retries).</summary>
        public int? MaxRetryTimeSec { get; set; }

        public RetrySettings Retry { get; set; } = new RetrySettings();

        /// <summary>
        /// The tenant is already known (codebase and API version from a connection made to it): send no /system/info and let
        /// the first request prove the credentials (a 401 there is ConnectWise refusing them). A key checked on the
        /// administrator's tenant saves a round trip this way.
        /// </summary>
        public bool SignInOnFirstRequest { get; set; }

        /// <summary>Reads environment variables (tests replace it).</summary>
        public Func<string, string> Environment { get; set; }

        // Test seams.
        public HttpMessageHandler Handler { get; set; }
        public TimeProvider TimeProvider { get; set; }
        public Func<double> Random { get; set; }
    }
}
