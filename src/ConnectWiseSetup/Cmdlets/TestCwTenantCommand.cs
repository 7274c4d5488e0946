using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Permissions;
using ConnectWiseSetup.Setup;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>
    /// Checks a tenant before anything is changed on it, with reads only: the connection, the rights the administrator's key
    /// needs, this server against the module's assumptions and, with -Profile, whether the integration can be installed
    /// (catalogue, role name, member identifier, the member's defaults). One object per Warn or Fail check (with a Fix; every
    /// check with -All), the failures last, then a summary line that counts the passes. A read the key may not do is a Fail. -ReportPath writes what was seen as JSON with nothing secret or personal in it.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "CwTenant")]
    [OutputType(typeof(TenantCheckRow))]
    public sealed class TestCwTenantCommand : CwCmdlet
    {
        /// <summary>Also check that this integration can be installed: a built-in profile name, a profile object or a profile JSON path.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [ProfileTransformation]
        [ArgumentCompleter(typeof(ProfileNameCompleter))]
        public PermissionProfile Profile { get; set; }

        /// <summary>The security role's name instead of the profile's.</summary>
        [Parameter] [ValidateNotNullOrEmpty] [ArgumentCompleter(typeof(SecurityRoleNameCompleter))] [PSDefaultValue(Help = "The profile's role name")]
        public string RoleName { get; set; }
        /// <summary>The API member's identifier instead of the profile's.</summary>
        [Parameter] [ValidateNotNullOrEmpty] [ArgumentCompleter(typeof(ApiMemberIdentifierCompleter))] [PSDefaultValue(Help = "The profile's Member ID")]
        public string Identifier { get; set; }
        /// <summary>A new member's level (name or id), as Install-CwIntegration takes it.</summary>
        [Parameter] [ValidateNotNull] [ValidateCwIdentity(CwIdentityKind.Reference)] public object Level { get; set; }
        /// <summary>A new member's security location (name or id).</summary>
        [Parameter] [ValidateNotNull] [ValidateCwIdentity(CwIdentityKind.Reference)] public object SecurityLocation { get; set; }
        /// <summary>A new member's default location (name or id).</summary>
        [Parameter] [ValidateNotNull] [ValidateCwIdentity(CwIdentityKind.Reference)] public object DefaultLocation { get; set; }
        /// <summary>A new member's department (name or id).</summary>
        [Parameter] [ValidateNotNull] [ValidateCwIdentity(CwIdentityKind.Reference)] public object Department { get; set; }
        /// <summary>A new member's time zone (name or id).</summary>
        [Parameter] [ValidateNotNull] [ValidateCwIdentity(CwIdentityKind.Reference)] public object TimeZone { get; set; }

        /// <summary>Write what was seen as JSON for a bug report (no keys, no names of people or companies).</summary>
        [Parameter] [ValidateNotNullOrEmpty] public string ReportPath { get; set; }
        /// <summary>Replace the -ReportPath file when it exists.</summary>
        [Parameter] public SwitchParameter Force { get; set; }
        /// <summary>Write every check, the passes too (by default only the Warn and Fail checks are written, and the passes counted).</summary>
        [Parameter] public SwitchParameter All { get; set; }

        protected override void ProcessRecord()
        {
            var profile = Profile?.With(RoleName, Identifier);
            var spec = new MemberSpec { Level = Level, SecurityLocation = SecurityLocation, DefaultLocation = DefaultLocation, Department = Department, TimeZone = TimeZone };
            string report = null;
            try
            {
                if (profile != null) new IntegrationInstaller(ResolveConnection(), profile, spec).Validate();
                if (ReportPath != null) report = OutputFile.Resolve(this, ReportPath, "-ReportPath", Force);
            }
            catch (CwException e) { ThrowCwError(e, e.TargetObject ?? profile); }

            var connection = ResolveConnection();
            TenantCheckOutcome outcome = null;
            try { outcome = RunAsync(ct => TenantChecker.TestTenantAsync(connection, profile, spec, ct)); }
            catch (Exception e) { ThrowCwError(e, (object)profile ?? connection); }

            // The answer last: the passes first (with -All), then the warnings, the failures at the end, next to the summary.
            WriteObject(outcome.Checks.Where(c => All || c.Status != TenantCheckStatus.Pass).OrderBy(c => c.Status).ToList(), enumerateCollection: true);
            WriteInformation(new HostInformationMessage { Message = outcome.Summary(connection.ToString(), All) }, new[] { "PSHOST" });
            if (report == null) return;
            File.WriteAllText(report, TenantChecker.ReportJson(connection, outcome, typeof(TenantChecker).Assembly.GetName().Version.ToString()));
            WriteVerbose("Wrote the report to '" + report + "' (no keys, no names of people or companies).");
        }
    }
}
