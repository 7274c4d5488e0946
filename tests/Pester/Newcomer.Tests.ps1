# What a newcomer meets outside the cmdlets themselves (issue 25): playing the web UI from a second window while an
# install waits (the operator cmdlets take a role by name, the checklist items, a Customize list as the checklist
# prints it), the simulator's own recipes (dotnet run's connection file, Connect-CwSimulator's errors, --help's splat),
# and Get-Help -Online. The docs' recipes themselves run in Docs.Tests.ps1.

BeforeAll {
    . $PSScriptRoot/Shared.ps1
    # Shared with other windows through a connection file, as docs/simulator.md's second-window recipe does.
    $script:SharedFile = Join-Path $TestDrive 'first-window/sim.json'
    $script:Sim = Start-CwSimulator -SimulatorPath $SimulatorDll -ConnectionFile $SharedFile
    Connect-TestTenant $Sim | Out-Null

    # A role's Customize items, as the simulator holds them (what the web UI's customize screen shows).
    function script:Get-TestCustomize([int] $RoleId) {
        & (Get-Module CwSimulator) { param($Id) $items = Invoke-CwSimOperator $null $null GET "securityroles/$Id/customize"; foreach ($i in $items) { $i } } $RoleId
    }
}

AfterAll { Stop-CwSimulator $Sim }

