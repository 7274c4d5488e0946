using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;
using ConnectWiseSetup.Setup;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>
    /// Writes a role's permission rows (those not None) as a profile JSON file, so a role configured by hand
    /// becomes a profile (Get-CwIntegrationProfile -Path, or -Profile with the path). Customize lists are not
    /// exported: the API shows them only to the role's own members; add role.customize by hand.
    /// </summary>
    [Cmdlet(VerbsData.Export, "CwSecurityRole", SupportsShouldProcess = true)]
    [OutputType(typeof(PermissionProfile))]
    public sealed class ExportCwSecurityRoleCommand : CwCmdlet
    {
        /// <summary>The role: a SecurityRole (Get-CwSecurityRole), an id or a name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(SecurityRoleNameCompleter))]
        [ValidateCwIdentity(CwIdentityKind.SecurityRole)]
        public object Role { get; set; }

        /// <summary>The profile JSON file to write.</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; }

        /// <summary>The profile's name (what to type after -Profile); default: the role name without spaces and other characters a name cannot hold.</summary>
        [Parameter]
        [PSDefaultValue(Help = "The role name without the characters a profile name cannot hold")]
        public string Name { get; set; }

        /// <summary>The API member identifier the profile names (at most 15 characters); default: the profile name, cut to 15.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(ApiMemberIdentifierCompleter))]
        [PSDefaultValue(Help = "The profile name, cut to 15 characters")]
        public string MemberIdentifier { get; set; }

        /// <summary>Replace the file if it exists.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void BeginProcessing()
        {
            try { ProfileJson.CheckName(Name); }
            catch (CwException e) { ThrowCwError(e, null); }
            if (MemberIdentifier != null && (MemberIdentifier.Trim().Length == 0 || MemberIdentifier.Trim().Length > 15))
                ThrowCwError(CwException.Invalid(ErrorIds.InvalidArgument,
                    "-MemberIdentifier '" + InputValidator.Printable(MemberIdentifier) + "' must be 1 to 15 characters (ConnectWise's limit for a Member ID).", MemberIdentifier), null);
        }

        protected override void ProcessRecord()
        {
            var file = ProfileArgument.ProviderPath(Path, SessionState.Path);
            if (File.Exists(file) && !Force)
            {
                WriteCwError(new CwException(ErrorIds.FileExists, ErrorCategory.ResourceExists,
                    "The file '" + file + "' exists. Pass -Force to replace it, or another -Path.", file), file);
                return;
            }
            var connection = ResolveConnection(Role);
            try
            {
                var profile = RunAsync(ct => RoleExporter.ReadAsync(connection, Role, Name, MemberIdentifier, ct));
                if (!ShouldProcess(ChangeText.WriteProfile(file, File.Exists(file), profile.Name, profile.RoleName, profile.Permissions.Count))) return;
                File.WriteAllText(file, ProfileJson.Serialize(profile) + Environment.NewLine, new UTF8Encoding(false));
                profile.Origin = file;
                WriteObject(profile);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                WriteCwError(new CwException(ErrorIds.InvalidPath, ErrorCategory.WriteError, "Could not write '" + file + "': " + e.Message, file, e), file);
            }
            catch (Exception e) { WriteCwError(e, Role); }
        }
    }
}
