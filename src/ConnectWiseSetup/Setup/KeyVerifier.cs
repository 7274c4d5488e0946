using System;
using System.Globalization;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;

namespace ConnectWiseSetup.Setup
{
    /// <summary>
    /// Proves an API key with the key itself: a new connection on the same server, company, clientId and codebase
    /// (so /system/info must answer: it authenticates), then /system/mySecurity, whose rows carry the member the key
    /// signs in as. New-CwApiKey, Test-CwApiKey and Install-CwIntegration use it.
    /// </summary>
    internal static class KeyVerifier
    {
        /// <summary>Connection options for a key on the tenant of <paramref name="basis"/> (server, company, clientId, codebase, API version, timeout).</summary>
        public static ConnectionOptions OptionsFor(CwConnection basis, string publicKey, SecureString privateKey)
        {
            var options = OptionsFor(basis.Server, basis.CompanyId, basis.ClientId, basis.Codebase, basis.ApiVersion, (int)Math.Ceiling(basis.Timeout.TotalSeconds), publicKey, privateKey);
            // Same tenant, codebase and version as the connection that is open: the key's first request is its sign-in (no /system/info).
            options.SignInOnFirstRequest = true;
            // The key's connection retries as the connection it comes from (-MaxRetryTimeSec), not with the 60 s default:
            // otherwise a key test under a 5xx storm outlasts the budget the user chose.
            options.Retry = basis.Client.Retry.Clone();
            return options;
        }

        /// <summary>Connection options for a key New-CwApiKey returned (it carries its server, company, clientId and codebase).</summary>
        public static ConnectionOptions OptionsFor(CwApiKey key)
            => OptionsFor(key.Server, key.CompanyId, key.ClientId, key.Codebase, null, null, key.PublicKey, key.PrivateKey);

        public static ConnectionOptions OptionsFor(string server, string companyId, string clientId, string codebase, string apiVersion, int? timeoutSec, string publicKey, SecureString privateKey)
            => new ConnectionOptions
            {
                Server = server,
                CompanyId = companyId,
                ClientId = clientId,
                Codebase = codebase,
                ApiVersion = apiVersion,
                TimeoutSec = timeoutSec,
                PublicKey = publicKey,
                PrivateKey = privateKey,
            };

        /// <summary>
        /// Connects with the key and reads every /system/mySecurity row. A 401 gives <see cref="KeyIdentity.Authenticated"/>
        /// false (not an exception); input errors and other failures are thrown. On success the caller owns (and disposes)
        /// <see cref="KeyIdentity.Connection"/>.
        /// </summary>
        public static async Task<KeyIdentity> IdentifyAsync(ConnectionOptions options, CancellationToken ct)
        {
            CwConnection connection = null;
            try
            {
                // With SignInOnFirstRequest (a key on a tenant already connected to) the mySecurity read is the sign-in itself.
                connection = await CwConnector.ConnectAsync(options, ct).ConfigureAwait(false);
                var rows = await connection.Client.GetListAsync<SecurityRoleSetting>("system/mySecurity", new ListQuery(), ct).ConfigureAwait(false);
                MemberReference member = null;
                foreach (var row in rows)
                    if (row.Member != null && (row.Member.Id > 0 || !string.IsNullOrEmpty(row.Member.Identifier))) { member = row.Member; break; }
                ClientLog.Verbose("The key with public key '" + options.PublicKey + "' signs in as " + (member == null ? "(no mySecurity rows)" : "'" + member.Identifier + "' (id " + member.Id.ToString(CultureInfo.InvariantCulture) + ")") + ".");
                return new KeyIdentity { Authenticated = true, Member = member, Rights = rows, Connection = connection };
            }
            catch (CwApiException e) when (e.ErrorId == ErrorIds.AuthenticationFailed)
            {
                // 401, or the 404 a cloud host answers on the sign-in (ErrorMapping.IsSignInPath)
                Close(connection);
                return new KeyIdentity
                {
                    Authenticated = false,
                    Failure = e.StatusCode == 404 ? "404: cloud hosts answer 404 for a wrong key or company ID"
                        : string.IsNullOrEmpty(e.ApiMessage) ? "401 Unauthorized" : e.ApiMessage,
                };
            }
            catch
            {
                Close(connection);
                throw;
            }
        }

