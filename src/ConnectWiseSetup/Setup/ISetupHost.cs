using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace ConnectWiseSetup.Setup
{
    /// <summary>
    /// What only the caller's host can do for a Setup engine: say whether a person can answer, show text and the
    /// permission checklist, ask for a key or a yes/no, and reach a SecretManagement vault. The engines never see the
    /// cmdlet or the PSHost: a cmdlet lends them this (Cmdlets/CmdletSetupHost), tests can lend another. Verbose, warning
    /// and progress lines go through <see cref="Client.ClientLog"/>, as everywhere in the module.
    /// </summary>
    internal interface ISetupHost
    {
        /// <summary>
        /// A person can answer prompts: false with the cmdlet's -NonInteractive, and in a host that cannot prompt
        /// (pwsh -NonInteractive, a job, a hosted runspace without a UI). Guided steps then stop with instructions.
        /// </summary>
        bool CanPrompt { get; }

        /// <summary>Why nobody can answer, for a person reading the stop ("-NonInteractive was given", "input is redirected"); null when <see cref="CanPrompt"/>.</summary>
        string CannotPromptReason { get; }

        /// <summary>Shows host text (the Information stream, tag PSHOST): a checklist, instructions.</summary>
        void Show(IEnumerable<string> lines);

        /// <summary>The permission checklist as objects (Information stream, tag CwChecklist).</summary>
        void Checklist(IReadOnlyList<PermissionChecklistItem> items);

        /// <summary>
        /// Asks for a key in the host's credential prompt (user name = public key, password = private key; nothing echoed).
        /// Null when the person cancelled or left it empty; throws CwManualStepRequired when the host cannot prompt after all.
        /// </summary>
        Task<PSCredential> PromptForKeyAsync(string caption, string message, CancellationToken ct);

        /// <summary>Asks a yes/no question; true for yes. Only called when <see cref="CanPrompt"/>; throws PromptUnavailableException when the host cannot ask after all.</summary>
        Task<bool> ConfirmAsync(string caption, string question, CancellationToken ct);

        /// <summary>The vault given with -Vault, or null.</summary>
        IKeyVault Vault { get; }
    }

    /// <summary>A SecretManagement vault holding API keys as PSCredentials (user name = public key, password = private key).</summary>
    internal interface IKeyVault
    {
        /// <summary>The vault's name, as given to -Vault.</summary>
        string Name { get; }

        /// <summary>The secret, or null when the vault has no secret of that name; CwSecretReadFailed when the vault itself failed.</summary>
        Task<VaultKey> ReadAsync(string secretName, CancellationToken ct);

        /// <summary>Stores (or replaces) the secret; metadata where the vault supports it. CwSecretStoreFailed when it cannot.</summary>
        Task<VaultStoreResult> StoreAsync(string secretName, PSCredential key, IDictionary<string, object> metadata, CancellationToken ct);
    }

    /// <summary>A key read from a vault, with what its metadata says.</summary>
    internal sealed class VaultKey
    {
        public PSCredential Credential { get; set; }

        /// <summary>When the key was made (metadata "createdAt", set when the module stored it); null when unknown.</summary>
        public DateTime? CreatedAt { get; set; }

        /// <summary>The secret is in the vault but is not a PSCredential (it is ignored).</summary>
        public bool WrongType { get; set; }

        /// <summary>The secret's metadata as text (empty when the vault has none); <see cref="VaultMetadata"/> names the module's keys.</summary>
        public IReadOnlyDictionary<string, string> Metadata { get; set; } = new Dictionary<string, string>();
    }

    /// <summary>How a store went: the metadata may have been left out by a vault that does not support it.</summary>
    internal sealed class VaultStoreResult
    {
        public bool MetadataStored { get; set; }
    }

    /// <summary>The metadata keys the module writes with a key it stores.</summary>
    internal static class VaultMetadata
    {
        /// <summary>When the key was made (UTC, round-trip format).</summary>
        public const string CreatedAt = "createdAt";
        /// <summary>The public key (not secret), to tell keys apart without reading the secret.</summary>
        public const string PublicKey = "publicKey";
        /// <summary>The API member the key signs in as.</summary>
        public const string Member = "member";
        /// <summary>The public key of the key this one replaced (Update-CwApiKey stores it only after proving that old key).</summary>
        public const string Replaces = "replaces";

        /// <summary>The default secret name: ConnectWise-{CompanyId}-{member identifier, spaces as _}.</summary>
        public static string DefaultSecretName(string companyId, string memberIdentifier)
            => "ConnectWise-" + companyId + "-" + (memberIdentifier ?? "").Replace(' ', '_');
    }
}
