using System;
using System.Management.Automation;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;
using ConnectWiseSetup.Setup;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>
    /// Creates a security role (its permission levels are then set in the web UI: Wait-CwSecurityRolePermission
    /// guides that). The name is checked before any request. A role of that name already existing is a
    /// CwResourceExists error, unless -ExistingOk, which returns the existing role instead.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "CwSecurityRole", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = NameSet)]
    [OutputType(typeof(SecurityRole))]
    public sealed class NewCwSecurityRoleCommand : CwCmdlet
    {
        const string NameSet = "Name";
        const string ProfileSet = "Profile";

        /// <summary>The role's name (at most 30 characters).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = NameSet, ValueFromPipeline = true)]
        [AllowEmptyString]
        public string Name { get; set; }

        /// <summary>Take the role name from a profile (a built-in name, a profile object or a path; profiles bind from the pipeline).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ProfileSet, ValueFromPipeline = true)]
        [ProfileTransformation]
        [ArgumentCompleter(typeof(ProfileNameCompleter))]
        public PermissionProfile Profile { get; set; }

        /// <summary>An administrator role (ConnectWise gives it every right).</summary>
        [Parameter]
        public SwitchParameter Admin { get; set; }

        /// <summary>When a role of that name exists, return it instead of failing (so a script can run again).</summary>
        [Parameter]
        public SwitchParameter ExistingOk { get; set; }

        protected override void ProcessRecord()
        {
            string name;
            try { name = InputValidator.RoleName(ParameterSetName == ProfileSet ? Profile.RoleName : Name); }
            catch (CwException e) { WriteCwError(e, ParameterSetName == ProfileSet ? (object)Profile : Name); return; }

            var connection = ResolveConnection();
            try
            {
                var existing = RunAsync(ct => RoleLookup.FindByNameAsync(connection.Client, name, ct));
                if (existing != null)
                {
                    existing.Connection = connection;
                    if (!ExistingOk)
                    {
                        WriteCwError(new CwException(ErrorIds.ResourceExists, ErrorCategory.ResourceExists,
                            "A security role named '" + existing.Name + "' already exists on " + connection + " (id " + existing.Id + ").", existing)
                        { RecommendedAction = "Pass -ExistingOk to use it, or choose another -Name." }, existing);
                        return;
                    }
                    if (existing.AdminFlag != Admin.IsPresent)
                        WriteWarning("The existing role '" + existing.Name + "' is " + (existing.AdminFlag ? "" : "not ") + "an administrator role; -Admin was " + (Admin ? "" : "not ") + "given. Its settings are left as they are.");
                    WriteVerbose("Security role '" + existing.Name + "' (id " + existing.Id + ") exists already; using it (-ExistingOk).");
                    WriteObject(existing);
                    return;
                }

                if (!ShouldProcess(ChangeText.CreateRole(connection, name, Admin, ParameterSetName == ProfileSet ? Profile.Name : null))) return;
                var created = RunAsync(ct => RoleCreation.CreateAsync(connection.Client, name, Admin.IsPresent, ExistingOk, ct)).Role;
                created.Connection = connection;
                WriteObject(created);
            }
            catch (Exception e) { WriteCwError(e, name); }
        }
    }
}
