# Mirrors tests/ConnectWiseSetup.Tests/Rotation for people with pwsh, and runs what only a real pwsh can: Update-CwApiKey unattended
# in child `pwsh -NonInteractive` processes (one per run, as an RMM job), and docs/unattended.md's monitor scripts (cw-drift.ps1,
# cw-keyage.ps1) exactly as written there, outside the repository with the module found by name as if installed, checking their
# exit codes (0 ok, 1 drift or error, 2 a person must act).
# The module and the simulator: Shared.ps1's (the configuration built last; a simulator of this file's own, stopped at the end).

BeforeAll {
    . $PSScriptRoot/Shared.ps1
    $script:Root = $RepoRoot
    $script:ModulePath = $ModuleManifest
    $script:Simulator = Start-TestSimulator
    # The fields this file reads, as the simulator's connection file names them.
    $t = $Simulator.Tenants[0]
    $script:Sim = [pscustomobject]@{
        server = $Simulator.Server; companyId = $t.CompanyId; clientId = $t.ClientId
        publicKey = $t.Credential.UserName; privateKey = $t.Credential.GetNetworkCredential().Password
        operatorUrl = $Simulator.OperatorUrl; operatorToken = $Simulator.OperatorToken
    }
    Connect-TestTenant $Simulator | Out-Null

    # What a person does in the web UI, through the simulator's operator channel.
    function script:Invoke-Operator([string] $Method, [string] $Path, $Body) {
        $uri = "$($Sim.operatorUrl.TrimEnd('/'))/tenants/$($Sim.companyId)/$Path"
        $call = @{ Method = $Method; Uri = $uri; Headers = @{ 'X-Operator-Token' = $Sim.operatorToken } }
        if ($null -ne $Body) { $call.ContentType = 'application/json'; $call.Body = ConvertTo-Json -InputObject $Body -Depth 6 }
        # Invoke-RestMethod writes a JSON array as one object: returned from a variable, its items go down the pipeline one by one.
        $answer = Invoke-RestMethod @call
        $answer
    }
    function script:New-SimKey([int] $MemberId, [string] $Description) { Invoke-Operator Post "apiMembers/$MemberId/keys" @{ description = $Description } }
    function script:Remove-SimKey([int] $MemberId, [int] $KeyId) { Invoke-Operator Delete "apiMembers/$MemberId/keys/$KeyId" $null | Out-Null }
    function script:Set-SimRow([int] $RoleId, [string] $Module, [string] $Function, [string[]] $Levels) {
        Invoke-Operator Put "securityroles/$RoleId/settings" @(@{ module = $Module; function = $Function; addLevel = $Levels[0]; editLevel = $Levels[1]; deleteLevel = $Levels[2]; inquireLevel = $Levels[3] }) | Out-Null
    }
    function script:Get-LastSeq { @(Invoke-Operator Get 'requests' $null) | ForEach-Object seq | Measure-Object -Maximum | ForEach-Object { [long]$_.Maximum } }
    function script:Get-ApiRequestsSince([long] $Seq) { @(Invoke-Operator Get 'requests' $null) | Where-Object { $_.seq -gt $Seq -and $_.channel -eq 'api' } }
    function script:ConvertTo-Credential($Key) { [pscredential]::new($Key.publicKey, (ConvertTo-SecureString $Key.privateKey -AsPlainText -Force)) }

    # A child pwsh, as an RMM agent starts one: -NonInteractive, no profile; the same pwsh as this one.
    $exe = Join-Path $PSHOME $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })
    $script:PwshCommand = @(if (Test-Path $exe) { $exe } else { [Environment]::ProcessPath; Join-Path $PSHOME 'pwsh.dll' })
    function script:Invoke-Child([string] $Command, [hashtable] $Environment = @{}) {
        $saved = @{}
        foreach ($name in $Environment.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $Environment[$name]) }
        try {
            $program = $PwshCommand[0]
            $pre = @($PwshCommand | Select-Object -Skip 1)
            $output = & $program @pre -NoLogo -NoProfile -NonInteractive -Command $Command 2>&1 | Out-String
            [pscustomobject]@{ Code = $LASTEXITCODE; Output = $output }
        }
        finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
    }

    # A stand-in for Microsoft.PowerShell.SecretManagement in the child (the real module is not served here): one read-only
    # secret from the environment, its metadata (createdAt, publicKey) when CWTEST_CREATED is set, and the real module's
    # "not found" error id. The scripts call Get-Secret; the module calls Get-Secret and Get-SecretInfo module-qualified.
    $script:VaultStub = Join-Path $TestDrive 'vault-stub.ps1'
    Set-Content -LiteralPath $VaultStub -Value @'
