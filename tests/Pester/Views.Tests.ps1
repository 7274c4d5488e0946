# What a person reads in a real console: every main view rendered with Out-String at 80 and 120 columns (every column
# or field of the view present, no cell cut with '…'), and the texts issue 14 names (help INPUTS and defaults, the
# about topic, the audit table, -ApiMember completion, Set-CwApiMember's -WhatIf). Views and help texts are being
# reworked on the ux branch: tests of what issue 14 says is wrong there fail until that work is merged (tag Views:
# Invoke-PesterSuite.ps1 -ExcludeTag Views leaves them out).

BeforeDiscovery {
    $script:Views = @(
        @{ View = 'connection (Get-CwConnection)'; Key = 'Connection' }
        @{ View = 'security roles (Get-CwSecurityRole)'; Key = 'Roles' }
        @{ View = 'role rows (Get-CwSecurityRolePermission)'; Key = 'Settings' }
        @{ View = 'profiles (Get-CwIntegrationProfile)'; Key = 'Profiles' }
        @{ View = 'a comparison (Compare-CwSecurityRole)'; Key = 'Comparison' }
        @{ View = 'the rows to change (Compare-CwSecurityRole).ToChange'; Key = 'ToChange' }
        @{ View = 'the checklist (Install-CwIntegration).Checklist'; Key = 'Checklist' }
        @{ View = 'API members with inactive ones (Get-CwApiMember -IncludeInactive)'; Key = 'Members' }
        @{ View = 'an API key (New-CwApiKey)'; Key = 'Key' }
        @{ View = 'a key test (Test-CwApiKey)'; Key = 'KeyTest' }
        @{ View = 'an install plan (Install-CwIntegration -WhatIf)'; Key = 'Plan' }
        @{ View = 'an install''s steps'; Key = 'Steps' }
        @{ View = 'an install result'; Key = 'Result' }
        @{ View = 'the vendor values'; Key = 'VendorValues' }
        @{ View = 'a permission test with -Live (Test-CwIntegrationPermission)'; Key = 'PermissionTest' }
        @{ View = 'the endpoints a -Live test called'; Key = 'Endpoints' }
        @{ View = 'the readiness checks (Test-CwTenant -Profile)'; Key = 'TenantChecks' }
    )
    $script:Cases = foreach ($w in 80, 120) { foreach ($v in $Views) { @{ View = $v.View; Key = $v.Key; Width = $w } } }
}

BeforeAll {
    . $PSScriptRoot/Shared.ps1
    $script:Sim = Start-TestSimulator
    Connect-TestTenant $Sim | Out-Null

    # An installed integration and a half-done one on the tenant, so every view has real rows to show.
    $first = Install-CwIntegration -Profile MspProcess -NonInteractive -WarningAction SilentlyContinue
    $checklist = $first.Checklist
    $first.Role | Set-CwSimRolePermission -Checklist $checklist
    $second = Install-CwIntegration -Profile MspProcess -NonInteractive -WarningAction SilentlyContinue
    $made = $second.ApiMember | New-CwSimApiKey -Description 'MSP Process'
    $result = Install-CwIntegration -Profile MspProcess -NonInteractive -KeyPair $made.Credential -Live
    $half = New-CwSecurityRole -Name 'Half Done Role, Long Name'
    $half | Set-CwSimRolePermission -Module Companies -Function 'Company Maintenance' -Add All -Inquire All
    New-CwApiMember -Identifier Retired -Name 'Retired Member, Long Name' -SecurityRole $half | Disable-CwApiMember -Confirm:$false
    $comparison = Compare-CwSecurityRole -Role $half -Profile MspProcess
    $test = Test-CwIntegrationPermission -Profile MspProcess -ApiKey $result.ApiKey -Live
    $script:Objects = @{
        Connection     = @(Get-CwConnection)
        Roles          = @(Get-CwSecurityRole)
        Settings       = @(Get-CwSecurityRolePermission -Role $result.Role)
        Profiles       = @(Get-CwIntegrationProfile)
        Comparison     = @($comparison)
        ToChange       = @($comparison.ToChange)
        Checklist      = @($checklist)
        Members        = @(Get-CwApiMember -IncludeInactive)
        Key            = @($result.ApiKey)
        KeyTest        = @((Test-CwApiKey -Credential $made.Credential), (Test-CwApiKey -Credential ([pscredential]::new($made.PublicKey, (ConvertTo-SecureString 'NotTheRightKey00' -AsPlainText -Force)))))
        Plan           = @(Install-CwIntegration -Profile AppXite -WhatIf 6>$null)
        Steps          = @($result.Steps)
        Result         = @($second, $result)
        VendorValues   = @($result.VendorValues)
        TenantChecks   = @(Test-CwTenant -Profile AppXite -All -InformationAction Ignore)
        PermissionTest = @($test)
        Endpoints      = @($test.Endpoints)
    }
    $script:Result = $result

    # The labels of the view PowerShell picks for an object: a table's headers or a list's labels.
    function Get-ViewLabels($Object) {
        $type = $Object.PSObject.TypeNames[0]
        $view = (Get-FormatData -TypeName $type -PowerShellVersion $PSVersionTable.PSVersion).FormatViewDefinition | Select-Object -First 1
        if (-not $view) { throw "No view for $type" }
        $control = $view.Control
        if ($control -is [System.Management.Automation.TableControl]) {
            for ($i = 0; $i -lt $control.Headers.Count; $i++) {
                if ($control.Headers[$i].Label) { $control.Headers[$i].Label } else { $control.Rows[0].Columns[$i].DisplayEntry.Value }
            }
        }
        elseif ($control -is [System.Management.Automation.ListControl]) {
            # An item shown only on a condition (e.g. Instructions, when there are some) is not required.
            foreach ($item in $control.Entries[0].Items | Where-Object { -not $_.ItemSelectionCondition }) { if ($item.Label) { $item.Label } else { $item.DisplayEntry.Value } }
        }
    }
}

