# Unattended runs, in the real shell: who can answer a prompt (PromptCapability) in a `pwsh -NonInteractive -File`
# RMM script, in a job, a thread job, a hosted runspace, with input redirected and in a terminal; the README's
# exit-code pattern (0 complete, 2 a person must act, 1 a failure) without the cmdlet's own -NonInteractive.

BeforeAll {
    . $PSScriptRoot/Shared.ps1
    $script:Sim = Start-TestSimulator -Tenants 4
    $script:Rmm = New-TestScript 'rmm.ps1' (@'
# An RMM job as README shows it, without Install-CwIntegration's own -NonInteractive: pwsh's -NonInteractive is enough.
'@ + "`n" + $ChildPrelude + @'
try {
    $params = @{ Profile = 'MspProcess'; ErrorAction = 'Stop' }
    if ($env:KEY_PUBLIC) { $params.KeyPair = [pscredential]::new($env:KEY_PUBLIC, (ConvertTo-SecureString $env:KEY_PRIVATE -AsPlainText -Force)) }
    $r = Install-CwIntegration @params
    if ($r.Status -ne 'Complete') { $r.Instructions; exit 2 }
} catch { $_.FullyQualifiedErrorId; exit 1 }
'complete'
exit 0
'@)
}

AfterAll { Stop-CwSimulator $Sim }

Describe 'PromptCapability in each kind of host' {
    It 'a console started with -NonInteractive cannot prompt, because of the switch' {
        $r = Invoke-TestPwsh -Arguments '-NoProfile', '-NonInteractive', '-Command', ("Import-Module `$env:CWSETUP_TEST_MODULE`n" + $ProbePrompt)
        $r.StdOut | Should -Match 'PROMPT=\[PowerShell was started with -NonInteractive\]'
    }

    It 'a console whose input is redirected cannot prompt (a scheduler or an agent gives it no keyboard)' {
        $r = Invoke-TestPwsh -Arguments '-NoProfile', '-Command', ("Import-Module `$env:CWSETUP_TEST_MODULE`n" + $ProbePrompt)
        $r.StdOut | Should -Match 'PROMPT=\[the console''s input is redirected'
    }

    It 'a console in a terminal can prompt; with -NonInteractive it cannot, terminal or not' {
        $probe = "Import-Module `$env:CWSETUP_TEST_MODULE`n" + $ProbePrompt
        (Invoke-TestConsole -Arguments '-NoProfile', '-Command', $probe).Text | Should -Match 'PROMPT=\[\]'
        (Invoke-TestConsole -Arguments '-NoProfile', '-NonInteractive', '-Command', $probe).Text | Should -Match 'PROMPT=\[PowerShell was started with -NonInteractive\]'
    }

    It 'a background job (Start-Job) cannot prompt: a prompt would block the job until someone runs Receive-Job' {
        $out = Start-Job -ScriptBlock ([scriptblock]::Create("Import-Module '$ModuleManifest'`n" + $ProbePrompt)) | Receive-Job -Wait -AutoRemoveJob
        $out | Should -Match 'PROMPT=\[it runs in a background job \(Start-Job\)\]'
    }

    It 'a thread job, ForEach-Object -Parallel and a hosted runspace have no user interface' {
        $probe = [scriptblock]::Create($ProbePrompt)
        Start-ThreadJob -ScriptBlock $probe | Receive-Job -Wait -AutoRemoveJob | Should -Match 'PROMPT=\[the PowerShell host has no user interface'
        1 | ForEach-Object -Parallel $probe | Should -Match 'PROMPT=\[the PowerShell host has no user interface'
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Import-Module '$ModuleManifest'`n" + $ProbePrompt)
            "$($ps.Invoke())" | Should -Match 'PROMPT=\[the PowerShell host has no user interface'
        }
        finally { $ps.Dispose() }
    }

    It 'a thread job that streams to a terminal''s host can prompt as that host can' {
        $script = "Import-Module `$env:CWSETUP_TEST_MODULE`n" +
            "Start-ThreadJob -StreamingHost `$Host -ScriptBlock { $ProbePrompt } | Receive-Job -Wait -AutoRemoveJob"
        (Invoke-TestConsole -Arguments '-NoProfile', '-Command', $script).Text | Should -Match 'PROMPT=\[\]'
    }
}

Describe 'An RMM script: pwsh -NonInteractive -File with the README''s exit codes' {
    BeforeAll {
        $script:Env0 = Get-TenantEnvironment $Sim 0
        Connect-TestTenant $Sim 0 | Out-Null
    }

    It 'exits 2 at once with the permission checklist when the role needs a person (no 30-minute watch)' {
        $r = Invoke-TestPwsh -Arguments '-NoProfile', '-NonInteractive', '-File', $Rmm -Environment $Env0
        $r.ExitCode | Should -Be 2 -Because $r.Text
        $r.StdOut | Should -Match 'In ConnectWise, open System > Security Roles > MSP Process'
        $r.StdOut | Should -Match 'run Install-CwIntegration again'
        $r.Text | Should -Not -Match 'Watching the role'
        (Compare-CwSecurityRole -Role 'MSP Process' -Profile MspProcess).RowsMatch | Should -BeFalse
    }

    It 'exits 2 at the key step once the permissions are set, with where to create the key and no prompt' {
        Get-CwSecurityRole -Name 'MSP Process' | Set-CwSimRolePermission -Profile MspProcess
        $r = Invoke-TestPwsh -Arguments '-NoProfile', '-NonInteractive', '-File', $Rmm -Environment $Env0
        $r.ExitCode | Should -Be 2 -Because $r.Text
        $r.StdOut | Should -Match 'API Keys tab'
        $r.StdOut | Should -Match '-KeyPair'
        $r.Text | Should -Not -Match 'User:'
        $r.Text | Should -Not -Match 'credential request'
    }

    It 'exits 1 on a failure (the administrator''s own key given as the integration''s)' {
        $envBad = $Env0.Clone(); $envBad.KEY_PUBLIC = $Env0.SIM_PUBLIC; $envBad.KEY_PRIVATE = $Env0.SIM_PRIVATE
        $r = Invoke-TestPwsh -Arguments '-NoProfile', '-NonInteractive', '-File', $Rmm -Environment $envBad
        $r.ExitCode | Should -Be 1 -Because $r.Text
        $r.StdOut | Should -Match 'CwKeyBelongsToAnotherMember'
    }

    It 'exits 0 once the key made in the web UI is given' {
        $key = Get-CwApiMember -Identifier MSPProcess | New-CwSimApiKey -Description 'MSP Process'
        $envKey = $Env0.Clone(); $envKey.KEY_PUBLIC = $key.PublicKey; $envKey.KEY_PRIVATE = $key.PrivateKey
        $r = Invoke-TestPwsh -Arguments '-NoProfile', '-NonInteractive', '-File', $Rmm -Environment $envKey
        $r.ExitCode | Should -Be 0 -Because $r.Text
        $r.StdOut | Should -Match 'complete'
        $r.Text | Should -Not -Match ([regex]::Escape($key.PrivateKey))
    }
}

Describe 'Install-CwIntegration without -NonInteractive where nobody can answer' {
    It 'returns ManualStepRequired at once in <Name>' -ForEach @(
        @{ Name = 'a background job'; Tenant = 1; Kind = 'Job' }
        @{ Name = 'a thread job'; Tenant = 2; Kind = 'ThreadJob' }
        @{ Name = 'a hosted runspace'; Tenant = 3; Kind = 'Runspace' }
    ) {
        $t = $Sim.Tenants[$Tenant]
        $body = {
            param($Module, $Server, $CompanyId, $ClientId, $Credential)
            Import-Module $Module
            Connect-CwManage -Server $Server -CompanyId $CompanyId -ClientId $ClientId -Credential $Credential
            $r = Install-CwIntegration -Profile AppXite -WarningAction SilentlyContinue
            "$($r.Status)|$($r.Steps[1].State)|$($r.Instructions -match 'Security Roles')"
        }
        $arguments = @($ModuleManifest, $Sim.Server, $t.CompanyId, $t.ClientId, $t.Credential)
        $out = switch ($Kind) {
            'Job' { Start-Job -ScriptBlock $body -ArgumentList $arguments | Receive-Job -Wait -AutoRemoveJob }
            'ThreadJob' { Start-ThreadJob -ScriptBlock $body -ArgumentList $arguments | Receive-Job -Wait -AutoRemoveJob }
            'Runspace' {
                $ps = [powershell]::Create()
                try { $ps.AddScript($body.ToString()).AddParameters($arguments).Invoke() } finally { $ps.Dispose() }
            }
        }
        "$out" | Should -Be 'ManualStepRequired|ToDo|True'
    }
}

Describe 'New-CwApiKey where nobody can answer' {
    BeforeAll {
        Connect-TestTenant $Sim 0 | Out-Null
        $script:Env0 = Get-TenantEnvironment $Sim 0
        New-CwApiMember -Identifier Headless -Name 'Headless Key' -SecurityRole 'MSP Process' | Out-Null
    }

    It 'says what to do once, with no dangling prompt, in <Name>' -ForEach @(
        @{ Name = 'pwsh -NonInteractive'; Switches = @('-NonInteractive'); Reason = 'PowerShell was started with -NonInteractive' }
        @{ Name = 'pwsh with its input redirected'; Switches = @(); Reason = 'the console''s input is redirected' }
    ) {
        $script = $ChildPrelude + "`ntry { New-CwApiKey Headless -Description 'Vendor X' } catch { 'ERRORID=' + `$_.FullyQualifiedErrorId; `$_.Exception.Message; exit 1 }"
        $r = Invoke-TestPwsh -Arguments (@('-NoProfile') + $Switches + @('-Command', $script)) -Environment $Env0
        $r.ExitCode | Should -Be 1
        $r.StdOut | Should -Match 'ERRORID=CwManualStepRequired'
        $r.StdOut | Should -Match ([regex]::Escape($Reason))
        ([regex]::Matches($r.Text, 'open the API Members tab')).Count | Should -Be 1 -Because $r.Text
        $r.Text | Should -Not -Match 'User:'
        $r.Text | Should -Not -Match 'credential request'
    }

    It 'at a terminal, asks for the key with a credential prompt and never shows the private key' {
        $member = Get-CwApiMember -Identifier Headless
        $key = $member | New-CwSimApiKey -Description 'Vendor X'
        $script = $ChildPrelude + "`n`$k = New-CwApiKey Headless -Description 'Vendor X'; 'KEY=' + `$k.PublicKey + '|' + `$k.Member.Identifier"
        $r = Invoke-TestConsole -Arguments '-NoProfile', '-Command', $script -Environment $Env0 -Dialog @(
            @{ Expect = 'User: '; Send = $key.PublicKey + "`r" }
            @{ Expect = 'Password for user'; Send = $key.PrivateKey + "`r" }
        )
        $r.Answered | Should -Be 2 -Because $r.Text
        $r.Text | Should -Match ('KEY=' + $key.PublicKey + '\|Headless')
        $r.Text | Should -Match 'open the API Members tab'
        $r.Text | Should -Not -Match ([regex]::Escape($key.PrivateKey))
    }
}

Describe 'An RMM script never takes over what the integration does not own (issue 23)' {
    BeforeAll {
        $script:Env3 = Get-TenantEnvironment $Sim 3
        $script:TakeOver = New-TestScript 'takeover.ps1' ($ChildPrelude + @'
try {
    Install-CwIntegration -Profile MspProcess -Identifier $env:SIM_ADMIN_IDENTIFIER -ErrorAction Stop | Out-Null
    'installed'; exit 0
} catch { $_.FullyQualifiedErrorId; exit 1 }
'@)
    }

    It 'exits 1 with CwConnectedMemberRefused when the profile names the connected member, and writes nothing' {
        $env3 = $Env3.Clone(); $env3.SIM_ADMIN_IDENTIFIER = 'SimAdmin'
        $r = Invoke-TestPwsh -Arguments '-NoProfile', '-NonInteractive', '-File', $TakeOver -Environment $env3
        $r.ExitCode | Should -Be 1 -Because $r.Text
        $r.StdOut | Should -Match '^CwConnectedMemberRefused'
        Connect-TestTenant $Sim 3 | Out-Null
        Get-CwSecurityRole -Name 'MSP Process' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        (Get-CwApiMember -Identifier SimAdmin).SecurityRole.Name | Should -Be 'Admin'
    }
}
