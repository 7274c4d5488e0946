using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>
    /// Tab completion for -Name of Get-CwIntegrationProfile and every -Profile: the built-in profile names, then (a -Profile also takes
    /// a profile file) the folders and *.json files the word leads to, relative to the PowerShell location.
    /// </summary>
    public sealed class ProfileNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var word = (wordToComplete ?? "").Trim('\'', '"');
            var pattern = new WildcardPattern(WildcardPattern.Escape(word) + "*", WildcardOptions.IgnoreCase);
            var results = ProfileCatalog.BuiltIn
                .Where(p => pattern.IsMatch(p.Name))
                .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
                .Select(p => new CompletionResult(p.Name, p.Name, CompletionResultType.ParameterValue,
                    string.IsNullOrEmpty(p.DisplayName) ? p.Name : p.DisplayName + " (role '" + p.RoleName + "')"))
                .ToList();
            if (string.Equals(parameterName, "Profile", StringComparison.OrdinalIgnoreCase))
                results.AddRange(ProfileFiles(wordToComplete ?? ""));
            return results;
        }

        /// <summary>
        /// Folders (to go on typing a path) and *.json files whose names start as the word's last part does, in the folder the word
        /// names, relative to the PowerShell location (as a -Profile path is read). Quoted when PowerShell would need quotes.
        /// </summary>
        static IEnumerable<CompletionResult> ProfileFiles(string typed)
        {
            var word = typed.Trim('\'', '"');
            var cut = word.LastIndexOfAny(new[] { '/', '\\' });
            var folderPart = cut < 0 ? "" : word.Substring(0, cut + 1);
            var namePart = word.Substring(cut + 1);
            string folder;
            try
            {
                var path = CurrentPath();
                folder = ProfileArgument.ProviderPath(folderPart.Length == 0 ? "." : folderPart, path);
                if (!Directory.Exists(folder)) return Enumerable.Empty<CompletionResult>();
            }
            catch (Exception e) when (!(e is PipelineStoppedException)) { return Enumerable.Empty<CompletionResult>(); }
            var prefix = folderPart.Length == 0 ? "." + Path.DirectorySeparatorChar : folderPart;
            var found = new List<CompletionResult>();
            try
            {
                foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos()
                    .Where(e => e.Name.StartsWith(namePart, StringComparison.OrdinalIgnoreCase))
                    .OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase))
                {
                    var isFolder = entry is DirectoryInfo;
                    if (!isFolder && !entry.Name.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) continue;
                    var text = prefix + entry.Name;
                    found.Add(new CompletionResult(QuotePath(text), entry.Name,
                        isFolder ? CompletionResultType.ProviderContainer : CompletionResultType.ProviderItem, entry.FullName));
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is System.Security.SecurityException) { }
            return found;
        }

        /// <summary>The PowerShell location's path intrinsics, asked of the runspace the completion runs in (on its own thread).</summary>
        static PathIntrinsics CurrentPath()
        {
            if (Runspace.DefaultRunspace == null) return null;
            using (var ps = PowerShell.Create(RunspaceMode.CurrentRunspace))
                return ps.AddScript("$ExecutionContext.SessionState.Path").Invoke().Select(o => o?.BaseObject as PathIntrinsics).FirstOrDefault();
        }

        static string QuotePath(string text)
            => text.IndexOfAny(new[] { ' ', '\'', '"', '`', '$', '(', ')', '{', '}', '[', ']', ';', ',', '&', '@', '#', '|', '<', '>' }) < 0
                ? text
                : "'" + text.Replace("'", "''") + "'";
    }
}
