# The user-facing contract of every exported cmdlet in the real shell: parameter sets, pipeline binding, -WhatIf and
# -Confirm (with $ConfirmPreference), tab completion, help, a transcript scanned for secrets, and stopping a wait
# and a slow request. The views at 80 and 120 columns are in Views.Tests.ps1.

BeforeDiscovery {
    # Each exported cmdlet's parameter sets: name (* = default) [mandatory] [by value] [by property name].
    # A change here is a change people's scripts see: update the row on purpose, and the README and help with it.
    $script:Syntax = [ordered]@{
        'Compare-CwSecurityRole'        = 'Profile*[Role,Profile][Role][]', 'Reference[Role,ReferenceRole][Role][]'
        'Connect-CwManage'              = 'Credential*[Server,CompanyId,Credential][][]', 'ApiKey[ApiKey][ApiKey][]'
        'ConvertFrom-CwIntegrationGuide' = 'Text*[Text][Text][]', 'Path[Path][][Path]', 'Uri[Uri][][]'
        'Disable-CwApiMember'           = '__AllParameterSets*[ApiMember][ApiMember][]'
        'Disconnect-CwManage'           = '__AllParameterSets*[][Connection][]'
        'Export-CwSecurityRole'         = '__AllParameterSets*[Role,Path][Role][]'
        'Get-CwApiMember'               = 'Identifier*[][Identifier][Identifier]', 'Id[Id][][]'
        'Get-CwConnection'              = '__AllParameterSets*[][][]'
        'Get-CwIntegrationProfile'      = 'Name*[][Name][]', 'Path[Path][][Path]'
        'Get-CwSecurityRole'            = 'Name*[][Name][]', 'Id[Id][][]'
        'Get-CwSecurityRolePermission'  = '__AllParameterSets*[Role][Role][]'
        'Install-CwIntegration'         = 'Default*[Profile][Profile][]', 'ApiKey[Profile][Profile][]', 'KeyPair[Profile][Profile][]'
        'New-CwApiKey'                  = '__AllParameterSets*[ApiMember][ApiMember][]'
        'New-CwApiMember'               = '__AllParameterSets*[Identifier,SecurityRole][][Identifier,Name,SecurityRole]'
        'New-CwSecurityRole'            = 'Name*[Name][Name][]', 'Profile[Profile][Profile][]'
        'Remove-CwSecurityRole'         = '__AllParameterSets*[Role][Role][]'
        'Set-CwApiMember'               = '__AllParameterSets*[ApiMember][ApiMember][]'
        'Test-CwApiKey'                 = 'ApiKey*[ApiKey][ApiKey][]', 'Credential[Credential][][]', 'Vault[Vault,SecretName][][]'
        'Test-CwTenant'                 = '__AllParameterSets*[][Profile][]'
        'Test-CwIntegrationPermission'  = 'Role*[Profile,Role][][]', 'ApiMember[Profile,ApiMember][ApiMember][ApiMember]', 'Credential[Profile,Credential][][]', 'ApiKey[Profile,ApiKey][][]'
        'Uninstall-CwIntegration'       = '__AllParameterSets*[Profile][][]'
        'Update-CwApiKey'               = '__AllParameterSets*[ApiMember,OldKeyPair][ApiMember][]'
        'Wait-CwSecurityRolePermission' = '__AllParameterSets*[Role,Profile][Role][]'
    }
    $script:ShouldProcess = 'Disable-CwApiMember', 'Export-CwSecurityRole', 'Install-CwIntegration', 'New-CwApiKey', 'New-CwApiMember',
        'New-CwSecurityRole', 'Remove-CwSecurityRole', 'Set-CwApiMember', 'Uninstall-CwIntegration', 'Update-CwApiKey'
    $script:SyntaxCases = foreach ($k in $Syntax.Keys) { @{ Name = $k; Sets = @($Syntax[$k]) } }
}

