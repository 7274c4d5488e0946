using System;
using System.Management.Automation;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;
using ConnectWiseSetup.Setup;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>
    /// The guided permission step. The API cannot write a role's permission levels, so this shows the
    /// administrator a checklist of only what differs from the profile (in the UI's order, with the path to
    /// each screen), then watches the role (one small request per poll) until the levels match, showing
    /// progress, and returns the role. On timeout: a CwWaitTimeout error listing what is still missing.
    /// The checklist goes to the Information stream twice: as host text (shown like Write-Host), and as
    /// PermissionChecklistItem objects tagged 'CwChecklist' (collect them with -InformationVariable).
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "CwSecurityRolePermission")]
    [OutputType(typeof(SecurityRole))]
    public sealed class WaitCwSecurityRolePermissionCommand : CwCmdlet
    {
        /// <summary>Information tag of the checklist objects.</summary>
        public const string ChecklistTag = PermissionWait.ChecklistTag;

        /// <summary>The role: a SecurityRole (Get-CwSecurityRole), an id or a name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(SecurityRoleNameCompleter))]
        [ValidateCwIdentity(CwIdentityKind.SecurityRole)]
        public object Role { get; set; }

        /// <summary>What the role should grant: a built-in profile name, a profile object or a profile JSON path.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ProfileTransformation]
        [ArgumentCompleter(typeof(ProfileNameCompleter))]
        public PermissionProfile Profile { get; set; }

        /// <summary>How long to wait (default 30 minutes).</summary>
        [Parameter]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);

        /// <summary>How often to look at the role (default 5 seconds).</summary>
        [Parameter]
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

        protected override void BeginProcessing()
        {
            try
            {
                WatchPace.CheckTimeout("-Timeout", Timeout);
                WatchPace.CheckInterval("-PollInterval", PollInterval, "5 seconds");
            }
            catch (CwException e) { ThrowCwError(e, null); }
        }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection(Role);
            SecurityRole role = null;
            try
            {
                RoleWatcher watcher = null;
                RunAsync(async ct =>
                {
                    role = await RoleLookup.ResolveAsync(connection.Client, Role, ct).ConfigureAwait(false);
                    watcher = new RoleWatcher(connection.Client, role.Id, Profile);
                    return await watcher.CompareAsync(ct).ConfigureAwait(false);
                });
                if (role.Connection == null) role.Connection = connection;

                var host = new CmdletSetupHost(this, nonInteractive: false);
                var result = RunAsync(ct => PermissionWait.RunAsync(host, watcher, role.Name, Profile.Name, PollInterval, Timeout, ProgressId, ct));
                if (result.Done)
                {
                    WriteVerbose("Security role '" + role.Name + "' has the permission levels of " + Profile.Name + " (" + result.Polls + " poll(s), " + result.Elapsed + ").");
                    WriteObject(role);
                    return;
                }
                WriteCwError(PermissionWait.TimedOut(role, Profile.Name, Timeout, result, "Wait-CwSecurityRolePermission"), role);
            }
            catch (Exception e) { WriteCwError(e, (object)role ?? Role); }
        }

        const int ProgressId = ProgressIds.PermissionWait;
    }
}
