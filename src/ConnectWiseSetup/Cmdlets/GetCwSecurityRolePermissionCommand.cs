using System;
using System.Linq;
using System.Management.Automation;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Setup;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>
    /// A role's permission rows (module, function, Add/Edit/Delete/Inquire levels) in the UI's order, read
    /// with one paged list call. Rows that are None on all four levels are hidden unless -All.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CwSecurityRolePermission")]
    [OutputType(typeof(SecurityRoleSetting))]
    public sealed class GetCwSecurityRolePermissionCommand : CwCmdlet
    {
        /// <summary>The role: a SecurityRole (Get-CwSecurityRole), an id or a name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(SecurityRoleNameCompleter))]
        [ValidateCwIdentity(CwIdentityKind.SecurityRole)]
        public object Role { get; set; }

        /// <summary>Only these modules (UI headings such as "Service Desk"); wildcards allowed.</summary>
        [Parameter]
        [SupportsWildcards]
        public string[] Module { get; set; }

        /// <summary>Only these functions (rows such as "Company Maintenance"); wildcards allowed.</summary>
        [Parameter]
        [SupportsWildcards]
        public string[] Function { get; set; }

        /// <summary>Include rows that are None on every level.</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection(Role);
            var modules = Patterns(Module);
            var functions = Patterns(Function);
            try
            {
                var rows = RunAsync(async ct =>
                {
                    var role = await RoleLookup.ResolveAsync(connection.Client, Role, ct).ConfigureAwait(false);
                    return await RoleSettings.ReadAsync(connection.Client, role.Id, ct).ConfigureAwait(false);
                });
                foreach (var row in rows)
                {
                    if (!All && row.IsNone) continue;
                    if (modules != null && !modules.Any(p => p.IsMatch(row.Module))) continue;
                    if (functions != null && !functions.Any(p => p.IsMatch(row.Function))) continue;
                    WriteObject(row);
                }
            }
            catch (Exception e) { WriteCwError(e, Role); }
        }

        static WildcardPattern[] Patterns(string[] values)
            => values == null || values.Length == 0 ? null : values.Select(v => new WildcardPattern(v, WildcardOptions.IgnoreCase)).ToArray();
    }
}
