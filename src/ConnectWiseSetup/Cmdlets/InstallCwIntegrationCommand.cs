using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;
using ConnectWiseSetup.Setup;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>
    /// Installs a vendor integration from its profile: ensures the security role (automated), guides its permissions
    /// (checklist, then watches the role), ensures the API member with that role (automated), guides the API key
    /// (or takes -KeyPair/-ApiKey/-Vault) and verifies everything with the key. Reads the tenant first and changes
    /// only what differs; -WhatIf shows the plan and sends no write. Unattended (-NonInteractive, or a host that
    /// cannot prompt) it stops at the first guided step not done with Status ManualStepRequired and the instructions;
    /// the next run picks up from what the tenant shows.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Install, "CwIntegration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "Default")]
    [OutputType(typeof(IntegrationInstallResult), typeof(InstallPlan))]
    public sealed class InstallCwIntegrationCommand : CwCmdlet
    {
        /// <summary>What to install: a built-in profile name, a profile object or a profile JSON path; a profile binds from the pipeline (ConvertFrom-CwIntegrationGuide).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ProfileTransformation]
        [ArgumentCompleter(typeof(ProfileNameCompleter))]
        public PermissionProfile Profile { get; set; }

        /// <summary>The security role's name instead of the profile's.</summary>
        [ArgumentCompleter(typeof(SecurityRoleNameCompleter))]
        [Parameter] [PSDefaultValue(Help = "The profile's role name")] [ValidateNotNullOrEmpty] public string RoleName { get; set; }
        /// <summary>The API member's identifier (Member ID) instead of the profile's.</summary>
        [ArgumentCompleter(typeof(ApiMemberIdentifierCompleter))]
        [Parameter] [PSDefaultValue(Help = "The profile's Member ID")] [ValidateNotNullOrEmpty] public string Identifier { get; set; }
        /// <summary>The API member's name instead of the profile's.</summary>
        [Parameter] [PSDefaultValue(Help = "The profile's member name")] [ValidateNotNullOrEmpty] public string MemberName { get; set; }
        /// <summary>The description to type for the API key instead of the profile's.</summary>
        [Parameter] [PSDefaultValue(Help = "The profile's key description")] [ValidateNotNullOrEmpty] public string KeyDescription { get; set; }
        /// <summary>A new member's level (name or id); default: the corporate level.</summary>
        [Parameter] [PSDefaultValue(Help = "The corporate level")] [ValidateNotNull] [ValidateCwIdentity(CwIdentityKind.Reference)] public object Level { get; set; }
        /// <summary>A new member's security location (name or id); default: the only location.</summary>
        [Parameter] [PSDefaultValue(Help = "The only location")] [ValidateNotNull] [ValidateCwIdentity(CwIdentityKind.Reference)] public object SecurityLocation { get; set; }
        /// <summary>A new member's default location (name or id); default: the security location.</summary>
        [Parameter] [PSDefaultValue(Help = "The security location")] [ValidateNotNull] [ValidateCwIdentity(CwIdentityKind.Reference)] public object DefaultLocation { get; set; }
        /// <summary>A new member's department (name or id); default: the only department.</summary>
        [Parameter] [PSDefaultValue(Help = "The only department")] [ValidateNotNull] [ValidateCwIdentity(CwIdentityKind.Reference)] public object Department { get; set; }
        /// <summary>A new member's time zone (name or id); default: the company's.</summary>
        [Parameter] [PSDefaultValue(Help = "The company's time zone")] [ValidateNotNull] [ValidateCwIdentity(CwIdentityKind.Reference)] public object TimeZone { get; set; }
        /// <summary>A new member's e-mail address.</summary>
        [Parameter] [ValidateNotNullOrEmpty] public string EmailAddress { get; set; }

        /// <summary>The key already made (New-CwApiKey, or an earlier install): verified, no prompt.</summary>
        [Parameter(ParameterSetName = "ApiKey")]
        [ApiKeyTransformation(false)]
        [ValidateNotNull]
        public CwApiKey ApiKey { get; set; }

        /// <summary>The key already made, as a PSCredential (user name = public key, password = private key): verified, no prompt.</summary>
        [Parameter(ParameterSetName = "KeyPair")]
        [ApiKeyTransformation]
        [ValidateNotNull]
        public PSCredential KeyPair { get; set; }

        /// <summary>Also call each endpoint of the profile as the integration in the last step (GET only).</summary>
        [Parameter] public SwitchParameter Live { get; set; }
        /// <summary>How many endpoints are called at once with -Live (default 8).</summary>
        [Parameter] [ValidateRange(1, 64)] public int ThrottleLimit { get; set; } = 8;
        /// <summary>You read a profile marked for review (NeedsReview: an import with lines it could not read): install it as it is, without asking.</summary>
        [Parameter] public SwitchParameter Force { get; set; }
        /// <summary>Never prompt or wait: stop at the first guided step not done with Status ManualStepRequired.</summary>
        [Parameter] public SwitchParameter NonInteractive { get; set; }
        /// <summary>How long to watch the role while the permissions are set at a prompt (default 30 minutes).</summary>
        [Parameter] public TimeSpan PermissionTimeout { get; set; } = TimeSpan.FromMinutes(30);
        /// <summary>How often to look at the role while watching (default 5 seconds).</summary>
        [Parameter] public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
        /// <summary>A SecretManagement vault: the key is read from it (Get-Secret) when not given, and stored in it (Set-Secret) when captured.</summary>
        [Parameter] [ValidateNotNullOrEmpty] public string Vault { get; set; }
        /// <summary>The secret's name in the vault; default: ConnectWise-{CompanyId}-{member identifier}, as New-CwApiKey names it.</summary>
        [Parameter] [ValidateNotNullOrEmpty] public string SecretName { get; set; }
        /// <summary>Hand over this existing security role (its exact name) to the integration: the install may then change it although it is not the integration's own (never the Admin role or an administrator-like one).</summary>
        [Parameter] [ValidateNotNullOrEmpty] public string TakeOverRole { get; set; }
        /// <summary>Hand over this existing API member (its exact Member ID) to the integration: the install may then move it to the integration's role (never the member whose key runs the session).</summary>
        [Parameter] [ValidateNotNullOrEmpty] public string TakeOverMember { get; set; }

        protected override void BeginProcessing()
        {
            try
            {
                WatchPace.CheckTimeout("-PermissionTimeout", PermissionTimeout);
                WatchPace.CheckInterval("-PollInterval", PollInterval, "5 seconds");
            }
            catch (CwException e) { ThrowCwError(e, e.TargetObject); }
        }

        protected override void ProcessRecord()
        {
            var profile = Profile.With(RoleName, Identifier, MemberName, KeyDescription);
            var spec = new MemberSpec
            {
                Name = MemberName, EmailAddress = EmailAddress, Level = Level, SecurityLocation = SecurityLocation,
                DefaultLocation = DefaultLocation, Department = Department, TimeZone = TimeZone,
            };
            var options = new InstallOptions
            {
                KeyPair = KeyPair ?? ApiKey?.Credential, Live = Live, ThrottleLimit = ThrottleLimit,
                PermissionTimeout = PermissionTimeout, PollInterval = PollInterval, SecretName = SecretName, Reviewed = Force,
                TakeOverRole = TakeOverRole, TakeOverMember = TakeOverMember,
            };
            var installer = new IntegrationInstaller(ResolveConnection(), profile, spec, options);
            try
            {
                installer.Validate();
                if (Vault != null) SecretVault.EnsureAvailable(this, Vault);
            }
            catch (CwException e) { ThrowCwError(e, profile); }
            var host = new CmdletSetupHost(this, NonInteractive, Vault);

            InstallPlan plan = null;
            try { plan = RunAsync(ct => installer.PlanAsync(host, ct), () => SayStopped(installer)); }
            catch (Exception e) { ThrowCwError(e, profile); }
            foreach (var step in plan.Steps) WriteVerbose("Plan: " + step);

            // -WhatIf says the plan once, as the object (its view at a prompt, its Steps and Blocking in a script), not also as "What if:" text.
            if (WhatIfActive() || !ShouldProcess(plan.Describe(), plan.Describe() + Environment.NewLine + "Install it?", ChangeText.Caption))
            {
                WriteObject(plan);
                return;
            }

            IntegrationInstallResult result = null;
            try { result = RunAsync(ct => installer.ApplyAsync(host, ct), () => SayStopped(installer)); }
            catch (Exception e) { ThrowCwError(e, profile); }
            WriteObject(result);
            foreach (var e in result.Errors) WriteCwError(e, result.ApiKey);
            if (result.Error != null) WriteCwError(result.Error, profile);
        }

        /// <summary>
        /// Ctrl+C: what exists now and that running it again resumes, written on the pipeline thread as the run ends, straight to the
        /// host (a stopping pipeline takes no more records).
        /// </summary>
        void SayStopped(IntegrationInstaller installer)
        {
            foreach (var line in installer.StoppedNote()) Host?.UI?.WriteWarningLine(line);
        }
    }
}
