using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;

namespace ConnectWiseSetup.Setup
{
    /// <summary>Reads a role's permission grid (<c>/system/securityRoles/{id}/settings</c>, read-only in the API).</summary>
    internal static class RoleSettings
    {
        /// <summary>Note the case: roles are <c>securityroles</c>, settings are <c>securityRoles</c>.</summary>
        public static string PathOf(int roleId) => "system/securityRoles/" + roleId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/settings";

        /// <summary>The levels of each row and nothing else: what a poll needs.</summary>
        public static readonly IList<string> LevelFields = new[] { "id", "addLevel", "editLevel", "deleteLevel", "inquireLevel" };

        /// <summary>Every row, in the UI's order, with one paged list call (one request up to 1000 rows).</summary>
        public static async Task<IReadOnlyList<SecurityRoleSetting>> ReadAsync(ManageClient client, int roleId, CancellationToken ct)
        {
            var rows = await client.GetListAsync<SecurityRoleSetting>(PathOf(roleId), new ListQuery(), ct).ConfigureAwait(false);
            return rows.OrderBy(r => r.SortOrder).ThenBy(r => r.Id).ToList();
        }

        /// <summary>What a comparison with a profile reads of each row: the labels it matches on, the levels and the order (no flags, no _info).</summary>
        public static readonly IList<string> DiffFields = new[]
        {
            "id", "moduleIdentifier", "moduleName", "moduleDescription", "moduleFunctionIdentifier", "moduleFunctionName", "moduleFunctionDescription",
            "addLevel", "editLevel", "deleteLevel", "inquireLevel", "sortOrder",
        };

        /// <summary>Every row with only <see cref="DiffFields"/>, in the UI's order (one request up to 1000 rows): what an audit compares.</summary>
        public static async Task<IReadOnlyList<SecurityRoleSetting>> ReadForDiffAsync(ManageClient client, int roleId, CancellationToken ct)
        {
            var rows = await client.GetListAsync<SecurityRoleSetting>(PathOf(roleId), new ListQuery { Fields = DiffFields }, ct).ConfigureAwait(false);
            return rows.OrderBy(r => r.SortOrder).ThenBy(r => r.Id).ToList();
        }

        /// <summary>Only id and the four levels of every row (one request up to 1000 rows).</summary>
        public static Task<List<SecurityRoleSetting>> ReadLevelsAsync(ManageClient client, int roleId, CancellationToken ct)
            => client.GetListAsync<SecurityRoleSetting>(PathOf(roleId), new ListQuery { Fields = LevelFields }, ct);
    }
}