BeforeAll {
    . $PSScriptRoot/Shared.ps1
    $script:Sim = Start-TestSimulator -Tenants 2
    Connect-TestTenant $Sim 0 | Out-Null
    $script:Role = New-TestName 'Contract Role '
    New-CwSecurityRole -Name $Role | Set-CwSimRolePermission -Profile AppXite
    $script:Member = New-TestName 'Contract'
    New-CwApiMember -Identifier $Member -Name 'Contract Member' -SecurityRole $Role | Out-Null

    # The writes a tenant received since the log was cleared (the operator channel is not logged).
    function Get-TestWrites([string] $CompanyId) { @(Get-CwSimRequestLog -CompanyId $CompanyId | Where-Object method -ne 'GET') }

    function Get-CompletionText([string] $Line) {
        (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText
    }
}

AfterAll { Stop-CwSimulator $Sim }

Describe 'Parameter sets' {
    It 'exports exactly the cmdlets whose contract is written here' {
        $exported = (Get-Command -Module ConnectWiseSetup -CommandType Cmdlet).Name | Sort-Object
        $exported | Should -Be ($Syntax.Keys | Sort-Object)
    }

    It '<Name> keeps its parameter sets, mandatory and pipeline parameters' -ForEach $SyntaxCases {
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        $actual = foreach ($s in (Get-Command $Name).ParameterSets) {
            $ps = $s.Parameters | Where-Object Name -NotIn $common
            '{0}{1}[{2}][{3}][{4}]' -f $s.Name, $(if ($s.IsDefault -or (Get-Command $Name).ParameterSets.Count -eq 1) { '*' }),
                (($ps | Where-Object IsMandatory).Name -join ','), (($ps | Where-Object ValueFromPipeline).Name -join ','),
                (($ps | Where-Object ValueFromPipelineByPropertyName).Name -join ',')
        }
        @($actual) | Should -Be $Sets
    }

    It 'only the cmdlets that change the tenant or a file take -WhatIf and -Confirm' {
        $withWhatIf = (Get-Command -Module ConnectWiseSetup -CommandType Cmdlet | Where-Object { $_.Parameters.ContainsKey('WhatIf') }).Name | Sort-Object
        $withWhatIf | Should -Be ($ShouldProcess | Sort-Object)
    }

    It 'refuses a call that matches no set with the set names, before any request' {
        Clear-CwSimRequestLog
        { Test-CwIntegrationPermission -Profile MspProcess -Role $Role -ApiMember $Member -ErrorAction Stop } | Should -Throw -ErrorId 'AmbiguousParameterSet*'
        { Get-CwSecurityRole -Name x -Id 1 -ErrorAction Stop } | Should -Throw -ErrorId 'AmbiguousParameterSet*'
        @(Get-CwSimRequestLog).Count | Should -Be 0
    }
}

Describe 'Pipeline binding' {
    It 'names and objects flow from one cmdlet to the next' {
        ($Role | Get-CwSecurityRole).Name | Should -Be $Role
        $rows = Get-CwSecurityRole -Name $Role | Get-CwSecurityRolePermission -All
        @($rows).Count | Should -BeGreaterThan 10
        (Get-CwSecurityRole -Name $Role | Compare-CwSecurityRole -Profile MspProcess).InDesiredState | Should -BeFalse
        (Get-CwApiMember -Identifier $Member | Set-CwApiMember -Name 'Contract Renamed' -PassThru).Name | Should -Be 'Contract Renamed'
        (Get-CwApiMember -Identifier $Member | Test-CwIntegrationPermission -Profile MspProcess).InDesiredState | Should -BeFalse
    }

    It 'binds by property name: a CSV row creates a member, a file from Get-ChildItem loads a profile' {
        $id = New-TestName 'Csv'
        $row = [pscustomobject]@{ Identifier = $id; Name = 'From Csv'; SecurityRole = $Role }
        ($row | New-CwApiMember).Identifier | Should -Be $id
        ([pscustomobject]@{ Identifier = $id } | Get-CwApiMember).Name | Should -Be 'From Csv'
        $path = Join-Path $TestDrive 'Exported.json'
        Get-CwSecurityRole -Name $Role | Export-CwSecurityRole -Path $path | Out-Null
        (Get-ChildItem -LiteralPath $path | Get-CwIntegrationProfile).Permissions | Should -Not -BeNullOrEmpty
    }

    It 'a key flows into Test-CwApiKey and Connect-CwManage' {
        $made = Get-CwApiMember -Identifier $Member | New-CwSimApiKey -Description 'Contract'
        $key = New-CwApiKey -ApiMember $Member -KeyPair $made.Credential
        ($key | Test-CwApiKey).IsValid | Should -BeTrue
        $c = $key | Connect-CwManage -PassThru
        $c.PublicKey | Should -Be $made.PublicKey
        Connect-TestTenant $Sim 0 | Out-Null
    }
}

Describe '-WhatIf and -Confirm' {
    BeforeAll {
        $script:T1 = $Sim.Tenants[1].CompanyId
        $script:C1 = Connect-TestTenant $Sim 1
        $script:R1 = New-TestName 'WhatIf Role '
        New-CwSecurityRole -Name $R1 -Connection $C1 | Out-Null
        $script:M1 = New-TestName 'WhatIf'
        New-CwApiMember -Identifier $M1 -SecurityRole $R1 -Connection $C1 | Out-Null
    }

    It '-WhatIf on <_> sends no write' -ForEach @('New-CwSecurityRole', 'Remove-CwSecurityRole', 'New-CwApiMember', 'Set-CwApiMember', 'Disable-CwApiMember', 'Install-CwIntegration', 'Uninstall-CwIntegration', 'Export-CwSecurityRole', 'New-CwApiKey') {
        $call = @{
            'New-CwSecurityRole'      = { New-CwSecurityRole -Name 'Never Made' -Connection $C1 -WhatIf }
            'Remove-CwSecurityRole'   = { Remove-CwSecurityRole -Role $R1 -Connection $C1 -WhatIf }
            'New-CwApiMember'         = { New-CwApiMember -Identifier NeverMade -SecurityRole $R1 -Connection $C1 -WhatIf }
            'Set-CwApiMember'         = { Set-CwApiMember -ApiMember $M1 -Name 'Never Renamed' -Connection $C1 -WhatIf }
            'Disable-CwApiMember'     = { Disable-CwApiMember -ApiMember $M1 -Connection $C1 -WhatIf }
            'Install-CwIntegration'   = { Install-CwIntegration -Profile AppXite -Connection $C1 -WhatIf }
            'Uninstall-CwIntegration' = { Uninstall-CwIntegration -Profile AppXite -Connection $C1 -WhatIf }
            'Export-CwSecurityRole'   = { Export-CwSecurityRole -Role $R1 -Path (Join-Path $TestDrive 'never.json') -Connection $C1 -WhatIf }
            'New-CwApiKey'            = { New-CwApiKey -ApiMember $M1 -Connection $C1 -WhatIf }
        }[$_]
        Clear-CwSimRequestLog -CompanyId $T1
        & $call 6>$null | Out-Null
        Get-TestWrites $T1 | Should -BeNullOrEmpty
        Join-Path $TestDrive 'never.json' | Should -Not -Exist
        (Get-CwApiMember -Identifier $M1 -Connection $C1).Name | Should -Not -Be 'Never Renamed'
    }

    It 'says what it would do, in a real console''s What if: lines' {
        $script = $ChildPrelude + @"
New-CwSecurityRole -Name 'Never Made' -WhatIf
Remove-CwSecurityRole -Role '$R1' -WhatIf
Set-CwApiMember -ApiMember '$M1' -Name 'Never Renamed' -WhatIf
"@
        $r = Invoke-TestPwsh -Arguments '-NoProfile', '-NonInteractive', '-Command', $script -Environment (Get-TenantEnvironment $Sim 1)
        $r.ExitCode | Should -Be 0 -Because $r.Text
        $lines = @($r.StdOut -split "`r?`n" | Where-Object { $_ -like 'What if:*' })
        $lines.Count | Should -Be 3 -Because $r.Text
        $lines[0] | Should -Match 'Never Made'
        $lines[1] | Should -Match ([regex]::Escape($R1))
        $lines[2] | Should -Match ([regex]::Escape($M1))
    }

    It '$ConfirmPreference decides: Low asks even for a new role, None lets Remove run, and nobody to ask means nothing changes' {
        $script = $ChildPrelude + @"
`$ConfirmPreference = 'Low'
try { New-CwSecurityRole -Name 'Asked First' -ErrorAction Stop; 'MADE' } catch { 'REFUSED=' + `$_.FullyQualifiedErrorId }
`$ConfirmPreference = 'High'
try { Remove-CwSecurityRole -Role '$R1' -ErrorAction Stop; 'REMOVED-WITHOUT-ASKING' } catch { 'REFUSED=' + `$_.FullyQualifiedErrorId }
'LEFT=' + @(Get-CwSecurityRole -Name '$R1' -ErrorAction SilentlyContinue).Count
`$ConfirmPreference = 'None'
`$null = New-CwSecurityRole -Name 'Confirm None'
Remove-CwSecurityRole -Role 'Confirm None'
'GONE=' + @(Get-CwSecurityRole -Name 'Confirm None' -ErrorAction SilentlyContinue).Count
"@
        $r = Invoke-TestPwsh -Arguments '-NoProfile', '-NonInteractive', '-Command', $script -Environment (Get-TenantEnvironment $Sim 1)
        $r.StdOut | Should -Not -Match 'MADE|REMOVED-WITHOUT-ASKING' -Because $r.Text
        ([regex]::Matches($r.StdOut, 'REFUSED=')).Count | Should -Be 2 -Because $r.Text
        $r.StdOut | Should -Match 'LEFT=1'
        $r.StdOut | Should -Match 'GONE=0'
        @(Get-CwSecurityRole -Name 'Asked First' -Connection $C1 -ErrorAction SilentlyContinue).Count | Should -Be 0
    }

    It 'at a terminal, -Confirm asks; No keeps the role and Yes deletes it' {
        $doomed = New-TestName 'Doomed '
        New-CwSecurityRole -Name $doomed -Connection $C1 | Out-Null
        $script = $ChildPrelude + "`nRemove-CwSecurityRole -Role '$doomed'`n'AFTER-NO=' + @(Get-CwSecurityRole -Name '$doomed').Count`nRemove-CwSecurityRole -Role '$doomed'`n'AFTER-YES=' + @(Get-CwSecurityRole -Name '$doomed').Count"
        $r = Invoke-TestConsole -Arguments '-NoProfile', '-Command', $script -Environment (Get-TenantEnvironment $Sim 1) -Dialog @(
            @{ Expect = '[Y] Yes'; Send = "n`r" }
            @{ Expect = 'AFTER-NO='; Send = '' }
            @{ Expect = '[Y] Yes'; Send = "y`r" }
        )
        $r.Text | Should -Match "Delete security role '$doomed' \(id \d+\) on .*; a deleted role cannot be restored\?"
        $r.Text | Should -Match ([regex]::Escape($doomed))
        $r.Text | Should -Match 'AFTER-NO=1'
        $r.Text | Should -Match 'AFTER-YES=0'
    }
}

