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
