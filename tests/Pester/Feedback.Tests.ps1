# What a person sees at a prompt (issue 25, the second newcomer pass): every key object the module returns is taken where a
# key is asked for, Test-CwTenant ends on its answer, each step of an install says what now exists, -WhatIf says the plan
# once, long lists are summarised, and -Profile completes files as well as names.

BeforeAll {
    . $PSScriptRoot/Shared.ps1
    $script:Sim = Start-TestSimulator -Tenants 2
    Connect-TestTenant $Sim | Out-Null

    # A finished install of MspProcess on tenant 0: its result holds the key ($Installed.ApiKey).
    $first = Install-CwIntegration -Profile MspProcess -NonInteractive -WarningAction SilentlyContinue
    $first.Role | Set-CwSimRolePermission -Checklist $first.Checklist
    $second = Install-CwIntegration -Profile MspProcess -NonInteractive -WarningAction SilentlyContinue
    $made = $second.ApiMember | New-CwSimApiKey -Description 'MSP Process'
    $script:Installed = Install-CwIntegration -Profile MspProcess -NonInteractive -KeyPair $made.Credential
}

AfterAll { Stop-CwSimulator $Sim }

Describe 'Every key object the module returns is a key' {
    It 'Update-CwApiKey -OldKeyPair takes the install result''s ApiKey' {
        $r = Update-CwApiKey -ApiMember $Installed.ApiMember.Identifier -OldKeyPair $Installed.ApiKey -NonInteractive -WarningAction SilentlyContinue
        $r.Status | Should -Be 'ManualStepRequired'
        $r.OldPublicKey | Should -Be $Installed.ApiKey.PublicKey
    }

    It 'a PSCredential parameter takes a CwApiKey, an install result and a rotation result; a CwApiKey parameter takes a result' {
        (Test-CwApiKey -Credential $Installed.ApiKey).IsValid | Should -BeTrue
        (Test-CwApiKey -Credential $Installed).IsValid | Should -BeTrue
        (Test-CwApiKey -ApiKey $Installed).IsValid | Should -BeTrue
        (Test-CwIntegrationPermission -Profile MspProcess -ApiKey $Installed -Quiet) | Should -BeTrue
        (Test-CwIntegrationPermission -Profile MspProcess -Credential $Installed.ApiKey -Quiet) | Should -BeTrue
        (Install-CwIntegration -Profile MspProcess -KeyPair $Installed.ApiKey -NonInteractive).Status | Should -Be 'Complete'
    }

    It 'a result that holds no key yet says so' {
        $pending = [ConnectWiseSetup.Setup.KeyRotationResult]::new()
        { Test-CwApiKey -Credential $pending } | Should -Throw -ExpectedMessage '*holds no new key yet*'
    }
}

Describe '-Profile completes profile files as well as names' {
    It 'offers the built-in names, then the folders and *.json files of the location' {
        $folder = Join-Path $TestDrive 'completion'
        $null = New-Item -ItemType Directory -Path (Join-Path $folder 'vendor profiles')
        Set-Content -LiteralPath (Join-Path $folder 'acme.json') -Value '{}'
        Set-Content -LiteralPath (Join-Path $folder 'acme.txt') -Value ''
        Push-Location -LiteralPath $folder
        try {
            $line = 'Install-CwIntegration -Profile '
            $found = @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText)
            $found | Should -Contain 'MspProcess'
            $found | Should -Contain ('.' + [IO.Path]::DirectorySeparatorChar + 'acme.json')
            $found | Should -Contain ("'." + [IO.Path]::DirectorySeparatorChar + "vendor profiles'")
            $found | Should -Not -Contain ('.' + [IO.Path]::DirectorySeparatorChar + 'acme.txt')
            $line = 'Test-CwTenant -Profile ac'
            @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText) | Should -Be @('.' + [IO.Path]::DirectorySeparatorChar + 'acme.json')
        }
        finally { Pop-Location }
    }
}

