# Mirrors tests/ConnectWiseSetup.Tests/Roles (RoleCmdletTests, CompareTests, WaitTests) in the real shell. Runs as it is: `Invoke-Pester tests/Pester` after a build;
# Shared.ps1 imports the built module and this file starts its own simulator.

BeforeAll {
    . $PSScriptRoot/Shared.ps1
    $script:Sim = Start-TestSimulator
    Connect-TestTenant $Sim | Out-Null
    $script:Suffix = Get-Random -Maximum 99999
}

AfterAll { Stop-CwSimulator $Sim }

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
        $role | Set-CwSimRolePermission -Profile MspProcess     # what a person does in the role screen
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