New-Module -Name Microsoft.PowerShell.SecretManagement -ScriptBlock {
    function Get-Secret {
        [CmdletBinding()] param([Parameter(Position = 0)][string] $Name, [string] $Vault)
        if ($Name -ne $env:CWTEST_SECRET_NAME) {
            $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new([System.Management.Automation.ItemNotFoundException]::new("The secret $Name was not found."), 'GetSecretNotFound', 'ObjectNotFound', $Name))
            return
        }
        [pscredential]::new($env:CWTEST_PUBLIC, (ConvertTo-SecureString $env:CWTEST_PRIVATE -AsPlainText -Force))
    }
    function Get-SecretInfo {
        [CmdletBinding()] param([Parameter(Position = 0)][string] $Name, [string] $Vault)
        $metadata = @{}
        if ($env:CWTEST_CREATED) { $metadata.createdAt = $env:CWTEST_CREATED; $metadata.publicKey = $env:CWTEST_PUBLIC }
        [pscustomobject]@{ Name = $Name; VaultName = $Vault; Metadata = $metadata }
    }
    function Set-Secret { [CmdletBinding()] param([string] $Name, [object] $Secret, [string] $Vault) throw 'read-only stand-in' }
    function Set-SecretInfo { [CmdletBinding()] param([string] $Name, [hashtable] $Metadata, [string] $Vault) throw 'read-only stand-in' }
    Export-ModuleMember -Function Get-Secret, Get-SecretInfo, Set-Secret, Set-SecretInfo
} | Import-Module -Global
'@

    # docs/unattended.md's monitor scripts, as written there.
    $page = Get-Content -Raw (Join-Path $Root 'docs/unattended.md')
    foreach ($name in 'cw-drift.ps1', 'cw-keyage.ps1') {
        $m = [regex]::Match($page, '(?s)```powershell\r?\n(# ' + [regex]::Escape($name) + '.*?)```')
        if (-not $m.Success) { throw "docs/unattended.md has no $name block" }
        Set-Content -LiteralPath (Join-Path $TestDrive $name) -Value $m.Groups[1].Value
    }
    # The module as installed (a folder named ConnectWiseSetup on PSModulePath), for the scripts' Import-Module line.
    $script:InstalledModules = Join-Path $TestDrive 'modules'
    $null = New-Item -ItemType Directory -Path (Join-Path $InstalledModules 'ConnectWiseSetup')
    Copy-Item -Path (Join-Path $ModuleDirectory '*') -Destination (Join-Path $InstalledModules 'ConnectWiseSetup') -Recurse
    $script:Outside = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'elsewhere')

    # The integration: HatzAi installed as an unattended job would, the operator playing the administrator in between.
    $n = Get-Random -Minimum 10000 -Maximum 99999
    $script:Identifier = "HatzRot$n"
    $install = @{ Profile = 'HatzAi'; RoleName = "Hatz Rotation $n"; Identifier = $Identifier; NonInteractive = $true }
    $r = Install-CwIntegration @install
    $script:RoleId = $r.Role.Id
    foreach ($item in $r.Checklist | Where-Object Kind -eq 'Levels') {
        Set-SimRow $RoleId $item.Module $item.Function @([string]$item.Target.Add, [string]$item.Target.Edit, [string]$item.Target.Delete, [string]$item.Target.Inquire)
    }
    $r = Install-CwIntegration @install
    $script:MemberId = $r.ApiMember.Id
    $script:OldKey = New-SimKey $MemberId 'Hatz AI'
    $r = Install-CwIntegration @install -KeyPair (ConvertTo-Credential $OldKey)
    if ($r.Status -ne 'Complete') { throw "The install did not complete: $($r.Status) $($r.Instructions)" }
    $script:SecretName = "ConnectWise-$($Sim.companyId)-$Identifier"

    # The rotation job: one run of Update-CwApiKey in a child pwsh -NonInteractive, keys from the environment, exit 0/1/2.
    $script:RotateJob = Join-Path $TestDrive 'rotate.ps1'
    Set-Content -LiteralPath $RotateJob -Value @'
