using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;

namespace ConnectWiseSetup.Setup
{
    /// <summary>
    /// Finds an API member from what a user passed to -ApiMember: an ApiMember object, an id, or an
    /// identifier. The one place that reads /system/apiMembers by identifier or id.
    /// </summary>
    internal static class MemberLookup
    {
        public const string MembersPath = "system/apiMembers";

        /// <summary>The member with exactly this identifier (case-insensitive, active or not), or null.</summary>
        public static async Task<ApiMember> FindByIdentifierAsync(ManageClient client, string identifier, CancellationToken ct)
        {
            var query = new ListQuery { Conditions = Conditions.Eq("identifier", identifier).ToString(), Fields = ApiMember.Fields };
            var members = await client.GetListAsync<ApiMember>(MembersPath, query, ct).ConfigureAwait(false);
            return members.FirstOrDefault(m => string.Equals(m.Identifier, identifier, StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>
        /// Get-CwApiMember's listing: the members whose identifier is <paramref name="pattern"/> (exact, or a PowerShell wildcard;
        /// null: every member), with the role of <paramref name="roleId"/> when given, active ones unless
        /// <paramref name="includeInactive"/>; ordered by identifier.
        /// </summary>
        public static async Task<System.Collections.Generic.List<ApiMember>> ListAsync(ManageClient client, string pattern, int? roleId, bool includeInactive, CancellationToken ct)
        {
            var wildcard = pattern != null && WildcardPattern.ContainsWildcardCharacters(pattern);
            // ConnectWise's like knows only %: ? and [..] widen to %, and the wildcard test below keeps the exact meaning.
            var byIdentifier = pattern == null ? null : wildcard ? Conditions.Like("identifier", ServerPattern(pattern)) : Conditions.Eq("identifier", pattern);
            var byRole = roleId.HasValue ? Conditions.Eq("securityRole/id", roleId.Value) : null;
            var active = includeInactive ? null : Conditions.Eq("inactiveFlag", false);
            var query = new ListQuery { Conditions = Conditions.All(byIdentifier, byRole, active)?.ToString(), OrderBy = "identifier", Fields = ApiMember.Fields };
            var members = await client.GetListAsync<ApiMember>(MembersPath, query, ct).ConfigureAwait(false);
            if (!wildcard) return members.ToList();
            var matcher = new WildcardPattern(pattern, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
            return members.Where(m => matcher.IsMatch(m.Identifier ?? "")).ToList();
        }

        /// <summary>A PowerShell wildcard widened to what ConnectWise's like understands (* only, which becomes %).</summary>
        internal static string ServerPattern(string pattern)
            => System.Text.RegularExpressions.Regex.Replace(pattern, @"\[[^\]]*\]|\?|`.", "*");

        /// <summary>
        /// Who holds a role: the API members with role <paramref name="roleId"/>, active or not (an inactive member still holds its
        /// role). The one place that asks (the uninstall's plan, a refused role deletion's message).
        /// </summary>
        public static async Task<System.Collections.Generic.List<ApiMember>> HoldersAsync(ManageClient client, int roleId, CancellationToken ct)
            => await client.GetListAsync<ApiMember>(MembersPath, new ListQuery
            {
                Conditions = Conditions.Eq("securityRole/id", roleId).ToString(),
                Fields = new[] { "id", "identifier", "name", "inactiveFlag" },
            }, ct).ConfigureAwait(false);

        /// <summary>No member has exactly this identifier (with the role, when one was given).</summary>
        public static CwException NoSuchMember(string identifier, bool includeInactive, bool withRole)
            => new CwException(ErrorIds.NotFound, ErrorCategory.ObjectNotFound,
                "There is no " + (includeInactive ? "" : "active ") + "API member with identifier '" + identifier + "'" +
                (withRole ? " and that role" : "") + (includeInactive ? "." : " (add -IncludeInactive to see disabled members)."), identifier);

        public static Task<ApiMember> GetByIdAsync(ManageClient client, int id, CancellationToken ct)
            => client.GetAsync<ApiMember>(MembersPath + "/" + id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);

        /// <summary>
        /// Resolves a member argument and reads its current record: an ApiMember object (re-read by id, so a
        /// change is planned against what the tenant holds now), a number (an id) or text (an identifier).
        /// An identifier that matches no member gives CwNotFound.
        /// </summary>
        public static async Task<ApiMember> ResolveAsync(ManageClient client, object member, CancellationToken ct)
        {
            if (member is PSObject pso) member = pso.BaseObject;
            switch (member)
            {
                case null:
                    throw CwException.Invalid(ErrorIds.InvalidArgument, "An API member is required: pass a member object (Get-CwApiMember), an id or an identifier.");
                case ApiMember m:
                    return await GetByIdAsync(client, m.Id, ct).ConfigureAwait(false);
                case MemberReference r when r.Id > 0:
                    return await GetByIdAsync(client, r.Id, ct).ConfigureAwait(false);
                case int id when id > 0:
                    return await GetByIdAsync(client, id, ct).ConfigureAwait(false);
                case long id64 when id64 > 0 && id64 <= int.MaxValue:
                    return await GetByIdAsync(client, (int)id64, ct).ConfigureAwait(false);
                case string identifier when !string.IsNullOrWhiteSpace(identifier):
                    var found = await FindByIdentifierAsync(client, identifier.Trim(), ct).ConfigureAwait(false);
                    return found ?? throw new CwException(ErrorIds.NotFound, ErrorCategory.ObjectNotFound,
                        "There is no API member with identifier '" + InputValidator.Printable(identifier.Trim()) + "'. Get-CwApiMember -IncludeInactive lists the members.", identifier);
                default:
                    throw CwException.Invalid(ErrorIds.InvalidArgument, "'" + InputValidator.Printable(member.ToString()) + "' is not an API member: pass a member object (Get-CwApiMember), an id or an identifier.", member);
            }
        }
    }
}
