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
        public IReadOnlyList<TenantCheckResult> Checks { get; set; } = Array.Empty<TenantCheckResult>();
        public TenantReadiness Readiness { get; set; }
        public int Requests { get; set; }
        public int RoundTrips { get; set; }
        public bool WithProfile { get; set; }
        public int ProfileRows { get; set; }

        public int Count(TenantCheckStatus status) => Checks.Count(c => c.Status == status);

        public string Summary(string tenant)
            => Checks.Count + " checks on " + tenant + ": " + Count(TenantCheckStatus.Pass) + " Pass, " + Count(TenantCheckStatus.Warn) + " Warn, " +
               Count(TenantCheckStatus.Fail) + " Fail (" + Requests + " requests, " + RoundTrips + " round trips, reads only)." +
               (Count(TenantCheckStatus.Fail) > 0 ? " An install would stop before its first write: see each Fail's Fix." : "");
    }

    /// <summary>
    /// Test-CwTenant's engine: the connection's checks afresh and, with a profile, the install's own plan read (role, member,
    /// the member's defaults, the catalogue), all reads, going out together: at most three round trips.
    /// </summary>
    internal static class TenantCheck
    {
        public static async Task<TenantCheckOutcome> RunAsync(CwConnection connection, PermissionProfile profile, MemberSpec spec, CancellationToken ct)
        {
            var before = connection.Client.RequestsSent;
            var readinessTask = TenantChecker.RunAndKeepAsync(connection, ct);
            var checks = new List<TenantCheckResult>();
            TenantReadiness readiness;
            if (profile == null)
            {
                readiness = await readinessTask.ConfigureAwait(false);
                checks.AddRange(readiness.Checks);
            }
            else
            {
                var installer = new IntegrationInstaller(connection, profile, spec);
                installer.UseReadiness(readinessTask);
                var plan = await installer.PlanAsync(null, ct).ConfigureAwait(false);
                readiness = installer.Readiness ?? await readinessTask.ConfigureAwait(false);
                checks.AddRange(plan.Checks);
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