param([string] $Server, [string] $CompanyId, [string] $Identifier, [switch] $CmdletNonInteractive)
$admin = [pscredential]::new($env:CWTEST_ADMIN_PUBLIC, (ConvertTo-SecureString $env:CWTEST_ADMIN_PRIVATE -AsPlainText -Force))
$old = [pscredential]::new($env:CWTEST_OLD_PUBLIC, (ConvertTo-SecureString $env:CWTEST_OLD_PRIVATE -AsPlainText -Force))
$more = @{}
if ($env:CWTEST_NEW_PUBLIC) { $more.KeyPair = [pscredential]::new($env:CWTEST_NEW_PUBLIC, (ConvertTo-SecureString $env:CWTEST_NEW_PRIVATE -AsPlainText -Force)) }
if ($CmdletNonInteractive) { $more.NonInteractive = $true }
try {
    Connect-CwManage -Server $Server -CompanyId $CompanyId -Credential $admin -ErrorAction Stop
    $r = Update-CwApiKey -ApiMember $Identifier -OldKeyPair $old @more -ErrorAction Stop
    "STATUS $($r.Status)"
    if ($r.Status -eq 'Complete') { exit 0 }
    $r.Instructions; exit 2
} catch { "ERROR $($_.FullyQualifiedErrorId): $($_.Exception.Message)"; exit 1 }
'@
    function script:Invoke-Rotation([switch] $WithNewKey, [switch] $CmdletNonInteractive) {
        $environment = @{
            CONNECTWISE_CLIENTID = $Sim.clientId; CWTEST_ADMIN_PUBLIC = $Sim.publicKey; CWTEST_ADMIN_PRIVATE = $Sim.privateKey
            CWTEST_OLD_PUBLIC = $OldKey.publicKey; CWTEST_OLD_PRIVATE = $OldKey.privateKey
            CWTEST_NEW_PUBLIC = $(if ($WithNewKey) { $NewKey.publicKey }); CWTEST_NEW_PRIVATE = $(if ($WithNewKey) { $NewKey.privateKey })
        }
        $switch = if ($CmdletNonInteractive) { ' -CmdletNonInteractive' } else { '' }
        Invoke-Child "Import-Module '$ModulePath'; & '$RotateJob' -Server '$($Sim.server)' -CompanyId '$($Sim.companyId)' -Identifier '$Identifier'$switch; exit `$LASTEXITCODE" $environment
    }
    # One of the monitor scripts in a child pwsh -NonInteractive, outside the repository, the module found by name (as
    # installed), with the vault stand-in holding $Key; -FromEnvironment: no vault at all, the key in the RMM's variables.
    function script:Invoke-Monitor([string] $Name, $Key, [string] $CreatedAt, [string] $Extra = '', [switch] $FromEnvironment) {
        $environment = @{
            CONNECTWISE_CLIENTID = $Sim.clientId; PSModulePath = $InstalledModules + [System.IO.Path]::PathSeparator + $env:PSModulePath
        }
        if ($FromEnvironment) { $environment.CONNECTWISE_PUBLICKEY = $Key.publicKey; $environment.CONNECTWISE_PRIVATEKEY = $Key.privateKey }
        else {
            $environment += @{ CWTEST_SECRET_NAME = $SecretName; CWTEST_PUBLIC = $Key.publicKey; CWTEST_PRIVATE = $Key.privateKey; CWTEST_CREATED = $CreatedAt }
        }
        $script = Join-Path $TestDrive $Name
        $vault = if ($FromEnvironment) { '' } else { ". '$VaultStub'; " }
        $secret = if ($FromEnvironment) { '' } else { " -SecretName '$SecretName' -Vault TestVault" }
        Invoke-Child "Set-Location '$Outside'; $vault& '$script' -Server '$($Sim.server)' -CompanyId '$($Sim.companyId)'$secret $Extra; exit `$LASTEXITCODE" $environment
    }
    $script:Outputs = [System.Collections.Generic.List[string]]::new()
}

AfterAll {
    Get-CwApiMember -Identifier $Identifier -IncludeInactive -ErrorAction SilentlyContinue | Disable-CwApiMember -Confirm:$false -ErrorAction SilentlyContinue
    Stop-CwSimulator $Simulator
}

Describe 'Update-CwApiKey from pwsh -NonInteractive' {
    It 'stops for the new key, then for the vendor and the deletion, checks the old key once per run, and completes once it is refused' {
        $start = Get-LastSeq

        # No new key yet: the job stops with the clicks that make one (the host cannot prompt: pwsh -NonInteractive).
        $run = Invoke-Rotation
        $Outputs.Add($run.Output)
        $run.Code | Should -Be 2 -Because $run.Output
        $run.Output | Should -Match 'STATUS ManualStepRequired'
        $run.Output | Should -Match 'API Keys tab'

        # The person makes the new key; the job proves it and stops with steps 4 and 5 together, with and without the cmdlet's -NonInteractive.
        $script:NewKey = New-SimKey $MemberId 'Hatz AI rotated'
        foreach ($cmdletSwitch in $false, $true) {
            $run = Invoke-Rotation -WithNewKey -CmdletNonInteractive:$cmdletSwitch
            $Outputs.Add($run.Output)
            $run.Code | Should -Be 2 -Because $run.Output
            $run.Output | Should -Match 'Step 4\.'
            $run.Output | Should -Match 'Step 5\.'
            $run.Output | Should -Match ([regex]::Escape("find the key with public key '$($OldKey.publicKey)'"))
        }

        # The old key is deleted: the next run completes; it tried the old key once (one 401) and sent no write.
        $before = Get-LastSeq
        Remove-SimKey $MemberId $OldKey.id
        $run = Invoke-Rotation -WithNewKey -CmdletNonInteractive
        $Outputs.Add($run.Output)
        $run.Code | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match 'STATUS Complete'
        @(Get-ApiRequestsSince $before | Where-Object status -eq 401).Count | Should -Be 1
        # Four runs, the jobs' own sign-ins included: ConnectWise was only read.
        @(Get-ApiRequestsSince $start | Where-Object method -ne 'GET').Count | Should -Be 0
    }

    It 'prints neither private key' {
        $all = $Outputs -join "`n"
        $all | Should -Not -BeNullOrEmpty
        $all | Should -Not -Match ([regex]::Escape($OldKey.privateKey))
        $all | Should -Not -Match ([regex]::Escape($NewKey.privateKey))
        $all | Should -Match ([regex]::Escape($NewKey.publicKey))
    }
}

