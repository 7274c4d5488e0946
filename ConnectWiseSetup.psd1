@{
    RootModule           = 'ConnectWiseSetup.dll'
    ModuleVersion        = '0.2.0'
    GUID                 = '5b0c7f0e-3f4a-4c1e-9a57-2f1d8c6e4b21'
    Author               = 'ConnectWiseSetup contributors'
    CompanyName          = 'ConnectWiseSetup'
    Copyright            = '(c) ConnectWiseSetup contributors. MIT License.'
    Description          = 'Sets up and verifies ConnectWise PSA (Manage) vendor integrations: security roles, API members, guided API keys, permission tests.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    CmdletsToExport      = @(
        'Connect-CwManage'
        'Disconnect-CwManage'
        'Get-CwConnection'
        'Get-CwIntegrationProfile'
        'ConvertFrom-CwIntegrationGuide'
        'Get-CwSecurityRole'
        'New-CwSecurityRole'
        'Remove-CwSecurityRole'
        'Get-CwSecurityRolePermission'
        'Compare-CwSecurityRole'
        'Wait-CwSecurityRolePermission'
        'Export-CwSecurityRole'
        'Get-CwApiMember'
        'New-CwApiMember'
        'Set-CwApiMember'
        'Disable-CwApiMember'
        'New-CwApiKey'
        'Test-CwApiKey'
        'Update-CwApiKey'
        'Test-CwIntegrationPermission'
        'Install-CwIntegration'
        'Uninstall-CwIntegration'
        'Test-CwTenant'
    )
    FormatsToProcess     = @('ConnectWiseSetup.format.ps1xml', 'ConnectWiseSetup.Members.format.ps1xml', 'ConnectWiseSetup.Roles.format.ps1xml', 'ConnectWiseSetup.Integration.format.ps1xml', 'ConnectWiseSetup.Tenant.format.ps1xml', 'ConnectWiseSetup.Rotation.format.ps1xml', 'ConnectWiseSetup.Guides.format.ps1xml')
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('ConnectWise', 'Manage', 'PSA', 'MSP', 'API', 'Integration', 'Security')
            # No ProjectUri or LicenseUri: nobody here owns a public address yet. The LICENSE file ships in the module folder.
            ReleaseNotes = '0.2.0: key rotation (Update-CwApiKey), Test-CwTenant''s read-only readiness checks, ConvertFrom-CwIntegrationGuide, 25 built-in vendor profiles, a simulator that plays real servers'' differing forms, Polly 7 instead of Polly 8 on Windows PowerShell 5.1, and a package with its LICENSE. See CHANGELOG.md.'
        }
    }
}
