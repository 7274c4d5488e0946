using System;
using System.Linq;
using System.Management.Automation;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>
    /// The built-in permission profiles (all, or by name with wildcards), or a user's profile file with
    /// -Path. A bad file is a CwInvalidProfile error naming the field and the reason; an unknown name is
    /// CwUnknownProfile listing the built-in names. Sends no request.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CwIntegrationProfile", DefaultParameterSetName = NameSet)]
    [OutputType(typeof(PermissionProfile))]
    public sealed class GetCwIntegrationProfileCommand : CwCmdletBase
    {
        const string NameSet = "Name";
        const string PathSet = "Path";

        /// <summary>Built-in profile names; wildcards allowed. None: every built-in profile.</summary>
        [Parameter(Position = 0, ParameterSetName = NameSet, ValueFromPipeline = true)]
        [ArgumentCompleter(typeof(ProfileNameCompleter))]
        [SupportsWildcards]
        public string[] Name { get; set; }

        /// <summary>Profile JSON files (docs/profile-format.md), e.g. one written by Export-CwSecurityRole.</summary>
        [Parameter(Mandatory = true, ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == PathSet)
            {
                foreach (var path in Path)
                {
                    var full = ProfileArgument.ProviderPath(path, SessionState.Path);
                    try
                    {
                        var profile = ProfileCatalog.LoadFile(full);
                        if (profile.NeedsReview)
                            WriteWarning("Profile '" + profile.Name + "' (" + full + ") is marked for review (needsReview): its notes say which lines of the guide were not read. Settle them, then remove the field.");
                        WriteObject(profile);
                    }
                    catch (CwException e) { WriteCwError(e, path); }
                }
                return;
            }

            if (Name == null || Name.Length == 0)
            {
                WriteObject(ProfileCatalog.BuiltIn, true);
                return;
            }
            foreach (var name in Name)
            {
                if (WildcardPattern.ContainsWildcardCharacters(name))
                {
                    var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
                    WriteObject(ProfileCatalog.BuiltIn.Where(p => pattern.IsMatch(p.Name)), true);
                    continue;
                }
                var profile = ProfileCatalog.FindBuiltIn(name);
                if (profile != null) WriteObject(profile);
                else WriteCwError(new UnknownProfileException(name, ProfileCatalog.BuiltInNames.ToList()), name);
            }
        }
    }
}
