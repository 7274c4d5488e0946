using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.RegularExpressions;
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
        static readonly Regex ProfileName = new Regex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$", RegexOptions.CultureInvariant);

        /// <summary>The role: a SecurityRole (Get-CwSecurityRole), an id or a name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(SecurityRoleNameCompleter))]
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
            if (Name != null && !ProfileName.IsMatch(Name))
                ThrowCwError(CwException.Invalid(ErrorIds.InvalidArgument,
                    "-Name '" + InputValidator.Printable(Name) + "' must be letters, digits, '_', '-' or '.' (at most 64), so it can be typed after -Profile.", Name), null);
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
                SecurityRole role = null;
                var settings = RunAsync(async ct =>
                {
                    role = await RoleLookup.ResolveAsync(connection.Client, Role, ct).ConfigureAwait(false);
                    return await RoleSettings.ReadAsync(connection.Client, role.Id, ct).ConfigureAwait(false);
                });
                var profile = ToProfile(role, settings, connection);
                if (!ShouldProcess(ChangeText.WriteProfile(file, File.Exists(file), profile.Name, role.Name, profile.Permissions.Count))) return;
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

        PermissionProfile ToProfile(SecurityRole role, System.Collections.Generic.IReadOnlyList<SecurityRoleSetting> settings, CwConnection connection)
        {
            var name = Name ?? DefaultName(role);
            var identifier = (MemberIdentifier ?? name).Trim();
            if (identifier.Length > 15) identifier = identifier.Substring(0, 15);
            var profile = new PermissionProfile
            {
                Name = name,
                DisplayName = role.Name,
                Source = "Exported from security role '" + role.Name + "' (id " + role.Id + ") of " + connection + " on " +
                         DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                RoleName = role.Name,
                MemberIdentifier = identifier,
                MemberName = role.Name,
                KeyDescription = role.Name,
                Permissions = PermissionDiff.FromSettings(settings).ToList(),
                VendorValues =
                {
                    new VendorValue { Name = "Site URL", Source = VendorValueSources.SiteUrl },
                    new VendorValue { Name = "Company ID", Source = VendorValueSources.CompanyId },
                    new VendorValue { Name = "Public Key", Source = VendorValueSources.PublicKey },
                    new VendorValue { Name = "Private Key", Source = VendorValueSources.PrivateKey, Secret = true },
                },
                Notes =
                {
                    "Customize lists (Table Setup tables, all agreements, ...) are not exported: the API shows them only to the role's own members. Add role.customize by hand if the integration needs them.",
                },
            };
            if (role.AdminFlag)
                profile.Notes.Add("The role is an administrator role (adminFlag); the rows are what it had when exported.");
            return profile;
        }

        static string DefaultName(SecurityRole role)
        {
            var sb = new StringBuilder();
            foreach (var c in role.Name ?? "")
                if (c < 128 && (char.IsLetterOrDigit(c) || c == '_' || c == '-' || c == '.')) sb.Append(c);
            var name = sb.ToString().TrimStart('_', '-', '.');
            return name.Length == 0 ? "Role" + role.Id : name.Length > 64 ? name.Substring(0, 64) : name;
        }
    }
}
