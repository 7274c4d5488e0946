using System;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Guides
{
    /// <summary>
    /// Reads a vendor's guide from the web for ConvertFrom-CwIntegrationGuide -Uri: one GET (http or https), redirects
    /// followed (at most 5, never from https to http), at most 5 MB, 30 seconds, certificate checks as the system
    /// does them. HTML is turned into text (<see cref="GuideHtml"/>). Nothing is sent but the request for the page.
    /// </summary>
    public static class GuideDownloader
    {
        const int MaxBytes = 5 * 1024 * 1024;
        const int MaxRedirects = 5;
        /// <summary>The time a guide may take to arrive and, through <see cref="GuideImporter.ImportAsync"/>, to be read.</summary>
        internal static TimeSpan Limit = TimeSpan.FromSeconds(30);

        /// <summary>The page's text (HTML already turned into text) and the address it was finally read from.</summary>
        public static async Task<(string Text, Uri Address)> GetAsync(Uri uri, CancellationToken cancel)
        {
            Check(uri);
            // User info in the address is neither sent nor kept nor printed.
            uri = GuideSource.Scrub(uri);
            TlsSetup.EnsureTls12();
            using (var handler = new HttpClientHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate })
            using (var client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan })
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel))
            {
                timeout.CancelAfter(Limit);
                var version = typeof(GuideDownloader).GetTypeInfo().Assembly.GetName().Version;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("ConnectWiseSetup/" + version.ToString(3));
                client.DefaultRequestHeaders.Accept.ParseAdd("text/html, text/plain, text/markdown;q=0.9, */*;q=0.1");
                var address = uri;
                try
                {
                    for (var hop = 0; ; hop++)
                    {
                        using (var response = await client.GetAsync(address, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false))
                        {
                            var status = (int)response.StatusCode;
                            if (status >= 300 && status < 400 && response.Headers.Location != null)
                            {
                                var next = response.Headers.Location.IsAbsoluteUri ? response.Headers.Location : new Uri(address, response.Headers.Location);
                                if (hop >= MaxRedirects)
                                    throw new CwException(ErrorIds.GuideUnreadable, ErrorCategory.InvalidResult, "The guide at " + uri + " redirects more than " + MaxRedirects + " times.", uri);
                                if (address.Scheme == Uri.UriSchemeHttps && next.Scheme != Uri.UriSchemeHttps)
                                    throw new CwException(ErrorIds.InsecureRedirect, ErrorCategory.SecurityError, "The guide at " + address + " redirects from https to " + next.Scheme + " (" + next.GetLeftPart(UriPartial.Authority) + "); it was not followed.", uri);
                                Check(next);
                                address = GuideSource.Scrub(next);
                                continue;
                            }
                            if (!response.IsSuccessStatusCode)
                            {
                                ErrorIds.ForStatus(status, false, out var id, out var category);
                                throw new CwException(id, category, "The guide at " + address + " could not be read: HTTP " + status + " " + response.ReasonPhrase + ".", uri);
                            }
                            var type = response.Content.Headers.ContentType?.MediaType ?? "";
                            if (type.Length > 0 && !type.StartsWith("text/", StringComparison.OrdinalIgnoreCase) && type.IndexOf("html", StringComparison.OrdinalIgnoreCase) < 0 && type.IndexOf("xml", StringComparison.OrdinalIgnoreCase) < 0)
                                throw new CwException(ErrorIds.GuideUnreadable, ErrorCategory.InvalidData, "The guide at " + address + " is " + type + ", not a web page or text. Save the guide's text to a file and use -Path.", uri);
                            var bytes = await ReadLimitedAsync(response, timeout.Token).ConfigureAwait(false);
                            var text = Decode(bytes, response.Content.Headers.ContentType?.CharSet);
                            // A page served as HTML is turned into text here; any other text (markdown, perhaps with HTML blocks) is left to the importer, which reads every text the same way.
                            if (type.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0) text = GuideHtml.ToText(text);
                            return (text, address);
                        }
                    }
                }
                catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
                {
                    throw new CwException(ErrorIds.Timeout, ErrorCategory.OperationTimeout, "The guide at " + uri + " did not arrive within " + Limit.TotalSeconds + " seconds.", uri);
                }
                catch (HttpRequestException e)
                {
                    throw new CwException(ErrorIds.ConnectionFailed, ErrorCategory.ConnectionError, "The guide at " + uri + " could not be read: " + (e.InnerException?.Message ?? e.Message), uri, e);
                }
            }
        }

        /// <summary>Only http and https addresses.</summary>
        public static void Check(Uri uri)
        {
            if (uri == null || !uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                var shown = uri != null && uri.IsAbsoluteUri ? GuideSource.Scrub(uri) : uri;
                throw CwException.Invalid(ErrorIds.InvalidArgument, "-Uri '" + shown + "' is not an http or https address of a web page. For a file, use -Path.", shown);
            }
        }

        static async Task<byte[]> ReadLimitedAsync(HttpResponseMessage response, CancellationToken cancel)
        {
            using (var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
            using (var buffer = new MemoryStream())
            {
                var chunk = new byte[81920];
                int read;
                while ((read = await stream.ReadAsync(chunk, 0, chunk.Length, cancel).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > MaxBytes)
                        throw new CwException(ErrorIds.GuideUnreadable, ErrorCategory.InvalidData, "The guide at " + response.RequestMessage?.RequestUri + " is larger than " + (MaxBytes / 1024 / 1024) + " MB; save its text to a file and use -Path.", response.RequestMessage?.RequestUri);
                    buffer.Write(chunk, 0, read);
                }
                return buffer.ToArray();
            }
        }

        /// <summary>The text of bytes: by a byte-order mark, the declared charset, else UTF-8.</summary>
        internal static string Decode(byte[] bytes, string charset)
        {
            Encoding encoding = null;
            if (!string.IsNullOrEmpty(charset))
            {
                try { encoding = Encoding.GetEncoding(charset.Trim('"')); }
                catch (ArgumentException) { }
                catch (NotSupportedException) { }
            }
            using (var reader = new StreamReader(new MemoryStream(bytes), encoding ?? new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true))
                return reader.ReadToEnd();
        }
    }
}
