using System;
using System.Collections.Generic;
using System.Linq;
using ConnectWiseSetup.Model;

namespace ConnectWiseSetup.Setup
{
    /// <summary>
    /// What the connection-level checks found (Test-CwTenant, and Install-CwIntegration before its first write): the
    /// checks, the administrator's effective rows and role grid (every role has the tenant's catalogue of rows), and how
    /// this server behaves against the module's assumptions. Kept on the connection once nothing failed, so an install
    /// runs the checks once per connection.
    /// </summary>
    internal sealed class ConnectionReadiness
    {
        public IReadOnlyList<TenantCheckRow> Checks { get; set; } = Array.Empty<TenantCheckRow>();

        /// <summary>The operations the administrator's key may do (from its effective rows).</summary>
        public AdminOperation Allowed { get; set; }

        /// <summary>The rows of the administrator's role: the tenant's catalogue of module functions. Null when they could not be read.</summary>
        public IReadOnlyList<SecurityRoleSetting> Catalogue { get; set; }

        /// <summary>The member whose key this connection signs in with (from its /system/mySecurity rows); null when the rows name none.</summary>
        public MemberReference ConnectedMember { get; set; }

        /// <summary>That member's security role (an install never uses it, nor changes that member).</summary>
        public Reference ConnectedRole { get; set; }

        /// <summary>True: /system/mySecurity rows are the role's grid here, so a key's effective rows may stand for its role's grid. Null: unknown.</summary>
        public bool? MySecurityIsTheRolesGrid { get; set; }

        /// <summary>What was seen, in the simulator's ServerBehavior terms (for -ReportPath and `--fidelity`).</summary>
        public ServerObservations Observations { get; set; } = new ServerObservations();

        /// <summary>Requests sent and round trips waited for (measured by the checker).</summary>
        public int Requests { get; set; }
        public int RoundTrips { get; set; }

        public bool Failed => Checks.Any(c => c.Status == TenantCheckStatus.Fail);

        /// <summary>The failed checks an install that does <paramref name="operations"/> must stop on.</summary>
        public IEnumerable<TenantCheckRow> Blocking(AdminOperation operations)
            => Checks.Where(c => c.Status == TenantCheckStatus.Fail && (c.Blocks & operations) != 0);
    }

    /// <summary>
    /// How the server answered the probes, named as the simulator's ServerBehavior properties, so a user's report replays as a
    /// simulator tenant (`--fidelity report.json`). Null: not observed. Nothing in it names a person, a company or a key.
    /// </summary>
    internal sealed class ServerObservations
    {
        /// <summary>"grid" (the role's settings rows), "omitNone" (rows with every level None left out), "differs".</summary>
        public string MySecurityRows { get; set; }
        /// <summary>"empty" or "absent": the Link header of the last forward-only page.</summary>
        public string ForwardOnlyLastPageLink { get; set; }
        /// <summary>"pageLast" (page=N is the last parameter of a Link URL), "pageFirst" (it comes before another), "absent" (no Link header on a list of several pages).</summary>
        public string NavigableLinkForm { get; set; }
        /// <summary>"null" (200 with a null body) or "404": GET /login/companyinfo of a company that does not exist.</summary>
        public string UnknownCompanyInfo { get; set; }
        /// <summary>Rows in a page asked for 1000 (only when the server gave fewer with a next link).</summary>
        public int? MaxHonouredPageSize { get; set; }
        /// <summary>The 404 of a record that does not exist: "json" (a ConnectWise error body), "html", "text", "empty"; "null" (a success with no body).</summary>
        public string NotFoundBody { get; set; }
        /// <summary>Whether responses carry api-current-version.</summary>
        public bool? ApiCurrentVersionHeader { get; set; }

        /// <summary>
        /// The observed behaviour as the simulator's ServerBehavior reads it (camelCase keys, its values), so `--fidelity report.json`
        /// replays it. Only what the simulator can play is in it: a form it has no value for is left out (it is in <see cref="Unplayable"/>).
        /// </summary>
        public IDictionary<string, object> ToBehavior()
        {
            var d = new SortedDictionary<string, object>(StringComparer.Ordinal);
            Put(d, "mySecurityRows", MySecurityRows, "grid", "omitNone");
            Put(d, "forwardOnlyLastPageLink", ForwardOnlyLastPageLink, "empty", "absent");
            Put(d, "navigableLinkForm", NavigableLinkForm, "pageLast", "pageFirst");
            Put(d, "unknownCompanyInfo", UnknownCompanyInfo == "null" ? "nullBody" : UnknownCompanyInfo == "404" ? "notFound" : UnknownCompanyInfo, "nullBody", "notFound");
            if (MaxHonouredPageSize.HasValue) d["maxHonouredPageSize"] = MaxHonouredPageSize.Value;
            Put(d, "notFoundBody", NotFoundBody == "text" ? "html" : NotFoundBody, "json", "empty", "html");
            if (ApiCurrentVersionHeader.HasValue) d["apiCurrentVersionHeader"] = ApiCurrentVersionHeader.Value;
            return d;
        }

        /// <summary>What was seen that the simulator has no value for (e.g. a Link header absent on a list of several pages).</summary>
        public IDictionary<string, object> Unplayable()
        {
            var played = ToBehavior();
            var seen = new SortedDictionary<string, object>(StringComparer.Ordinal)
            {
                ["mySecurityRows"] = MySecurityRows, ["navigableLinkForm"] = NavigableLinkForm, ["unknownCompanyInfo"] = UnknownCompanyInfo, ["notFoundBody"] = NotFoundBody,
            };
            return seen.Where(kv => kv.Value != null && !played.ContainsKey(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);
        }

        static void Put(IDictionary<string, object> d, string key, string value, params string[] known)
        {
            if (value != null && Array.IndexOf(known, value) >= 0) d[key] = value;
        }
    }
}
