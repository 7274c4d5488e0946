using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security;
using System.Threading.Tasks;
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
        [ValidateCwIdentity(CwIdentityKind.ApiMember)]
        public object ApiMember { get; set; }

        /// <summary>The description to type in the API Keys tab; default: the member's name.</summary>
        [Parameter(Position = 1)]
        [PSDefaultValue(Help = "The API member's name")]
        public string Description { get; set; }

        /// <summary>For unattended runs: the key already made (user name = public key, password = private key).</summary>
        [Parameter]
        [ApiKeyTransformation]
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

        protected override void ProcessRecord()
        {
            try
            {
                // The names rule: the description is typed in the API Keys tab, the secret name written to the vault.
                if (Description != null) InputValidator.Name(NameKind.KeyDescription, Description);
                if (SecretName != null) InputValidator.Name(NameKind.SecretName, SecretName);
                if (Vault != null) SecretVault.EnsureAvailable(this, Vault);
                // The key's shape is known without the tenant: refuse it before the member lookup sends anything.
                KeyCapture.ValidateShape(KeyPair);
            }
            catch (CwException e) { ThrowCwError(e, e.TargetObject ?? ApiMember); }

            var connection = MemberConnection.For(this, Connection, ApiMember);
            ApiMember member = null;
            try
            {
                member = RunAsync(ct => MemberLookup.ResolveAsync(connection.Client, ApiMember, ct));
                if (member.InactiveFlag) throw KeyVerifier.Inactive(member);
            }
            catch (Exception e)
            {
                WriteCwError(e, ApiMember);
                return;
            }

            var description = Description?.Trim() ?? (string.IsNullOrWhiteSpace(member.Name) ? member.Identifier : member.Name);
            if (!ShouldProcess(ChangeText.GuideKey(connection, member, description))) return;

            var host = new CmdletSetupHost(this, nonInteractive: false, vault: Vault);
            CwApiKey apiKey;
            try
            {
                var site = connection.SiteUrl ?? connection.Server;
                apiKey = RunAsync(async ct =>
                {
                    Func<string, SecureString, Task<CwApiKey>> verify = (publicKey, privateKey) =>
                    {
                        ClientLog.Verbose("Verifying the key with public key '" + publicKey + "' for API member '" + member.Identifier + "'.");
                        return KeyVerifier.VerifyAsync(connection, member, description, publicKey, privateKey, ct);
                    };
                    // Unattended (-KeyPair) a wrong key is an error at once; at a prompt it gets a warning and another prompt.
                    return await KeyCapture.ObtainAsync(host, KeyPair, member.Identifier, description, site, "New-CwApiKey", verify, ct).ConfigureAwait(false)
                        ?? throw KeyCapture.NobodyToAsk(host, member.Identifier, description, site, "New-CwApiKey");
                });
            }
            catch (CwException e) when (e.ErrorId == ErrorIds.ManualStepRequired) { ThrowCwError(e, member.Identifier); return; }
            catch (Exception e)
            {
                WriteCwError(e, member.Identifier);
                return;
            }
            WriteVerbose("The key with public key '" + apiKey.PublicKey + "' signs in as API member '" + member.Identifier + "', which is active.");

            // The key is written even when storing fails: its private key cannot be shown again in the web UI.
            WriteObject(apiKey);
            if (Vault == null) return;
            var name = SecretName ?? VaultMetadata.DefaultSecretName(apiKey.CompanyId, apiKey.Member.Identifier);
            try
            {
                RunAsync(ct => host.Vault.StoreAsync(name, apiKey.Credential, VaultMetadata.Of(apiKey), ct));
            }
            catch (CwException e) { WriteCwError(e, name); }
        }
    }
}
