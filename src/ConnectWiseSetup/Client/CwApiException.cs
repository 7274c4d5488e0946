using System;
using System.Collections.Generic;
using System.Management.Automation;

namespace ConnectWiseSetup.Client
{
    /// <summary>
    /// A request to ConnectWise that failed: an error status, a response we could not read, a timeout or a
    /// connection failure. <see cref="StatusCode"/> is null when no HTTP response arrived.
    /// </summary>
    public sealed class CwApiException : CwException
    {
        public CwApiException(string errorId, ErrorCategory category, string message, int? statusCode, string method, string url,
            string code = null, string apiMessage = null, IReadOnlyList<CwFieldError> fieldErrors = null, int retryCount = 0,
            Exception innerException = null)
            : base(errorId, category, message, url, innerException)
        {
            StatusCode = statusCode;
            Method = method;
            Url = url;
            Code = code;
            ApiMessage = apiMessage;
            FieldErrors = fieldErrors ?? Array.Empty<CwFieldError>();
            RetryCount = retryCount;
        }

        /// <summary>The HTTP status, or null when no response arrived (timeout, connection failure).</summary>
        public int? StatusCode { get; }

        /// <summary>ConnectWise's <c>code</c> (e.g. <c>InvalidObject</c>, <c>Unauthorized</c>).</summary>
        public string Code { get; }

        /// <summary>ConnectWise's <c>message</c>, as it sent it.</summary>
        public string ApiMessage { get; }

        public IReadOnlyList<CwFieldError> FieldErrors { get; }

        public string Method { get; }

        /// <summary>The request URL, without user info and with secret-looking query values redacted.</summary>
        public string Url { get; }

        /// <summary>How many times the request was retried before giving up.</summary>
        public int RetryCount { get; }

        /// <summary>What the error answer's body was: "json" (a ConnectWise error body), "html" (a web page), "text", "empty"; null without an answer.</summary>
        public string BodyKind { get; internal set; }
    }
}