Describe 'Tab completion' {
    BeforeAll {
        Connect-TestTenant $Sim 0 | Out-Null
        # Names come from the tenant and never hold the prompt more than 2 seconds: on a busy machine the first Tab
        # may come back empty while the names are read; the next has them, as README says.
        function Get-TenantCompletion([string] $Line) {
            for ($i = 0; $i -lt 15; $i++) {
                $found = @(Get-CompletionText $Line)
                if ($found.Count -gt 0 -and $null -ne $found[0]) { return $found }
                Start-Sleep -Milliseconds 500
            }
        }
    }

    It 'completes profile names after -Profile' {
        Get-CompletionText 'Install-CwIntegration -Profile Msp' | Should -Contain 'MspProcess'
        Get-CompletionText 'Get-CwIntegrationProfile -Name Ap' | Should -Contain 'AppXite'
    }

    It 'completes role names from the tenant, quoted when they have spaces' {
        $prefix = $Role.Substring(0, 12)
        Get-TenantCompletion "Get-CwSecurityRole -Name '$prefix" | Should -Contain "'$Role'"
        Get-TenantCompletion "Compare-CwSecurityRole -Profile AppXite -Role '$prefix" | Should -Contain "'$Role'"
    }

    It 'completes API member identifiers from the tenant' {
        $prefix = $Member.Substring(0, 6)
        Get-TenantCompletion "New-CwApiKey -ApiMember $prefix" | Should -Contain $Member
        Get-TenantCompletion "Get-CwApiMember -Identifier $prefix" | Should -Contain $Member
    }
}

