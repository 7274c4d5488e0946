using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Permissions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ConnectWiseSetup.Setup
{
    /// <summary>What Test-CwTenant found: the checks, and what they cost.</summary>
    internal sealed class TenantCheckOutcome
    {
        public IReadOnlyList<TenantCheckRow> Checks { get; set; } = Array.Empty<TenantCheckRow>();
        public ConnectionReadiness Readiness { get; set; }
        public int Requests { get; set; }
        public int RoundTrips { get; set; }
        public bool WithProfile { get; set; }
        public int ProfileRows { get; set; }

        public int Count(TenantCheckStatus status) => Checks.Count(c => c.Status == status);

        /// <summary>The line after the checks: the counts (the passes, when they are not listed, with how to list them) and the answer.</summary>
        public string Summary(string tenant, bool allListed = true)
        {
            var fail = Count(TenantCheckStatus.Fail);
            var warn = Count(TenantCheckStatus.Warn);
            var pass = Count(TenantCheckStatus.Pass);
            return Checks.Count + " checks on " + tenant + ": " + pass + " Pass" + (allListed || pass == 0 ? "" : " (not listed: -All lists them)") + ", " +
                   warn + " Warn, " + fail + " Fail (" + Requests + " requests, " + RoundTrips + " round trips, reads only). " +
                   (fail > 0 ? "An install would stop before its first write: see each Fail's Fix."
                    : warn > 0 ? "Ready: the warnings need no action unless their Fix says so." : "Ready.");
        }
    }

    /// <summary>
    /// Test-CwTenant: the connection's checks afresh and, with a profile, the install's own plan read (role, member,
    /// the member's defaults, the catalogue), all reads, going out together: at most three round trips.
    /// </summary>
    internal static partial class TenantChecker
    {
        public static async Task<TenantCheckOutcome> TestTenantAsync(CwConnection connection, PermissionProfile profile, MemberSpec spec, CancellationToken ct)
        {
            var before = connection.Client.RequestsSent;
            var readinessTask = TenantChecker.RunAndKeepAsync(connection, ct);
            var checks = new List<TenantCheckRow>();
            ConnectionReadiness readiness;
            if (profile == null)
            {
                readiness = await readinessTask.ConfigureAwait(false);
                checks.AddRange(readiness.Checks);
            }
            else
            {
                var installer = new IntegrationInstaller(connection, profile, spec);
                installer.UseReadiness(readinessTask);
                try
                {
                    var plan = await installer.PlanAsync(null, ct).ConfigureAwait(false);
                    readiness = installer.Readiness ?? await readinessTask.ConfigureAwait(false);
                    checks.AddRange(plan.Checks);
                }
                catch (CwApiException e) when (e.StatusCode == 403)
                {
                    // A read the key may not do is the answer to the question this command asks, not an error: the connection's
                    // checks as they came out, and the profile's check whose read was refused as a Fail with the levels to set.
                    try { readiness = await readinessTask.ConfigureAwait(false); }
                    catch (CwApiException) { throw e; }
                    checks.AddRange(readiness.Checks);
                    checks.Add(RefusedRead(e, profile, readiness));
                }
            }
            return new TenantCheckOutcome
            {
                Checks = checks,
                Readiness = readiness,
                Requests = (int)(connection.Client.RequestsSent - before),
                RoundTrips = readiness.RoundTrips,
                WithProfile = profile != null,
                ProfileRows = profile?.Permissions.Count ?? 0,
            };
        }

        /// <summary>
        /// The profile check whose read the key may not do (403): a Fail naming the read, with the levels to set in the key's own role
        /// (the failed rights check's Fix when the connection's checks found the right missing, else the right this read needs).
        /// </summary>
        internal static TenantCheckRow RefusedRead(CwApiException e, PermissionProfile profile, ConnectionReadiness readiness)
        {
            var path = Uri.TryCreate(e.Url, UriKind.Absolute, out var url) ? url.AbsolutePath : e.Url ?? "";
            string id, title, what, rightId;
            if (path.IndexOf("/system/apiMembers", StringComparison.OrdinalIgnoreCase) >= 0)
            { id = TenantCheckIds.MemberIdentifier; title = "Member ID"; what = "API members (to look for '" + profile.MemberIdentifier + "')"; rightId = "rights.readMembers"; }
            else if (path.IndexOf("/system/securityroles", StringComparison.OrdinalIgnoreCase) >= 0)
            { id = TenantCheckIds.RoleName; title = "Role name"; what = "security roles (to look for '" + profile.RoleName + "')"; rightId = "rights.readRoles"; }
            else if (path.IndexOf("corporateStructureLevels", StringComparison.OrdinalIgnoreCase) >= 0)
            { id = TenantCheckIds.MemberDefaults; title = "New member's defaults"; what = "the corporate levels (a new member's level)"; rightId = "rights.readLevels"; }
            else
            { id = TenantCheckIds.MemberDefaults; title = "New member's defaults"; what = "a new member's defaults (locations, departments, time zones)"; rightId = "rights.readReferenceLists"; }
            var right = RequiredRights.All.FirstOrDefault(x => x.Id == rightId);
            var failed = readiness?.Checks.FirstOrDefault(c => c.Area == TenantCheckArea.Rights && c.Status != TenantCheckStatus.Pass && right != null && c.Id == right.Group);
            var fix = failed?.Fix ?? (right == null ? "Give the key's role the right to read " + what + ", then run Test-CwTenant again."
                : "In " + PermissionChecklist.ScreenRoot + " > (the role of the key's member), set " + right.Functions[0].Module + " > " + right.Functions[0].Function + ": " +
                  right.LevelName + " Level All, save, then run Test-CwTenant again.");
            return new TenantCheckRow
            {
                Id = id, Area = TenantCheckArea.Profile, Check = title, Status = TenantCheckStatus.Fail,
                Detail = "Not checked: the key may not read " + what + " (ConnectWise answered 403 to " + e.Method + " " + path + "). The profile's other checks need it too.",
                Fix = fix,
                Error = e,
            };
        }

        /// <summary>
        /// The report for a bug report (-ReportPath): what was seen, with nothing secret or personal in it (no keys, no
        /// Authorization, no names of people, companies, roles or members): statuses, counts, header and field names, and the
        /// server's behaviour in the simulator's ServerBehavior terms, so `--fidelity report.json` replays it.
        /// </summary>
        public static string ReportJson(CwConnection connection, TenantCheckOutcome outcome, string moduleVersion)
        {
            var r = outcome.Readiness;
            var report = new JObject
            {
                ["schema"] = "ConnectWiseSetup.TenantReport/1",
                ["module"] = moduleVersion,
                ["createdAt"] = DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture),
                ["connection"] = new JObject
                {
                    ["codebase"] = connection.Codebase,
                    ["apiVersion"] = connection.ApiVersion,
                    ["serverVersion"] = connection.ServerVersion,
                    ["isCloud"] = connection.IsCloud.HasValue ? (JToken)connection.IsCloud.Value : JValue.CreateNull(),
                },
                ["counts"] = new JObject
                {
                    ["checks"] = outcome.Checks.Count,
                    ["pass"] = outcome.Count(TenantCheckStatus.Pass),
                    ["warn"] = outcome.Count(TenantCheckStatus.Warn),
                    ["fail"] = outcome.Count(TenantCheckStatus.Fail),
                    ["requests"] = outcome.Requests,
                    ["roundTrips"] = outcome.RoundTrips,
                    ["catalogueRows"] = r?.Catalogue?.Count,
                    ["profileRows"] = outcome.WithProfile ? (JToken)outcome.ProfileRows : JValue.CreateNull(),
                },
                ["checks"] = new JArray(outcome.Checks.Select(c =>
                {
                    var o = new JObject { ["id"] = c.Id, ["area"] = c.Area, ["status"] = c.Status.ToString() };
                    if (c.Area == TenantCheckArea.Rights && c.Status != TenantCheckStatus.Pass)
                        o["missing"] = new JArray(c.Missing);
                    return o;
                })),
                ["serverBehavior"] = JObject.FromObject(r?.Observations.ToBehavior() ?? new Dictionary<string, object>()),
                ["notReplayable"] = JObject.FromObject(r?.Observations.Unplayable() ?? new Dictionary<string, object>()),
            };
            return report.ToString(Formatting.Indented);
        }
    }
}
