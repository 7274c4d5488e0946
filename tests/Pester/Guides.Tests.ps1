#requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Mirrors tests/ConnectWiseSetup.Tests/Guides (ConvertFromGuideCmdletTests) for people with pwsh.
# Start a simulator first:  dotnet run --project src/ConnectWiseSetup.Simulator -- --port 0 --connection-file ./sim.json
# and point CWSETUP_SIM_FILE at the file (default ./sim.json).

BeforeAll {
    $root = Resolve-Path "$PSScriptRoot/../.."
    Import-Module (Join-Path $root 'src/ConnectWiseSetup/bin/Release/netstandard2.0/ConnectWiseSetup.psd1') -Force
    $simFile = if ($env:CWSETUP_SIM_FILE) { $env:CWSETUP_SIM_FILE } else { Join-Path $root 'sim.json' }
    $script:Sim = Get-Content -Raw $simFile | ConvertFrom-Json
    $cred = [pscredential]::new($Sim.publicKey, (ConvertTo-SecureString $Sim.privateKey -AsPlainText -Force))
    Connect-CwManage -Server $Sim.server -CompanyId $Sim.companyId -ClientId $Sim.clientId -Credential $cred
    $script:Data = Join-Path $root 'tests/ConnectWiseSetup.Tests/Guides/Data'
}

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
