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
    /// Finds a security role from what a user passed to -Role / -SecurityRole: a SecurityRole object,
    /// an id, or a name. The one place that reads /system/securityroles by name or id.
    /// </summary>
    internal static class RoleLookup
    {
        public const string RolesPath = "system/securityroles";

        /// <summary>The role with exactly this name (case-insensitive, as ConnectWise's uniqueness is), or null.</summary>
        public static async Task<SecurityRole> FindByNameAsync(ManageClient client, string name, CancellationToken ct)
        {
            var query = new ListQuery { Conditions = Conditions.Eq("name", name).ToString() };
            var roles = await client.GetListAsync<SecurityRole>(RolesPath, query, ct).ConfigureAwait(false);
            return roles.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>
        /// Get-CwSecurityRole's listing: the roles named <paramref name="names"/> (exact, or with '*'; none: every role), ordered by
        /// name, in one request; and the exact names no role has. A name conditions cannot carry is refused before the request.
        /// </summary>
        public static async Task<(System.Collections.Generic.List<SecurityRole> Roles, System.Collections.Generic.List<string> Missing)> ListAsync(
            ManageClient client, System.Collections.Generic.IEnumerable<string> names, CancellationToken ct)
        {
            var parts = new System.Collections.Generic.List<Conditions>();
            var exact = new System.Collections.Generic.List<string>();
            foreach (var raw in names ?? Array.Empty<string>())
            {
                var name = raw.Trim();
                if (name.IndexOf('*') >= 0) parts.Add(Conditions.Like("name", name));
                else { parts.Add(Conditions.Eq("name", name)); exact.Add(name); }
            }
            var conditions = parts.Count == 0 ? null : Conditions.Any(parts.ToArray());
            var roles = await client.GetListAsync<SecurityRole>(RolesPath, new ListQuery { Conditions = conditions?.ToString(), OrderBy = "name" }, ct).ConfigureAwait(false);
            var missing = exact.Where(n => !roles.Any(r => string.Equals(r.Name, n, StringComparison.OrdinalIgnoreCase))).ToList();
            return (roles.ToList(), missing);
        }

        public static Task<SecurityRole> GetByIdAsync(ManageClient client, int id, CancellationToken ct)
            => client.GetAsync<SecurityRole>(RolesPath + "/" + id, ct);

        /// <summary>
        /// Resolves a role argument. A SecurityRole object is taken as it is (no request); a number
        /// is an id; text is a name. A name that matches no role gives CwNotFound.
        /// </summary>
        public static async Task<SecurityRole> ResolveAsync(ManageClient client, object role, CancellationToken ct)
        {
            if (role is PSObject pso) role = pso.BaseObject;
            switch (role)
            {
                case null:
                    throw CwException.Invalid(ErrorIds.InvalidArgument, "A security role is required: pass a role object, an id or a name.");
                case SecurityRole r:
                    return r;
                case int id:
                    return await GetByIdAsync(client, id, ct).ConfigureAwait(false);
                case long id64 when id64 > 0 && id64 <= int.MaxValue:
                    return await GetByIdAsync(client, (int)id64, ct).ConfigureAwait(false);
                case string name when !string.IsNullOrWhiteSpace(name):
                    var found = await FindByNameAsync(client, name.Trim(), ct).ConfigureAwait(false);
                    return found ?? throw new CwException(ErrorIds.NotFound, ErrorCategory.ObjectNotFound,
                        "There is no security role named '" + name.Trim() + "'. Get-CwSecurityRole lists the roles.", name);
                default:
                    throw CwException.Invalid(ErrorIds.InvalidArgument, "'" + role + "' is not a security role: pass a role object (Get-CwSecurityRole), an id or a name.", role);
            }
        }
    }
}
