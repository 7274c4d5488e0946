using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Setup;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>
    /// Security roles of the tenant: all, by name (wildcards: <c>name like</c>; exact names: <c>name =</c>,
    /// all names in one request) or by id. Each role carries its Connection, so pipelines keep the tenant.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CwSecurityRole", DefaultParameterSetName = NameSet)]
    [OutputType(typeof(SecurityRole))]
    public sealed class GetCwSecurityRoleCommand : CwCmdlet
    {
        const string NameSet = "Name";
        const string IdSet = "Id";

        /// <summary>Role names; <c>*</c> is a wildcard. None: every role.</summary>
        [Parameter(Position = 0, ParameterSetName = NameSet, ValueFromPipeline = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(SecurityRoleNameCompleter))]
        public string[] Name { get; set; }

        /// <summary>Role ids.</summary>
        [Parameter(Mandatory = true, ParameterSetName = IdSet)]
        [ValidateRange(1, int.MaxValue)]
        public int[] Id { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            if (ParameterSetName == IdSet)
            {
                foreach (var id in Id)
                {
                    try { Emit(RunAsync(ct => RoleLookup.GetByIdAsync(connection.Client, id, ct)), connection); }
                    catch (Exception e) { WriteCwError(e, id); }
                }
                return;
            }

            (List<SecurityRole> Roles, List<string> Missing) found;
            try { found = RunAsync(ct => RoleLookup.ListAsync(connection.Client, Name, ct)); }
            catch (Exception e) { WriteCwError(e, Name); return; }
            foreach (var role in found.Roles) Emit(role, connection);
            foreach (var name in found.Missing)
                WriteCwError(new CwException(ErrorIds.NotFound, ErrorCategory.ObjectNotFound,
                    "There is no security role named '" + name + "' on " + connection + ". Get-CwSecurityRole lists the roles; New-CwSecurityRole creates one.", name), name);
        }

        void Emit(SecurityRole role, CwConnection connection)
        {
            role.Connection = connection;
            WriteObject(role);
        }
    }
}
