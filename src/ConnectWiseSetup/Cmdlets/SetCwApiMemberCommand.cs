using System;
using System.Linq;
using System.Management.Automation;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Setup;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>
    /// Changes an API member: PATCHes only the fields given that differ from the member's current record
    /// (most often the security role). A member already as asked gets no request beyond the reads.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "CwApiMember", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ApiMember))]
    public sealed class SetCwApiMemberCommand : CwCmdlet
    {
        /// <summary>The member: an object (Get-CwApiMember), an id or an identifier.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [Alias("Identifier")]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(ApiMemberIdentifierCompleter))]
        [ValidateCwIdentity(CwIdentityKind.ApiMember)]
        public object ApiMember { get; set; }

        [Parameter]
        public string Name { get; set; }

        /// <summary>The new role: a name, an id or a role object.</summary>
        [Parameter]
        [Alias("Role")]
        [ArgumentCompleter(typeof(SecurityRoleNameCompleter))]
        [ValidateCwIdentity(CwIdentityKind.SecurityRole)]
        public object SecurityRole { get; set; }

        [Parameter]
        [Alias("StructureLevel")]
        [ValidateCwIdentity(CwIdentityKind.Reference)]
        public object Level { get; set; }

        [Parameter]
        [ValidateCwIdentity(CwIdentityKind.Reference)]
        public object SecurityLocation { get; set; }

        [Parameter]
        [ValidateCwIdentity(CwIdentityKind.Reference)]
        public object DefaultLocation { get; set; }

        [Parameter]
        [Alias("DefaultDepartment")]
        [ValidateCwIdentity(CwIdentityKind.Reference)]
        public object Department { get; set; }

        [Parameter]
        [ValidateCwIdentity(CwIdentityKind.Reference)]
        public object TimeZone { get; set; }

        /// <summary>A new address; '' clears it.</summary>
        [Parameter]
        [AllowEmptyString]
        public string EmailAddress { get; set; }

        [Parameter]
        [AllowEmptyString]
        public string Notes { get; set; }

        /// <summary>Write the member as it is afterwards.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var spec = new MemberSpec
            {
                Name = Name,
                EmailAddress = EmailAddress,
                Notes = Notes,
                SecurityRole = SecurityRole,
                Level = Level,
                SecurityLocation = SecurityLocation,
                DefaultLocation = DefaultLocation,
                Department = Department,
                TimeZone = TimeZone,
            };
            try { MemberPlanner.ValidateUpdate(spec); }
            catch (Exception e)
            {
                WriteCwError(e, ApiMember);
                return;
            }

            var connection = MemberConnection.For(this, Connection, ApiMember);
            var planner = new MemberPlanner(connection.Client);
            try
            {
                var current = RunAsync(ct => MemberLookup.ResolveAsync(connection.Client, ApiMember, ct));
                var plan = RunAsync(ct => planner.PlanUpdateAsync(current, spec, ct));
                if (plan.IsEmpty)
                {
                    WriteVerbose("API member '" + current.Identifier + "' is already as asked; nothing to change.");
                    if (PassThru) { current.Connection = connection; WriteObject(current); }
                    return;
                }
                if (!ShouldProcess(plan.Change(connection))) return;
                var updated = RunAsync(ct => planner.UpdateAsync(current.Id, plan.Operations, ct));
                WriteVerbose("Changed API member '" + current.Identifier + "': " + string.Join("; ", plan.Changes) + ".");
                if (PassThru) { updated.Connection = connection; WriteObject(updated); }
            }
            catch (Exception e) { WriteCwError(e, ApiMember); }
        }
    }
}
