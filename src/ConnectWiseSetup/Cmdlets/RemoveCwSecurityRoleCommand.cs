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
        public object Role { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection(Role);
            SecurityRole role = null;
            try
            {
                role = RunAsync(ct => RoleLookup.ResolveAsync(connection.Client, Role, ct));
                if (!ShouldProcess(ChangeText.DeleteRole(connection, role))) return;
                RunAsync(ct => DeleteAsync(connection.Client, role, ct));
                WriteVerbose("Removed security role '" + role.Name + "' (id " + role.Id + ").");
            }
            catch (PipelineStoppedException) { throw; }
            catch (Exception e) { WriteCwError(e, (object)role ?? Role); }
        }

        internal static async Task DeleteAsync(ManageClient client, SecurityRole role, CancellationToken ct)
        {
            try
            {
                await client.DeleteAsync(RoleLookup.RolesPath + "/" + role.Id, ct).ConfigureAwait(false);
            }
            catch (CwApiException e) when (e.StatusCode == 409)
            {
                throw await InUseAsync(client, role, e, ct).ConfigureAwait(false);
            }
        }

        /// <summary>A 409 on delete: which API members use the role (one lookup), and what to do.</summary>
        static async Task<CwException> InUseAsync(ManageClient client, SecurityRole role, CwApiException conflict, CancellationToken ct)
        {
            List<MemberReference> members;
            try
            {
                members = await client.GetListAsync<MemberReference>("system/apiMembers", new ListQuery
                {
                    Conditions = Conditions.Eq("securityRole/id", role.Id).ToString(),
                    Fields = new[] { "id", "identifier", "name" },
                }, ct).ConfigureAwait(false);
            }
            catch (CwApiException) { members = new List<MemberReference>(); }

            var who = members.Count > 0
                ? "API member(s) " + string.Join(", ", members.Select(m => m.Identifier + " (id " + m.Id + ")")) + " use it"
                : "members use it (no API member does: look under System > Members)";
            var action = members.Count > 0
                ? "Give " + (members.Count == 1 ? "that member" : "those members") + " another security role (System > Members > API Members > member > Role ID), or retire them, then remove the role again."
                : "Give those members another security role in System > Members, then remove the role again.";
            return new CwException(ErrorIds.RoleInUse, ErrorCategory.ResourceBusy,
                "Security role '" + role.Name + "' (id " + role.Id + ") cannot be removed: " + who + "." +
                (string.IsNullOrEmpty(conflict.ApiMessage) ? "" : " ConnectWise said: " + conflict.ApiMessage), role, conflict)
            { RecommendedAction = action };
        }
    }
}
