using System;
using System.Management.Automation;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Setup;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>
    /// Creates an API member (System > Members > API Members > +). Everything is checked before the first
    /// write: identifier and name, that the identifier is free, that the role and each reference exist. What
    /// is not given is discovered: the corporate level, the only location and department, the company's time
    /// zone; when the tenant has several, the error lists the choices.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "CwApiMember", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ApiMember))]
    public sealed class NewCwApiMemberCommand : CwCmdlet
    {
        /// <summary>The Member ID (at most 15 characters: letters, digits, space, '_', '-', '.').</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [Alias("MemberId")]
        public string Identifier { get; set; }

        /// <summary>The member's name (at most 30 characters); default: the identifier.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [PSDefaultValue(Help = "The identifier")]
        public string Name { get; set; }

        /// <summary>The security role: a name, an id or a role object.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Role")]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(SecurityRoleNameCompleter))]
        [ValidateCwIdentity(CwIdentityKind.SecurityRole)]
        public object SecurityRole { get; set; }

        /// <summary>The Level (structure level) by name or id; default: the corporate level.</summary>
        [Parameter]
        [Alias("StructureLevel")]
        [ValidateCwIdentity(CwIdentityKind.Reference)]
        public object Level { get; set; }

        /// <summary>The security location by name or id; default: the default location, else the only location.</summary>
        [Parameter]
        [ValidateCwIdentity(CwIdentityKind.Reference)]
        public object SecurityLocation { get; set; }

        /// <summary>The default location by name or id; default: the security location, else the only location.</summary>
        [Parameter]
        [ValidateCwIdentity(CwIdentityKind.Reference)]
        public object DefaultLocation { get; set; }

        /// <summary>The default department by name or id; default: the only department.</summary>
        [Parameter]
        [Alias("DefaultDepartment")]
        [ValidateCwIdentity(CwIdentityKind.Reference)]
        public object Department { get; set; }

        /// <summary>The time zone by name or id; default: the company's default time zone.</summary>
        [Parameter]
        [ValidateCwIdentity(CwIdentityKind.Reference)]
        public object TimeZone { get; set; }

        [Parameter]
        public string EmailAddress { get; set; }

        [Parameter]
        public string Notes { get; set; }

        protected override void ProcessRecord()
        {
            var spec = new MemberSpec
            {
                Identifier = Identifier,
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
            try
            {
                // Local checks first: a bad identifier or name sends nothing.
                MemberPlanner.ValidateCreate(spec);
            }
            catch (Exception e)
            {
                WriteCwError(e, Identifier);
                return;
            }

            var connection = ResolveConnection();
            var planner = new MemberPlanner(connection.Client);
            MemberPlan plan = null;
            try
            {
                plan = RunAsync(ct => planner.PlanCreateAsync(spec, ct));
            }
            catch (Exception e)
            {
                WriteCwError(e, Identifier);
                return;
            }
            foreach (var line in plan.Decisions) WriteVerbose(line);

            if (!ShouldProcess(plan.Change(connection))) return;
            try
            {
                var created = RunAsync(ct => planner.CreateAsync(plan, ct));
                created.Connection = connection;
                WriteObject(created);
            }
            catch (Exception e) { WriteCwError(e, Identifier); }
        }
    }
}
