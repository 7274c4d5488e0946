using System;
using System.Net.Http;

namespace ConnectWiseSetup.Client
{
    /// <summary>Transport settings of a <see cref="ManageClient"/>; tests inject the handler, clock and randomness.</summary>
    internal sealed class ClientOptions
    {
        /// <summary>Per attempt, from sending to the end of the body.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

        public RetrySettings Retry { get; set; } = new RetrySettings();

        /// <summary>Replaces the HttpClientHandler (tests); it must not follow redirects itself.</summary>
        public HttpMessageHandler Handler { get; set; }

        /// <summary>Clock and delays for retries (tests record the waits instead of sleeping).</summary>
        public TimeProvider TimeProvider { get; set; }

        /// <summary>Values in [0, 1) for back-off jitter.</summary>
        public Func<double> Random { get; set; }
    }
}
