# The ConnectWiseSetup demo, run against a fresh local simulator by `dotnet run --project examples/Demo`,
# by `./build.ps1 -Task Demo` and by an xunit test. The host that runs it sets:
#   $SimulatorFile     the simulator's connection file (server, company, clientId, the administrator's key)
#   $SimulatorModule   the CwSimulator script module (src/ConnectWiseSetup.Simulator/CwSimulator): it plays the
#                      administrator in the web UI for the steps the API cannot do, as it does for a pwsh user
param()

Import-Module $SimulatorModule
$sim = Connect-CwSimulator -Path $SimulatorFile

'== Connecting to the demo tenant (a local ConnectWise simulator) =='
$p = $sim.ConnectParameters
$connection = Connect-CwManage @p -PassThru
$connection

# The whole story, for every built-in profile. The demo host cannot prompt, so each install runs unattended
# (-NonInteractive): it stops at each guided step with Status ManualStepRequired and the instructions, the
# operator channel plays the administrator in the web UI, and the next run picks up from what the tenant shows.
# Lines for an 80-column console, wrapped between words (the host wraps wherever the line ends).
function Write-Say([string] $Text) { foreach ($line in [ConnectWiseSetup.Setup.TextWrap]::Lines($Text, 80)) { $Host.UI.WriteLine($line) } }
function Write-Row([string] $Text) { $Host.UI.WriteLine($Text) }

$summary = foreach ($profile in Get-CwIntegrationProfile) {
    $name = $profile.Name
    Write-Say ''
    Write-Say "== $name : Install-CwIntegration -NonInteractive =="
    $before = @(Get-CwSimRequestLog).Count
    $r = Install-CwIntegration -Profile $name -Connection $connection -NonInteractive -WarningAction SilentlyContinue
    Write-Say "Status: $($r.Status) at step 2 (the API cannot write role permissions). The checklist:"
    Write-Say $r.Instructions
    Write-Say "[operator] playing the administrator in the web UI: $(@($r.Checklist).Count) checklist item(s) on '$($r.Role.Name)'"
    $r.Role | Set-CwSimRolePermission -Checklist $r.Checklist

    Write-Say "== $name : run again =="
    $r = Install-CwIntegration -Profile $name -Connection $connection -NonInteractive -WarningAction SilentlyContinue
    Write-Say "Status: $($r.Status) at step 4 (the API cannot create keys). The instructions:"
    Write-Say $r.Instructions
    Write-Say "[operator] playing the administrator in the web UI: an API key for '$($r.ApiMember.Identifier)'"
    $pair = ($r.ApiMember | New-CwSimApiKey -Description $profile.KeyDescription).Credential

    Write-Say "== $name : run again with -KeyPair =="
    $r = Install-CwIntegration -Profile $name -Connection $connection -NonInteractive -KeyPair $pair -ErrorAction Stop
    $r.Steps | Out-Default
    $r.VendorValues | Out-Default

    Write-Say "== $name : Test-CwIntegrationPermission with its own key, -Live =="
    $test = Test-CwIntegrationPermission -Profile $name -ApiKey $r.ApiKey -Live
    $test | Out-Default
    $requests = @(Get-CwSimRequestLog).Count - $before
    [pscustomobject]@{
        Profile   = $name
        Status    = $r.Status
        Verified  = $r.Verification.InDesiredState
        Rows      = $profile.Permissions.Count
        Endpoints = "$($test.EndpointsAnswered)/$($test.EndpointsRefused)/$($test.EndpointsNotCalled)/$($test.Endpoints.Count)"
        Live      = $test.InDesiredState
        Requests  = $requests
    }
}

Write-Say ''
Write-Say '== Summary: one row per profile. Endpoints: answered/refused/not called/all; Requests: every API call of its three installs and the live test =='
# The demo host has only PowerShell's engine commands (no Format-Table): the table is laid out with -f, 80 columns wide.
$row = '{0,-28} {1,-8} {2,-8} {3,4} {4,-14} {5,8}'
Write-Row ($row -f 'Profile', 'Status', 'Verified', 'Rows', 'Endpoints', 'Requests')
Write-Row ($row -f '-------', '------', '--------', '----', '---------', '--------')
foreach ($s in $summary) { Write-Row ($row -f $s.Profile, $s.Status, $s.Verified, $s.Rows, $s.Endpoints, $s.Requests) }
foreach ($s in $summary) {
    if (-not $s.Live) { Write-Say "Note: $($s.Profile): the live probe found endpoints that did not answer (see its test above): the simulator has no sample data behind them." }
}
