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
            CwConnection admin = null;
            ConnectionOptions options;
            string publicKey;
            VaultKey stored = null;
            if (ParameterSetName == VaultSet)
            {
                admin = ResolveConnection();
                stored = ReadVault();
                publicKey = KeyGuide.PublicKeyOf(stored.Credential);
                options = KeyVerifier.OptionsFor(admin, publicKey, stored.Credential.Password);
            }
            else if (ParameterSetName == CredentialSet)
            {
                admin = ResolveConnection();
                publicKey = KeyGuide.PublicKeyOf(Credential);
                options = KeyVerifier.OptionsFor(admin, publicKey, Credential.Password);
            }
            else
            {
                publicKey = ApiKey.PublicKey;
                options = KeyVerifier.OptionsFor(ApiKey.Server, ApiKey.CompanyId, ApiKey.ClientId, ApiKey.Codebase, null, null, ApiKey.PublicKey, ApiKey.PrivateKey);
                var candidate = Connection ?? CwSession.Current.Connection;
                if (candidate != null && candidate.IsOpen && string.Equals(candidate.CompanyId, ApiKey.CompanyId, StringComparison.OrdinalIgnoreCase) &&
                    string.Equals(candidate.Server, ApiKey.Server, StringComparison.OrdinalIgnoreCase))
                    admin = candidate;
            }

            var result = new CwApiKeyTestResult { PublicKey = publicKey, CompanyId = options.CompanyId, Server = options.Server, TestedAt = DateTime.UtcNow };
            if (stored != null) Age(stored, publicKey, result);
            KeyIdentity identity = null;
            try
            {
                identity = RunAsync(ct => KeyVerifier.IdentifyAsync(options, ct));
                if (!identity.Authenticated)
                {
                    result.IsValid = false;
                    result.Message = "ConnectWise refused the key (" + identity.Failure + "): it was deleted or mistyped, or its member is inactive.";
                    WriteObject(result);
                    return;
                }
                result.IsValid = true;
                result.Member = identity.Member;
                result.EffectiveRightCount = identity.Rights.Count(r => r.AddLevel != PermissionLevel.None || r.EditLevel != PermissionLevel.None || r.DeleteLevel != PermissionLevel.None || r.InquireLevel != PermissionLevel.None);
                if (identity.Member == null)
                {
                    result.Message = "The key signs in, but /system/mySecurity named no member.";
                    WriteObject(result);
                    return;
                }
                var record = ReadMember(identity.Connection, identity.Member.Id, "member record (with the key)", result)
                             ?? (admin != null ? ReadMember(admin, identity.Member.Id, "member record (with the connection)", result) : null);
                if (record != null)
                {
                    if (result.Message != null) result.Message = "The key itself cannot read its member record (" + result.Message + "); the role was read with the connection.";
                    result.IsActive = !record.InactiveFlag;
                    result.SecurityRole = record.SecurityRole;
                    result.Member = new MemberReference { Id = record.Id, Identifier = record.Identifier, Name = record.Name };
                }
                else
                {
                    // ConnectWise does not let an inactive member's key sign in (UNCONFIRMED for every version), so a key that signs in is taken as active.
                    result.IsActive = true;
                    result.Message = "The member record could not be read (" + result.Message + "); the role is unknown. Pass -Connection with an administrator's connection to read it.";
                }
                WriteObject(result);
            }
            catch (Exception e) { WriteCwError(e, publicKey); }
            finally
            {
                if (identity != null) KeyVerifier.Close(identity.Connection);
            }
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

        /// <summary>The key's age from the vault's metadata, when it records when this key (this public key) was made.</summary>
        private void Age(VaultKey stored, string publicKey, CwApiKeyTestResult result)
        {
            result.Source = "vault '" + Vault + "', secret '" + SecretName + "'";
            if (stored.Metadata.TryGetValue(VaultMetadata.PublicKey, out var described) && !string.IsNullOrEmpty(described) &&
                !string.Equals(described, publicKey, StringComparison.Ordinal))
            {
                WriteVerbose("The metadata of secret '" + SecretName + "' describes the key with public key '" + described + "', not the one stored: its age is unknown.");
                return;
            }
            result.CreatedAt = stored.CreatedAt;
            if (stored.CreatedAt == null)
                WriteVerbose("The metadata of secret '" + SecretName + "' does not say when the key was made (New-CwApiKey and Update-CwApiKey record it with -Vault).");
        }

        private ApiMember ReadMember(CwConnection connection, int id, string source, CwApiKeyTestResult result)
        {
            try
            {
                var member = RunAsync(ct => MemberLookup.GetByIdAsync(connection.Client, id, ct));
                result.RoleSource = source;
                return member;
            }
            catch (CwApiException e) when (e.StatusCode == 403 || e.StatusCode == 404)
            {
                WriteVerbose("Reading API member " + id + " (" + source + ") answered " + e.StatusCode + ".");
                result.Message = e.StatusCode == 403 ? "403: the role may not read API members" : "404";
                return null;
            }
        }
    }
}
