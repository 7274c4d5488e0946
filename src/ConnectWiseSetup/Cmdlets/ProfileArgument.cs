using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>
    /// What a user may pass wherever a profile is taken: a built-in name, a PermissionProfile
    /// (Get-CwIntegrationProfile), or the path of a profile JSON file (relative to the PowerShell
    /// location, not the process's). The one place that turns such a value into a profile.
    /// </summary>
    internal static class ProfileArgument
    {
        /// <summary>
        /// The profile for <paramref name="value"/>. Throws <see cref="UnknownProfileException"/> (CwUnknownProfile)
        /// for an unknown name and <see cref="ProfileFormatException"/> (CwInvalidProfile) for a bad or missing file.
        /// </summary>
        public static PermissionProfile Resolve(object value, PathIntrinsics path)
        {
            if (value is PSObject pso) value = pso.BaseObject;
            switch (value)
            {
                case PermissionProfile profile:
                    return profile;
                case FileInfo file:
                    return ProfileCatalog.LoadFile(file.FullName);
                case string text when !string.IsNullOrWhiteSpace(text):
                    var builtIn = ProfileCatalog.FindBuiltIn(text);
                    if (builtIn != null) return builtIn;
                    var full = ProviderPath(text.Trim(), path);
                    if (LooksLikePath(text) || File.Exists(full)) return ProfileCatalog.LoadFile(full);
                    throw new UnknownProfileException(text.Trim(), ProfileCatalog.BuiltInNames.ToList());
                default:
                    throw CwException.Invalid(ErrorIds.InvalidProfile,
                        "'" + value + "' is not a permission profile: pass a built-in name (" + string.Join(", ", ProfileCatalog.BuiltInNames) +
                        "), a profile from Get-CwIntegrationProfile, or the path of a profile JSON file.", value);
            }
        }

        /// <summary>A path as the file system sees it, resolved against the PowerShell location.</summary>
        public static string ProviderPath(string path, PathIntrinsics intrinsics)
        {
            if (intrinsics == null) return Path.GetFullPath(path);
            try { return intrinsics.GetUnresolvedProviderPathFromPSPath(path); }
            catch (Exception e) when (!CwCmdletBase.IsStop(e)) { return path; }
        }

        static bool LooksLikePath(string text)
            => text.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || text.IndexOfAny(new[] { '/', '\\' }) >= 0;
    }
}
