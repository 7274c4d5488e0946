using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Setup
{
    /// <summary>
    /// Export-CwSecurityRole's engine: a role's rows (those not None) as a profile that loads back and matches the role. Customize
    /// lists are not exported: the API shows them only to the role's own members.
    /// </summary>
    internal static class RoleExporter
    {
        /// <summary>Reads the role (an object, id or name) and its settings, and builds the profile (nothing is written).</summary>
        public static async Task<PermissionProfile> ReadAsync(CwConnection connection, object role, string name, string memberIdentifier, CancellationToken ct)
        {
            var found = await RoleLookup.ResolveAsync(connection.Client, role, ct).ConfigureAwait(false);
            var settings = await RoleSettings.ReadAsync(connection.Client, found.Id, ct).ConfigureAwait(false);
            return ToProfile(found, settings, connection, name, memberIdentifier);
        }

        internal static PermissionProfile ToProfile(SecurityRole role, IReadOnlyList<SecurityRoleSetting> settings, CwConnection connection, string name, string memberIdentifier)
        {
            name = name ?? DefaultName(role);
            var identifier = (memberIdentifier ?? name).Trim();
            if (identifier.Length > 15) identifier = identifier.Substring(0, 15);
            var profile = new PermissionProfile
            {
                Name = name,
                DisplayName = role.Name,
                Source = "Exported from security role '" + role.Name + "' (id " + role.Id + ") of " + connection + " on " +
                         DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                RoleName = role.Name,
                MemberIdentifier = identifier,
                MemberName = role.Name,
                KeyDescription = role.Name,
                Permissions = PermissionDiff.FromSettings(settings).ToList(),
                Notes =
                {
                    "Customize lists (Table Setup tables, all agreements, ...) are not exported: the API shows them only to the role's own members. Add role.customize by hand if the integration needs them.",
                },
            };
            profile.VendorValues.AddRange(VendorValue.Standard());
            if (role.AdminFlag)
                profile.Notes.Add("The role is an administrator role (adminFlag); the rows are what it had when exported.");
            return profile;
        }

        /// <summary>The role's name without the characters a profile name cannot hold (at most 64), or Role{id}.</summary>
        internal static string DefaultName(SecurityRole role)
        {
            var sb = new StringBuilder();
            foreach (var c in role.Name ?? "")
                if (c < 128 && (char.IsLetterOrDigit(c) || c == '_' || c == '-' || c == '.')) sb.Append(c);
            var name = sb.ToString().TrimStart('_', '-', '.');
            return name.Length == 0 ? "Role" + role.Id : name.Length > 64 ? name.Substring(0, 64) : name;
        }
    }
}
