using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;

namespace ConnectWiseSetup.Setup
{
    /// <summary>
    /// Test-CwApiKey's engine: tests a key with the key itself (a refused key is a result, not an error), which member it signs
    /// in as, whether that member is active, and its role (the member record read with the key, or else with an administrator's
    /// connection of the same tenant); for a key from a vault, its age from the secret's metadata. Writes verbose lines through
    /// <see cref="ClientLog"/>.
    /// </summary>
    internal static class KeyTester
    {
        /// <summary>Where a key to test came from: its sign-in options, and what else is known of it.</summary>
        internal sealed class KeyUnderTest
        {
            public ConnectionOptions Options { get; set; }
            public string PublicKey { get; set; }
            /// <summary>An administrator's connection to the key's tenant (reads the member record when the key cannot), or null.</summary>
            public CwConnection Admin { get; set; }
            /// <summary>The vault's secret the key was read from, or null.</summary>
            public VaultKey Stored { get; set; }
            public string Vault { get; set; }
            public string SecretName { get; set; }
        }

        public static async Task<CwApiKeyTestResult> TestAsync(KeyUnderTest key, CancellationToken ct)
        {
            var options = key.Options;
            var result = new CwApiKeyTestResult { PublicKey = key.PublicKey, CompanyId = options.CompanyId, Server = ErrorMapping.WithoutUserInfo(options.Server), TestedAt = DateTime.UtcNow };
            if (key.Stored != null) Age(key, result);
            KeyIdentity identity = null;
            try
            {
                identity = await KeyVerifier.IdentifyAsync(options, ct).ConfigureAwait(false);
                if (!identity.Authenticated)
                {
                    result.IsValid = false;
                    result.Message = "ConnectWise refused the key (" + identity.Failure + "): it was deleted or mistyped, or its member is inactive.";
                    return result;
                }
                result.IsValid = true;
                result.Member = identity.Member;
                result.EffectiveRightCount = identity.Rights.Count(r => !r.IsNone);
                if (identity.Member == null)
                {
                    result.Message = "The key signs in, but /system/mySecurity named no member.";
                    return result;
                }
                var record = await ReadMemberAsync(identity.Connection, identity.Member.Id, "member record (with the key)", result, ct).ConfigureAwait(false)
                             ?? (key.Admin != null ? await ReadMemberAsync(key.Admin, identity.Member.Id, "member record (with the connection)", result, ct).ConfigureAwait(false) : null);
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
                return result;
            }
            finally
            {
                if (identity != null) KeyVerifier.Close(identity.Connection);
            }
        }

        /// <summary>The key's age from the vault's metadata, when it records when this key (this public key) was made.</summary>
        private static void Age(KeyUnderTest key, CwApiKeyTestResult result)
        {
            var stored = key.Stored;
            result.Source = "vault '" + key.Vault + "', secret '" + key.SecretName + "'";
            if (stored.Metadata.TryGetValue(VaultMetadata.PublicKey, out var described) && !string.IsNullOrEmpty(described) &&
                !string.Equals(described, key.PublicKey, StringComparison.Ordinal))
            {
                ClientLog.Verbose("The metadata of secret '" + key.SecretName + "' describes the key with public key '" + described + "', not the one stored: its age is unknown.");
                result.AgeUnknownReason = "the vault's metadata describes another key than the one stored";
                return;
            }
            result.CreatedAt = stored.CreatedAt;
            if (stored.CreatedAt == null)
            {
                ClientLog.Verbose("The metadata of secret '" + key.SecretName + "' does not say when the key was made (New-CwApiKey and Update-CwApiKey record it with -Vault).");
                result.AgeUnknownReason = "the vault does not say when this key was made";
            }
            else if (result.Age == null)
            {
                // A date in the future: a clock set ahead where the key was stored, or edited metadata. Never a negative age.
                result.AgeUnknownReason = "the vault dates this key " + stored.CreatedAt.Value.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) +
                                          " UTC, later than now (" + result.TestedAt.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC), so its age is unknown";
                ClientLog.Warning("Secret '" + key.SecretName + "': " + result.AgeUnknownReason + ". Check the clock of the computer that stored it; Update-CwApiKey -Vault records a new date.");
            }
        }

        private static async Task<ApiMember> ReadMemberAsync(CwConnection connection, int id, string source, CwApiKeyTestResult result, CancellationToken ct)
        {
            try
            {
                var member = await MemberLookup.GetByIdAsync(connection.Client, id, ct).ConfigureAwait(false);
                result.RoleSource = source;
                return member;
            }
            catch (CwApiException e) when (e.StatusCode == 403 || e.StatusCode == 404)
            {
                ClientLog.Verbose("Reading API member " + id + " (" + source + ") answered " + e.StatusCode + ".");
                result.Message = e.StatusCode == 403 ? "403: the role may not read API members" : "404";
                return null;
            }
        }
    }
}
