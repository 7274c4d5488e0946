#requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Mirrors tests/ConnectWiseSetup.Tests/Roles (RoleCmdletTests, CompareTests, WaitTests) for people with pwsh.
# Start a simulator first:  dotnet run --project src/ConnectWiseSetup.Simulator -- --port 0 --connection-file ./sim.json
# and point CWSETUP_SIM_FILE at the file (default ./sim.json).

BeforeAll {
    $root = Resolve-Path "$PSScriptRoot/../.."
    Import-Module (Join-Path $root 'src/ConnectWiseSetup/bin/Release/netstandard2.0/ConnectWiseSetup.psd1') -Force
    $simFile = if ($env:CWSETUP_SIM_FILE) { $env:CWSETUP_SIM_FILE } else { Join-Path $root 'sim.json' }
    $script:Sim = Get-Content -Raw $simFile | ConvertFrom-Json
    $cred = [pscredential]::new($Sim.publicKey, (ConvertTo-SecureString $Sim.privateKey -AsPlainText -Force))
    Connect-CwManage -Server $Sim.server -CompanyId $Sim.companyId -ClientId $Sim.clientId -Credential $cred

    # The operator channel plays the administrator in the web UI (the module never calls it).
    function script:Set-SimRoleLevels([int] $RoleId, [object[]] $Rows) {
        $uri = "$($Sim.operatorUrl.TrimEnd('/'))/tenants/$($Sim.companyId)/securityroles/$RoleId/settings"
        Invoke-RestMethod -Method Put -Uri $uri -Headers @{ 'X-Operator-Token' = $Sim.operatorToken } -ContentType 'application/json' `
            -Body (ConvertTo-Json -InputObject @($Rows) -Depth 5) | Out-Null
    }
    $script:Suffix = Get-Random -Maximum 99999
}

Describe 'Security roles' {
    It 'creates a role once; -ExistingOk returns the same role again' {
        $name = "Pester Role $Suffix"
        $first = New-CwSecurityRole -Name $name
        $again = New-CwSecurityRole -Name $name -ExistingOk
        $again.Id | Should -Be $first.Id
        { New-CwSecurityRole -Name $name -ErrorAction Stop } | Should -Throw -ErrorId 'CwResourceExists*'
    }

    It 'refuses a name over 30 characters before any request' {
        { New-CwSecurityRole -Name ('x' * 31) -ErrorAction Stop } | Should -Throw -ErrorId 'CwInvalidRoleName*'
    }

    It 'compares an empty role with a profile: what is missing, in the screen order' {
        $role = New-CwSecurityRole -Name "Pester Cmp $Suffix"
        $c = Compare-CwSecurityRole -Role $role -Profile MspProcess
        $c.InDesiredState | Should -BeFalse
        $c.Missing.Count | Should -BeGreaterThan 0
        $c.Excess.Count | Should -Be 0
    }

    It 'waits for the guided step and returns the role once its levels match the profile' {
        $role = New-CwSecurityRole -Name "Pester Wait $Suffix"
        $rows = (Get-CwIntegrationProfile MspProcess).Permissions | ForEach-Object {
            @{ module = $_.Module; function = $_.Function; addLevel = "$($_.Add)"; editLevel = "$($_.Edit)"; deleteLevel = "$($_.Delete)"; inquireLevel = "$($_.Inquire)" }
        }
        Set-SimRoleLevels -RoleId $role.Id -Rows $rows
        $done = $role | Wait-CwSecurityRolePermission -Profile MspProcess -PollInterval '00:00:00.2' -Timeout '00:00:30' -InformationAction SilentlyContinue
        $done.Id | Should -Be $role.Id
        (Compare-CwSecurityRole -Role $role -Profile MspProcess).RowsMatch | Should -BeTrue
    }

    It 'stops a wait that cannot finish with CwWaitTimeout naming what is missing' {
        $role = New-CwSecurityRole -Name "Pester Timeout $Suffix"
        { Wait-CwSecurityRolePermission -Role $role -Profile MspProcess -PollInterval '00:00:00.1' -Timeout '00:00:00.5' -InformationAction SilentlyContinue -ErrorAction Stop } |
            Should -Throw -ErrorId 'CwWaitTimeout*'
    }

    It 'exports a role as a profile that loads back' {
        $role = Get-CwSecurityRole -Name "Pester Wait $Suffix"
        $path = Join-Path $TestDrive 'PesterWait.json'
        Export-CwSecurityRole -Role $role -Path $path | Out-Null
        (Compare-CwSecurityRole -Role $role -Profile $path).RowsMatch | Should -BeTrue
    }

    It 'deletes roles without prompting when told' {
        Get-CwSecurityRole -Name "Pester * $Suffix" | Remove-CwSecurityRole -Confirm:$false
        Get-CwSecurityRole -Name "Pester * $Suffix" | Should -BeNullOrEmpty
    }
}
