using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Setup;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>
    /// The one place that talks to SecretManagement (-Vault): Get-Secret, Get-SecretInfo, Set-Secret and Set-SecretInfo called by
    /// their module-qualified names (a function of the same name elsewhere is never called), in the caller's runspace on the
    /// pipeline thread (so its messages are written straight to the cmdlet). "No such secret" (GetSecretNotFound) is told apart from a vault that failed. A key is stored with
    /// Set-Secret first and its metadata with Set-SecretInfo after, so a vault without metadata still keeps the key.
    /// </summary>
    internal sealed class SecretVault : IKeyVault
    {
        public const string Module = "Microsoft.PowerShell.SecretManagement";

        public SecretVault(string name)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
        }

        public string Name { get; }

        /// <summary>CwSecretManagementMissing unless SecretManagement's cmdlets can be called; run on the pipeline thread before any request.</summary>
        public static void EnsureAvailable(PSCmdlet cmdlet, string vault)
        {
            // By module (imported, else installed): a function of the same name elsewhere hides the module's from Get-Command.
            var found = cmdlet.InvokeCommand.InvokeScript(
                "$m = @(Get-Module -Name " + Module + ")[0]; if (-not $m) { $m = @(Get-Module -ListAvailable -Name " + Module + ")[0] }; " +
                "[bool]($m -and $m.ExportedCommands.ContainsKey('Get-Secret') -and $m.ExportedCommands.ContainsKey('Set-Secret'))");
            if (!found.Any(o => o?.BaseObject is bool b && b))
                throw new CwException(ErrorIds.SecretManagementMissing, ErrorCategory.NotInstalled,
                    "-Vault needs Get-Secret and Set-Secret from " + Module + ", which is not available.", vault)
                { RecommendedAction = "Install it (Install-PSResource " + Module + ", and a vault such as Microsoft.PowerShell.SecretStore), register the vault, or leave -Vault out." };
        }

        public Task<VaultKey> ReadAsync(string secretName, CancellationToken ct)
            => PipelineThread.InvokeAsync(cmdlet => Read(cmdlet, secretName), ct);

        public Task<VaultStoreResult> StoreAsync(string secretName, PSCredential key, IDictionary<string, object> metadata, CancellationToken ct)
            => PipelineThread.InvokeAsync(cmdlet => Store(cmdlet, secretName, key, metadata), ct);

        VaultKey Read(PSCmdlet cmdlet, string secretName)
        {
            object secret;
            try
            {
                secret = cmdlet.InvokeCommand.InvokeScript(
                    "param($Name, $Vault) " + Module + "\\Get-Secret -Name $Name -Vault $Vault -ErrorAction Stop", secretName, Name)
                    .Select(o => o?.BaseObject).FirstOrDefault(o => o != null);
            }
            catch (RuntimeException e) when (IsNotFound(e))
            {
                cmdlet.WriteVerbose("No secret '" + secretName + "' in vault '" + Name + "'.");
                return null;
            }
            catch (RuntimeException e) when (!CwCmdletBase.IsStop(e))
            {
                throw new CwException(ErrorIds.SecretReadFailed, ErrorCategory.ReadError,
                    "Get-Secret could not read '" + secretName + "' from vault '" + Name + "': " + Reason(e), secretName, e)
                { RecommendedAction = "Unlock the vault (Unlock-SecretVault) or check it with Test-SecretVault, or give the key with -KeyPair." };
            }
            if (!(secret is PSCredential credential))
            {
                cmdlet.WriteWarning("Secret '" + secretName + "' in vault '" + Name + "' is not a PSCredential (user name = public key, password = private key); it is ignored.");
                return new VaultKey { WrongType = true };
            }
            var metadata = Metadata(cmdlet, secretName);
            return new VaultKey { Credential = credential, CreatedAt = CreatedAt(metadata), Metadata = metadata };
        }

        /// <summary>The secret's metadata (Get-SecretInfo) as text; empty when the vault keeps none or cannot say.</summary>
        Dictionary<string, string> Metadata(PSCmdlet cmdlet, string secretName)
        {
            var found = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            try
            {
                var info = cmdlet.InvokeCommand.InvokeScript(
                    "param($Name, $Vault) " + Module + "\\Get-SecretInfo -Name $Name -Vault $Vault -ErrorAction Stop", secretName, Name)
                    .FirstOrDefault(o => o != null);
                var metadata = info?.Properties["Metadata"]?.Value;
                var value = metadata is PSObject pso ? pso.BaseObject : metadata;
                if (value is IDictionary<string, object> generic)
                    foreach (var kv in generic) found[kv.Key] = Text(kv.Value);
                else if (value is IDictionary plain)
                    foreach (DictionaryEntry kv in plain) found[kv.Key?.ToString() ?? ""] = Text(kv.Value);
            }
            catch (RuntimeException e) when (!CwCmdletBase.IsStop(e))
            {
                cmdlet.WriteVerbose("Vault '" + Name + "' gave no metadata for '" + secretName + "': " + Reason(e));
            }
            return found;
        }

        static string Text(object value)
        {
            if (value is PSObject p) value = p.BaseObject;
            if (value is DateTime dt) return dt.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture);
            return Convert.ToString(value, CultureInfo.InvariantCulture);
        }

        static DateTime? CreatedAt(IReadOnlyDictionary<string, string> metadata)
        {
            if (metadata.TryGetValue(VaultMetadata.CreatedAt, out var s) &&
                DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)) return parsed.ToUniversalTime();
            return null;
        }

        VaultStoreResult Store(PSCmdlet cmdlet, string secretName, PSCredential key, IDictionary<string, object> metadata)
        {
            try
            {
                cmdlet.InvokeCommand.InvokeScript(
                    "param($Name, $Secret, $Vault) " + Module + "\\Set-Secret -Name $Name -Secret $Secret -Vault $Vault -ErrorAction Stop", secretName, key, Name);
            }
            catch (RuntimeException e) when (!CwCmdletBase.IsStop(e))
            {
                throw new CwException(ErrorIds.SecretStoreFailed, ErrorCategory.WriteError,
                    "Set-Secret could not store the key with public key '" + key.UserName + "' as '" + secretName + "' in vault '" + Name + "': " + Reason(e), secretName, e)
                { RecommendedAction = "Store the key from the result yourself (Set-Secret -Secret $result.ApiKey.Credential), or unlock the vault and run again." };
            }
            cmdlet.WriteVerbose("Stored the key with public key '" + key.UserName + "' as secret '" + secretName + "' in vault '" + Name + "'.");
            if (metadata == null || metadata.Count == 0) return new VaultStoreResult();
            var table = new Hashtable(StringComparer.OrdinalIgnoreCase);
            foreach (var kv in metadata) table[kv.Key] = kv.Value;
            try
            {
                cmdlet.InvokeCommand.InvokeScript(
                    "param($Name, $Vault, $Metadata) " + Module + "\\Set-SecretInfo -Name $Name -Vault $Vault -Metadata $Metadata -ErrorAction Stop", secretName, Name, table);
                return new VaultStoreResult { MetadataStored = true };
            }
            catch (RuntimeException e) when (!CwCmdletBase.IsStop(e))
            {
                cmdlet.WriteVerbose("Vault '" + Name + "' kept the key but not its metadata (when it was made): " + Reason(e));
                return new VaultStoreResult();
            }
        }

        static bool IsNotFound(RuntimeException e)
            => (e.ErrorRecord?.FullyQualifiedErrorId ?? "").StartsWith("GetSecretNotFound", StringComparison.OrdinalIgnoreCase)
               || (e.ErrorRecord?.CategoryInfo.Category == ErrorCategory.ObjectNotFound && e.ErrorRecord?.Exception is ItemNotFoundException);

        static string Reason(RuntimeException e) => e.ErrorRecord?.Exception?.Message ?? e.Message;
    }
}
