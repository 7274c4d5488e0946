using System;
using System.Management.Automation;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Setup;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>
    /// The guided API key step (ConnectWise's API cannot create keys): says exactly where to click and what
    /// description to type, takes the public and private key through the host's secure credential prompt (or
    /// -KeyPair), proves with the key itself that it signs in as this member and that the member is active, and
    /// writes a CwApiKey. -Vault stores it with SecretManagement's Set-Secret. With nobody to prompt and no
    /// -KeyPair it stops with CwManualStepRequired, whose message carries the instructions.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "CwApiKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(CwApiKey))]
    public sealed class NewCwApiKeyCommand : CwCmdlet
    {
        /// <summary>The member: an object (Get-CwApiMember), an id or an identifier.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [Alias("Identifier", "Member")]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(ApiMemberIdentifierCompleter))]
        public object ApiMember { get; set; }

        /// <summary>The description to type in the API Keys tab; default: the member's name.</summary>
        [Parameter(Position = 1)]
        [PSDefaultValue(Help = "The API member's name")]
        public string Description { get; set; }

        /// <summary>For unattended runs: the key already made (user name = public key, password = private key).</summary>
        [Parameter]
        [Credential]
        public PSCredential KeyPair { get; set; }

        /// <summary>Store the key (a PSCredential) in this SecretManagement vault with Set-Secret.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Vault { get; set; }

        /// <summary>The secret's name in the vault; default: ConnectWise-{CompanyId}-{member identifier}.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [PSDefaultValue(Help = "ConnectWise-{CompanyId}-{member identifier}")]
        public string SecretName { get; set; }

        /// <summary>How many times the key is asked for at a prompt before giving up.</summary>
        internal const int MaxPromptAttempts = 3;

        protected override void ProcessRecord()
        {
            if (Description != null && (Description.Trim().Length == 0 || HasControl(Description)))
                ThrowCwError(CwException.Invalid(ErrorIds.InvalidArgument, "-Description must be text on one line (it is typed in the API Keys tab).", Description), Description);
            if (Vault != null && InvokeCommand.GetCommand("Set-Secret", CommandTypes.Cmdlet | CommandTypes.Function | CommandTypes.Alias) == null)
                ThrowCwError(new CwException(ErrorIds.SecretManagementMissing, ErrorCategory.NotInstalled,
                    "-Vault needs Set-Secret from Microsoft.PowerShell.SecretManagement, which is not available. Install-Module Microsoft.PowerShell.SecretManagement (and a vault such as Microsoft.PowerShell.SecretStore), register the vault, or leave -Vault out.", Vault), Vault);

            if (KeyPair != null)
            {
                // The key's shape is known without the tenant: refuse it before the member lookup sends anything.
                try
                {
                    InputValidator.PublicKey(KeyGuide.PublicKeyOf(KeyPair));
                    InputValidator.PrivateKey(KeyPair.Password);
                }
                catch (CwException e) { ThrowCwError(e, ApiMember); }
            }

            var connection = MemberConnection.For(this, Connection, ApiMember);
            ApiMember member = null;
            try
            {
                member = RunAsync(ct => MemberLookup.ResolveAsync(connection.Client, ApiMember, ct));
                if (member.InactiveFlag) throw KeyVerifier.Inactive(member);
            }
            catch (PipelineStoppedException) { throw; }
            catch (Exception e)
            {
                WriteCwError(e, ApiMember);
                return;
            }

            var description = Description?.Trim() ?? (string.IsNullOrWhiteSpace(member.Name) ? member.Identifier : member.Name);
            var site = connection.SiteUrl ?? connection.Server;
            if (!ShouldProcess(ChangeText.GuideKey(connection, member, description))) return;

            // At a prompt, a mistyped or wrong key gets a warning and another prompt (the web UI still shows the key
            // until its screen is closed); unattended (-KeyPair) it is an error at once.
            CwApiKey apiKey = null;
            for (var attempt = 1; apiKey == null; attempt++)
            {
                PSCredential key = KeyPair;
                if (key == null)
                {
                    try { key = KeyGuide.Capture(Host, member.Identifier, description, site); }
                    catch (PipelineStoppedException) { throw; }
                    catch (Exception e) { ThrowCwError(e, member.Identifier); }
                }
                var publicKey = KeyGuide.PublicKeyOf(key);
                try
                {
                    WriteVerbose("Verifying the key with public key '" + publicKey + "' for API member '" + member.Identifier + "'.");
                    apiKey = RunAsync(ct => KeyVerifier.VerifyAsync(connection, member, description, publicKey, key.Password, ct));
                }
                catch (PipelineStoppedException) { throw; }
                catch (CwException e) when (KeyPair == null && attempt < MaxPromptAttempts && KeyGuide.IsRetryable(e))
                {
                    WriteWarning(e.Message + " Try again (attempt " + (attempt + 1) + " of " + MaxPromptAttempts + ").");
                }
                catch (Exception e)
                {
                    WriteCwError(e, member.Identifier);
                    return;
                }
            }
            WriteVerbose("The key with public key '" + apiKey.PublicKey + "' signs in as API member '" + member.Identifier + "', which is active.");

            // The key is written even when storing fails: its private key cannot be shown again in the web UI.
            WriteObject(apiKey);
            if (Vault != null) Store(apiKey);
        }

        private void Store(CwApiKey apiKey)
        {
            var name = SecretName ?? "ConnectWise-" + apiKey.CompanyId + "-" + apiKey.Member.Identifier.Replace(' ', '_');
            try
            {
                InvokeCommand.InvokeScript("param($Name, $Secret, $Vault) Set-Secret -Name $Name -Secret $Secret -Vault $Vault -ErrorAction Stop",
                    name, apiKey.Credential, Vault);
                WriteVerbose("Stored the key as secret '" + name + "' in vault '" + Vault + "' (a PSCredential: user name = public key, password = private key).");
            }
            catch (PipelineStoppedException) { throw; }
            catch (Exception e)
            {
                var reason = e is RuntimeException rt && rt.ErrorRecord != null ? rt.ErrorRecord.ToString() : e.Message;
                WriteCwError(new CwException(ErrorIds.SecretStoreFailed, ErrorCategory.WriteError,
                    "The key with public key '" + apiKey.PublicKey + "' is valid, but Set-Secret could not store it as '" + name + "' in vault '" + Vault + "': " + reason +
                    " The key was written to the pipeline: store it from there (Set-Secret -Secret $key.Credential).", name), name);
            }
        }

        private static bool HasControl(string s)
        {
            foreach (var c in s) if (char.IsControl(c)) return true;
            return false;
        }
    }
}
