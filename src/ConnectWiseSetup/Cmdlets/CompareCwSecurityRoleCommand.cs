using System;
using System.Management.Automation;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;
using ConnectWiseSetup.Setup;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>
    /// Compares a role's permission rows with a profile, or with a reference role (which may be on another
    /// tenant: a SecurityRole carries its Connection, or pass -ReferenceConnection). Emits one
    /// PermissionComparison: InDesiredState, ToChange (the rows that differ, in the UI's order), Missing,
    /// Excess (over-privilege), Unverified (Customize lists, which only the integration's own key can read)
    /// and every Row. The diff is PermissionDiff, the one engine Wait, Test and Install also use.
    /// </summary>
    [Cmdlet(VerbsData.Compare, "CwSecurityRole", DefaultParameterSetName = ProfileSet)]
    [OutputType(typeof(PermissionComparison))]
    [OutputType(typeof(PermissionChecklistItem))]
    public sealed class CompareCwSecurityRoleCommand : CwCmdlet
    {
        const string ProfileSet = "Profile";
        const string ReferenceSet = "Reference";

        /// <summary>The role to check: a SecurityRole (Get-CwSecurityRole), an id or a name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(SecurityRoleNameCompleter))]
        [ValidateCwIdentity(CwIdentityKind.SecurityRole)]
        public object Role { get; set; }

        /// <summary>What the role should grant: a built-in profile name, a profile object or a profile JSON path.</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = ProfileSet)]
        [ProfileTransformation]
        [ArgumentCompleter(typeof(ProfileNameCompleter))]
        public PermissionProfile Profile { get; set; }

        /// <summary>A role whose rows the role should equal: a SecurityRole (from any connection), an id or a name.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ReferenceSet)]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(SecurityRoleNameCompleter))]
        [ValidateCwIdentity(CwIdentityKind.SecurityRole)]
        public object ReferenceRole { get; set; }

        /// <summary>The tenant of -ReferenceRole when it is a name or an id; default: the reference object's, else the role's.</summary>
        [Parameter(ParameterSetName = ReferenceSet)]
        [ValidateNotNull]
        public CwConnection ReferenceConnection { get; set; }

        /// <summary>
        /// Write the checklist the guided step shows (PermissionChecklistItem objects: only what differs, in the role screen's
        /// order) instead of the comparison: what someone sets in the web UI, from any window.
        /// </summary>
        [Parameter]
        public SwitchParameter AsChecklist { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection(Role);
            var referenceConnection = ParameterSetName == ReferenceSet ? ReferenceConnectionFor(connection) : null;
            try
            {
                var (role, comparison) = RunAsync(ct => RoleComparer.CompareAsync(connection, Role, Profile, referenceConnection, ReferenceRole, ct));
                if (AsChecklist) WriteObject(PermissionChecklist.Build(role.Name, comparison), true);
                else WriteObject(comparison);
            }
            catch (Exception e) { WriteCwError(e, Role); }
        }

        CwConnection ReferenceConnectionFor(CwConnection roleConnection)
        {
            var reference = ReferenceRole is PSObject pso ? pso.BaseObject : ReferenceRole;
            var own = (reference as SecurityRole)?.Connection;
            var chosen = ReferenceConnection ?? own ?? roleConnection;
            if (own != null && ReferenceConnection != null && !ReferenceEquals(own, ReferenceConnection))
                ThrowCwError(CwException.Invalid(ErrorIds.InvalidArgument,
                    "-ReferenceRole '" + reference + "' was read from " + own + ", not from -ReferenceConnection " + ReferenceConnection + ". Pass its name or id instead.", reference), null);
            if (!chosen.IsOpen)
                ThrowCwError(new CwException(ErrorIds.NotConnected, ErrorCategory.ConnectionError,
                    "The connection " + chosen + " of -ReferenceRole was closed by Disconnect-CwManage. Connect again.", reference), null);
            return chosen;
        }
    }
}
