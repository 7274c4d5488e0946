using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Setup;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>
    /// Deletes security roles (by object, id or name; from the pipeline). ConnectWise refuses to delete a
    /// role that members use (409): the error (CwRoleInUse) names the API members using it and what to do.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "CwSecurityRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    public sealed class RemoveCwSecurityRoleCommand : CwCmdlet
    {
        /// <summary>The role: a SecurityRole (Get-CwSecurityRole), an id or a name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(SecurityRoleNameCompleter))]
        [ValidateCwIdentity(CwIdentityKind.SecurityRole)]
        public object Role { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection(Role);
            SecurityRole role = null;
            try
            {
                role = RunAsync(ct => RoleLookup.ResolveAsync(connection.Client, Role, ct));
                if (!ShouldProcess(ChangeText.DeleteRole(connection, role))) return;
                RunAsync(ct => RoleRemoval.DeleteAsync(connection.Client, role, ct));
                WriteVerbose("Removed security role '" + role.Name + "' (id " + role.Id + ").");
            }
            catch (Exception e) { WriteCwError(e, (object)role ?? Role); }
        }
    }
}
