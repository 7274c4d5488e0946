using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;

namespace ConnectWiseSetup.Client
{
    /// <summary>A fully read response: status, the headers the client uses, and the body as text.</summary>
    internal sealed class RawResponse
    {
        public RawResponse(string method, Uri uri, int statusCode, string reasonPhrase, HttpResponseHeaders headers, HttpContentHeaders contentHeaders, string body)
        {
            Method = method;
            Uri = uri;
            StatusCode = statusCode;
            ReasonPhrase = reasonPhrase;
            Body = body ?? string.Empty;
            Link = Join(headers, "Link");
            RetryAfter = Join(headers, "Retry-After");
            ApiCurrentVersion = Join(headers, "api-current-version");
            ContentType = contentHeaders?.ContentType?.MediaType;
        }

        public string Method { get; }
        public Uri Uri { get; }
        public int StatusCode { get; }
        public string ReasonPhrase { get; }
        public string Body { get; }
        public string Link { get; }
        public string RetryAfter { get; }
        public string ApiCurrentVersion { get; }
        public string ContentType { get; }

        public bool IsSuccess => StatusCode >= 200 && StatusCode < 300;

        private static string Join(HttpHeaders headers, string name)
        {
            if (headers == null || !headers.TryGetValues(name, out IEnumerable<string> values)) return null;
            var list = values.ToList();
            return list.Count == 0 ? null : string.Join(", ", list);
        }
    }
}