        /// <summary>
        /// Proves that <paramref name="publicKey"/>/<paramref name="privateKey"/> is a key of <paramref name="member"/> on the tenant of
        /// <paramref name="admin"/>, and that the member is active; returns the key as a <see cref="CwApiKey"/>. Refuses the
        /// administrator's own key and another member's key (CwKeyBelongsToAnotherMember), an inactive member
        /// (CwApiMemberInactive) and a key ConnectWise refuses (CwAuthenticationFailed).
        /// </summary>
        /// <param name="whileSignedIn">Optional: work to do with the key's own connection and rows once the key is proven (Install-CwIntegration verifies
        /// the integration with them instead of signing in again); called before the connection is closed.</param>
        /// <param name="memberIsCurrent">The caller read (or wrote) <paramref name="member"/> in this run, so its inactiveFlag is current and is not read again.</param>
        public static async Task<CwApiKey> VerifyAsync(CwConnection admin, ApiMember member, string description, string publicKey, SecureString privateKey, CancellationToken ct,
            Func<KeyIdentity, Task> whileSignedIn = null, bool memberIsCurrent = false)
        {
            if (admin == null) throw new ArgumentNullException(nameof(admin));
            if (member == null) throw new ArgumentNullException(nameof(member));
            InputValidator.PublicKey(publicKey);
            InputValidator.PrivateKey(privateKey);
            if (string.Equals(publicKey, admin.PublicKey, StringComparison.Ordinal)) throw OwnKey(publicKey, member.Identifier);

            var identity = await IdentifyAsync(OptionsFor(admin, publicKey, privateKey), ct).ConfigureAwait(false);
            try
            {
                return await AcceptAsync(admin, member, description, publicKey, privateKey, identity, ct, whileSignedIn, memberIsCurrent).ConfigureAwait(false);
            }
            finally
            {
                Close(identity.Connection);
            }
        }

        /// <summary>
        /// The proof of <see cref="VerifyAsync"/> for a key already signed in (<see cref="IdentifyAsync"/>): the key authenticates, its
        /// mySecurity rows name <paramref name="member"/>, the member is active. The caller owns the identity's connection.
        /// </summary>
        public static async Task<CwApiKey> AcceptAsync(CwConnection admin, ApiMember member, string description, string publicKey, SecureString privateKey, KeyIdentity identity,
            CancellationToken ct, Func<KeyIdentity, Task> whileSignedIn = null, bool memberIsCurrent = false)
        {
            if (!identity.Authenticated)
            {
                var now = await MemberLookup.GetByIdAsync(admin.Client, member.Id, ct).ConfigureAwait(false);
                if (now.InactiveFlag) throw Inactive(now);
                throw new CwException(ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError,
                    "ConnectWise refused the key with public key '" + publicKey + "' for company '" + admin.CompanyId + "' (" + identity.Failure +
                    "). Check that the public and private key are those of the key just created for '" + member.Identifier +
                    "' (the private key is shown once: if it was lost, delete that key and create a new one).", publicKey);
            }
            var who = identity.Member;
            if (who == null)
                throw new CwException(ErrorIds.KeyNotVerified, ErrorCategory.InvalidResult,
                    "The key with public key '" + publicKey + "' signs in, but ConnectWise's /system/mySecurity gave no rows naming its member, so it cannot be proven to be a key of '" +
                    member.Identifier + "'.", publicKey);
            if (!IsOf(identity, member))
                throw new CwException(ErrorIds.KeyBelongsToAnotherMember, ErrorCategory.InvalidArgument,
                    "The key with public key '" + publicKey + "' belongs to member '" + who.Identifier + "' (id " + who.Id.ToString(CultureInfo.InvariantCulture) +
                    "), not to API member '" + member.Identifier + "' (id " + member.Id.ToString(CultureInfo.InvariantCulture) +
                    "). Create the key in the API Keys tab of '" + member.Identifier + "'.", publicKey);

            var current = memberIsCurrent ? member : await MemberLookup.GetByIdAsync(admin.Client, member.Id, ct).ConfigureAwait(false);
            if (current.InactiveFlag) throw Inactive(current);

            var reference = new MemberReference { Id = current.Id, Identifier = current.Identifier, Name = current.Name };
            if (whileSignedIn != null) await whileSignedIn(identity).ConfigureAwait(false);
            return new CwApiKey(reference, description, publicKey, privateKey, admin.Server, admin.CompanyId, admin.ClientId, identity.Connection.Codebase, DateTime.UtcNow);
        }

        /// <summary>The error for the connection's own key given as a key of <paramref name="memberIdentifier"/>.</summary>
        public static CwException OwnKey(string publicKey, string memberIdentifier)
            => new CwException(ErrorIds.KeyBelongsToAnotherMember, ErrorCategory.InvalidArgument,
                "The key with public key '" + publicKey + "' is the key this session is connected with (the administrator's own), not a new key of API member '" +
                memberIdentifier + "'. Create a key in that member's API Keys tab and give that one.", publicKey);

        /// <summary>Whether a signed-in key's mySecurity rows name <paramref name="member"/> (by id, or by identifier when no id is given).</summary>
        public static bool IsOf(KeyIdentity identity, ApiMember member)
        {
            var who = identity?.Member;
            if (who == null || member == null) return false;
            return who.Id > 0 ? who.Id == member.Id : string.Equals(who.Identifier, member.Identifier, StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>The error for an inactive member (its keys cannot sign in).</summary>
        public static CwException Inactive(ApiMember member)
            => new CwException(ErrorIds.ApiMemberInactive, ErrorCategory.InvalidOperation,
                "API member '" + member.Identifier + "' is inactive: its API keys cannot sign in. Make it active again in the web UI (System > Members > API Members > " +
                member.Identifier + ", clear Inactive) or use another member.", member.Identifier);

        public static void Close(CwConnection connection)
        {
            try { connection?.Client.Dispose(); } catch (ObjectDisposedException) { }
        }
    }
}
