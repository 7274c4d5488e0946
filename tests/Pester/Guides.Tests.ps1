# Mirrors tests/ConnectWiseSetup.Tests/Guides (ConvertFromGuideCmdletTests) in the real shell. Runs as it is: `Invoke-Pester tests/Pester` after a build;
# Shared.ps1 imports the built module and this file starts its own simulator.

BeforeAll {
    . $PSScriptRoot/Shared.ps1
    $script:Sim = Start-TestSimulator
    Connect-TestTenant $Sim | Out-Null
    $script:Data = Join-Path $RepoRoot 'tests/ConnectWiseSetup.Tests/Guides/Data'
}

AfterAll { Stop-CwSimulator $Sim }

Describe 'A vendor guide read into a profile' {
    It 'pipes the profile into Install-CwIntegration -WhatIf, as the help shows' {
        Push-Location $Data
        try { $plan = ConvertFrom-CwIntegrationGuide ./headings.md | Install-CwIntegration -WhatIf }
        finally { Pop-Location }
        $plan.Profile | Should -Be 'RelecloudMonitoring'
        $plan.Steps.Count | Should -Be 5
        $plan.Steps[0].Detail | Should -Match "Relecloud Monitoring"
    }

    It 'reads the lines Get-Content sends as one guide, with the line numbers of the file' {
        $p = Get-Content (Join-Path $Data 'prose.txt') | ConvertFrom-CwIntegrationGuide -Name Adatum
        $p.Name | Should -Be 'Adatum'
        ($p.Permissions | Where-Object Function -eq 'Contacts').Lines | Should -Be @(4, 5, 6)
        ($p.Permissions | Where-Object Function -eq 'Contacts').Levels.ToString() | Should -Be 'All/All/None/All'
    }

    It 'warns and marks the profile for review when lines look like permissions but were not read' {
        $p = ConvertFrom-CwIntegrationGuide (Join-Path $Data 'unread.txt') -WarningVariable w -WarningAction SilentlyContinue
        $p.NeedsReview | Should -BeTrue
        "$w" | Should -Match 'lines 6, 10-11'
        $p.Import.Unread.Line | Should -Be @(6, 10, 11)
    }

    It 'writes a profile file that loads back with its rows and lines' {
        $file = Join-Path $TestDrive 'jammed.json'
        ConvertFrom-CwIntegrationGuide (Join-Path $Data 'jammed.txt') -AsJson | Set-Content -LiteralPath $file
        $p = Get-CwIntegrationProfile -Path $file
        $p.Permissions.Count | Should -Be 9
        ($p.Permissions | Where-Object Function -eq 'Sales Orders').Lines | Should -Be @(13, 15, 17, 19, 21)
        ($p.Customize | Where-Object Function -eq 'Agreements').AllowAll | Should -BeTrue
    }
}
