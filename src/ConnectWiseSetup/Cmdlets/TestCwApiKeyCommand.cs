using System;
using System.Linq;
using System.Management.Automation;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;
using ConnectWiseSetup.Setup;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>
    /// Tests an API key with the key itself: whether ConnectWise accepts it (a refused key is a result, not an
    /// error), which member it signs in as, whether that member is active, and its role (from the member
    /// record, read with the key or else with the connection). One result object per key. A key kept in a SecretManagement
    /// vault (-Vault, -SecretName) is read from it, and its age is given when the vault's metadata says when it was made.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "CwApiKey", DefaultParameterSetName = ApiKeySet)]
    [OutputType(typeof(CwApiKeyTestResult))]
    public sealed class TestCwApiKeyCommand : CwCmdlet
    {
        internal const string ApiKeySet = "ApiKey";
        internal const string CredentialSet = "Credential";
        internal const string VaultSet = "Vault";

        /// <summary>A key from New-CwApiKey (it carries its server, company and clientId).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = ApiKeySet)]
        [ApiKeyTransformation(false)]
        [ValidateNotNull]
        public CwApiKey ApiKey { get; set; }

        /// <summary>User name: the public key; password: the private key; on the tenant of -Connection (or the current connection).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = CredentialSet)]
        [ApiKeyTransformation]
        [ValidateNotNull]
        public PSCredential Credential { get; set; }

        /// <summary>A SecretManagement vault holding the key as a PSCredential (with -SecretName), on the tenant of -Connection.</summary>
        [Parameter(Mandatory = true, ParameterSetName = VaultSet)]
        [ValidateNotNullOrEmpty]
        public string Vault { get; set; }

        /// <summary>The secret's name in -Vault (New-CwApiKey and Update-CwApiKey name it ConnectWise-{CompanyId}-{member identifier}).</summary>
        [Parameter(Mandatory = true, ParameterSetName = VaultSet)]
        [ValidateNotNullOrEmpty]
        public string SecretName { get; set; }

        protected override void ProcessRecord()
        {
            var key = new KeyTester.KeyUnderTest();
            if (ParameterSetName == ApiKeySet)
            {
                key.PublicKey = ApiKey.PublicKey;
                key.Options = KeyVerifier.OptionsFor(ApiKey);
                // The member record is read with the connection too when it is open on the key's tenant.
                var candidate = Connection ?? CwSession.Current.Connection;
                if (candidate != null && candidate.IsOpen && string.Equals(candidate.CompanyId, ApiKey.CompanyId, StringComparison.OrdinalIgnoreCase) &&
                    string.Equals(candidate.Server, ApiKey.Server, StringComparison.OrdinalIgnoreCase))
                    key.Admin = candidate;
            }
            else
            {
                key.Admin = ResolveConnection();
                if (ParameterSetName == VaultSet) { key.Stored = ReadVault(); key.Vault = Vault; key.SecretName = SecretName; }
                var credential = key.Stored?.Credential ?? Credential;
                key.PublicKey = KeyInstructions.PublicKeyOf(credential);
                key.Options = KeyVerifier.OptionsFor(key.Admin, key.PublicKey, credential.Password);
            }
            try { WriteObject(RunAsync(ct => KeyTester.TestAsync(key, ct))); }
            catch (Exception e) { WriteCwError(e, key.PublicKey); }
        }

        /// <summary>The key in -Vault's -SecretName; a missing secret or one that is not a key pair is a terminating error.</summary>
        private VaultKey ReadVault()
        {
            VaultKey stored = null;
            try
            {
                SecretVault.EnsureAvailable(this, Vault);
                stored = RunAsync(ct => new SecretVault(Vault).ReadAsync(SecretName, ct));
            }
            catch (Exception e) { ThrowCwError(e, SecretName); }
            if (stored == null)
                ThrowCwError(new CwException(ErrorIds.NotFound, ErrorCategory.ObjectNotFound,
                    "Vault '" + Vault + "' has no secret '" + SecretName + "'. Get-SecretInfo -Vault " + Vault + " lists its secrets.", SecretName), SecretName);
            if (stored.Credential == null)
                ThrowCwError(CwException.Invalid(ErrorIds.InvalidArgument,
                    "Secret '" + SecretName + "' of vault '" + Vault + "' is not a key pair (a PSCredential: user name = public key, password = private key).", SecretName), SecretName);
            return stored;
        }
    }
}
