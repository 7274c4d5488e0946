using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;
using Newtonsoft.Json.Linq;

namespace ConnectWiseSetup.Setup
{
    /// <summary>What a live probe found for one endpoint.</summary>
    public enum ProbeOutcome
    {
        /// <summary>The GET answered 200.</summary>
        OK,
        /// <summary>The GET answered 403: the integration's role lacks the permission.</summary>
        Forbidden,
        /// <summary>The GET answered 404.</summary>
        NotFound,
        /// <summary>Any other failure (status or transport).</summary>
        Error,
        /// <summary>A write endpoint: not called; the integration's effective permission row grants the level it needs.</summary>
        RowGrants,
        /// <summary>A write endpoint: not called; the effective row lacks the level it needs.</summary>
        RowLacks,
        /// <summary>A GET not called: its {placeholder} could not be filled (its list was empty, or refused or failed).</summary>
        NotCalled,
    }

    /// <summary>One endpoint of a profile, probed as the integration.</summary>
    public sealed class EndpointProbeResult
    {
        public string Method { get; set; }
        public string Path { get; set; }
        /// <summary>The path actually called, placeholders filled (null for write endpoints).</summary>
        public string CalledPath { get; set; }
        public ProbeOutcome Outcome { get; set; }
        public int? StatusCode { get; set; }
        public string Module { get; set; }
        public string Function { get; set; }
        public bool Optional { get; set; }
        public string Message { get; set; }
        public long ElapsedMs { get; set; }

        /// <summary>OK or RowGrants; an optional endpoint never fails the test.</summary>
        public bool Passed => Outcome == ProbeOutcome.OK || Outcome == ProbeOutcome.RowGrants || Optional;

        /// <summary>True when a request was sent to the endpoint itself (a GET with its placeholders filled).</summary>
        public bool Called => CalledPath != null;

        public override string ToString() => Method + " " + Path + ": " + Outcome + (Optional ? " (optional)" : "");
    }

    /// <summary>
    /// Calls each GET endpoint of a profile as the integration, in parallel with a bound, and checks
    /// each write endpoint against the integration's effective permission row instead of calling it.
    /// A {placeholder} is filled with the id of the first record of its parent list, read once per
    /// parent and shared by the endpoints below it.
    /// </summary>
    internal sealed class EndpointProbe
    {
        static readonly Regex Placeholder = new Regex(@"\{[^}/]+\}", RegexOptions.CultureInvariant);

        readonly ManageClient _client;
        readonly ConcurrentDictionary<string, Lazy<Task<string>>> _parentIds = new ConcurrentDictionary<string, Lazy<Task<string>>>(StringComparer.OrdinalIgnoreCase);

        public EndpointProbe(ManageClient integrationClient) { _client = integrationClient; }

        /// <param name="effectiveRows">The integration's /system/mySecurity rows, for write endpoints (null: write endpoints are reported RowLacks with a message saying the rows were not read).</param>
        public async Task<IReadOnlyList<EndpointProbeResult>> ProbeAsync(
            IReadOnlyList<EndpointRequirement> endpoints,
            IReadOnlyList<SecurityRoleSetting> effectiveRows,
            int throttleLimit,
            CancellationToken ct)
        {
            if (throttleLimit < 1) throw CwException.Invalid(ErrorIds.InvalidArgument, "ThrottleLimit must be at least 1.");
            var results = new EndpointProbeResult[endpoints.Count];
            var done = 0;
            using (var gate = new SemaphoreSlim(throttleLimit))
            {
                var tasks = endpoints.Select(async (endpoint, index) =>
                {
                    await gate.WaitAsync(ct).ConfigureAwait(false);
                    try
                    {
                        results[index] = endpoint.IsRead
                            ? await ProbeReadAsync(endpoint, ct).ConfigureAwait(false)
                            : CheckWrite(endpoint, effectiveRows);
                    }
                    finally
                    {
                        gate.Release();
                        var n = Interlocked.Increment(ref done);
                        ClientLog.Progress(new ProgressRecord(ProgressIds.EndpointProbe, "Probing the integration's endpoints", n + " of " + endpoints.Count + ": " + endpoint)
                        {
                            PercentComplete = (int)(100L * n / Math.Max(1, endpoints.Count)),
                            RecordType = n == endpoints.Count ? ProgressRecordType.Completed : ProgressRecordType.Processing,
                        });
                    }
                }).ToList();
                await Task.WhenAll(tasks).ConfigureAwait(false);
            }
            return results;
        }