Describe 'Test-CwTenant ends on its answer' {
    BeforeAll {
        # A key whose role may manage API members but not read security roles nor the member defaults' lists (tenant 1).
        $admin = Connect-TestTenant $Sim 1
        $role = New-CwSecurityRole -Name 'Weak Admin' -Connection $admin
        $company = $Sim.Tenants[1].CompanyId
        $role | Set-CwSimRolePermission -CompanyId $company -Module System -Function 'Member Maintenance' -Add All -Edit All -Inquire All
        $member = New-CwApiMember -Identifier WeakAdmin -Name 'Weak Admin' -SecurityRole $role -Connection $admin
        $script:WeakKey = $member | New-CwSimApiKey -CompanyId $company -Description 'weak'
        $script:WeakEnv = Get-TenantEnvironment $Sim 1
        $WeakEnv.SIM_PUBLIC = $WeakKey.PublicKey
        $WeakEnv.SIM_PRIVATE = $WeakKey.Credential.GetNetworkCredential().Password
        Connect-TestTenant $Sim | Out-Null
    }

    It 'a key that may not read what a check needs gets that check''s Fail with the levels to set, not an error; the answer is on the last screen' {
        $script = $ChildPrelude + "`nTest-CwTenant -Profile MspProcess`n'EXIT:' + `$?"
        $r = Invoke-TestConsole -Arguments '-NoProfile', '-Command', $script -Environment $WeakEnv
        $r.Text | Should -Not -Match '403 Forbidden' -Because $r.Text
        $r.Text | Should -Match 'EXIT:True'
        $lines = @($r.Text -split "`r?`n" | Where-Object { $_.Trim() })
        $exit = [array]::FindLastIndex([string[]]$lines, [Predicate[string]] { param($l) $l -like 'EXIT:*' })
        $lastScreen = $lines[([Math]::Max(0, $exit - 38))..($exit - 1)] -join "`n"
        $lastScreen | Should -Match 'Fail\s+Role name' -Because $r.Text
        $lastScreen | Should -Match 'set System > Security: Inquire Level All'
        $lastScreen | Should -Match '\d+ checks on .*: \d+ Pass \(not listed: -All lists them\), \d+ Warn, \d+ Fail'
        $lastScreen | Should -Not -Match '(?m)^Pass ' -Because 'passes are counted, not listed, without -All'
    }

    It 'writes only the Warn and Fail checks by default, every check with -All, and cuts no word at 80 and 120 columns' {
        $weak = Connect-CwManage -Server $Sim.Server -CompanyId $Sim.Tenants[1].CompanyId -ClientId $Sim.Tenants[1].ClientId -Credential $WeakKey.Credential -PassThru
        $default = @(Test-CwTenant -Profile MspProcess -Connection $weak -InformationAction Ignore)
        $all = @(Test-CwTenant -Profile MspProcess -Connection $weak -All -InformationAction Ignore)
        $default.Status | Should -Not -Contain 'Pass'
        $all.Count | Should -BeGreaterThan $default.Count
        $default[-1].Status | Should -Be 'Fail'
        $words = @{}
        foreach ($c in $all) { foreach ($w in "$($c.Status) $($c.Check) $($c.Detail) Fix: $($c.Fix) Status Check Detail ------ ----- ------" -split '\s+') { $words[$w] = 1 } }
        foreach ($width in 80, 120) {
            $text = $all | Out-String -Width $width
            $cut = @($text -split '\s+' | Where-Object { $_ -and -not $words.ContainsKey($_) })
            $cut | Should -BeNullOrEmpty -Because "every word on the screen is a whole word of a check at $width columns:`n$text"
        }
        Disconnect-CwManage -Connection $weak
    }
}

Describe 'Each step of an install says what now exists' {
    BeforeAll { Connect-TestTenant $Sim | Out-Null }

    It 'writes one host line per step (Information, not the pipeline), at most 80 columns, saying what was created or found' {
        $name = 'AppXite'
        $first = Install-CwIntegration -Profile $name -NonInteractive -WarningAction SilentlyContinue -InformationVariable said1
        @($first).Count | Should -Be 1 -Because 'the result is the pipeline''s only output'
        $lines1 = @($said1 | ForEach-Object { "$($_.MessageData)" })
        $lines1 | Should -Contain "[1/5] Role '$($first.Role.Name)' created (id $($first.Role.Id))."
        $first.Role | Set-CwSimRolePermission -Checklist $first.Checklist
        $second = Install-CwIntegration -Profile $name -NonInteractive -WarningAction SilentlyContinue -InformationVariable said2
        $lines2 = @($said2 | ForEach-Object { "$($_.MessageData)" })
        $lines2 | Should -Contain "[2/5] Permissions of '$($first.Role.Name)' already set ($(@((Get-CwIntegrationProfile $name).Permissions).Count) rows)."
        $lines2 | Should -Contain "[3/5] Member '$($second.ApiMember.Identifier)' created (id $($second.ApiMember.Id)), role '$($first.Role.Name)'."
        $made = $second.ApiMember | New-CwSimApiKey -Description 'AppXite'
        $third = Install-CwIntegration -Profile $name -NonInteractive -KeyPair $made.Credential -InformationVariable said3
        $third.Status | Should -Be 'Complete'
        $lines3 = @($said3 | ForEach-Object { "$($_.MessageData)" })
        $lines3 | Should -Contain "[4/5] Key '$($made.PublicKey)' signs in as '$($second.ApiMember.Identifier)'."
        $lines3 | Should -Contain "[5/5] Verified with the key: exactly the profile's rights."
        foreach ($l in $lines1 + $lines2 + $lines3) { $l.Length | Should -BeLessOrEqual 80 -Because $l }
    }

    It 'an unattended run writes the lines where a job''s log keeps them (stdout)' {
        $script = $ChildPrelude + "`n`$r = Install-CwIntegration -Profile MspProcess -NonInteractive -WarningAction SilentlyContinue; 'STATUS=' + `$r.Status"
        $r = Invoke-TestPwsh -Arguments '-NoProfile', '-NonInteractive', '-Command', $script -Environment (Get-TenantEnvironment $Sim)
        $r.StdOut | Should -Match "\[1/5\] Role 'MSP Process' \(id \d+\) exists\." -Because $r.Text
        $r.StdOut | Should -Match 'STATUS='
    }
    # Ctrl+C during the watch: Reliability/StopTests (the in-process host) reads the note; at a terminal pwsh does not always end
    # after Ctrl+C on an install's watch (see the issue's closing note), so no console test waits for that here.
}

