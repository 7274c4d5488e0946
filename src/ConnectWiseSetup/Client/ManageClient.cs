using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;

namespace ConnectWiseSetup.Client
{
    /// <summary>
    /// The HTTP client of one connection: one HttpClient (no automatic redirects, no cookies), the Basic
    /// credential, clientId and API version, paging, JSON, error mapping and retries. Thread-safe: one
    /// connection may serve parallel calls. Paths are relative to <see cref="BaseUri"/> (<c>system/info</c>).
    /// </summary>
    internal sealed class ManageClient : IDisposable
    {
        public const string JsonMediaType = "application/json";
        public const string CwMediaType = "application/vnd.connectwise.com+json";
        internal const int MaxRedirects = 5;

        private static readonly string UserAgent = "ConnectWiseSetup/" + typeof(ManageClient).Assembly.GetName().Version.ToString(3);
        private static readonly HttpMethod PatchMethod = new HttpMethod("PATCH");
        private static readonly Regex LinkPattern = new Regex("<(?<url>[^>]*)>(?<params>[^<]*)", RegexOptions.CultureInvariant);
        private static readonly Regex RelPattern = new Regex("rel\\s*=\\s*(\"(?<rel>[^\"]*)\"|(?<rel>[^;,\\s]+))", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private readonly HttpClient _http;
        private readonly AuthenticationHeaderValue _authorization;
        private readonly string _credential;
        private readonly RetryPolicy _retry;
        private readonly TimeProvider _time;
        private int _disposed;
        private long _requestsSent;

        /// <summary>HTTP requests this client has sent (retries and redirects included): what a command's cost is measured in.</summary>
        internal long RequestsSent => Interlocked.Read(ref _requestsSent);

        public ManageClient(ServerAddress server, string companyId, string publicKey, System.Security.SecureString privateKey, string clientId, ClientOptions options)
        {
            options = options ?? new ClientOptions();
            Server = server ?? throw new ArgumentNullException(nameof(server));
            CompanyId = companyId;
            PublicKey = publicKey;
            ClientId = clientId;
            Timeout = options.Timeout;
            _time = options.TimeProvider ?? TimeProvider.System;
            var random = options.Random ?? SharedRandom;
            _retry = new RetryPolicy(options.Retry ?? new RetrySettings(), _time, random);

            _credential = SecretHelper.BasicCredential(companyId, publicKey, privateKey);
            _authorization = new AuthenticationHeaderValue("Basic", _credential);
            Scrubber = new SecretScrubber(_credential);

            TlsSetup.EnsureTls12();
            var handler = options.Handler ?? new HttpClientHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            };
            _http = new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        }

        public ServerAddress Server { get; }
        public string CompanyId { get; }
        public string PublicKey { get; }
        public string ClientId { get; }

        /// <summary><c>{scheme}://{host}/{codebase}/apis/3.0/</c>; set once the codebase is known.</summary>
        public Uri BaseUri { get; internal set; }

        /// <summary>The version in the Accept header (<c>2025.1</c>), or null to let the server choose.</summary>
        public string ApiVersion { get; internal set; }

        public TimeSpan Timeout { get; }

        public RetrySettings Retry => _retry.Settings;

        public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

        /// <summary>Masks this connection's credential in text a server sent (every error built from a response goes through it).</summary>
        internal SecretScrubber Scrubber { get; }

        // ------------------------------------------------------------------ reads

        public Task<T> GetAsync<T>(string path, CancellationToken cancellationToken = default)
            => GetAsync<T>(path, null, cancellationToken);

        public async Task<T> GetAsync<T>(string path, IEnumerable<KeyValuePair<string, string>> query, CancellationToken cancellationToken = default)
        {
            var response = await SendAsync(HttpMethod.Get, BuildUri(path, query), null, RequestKind.Api, cancellationToken).ConfigureAwait(false);
            return Read<T>(response, requireBody: true);
        }

