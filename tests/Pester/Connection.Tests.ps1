# Mirrors tests/ConnectWiseSetup.Tests/Foundation/ConnectAgainstSimulatorTests.cs in the real shell. Runs as it is: `Invoke-Pester tests/Pester` after a build;
# Shared.ps1 imports the built module and this file starts its own simulator.

BeforeAll {
    . $PSScriptRoot/Shared.ps1
    $script:Sim = Start-TestSimulator
    $script:Cred = $Sim.Credential
    $script:PrivateKey = $Sim.Credential.GetNetworkCredential().Password
}

AfterAll { Stop-CwSimulator $Sim }

Describe 'Connect-CwManage' {
    It 'discovers the codebase and the API version' {
        $c = Connect-CwManage -Server $Sim.Server -CompanyId $Sim.CompanyId -ClientId $Sim.ClientId -Credential $Cred -PassThru
        $c.Codebase.Trim('/') | Should -Be 'v2025_1'
        $c.ApiVersion | Should -Match '^\d{4}\.\d+$'
        (Get-CwConnection).CompanyId | Should -Be $Sim.CompanyId
    }

    It 'gives CwAuthenticationFailed for a wrong key' {
        $bad = [pscredential]::new($Sim.Credential.UserName, (ConvertTo-SecureString 'WrongPrivateKey0' -AsPlainText -Force))
        { Connect-CwManage -Server $Sim.Server -CompanyId $Sim.CompanyId -ClientId $Sim.ClientId -Credential $bad -ErrorAction Stop } |
            Should -Throw -ErrorId 'CwAuthenticationFailed*'
    }

    It 'refuses http to a non-loopback host before any request' {
        { Connect-CwManage -Server 'http://cw.example.com' -CompanyId $Sim.CompanyId -ClientId $Sim.ClientId -Credential $Cred -ErrorAction Stop } |
            Should -Throw -ErrorId 'CwInsecureServer*'
    }

    It 'never shows the private key in the connection object' {
        $c = Get-CwConnection
        ($c | Format-List * | Out-String) | Should -Not -Match ([regex]::Escape($PrivateKey))
    }
}