Describe 'The web UI from a second window, while an install waits' {
    It 'Compare-CwSecurityRole -AsChecklist gives the checklist the install shows, and piping it to Set-CwSimRolePermission does the web-UI part' {
        $name = New-TestName 'Second Window '
        $r = Install-CwIntegration -Profile MspProcess -RoleName $name -Identifier (New-TestName 'SecondW') -NonInteractive -WarningAction SilentlyContinue
        "$($r.Status)" | Should -Be 'ManualStepRequired'
        $checklist = @(Compare-CwSecurityRole $name -Profile MspProcess -AsChecklist)
        $checklist.Count | Should -BeGreaterThan 5
        $checklist[0] | Should -BeOfType ([ConnectWiseSetup.Setup.PermissionChecklistItem])
        @($checklist.Instruction) | Should -Be @($r.Checklist.Instruction)

        # No role named: each item's own role, by the name the checklist carries.
        $checklist | Set-CwSimRolePermission
        (Compare-CwSecurityRole $name -Profile MspProcess).InDesiredState | Should -BeTrue
        @(Get-TestCustomize $r.Role.Id | Where-Object customizeIdentifier -eq 'SystemTableSetup').Count | Should -BeGreaterThan 0
        @(Compare-CwSecurityRole $name -Profile MspProcess -AsChecklist | Where-Object Kind -eq 'Levels').Count | Should -Be 0
    }

    It 'takes a role by name and a Customize list by the name the checklist prints, and says which role or list it cannot find' {
        $role = New-CwSecurityRole -Name (New-TestName 'By Name ')
        Set-CwSimRolePermission -Role $role.Name -Module Companies -Function 'Company Maintenance' -Inquire All
        "$((Get-CwSecurityRolePermission -Role $role -Module Companies -Function 'Company Maintenance').InquireLevel)" | Should -Be 'All'

        $null = Set-CwSimRoleCustomize -Role $role.Name -List 'Table Setup > customize' -Allow 'Company / Company Status'
        $items = @(Get-TestCustomize $role.Id | Where-Object customizeIdentifier -eq 'SystemTableSetup')
        $items.Count | Should -Be 1
        $null = Set-CwSimRoleCustomize -Role $role.Name -List 'System > Table Setup' -AllowAll
        @(Get-TestCustomize $role.Id | Where-Object customizeIdentifier -eq 'SystemTableSetup').Count | Should -BeGreaterThan 1

        { Set-CwSimRoleCustomize -Role $role.Name -List 'Reports' -AllowAll } | Should -Throw '*several Customize lists*Companies > Reports (CompanyReports)*'
        { Set-CwSimRolePermission -Role 'No Such Role' -Module Companies -Function 'Company Maintenance' -Inquire All } | Should -Throw "*No security role 'No Such Role'*$($role.Name)*"
    }

    It 'a second pwsh reaches the same simulator and tenant through the shared connection file, and its Stop removes only that file' {
        $SharedFile | Should -Exist
        $name = New-TestName 'Other Window '
        New-CwSecurityRole -Name $name | Out-Null
        $second = @"
Import-Module `$env:CWSETUP_TEST_MODULE; Import-Module `$env:CWSETUP_TEST_SIMMODULE
`$sim = Connect-CwSimulator '$SharedFile'
`$p = `$sim.ConnectParameters; Connect-CwManage @p
Compare-CwSecurityRole '$name' -Profile HatzAi -AsChecklist | Set-CwSimRolePermission
"DONE"
"@
        $run = Invoke-TestPwsh -Arguments '-NoProfile', '-NonInteractive', '-Command', $second
        $run.StdOut | Should -Match 'DONE' -Because $run.Text
        $run.StdErr | Should -BeNullOrEmpty
        @(Compare-CwSecurityRole $name -Profile HatzAi -AsChecklist | Where-Object Kind -eq 'Levels').Count | Should -Be 0
    }
}

Describe 'The simulator''s own recipes' {
    It 'dotnet run writes a relative --connection-file where the person stands, not in the project folder' {
        $stand = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'here')
        $project = Join-Path $RepoRoot 'src/ConnectWiseSetup.Simulator'
        $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
        foreach ($a in 'run', '--no-build', '-c', $Configuration, '--project', $project, '--', '--port', '0', '--connection-file', './sim.json', '--parent-pid', "$PID") { $start.ArgumentList.Add($a) }
        $start.WorkingDirectory = $stand.FullName
        $start.UseShellExecute = $false
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $p = [System.Diagnostics.Process]::Start($start)
        try {
            $out = $p.StandardOutput.ReadToEndAsync(); $err = $p.StandardError.ReadToEndAsync()
            $file = Join-Path $stand.FullName 'sim.json'
            $deadline = [DateTime]::UtcNow.AddSeconds(120)
            while (-not (Test-Path $file) -and -not $p.HasExited -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
            $file | Should -Exist -Because "dotnet run wrote: $(if ($p.HasExited) { $out.Result + $err.Result })"
            Join-Path $project 'sim.json' | Should -Not -Exist
            # And the file is one Connect-CwSimulator takes, from where the person stands.
            Push-Location $stand
            try { (Connect-CwSimulator ./sim.json).Server | Should -Match '^http://127\.0\.0\.1:\d+$' } finally { Pop-Location }
        }
        finally {
            if (-not $p.HasExited) { $p.Kill($true); $null = $p.WaitForExit(10000) }
            $null = Connect-CwSimulator $SharedFile
        }
    }

    It 'Connect-CwSimulator with a missing or foreign file says so and prints no simulator of an earlier connect' {
        $foreign = Join-Path $TestDrive 'foreign.json'
        Set-Content -LiteralPath $foreign -Value '{ "hello": "world" }'
        $script = @"
Import-Module `$env:CWSETUP_TEST_SIMMODULE
`$null = Connect-CwSimulator '$SharedFile'
Connect-CwSimulator ./no-such-sim.json
Connect-CwSimulator '$foreign'
"END"
"@
        $run = Invoke-TestPwsh -Arguments '-NoProfile', '-NonInteractive', '-Command', $script
        $run.StdOut | Should -Match 'END'
        $run.Text | Should -Match 'No simulator connection file at'
        $run.Text | Should -Match 'is not a simulator connection file'
        $run.Text | Should -Not -Match 'MethodInvocationException'
        # The earlier connect's simulator is not printed after either error.
        $run.StdOut | Should -Not -Match ([regex]::Escape($Sim.Server))
        $run.StdOut | Should -Not -Match 'OperatorUrl'
    }

    It 'its --help shows a splat that connects, as written' {
        $help = & dotnet $SimulatorDll --help
        $line = @($help | Where-Object { $_ -match 'Connect-CwManage' }) | Select-Object -First 1
        $line | Should -Not -BeNullOrEmpty
        $sim = $Sim
        Disconnect-CwManage -ErrorAction SilentlyContinue
        Invoke-Expression ($line -replace '#.*$', '').Trim()
        (Get-CwConnection).CompanyId | Should -Be $Sim.CompanyId
    }
}

Describe 'Get-Help -Online' {
    It 'no cmdlet names an address nobody owns; -Online says there is none, and each help says where the full help is' {
        foreach ($name in (Get-Command -Module ConnectWiseSetup -CommandType Cmdlet).Name) {
            (Get-Command $name).HelpUri | Should -BeNullOrEmpty -Because "$name must not send people to an address nobody keeps"
            $links = @((Get-Help $name).relatedLinks.navigationLink)
            @($links | Where-Object { "$($_.uri)".Trim() }) | Should -BeNullOrEmpty
            ($links.linkText -join "`n") | Should -Match ([regex]::Escape("No online version (Get-Help -Online has no address to open): Get-Help $name -Full"))
            { Get-Help $name -Online -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidOperation,Microsoft.PowerShell.Commands.GetHelpCommand'
        }
        (Get-Help about_ConnectWiseSetup | Out-String) | Should -Match 'no online help'
    }
}

Describe 'The unattended walkthrough in the shell' {
    It 'Get-Help about_ConnectWiseSetup_Unattended gives the exit codes, the key sources, an install job and the monitors, at 80 columns' {
        $text = Get-Help about_ConnectWiseSetup_Unattended | Out-String -Width 80
        foreach ($must in 'exit 2', 'ManualStepRequired', 'Import-Module ConnectWiseSetup', 'CONNECTWISE_CLIENTID', 'Test-CwIntegrationPermission', 'Update-CwApiKey -NonInteractive') {
            $text | Should -Match ([regex]::Escape($must))
        }
        $file = Join-Path $ModuleDirectory 'en-US/about_ConnectWiseSetup_Unattended.help.txt'
        @(Get-Content $file | Where-Object { $_.Length -gt 80 }) | Should -BeNullOrEmpty
    }
}