Describe 'Help in the real shell' {
    It 'Get-Help <Name> -Full renders its synopsis, every parameter and at least two examples' -ForEach $SyntaxCases {
        $help = Get-Help $Name -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match ([regex]::Escape($Name) + '\s*\[')   # a synopsis, not the syntax PowerShell makes up without help
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        $text = $help | Out-String -Width 120
        foreach ($p in (Get-Command $Name).Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters }) {
            $text | Should -Match ('-' + $p + '\b') -Because "Get-Help $Name -Full names -$p"
        }
    }

    It 'finds the about topic by name' {
        (Get-Help about_ConnectWiseSetup | Out-String) | Should -Match 'ConnectWise'
    }
}

Describe 'Secrets in a transcript' {
    It 'an install with -Verbose -Debug leaves no private key in the transcript or the console' {
        $t = $Sim.Tenants[1]
        $made = $null
        $transcript = Join-Path $TestDrive 'install.transcript.txt'
        $script = $ChildPrelude + @"
Start-Transcript -LiteralPath '$transcript' | Out-Null
`$r = Install-CwIntegration -Profile CloudBlueResellerMarketplace -NonInteractive -Verbose -Debug -WarningAction Continue
`$role = Get-CwSecurityRole -Name `$r.Role.Name
Import-Module `$env:CWSETUP_TEST_SIMMODULE
`$null = Connect-CwSimulator -Path `$env:SIM_FILE
`$role | Set-CwSimRolePermission -Profile CloudBlueResellerMarketplace -CompanyId `$env:SIM_COMPANY
`$r = Install-CwIntegration -Profile CloudBlueResellerMarketplace -NonInteractive -Verbose -Debug
`$key = `$r.ApiMember | New-CwSimApiKey -Description 'CloudBlue' -CompanyId `$env:SIM_COMPANY
[System.IO.File]::WriteAllText(`$env:KEY_FILE, `$key.PublicKey + ' ' + `$key.PrivateKey)
`$r = Install-CwIntegration -Profile CloudBlueResellerMarketplace -NonInteractive -KeyPair `$key.Credential -Live -Verbose -Debug
`$r | Format-List * | Out-String -Width 200
`$r.VendorValues | Format-Table -AutoSize | Out-String -Width 200
`$r.ApiKey | Format-List * | Out-String -Width 200
'STATUS=' + `$r.Status
Stop-Transcript | Out-Null
"@
        $keyFile = Join-Path $TestDrive 'integration.key'
        $r = Invoke-TestPwsh -Arguments '-NoProfile', '-NonInteractive', '-Command', $script -Environment ((Get-TenantEnvironment $Sim 1) + @{ SIM_FILE = $Sim.ConnectionFile; KEY_FILE = $keyFile })
        $r.StdOut | Should -Match 'STATUS=Complete' -Because $r.Text
        $logged = Get-Content -Raw -LiteralPath $transcript
        $logged | Should -Match 'VERBOSE: '
        $logged | Should -Match 'STATUS=Complete'
        $public, $private = (Get-Content -Raw -LiteralPath $keyFile).Split(' ')
        $admin = $t.Credential.GetNetworkCredential().Password
        foreach ($secret in $admin, $private) {
            $logged | Should -Not -Match ([regex]::Escape($secret))
            $r.Text | Should -Not -Match ([regex]::Escape($secret))
        }
        $logged | Should -Match ([regex]::Escape($public))   # the public key is shown: it is what the vendor's portal asks for
    }
}

Describe 'Stopping' {
    BeforeAll {
        Connect-TestTenant $Sim 0 | Out-Null
        $script:T0 = $Sim.Tenants[0]
        # A [powershell] in its own runspace, connected to tenant 0, as a script host or the engine's stop drives it.
        function New-ConnectedPowerShell {
            $ps = [powershell]::Create()
            $null = $ps.AddScript("Import-Module '$ModuleManifest'; Connect-CwManage -Server '$($Sim.Server)' -CompanyId '$($T0.CompanyId)' -ClientId '$($T0.ClientId)' -Credential `$args[0]").AddArgument($T0.Credential)
            $null = $ps.Invoke()
            $ps.Commands.Clear()
            $ps
        }
    }

    It 'Stop() ends a wait for the guided permissions at once' {
        $role = New-TestName 'Stop Wait '
        New-CwSecurityRole -Name $role | Out-Null
        $ps = New-ConnectedPowerShell
        try {
            $null = $ps.AddScript("Wait-CwSecurityRolePermission -Role '$role' -Profile MspProcess -PollInterval 00:00:00.2 -Timeout 01:00:00 -InformationAction Ignore")
            $async = $ps.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddMinutes(2)
            while (-not (Get-CwSimRequestLog -CompanyId $T0.CompanyId | Where-Object { $_.path -match 'securityroles/\d+/settings' }) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
            $ps.InvocationStateInfo.State | Should -Be 'Running' -Because "$($ps.Streams.Error.Count) error(s) before the stop"
            $stop = $ps.BeginStop($null, $null)
            $stop.AsyncWaitHandle.WaitOne([TimeSpan]::FromMinutes(2)) | Should -BeTrue -Because 'the wait must end when stopped, long before its one-hour timeout'
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        }
        finally { $ps.Dispose() }
    }

    It 'Stop() cancels a request the tenant is slow to answer' {
        $ps = New-ConnectedPowerShell
        try {
            Set-CwSimFault -CompanyId $T0.CompanyId -LatencyMs 300000 -PathPrefix 'system/apiMembers'
            $null = $ps.AddScript('Get-CwApiMember')
            $async = $ps.BeginInvoke()
            Start-Sleep -Seconds 2
            $ps.InvocationStateInfo.State | Should -Be 'Running' -Because "$($ps.Streams.Error.Count) error(s) before the stop"
            $stop = $ps.BeginStop($null, $null)
            $stop.AsyncWaitHandle.WaitOne([TimeSpan]::FromMinutes(2)) | Should -BeTrue -Because 'the request takes five minutes; stopping must cancel it'
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        }
        finally { Clear-CwSimFault -CompanyId $T0.CompanyId; $ps.Dispose() }
    }

    It 'Ctrl+C at a terminal stops the watch and the script''s next line does not run' {
        $role = New-TestName 'CtrlC '
        New-CwSecurityRole -Name $role | Out-Null
        $script = $ChildPrelude + "`nWait-CwSecurityRolePermission -Role '$role' -Profile MspProcess -PollInterval 00:00:00.5 -Timeout 01:00:00`n'NEXT-LINE-RAN'"
        $r = Invoke-TestConsole -Arguments '-NoProfile', '-Command', $script -Environment (Get-TenantEnvironment $Sim 0) -Dialog @(
            @{ Expect = 'Watching the role'; Send = [string][char]3 }
        ) -Timeout ([TimeSpan]::FromMinutes(3))
        $r.Answered | Should -Be 1
        $r.Text | Should -Match 'In ConnectWise, open System > Security Roles'
        $r.Text | Should -Not -Match 'NEXT-LINE-RAN'
        $r.Text | Should -Not -Match 'CwWaitTimeout'
    }
}
