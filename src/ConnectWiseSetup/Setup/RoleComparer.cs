using System.Threading;
using System.Threading.Tasks;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Setup
{
    /// <summary>
    /// Compare-CwSecurityRole's engine: a role's settings against a profile, or against a reference role read on the same or
    /// another tenant. Reads only: the role (an object costs nothing, an id or a name one lookup) and one request for its grid,
    /// the same again for the reference role.
    /// </summary>
    internal static class RoleComparer
    {
        /// <summary>
        /// The role found for <paramref name="role"/> and its comparison with <paramref name="profile"/> or, when that is null, with
        /// <paramref name="referenceRole"/> read through <paramref name="referenceConnection"/>.
        /// </summary>
        public static async Task<(SecurityRole Role, PermissionComparison Comparison)> CompareAsync(CwConnection connection, object role,
            PermissionProfile profile, CwConnection referenceConnection, object referenceRole, CancellationToken ct)
        {
            var found = await RoleLookup.ResolveAsync(connection.Client, role, ct).ConfigureAwait(false);
            var settings = await RoleSettings.ReadAsync(connection.Client, found.Id, ct).ConfigureAwait(false);
            PermissionComparison comparison;
            if (profile != null)
            {
                comparison = PermissionDiff.Compare(profile.Permissions, profile.Customize, settings, null);
                comparison.Reference = "profile " + profile.Name;
            }
            else
            {
                var reference = await RoleLookup.ResolveAsync(referenceConnection.Client, referenceRole, ct).ConfigureAwait(false);
                var referenceSettings = await RoleSettings.ReadAsync(referenceConnection.Client, reference.Id, ct).ConfigureAwait(false);
                comparison = PermissionDiff.Compare(PermissionDiff.FromSettings(referenceSettings), null, settings, null);
                comparison.Reference = Describe(reference, referenceConnection);
            }
            comparison.Subject = Describe(found, connection);
            return (found, comparison);
        }

        /// <summary>How a comparison names a role: its name, id and tenant.</summary>
        public static string Describe(SecurityRole role, CwConnection connection)
            => "role '" + role.Name + "' (id " + role.Id + ") on " + connection;
    }
}
