using System;
using System.Net.Http;

namespace ConnectWiseSetup.Client
{
    /// <summary>One logical request across its attempts: what to send, and what the retries did.</summary>
    internal sealed class CallState
    {
        public CallState(HttpMethod method, Uri uri, string body, RequestKind kind, long startTimestamp)
        {
            Method = method; Uri = uri; Body = body; Kind = kind; StartTimestamp = startTimestamp;
        }

        public HttpMethod Method { get; }
        public Uri Uri { get; }
        public string Body { get; }
        public RequestKind Kind { get; }
        public long StartTimestamp { get; }

        /// <summary>Attempts started so far (1 for the first).</summary>
        public int Attempts { get; set; }

        /// <summary>Retries done (Attempts - 1 once a retry has started).</summary>
        public int Retries { get; set; }

        public TimeSpan NextDelay { get; set; }
        public string NextDelayReason { get; set; }

        /// <summary>Why retrying stopped, when it stopped on a retryable failure (attempts or time cap).</summary>
        public string GaveUpReason { get; set; }

        /// <summary>A retry-wait progress bar is showing (completed when the next attempt starts, or the call ends).</summary>
        public bool RetryProgressShown { get; set; }

        /// <summary>An attempt of this call got an HTTP answer: the server is there (a refused connection after that is worth retrying).</summary>
        public bool Answered { get; set; }
    }

    /// <summary>How a request authenticates and what it accepts.</summary>
    internal enum RequestKind
    {
        /// <summary>An API call: Authorization, clientId, Accept with the API version.</summary>
        Api,
        /// <summary>An API list call with <c>pagination-type: forward-only</c>.</summary>
        ApiForwardOnly,
        /// <summary>Discovery (<c>/login/companyinfo</c>): no credentials, plain JSON.</summary>
        Anonymous,
    }
}
