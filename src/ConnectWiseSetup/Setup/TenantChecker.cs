using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Setup
{
    /// <summary>
    /// The connection-level readiness checks, reads only, in three round trips: the administrator key's own rows
    /// (/system/mySecurity, asked in one page of 1000) beside four probes (a list with a page of one row, the same list
    /// forward-only, a record that does not exist, a company that does not exist); then the key's member (its role); then
    /// that role's grid, which is the tenant's catalogue of rows and is compared with the key's rows. From them: the
    /// connection, the rights an install needs, and this server against the module's assumptions.
    /// <see cref="ForConnectionAsync"/> keeps a result with no failure for the connection, so an install checks once per connection.
    /// </summary>
    internal static partial class TenantChecker
    {
        /// <summary>A record id no tenant has (the 404 probe).</summary>
        const int AbsentId = int.MaxValue;

        /// <summary>
        /// The checks that passed, per connection. Kept here, not on the connection: the client layer knows nothing of Setup.
        /// A connection that is no longer referenced takes its entry with it.
        /// </summary>
        static readonly System.Runtime.CompilerServices.ConditionalWeakTable<CwConnection, KeptReadiness> Kept =
            new System.Runtime.CompilerServices.ConditionalWeakTable<CwConnection, KeptReadiness>();

        sealed class KeptReadiness
        {
            public volatile Task<ConnectionReadiness> Value;
        }

        /// <summary>The checks kept for <paramref name="connection"/> (none failed), or null.</summary>
        public static Task<ConnectionReadiness> Known(CwConnection connection)
            => Kept.TryGetValue(connection, out var kept) ? kept.Value : null;

        /// <summary>The checks of <paramref name="connection"/>: kept for it when nothing failed (an install runs them once per connection).</summary>
        public static Task<ConnectionReadiness> ForConnectionAsync(CwConnection connection, CancellationToken ct)
        {
            var known = Known(connection);
            if (known != null && known.Status == TaskStatus.RanToCompletion && !known.Result.Failed) return known;
            return RunAndKeepAsync(connection, ct);
        }

        /// <summary>The checks as they stand now (Test-CwTenant); kept for the connection when nothing failed.</summary>
        public static async Task<ConnectionReadiness> RunAndKeepAsync(CwConnection connection, CancellationToken ct)
        {
            var readiness = await RunAsync(connection, ct).ConfigureAwait(false);
            Kept.GetValue(connection, _ => new KeptReadiness()).Value = readiness.Failed ? null : Task.FromResult(readiness);
            return readiness;
        }

        public static async Task<ConnectionReadiness> RunAsync(CwConnection connection, CancellationToken ct)
        {
            var client = connection.Client;
            var r = new ConnectionReadiness();
            var seen = new Probes();

            // Round trip 1: the key's rows and the probes, together. The rows' chain (member, then its role's grid) goes on
            // as soon as the rows are in, while the probes may still be out.
            var rowsChain = AdminChainAsync(client, seen, ct);
            var linkProbe = NavigableProbeAsync(client, seen, ct);
            var forwardProbe = ForwardOnlyProbeAsync(client, seen, ct);
            var notFoundProbe = NotFoundProbeAsync(client, seen, ct);
            var companyProbe = UnknownCompanyProbeAsync(client, seen, ct);
            await Task.WhenAll(rowsChain, linkProbe, forwardProbe, notFoundProbe, companyProbe).ConfigureAwait(false);
            var admin = await rowsChain.ConfigureAwait(false);

            var checks = new List<TenantCheckRow> { ConnectionCheck(connection, seen) };
            r.Allowed = AllowedOperations(admin.Rows);
            checks.AddRange(RightsChecks(admin));
            r.Catalogue = admin.Grid;
            r.ConnectedMember = admin.Member;
            r.ConnectedRole = admin.Role;
            var grid = GridAssumption(admin, seen);
            r.MySecurityIsTheRolesGrid = seen.MySecurityRows == null ? (bool?)null : seen.MySecurityRows == "grid";
            checks.Add(grid);
            checks.Add(LinkAssumption(seen));
            checks.Add(PageSizeAssumption(seen));
            checks.Add(NotFoundAssumption(seen));
            checks.Add(VersionAssumption(seen));
            checks.Add(UnknownCompanyAssumption(seen));
            r.Checks = checks;
            r.Observations = seen.Observations();
            r.Requests = seen.Requests;
            r.RoundTrips = admin.RoundTrips;
            foreach (var c in checks.Where(c => c.Status != TenantCheckStatus.Pass))
                ClientLog.Verbose("Tenant check " + c.Status + ": " + c.Check + ": " + c.Detail);
            return r;
        }

        // ------------------------------------------------------------------ the reads

        /// <summary>What the probes saw (written by concurrent reads; each field by one probe).</summary>
        sealed class Probes
        {
            int _requests;
            public int Requests => _requests;
            public void Sent() => Interlocked.Increment(ref _requests);

            public string ApiCurrentVersion;
            public bool? VersionHeader;
            public string MySecurityRows;
            public string ForwardOnlyLastPageLink;
            public string NavigableLinkForm;
            public string UnknownCompanyInfo;
            public int? MaxHonouredPageSize;
            public string NotFoundBody;
            public string NotFoundProblem;

            public void Saw(RawResponse response)
            {
                lock (this)
                {
                    if (!string.IsNullOrEmpty(response.ApiCurrentVersion)) { ApiCurrentVersion = response.ApiCurrentVersion; VersionHeader = true; }
                    else if (VersionHeader == null) VersionHeader = false;
                }
            }

            public ServerObservations Observations() => new ServerObservations
            {
                MySecurityRows = MySecurityRows,
                ForwardOnlyLastPageLink = ForwardOnlyLastPageLink,
                NavigableLinkForm = NavigableLinkForm,
                UnknownCompanyInfo = UnknownCompanyInfo,
                MaxHonouredPageSize = MaxHonouredPageSize,
                NotFoundBody = NotFoundBody,
                ApiCurrentVersionHeader = VersionHeader,
            };
        }

        /// <summary>The administrator key's rows, its member and its role's grid.</summary>
        sealed class AdminView
        {
            public List<SecurityRoleSetting> Rows = new List<SecurityRoleSetting>();
            public MemberReference Member;
            public Reference Role;
            public IReadOnlyList<SecurityRoleSetting> Grid;
            public string Problem;
            public int RoundTrips;
        }

        static async Task<RawResponse> GetAsync(ManageClient client, Probes seen, string path, IEnumerable<KeyValuePair<string, string>> query, RequestKind kind, CancellationToken ct)
        {
            seen.Sent();
            var response = await client.SendAsync(HttpMethod.Get, client.BuildUri(path, query), null, kind, ct).ConfigureAwait(false);
            seen.Saw(response);
            return response;
        }

        static List<T> Body<T>(ManageClient client, RawResponse response)
        {
            try { return CwJson.Deserialize<List<T>>(response.Body) ?? new List<T>(); }
            catch (FormatException e) { throw ErrorMapping.InvalidResponse(response, e.Message, client.Scrubber); }
        }

        static async Task<AdminView> AdminChainAsync(ManageClient client, Probes seen, CancellationToken ct)
        {
            var view = new AdminView { RoundTrips = 1 };
            // What the checks read of each row: the labels and levels a comparison uses, and the member (no flags, no _info).
            var query = new ListQuery { Fields = RoleSettings.DiffFields.Concat(new[] { "member" }).ToList() };
            var first = await GetAsync(client, seen, "system/mySecurity", query.ToParameters(1), RequestKind.Api, ct).ConfigureAwait(false);
            view.Rows = Body<SecurityRoleSetting>(client, first);
            var next = ManageClient.NextLink(first);
            if (next != null && view.Rows.Count < query.EffectivePageSize) seen.MaxHonouredPageSize = view.Rows.Count;
            while (next != null)
            {
                seen.Sent();
                var page = await client.GetPageAsync<SecurityRoleSetting>(next, query, ct).ConfigureAwait(false);
                view.RoundTrips++;
                if (page.Items.Count == 0) break;
                view.Rows.AddRange(page.Items);
                next = page.Next;
            }
            view.Member = view.Rows.Select(x => x.Member).FirstOrDefault(m => m != null && m.Id > 0);
            if (view.Member == null)
            {
                view.Problem = "the key's /system/mySecurity rows name no member";
                return view;
            }

            // The key's member and its role: an API member's record, or (for a person's own key) a member's.
            ApiMember member;
            seen.Sent();
            view.RoundTrips++;
            try { member = await MemberLookup.GetByIdAsync(client, view.Member.Id, ct).ConfigureAwait(false); }
            catch (CwApiException e) when (e.StatusCode == 404)
            {
                seen.Sent();
                view.RoundTrips++;
                try { member = await client.GetAsync<ApiMember>("system/members/" + Id(view.Member.Id), ct).ConfigureAwait(false); }
                catch (CwApiException e2) when (e2.StatusCode == 403 || e2.StatusCode == 404)
                {
                    view.Problem = "the key's member (id " + Id(view.Member.Id) + ") could not be read (" + e2.StatusCode + ")";
                    return view;
                }
            }
            catch (CwApiException e) when (e.StatusCode == 403)
            {
                view.Problem = "the key's API member could not be read (403)";
                return view;
            }
            view.Role = member?.SecurityRole;
            if (view.Role == null || view.Role.Id <= 0)
            {
                view.Problem = "the key's member record names no security role";
                return view;
            }
            seen.Sent();
            view.RoundTrips++;
            try { view.Grid = await RoleSettings.ReadForDiffAsync(client, view.Role.Id, ct).ConfigureAwait(false); }
            catch (CwApiException e) when (e.StatusCode == 403)
            {
                view.Problem = "the settings of the key's role '" + view.Role.Name + "' could not be read (403)";
            }
            return view;
        }

        /// <summary>A page of one role: a list of several pages must carry a Link header whose next page the client can parse.</summary>
        static async Task NavigableProbeAsync(ManageClient client, Probes seen, CancellationToken ct)
        {
            var query = new ListQuery { Fields = new[] { "id" }, PageSize = 1 };
            RawResponse response;
            try { response = await GetAsync(client, seen, RoleLookup.RolesPath, query.ToParameters(1), RequestKind.Api, ct).ConfigureAwait(false); }
            catch (CwApiException e) when (e.StatusCode == 403) { return; }
            var rows = Body<SecurityRole>(client, response);
            var next = ManageClient.NextLink(response);
            if (next == null)
            {
                // One role only tells nothing; a full page and no Link header means the client must page by number.
                if (rows.Count >= 1 && string.IsNullOrEmpty(response.Link)) seen.NavigableLinkForm = "absent";
                return;
            }
            var last = next.Query.TrimStart('?').Split('&').LastOrDefault() ?? "";
            // "pageFirst" as the simulator names the other form: page=N comes before another parameter.
            seen.NavigableLinkForm = last.StartsWith("page=", StringComparison.OrdinalIgnoreCase) ? "pageLast" : "pageFirst";
        }

        /// <summary>Every role forward-only in one page: that page is the last one, whose Link header is empty or absent.</summary>
        static async Task ForwardOnlyProbeAsync(ManageClient client, Probes seen, CancellationToken ct)
        {
            var query = new ListQuery { Fields = new[] { "id" }, ForwardOnly = true };
            RawResponse response;
            try { response = await GetAsync(client, seen, RoleLookup.RolesPath, query.ToParameters(null), RequestKind.ApiForwardOnly, ct).ConfigureAwait(false); }
            catch (CwApiException e) when (e.StatusCode == 403 || e.StatusCode == 400) { return; }
            Body<SecurityRole>(client, response);
            if (response.Link == null) seen.ForwardOnlyLastPageLink = "absent";
            else if (ManageClient.NextLink(response) == null) seen.ForwardOnlyLastPageLink = "empty";
        }

        /// <summary>A record no tenant has: the 404's body.</summary>
        static async Task NotFoundProbeAsync(ManageClient client, Probes seen, CancellationToken ct)
        {
            try
            {
                var response = await GetAsync(client, seen, RoleLookup.RolesPath + "/" + Id(AbsentId), null, RequestKind.Api, ct).ConfigureAwait(false);
                // A role no tenant has, answered with a success: an empty or null body is an answer of its own kind; anything else is not ConnectWise.
                var body = (response.Body ?? "").Trim();
                if (body.Length != 0 && body != "null")
                    throw ErrorMapping.InvalidResponse(response, "a security role that cannot exist (id " + Id(AbsentId) + ") was answered with a record.", client.Scrubber);
                seen.NotFoundBody = "null";
                seen.NotFoundProblem = "was answered " + response.StatusCode + " with an empty body";
            }
            catch (CwApiException e) when (e.StatusCode == 404)
            {
                seen.NotFoundBody = e.BodyKind ?? "text";
            }
            catch (CwApiException e) when (e.StatusCode == 403)
            {
                seen.NotFoundProblem = "answered 403 (the key may not read security roles)";
            }
        }

        /// <summary>A company that does not exist (no credentials sent): 200 with a null body, or 404.</summary>
        static async Task UnknownCompanyProbeAsync(ManageClient client, Probes seen, CancellationToken ct)
        {
            var probe = "cwsetupprobe" + Guid.NewGuid().ToString("N").Substring(0, 8);
            var uri = new Uri(client.Server.Root, "login/companyinfo/" + probe);
            seen.Sent();
            try
            {
                var response = await client.SendAsync(HttpMethod.Get, uri, null, RequestKind.Anonymous, ct).ConfigureAwait(false);
                var body = (response.Body ?? "").Trim();
                seen.UnknownCompanyInfo = body.Length == 0 || body == "null" ? "null" : "object";
            }
            catch (CwApiException e) when (e.StatusCode == 404)
            {
                seen.UnknownCompanyInfo = "404";
            }
        }

        // ------------------------------------------------------------------ the checks

        static TenantCheckRow ConnectionCheck(CwConnection connection, Probes seen)
        {
            var inUse = connection.ApiVersion;
            var current = SystemInfo.ApiVersionOf(seen.ApiCurrentVersion);
            var detail = "Codebase " + connection.Codebase + ", API version " + (inUse ?? "(the server's default)") +
                         (current != null ? "; the server's current version is " + current : "") + "; the clientId is accepted.";
            var check = new TenantCheckRow { Id = TenantCheckIds.Connection, Area = TenantCheckArea.Connection, Check = "Connection", Status = TenantCheckStatus.Pass, Detail = detail };
            if (inUse != null && current != null && CompareVersions(inUse, current) > 0)
            {
                check.Status = TenantCheckStatus.Warn;
                check.Fix = "The API version in use (" + inUse + ") is newer than the server's (" + current + "): connect with -ApiVersion " + current + ".";
            }
            return check;
        }

        static AdminOperation AllowedOperations(IReadOnlyList<SecurityRoleSetting> rows)
        {
            var index = new FunctionMatcher.Index(rows);
            var allowed = AdminOperation.None;
            foreach (var op in RequiredRights.All.GroupBy(x => x.Operation))
                if (op.All(x => x.IsGrantedBy(index))) allowed |= op.Key;
            return allowed;
        }

        static IEnumerable<TenantCheckRow> RightsChecks(AdminView admin)
        {
            var index = new FunctionMatcher.Index(admin.Rows);
            var role = admin.Role?.Name;
            foreach (var group in RequiredRights.Groups)
            {
                var rights = RequiredRights.All.Where(x => x.Group == group.Id).ToList();
                var missing = rights.Where(x => !x.IsGrantedBy(index)).ToList();
                var uninstallOnly = rights.All(x => x.UninstallOnly);
                var check = new TenantCheckRow { Id = group.Id, Area = TenantCheckArea.Rights, Check = group.Title };
                if (missing.Count == 0)
                {
                    check.Status = TenantCheckStatus.Pass;
                    check.Detail = string.Join("; ", rights.Select(x => x.Describe())) + ".";
                    yield return check;
                    continue;
                }
                check.Status = uninstallOnly ? TenantCheckStatus.Warn : TenantCheckStatus.Fail;
                check.Blocks = missing.Aggregate(AdminOperation.None, (a, x) => a | x.Operation);
                check.Missing = missing.Select(x => x.Describe()).ToList();
                check.Detail = "Missing: " + string.Join("; ", missing.Select(x => x.Describe() + " (to " + x.For + ")")) +
                               ". Which function guards which endpoint is the module's reading, not a published table.";
                var where = PermissionChecklist.ScreenRoot + " > " + (role ?? "the role of the key's member");
                check.Fix = "In " + where + ", set " + string.Join("; ", missing.Select(x => x.Functions[0].Module + " > " + x.Functions[0].Function + ": " + x.LevelName + " Level All")) +
                            ", save, then run Test-CwTenant again (or use the key of a member whose role has them).";
                check.Error = new CwException(ErrorIds.AdminRightsMissing, ErrorCategory.PermissionDenied,
                    "Nothing was changed: the key this session is connected with lacks rights the install needs. " + check.Detail, role)
                { RecommendedAction = check.Fix };
                yield return check;
            }
        }

        static TenantCheckRow GridAssumption(AdminView admin, Probes seen)
        {
            var check = new TenantCheckRow { Id = TenantCheckIds.MySecurityIsTheRolesGrid, Area = TenantCheckArea.Assumption, Check = "mySecurity = role grid" };
            if (admin.Grid == null)
            {
                check.Status = TenantCheckStatus.Warn;
                check.Detail = "Not checked: " + (admin.Problem ?? "the key's role could not be read") + ".";
                check.Fix = "Install-CwIntegration reads a role's grid on every run instead of trusting a key's effective rows (one request more on a rerun).";
                return check;
            }
            var key = new Func<SecurityRoleSetting, string>(x => FunctionMatcher.Normalize(x.Module) + "|" + FunctionMatcher.Normalize(x.Function));
            var grid = admin.Grid.GroupBy(key).ToDictionary(g => g.Key, g => g.First());
            var mine = admin.Rows.GroupBy(key).ToDictionary(g => g.Key, g => g.First());
            var absentNone = grid.Count(g => !mine.ContainsKey(g.Key) && g.Value.IsNone);
            var absentOther = grid.Count(g => !mine.ContainsKey(g.Key) && !g.Value.IsNone);
            var extra = mine.Count(m => !grid.ContainsKey(m.Key));
            var differ = grid.Count(g => mine.TryGetValue(g.Key, out var m) && !m.Levels.Equals(g.Value.Levels));
            if (absentNone + absentOther + extra + differ == 0)
            {
                seen.MySecurityRows = "grid";
                check.Status = TenantCheckStatus.Pass;
                check.Detail = "The key's " + mine.Count + " effective rows are its role's " + grid.Count + " rows, level for level.";
                return check;
            }
            seen.MySecurityRows = absentOther + extra + differ == 0 ? "omitNone" : "differs";
            check.Status = TenantCheckStatus.Warn;
            var parts = new List<string>();
            if (absentNone > 0) parts.Add(absentNone + " row(s) with no rights left out");
            if (absentOther > 0) parts.Add(absentOther + " row(s) with rights left out");
            if (extra > 0) parts.Add(extra + " row(s) not in the grid");
            if (differ > 0) parts.Add(differ + " row(s) with other levels");
            check.Detail = "The key's effective rows are not its role's grid: " + string.Join(", ", parts) + ".";
            check.Fix = "None needed: Install-CwIntegration reads the role's grid on every run instead of trusting a key's effective rows (one request more on a rerun); a row missing from a key's rows counts as no rights.";
            return check;
        }

        static TenantCheckRow LinkAssumption(Probes seen)
        {
            var check = new TenantCheckRow { Id = TenantCheckIds.LinkHeaders, Area = TenantCheckArea.Assumption, Check = "Link headers", Status = TenantCheckStatus.Pass };
            var forward = seen.ForwardOnlyLastPageLink == null ? "" : " The last forward-only page's Link header is " + seen.ForwardOnlyLastPageLink + " (both are read as the end).";
            switch (seen.NavigableLinkForm)
            {
                case "pageLast":
                case "pageFirst":
                    check.Detail = "A list of several pages carries a Link header; its next URL " + (seen.NavigableLinkForm == "pageLast" ? "ends in page=N" : "has page=N before other parameters (read anyway)") + "." + forward;
                    break;
                case "absent":
                    check.Status = TenantCheckStatus.Warn;
                    check.Detail = "A list of several pages came without a Link header." + forward;
                    check.Fix = "None needed: the module asks for the next page by number until a short page (one request more when a list fills its last page exactly).";
                    break;
                default:
                    check.Status = TenantCheckStatus.Warn;
                    check.Detail = "Not checked: the list of roles could not be read with a page of one row." + forward;
                    check.Fix = "None needed: the module reads any Link header, and pages by number without one.";
                    break;
            }
            return check;
        }

        static TenantCheckRow PageSizeAssumption(Probes seen)
        {
            var check = new TenantCheckRow { Id = TenantCheckIds.PageSize, Area = TenantCheckArea.Assumption, Check = "Pages of 1000 rows", Status = TenantCheckStatus.Pass };
            if (seen.MaxHonouredPageSize.HasValue)
            {
                check.Status = TenantCheckStatus.Warn;
                check.Detail = "Asked for 1000 rows a page, the server gave " + seen.MaxHonouredPageSize.Value + " and a next link.";
                check.Fix = "None needed: the module follows the Link header, so reads and each poll of a guided watch take more requests.";
            }
            else check.Detail = "The key's effective rows came in one page of up to 1000.";
            return check;
        }

        static TenantCheckRow NotFoundAssumption(Probes seen)
        {
            var check = new TenantCheckRow { Id = TenantCheckIds.NotFoundBody, Area = TenantCheckArea.Assumption, Check = "Error bodies" };
            switch (seen.NotFoundBody)
            {
                case "json":
                    check.Status = TenantCheckStatus.Pass;
                    check.Detail = "A role that does not exist is answered 404 with a ConnectWise error body (code and message).";
                    break;
                case "null":
                    check.Status = TenantCheckStatus.Warn;
                    check.Detail = "A role that does not exist " + seen.NotFoundProblem + ", not 404.";
                    check.Fix = "None needed for the install, which looks roles up by name; a record asked for by id may come back empty rather than as an error.";
                    break;
                case "html":
                case "text":
                case "empty":
                    check.Status = TenantCheckStatus.Warn;
                    check.Detail = "A role that does not exist is answered 404 with " + (seen.NotFoundBody == "html" ? "a web page" : seen.NotFoundBody == "empty" ? "an empty body" : "a text body") + ", not a ConnectWise error body.";
                    check.Fix = "None needed: errors are classified by their HTTP status; their messages cannot quote ConnectWise.";
                    break;
                default:
                    check.Status = TenantCheckStatus.Warn;
                    check.Detail = "Not checked: a role that does not exist " + (seen.NotFoundProblem ?? "could not be asked for") + ".";
                    check.Fix = "None needed: errors are classified by their HTTP status.";
                    break;
            }
            return check;
        }

        static TenantCheckRow VersionAssumption(Probes seen)
        {
            var check = new TenantCheckRow { Id = TenantCheckIds.VersionHeader, Area = TenantCheckArea.Assumption, Check = "api-current-version" };
            if (seen.VersionHeader == true)
            {
                check.Status = TenantCheckStatus.Pass;
                check.Detail = "Responses carry api-current-version: " + seen.ApiCurrentVersion + ".";
            }
            else
            {
                check.Status = TenantCheckStatus.Warn;
                check.Detail = "Responses carry no api-current-version header.";
                check.Fix = "None needed: the module keeps the API version it connected with (pin one with Connect-CwManage -ApiVersion).";
            }
            return check;
        }

        static TenantCheckRow UnknownCompanyAssumption(Probes seen)
        {
            var check = new TenantCheckRow { Id = TenantCheckIds.UnknownCompany, Area = TenantCheckArea.Assumption, Check = "Unknown company ID", Status = TenantCheckStatus.Pass };
            switch (seen.UnknownCompanyInfo)
            {
                case "null": check.Detail = "/login/companyinfo of a company that does not exist answers 200 with a null body (read as no such company)."; break;
                case "404": check.Detail = "/login/companyinfo of a company that does not exist answers 404 (read as no such company)."; break;
                default:
                    check.Status = TenantCheckStatus.Warn;
                    check.Detail = "/login/companyinfo of a company that does not exist answers with a record.";
                    check.Fix = "A mistyped -CompanyId may then fail later, at the credential check, rather than as an unknown company.";
                    break;
            }
            return check;
        }

        /// <summary>Compares "2025.1" with "2026.4" numerically; unparsable versions compare equal.</summary>
        internal static int CompareVersions(string a, string b)
        {
            if (!Version.TryParse(a, out var va) || !Version.TryParse(b, out var vb)) return 0;
            return va.CompareTo(vb);
        }

        static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
    }
}
