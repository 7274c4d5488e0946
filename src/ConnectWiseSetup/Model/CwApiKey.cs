using System;
using System.Management.Automation;
using System.Security;

namespace ConnectWiseSetup.Model
{
    /// <summary>
    /// An API key proven to belong to an API member (the output of New-CwApiKey): what a vendor portal
    /// asks for (server, company ID, public and private key) and what Connect-CwManage takes from the
    /// pipeline. The private key lives only in <see cref="PrivateKey"/> (a read-only SecureString) and
    /// <see cref="Credential"/>; <see cref="ToString"/> and every message show the public key only.
    /// </summary>
    public sealed class CwApiKey
    {
        internal CwApiKey(MemberReference member, string description, string publicKey, SecureString privateKey,
            string server, string companyId, string clientId, string codebase, DateTime? verifiedAt)
        {
            Member = member;
            Description = description;
            PublicKey = publicKey;
            var copy = privateKey.Copy();
            copy.MakeReadOnly();
            PrivateKey = copy;
            // Never a URL's user info (user:password@), whoever made the key object: it is printed and kept in files.
            Server = Client.ErrorMapping.WithoutUserInfo(server);
            CompanyId = companyId;
            ClientId = clientId;
            Codebase = codebase;
            VerifiedAt = verifiedAt;
        }

        /// <summary>The API member the key belongs to (identifier and id).</summary>
        public MemberReference Member { get; }

        /// <summary>The description typed in the API Keys tab.</summary>
        public string Description { get; }

        public string PublicKey { get; }

        /// <summary>The private key, read-only.</summary>
        public SecureString PrivateKey { get; }

        /// <summary>
        /// The private key as text, for the vendor's portal: the only member that shows it (views, ToString and messages never do).
        /// Copy it without printing it: <c>$key.RevealPrivateKey() | Set-Clipboard</c>.
        /// </summary>
        public string RevealPrivateKey() => Client.SecretHelper.Reveal(PrivateKey);

        /// <summary>User name: the public key; password: the private key (what Connect-CwManage -Credential takes).</summary>
        public PSCredential Credential => new PSCredential(PublicKey, PrivateKey);

        /// <summary>The site, as the connection that made the key had it.</summary>
        public string Server { get; }

        public string CompanyId { get; }

        public string ClientId { get; }

        /// <summary>The codebase seen when the key was verified (<c>v2025_1</c>).</summary>
        public string Codebase { get; }

        /// <summary>When the key was proven to authenticate as <see cref="Member"/> (UTC); null when not verified.</summary>
        public DateTime? VerifiedAt { get; }

        public override string ToString() => CompanyId + "+" + PublicKey + " (" + Member + ")";
    }
}
