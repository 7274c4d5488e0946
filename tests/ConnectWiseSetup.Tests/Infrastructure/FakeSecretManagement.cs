namespace ConnectWiseSetup.Tests.Infrastructure
{
    /// <summary>
    /// A stand-in for Microsoft.PowerShell.SecretManagement in a hosted runspace (the real module is not served here): a dynamic
    /// module of that name with Get-Secret, Get-SecretInfo, Set-Secret and Set-SecretInfo, their parameters, and the real
    /// module's "not found" error id (GetSecretNotFound), over $global:CwTestVault (name -> @{ Secret; Metadata }).
    /// Switches: $global:CwTestVaultLocked (Get-Secret and Set-Secret fail as a locked vault does), $global:CwTestVaultNoMetadata
    /// (Set-SecretInfo fails as a vault without metadata does), $global:CwTestVaultReadOnly (Set-Secret fails, Get-Secret works, as a
    /// vault the job may read but not write). The module calls these by module-qualified name.
    /// </summary>
    public static class FakeSecretManagement
    {
        public const string Script = @"
$global:CwTestVault = @{}
$global:CwTestVaultLocked = $false
$global:CwTestVaultNoMetadata = $false
$global:CwTestVaultReadOnly = $false
New-Module -Name Microsoft.PowerShell.SecretManagement -ScriptBlock {
    function Get-Secret {
        [CmdletBinding()] param([Parameter(Position = 0)][string]$Name, [Parameter(Position = 1)][string]$Vault, [switch]$AsPlainText)
        if ($global:CwTestVaultLocked) { throw 'The vault is locked.' }
        if (-not $global:CwTestVault.ContainsKey($Name)) {
            $e = [System.Management.Automation.ErrorRecord]::new([System.Management.Automation.ItemNotFoundException]::new(""The secret $Name was not found.""), 'GetSecretNotFound', 'ObjectNotFound', $Name)
            $PSCmdlet.WriteError($e)
            return
        }
        $global:CwTestVault[$Name].Secret
    }
    function Get-SecretInfo {
        [CmdletBinding()] param([Parameter(Position = 0)][string]$Name, [Parameter(Position = 1)][string]$Vault)
        if ($global:CwTestVault.ContainsKey($Name)) {
            [pscustomobject]@{ Name = $Name; VaultName = $Vault; Metadata = $global:CwTestVault[$Name].Metadata }
        }
    }
    function Set-Secret {
        [CmdletBinding()] param([Parameter(Position = 0)][string]$Name, [Parameter(Position = 1)][object]$Secret, [Parameter(Position = 2)][string]$Vault, [hashtable]$Metadata)
        if ($global:CwTestVaultLocked) { throw 'The vault is locked.' }
        if ($global:CwTestVaultReadOnly) { throw 'Access to the vault is read-only.' }
        $global:CwTestVault[$Name] = @{ Secret = $Secret; Metadata = $null; Vault = $Vault }
    }
    function Set-SecretInfo {
        [CmdletBinding()] param([Parameter(Position = 0)][string]$Name, [hashtable]$Metadata, [string]$Vault)
        if ($global:CwTestVaultNoMetadata) { throw 'This vault does not support metadata.' }
        if (-not $global:CwTestVault.ContainsKey($Name)) { throw ""No secret $Name."" }
        $global:CwTestVault[$Name].Metadata = $Metadata
    }
    Export-ModuleMember -Function Get-Secret, Get-SecretInfo, Set-Secret, Set-SecretInfo
} | Import-Module -Global
";
    }
}
