# The CwSimulator sandbox module, as a pwsh user drives it: start and stop, attach to a running simulator, play the
# administrator (levels, Customize, keys), faults and the request log; and a Ctrl+C typed at the terminal for a
# command does not stop the simulator the session started.

BeforeAll {
    . $PSScriptRoot/Shared.ps1
    $script:Sim = Start-TestSimulator -Tenants 2
    Connect-TestTenant $Sim | Out-Null
}

AfterAll { Stop-CwSimulator $Sim }

Describe 'CwSimulator' {
    It 'starts on 127.0.0.1 with the tenants asked for, and stops with its files' {
        $Sim.Server | Should -Match '^http://127\.0\.0\.1:\d+$'
        @($Sim.Tenants).Count | Should -Be 2
        $Sim.Tenants[1].CompanyId | Should -Not -Be $Sim.CompanyId
        $other = Start-TestSimulator
        $file = $other.ConnectionFile
        $file | Should -Exist
        Stop-CwSimulator $other
        $other.Process.HasExited | Should -BeTrue
        $file | Should -Not -Exist
    }

    It 'attaches to a simulator from its connection file' {
        $attached = Connect-CwSimulator -Path $Sim.ConnectionFile
        $attached.Server | Should -Be $Sim.Server
        $attached.OperatorUrl | Should -Be $Sim.OperatorUrl
        (Get-CwSimulator).Server | Should -Be $Sim.Server
        $script:Sim = Start-TestSimulator -Tenants 1   # the attached one became current: start a fresh current one
        Connect-TestTenant $Sim | Out-Null
    }

    It 'sets one row or a whole profile, as the role screen does' {
        $role = New-CwSecurityRole -Name (New-TestName 'Sandbox ')
        $role | Set-CwSimRolePermission -Module Companies -Function 'Company Maintenance' -Inquire All
        $row = Get-CwSecurityRolePermission -Role $role -Module Companies -Function 'Company Maintenance'
        "$($row.InquireLevel)" | Should -Be 'All'
        "$($row.AddLevel)" | Should -Be 'None'
        $role | Set-CwSimRolePermission -Profile AppXite
        (Compare-CwSecurityRole -Role $role -Profile AppXite).RowsMatch | Should -BeTrue
    }

    It 'creates a key that signs in as the member, lists it without its private key, and deletes it' {
        $role = New-CwSecurityRole -Name (New-TestName 'Sandbox Key ')
        $role | Set-CwSimRolePermission -Profile AppXite
        $member = New-CwApiMember -Identifier (New-TestName 'Sandbox') -SecurityRole $role
        $key = $member | New-CwSimApiKey -Description 'Sandbox'
        (Test-CwApiKey -Credential $key.Credential).Member.Identifier | Should -Be $member.Identifier
        $listed = @($member | Get-CwSimApiKey)
        $listed.publicKey | Should -Contain $key.PublicKey
        ($listed | ConvertTo-Json) | Should -Not -Match ([regex]::Escape($key.PrivateKey))
        $listed | Where-Object publicKey -eq $key.PublicKey | ForEach-Object { [pscustomobject]@{ MemberId = $member.Id; KeyId = $_.id } } | Remove-CwSimApiKey -Confirm:$false
        (Test-CwApiKey -Credential $key.Credential).IsValid | Should -BeFalse
    }

    It 'logs the API requests (never the operator''s) and plays scripted faults the client retries' {
        Clear-CwSimRequestLog
        Set-CwSimFault -Script @{ status = 503 } -PathPrefix 'system/securityroles'
        @(Get-CwSecurityRole).Count | Should -BeGreaterThan 0
        $log = @(Get-CwSimRequestLog)
        $log.status | Should -Contain 503
        $log.status | Should -Contain 200
        $log.channel | Should -Not -Contain 'operator'
        @(Get-CwSimRequestLog -IncludeOperator).channel | Should -Contain 'operator'
        Clear-CwSimFault
    }

    It 'keeps running when Ctrl+C stops a command in the terminal that started it' {
        $script = @'
Import-Module $env:CWSETUP_TEST_MODULE
Import-Module $env:CWSETUP_TEST_SIMMODULE
$sim = Start-CwSimulator -SimulatorPath $env:SIM_DLL
$p = $sim.ConnectParameters; Connect-CwManage @p
$role = New-CwSecurityRole -Name 'Interrupted'
Wait-CwSecurityRolePermission -Role $role -Profile MspProcess -PollInterval 00:00:00.5 -Timeout 01:00:00
'@
        # -NoExit: after Ctrl+C the console's prompt comes back, and the next command uses the same simulator.
        $r = Invoke-TestConsole -Arguments '-NoProfile', '-NoExit', '-Command', $script -Environment @{ SIM_DLL = $SimulatorDll } -Dialog @(
            @{ Expect = 'Watching the role'; Send = [string][char]3 }
            @{ Expect = 'PS '; Send = "'AFTER=' + (Get-CwSecurityRole -Name Interrupted).Name; Stop-CwSimulator; exit`r" }
        ) -Timeout ([TimeSpan]::FromMinutes(3))
        $r.Answered | Should -Be 2 -Because $r.Text
        $r.Text | Should -Match 'AFTER=Interrupted'
        $r.Text | Should -Not -Match 'Connection refused'
    }
}
