using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Setup;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>
    /// Lists API members (System > Members > API Members): by identifier (wildcards), by id, by security
    /// role. Inactive members are left out unless -IncludeInactive (an -Id asks for that record, whatever its state).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CwApiMember", DefaultParameterSetName = IdentifierSet)]
    [OutputType(typeof(ApiMember))]
    public sealed class GetCwApiMemberCommand : CwCmdlet
    {
        internal const string IdentifierSet = "Identifier";
        internal const string IdSet = "Id";

        /// <summary>Identifiers (Member IDs); * and ? are wildcards. Default: every member.</summary>
        [Parameter(Position = 0, ParameterSetName = IdentifierSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ApiMemberIdentifierCompleter))]
        public string[] Identifier { get; set; }

        /// <summary>Member ids.</summary>
        [Parameter(Mandatory = true, ParameterSetName = IdSet)]
        [ValidateRange(1, int.MaxValue)]
        public int[] Id { get; set; }

        /// <summary>Only members with this role: a role name, id or object (Get-CwSecurityRole).</summary>
        [Parameter]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(SecurityRoleNameCompleter))]
        public object SecurityRole { get; set; }

        /// <summary>Include inactive (disabled) members.</summary>
        [Parameter]
        public SwitchParameter IncludeInactive { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            var client = connection.Client;

            if (ParameterSetName == IdSet)
            {
                foreach (var id in Id)
                {
                    try
                    {
                        var member = RunAsync(ct => MemberLookup.GetByIdAsync(client, id, ct));
                        if (SecurityRole != null && !RoleMatches(member, client)) continue;
                        member.Connection = connection;
                        WriteObject(member);
                    }
                    catch (Exception e) { WriteCwError(e, id); }
                }
                return;
            }

            Conditions role = null;
            if (SecurityRole != null)
            {
                try
                {
                    var r = RunAsync(ct => RoleLookup.ResolveAsync(client, SecurityRole, ct));
                    role = Conditions.Eq("securityRole/id", r.Id);
                }
                catch (Exception e) { ThrowCwError(e, SecurityRole); }
            }
            var active = IncludeInactive ? null : Conditions.Eq("inactiveFlag", false);

            var patterns = Identifier ?? new string[] { null };
            var seen = new HashSet<int>();
            foreach (var pattern in patterns)
            {
                Conditions byIdentifier = null;
                var wildcard = pattern != null && WildcardPattern.ContainsWildcardCharacters(pattern);
                try
                {
                    if (pattern != null)
                    {
                        // ConnectWise's like knows only %: ? and [..] widen to %, and the wildcard test below keeps the exact meaning.
                        byIdentifier = wildcard ? Conditions.Like("identifier", ServerPattern(pattern)) : Conditions.Eq("identifier", pattern);
                    }
                    var query = new ListQuery { Conditions = Conditions.All(byIdentifier, role, active)?.ToString(), OrderBy = "identifier", Fields = ApiMember.Fields };
                    var members = RunAsync(ct => client.GetListAsync<ApiMember>(MemberLookup.MembersPath, query, ct));
                    var matcher = wildcard ? new WildcardPattern(pattern, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant) : null;
                    var found = 0;
                    foreach (var m in members)
                    {
                        if (matcher != null && !matcher.IsMatch(m.Identifier ?? "")) continue;
                        found++;
                        if (!seen.Add(m.Id)) continue;
                        m.Connection = connection;
                        WriteObject(m);
                    }
                    if (found == 0 && pattern != null && !wildcard)
                        WriteCwError(new CwException(ErrorIds.NotFound, ErrorCategory.ObjectNotFound,
                            "There is no " + (IncludeInactive ? "" : "active ") + "API member with identifier '" + pattern + "'" +
                            (SecurityRole != null ? " and that role" : "") + (IncludeInactive ? "." : " (add -IncludeInactive to see disabled members)."), pattern), pattern);
                }
                catch (Exception e) { WriteCwError(e, pattern); }
            }
        }

        /// <summary>A PowerShell wildcard widened to what ConnectWise's like understands (* only, which becomes %).</summary>
        internal static string ServerPattern(string pattern)
            => System.Text.RegularExpressions.Regex.Replace(pattern, @"\[[^\]]*\]|\?|`.", "*");

        private bool RoleMatches(ApiMember member, ManageClient client)
        {
            var r = RunAsync(ct => RoleLookup.ResolveAsync(client, SecurityRole, ct));
            return member.SecurityRole?.Id == r.Id;
        }
    }
}