        async Task<EndpointProbeResult> ProbeReadAsync(EndpointRequirement e, CancellationToken ct)
        {
            var result = Result(e);
            var started = DateTime.UtcNow;
            try
            {
                string path;
                try { path = await FillPlaceholdersAsync(e.Path, ct).ConfigureAwait(false); }
                catch (CwException ex)
                {
                    // The list that gives the {placeholder} its id failed: the endpoint itself is never called, so it is
                    // neither answered nor refused.
                    result.Outcome = ProbeOutcome.NotCalled;
                    result.Message = "Not called: reading " + ParentOf(e.Path) + " for an id to put in " + Placeholder.Match(e.Path).Value + " failed" +
                                     (ex is CwApiException api && api.StatusCode.HasValue ? " (" + api.StatusCode + ")" : "") + ": " + ((ex as CwApiException)?.ApiMessage ?? ex.Message);
                    return result;
                }
                if (path == null)
                {
                    result.Outcome = ProbeOutcome.NotCalled;
                    result.Message = "Not called: " + ParentOf(e.Path) + " is empty, so there is no record to put in " + Placeholder.Match(e.Path).Value + ".";
                    return result;
                }
                result.CalledPath = path;
                var query = IsSingleRecordOrCount(path, e.Path) ? null : new[] { new KeyValuePair<string, string>("pageSize", "1") };
                await _client.GetAsync<JToken>(path.TrimStart('/'), query, ct).ConfigureAwait(false);
                result.Outcome = ProbeOutcome.OK;
                result.StatusCode = 200;
            }
            catch (CwApiException ex)
            {
                result.StatusCode = ex.StatusCode;
                result.Outcome = ex.StatusCode == 403 ? ProbeOutcome.Forbidden : ex.StatusCode == 404 ? ProbeOutcome.NotFound : ProbeOutcome.Error;
                result.Message = string.IsNullOrEmpty(ex.ApiMessage) ? ex.Message : ex.ApiMessage;
            }
            catch (CwException ex)
            {
                result.Outcome = ProbeOutcome.Error;
                result.Message = ex.Message;
            }
            finally
            {
                result.ElapsedMs = (long)(DateTime.UtcNow - started).TotalMilliseconds;
            }
            return result;
        }

        /// <summary>The list above the first {placeholder}: /time/entries for /time/entries/{id}.</summary>
        static string ParentOf(string template)
        {
            var m = Placeholder.Match(template);
            return m.Success ? template.Substring(0, m.Index).TrimEnd('/') : template;
        }

        static bool IsSingleRecordOrCount(string path, string template)
            => Placeholder.IsMatch(template) && Regex.IsMatch(template, @"\}$")
               || path.EndsWith("/count", StringComparison.OrdinalIgnoreCase)
               || path.EndsWith("/info", StringComparison.OrdinalIgnoreCase);

        /// <summary>/company/contacts/{contactId}/notes → /company/contacts/17/notes, or null when the parent list is empty.</summary>
        async Task<string> FillPlaceholdersAsync(string template, CancellationToken ct)
        {
            var path = template;
            Match m;
            while ((m = Placeholder.Match(path)).Success)
            {
                var parent = path.Substring(0, m.Index).TrimEnd('/');
                var id = await _parentIds.GetOrAdd(parent, p => new Lazy<Task<string>>(() => FirstIdAsync(p, ct))).Value.ConfigureAwait(false);
                if (id == null) return null;
                path = path.Substring(0, m.Index) + id + path.Substring(m.Index + m.Length);
            }
            return path;
        }

        async Task<string> FirstIdAsync(string parentList, CancellationToken ct)
        {
            var page = await _client.GetAsync<JToken>(parentList.TrimStart('/'), new[]
            {
                new KeyValuePair<string, string>("pageSize", "1"),
                new KeyValuePair<string, string>("fields", "id"),
            }, ct).ConfigureAwait(false);
            var first = (page as JArray)?.FirstOrDefault();
            return first?["id"]?.ToString();
        }

        static EndpointProbeResult CheckWrite(EndpointRequirement e, IReadOnlyList<SecurityRoleSetting> effectiveRows)
        {
            var result = Result(e);
            if (e.Function == null)
            {
                result.Outcome = ProbeOutcome.RowLacks;
                result.Message = "Not called (write endpoint); the profile names no permission row for it.";
                return result;
            }
            if (effectiveRows == null)
            {
                result.Outcome = ProbeOutcome.RowLacks;
                result.Message = "Not called (write endpoint); the integration's effective rights were not read.";
                return result;
            }
            var row = FunctionMatcher.Find(effectiveRows, e.Module, e.Function);
            var needed = NeededLevel(e.Method);
            var have = row == null ? PermissionLevel.None : LevelFor(row, e.Method);
            result.Outcome = have >= needed ? ProbeOutcome.RowGrants : ProbeOutcome.RowLacks;
            result.Message = "Not called (write endpoint); " + e.Module + " / " + e.Function + " " + LevelName(e.Method) + " is " + have
                + (have >= needed ? "." : ", it needs " + needed + ".");
            return result;
        }

        /// <summary>Any level above None lets the call through (My limits it to the caller's own records); whether the level is exactly the profile's is the diff's business.</summary>
        internal static PermissionLevel NeededLevel(string method) => PermissionLevel.My;

        internal static string LevelName(string method)
        {
            switch ((method ?? "").ToUpperInvariant())
            {
                case "GET": return "Inquire";
                case "POST": return "Add";
                case "DELETE": return "Delete";
                default: return "Edit";
            }
        }

        /// <summary>The row's level for the method's column (the column named by <see cref="LevelName"/>).</summary>
        internal static PermissionLevel LevelFor(SecurityRoleSetting row, string method)
            => row.Levels[Array.IndexOf(PermissionLevels.Names, LevelName(method))];

        static EndpointProbeResult Result(EndpointRequirement e) => new EndpointProbeResult
        {
            Method = e.Method,
            Path = e.Path,
            Module = e.Module,
            Function = e.Function,
            Optional = e.Optional,
        };
    }
}
