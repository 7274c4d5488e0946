using System;
using System.Management.Automation;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Permissions;
using ConnectWiseSetup.Setup;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>
    /// Rotates an API member's key, proven at both ends: the old key signs in as the member; a new key (guided, or -KeyPair, or
    /// from -Vault) signs in as the same active member with the same effective rights; the vault gets the new key; the vendor gets its
    /// values; the old key is deleted in the web UI and watched until ConnectWise refuses it. Reads the tenant first and resumes
    /// where a run stopped; ConnectWise is never written, the vault is the only change (-WhatIf shows the steps). Unattended it stops
    /// with Status ManualStepRequired and the instructions; the next run checks again.
    /// </summary>
    [Cmdlet(VerbsData.Update, "CwApiKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(KeyRotationResult), typeof(KeyRotationPlan))]
    public sealed class UpdateCwApiKeyCommand : CwCmdlet
    {
        /// <summary>The member whose key is rotated: an object (Get-CwApiMember), an id or an identifier.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [Alias("Identifier", "Member")]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(ApiMemberIdentifierCompleter))]
        [ValidateCwIdentity(CwIdentityKind.ApiMember)]
        public object ApiMember { get; set; }

        /// <summary>The key being retired (user name = public key, password = private key).</summary>
        [Parameter(Mandatory = true)]
        [ApiKeyTransformation]
        [ValidateNotNull]
        public PSCredential OldKeyPair { get; set; }

        /// <summary>The new key, made in the web UI (user name = public key, password = private key); default: the vault's, or a prompt.</summary>
        [Parameter]
        [ApiKeyTransformation]
        [ValidateNotNull]
        public PSCredential KeyPair { get; set; }

        /// <summary>A SecretManagement vault: the new key is read from it when not given, and replaces the old key there once proven.</summary>
        [Parameter] [ValidateNotNullOrEmpty] public string Vault { get; set; }
        /// <summary>The secret's name in the vault; default: ConnectWise-{CompanyId}-{member identifier}, as New-CwApiKey names it.</summary>
        [Parameter] [ValidateNotNullOrEmpty] public string SecretName { get; set; }
        /// <summary>The description to type for the new key; default: the member's name and today's date.</summary>
        [Parameter] [ValidateNotNullOrEmpty] public string Description { get; set; }

        /// <summary>The integration's profile: its names for the values the vendor's portal asks for.</summary>
        [Parameter]
        [ProfileTransformation]
        [ArgumentCompleter(typeof(ProfileNameCompleter))]
        public PermissionProfile Profile { get; set; }

        /// <summary>Never prompt or watch: stop with Status ManualStepRequired at the first step a person must do.</summary>
        [Parameter] public SwitchParameter NonInteractive { get; set; }
        /// <summary>How often the old key is tried while it is deleted (default 30 seconds).</summary>
        [Parameter] public TimeSpan WatchInterval { get; set; } = KeyRotationOptions.DefaultWatchInterval;
        /// <summary>How long the old key is watched at a prompt (default 30 minutes).</summary>
        [Parameter] public TimeSpan WatchTimeout { get; set; } = TimeSpan.FromMinutes(30);

        protected override void BeginProcessing()
        {
            try
            {
                WatchPace.CheckTimeout("-WatchTimeout", WatchTimeout);
                WatchPace.CheckInterval("-WatchInterval", WatchInterval, "30 seconds");
            }
            catch (CwException e) { ThrowCwError(e, e.TargetObject); }
        }

        protected override void ProcessRecord()
        {
            var connection = MemberConnection.For(this, Connection, ApiMember);
            var rotator = new KeyRotator(connection, ApiMember, new KeyRotationOptions
            {
                OldKeyPair = OldKeyPair, KeyPair = KeyPair, SecretName = SecretName, Description = Description, Profile = Profile,
                WatchInterval = WatchInterval, WatchTimeout = WatchTimeout,
            });
            try
            {
                rotator.Validate();
                if (Vault != null) SecretVault.EnsureAvailable(this, Vault);
            }
            catch (CwException e) { ThrowCwError(e, e.TargetObject ?? ApiMember); }
            var host = new CmdletSetupHost(this, NonInteractive, Vault);

            KeyRotationPlan plan = null;
            try { plan = RunAsync(ct => rotator.PlanAsync(host, ct)); }
            catch (Exception e) { ThrowCwError(e, ApiMember); }
            foreach (var step in plan.Steps) WriteVerbose("Plan: " + step);

            var text = plan.Describe();
            if (!ShouldProcess(text, text + Environment.NewLine + "Rotate it?", "Update-CwApiKey " + plan.ApiMember))
            {
                WriteObject(plan);
                return;
            }

            KeyRotationResult result = null;
            try { result = RunAsync(ct => rotator.ApplyAsync(host, ct)); }
            catch (Exception e) { ThrowCwError(e, ApiMember); }
            WriteObject(result);
            if (result.Error != null) WriteCwError(result.Error, null);
        }
    }
}
