using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>Tab completion of the built-in profile names (for -Name of Get-CwIntegrationProfile and every -Profile).</summary>
    public sealed class ProfileNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var word = (wordToComplete ?? "").Trim('\'', '"');
            var pattern = new WildcardPattern(word + "*", WildcardOptions.IgnoreCase);
            return ProfileCatalog.BuiltIn
                .Where(p => pattern.IsMatch(p.Name))
                .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
                .Select(p => new CompletionResult(p.Name, p.Name, CompletionResultType.ParameterValue,
                    string.IsNullOrEmpty(p.DisplayName) ? p.Name : p.DisplayName + " (role '" + p.RoleName + "')"))
                .ToList();
        }
    }
}
