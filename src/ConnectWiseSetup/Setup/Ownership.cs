using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Setup
{
    /// <summary>What an ownership rule found: which rule, and the sentence that says why.</summary>
    internal sealed class OwnershipVerdict
    {
        /// <summary>CwConnectedMemberRefused or CwAdminRoleRefused (never allowed), or CwTakeOverRefused (allowed when a person hands it over).</summary>
        public string ErrorId { get; set; }
        public string Reason { get; set; }
        /// <summary>A take-over a person can allow (at the prompt, or by naming it with -TakeOverRole/-TakeOverMember).</summary>
        public bool CanBeHandedOver => ErrorId == ErrorIds.TakeOverRefused;
        /// <summary>The person handed it over: the install may change it.</summary>
        public bool HandedOver { get; set; }
    }

    /// <summary>
    /// How Install-CwIntegration, Uninstall-CwIntegration and Update-CwApiKey tell what an integration owns ("ours"). The API
    /// keeps no owner on a record, so ownership is read from the tenant itself, every run, with no local state:
    /// <list type="bullet">
    /// <item>The member whose key runs the session (its <c>/system/mySecurity</c> rows name it) is never ours: never moved to
    /// another role, disabled or rotated.</item>
    /// <item>An administrator-like role is never ours: adminFlag set, named "Admin", the connected member's own role, or one
    /// that grants Add, Edit or Delete on System / Security (security roles) or System / Member Maintenance (members and API
    /// members) above what the profile itself asks for.</item>
    /// <item>An existing role is ours when none of its rows is above the profile's levels (a role this profile created starts
    /// at None everywhere and is only ever raised towards the profile, so a half-set role still counts) and no API member other
    /// than the profile's holds it. Otherwise taking it is a take-over.</item>
    /// <item>An existing member (found by the profile's Member ID) is ours when it holds the profile's role: the install creates
    /// its member with that role in the same POST, so a member with another role (or no role of ours yet) was made by someone
    /// else, and moving it is a take-over.</item>
    /// </list>
    /// A take-over stops the install before its first write unless a person hands it over: at the prompt (ISetupHost.ConfirmAsync,
    /// naming the role or member and what changes) or with -TakeOverRole/-TakeOverMember naming it exactly.
    /// </summary>
    internal static class Ownership
    {
        /// <summary>The tenant's administrator role's usual name.</summary>
        public const string AdminRoleName = "Admin";

        static readonly (string Module, string Function)[] ManageRows = { ("System", "Security"), ("System", "Member Maintenance") };

        /// <summary>
        /// The member whose key <paramref name="connection"/> signs in with: from the connection's readiness checks when they ran,
        /// else one read of <c>/system/mySecurity</c> (one row, its member only). Null when the rows name no member.
        /// </summary>
        public static async Task<MemberReference> ConnectedMemberAsync(CwConnection connection, CancellationToken ct)
        {
            var known = TenantChecker.Known(connection);
            if (known != null && known.Status == TaskStatus.RanToCompletion && known.Result.ConnectedMember != null) return known.Result.ConnectedMember;
            var rows = await connection.Client.GetListAsync<SecurityRoleSetting>("system/mySecurity",
                new ListQuery { PageSize = 1, MaxItems = 1, Fields = new[] { "member" } }, ct).ConfigureAwait(false);
            return rows.Select(r => r.Member).FirstOrDefault(m => m != null && m.Id > 0);
        }

        /// <summary>Whether <paramref name="member"/> is the connected member (same id, or same identifier).</summary>
        public static bool IsConnected(MemberReference connected, ApiMember member)
            => connected != null && member != null &&
               (connected.Id == member.Id || (!string.IsNullOrEmpty(connected.Identifier) && string.Equals(connected.Identifier, member.Identifier, StringComparison.OrdinalIgnoreCase)));

        public static OwnershipVerdict ConnectedMember(ApiMember member)
            => new OwnershipVerdict
            {
                ErrorId = ErrorIds.ConnectedMemberRefused,
                Reason = "API member '" + member.Identifier + "' (id " + Id(member.Id) + ") is the member whose key runs this session: the module never changes, disables or rotates it (its key would lose its rights).",
            };

        /// <summary>Why <paramref name="role"/> is administrator-like, or null. <paramref name="grid"/> is its comparison with the profile (null when not read).</summary>
        public static string AdminLikeReason(SecurityRole role, Reference connectedRole, PermissionComparison grid)
        {
            if (role.AdminFlag) return "it is an administrator role (adminFlag)";
            if (string.Equals((role.Name ?? "").Trim(), AdminRoleName, StringComparison.OrdinalIgnoreCase)) return "it is the tenant's Admin role";
            if (connectedRole != null && connectedRole.Id == role.Id) return "it is the role of the member whose key runs this session";
            if (grid != null)
                foreach (var row in grid.Excess)
                {
                    if (!ManageRows.Any(m => FunctionMatcher.Normalize(m.Module) == FunctionMatcher.Normalize(row.Module) && FunctionMatcher.Normalize(m.Function) == FunctionMatcher.Normalize(row.Function))) continue;
                    var manage = row.ExcessLevels.Where(l => l != "Inquire").ToList();
                    if (manage.Count > 0)
                        return "it may manage " + (FunctionMatcher.Normalize(row.Function) == FunctionMatcher.Normalize("Security") ? "security roles" : "members and API members") +
                               " (" + row.Module + " / " + row.Function + ": " + string.Join(", ", manage) + " above the profile)";
                }
            return null;
        }

        /// <summary>The verdict on an existing role found by the profile's role name: null when it is ours.</summary>
        public static OwnershipVerdict Role(SecurityRole role, Reference connectedRole, PermissionComparison grid, IEnumerable<MemberReference> otherHolders)
        {
            var name = "Security role '" + role.Name + "' (id " + Id(role.Id) + ")";
            var admin = AdminLikeReason(role, connectedRole, grid);
            if (admin != null)
                return new OwnershipVerdict
                {
                    ErrorId = ErrorIds.AdminRoleRefused,
                    Reason = name + " exists and " + admin + ": an integration never uses an administrator-like role.",
                };
            var why = new List<string>();
            if (grid != null && grid.Excess.Count > 0)
                why.Add(grid.Excess.Count.ToString(CultureInfo.InvariantCulture) + " of its row(s) are above the profile's levels (" +
                        string.Join("; ", grid.Excess.Take(3).Select(r => r.Module + " / " + r.Function + ": " + string.Join(", ", r.ExcessLevels))) + (grid.Excess.Count > 3 ? "; ..." : "") + ")");
            var others = (otherHolders ?? Enumerable.Empty<MemberReference>()).ToList();
            if (others.Count > 0)
                why.Add("other API member(s) hold it: " + string.Join(", ", others.Select(o => o.Identifier)));
            if (why.Count == 0) return null;
            return new OwnershipVerdict
            {
                ErrorId = ErrorIds.TakeOverRefused,
                Reason = name + " exists and is not this integration's: " + string.Join("; ", why) + ". Using it would change what others rely on.",
            };
        }

        /// <summary>The verdict on an existing member found by the profile's Member ID: null when it holds <paramref name="role"/> (ours).</summary>
        public static OwnershipVerdict Member(ApiMember member, MemberReference connected, SecurityRole role, string profileRoleName)
        {
            if (IsConnected(connected, member)) return ConnectedMember(member);
            if (role != null && member.SecurityRole?.Id == role.Id) return null;
            return new OwnershipVerdict
            {
                ErrorId = ErrorIds.TakeOverRefused,
                Reason = "API member '" + member.Identifier + "' (id " + Id(member.Id) + ") exists with role '" + (member.SecurityRole?.Name ?? "(none)") +
                         "', not this integration's role '" + profileRoleName + "': the install would move it to '" + profileRoleName + "'" +
                         (member.InactiveFlag ? " and re-activate it" : "") + ", and whatever uses it now would lose its rights.",
            };
        }

        /// <summary>The error an ownership verdict stops a run with.</summary>
        public static CwException Error(OwnershipVerdict verdict, string fix)
            => new CwException(verdict.ErrorId, System.Management.Automation.ErrorCategory.PermissionDenied, "Nothing was changed: " + verdict.Reason + " " + fix, null)
            { RecommendedAction = fix };

        static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
    }
}