Describe '-WhatIf says the plan once' {
    BeforeAll { Connect-TestTenant $Sim | Out-Null }

    It 'writes the plan object and no "What if:" text beside it' {
        $script = $ChildPrelude + "`nInstall-CwIntegration -Profile CloudBlueResellerMarketplace -WhatIf | Out-String -Width 80"
        $r = Invoke-TestPwsh -Arguments '-NoProfile', '-NonInteractive', '-Command', $script -Environment (Get-TenantEnvironment $Sim)
        $r.StdOut | Should -Not -Match 'What if:' -Because $r.Text
        @([regex]::Matches($r.StdOut, "Create security role 'CloudBlue")).Count | Should -Be 1 -Because $r.Text
        $plan = Install-CwIntegration -Profile CloudBlueResellerMarketplace -WhatIf
        $plan | Should -BeOfType ([ConnectWiseSetup.Setup.InstallPlan])
    }

    It 'no sentence of a plan''s or a result''s steps runs past two lines at 80 columns' {
        $plan = Install-CwIntegration -Profile MspProcess -RoleName (New-TestName 'Long ') -Identifier (New-TestName L) -WhatIf
        $half = Install-CwIntegration -Profile MspProcess -RoleName (New-TestName 'Long ') -Identifier (New-TestName L) -NonInteractive -WarningAction SilentlyContinue 6>$null
        foreach ($s in @($plan.Steps) + @($half.Steps)) {
            foreach ($sentence in $s.Detail -split '(?<=\.) ') { $sentence.Length | Should -BeLessOrEqual 160 -Because "step $($s.Number): $sentence" }
        }
    }
}

Describe 'Long lists are summarised with a count, the full list in the object' {
    BeforeAll { Connect-TestTenant $Sim | Out-Null }

    It 'the operator cmdlet writes one object for a Customize list allowed in full, not one per table' {
        $out = @(Set-CwSimRoleCustomize -Role $Installed.Role.Name -List 'Table Setup' -AllowAll)
        $out.Count | Should -Be 1
        $out[0].Allowed | Should -BeGreaterThan 60
        @($out[0].Items).Count | Should -Be $out[0].Allowed
        ($out | Out-String -Width 80) -split "`r?`n" | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }

    It 'a drift line for a Customize list counts the tables and names the first five; the object keeps them all' {
        $null = Set-CwSimRoleCustomize -Role $Installed.Role.Name -List 'Table Setup' -Allow 'Company / Company Status'
        try {
            $r = Test-CwIntegrationPermission -Profile MspProcess -ApiKey $Installed.ApiKey
            $diff = @($r.CustomizeDifferences)[0]
            $diff.MissingItems.Count | Should -BeGreaterThan 60
            $line = "$diff"
            $line | Should -Match "missing $($diff.MissingItems.Count) tables \(first 5: [^;]+; all in \.MissingItems\)"
            $line.Length | Should -BeLessThan 300 -Because $line
            $view = $diff | Out-String -Width 80
            $view | Should -Match 'all in'
            ($view -split "`r?`n").Count | Should -BeLessThan 25 -Because $view
        }
        finally { $null = Set-CwSimRoleCustomize -Role $Installed.Role.Name -List 'Table Setup' -AllowAll }
    }
}