        /// <summary>Every record of a list (all pages, up to <see cref="ListQuery.MaxItems"/>).</summary>
        public async Task<List<T>> GetListAsync<T>(string path, ListQuery query = null, CancellationToken cancellationToken = default)
        {
            query = query ?? new ListQuery();
            var results = new List<T>();
            var max = query.MaxItems.HasValue && query.MaxItems.Value > 0 ? query.MaxItems.Value : int.MaxValue;
            var visited = new HashSet<string>(StringComparer.Ordinal);
            var page = await GetPageAsync<T>(path, query, 1, cancellationToken).ConfigureAwait(false);
            var pages = 1;
            try
            {
                while (true)
                {
                    foreach (var item in page.Items)
                    {
                        results.Add(item);
                        if (results.Count >= max) return results;
                    }
                    if (page.Items.Count == 0 || page.Next == null) return results;
                    // A list of more than one page can take seconds: say how far it got.
                    pages++;
                    ClientLog.Progress(new ProgressRecord(ProgressIds.ListPages, "Reading " + path.TrimStart('/'),
                        "page " + pages.ToString(CultureInfo.InvariantCulture) + ", " + results.Count.ToString(CultureInfo.InvariantCulture) + " records so far"));
                    if (!visited.Add(page.Next.AbsoluteUri))
                        throw new CwApiException(ErrorIds.InvalidResponse, ErrorCategory.InvalidResult,
                            "ConnectWise's Link header points back to a page already read (" + ErrorMapping.SafeUrl(page.Next) + "); stopping to avoid a loop.",
                            null, "GET", ErrorMapping.SafeUrl(page.Next));
                    page = await GetPageAsync<T>(page.Next, query, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                if (pages > 1)
                    ClientLog.Progress(new ProgressRecord(ProgressIds.ListPages, "Reading " + path.TrimStart('/'), "done") { RecordType = ProgressRecordType.Completed });
            }
        }

        /// <summary>One page by number (1-based; ignored with <see cref="ListQuery.ForwardOnly"/>, which starts at the first).</summary>
        public Task<ListPage<T>> GetPageAsync<T>(string path, ListQuery query, int page = 1, CancellationToken cancellationToken = default)
        {
            query = query ?? new ListQuery();
            if (page < 1) throw CwException.Invalid(ErrorIds.InvalidArgument, "Page numbers start at 1.", page);
            var uri = BuildUri(path, query.ToParameters(query.ForwardOnly ? (int?)null : page));
            return FetchPageAsync<T>(uri, query, page, cancellationToken);
        }

        /// <summary>The page a previous page's <see cref="ListPage{T}.Next"/> points at.</summary>
        public Task<ListPage<T>> GetPageAsync<T>(Uri next, ListQuery query, CancellationToken cancellationToken = default)
        {
            EnsureSameSite(next, "Link header");
            return FetchPageAsync<T>(next, query ?? new ListQuery(), null, cancellationToken);
        }

        private async Task<ListPage<T>> FetchPageAsync<T>(Uri uri, ListQuery query, int? pageNumber, CancellationToken cancellationToken)
        {
            var kind = query.ForwardOnly ? RequestKind.ApiForwardOnly : RequestKind.Api;
            var response = await SendAsync(HttpMethod.Get, uri, null, kind, cancellationToken).ConfigureAwait(false);
            var items = Read<List<T>>(response, requireBody: false) ?? new List<T>();
            // A Link header ends the list when it has no rel="next": empty (the last forward-only page) or first/prev only.
            var next = NextLink(response);
            if (next == null && response.Link == null && items.Count > 0 && items.Count >= query.EffectivePageSize)
            {
                // No Link header at all, and a full page: a server that leaves Link out may have more. Ask for the next page by
                // number (navigable) or after the last id (forward-only), until a short or empty page.
                if (!query.ForwardOnly)
                {
                    var current = pageNumber ?? PageOf(uri);
                    if (current.HasValue) next = WithParameter(uri, "page", (current.Value + 1).ToString(CultureInfo.InvariantCulture));
                }
                else if (LastId(response.Body) is int lastId)
                {
                    next = WithParameter(uri, "pageId", lastId.ToString(CultureInfo.InvariantCulture));
                }
            }
            if (next != null) EnsureSameSite(next, "Link header");
            return new ListPage<T>(items, next);
        }

        /// <summary><c>GET {path}/count</c> → <c>{"count": n}</c>.</summary>
        public async Task<int> CountAsync(string path, string conditions = null, CancellationToken cancellationToken = default)
        {
            var query = string.IsNullOrEmpty(conditions) ? null : new[] { new KeyValuePair<string, string>("conditions", conditions) };
            var response = await SendAsync(HttpMethod.Get, BuildUri(path.TrimEnd('/') + "/count", query), null, RequestKind.Api, cancellationToken).ConfigureAwait(false);
            var body = Read<JObject>(response, requireBody: true);
            var count = body?.GetValue("count", StringComparison.OrdinalIgnoreCase);
            if (count == null || (count.Type != JTokenType.Integer))
                throw ErrorMapping.InvalidResponse(response, "no integer 'count'.", Scrubber);
            return (int)count;
        }

        public Task<int> CountAsync(string path, Conditions conditions, CancellationToken cancellationToken = default)
            => CountAsync(path, conditions?.ToString(), cancellationToken);

        // ------------------------------------------------------------------ writes

        public Task<T> PostAsync<T>(string path, object body, CancellationToken cancellationToken = default)
            => WriteAsync<T>(HttpMethod.Post, path, CwJson.Serialize(body), cancellationToken);

        public Task<T> PutAsync<T>(string path, object body, CancellationToken cancellationToken = default)
            => WriteAsync<T>(HttpMethod.Put, path, CwJson.Serialize(body), cancellationToken);

        public Task<T> PatchAsync<T>(string path, IEnumerable<PatchOperation> operations, CancellationToken cancellationToken = default)
        {
            var ops = (operations ?? throw new ArgumentNullException(nameof(operations))).ToList();
            if (ops.Count == 0) throw CwException.Invalid(ErrorIds.InvalidArgument, "A PATCH needs at least one operation.", path);
            var array = new JArray(ops.Select(o => o.ToJson(CwJson.Serializer)));
            return WriteAsync<T>(PatchMethod, path, array.ToString(Newtonsoft.Json.Formatting.None), cancellationToken);
        }

        public async Task DeleteAsync(string path, CancellationToken cancellationToken = default)
            => await SendAsync(HttpMethod.Delete, BuildUri(path, null), null, RequestKind.Api, cancellationToken).ConfigureAwait(false);

        private async Task<T> WriteAsync<T>(HttpMethod method, string path, string json, CancellationToken cancellationToken)
        {
            var response = await SendAsync(method, BuildUri(path, null), json, RequestKind.Api, cancellationToken).ConfigureAwait(false);
            return Read<T>(response, requireBody: false);
        }

        // ------------------------------------------------------------------ URLs

        /// <summary>An API URL under <see cref="BaseUri"/>; refuses paths that would leave it.</summary>
        public Uri BuildUri(string path, IEnumerable<KeyValuePair<string, string>> query)
        {
            if (BaseUri == null) throw new InvalidOperationException("The client has no base URI yet.");
            if (string.IsNullOrWhiteSpace(path))
                throw CwException.Invalid(ErrorIds.InvalidPath, "An API path is required (for example system/info).", path);
            var relative = path.Trim().TrimStart('/');
            string existingQuery = null;
            var q = relative.IndexOf('?');
            if (q >= 0) { existingQuery = relative.Substring(q + 1); relative = relative.Substring(0, q); }
            if (relative.IndexOf("..", StringComparison.Ordinal) >= 0 || relative.IndexOf(':') >= 0 || relative.IndexOf('\\') >= 0 || relative.IndexOf('#') >= 0)
                throw CwException.Invalid(ErrorIds.InvalidPath, "'" + InputValidator.Printable(path) + "' is not an API path like system/securityroles/5.", path);
            var builder = new UriBuilder(new Uri(BaseUri, relative));
            var parts = new List<string>();
            if (!string.IsNullOrEmpty(existingQuery)) parts.Add(existingQuery);
            if (query != null)
                foreach (var kv in query)
                    parts.Add(Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(kv.Value ?? string.Empty));
            builder.Query = string.Join("&", parts);
            var uri = builder.Uri;
            if (!uri.AbsolutePath.StartsWith(BaseUri.AbsolutePath, StringComparison.OrdinalIgnoreCase) || !SameSite(uri, BaseUri))
                throw CwException.Invalid(ErrorIds.InvalidPath, "'" + InputValidator.Printable(path) + "' leaves the API base " + BaseUri + ".", path);
            return uri;
        }

        internal static bool SameSite(Uri a, Uri b)
            => string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase) && string.Equals(a.Authority, b.Authority, StringComparison.OrdinalIgnoreCase);

        private void EnsureSameSite(Uri uri, string what)
        {
            if (uri == null) return;
            var home = BaseUri ?? Server.Root;
            if (!uri.IsAbsoluteUri || !SameSite(uri, home))
                throw new CwException(ErrorIds.InsecureRedirect, ErrorCategory.SecurityError,
                    "ConnectWise's " + what + " points to " + (uri.IsAbsoluteUri ? uri.Scheme + "://" + uri.Authority : "a relative address") +
                    ", not " + home.Scheme + "://" + home.Authority + "; refusing to follow it with credentials.", ErrorMapping.SafeUrl(uri));
        }

        /// <summary>The rel="next" target of the Link header, resolved against the request URL.</summary>
        internal static Uri NextLink(RawResponse response)
        {
            if (string.IsNullOrEmpty(response.Link)) return null;
            foreach (Match m in LinkPattern.Matches(response.Link))
            {
                foreach (Match r in RelPattern.Matches(m.Groups["params"].Value))
                {
                    var rels = r.Groups["rel"].Value.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
                    if (rels.Any(x => string.Equals(x, "next", StringComparison.OrdinalIgnoreCase)))
                    {
                        var text = m.Groups["url"].Value.Trim();
                        if (Uri.TryCreate(response.Uri, text, out var next)) return next;
                        return null;
                    }
                }
            }
            return null;
        }

        private static int? PageOf(Uri uri)
        {
            var m = Regex.Match(uri.Query, "[?&]page=([0-9]+)", RegexOptions.IgnoreCase);
            return m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : (int?)null;
        }

        /// <summary>The URL with one query parameter set (its name matched case-insensitively, as ConnectWise reads names), the others as they were.</summary>
        internal static Uri WithParameter(Uri uri, string name, string value)
        {
            var parts = uri.Query.TrimStart('?').Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries).ToList();
            var pair = Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(value);
            var i = parts.FindIndex(p => string.Equals(Uri.UnescapeDataString(p.Split('=')[0]), name, StringComparison.OrdinalIgnoreCase));
            if (i >= 0) parts[i] = pair; else parts.Add(pair);
            return new UriBuilder(uri) { Query = string.Join("&", parts) }.Uri;
        }

