@{
    # The simulator's sandbox for pwsh users: start a local ConnectWise simulator and play the administrator in its
    # web UI (permission levels, Customize lists, API keys) and the test controls (faults, request log). Not part of
    # the ConnectWiseSetup module, which never calls the operator channel.
    RootModule        = 'CwSimulator.psm1'
    ModuleVersion     = '1.0.0'
    GUID              = '5c0a3f8e-2b7d-4d51-9a0e-6f1c2d9b7e41'
    Author            = 'ConnectWiseSetup contributors'
    Description       = 'A sandbox for ConnectWiseSetup: starts the local ConnectWise simulator and plays the administrator through its operator channel.'
    PowerShellVersion = '7.2'
    FunctionsToExport = @(
        'Start-CwSimulator', 'Connect-CwSimulator', 'Stop-CwSimulator', 'Get-CwSimulator',
        'Set-CwSimRolePermission', 'Set-CwSimRoleCustomize',
        'New-CwSimApiKey', 'Get-CwSimApiKey', 'Remove-CwSimApiKey',
        'Get-CwSimRequestLog', 'Clear-CwSimRequestLog', 'Set-CwSimFault', 'Clear-CwSimFault'
    )
    CmdletsToExport   = @()
    VariablesToExport = @()
    AliasesToExport   = @()
}