Describe "docs/unattended.md's monitor scripts" {
    It 'run outside the repository with the key from the RMM''s environment variables, without SecretManagement' {
        $run = Invoke-Monitor 'cw-drift.ps1' $NewKey '' "-IntegrationProfile HatzAi" -FromEnvironment
        $run.Code | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match 'OK'
        $run = Invoke-Monitor 'cw-keyage.ps1' $NewKey '' "-KeyCreated '$([DateTime]::Now.AddDays(-3).ToString('s'))'" -FromEnvironment
        $run.Code | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match 'OK: the key is 3 days old'
        $run.Output | Should -Not -Match ([regex]::Escape($NewKey.privateKey))
    }

    It 'cw-drift.ps1: 0 in the desired state, 1 naming the row when the role is widened or narrowed by hand, 1 for a refused key' {
        $run = Invoke-Monitor 'cw-drift.ps1' $NewKey '' "-IntegrationProfile HatzAi"
        $run.Code | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match 'OK'

        Set-SimRow $RoleId 'Companies' 'Company Maintenance' @('None', 'None', 'All', 'All')
        $run = Invoke-Monitor 'cw-drift.ps1' $NewKey '' "-IntegrationProfile HatzAi"
        $run.Code | Should -Be 1 -Because $run.Output
        $run.Output | Should -Match 'DRIFT: 1 row\(s\) with excess rights'
        $run.Output | Should -Match 'widened:  Companies / Company Maintenance: Delete: All -> None'

        Set-SimRow $RoleId 'Companies' 'Company Maintenance' @('None', 'None', 'None', 'None')
        $run = Invoke-Monitor 'cw-drift.ps1' $NewKey '' "-IntegrationProfile HatzAi"
        $run.Code | Should -Be 1 -Because $run.Output
        $run.Output | Should -Match 'DRIFT: 1 row\(s\) missing rights'
        $run.Output | Should -Match 'narrowed: Companies / Company Maintenance: Inquire: None -> All'

        Set-SimRow $RoleId 'Companies' 'Company Maintenance' @('None', 'None', 'None', 'All')
        (Invoke-Monitor 'cw-drift.ps1' $NewKey '' "-IntegrationProfile HatzAi").Code | Should -Be 0

        $run = Invoke-Monitor 'cw-drift.ps1' $OldKey '' "-IntegrationProfile HatzAi"
        $run.Code | Should -Be 1 -Because $run.Output
        $run.Output | Should -Match 'ERROR CwAuthenticationFailed'
    }

    It 'cw-keyage.ps1: 0 for a young key, 2 for an old or undated one, 1 for a refused one' {
        $run = Invoke-Monitor 'cw-keyage.ps1' $NewKey ([DateTime]::UtcNow.AddDays(-10).ToString('o'))
        $run.Code | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match 'OK: the key is 10 days old'

        $run = Invoke-Monitor 'cw-keyage.ps1' $NewKey ([DateTime]::UtcNow.AddDays(-100).ToString('o'))
        $run.Code | Should -Be 2 -Because $run.Output
        $run.Output | Should -Match 'ROTATE: the key is 100 days old'

        $run = Invoke-Monitor 'cw-keyage.ps1' $NewKey ''
        $run.Code | Should -Be 2 -Because $run.Output
        $run.Output | Should -Match 'does not say when'

        # A vault date in the future is no age (never a negative one that reads as young).
        $run = Invoke-Monitor 'cw-keyage.ps1' $NewKey ([DateTime]::UtcNow.AddDays(400).ToString('o'))
        $run.Code | Should -Be 2 -Because $run.Output
        $run.Output | Should -Match 'later than now'

        $run = Invoke-Monitor 'cw-keyage.ps1' $OldKey ([DateTime]::UtcNow.AddDays(-10).ToString('o'))
        $run.Code | Should -Be 1 -Because $run.Output
        $run.Output | Should -Match 'ERROR'
    }
}