        /// <summary>The id of the last record of a JSON array body, or null.</summary>
        private static int? LastId(string body)
        {
            try
            {
                if (CwJson.Deserialize<JToken>(body) is JArray a && a.Count > 0 && a[a.Count - 1] is JObject last
                    && last.GetValue("id", StringComparison.OrdinalIgnoreCase) is JToken id && id.Type == JTokenType.Integer)
                    return (int)id;
            }
            catch (FormatException) { }
            return null;
        }

        // ------------------------------------------------------------------ sending

        /// <summary>Sends with retries and redirects; returns a 2xx response or throws a <see cref="CwException"/> (or OperationCanceledException).</summary>
        internal async Task<RawResponse> SendAsync(HttpMethod method, Uri uri, string body, RequestKind kind, CancellationToken cancellationToken)
        {
            ThrowIfDisposed();
            cancellationToken.ThrowIfCancellationRequested();
            if (!string.Equals(uri.Scheme, "https", StringComparison.OrdinalIgnoreCase) && !ServerAddress.IsLoopbackHost(uri))
                throw new CwException(ErrorIds.InsecureServer, ErrorCategory.SecurityError,
                    "Refusing to call " + uri.Scheme + "://" + uri.Authority + " over plain http; use https (http is allowed only to this computer).", ErrorMapping.SafeUrl(uri));

            var state = new CallState(method, uri, body, kind, _time.GetTimestamp());
            Outcome outcome;
            try { outcome = await _retry.ExecuteAsync(state, AttemptAsync, cancellationToken).ConfigureAwait(false); }
            finally { RetryPolicy.CompleteProgress(state); }

            if (outcome.Exception != null)
            {
                var e = outcome.Exception;
                if (e is OperationCanceledException && !(e is AttemptTimeoutException))
                {
                    if (cancellationToken.IsCancellationRequested) throw new OperationCanceledException("The request was cancelled.", e, cancellationToken);
                    throw ErrorMapping.FromException(new HttpRequestException("The request was cancelled by the transport.", e), state, Timeout, Scrubber);
                }
                if (e is CwException) { System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e).Throw(); }
                throw ErrorMapping.FromException(e, state, Timeout, Scrubber);
            }
            var response = outcome.Result;
            if (!response.IsSuccess) throw ErrorMapping.FromResponse(response, state, Scrubber);
            return response;
        }

