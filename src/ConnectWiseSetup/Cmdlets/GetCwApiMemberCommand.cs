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
        [ValidateCwIdentity(CwIdentityKind.SecurityRole)]
        public object SecurityRole { get; set; }

        /// <summary>Include inactive (disabled) members.</summary>
        [Parameter]
        public SwitchParameter IncludeInactive { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            var client = connection.Client;
            int? roleId = null;
            if (SecurityRole != null)
            {
                try { roleId = RunAsync(ct => RoleLookup.ResolveAsync(client, SecurityRole, ct)).Id; }
                catch (Exception e) { ThrowCwError(e, SecurityRole); }
            }
            if (ParameterSetName == IdSet)
            {
                foreach (var id in Id)
                {
                    try
                    {
                        var member = RunAsync(ct => MemberLookup.GetByIdAsync(client, id, ct));
                        if (roleId.HasValue && member.SecurityRole?.Id != roleId) continue;
                        member.Connection = connection;
                        WriteObject(member);
                    }
                    catch (Exception e) { WriteCwError(e, id); }
                }
                return;
            }
            var seen = new HashSet<int>();
            foreach (var pattern in Identifier ?? new string[] { null })
            {
                try
                {
                    var members = RunAsync(ct => MemberLookup.ListAsync(client, pattern, roleId, IncludeInactive, ct));
                    if (members.Count == 0 && pattern != null && !WildcardPattern.ContainsWildcardCharacters(pattern))
                        WriteCwError(MemberLookup.NoSuchMember(pattern, IncludeInactive, roleId.HasValue), pattern);
                    foreach (var m in members.Where(m => seen.Add(m.Id)))
                    {
                        m.Connection = connection;
                        WriteObject(m);
                    }
                }
                catch (Exception e) { WriteCwError(e, pattern); }
            }
        }

        /// <summary>A PowerShell wildcard widened to what ConnectWise's like understands (see <see cref="MemberLookup.ServerPattern"/>).</summary>
        internal static string ServerPattern(string pattern) => MemberLookup.ServerPattern(pattern);
    }
}
