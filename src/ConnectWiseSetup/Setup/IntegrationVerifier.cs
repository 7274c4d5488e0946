using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Setup
{
    /// <summary>What Test-CwIntegrationPermission (and Install's last step) was given to test.</summary>
    public enum IntegrationSubjectKind
    {
        /// <summary>A security role's settings, read with the administrator's connection: Customize lists are Unverified.</summary>
        Role,
        /// <summary>An API member: its role's settings (read once per role in a pipeline).</summary>
        ApiMember,
        /// <summary>The integration's own key: its effective rights and Customize items (and, with -Live, its endpoints).</summary>
        ApiKey,
    }

    /// <summary>Does an integration have exactly what its profile needs? One object per subject tested.</summary>
    public sealed class IntegrationTestResult
    {
        public string Profile { get; set; }
        /// <summary>"role 'MSP Process' (id 12)", "API member 'MSPProcess'", "key 'abc...' of 'MSPProcess'".</summary>
        public string Subject { get; set; }
        public IntegrationSubjectKind SubjectKind { get; set; }
        /// <summary>The member the subject is (a member or a key), or null.</summary>
        public string ApiMember { get; set; }
        /// <summary>The role tested (for a role or a member).</summary>
        public string Role { get; set; }
        /// <summary>Nothing missing, nothing in excess, and (when probed) every required endpoint answered.</summary>
        public bool InDesiredState { get; set; }
        public IReadOnlyList<PermissionRowDiff> Missing { get; set; } = Array.Empty<PermissionRowDiff>();
        public IReadOnlyList<PermissionRowDiff> Excess { get; set; } = Array.Empty<PermissionRowDiff>();
        /// <summary>Customize lists that differ (only readable with the integration's key).</summary>
        public IReadOnlyList<CustomizeDiff> CustomizeDifferences { get; set; } = Array.Empty<CustomizeDiff>();
        /// <summary>Customize lists that could not be read from where we stand (without the key).</summary>
        public IReadOnlyList<CustomizeDiff> Unverified { get; set; } = Array.Empty<CustomizeDiff>();
        /// <summary>With -Live: each endpoint of the profile, probed as the integration (GET only; writes checked against the row).</summary>
        public IReadOnlyList<EndpointProbeResult> Endpoints { get; set; } = Array.Empty<EndpointProbeResult>();
        public PermissionComparison Comparison { get; set; }

        /// <summary>Endpoints that pass: a GET that answered, or a write (not called) whose effective row grants the level it needs.</summary>
        public int EndpointsPassed => Endpoints.Count(e => e.Outcome == ProbeOutcome.OK || e.Outcome == ProbeOutcome.RowGrants);
        /// <summary>GETs called that answered 200.</summary>
        public int EndpointsAnswered => Endpoints.Count(e => e.Called && e.Outcome == ProbeOutcome.OK);
        /// <summary>GETs called that ConnectWise refused (403).</summary>
        public int EndpointsRefused => Endpoints.Count(e => e.Called && e.Outcome == ProbeOutcome.Forbidden);
        /// <summary>Endpoints never called: every write (checked against the effective row instead) and GETs whose {placeholder} had no record.</summary>
        public int EndpointsNotCalled => Endpoints.Count(e => !e.Called);
        /// <summary>Required endpoints that failed.</summary>
        public IReadOnlyList<EndpointProbeResult> EndpointFailures => Endpoints.Where(e => !e.Passed).ToList();
        /// <summary>
        /// Every endpoint that did not answer or whose write the rows do not grant, failing or optional: what <see cref="EndpointSummary"/>
        /// counts besides the answered and granted ones, one entry each.
        /// </summary>
        public IReadOnlyList<EndpointProbeResult> EndpointsToReview => Endpoints.Where(e => e.Outcome != ProbeOutcome.OK && e.Outcome != ProbeOutcome.RowGrants).ToList();

        /// <summary>
        /// The endpoints in one line, each counted once: the GETs called (answered, refused, other), the endpoints not called (writes the
        /// rows grant or not, GETs with no record to call). Empty without -Live.
        /// </summary>
        public string EndpointSummary
        {
            get
            {
                if (Endpoints.Count == 0) return "";
                var called = Endpoints.Where(e => e.Called).ToList();
                var notCalled = Endpoints.Where(e => !e.Called).ToList();
                var parts = new List<string>();
                if (called.Count > 0)
                {
                    var of = new List<string> { Count(called, ProbeOutcome.OK, "answered") };
                    of.Add(Count(called, ProbeOutcome.Forbidden, "refused", "403"));
                    of.Add(Count(called, ProbeOutcome.NotFound, "not found", "404"));
                    of.Add(Count(called, ProbeOutcome.Error, "failed"));
                    parts.Add(called.Count + " called: " + string.Join(", ", of.Where(x => x != null)));
                }
                if (notCalled.Count > 0)
                {
                    var of = new List<string>
                    {
                        Count(notCalled, ProbeOutcome.RowGrants, "writes the rows grant"),
                        Count(notCalled, ProbeOutcome.RowLacks, "writes the rows do not grant"),
                        Count(notCalled, ProbeOutcome.NotCalled, "GETs with no record to call"),
                    };
                    parts.Add(notCalled.Count + " not called: " + string.Join(", ", of.Where(x => x != null)));
                }
                return Endpoints.Count + " endpoint(s), " + string.Join("; ", parts);
            }
        }

        /// <summary>"3 refused (403, optional)": how many of <paramref name="among"/> had <paramref name="outcome"/>; null when none (but "0 answered").</summary>
        static string Count(IReadOnlyList<EndpointProbeResult> among, ProbeOutcome outcome, string what, string code = null)
        {
            var n = among.Count(e => e.Outcome == outcome);
            if (n == 0) return outcome == ProbeOutcome.OK ? "0 " + what : null;
            var notes = new List<string>();
            if (code != null) notes.Add(code);
            if (outcome != ProbeOutcome.OK && outcome != ProbeOutcome.RowGrants)
            {
                var optional = among.Count(e => e.Outcome == outcome && e.Optional);
                if (optional == n) notes.Add("optional");
                else if (optional > 0) notes.Add(optional + " optional");
            }
            return n + " " + what + (notes.Count > 0 ? " (" + string.Join(", ", notes) + ")" : "");
        }

        /// <summary>One line: what is wrong, or "in the desired state".</summary>
        public string Summary
        {
            get
            {
                var parts = new List<string>();
                if (Missing.Count > 0) parts.Add(Missing.Count + " row(s) missing rights");
                if (Excess.Count > 0) parts.Add(Excess.Count + " row(s) with excess rights");
                if (CustomizeDifferences.Count > 0) parts.Add(CustomizeDifferences.Count + " Customize list(s) differ");
                if (EndpointFailures.Count > 0) parts.Add(EndpointFailures.Count + " required endpoint(s) failed: " + string.Join(", ", EndpointFailures.Select(e => e.Method + " " + e.Path + " " + e.Outcome)));
                if (parts.Count == 0) parts.Add("in the desired state");
                if (Unverified.Count > 0) parts.Add(Unverified.Count + " Customize list(s) unverified (need the integration's key)");
                if (Endpoints.Count > 0) parts.Add(EndpointSummary);
                return string.Join("; ", parts);
            }
        }

        public override string ToString() => Profile + " / " + Subject + ": " + Summary;
    }

    /// <summary>
    /// The verification behind Test-CwIntegrationPermission and Install-CwIntegration's last step: reads the rights
    /// of a subject (a role's settings with the administrator's connection, or the integration's own effective
    /// rights and Customize items with its key), diffs them with the profile through <see cref="PermissionDiff"/>,
    /// and with -Live probes the profile's endpoints as the integration through <see cref="EndpointProbe"/>.
    /// </summary>
    internal static class IntegrationVerifier
    {
        public const string CustomizeItemsPath = "system/mySecurity/customizeItems";

        /// <summary>The result for a role's settings (Customize lists Unverified: another member's lists cannot be read).</summary>
        public static IntegrationTestResult FromRoleSettings(PermissionProfile profile, SecurityRole role, IReadOnlyList<SecurityRoleSetting> settings, IntegrationSubjectKind kind, string subject)
        {
            var comparison = PermissionDiff.Compare(profile.Permissions, profile.Customize, settings, null);
            comparison.Subject = subject;
            comparison.Reference = "profile " + profile.Name;
            var result = Build(profile, comparison, null, kind, subject);
            result.Role = role.Name;
            return result;
        }

        /// <summary>
        /// The result for a role from a comparison already made for it (an audit compares each role once and gives every member
        /// holding it its own result: the rows and Customize lists are shared, the subject is the member's).
        /// </summary>
        public static IntegrationTestResult FromComparison(PermissionProfile profile, SecurityRole role, PermissionComparison shared, IntegrationSubjectKind kind, string subject)
        {
            var comparison = new PermissionComparison { Subject = subject, Reference = "profile " + profile.Name, Rows = shared.Rows, Customize = shared.Customize };
            var result = Build(profile, comparison, null, kind, subject);
            result.Role = role.Name;
            return result;
        }

        /// <summary>Reads a role's settings (one request up to 1000 rows) and compares them with the profile.</summary>
        public static async Task<IntegrationTestResult> TestRoleAsync(ManageClient client, PermissionProfile profile, SecurityRole role, CancellationToken ct)
        {
            var settings = await RoleSettings.ReadAsync(client, role.Id, ct).ConfigureAwait(false);
            return FromRoleSettings(profile, role, settings, IntegrationSubjectKind.Role, "role '" + role.Name + "' (id " + role.Id + ")");
        }

        /// <summary>
        /// Signs in with the key (system/info), reads its effective rows (/system/mySecurity) and Customize items
        /// (/system/mySecurity/customizeItems), compares, and with <paramref name="live"/> probes the endpoints.
        /// A key ConnectWise refuses is a CwAuthenticationFailed error.
        /// </summary>
        public static async Task<IntegrationTestResult> TestKeyAsync(ConnectionOptions keyOptions, PermissionProfile profile, bool live, int throttleLimit, CancellationToken ct)
        {
            var identity = await KeyVerifier.IdentifyAsync(keyOptions, ct).ConfigureAwait(false);
            if (!identity.Authenticated)
                throw new CwException(ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError,
                    "ConnectWise refused the key with public key '" + keyOptions.PublicKey + "' (" + identity.Failure + "): it was deleted or mistyped, or its member is inactive.", keyOptions.PublicKey);
            try
            {
                return await TestIdentityAsync(identity, keyOptions.PublicKey, profile, live, throttleLimit, ct).ConfigureAwait(false);
            }
            finally
            {
                KeyVerifier.Close(identity.Connection);
            }
        }

        /// <summary>
        /// The verification with a key already signed in (its /system/mySecurity rows read): reads its Customize items, compares,
        /// and with <paramref name="live"/> probes the endpoints. The caller owns the identity's connection.
        /// </summary>
        public static async Task<IntegrationTestResult> TestIdentityAsync(KeyIdentity identity, string publicKey, PermissionProfile profile, bool live, int throttleLimit, CancellationToken ct)
        {
            var client = identity.Connection.Client;
            var items = await client.GetListAsync<CustomizeItem>(CustomizeItemsPath, new ListQuery(), ct).ConfigureAwait(false);
            var subject = "key '" + publicKey + "'" + (identity.Member == null ? "" : " of '" + identity.Member.Identifier + "'");
            var comparison = PermissionDiff.Compare(profile.Permissions, profile.Customize, identity.Rights, items, absentRowsAreNone: true);
            comparison.Subject = subject;
            comparison.Reference = "profile " + profile.Name;
            IReadOnlyList<EndpointProbeResult> endpoints = null;
            if (live)
            {
                ClientLog.Verbose("Probing " + profile.Endpoints.Count + " endpoint(s) of " + profile.Name + " as the integration (GET only; write endpoints are checked against the effective row).");
                endpoints = await new EndpointProbe(client).ProbeAsync(profile.Endpoints, identity.Rights, throttleLimit, ct).ConfigureAwait(false);
            }
            var result = Build(profile, comparison, endpoints, IntegrationSubjectKind.ApiKey, subject);
            result.ApiMember = identity.Member?.Identifier;
            return result;
        }

        static IntegrationTestResult Build(PermissionProfile profile, PermissionComparison comparison, IReadOnlyList<EndpointProbeResult> endpoints, IntegrationSubjectKind kind, string subject)
        {
            var differ = comparison.Customize.Where(c => c.State != DiffState.Match && c.State != DiffState.Unverified).ToList();
            var result = new IntegrationTestResult
            {
                Profile = profile.Name,
                Subject = subject,
                SubjectKind = kind,
                Comparison = comparison,
                Missing = comparison.Missing,
                Excess = comparison.Excess,
                CustomizeDifferences = differ,
                Unverified = comparison.Unverified,
                Endpoints = endpoints ?? Array.Empty<EndpointProbeResult>(),
            };
            result.InDesiredState = comparison.InDesiredState && result.Endpoints.All(e => e.Passed);
            return result;
        }
    }
}
