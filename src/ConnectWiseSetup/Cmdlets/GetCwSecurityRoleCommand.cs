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

            Conditions conditions;
            var exact = new List<string>();
            try
            {
                var parts = new List<Conditions>();
                foreach (var raw in Name ?? Array.Empty<string>())
                {
                    var name = raw.Trim();
                    if (name.IndexOf('*') >= 0) parts.Add(Conditions.Like("name", name));
                    else { parts.Add(Conditions.Eq("name", name)); exact.Add(name); }
                }
                conditions = parts.Count == 0 ? null : Conditions.Any(parts.ToArray());
            }
            catch (CwException e) { WriteCwError(e, Name); return; }

            List<SecurityRole> roles;
            try
            {
                roles = RunAsync(ct => connection.Client.GetListAsync<SecurityRole>(RoleLookup.RolesPath,
                    new ListQuery { Conditions = conditions?.ToString(), OrderBy = "name" }, ct));
            }
            catch (Exception e) { WriteCwError(e, Name); return; }

            foreach (var role in roles) Emit(role, connection);
            foreach (var name in exact.Where(n => !roles.Any(r => string.Equals(r.Name, n, StringComparison.OrdinalIgnoreCase))))
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
