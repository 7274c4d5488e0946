using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Text;
using Newtonsoft.Json.Linq;

namespace ConnectWiseSetup.Client
{
    /// <summary>Turns failed responses and transport failures into <see cref="CwApiException"/>s.</summary>
    internal static class ErrorMapping
    {
        private static readonly string[] SecretQueryWords = { "key", "secret", "token", "password", "auth", "credential", "signature" };

        /// <summary>The most characters of one text a server sent (a message, a field error) kept on an error, after scrubbing.</summary>
        internal const int MaxServerText = 1000;

        /// <summary>The most characters of a body that is not a ConnectWise error shown in a message, after scrubbing.</summary>
        internal const int SnippetLength = 200;

        /// <summary>
        /// The error for a response that is not a success. Every text taken from the response (code, message, field errors, page
        /// title, body snippet, reason phrase) passes through <paramref name="scrubber"/> before it is cut or kept.
        /// </summary>
        public static CwApiException FromResponse(RawResponse response, CallState state, SecretScrubber scrubber)
        {
            ParseErrorBody(response.Body, scrubber, out var code, out var apiMessage, out var fieldErrors);
            var objectExists = false;
            foreach (var f in fieldErrors)
                if (string.Equals(f.Code, "ObjectExists", StringComparison.OrdinalIgnoreCase)) objectExists = true;
            ErrorIds.ForStatus(response.StatusCode, objectExists, out var errorId, out var category);
            // The status decides, whatever the body says (a 403's wording varies; a proxy's 429 is a web page).
            string explanation = null;
            if (IsVersionRefusal(response.StatusCode, apiMessage))
            {
                errorId = ErrorIds.InvalidApiVersion;
                category = ErrorCategory.InvalidArgument;
                explanation = "This ConnectWise server does not serve the API version the connection asks for" + VersionOf(response) +
                    ". Connect again with -ApiVersion set to a version it serves (its own is in Get-CwConnection's ServerVersion), or without -ApiVersion to use the server's.";
            }
            else if (response.StatusCode == 404 && IsSignInPath(response.Uri))
            {
                errorId = ErrorIds.AuthenticationFailed;
                category = ErrorCategory.AuthenticationError;
                explanation = "This path exists on every ConnectWise server, so the 404 means the credentials were refused: cloud hosts answer 404 for a wrong key or company ID (a wrong -Codebase gives a 404 too).";
            }
            else if (IsSslRequired(code, apiMessage))
            {
                errorId = ErrorIds.InsecureServer;
                category = ErrorCategory.SecurityError;
                explanation = "ConnectWise refuses plain HTTP: connect with an https:// address (on a cloud host, the api- host name, e.g. https://api-na.myconnectwise.net).";
            }
            else if (string.Equals(code, "ApiFindCondition", StringComparison.OrdinalIgnoreCase))
            {
                explanation = "A field in the conditions or orderBy is not a field of this endpoint (a field inside a list, such as types/name, goes in childConditions).";
            }

            var url = SafeUrl(response.Uri);
            var sb = new StringBuilder();
            sb.Append(response.Method).Append(' ').Append(url).Append(" failed: ")
              .Append(response.StatusCode.ToString(CultureInfo.InvariantCulture));
            if (!string.IsNullOrEmpty(response.ReasonPhrase)) sb.Append(' ').Append(response.ReasonPhrase);
            sb.Append('.');
            if (!string.IsNullOrEmpty(apiMessage) || !string.IsNullOrEmpty(code))
            {
                sb.Append(" ConnectWise says: ");
                sb.Append(string.IsNullOrEmpty(apiMessage) ? code : apiMessage);
                if (!string.IsNullOrEmpty(code) && !string.IsNullOrEmpty(apiMessage) && apiMessage.IndexOf(code, StringComparison.OrdinalIgnoreCase) < 0)
                    sb.Append(" (").Append(code).Append(')');
                if (fieldErrors.Count > 0)
                {
                    sb.Append(" [");
                    for (var i = 0; i < fieldErrors.Count; i++)
                    {
                        if (i > 0) sb.Append("; ");
                        sb.Append(fieldErrors[i]);
                    }
                    sb.Append(']');
                }
            }
            else if (IsHtml(response))
            {
                var title = HtmlTitle(response.Body, scrubber);
                sb.Append(" The answer was a web page, not ConnectWise's API (a proxy or web server in front of it answered)")
                  .Append(string.IsNullOrEmpty(title) ? "" : ": \"" + title + "\"");
            }
            else if (!string.IsNullOrWhiteSpace(response.Body))
            {
                sb.Append(" The response body was not a ConnectWise error: ").Append(Snippet(response.Body, scrubber));
            }
            if (sb.Length > 0 && sb[sb.Length - 1] != '.' && sb[sb.Length - 1] != ']') sb.Append('.');
            if (explanation != null) sb.Append(' ').Append(explanation);
            if (state != null && state.Retries > 0)
                sb.Append(" Retried ").Append(state.Retries.ToString(CultureInfo.InvariantCulture)).Append(state.Retries == 1 ? " time" : " times");
            if (state != null && !string.IsNullOrEmpty(state.GaveUpReason))
                sb.Append(state.Retries > 0 ? "; " : " ").Append(state.GaveUpReason);
            if (state != null && (state.Retries > 0 || !string.IsNullOrEmpty(state.GaveUpReason))) sb.Append('.');

            var message = scrubber.Scrub(sb.ToString());
            var e = new CwApiException(errorId, category, message, response.StatusCode, response.Method, url,
                code, apiMessage ?? string.Empty, fieldErrors, state?.Retries ?? 0);
            e.RecommendedAction = Advice(response.StatusCode, errorId);
            e.BodyKind = !string.IsNullOrEmpty(code) || !string.IsNullOrEmpty(apiMessage) ? "json" : IsHtml(response) ? "html"
                       : string.IsNullOrWhiteSpace(response.Body) ? "empty" : "text";
            return e;
        }

