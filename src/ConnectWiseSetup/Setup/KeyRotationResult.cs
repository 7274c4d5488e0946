using System;
using System.Collections.Generic;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Setup
{
    /// <summary>How a key rotation run ended.</summary>
    public enum KeyRotationStatus
    {
        /// <summary>The new key signs in as the member and the old key is refused.</summary>
        Complete,
        /// <summary>A person must act (create the new key, give it to the vendor, delete the old key): Instructions say what; the next run resumes.</summary>
        ManualStepRequired,
        /// <summary>A step failed (the error, written after the result, says why).</summary>
        Failed,
    }

    /// <summary>What Update-CwApiKey did: the steps, the new key, whether the old key is refused, what the vendor's portal needs.</summary>
    public sealed class KeyRotationResult
    {
        public string Tenant { get; set; }
        public MemberReference ApiMember { get; set; }
        public KeyRotationStatus Status { get; set; }
        public IReadOnlyList<InstallStep> Steps { get; set; } = Array.Empty<InstallStep>();
        /// <summary>The public key of the key being retired.</summary>
        public string OldPublicKey { get; set; }
        /// <summary>The new key, proven to be the member's with the old key's rights (when known).</summary>
        public CwApiKey NewKey { get; set; }
        /// <summary>ConnectWise refuses the old key (401): it was deleted.</summary>
        public bool OldKeyRefused { get; set; }
        /// <summary>The values to paste into the vendor's portal (the private key as a SecureString).</summary>
        public IReadOnlyList<IntegrationVendorValue> VendorValues { get; set; } = Array.Empty<IntegrationVendorValue>();
        /// <summary>What a person has to do (Status ManualStepRequired).</summary>
        public string Instructions { get; set; }
        /// <summary>The vault and secret the new key is kept in (when -Vault).</summary>
        public string Vault { get; set; }
        public string SecretName { get; set; }
        /// <summary>The new key's effective rights compared with the old key's (rows and Customize items), when both signed in.</summary>
        public PermissionComparison Rights { get; set; }

        /// <summary>Why the run failed (Status Failed): written as the cmdlet's error after the result.</summary>
        internal Exception Error { get; set; }

        public override string ToString() => "Rotate the API key of '" + ApiMember + "' on " + Tenant + ": " + Status;
    }
}
