using System;
using System.IO;
using System.Management.Automation;
using ConnectWiseSetup.Client;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>
    /// A file a cmdlet will write (Test-CwTenant -ReportPath), checked before any request: the path goes through the PowerShell
    /// provider (relative to the current location, drives such as <c>TEMP:</c> allowed), must be a FileSystem path, its folder must
    /// exist, and it must not be a folder, nor an existing file unless -Force. Otherwise a CwException with ErrorId
    /// CwInvalidFilePath (or CwFileExists) and nothing is sent.
    /// </summary>
    internal static class OutputFile
    {
        public static string Resolve(PSCmdlet cmdlet, string path, string parameter, bool force)
        {
            string full;
            ProviderInfo provider;
            try
            {
                full = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _);
            }
            catch (Exception e) when (e is ItemNotFoundException || e is System.Management.Automation.DriveNotFoundException || e is ProviderNotFoundException ||
                                      e is NotSupportedException || e is ArgumentException || e is PSInvalidOperationException)
            {
                throw Invalid(parameter + " '" + InputValidator.Printable(path) + "' is not a path this computer can write a file to (" + e.Message.TrimEnd('.') + ").", path);
            }
            if (provider == null || !string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
                throw Invalid(parameter + " '" + InputValidator.Printable(path) + "' is on the " + (provider?.Name ?? "unknown") +
                              " provider, not the file system. Pass a file path such as ./tenant-report.json.", path);
            if (Directory.Exists(full))
                throw Invalid(parameter + " '" + full + "' is a folder. Pass a file name in it, such as " + Path.Combine(full, "tenant-report.json") + ".", full);
            var folder = Path.GetDirectoryName(full);
            if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
                throw Invalid(parameter + ": the folder '" + (folder ?? full) + "' does not exist. Create it first, or pass a path in a folder that exists.", full);
            if (File.Exists(full) && !force)
                throw new CwException(ErrorIds.FileExists, ErrorCategory.ResourceExists, "The file '" + full + "' exists. Pass -Force to replace it, or another " + parameter + ".", full);
            return full;
        }

        static CwException Invalid(string message, object target) => CwException.Invalid(ErrorIds.InvalidFilePath, message, target);
    }
}
