#requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Mirrors tests/ConnectWiseSetup.Tests/Foundation/ConnectAgainstSimulatorTests.cs for people with pwsh.
# Start a simulator first:  dotnet run --project src/ConnectWiseSetup.Simulator -- --port 0 --connection-file ./sim.json
# and point CWSETUP_SIM_FILE at the file (default ./sim.json).

BeforeAll {
    $root = Resolve-Path "$PSScriptRoot/../.."
    Import-Module (Join-Path $root 'src/ConnectWiseSetup/bin/Release/netstandard2.0/ConnectWiseSetup.psd1') -Force
    $simFile = if ($env:CWSETUP_SIM_FILE) { $env:CWSETUP_SIM_FILE } else { Join-Path $root 'sim.json' }
    $script:Sim = Get-Content -Raw $simFile | ConvertFrom-Json
    $script:Cred = [pscredential]::new($Sim.publicKey, (ConvertTo-SecureString $Sim.privateKey -AsPlainText -Force))
}

Describe 'Connect-CwManage' {
    It 'discovers the codebase and the API version' {
        $c = Connect-CwManage -Server $Sim.server -CompanyId $Sim.companyId -ClientId $Sim.clientId -Credential $Cred -PassThru
        $c.Codebase.Trim('/') | Should -Be 'v2025_1'
        $c.ApiVersion | Should -Match '^\d{4}\.\d+$'
        (Get-CwConnection).CompanyId | Should -Be $Sim.companyId
    }

    It 'gives CwAuthenticationFailed for a wrong key' {
        $bad = [pscredential]::new($Sim.publicKey, (ConvertTo-SecureString 'WrongPrivateKey0' -AsPlainText -Force))
        { Connect-CwManage -Server $Sim.server -CompanyId $Sim.companyId -ClientId $Sim.clientId -Credential $bad -ErrorAction Stop } |
            Should -Throw -ErrorId 'CwAuthenticationFailed*'
    }

    It 'refuses http to a non-loopback host before any request' {
        { Connect-CwManage -Server 'http://cw.example.com' -CompanyId $Sim.companyId -ClientId $Sim.clientId -Credential $Cred -ErrorAction Stop } |
            Should -Throw -ErrorId 'CwInsecureServer*'
    }

    It 'never shows the private key in the connection object' {
        $c = Get-CwConnection
        ($c | Format-List * | Out-String) | Should -Not -Match ([regex]::Escape($Sim.privateKey))
    }
}