        /// <summary>
        /// One attempt: the request and up to <see cref="MaxRedirects"/> redirects, fully read, within the per-request timeout; with a
        /// <see cref="RequestGate"/>, in one of its slots (waiting for a slot is not part of the timeout).
        /// </summary>
        private async Task<RawResponse> AttemptAsync(CallState state, CancellationToken cancellationToken)
        {
            var gate = RequestGate.Current;
            if (gate == null) return await AttemptUngatedAsync(state, cancellationToken).ConfigureAwait(false);
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try { return await AttemptUngatedAsync(state, cancellationToken).ConfigureAwait(false); }
            finally { gate.Release(); }
        }

        private async Task<RawResponse> AttemptUngatedAsync(CallState state, CancellationToken cancellationToken)
        {
            state.Attempts++;
            var retryNumber = state.Attempts - 1;
            var method = state.Method;
            var uri = state.Uri;
            var body = state.Body;
            var origin = state.Uri;
            var home = BaseUri ?? Server.Root;

            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(Timeout);
                for (var hop = 0; ; hop++)
                {
                    var sameSite = SameSite(uri, origin);
                    var watch = Stopwatch.StartNew();
                    var line = method.Method + " " + ErrorMapping.LogUrl(uri, home);
                    var suffix = retryNumber > 0 ? ", retry " + retryNumber.ToString(CultureInfo.InvariantCulture) : "";
                    HttpResponseMessage message = null;
                    try
                    {
                        using (var request = BuildRequest(method, uri, body, state.Kind, sameSite))
                        {
                            Interlocked.Increment(ref _requestsSent);
                            message = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                        }
                        state.Answered = true;
                        var status = (int)message.StatusCode;
                        // The reason phrase is the server's text too (a proxy may put anything there).
                        var reason = Scrubber.Scrub(message.ReasonPhrase, 100);
                        if (IsRedirect(status))
                        {
                            ClientLog.Verbose(line + " -> " + status.ToString(CultureInfo.InvariantCulture) + " " + reason + " (" + watch.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture) + " ms" + suffix + ")");
                            var target = RedirectTarget(message, uri, hop);
                            if (status == 303 || ((status == 301 || status == 302) && method == HttpMethod.Post))
                            {
                                method = HttpMethod.Get;
                                body = null;
                            }
                            uri = target;
                            continue;
                        }
                        var text = await ReadBodyAsync(message, method, uri, timeout.Token).ConfigureAwait(false);
                        ClientLog.Verbose(line + " -> " + status.ToString(CultureInfo.InvariantCulture) + " " + reason + " (" + watch.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture) + " ms" + suffix + ")");
                        return new RawResponse(method.Method, uri, status, reason, message.Headers, message.Content?.Headers, text);
                    }
                    catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
                    {
                        ClientLog.Verbose(line + " -> timeout after " + watch.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture) + " ms" + suffix);
                        throw new AttemptTimeoutException(Timeout, e);
                    }
                    catch (ObjectDisposedException e) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
                    {
                        ClientLog.Verbose(line + " -> timeout after " + watch.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture) + " ms" + suffix);
                        throw new AttemptTimeoutException(Timeout, e);
                    }
                    catch (Exception e) when (cancellationToken.IsCancellationRequested && !(e is OperationCanceledException))
                    {
                        throw new OperationCanceledException("The request was cancelled.", e, cancellationToken);
                    }
                    catch (Exception e) when (RetryPolicy.IsTransportFailure(e))
                    {
                        ClientLog.Verbose(line + " -> no response: " + e.GetType().Name + " (" + watch.ElapsedMilliseconds.ToString(CultureInfo.InvariantCulture) + " ms" + suffix + ")");
                        throw;
                    }
                    finally
                    {
                        message?.Dispose();
                    }
                }
            }
        }

        private HttpRequestMessage BuildRequest(HttpMethod method, Uri uri, string body, RequestKind kind, bool sameSite)
        {
            var request = new HttpRequestMessage(method, uri);
            request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
            if (kind == RequestKind.Anonymous)
            {
                request.Headers.TryAddWithoutValidation("Accept", JsonMediaType);
            }
            else
            {
                request.Headers.TryAddWithoutValidation("Accept", AcceptHeader(ApiVersion));
                // Credentials go only to the site the request was made for, never to a host a redirect names.
                if (sameSite)
                {
                    request.Headers.Authorization = _authorization;
                    request.Headers.TryAddWithoutValidation("clientId", ClientId);
                }
                if (kind == RequestKind.ApiForwardOnly) request.Headers.TryAddWithoutValidation("pagination-type", "forward-only");
            }
            if (body != null) request.Content = new StringContent(body, new UTF8Encoding(false), JsonMediaType);
            return request;
        }

        internal static string AcceptHeader(string apiVersion)
            => string.IsNullOrEmpty(apiVersion) ? CwMediaType : CwMediaType + "; version=" + apiVersion;

        private static bool IsRedirect(int status) => status == 301 || status == 302 || status == 303 || status == 307 || status == 308;

        private Uri RedirectTarget(HttpResponseMessage message, Uri from, int hop)
        {
            var location = message.Headers.Location;
            if (location == null)
                throw new CwException(ErrorIds.InsecureRedirect, ErrorCategory.SecurityError,
                    "ConnectWise answered " + ((int)message.StatusCode).ToString(CultureInfo.InvariantCulture) + " for " + ErrorMapping.SafeUrl(from) + " without a Location to go to.", ErrorMapping.SafeUrl(from));
            var target = location.IsAbsoluteUri ? location : new Uri(from, location);
            if (hop + 1 > MaxRedirects)
                throw new CwException(ErrorIds.InsecureRedirect, ErrorCategory.SecurityError,
                    "More than " + MaxRedirects.ToString(CultureInfo.InvariantCulture) + " redirects from " + ErrorMapping.SafeUrl(from) + "; refusing to follow more.", ErrorMapping.SafeUrl(from));
            var scheme = target.Scheme.ToLowerInvariant();
            if (scheme != "https" && scheme != "http")
                throw new CwException(ErrorIds.InsecureRedirect, ErrorCategory.SecurityError,
                    "A redirect to a " + target.Scheme + ": address was refused.", ErrorMapping.SafeUrl(from));
            if (string.Equals(from.Scheme, "https", StringComparison.OrdinalIgnoreCase) && scheme == "http")
                throw new CwException(ErrorIds.InsecureRedirect, ErrorCategory.SecurityError,
                    "ConnectWise redirected " + ErrorMapping.SafeUrl(from) + " from https to http (" + target.Scheme + "://" + target.Authority + "); refusing to downgrade the connection.", ErrorMapping.SafeUrl(from));
            if (scheme == "http" && !ServerAddress.IsLoopbackHost(target))
                throw new CwException(ErrorIds.InsecureRedirect, ErrorCategory.SecurityError,
                    "A redirect to http://" + target.Authority + " was refused: plain http is allowed only to this computer.", ErrorMapping.SafeUrl(from));
            return target;
        }

        static readonly UTF8Encoding Utf8 = new UTF8Encoding(false);

        /// <summary>
        /// The most bytes of one response body the client reads (after decompression): 32 MiB. ConnectWise's largest answers (a
        /// page of 1,000 records, a role's full grid) are a few MB; a body past this is a proxy or a faulty server, and reading it
        /// on would only fill memory. Every response the client reads, success or error, goes through <see cref="ReadBodyAsync"/>.
        /// </summary>
        internal const int MaxResponseBytes = 32 * 1024 * 1024;

        /// <summary>The buffer for a body: its announced length (so a large page is not copied as the buffer grows), within the cap.</summary>
        private static int InitialCapacity(long? contentLength)
            => contentLength.HasValue && contentLength.Value > 0 && contentLength.Value <= MaxResponseBytes ? (int)contentLength.Value : 0;

        private static async Task<string> ReadBodyAsync(HttpResponseMessage message, HttpMethod method, Uri uri, CancellationToken cancellationToken)
        {
            if (message.Content == null) return string.Empty;
            var announced = message.Content.Headers.ContentLength;
            if (announced.HasValue && announced.Value > MaxResponseBytes) throw ResponseTooLarge(message, method, uri, announced);
            // ReadAsStringAsync takes no token on .NET Framework: dispose the response to abort a stalled read.
            using (cancellationToken.Register(m => ((HttpResponseMessage)m).Dispose(), message))
            using (var stream = await message.Content.ReadAsStreamAsync().ConfigureAwait(false))
            using (var buffer = new MemoryStream(InitialCapacity(announced)))
            {
                // Read in chunks and stop at the cap: the length a server announces is not trusted (an endless body announces none).
                var chunk = new byte[81920];
                while (true)
                {
                    var read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false);
                    if (read <= 0) break;
                    if (buffer.Length + read > MaxResponseBytes) throw ResponseTooLarge(message, method, uri, null);
                    buffer.Write(chunk, 0, read);
                }
                cancellationToken.ThrowIfCancellationRequested();
                // UTF-8 (with or without its BOM) decoded straight from the buffer; a UTF-16 or UTF-32 BOM through a reader that detects it.
                var bytes = buffer.GetBuffer();
                var length = (int)buffer.Length;
                var bom = length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
                if (bom == 0 && length >= 2 && (bytes[0] == 0xFE && bytes[1] == 0xFF || bytes[0] == 0xFF && bytes[1] == 0xFE
                                                 || length >= 4 && bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0xFE && bytes[3] == 0xFF))
                {
                    buffer.Position = 0;
                    using (var reader = new StreamReader(buffer, Utf8, true))
                        return reader.ReadToEnd();
                }
                return Utf8.GetString(bytes, bom, length - bom);
            }
        }

        private static CwApiException ResponseTooLarge(HttpResponseMessage message, HttpMethod method, Uri uri, long? announced)
        {
            var status = (int)message.StatusCode;
            var url = ErrorMapping.SafeUrl(uri);
            var cap = (MaxResponseBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + " MB";
            return new CwApiException(ErrorIds.ResponseTooLarge, ErrorCategory.LimitsExceeded,
                method.Method + " " + url + " answered " + status.ToString(CultureInfo.InvariantCulture) + " with a body " +
                (announced.HasValue ? "of " + (announced.Value / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + " MB" : "of more than " + cap) +
                "; the module reads at most " + cap + " of one answer and stopped there. ConnectWise's own answers are far smaller: a proxy or a faulty server in front of it sent this.",
                status, method.Method, url)
            { RecommendedAction = "Check what answers at this address (a proxy, a captive portal, a wrong -Server), then run again." };
        }

        // ------------------------------------------------------------------ JSON

        private T Read<T>(RawResponse response, bool requireBody)
        {
            if (string.IsNullOrWhiteSpace(response.Body))
            {
                if (requireBody) throw ErrorMapping.InvalidResponse(response, "it is empty.", Scrubber);
                return default;
            }
            try
            {
                return CwJson.Deserialize<T>(response.Body);
            }
            catch (FormatException e)
            {
                throw ErrorMapping.InvalidResponse(response, e.Message.TrimEnd('.') + ".", Scrubber);
            }
        }

        /// <summary>Masks this connection's credential, in every form <see cref="SecretScrubber"/> knows, in text that came back from the server.</summary>
        internal string Scrub(string text) => Scrubber.Scrub(text);

        private void ThrowIfDisposed()
        {
            if (IsDisposed)
                throw new CwException(ErrorIds.NotConnected, ErrorCategory.ConnectionError,
                    "This connection to " + Server.Authority + " was closed by Disconnect-CwManage. Run Connect-CwManage again.", this);
        }

        public override string ToString() => CompanyId + "@" + Server.Authority;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) _http.Dispose();
        }

        private static readonly Random RandomSource = new Random();

        private static double SharedRandom()
        {
            lock (RandomSource) return RandomSource.NextDouble();
        }
    }
}
