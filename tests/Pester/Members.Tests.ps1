#requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Mirrors tests/ConnectWiseSetup.Tests/Members (ApiMemberCmdletTests, ApiKeyCmdletTests) for people with pwsh.
# Start a simulator first:  dotnet run --project src/ConnectWiseSetup.Simulator -- --port 0 --connection-file ./sim.json
# and point CWSETUP_SIM_FILE at the file (default ./sim.json).

BeforeAll {
    $root = Resolve-Path "$PSScriptRoot/../.."
    Import-Module (Join-Path $root 'src/ConnectWiseSetup/bin/Release/netstandard2.0/ConnectWiseSetup.psd1') -Force
    $simFile = if ($env:CWSETUP_SIM_FILE) { $env:CWSETUP_SIM_FILE } else { Join-Path $root 'sim.json' }
    $script:Sim = Get-Content -Raw $simFile | ConvertFrom-Json
    $script:Cred = [pscredential]::new($Sim.publicKey, (ConvertTo-SecureString $Sim.privateKey -AsPlainText -Force))
    Connect-CwManage -Server $Sim.server -CompanyId $Sim.companyId -ClientId $Sim.clientId -Credential $Cred

    # What a person does in the web UI: create an API key (returned once, with its private key).
    function script:New-SimApiKey([int] $MemberId, [string] $Description) {
        $uri = "$($Sim.operatorUrl.TrimEnd('/'))/tenants/$($Sim.companyId)/apiMembers/$MemberId/keys"
        Invoke-RestMethod -Method Post -Uri $uri -Headers @{ 'X-Operator-Token' = $Sim.operatorToken } -ContentType 'application/json' `
            -Body (@{ description = $Description } | ConvertTo-Json)
    }
    $n = Get-Random -Maximum 99999
    $script:Identifier = "Pester$n"
    $script:RoleName = "Pester Members $n"
    New-CwSecurityRole -Name $RoleName | Out-Null
}

AfterAll {
    Get-CwApiMember -Identifier $Identifier -IncludeInactive -ErrorAction SilentlyContinue | Disable-CwApiMember -Confirm:$false
}

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
        $made = New-SimApiKey -MemberId $member.Id -Description 'Pester'
        $pair = [pscredential]::new($made.publicKey, (ConvertTo-SecureString $made.privateKey -AsPlainText -Force))
        $key = New-CwApiKey -ApiMember $Identifier -KeyPair $pair
        $key.Member.Identifier | Should -Be $Identifier
        $key.PublicKey | Should -Be $made.publicKey
        $test = $key | Test-CwApiKey
        $test.IsValid | Should -BeTrue
        $test.IsActive | Should -BeTrue
    }

    It 'refuses the administrator''s own key for another member' {
        { New-CwApiKey -ApiMember $Identifier -KeyPair $Cred -ErrorAction Stop } | Should -Throw -ErrorId 'CwKeyBelongsToAnotherMember*'
    }

    It 'disables the member; its key then fails the test as a result, not an error' {
        $member = Get-CwApiMember -Identifier $Identifier
        $made = New-SimApiKey -MemberId $member.Id -Description 'Pester 2'
        $pair = [pscredential]::new($made.publicKey, (ConvertTo-SecureString $made.privateKey -AsPlainText -Force))
        (Disable-CwApiMember -ApiMember $Identifier -Confirm:$false -PassThru).InactiveFlag | Should -BeTrue
        $test = Test-CwApiKey -Credential $pair
        $test.IsValid -and $test.IsActive | Should -BeFalse
    }
}