AfterAll { Stop-CwSimulator $Sim }

Describe 'Views at 80 and 120 columns' -Tag 'Views' {
    It '<View> at <Width> columns shows every column of its view and cuts no cell' -ForEach $Cases {
        $objects = $Objects[$Key]
        $objects | Should -Not -BeNullOrEmpty
        $text = $objects | Out-String -Width $Width
        $text | Should -Not -Match '…' -Because "at $Width columns:`n$text"
        foreach ($label in Get-ViewLabels $objects[0]) {
            $text | Should -Match ('(^|\s)' + [regex]::Escape($label) + '(\s|$)') -Because "the view's '$label' must show at $Width columns:`n$text"
        }
        foreach ($line in $text -split "`r?`n") { $line.Length | Should -BeLessOrEqual $Width }
    }
}

Describe 'What a person reads' -Tag 'Views' {
    It 'the audit of members prints one line per member by default' {
        $members = @(Get-CwApiMember -IncludeInactive)
        $text = Get-CwApiMember -IncludeInactive | Test-CwIntegrationPermission -Profile MspProcess | Out-String -Width 120
        $lines = @($text -split "`r?`n" | Where-Object { $_.Trim() })
        $lines.Count | Should -BeLessOrEqual ($members.Count + 4) -Because $text
    }

    It 'Test-CwIntegrationPermission -ApiMember completes member identifiers, not file names' {
        $found = $null
        for ($i = 0; $i -lt 15 -and -not $found; $i++) {
            $found = (TabExpansion2 -inputScript 'Test-CwIntegrationPermission -Profile MspProcess -ApiMember MSP' -cursorColumn 61).CompletionMatches.CompletionText
            if (-not $found) { Start-Sleep -Milliseconds 500 }
        }
        $found | Should -Contain 'MSPProcess'
    }

    It 'Set-CwApiMember -WhatIf says the old and the new value' {
        $script = $ChildPrelude + "`nSet-CwApiMember -ApiMember MSPProcess -Name 'Renamed Process' -WhatIf"
        $r = Invoke-TestPwsh -Arguments '-NoProfile', '-NonInteractive', '-Command', $script -Environment (Get-TenantEnvironment $Sim)
        $line = @($r.StdOut -split "`r?`n" | Where-Object { $_ -like 'What if:*' })[0]
        $line | Should -Match 'MSP Process' -Because $r.Text
        $line | Should -Match 'Renamed Process'
    }

    It 'the checklist does not repeat the role''s path on every line' {
        $script = $ChildPrelude + "`n`$r = Install-CwIntegration -Profile AppXite -NonInteractive -WarningAction SilentlyContinue; `$r.Instructions"
        $r = Invoke-TestPwsh -Arguments '-NoProfile', '-NonInteractive', '-Command', $script -Environment (Get-TenantEnvironment $Sim)
        $repeated = @($r.StdOut -split "`r?`n" | Where-Object { $_ -match 'System > Security Roles > AppXite Integration >' })
        $repeated.Count | Should -BeLessOrEqual 1 -Because $r.StdOut
    }

    It 'help says what each cmdlet takes from the pipeline (INPUTS)' {
        $missing = foreach ($c in Get-Command -Module ConnectWiseSetup -CommandType Cmdlet) {
            $takes = $c.Parameters.Values | Where-Object { $_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and ($_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName) } }
            if ($takes -and -not ((Get-Help $c.Name -Full).inputTypes.inputType.type.name | Where-Object { $_ -and $_ -ne 'None' })) { $c.Name }
        }
        $missing | Should -BeNullOrEmpty
    }

    It 'help gives the default of a parameter that has one (Install-CwIntegration -PermissionTimeout)' {
        $p = (Get-Help Install-CwIntegration -Parameter PermissionTimeout)
        "$($p.defaultValue)" | Should -Not -BeIn @('', 'None')
    }

    It 'about_ConnectWiseSetup names Install-CwIntegration and points to nothing the module does not ship' {
        $about = Get-Help about_ConnectWiseSetup | Out-String
        $about | Should -Match 'Install-CwIntegration'
        $about | Should -Not -Match 'README'
    }
}
