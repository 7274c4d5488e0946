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
        [Parameter] [ValidateNotNullOrEmpty] public string RoleName { get; set; }
        /// <summary>The API member's identifier (Member ID) instead of the profile's.</summary>
        [Parameter] [ValidateNotNullOrEmpty] public string Identifier { get; set; }
        /// <summary>The API member's name instead of the profile's.</summary>
        [Parameter] [ValidateNotNullOrEmpty] public string MemberName { get; set; }
        /// <summary>The description to type for the API key instead of the profile's.</summary>
        [Parameter] [ValidateNotNullOrEmpty] public string KeyDescription { get; set; }
        /// <summary>A new member's level (name or id); default: the corporate level.</summary>
        [Parameter] [ValidateNotNull] public object Level { get; set; }
        /// <summary>A new member's security location (name or id); default: the only location.</summary>
        [Parameter] [ValidateNotNull] public object SecurityLocation { get; set; }
        /// <summary>A new member's default location (name or id); default: the security location.</summary>
        [Parameter] [ValidateNotNull] public object DefaultLocation { get; set; }
        /// <summary>A new member's department (name or id); default: the only department.</summary>
        [Parameter] [ValidateNotNull] public object Department { get; set; }
        /// <summary>A new member's time zone (name or id); default: the company's.</summary>
        [Parameter] [ValidateNotNull] public object TimeZone { get; set; }
        /// <summary>A new member's e-mail address.</summary>
        [Parameter] [ValidateNotNullOrEmpty] public string EmailAddress { get; set; }

        /// <summary>The key already made (New-CwApiKey, or an earlier install): verified, no prompt.</summary>
        [Parameter(ParameterSetName = "ApiKey")]
        [ValidateNotNull]
        public CwApiKey ApiKey { get; set; }

        /// <summary>The key already made, as a PSCredential (user name = public key, password = private key): verified, no prompt.</summary>
        [Parameter(ParameterSetName = "KeyPair")]
        [Credential]
        [ValidateNotNull]
        public PSCredential KeyPair { get; set; }

        /// <summary>Also call each endpoint of the profile as the integration in the last step (GET only).</summary>
        [Parameter] public SwitchParameter Live { get; set; }
        /// <summary>How many endpoints are called at once with -Live (default 8).</summary>
        [Parameter] [ValidateRange(1, 64)] public int ThrottleLimit { get; set; } = 8;
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

        const int ProgressId = 4712;

        protected override void BeginProcessing()
        {
            if (PermissionTimeout < TimeSpan.Zero)
                ThrowCwError(CwException.Invalid(ErrorIds.InvalidArgument, "-PermissionTimeout cannot be negative.", PermissionTimeout), PermissionTimeout);
            if (PollInterval < TimeSpan.FromMilliseconds(10))
                ThrowCwError(CwException.Invalid(ErrorIds.InvalidArgument, "-PollInterval must be at least 10 milliseconds (default 5 seconds).", PollInterval), PollInterval);
        }

        protected override void ProcessRecord()
        {
            var profile = Profile.With(RoleName, Identifier, MemberName, KeyDescription);
            var spec = new MemberSpec
            {
                Name = MemberName, EmailAddress = EmailAddress, Level = Level, SecurityLocation = SecurityLocation,
                DefaultLocation = DefaultLocation, Department = Department, TimeZone = TimeZone,
            };
            var connection = ResolveConnection();
            var installer = new IntegrationInstaller(connection, profile, spec);
            try
            {
                installer.Validate();
                // A key given with the wrong shape (a stray newline from copying) is refused now, not after the role and
                // member steps have run and their requests been sent.
                if (KeyPair != null)
                {
                    InputValidator.PublicKey(KeyGuide.PublicKeyOf(KeyPair));
                    InputValidator.PrivateKey(KeyPair.Password);
                }
            }
            catch (CwException e) { ThrowCwError(e, profile); }

            var unattended = NonInteractive || !KeyGuide.CanPrompt(Host);
            var secretName = SecretName ?? "ConnectWise-" + connection.CompanyId + "-" + profile.MemberIdentifier.Replace(' ', '_');
            PSCredential keyPair = KeyPair ?? ApiKey?.Credential;
            var fromVault = false;
            if (keyPair == null && Vault != null)
            {
                keyPair = ReadVault(secretName);
                fromVault = keyPair != null;
            }

            InstallPlan plan;
            try { plan = RunAsync(ct => installer.ReadAsync(keyPair == null ? null : KeyGuide.PublicKeyOf(keyPair), keyPair?.Password, Live, ThrottleLimit, ct)); }
            catch (PipelineStoppedException) { throw; }
            catch (Exception e) { ThrowCwError(e, profile); return; }
            foreach (var s in plan.Steps) WriteVerbose("Plan: " + s);

            if (!ShouldProcess(connection + ": " + profile.Name + " (role '" + profile.RoleName + "', API member '" + profile.MemberIdentifier + "')",
                "Install the integration: " + string.Join(" | ", plan.Steps.Where(s => s.State != InstallStepState.Done).Select(s => s.Number + ". " + s.Name + ": " + s.Detail))))
            {
                WriteObject(plan);
                return;
            }

            var result = new IntegrationInstallResult { Profile = profile.Name, Tenant = connection.ToString(), Steps = installer.Steps };
            var current = IntegrationInstaller.RoleStep;
            try
            {
                // 1. The role.
                RunAsync(ct => installer.EnsureRoleAsync(ct));
                result.Role = installer.Role;
                WriteVerbose(installer.Step(current).ToString());

                // 2. Its permissions (guided).
                current = IntegrationInstaller.PermissionStep;
                if (!installer.PermissionsDone)
                {
                    var checklist = PermissionGuide.Build(installer.Role.Name, installer.Watcher.Current);
                    var lines = PermissionGuide.Describe(installer.Role.Name, checklist);
                    if (unattended)
                    {
                        result.Checklist = checklist;
                        Stop(result, installer, current, string.Join(Environment.NewLine, lines.Where(l => !l.StartsWith("Watching", StringComparison.Ordinal))) + Environment.NewLine +
                            "Then run Install-CwIntegration again: it picks up from what the tenant shows.");
                        return;
                    }
                    foreach (var line in lines) WriteInformation(new HostInformationMessage { Message = line }, new[] { "PSHOST" });
                    foreach (var item in checklist) WriteInformation(item, new[] { WaitCwSecurityRolePermissionCommand.ChecklistTag });
                    var activity = "Waiting for the permissions of security role '" + installer.Role.Name + "' (" + profile.Name + ")";
                    var watch = RunAsync(ct => installer.Watcher.WaitAsync(PollInterval, PermissionTimeout, p => ClientLog.Progress(p.ToProgressRecord(ProgressId, activity)), ct));
                    WriteProgress(new ProgressRecord(ProgressId, activity, "Done") { RecordType = ProgressRecordType.Completed });
                    if (!watch.Done)
                        throw new CwException(ErrorIds.WaitTimeout, ErrorCategory.OperationTimeout,
                            "Security role '" + installer.Role.Name + "' did not get the permission levels of " + profile.Name + " within " + PermissionTimeout +
                            ". Still to change: " + PermissionGuide.Remaining(watch.Comparison) + ". Set them and run Install-CwIntegration again.", installer.Role);
                    installer.DescribePermissions();
                }
                WriteVerbose(installer.Step(current).ToString());

                // 3. The API member.
                current = IntegrationInstaller.MemberStep;
                RunAsync(ct => installer.EnsureMemberAsync(ct));
                result.ApiMember = installer.Member;
                WriteVerbose(installer.Step(current).ToString());

                // 4. The key (guided, or given).
                current = IntegrationInstaller.KeyStep;
                var key = Key(installer, keyPair, unattended, result, fromVault);
                if (key == null) return;
                result.ApiKey = key;
                if (Vault != null && !fromVault) Store(key, secretName);
                WriteVerbose(installer.Step(current).ToString());

                // 5. Verified with the key, in the same sign-in as step 4.
                current = IntegrationInstaller.VerifyStep;
                result.Verification = installer.Verification;
                if (Live) WriteProgress(new ProgressRecord(0x0C57, "Probing the integration's endpoints", "Done") { RecordType = ProgressRecordType.Completed });
                result.VendorValues = installer.VendorValues(key);
                if (!result.Verification.InDesiredState)
                    throw new CwException(ErrorIds.IntegrationNotInDesiredState, ErrorCategory.InvalidResult,
                        profile.Name + ": verified with the integration's key, the integration is not in the desired state: " + result.Verification.Summary +
                        ". Compare with Test-CwIntegrationPermission -Profile " + profile.Name + " -ApiKey $result.ApiKey, fix the role in the web UI, and run Install-CwIntegration again.", result.Verification);
                result.Status = InstallStatus.Complete;
                WriteVerbose(installer.Step(current).ToString());
                WriteObject(result);
            }
            catch (PipelineStoppedException) { throw; }
            catch (Exception e)
            {
                if (installer.Steps[current - 1].State != InstallStepState.Failed)
                    installer.Set(current, InstallStepState.Failed, e is CwException cw ? cw.Message : e.Message);
                result.Status = InstallStatus.Failed;
                result.Role = result.Role ?? installer.Role;
                result.ApiMember = result.ApiMember ?? installer.Member;
                if (result.VendorValues.Count == 0) result.VendorValues = installer.VendorValues(result.ApiKey);
                WriteObject(result);
                WriteCwError(e, profile);
            }
        }

        /// <summary>Step 4: the key given (or from the vault) verified; else at a prompt captured and verified (three tries); else the instructions.</summary>
        CwApiKey Key(IntegrationInstaller installer, PSCredential given, bool unattended, IntegrationInstallResult result, bool fromVault)
        {
            var member = installer.Member;
            if (installer.VerifiedKey != null) return installer.VerifiedKey;
            if (given != null)
            {
                WriteVerbose("Verifying the key " + (fromVault ? "from vault '" + Vault + "'" : "given") + " (public key '" + KeyGuide.PublicKeyOf(given) + "') for API member '" + member.Identifier + "'.");
                return RunAsync(ct => installer.VerifyKeyAsync(KeyGuide.PublicKeyOf(given), given.Password, Live, ThrottleLimit, ct));
            }
            if (unattended)
            {
                Stop(result, installer, IntegrationInstaller.KeyStep,
                    "The API cannot list or create API keys, so this run cannot tell whether '" + member.Identifier + "' has one: if you made one already, run again with -KeyPair (or -ApiKey, or -Vault where it was stored); otherwise:" + Environment.NewLine +
                    KeyGuide.Instructions(member.Identifier, installer.KeyDescription, installer.Site, unattended: true, rerun: "Install-CwIntegration"));
                return null;
            }
            for (var attempt = 1; ; attempt++)
            {
                var captured = KeyGuide.Capture(Host, member.Identifier, installer.KeyDescription, installer.Site);
                try
                {
                    return RunAsync(ct => installer.VerifyKeyAsync(KeyGuide.PublicKeyOf(captured), captured.Password, Live, ThrottleLimit, ct));
                }
                catch (CwException e) when (attempt < NewCwApiKeyCommand.MaxPromptAttempts && KeyGuide.IsRetryable(e))
                {
                    WriteWarning(e.Message + " Try again (attempt " + (attempt + 1) + " of " + NewCwApiKeyCommand.MaxPromptAttempts + ").");
                }
            }
        }

        /// <summary>A guided step with nobody to do it: the result carries the instructions (a warning says so); not an error, so a job can tell it from a failure.</summary>
        void Stop(IntegrationInstallResult result, IntegrationInstaller installer, int step, string instructions)
        {
            installer.Step(step).Detail = "Waiting for a person in the web UI: " + installer.Step(step).Detail;
            result.Status = InstallStatus.ManualStepRequired;
            result.Instructions = instructions;
            result.Role = installer.Role;
            result.ApiMember = installer.Member;
            result.VendorValues = installer.VendorValues(null);
            WriteWarning(installer.Profile.Name + ": step " + step + " (" + installer.Step(step).Name + ") needs a person in the web UI; see the result's Instructions, then run Install-CwIntegration again.");
            WriteObject(result);
        }

        PSCredential ReadVault(string name)
        {
            if (InvokeCommand.GetCommand("Get-Secret", CommandTypes.Cmdlet | CommandTypes.Function | CommandTypes.Alias) == null)
                ThrowCwError(new CwException(ErrorIds.SecretManagementMissing, ErrorCategory.NotInstalled,
                    "-Vault needs Get-Secret and Set-Secret from Microsoft.PowerShell.SecretManagement, which is not available. Install it and register a vault, or leave -Vault out.", Vault), Vault);
            try
            {
                var found = InvokeCommand.InvokeScript("param($Name, $Vault) Get-Secret -Name $Name -Vault $Vault -ErrorAction Stop", name, Vault);
                var credential = found.Select(o => o?.BaseObject).OfType<PSCredential>().FirstOrDefault();
                WriteVerbose(credential != null ? "Read the key from secret '" + name + "' in vault '" + Vault + "'." : "Secret '" + name + "' in vault '" + Vault + "' is not a PSCredential; ignoring it.");
                return credential;
            }
            catch (PipelineStoppedException) { throw; }
            catch (Exception)
            {
                WriteVerbose("No secret '" + name + "' in vault '" + Vault + "': the key step is guided.");
                return null;
            }
        }

        void Store(CwApiKey key, string name)
        {
            if (InvokeCommand.GetCommand("Set-Secret", CommandTypes.Cmdlet | CommandTypes.Function | CommandTypes.Alias) == null)
            {
                WriteCwError(new CwException(ErrorIds.SecretManagementMissing, ErrorCategory.NotInstalled,
                    "-Vault needs Set-Secret from Microsoft.PowerShell.SecretManagement, which is not available; the key is in the result (ApiKey).", Vault), Vault);
                return;
            }
            try
            {
                InvokeCommand.InvokeScript("param($Name, $Secret, $Vault) Set-Secret -Name $Name -Secret $Secret -Vault $Vault -ErrorAction Stop", name, key.Credential, Vault);
                WriteVerbose("Stored the key as secret '" + name + "' in vault '" + Vault + "'.");
            }
            catch (PipelineStoppedException) { throw; }
            catch (Exception e)
            {
                WriteCwError(new CwException(ErrorIds.SecretStoreFailed, ErrorCategory.WriteError,
                    "Set-Secret could not store the key as '" + name + "' in vault '" + Vault + "': " + e.Message + " The key is in the result (ApiKey).", name), name);
            }
        }
    }
}
