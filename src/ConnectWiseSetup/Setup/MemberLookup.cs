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