        /// <summary>ConnectWise's refusal of plain HTTP (or of a cloud host without the api- prefix): code Security, "SSL is required.".</summary>
        internal static bool IsSslRequired(string code, string apiMessage)
            => string.Equals(code, "Security", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(apiMessage)
               && apiMessage.IndexOf("SSL is required", StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>ConnectWise's refusal of an API version: "The HTTP resource that matches the request URI '...' does not support the API version 'X'."</summary>
        internal static bool IsVersionRefusal(int status, string apiMessage)
            => status == 400 && !string.IsNullOrEmpty(apiMessage) && apiMessage.IndexOf("does not support the API version", StringComparison.OrdinalIgnoreCase) >= 0;

        private static string VersionOf(RawResponse response)
        {
            var m = System.Text.RegularExpressions.Regex.Match(response.Body ?? "", "API version '([^']*)'");
            return m.Success ? " ('" + m.Groups[1].Value + "')" : "";
        }

        /// <summary>Paths every member can read on every server (/system/info, /system/mySecurity...): a 404 there is a refused sign-in (cloud hosts).</summary>
        internal static bool IsSignInPath(Uri uri)
        {
            if (uri == null) return false;
            var path = uri.AbsolutePath.TrimEnd('/');
            return path.EndsWith("/apis/3.0/system/info", StringComparison.OrdinalIgnoreCase)
                || path.EndsWith("/apis/3.0/system/mySecurity", StringComparison.OrdinalIgnoreCase)
                || path.EndsWith("/apis/3.0/system/mySecurity/customizeItems", StringComparison.OrdinalIgnoreCase);
        }

        private static bool IsHtml(RawResponse response)
            => (response.ContentType != null && response.ContentType.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0)
               || (response.Body ?? "").TrimStart().StartsWith("<", StringComparison.Ordinal);

        private static string HtmlTitle(string body, SecretScrubber scrubber)
        {
            var m = System.Text.RegularExpressions.Regex.Match(body ?? "", "<title[^>]*>([^<]*)</title>", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            return m.Success ? Snippet(System.Net.WebUtility.HtmlDecode(m.Groups[1].Value), scrubber) : null;
        }

        public static CwApiException FromException(Exception error, CallState state, TimeSpan timeout, SecretScrubber scrubber)
        {
            var url = SafeUrl(state.Uri);
            var method = state.Method.Method;
            var retried = state.Retries > 0
                ? " Retried " + state.Retries.ToString(CultureInfo.InvariantCulture) + (state.Retries == 1 ? " time" : " times") +
                  (string.IsNullOrEmpty(state.GaveUpReason) ? "." : "; " + state.GaveUpReason + ".")
                : (string.IsNullOrEmpty(state.GaveUpReason) ? "" : " " + state.GaveUpReason + ".");
            if (error is AttemptTimeoutException)
            {
                return new CwApiException(ErrorIds.Timeout, ErrorCategory.OperationTimeout,
                    scrubber.Scrub(method + " " + url + " timed out: no answer within " + RetryPolicy.Seconds(timeout) + " s (see -TimeoutSec)." + retried),
                    null, method, url, retryCount: state.Retries, innerException: error)
                { RecommendedAction = "Check that the server is reachable and responsive, or raise -TimeoutSec." };
            }
            if (RetryPolicy.IsConnectionRefused(error) && !state.Answered)
            {
                return new CwApiException(ErrorIds.ConnectionFailed, ErrorCategory.ConnectionError,
                    scrubber.Scrub(method + " " + url + " failed: nothing is listening at " + state.Uri.Authority + " (the connection was refused)." + retried),
                    null, method, url, retryCount: state.Retries, innerException: error)
                { RecommendedAction = "Check -Server (the host name and the port, if you gave one) and that the ConnectWise site or simulator is running." };
            }
            if (RetryPolicy.IsTransportFailure(error))
            {
                return new CwApiException(ErrorIds.ConnectionFailed, ErrorCategory.ConnectionError,
                    scrubber.Scrub(method + " " + url + " failed: could not get a response from " + state.Uri.Authority + " (" + InnerMessages(error) + ")." + retried),
                    null, method, url, retryCount: state.Retries, innerException: error)
                { RecommendedAction = "Check the server name, your network and proxy, and that the site is up." };
            }
            return new CwApiException(ErrorIds.UnexpectedError, ErrorCategory.NotSpecified,
                scrubber.Scrub(method + " " + url + " failed: " + InnerMessages(error)), null, method, url, retryCount: state.Retries, innerException: error);
        }

        /// <summary>A 2xx whose body is not what we expected.</summary>
        public static CwApiException InvalidResponse(RawResponse response, string why, SecretScrubber scrubber)
        {
            var url = SafeUrl(response.Uri);
            return new CwApiException(ErrorIds.InvalidResponse, ErrorCategory.InvalidResult,
                scrubber.Scrub(response.Method + " " + url + " returned " + response.StatusCode.ToString(CultureInfo.InvariantCulture) +
                      " but the body is not the JSON ConnectWise sends: " + scrubber.Scrub(why, MaxServerText) +
                      (string.IsNullOrWhiteSpace(response.Body) ? " (empty body)" : " Body starts: " + Snippet(response.Body, scrubber))),
                response.StatusCode, response.Method, url);
        }

        /// <summary>ConnectWise's error body: code, message and errors[], each scrubbed and cut to <see cref="MaxServerText"/>.</summary>
        internal static void ParseErrorBody(string body, SecretScrubber scrubber, out string code, out string message, out IReadOnlyList<CwFieldError> fieldErrors)
        {
            ParseErrorBody(body, out var rawCode, out var rawMessage, out var raw);
            code = ServerText(rawCode, scrubber);
            message = ServerText(rawMessage, scrubber);
            var list = new List<CwFieldError>(raw.Count);
            foreach (var f in raw)
                list.Add(new CwFieldError(ServerText(f.Code, scrubber), ServerText(f.Message, scrubber), ServerText(f.Resource, scrubber), ServerText(f.Field, scrubber)));
            fieldErrors = list;
        }

        /// <summary>A text a server sent, fit to keep on an error: secrets masked, then cut.</summary>
        internal static string ServerText(string text, SecretScrubber scrubber)
            => text == null ? null : scrubber.Scrub(text, MaxServerText);

        /// <summary>ConnectWise's error body as it was sent (for callers that only test its shape; never put on an error unscrubbed).</summary>
        internal static void ParseErrorBody(string body, out string code, out string message, out IReadOnlyList<CwFieldError> fieldErrors)
        {
            code = null; message = null;
            var list = new List<CwFieldError>();
            fieldErrors = list;
            if (string.IsNullOrWhiteSpace(body)) return;
            JObject o;
            try { o = CwJson.Deserialize<JToken>(body) as JObject; }
            catch (FormatException) { return; }
            if (o == null) return;
            code = Str(o, "code");
            // a rate-limit 429 is keyed error, not code: {"error": "ConnectWiseAPI", "message": "Too many requests. Please try again in N seconds."}
            if (code == null && o.GetValue("error", StringComparison.OrdinalIgnoreCase) is JValue error && error.Type == JTokenType.String) code = (string)error;
            message = Str(o, "message");
            if (o.GetValue("errors", StringComparison.OrdinalIgnoreCase) is JArray errors)
            {
                foreach (var item in errors)
                {
                    if (item is JObject e)
                        list.Add(new CwFieldError(Str(e, "code"), Str(e, "message"), Str(e, "resource"), Str(e, "field")));
                    else if (item.Type == JTokenType.String)
                        list.Add(new CwFieldError(null, (string)item, null, null));
                }
            }
        }

        /// <summary>The URL without user info and with secret-looking query values replaced by ***.</summary>
        public static string SafeUrl(Uri uri)
        {
            if (uri == null) return string.Empty;
            if (!uri.IsAbsoluteUri) return uri.OriginalString;
            var left = uri.Scheme + "://" + uri.Authority + uri.AbsolutePath;
            return left + SafeQuery(uri.Query);
        }

        /// <summary>
        /// A URL or host as a person typed or a server sent it, without user info (<c>https://user:pass@host/x</c> gives
        /// <c>https://host/x</c>, <c>user:pass@host</c> gives <c>host</c>): what may be kept or printed of a URL that is only text.
        /// </summary>
        public static string WithoutUserInfo(string text)
        {
            if (string.IsNullOrEmpty(text)) return text;
            var scheme = text.IndexOf("://", StringComparison.Ordinal);
            var start = scheme < 0 ? 0 : scheme + 3;
            var end = text.IndexOfAny(new[] { '/', '\\', '?', '#' }, start);
            if (end < 0) end = text.Length;
            var at = end > start ? text.LastIndexOf('@', end - 1, end - start) : -1;
            return at < 0 ? text : text.Substring(0, start) + text.Substring(at + 1);
        }

        /// <summary>Path and query (plus scheme and authority when not <paramref name="home"/>'s), for verbose lines.</summary>
        public static string LogUrl(Uri uri, Uri home)
        {
            if (uri == null) return string.Empty;
            var sameSite = home != null && string.Equals(uri.Scheme, home.Scheme, StringComparison.OrdinalIgnoreCase) &&
                           string.Equals(uri.Authority, home.Authority, StringComparison.OrdinalIgnoreCase);
            var path = uri.AbsolutePath + SafeQuery(uri.Query);
            return sameSite ? path : uri.Scheme + "://" + uri.Authority + path;
        }

        private static string SafeQuery(string query)
        {
            if (string.IsNullOrEmpty(query) || query == "?") return string.Empty;
            var parts = query.TrimStart('?').Split('&');
            for (var i = 0; i < parts.Length; i++)
            {
                var eq = parts[i].IndexOf('=');
                var name = Uri.UnescapeDataString(eq < 0 ? parts[i] : parts[i].Substring(0, eq)).ToLowerInvariant();
                foreach (var w in SecretQueryWords)
                    if (name.IndexOf(w, StringComparison.Ordinal) >= 0 && eq >= 0) { parts[i] = parts[i].Substring(0, eq + 1) + "***"; break; }
            }
            return "?" + string.Join("&", parts);
        }

        /// <summary>The start of a body for a message: scrubbed before it is cut (<see cref="SecretScrubber.Scrub(string, int)"/>), control characters as spaces.</summary>
        internal static string Snippet(string body, SecretScrubber scrubber)
        {
            var text = scrubber.Scrub(body ?? string.Empty, SnippetLength);
            var sb = new StringBuilder(text.Length);
            foreach (var c in text) sb.Append(char.IsControl(c) ? ' ' : c);
            return sb.ToString().Trim();
        }

        private static string InnerMessages(Exception e)
        {
            var parts = new List<string>();
            for (var x = e; x != null && parts.Count < 4; x = x.InnerException)
                if (!string.IsNullOrEmpty(x.Message) && !parts.Contains(x.Message)) parts.Add(x.Message.TrimEnd('.'));
            return string.Join(": ", parts);
        }

        private static string Str(JObject o, string name)
        {
            var t = o.GetValue(name, StringComparison.OrdinalIgnoreCase);
            return t == null || t.Type == JTokenType.Null ? null : t.Type == JTokenType.String ? (string)t : t.ToString(Newtonsoft.Json.Formatting.None);
        }

        private static string Advice(int status, string errorId)
        {
            switch (status)
            {
                case 401: return "Check the company ID, the public and private key of the API key, and the clientId.";
                case 404 when errorId == ErrorIds.AuthenticationFailed: return "Check the company ID and the public and private key of the API key (cloud hosts answer 404 when they are wrong).";
                case 400 when errorId == ErrorIds.InvalidApiVersion: return "Connect again with -ApiVersion set to a version the server serves, or leave -ApiVersion out.";
                case 403: return "The API member's security role lacks the permission for this call; widen the role in ConnectWise (System > Security Roles).";
                case 429: return "ConnectWise is rate limiting this key; wait and run again.";
            }
            if (errorId == ErrorIds.ServerError) return "ConnectWise reported a server error; try again later.";
            return null;
        }
    }
}
