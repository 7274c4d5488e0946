# Mirrors tests/ConnectWiseSetup.Tests/Members (ApiMemberCmdletTests, ApiKeyCmdletTests) in the real shell. Runs as it is: `Invoke-Pester tests/Pester` after a build;
# Shared.ps1 imports the built module and this file starts its own simulator.

BeforeAll {
    . $PSScriptRoot/Shared.ps1
    $script:Sim = Start-TestSimulator
    $script:Cred = $Sim.Credential
    Connect-TestTenant $Sim | Out-Null
    $n = Get-Random -Maximum 99999
    $script:Identifier = "Pester$n"
    $script:RoleName = "Pester Members $n"
    New-CwSecurityRole -Name $RoleName | Out-Null
}

AfterAll { Stop-CwSimulator $Sim }

Describe 'API members' {
    It 'creates a member with its role, discovering level, location, department and time zone' {
        $m = New-CwApiMember -Identifier $Identifier -Name 'Pester Member' -SecurityRole $RoleName
        $m.Identifier | Should -Be $Identifier
        $m.SecurityRole.Name | Should -Be $RoleName
        (Get-CwApiMember -Identifier $Identifier).Id | Should -Be $m.Id
    }

    It 'refuses a bad identifier before any request' {
        { New-CwApiMember -Identifier 'has/slash' -SecurityRole $RoleName -ErrorAction Stop } | Should -Throw -ErrorId 'CwInvalidIdentifier*'
    }

    It 'changes only what differs' {
        $m = Set-CwApiMember -ApiMember $Identifier -Name 'Pester Member Renamed' -PassThru
        $m.Name | Should -Be 'Pester Member Renamed'
    }
}

Describe 'API keys' {
    It 'takes a key made in the web UI (-KeyPair), proves it is the member''s, and tests it' {
        $member = Get-CwApiMember -Identifier $Identifier
        $made = $member | New-CwSimApiKey -Description 'Pester'   # what a person does in the member's API Keys tab
        $pair = $made.Credential
        $key = New-CwApiKey -ApiMember $Identifier -KeyPair $pair
        $key.Member.Identifier | Should -Be $Identifier
        $key.PublicKey | Should -Be $made.PublicKey
        $test = $key | Test-CwApiKey
        $test.IsValid | Should -BeTrue
        $test.IsActive | Should -BeTrue
    }

    It 'refuses the administrator''s own key for another member' {
        { New-CwApiKey -ApiMember $Identifier -KeyPair $Cred -ErrorAction Stop } | Should -Throw -ErrorId 'CwKeyBelongsToAnotherMember*'
    }

    It 'disables the member; its key then fails the test as a result, not an error' {
        $member = Get-CwApiMember -Identifier $Identifier
        $pair = ($member | New-CwSimApiKey -Description 'Pester 2').Credential
        (Disable-CwApiMember -ApiMember $Identifier -Confirm:$false -PassThru).InactiveFlag | Should -BeTrue
        $test = Test-CwApiKey -Credential $pair
        $test.IsValid -and $test.IsActive | Should -BeFalse
    }
}
