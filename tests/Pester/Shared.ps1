# Shared by every tests/Pester file: dot-source it in BeforeAll (`. $PSScriptRoot/Shared.ps1`).
# It imports the built module (the configuration that was built last, or $env:CWSETUP_CONFIGURATION) and the
# simulator's sandbox module (CwSimulator), and gives helpers to start a simulator, connect to it and run a child pwsh.
# Nothing to set up by hand: `Invoke-Pester tests/Pester` after `dotnet build ConnectWiseSetup.sln`.

$script:RepoRoot = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../..'))

function Get-TestConfiguration {
    if ($env:CWSETUP_CONFIGURATION) { return $env:CWSETUP_CONFIGURATION }
    $built = foreach ($c in 'Debug', 'Release') {
        $dll = Join-Path $script:RepoRoot "src/ConnectWiseSetup/bin/$c/netstandard2.0/ConnectWiseSetup.dll"
        $sim = Join-Path $script:RepoRoot "src/ConnectWiseSetup.Simulator/bin/$c/net10.0/ConnectWiseSetup.Simulator.dll"
        if ((Test-Path $dll) -and (Test-Path $sim)) { [pscustomobject]@{ Name = $c; Time = (Get-Item $dll).LastWriteTimeUtc } }
    }
    if (-not $built) { throw "ConnectWiseSetup is not built: run 'dotnet build ConnectWiseSetup.sln' first." }
    ($built | Sort-Object Time -Descending | Select-Object -First 1).Name
}

$script:Configuration = Get-TestConfiguration
$script:ModuleDirectory = Join-Path $script:RepoRoot "src/ConnectWiseSetup/bin/$script:Configuration/netstandard2.0"
$script:ModuleManifest = Join-Path $script:ModuleDirectory 'ConnectWiseSetup.psd1'
$script:SimulatorDll = Join-Path $script:RepoRoot "src/ConnectWiseSetup.Simulator/bin/$script:Configuration/net10.0/ConnectWiseSetup.Simulator.dll"
$script:SimulatorModule = Join-Path $script:RepoRoot 'src/ConnectWiseSetup.Simulator/CwSimulator'

Import-Module $script:ModuleManifest -Force
Import-Module $script:SimulatorModule -Force

# A simulator for this file (stop it in AfterAll with Stop-CwSimulator $Sim); -Tenants gives each Describe its own tenant.
function Start-TestSimulator([int] $Tenants = 1, [int] $LatencyMs = 0) {
    Start-CwSimulator -SimulatorPath $script:SimulatorDll -Tenants $Tenants -LatencyMs $LatencyMs
}

# Connects to a simulator tenant as its administrator and makes the connection current; returns it.
function Connect-TestTenant($Simulator, [int] $Index = 0) {
    $p = $Simulator.Tenants[$Index].ConnectParameters
    Connect-CwManage @p -PassThru
}

# A name no earlier run used (tenants outlive a file when the simulator is shared by hand).
function New-TestName([string] $Prefix) { '{0}{1}' -f $Prefix, (Get-Random -Minimum 10000 -Maximum 99999) }

# How to start the pwsh that runs these tests (the local tool: dotnet + pwsh.dll, or an installed pwsh).
function Get-PwshLaunch {
    $exe = [Environment]::ProcessPath
    $first = [Environment]::GetCommandLineArgs()[0]
    if ($first -like '*.dll') { @($exe, $first) } else { @($exe) }
}

# Runs a child pwsh (a real console process) and returns ExitCode, StdOut, StdErr. Its input is redirected (-StdIn,
# or empty) unless -Console: then it runs on a pseudo-terminal (util-linux `script`), as in a terminal window.
function Invoke-TestPwsh {
    param(
        [string[]] $Arguments,
        [string] $StdIn = '',
        [hashtable] $Environment = @{},
        [TimeSpan] $Timeout = [TimeSpan]::FromMinutes(3),
        # Where the child starts; a child that may write beside itself (PSResourceGet without a data folder) gets a temp folder.
        [string] $WorkingDirectory
    )
    $launch = @(Get-PwshLaunch)
    $start = [System.Diagnostics.ProcessStartInfo]::new($launch[0])
    foreach ($a in @($launch | Select-Object -Skip 1) + $Arguments) { $start.ArgumentList.Add($a) }
    $start.UseShellExecute = $false
    if ($WorkingDirectory) { $start.WorkingDirectory = $WorkingDirectory }
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.Environment['NO_COLOR'] = '1'
    $start.Environment['CWSETUP_TEST_MODULE'] = $script:ModuleManifest
    $start.Environment['CWSETUP_TEST_SIMMODULE'] = $script:SimulatorModule
    foreach ($k in $Environment.Keys) { $start.Environment[$k] = [string]$Environment[$k] }
    $p = [System.Diagnostics.Process]::Start($start)
    $out = $p.StandardOutput.ReadToEndAsync()
    $err = $p.StandardError.ReadToEndAsync()
    if ($StdIn) { $p.StandardInput.Write($StdIn) }
    $p.StandardInput.Close()
    if (-not $p.WaitForExit([int]$Timeout.TotalMilliseconds)) {
        $p.Kill($true)
        throw "pwsh $($Arguments -join ' ') did not end within $Timeout. Output so far: $($out.Result)"
    }
    $p.WaitForExit()
    [pscustomobject]@{ ExitCode = $p.ExitCode; StdOut = $out.Result; StdErr = $err.Result; Text = $out.Result + $err.Result }
}

# Writes a script file into $TestDrive and returns its path.
function New-TestScript([string] $Name, [string] $Text) {
    $path = Join-Path $TestDrive $Name
    Set-Content -LiteralPath $path -Value $Text -Encoding utf8
    $path
}

# What a child pwsh needs to reach a tenant as its administrator (environment for Invoke-TestPwsh), and the lines
# that import the module and connect with it (the start of every child script).
function Get-TenantEnvironment($Simulator, [int] $Index = 0) {
    $t = $Simulator.Tenants[$Index]
    @{
        SIM_SERVER = $Simulator.Server; SIM_COMPANY = $t.CompanyId; SIM_CLIENT = $t.ClientId
        SIM_PUBLIC = $t.Credential.UserName; SIM_PRIVATE = $t.Credential.GetNetworkCredential().Password
    }
}
$script:ChildPrelude = @'
$ErrorActionPreference = 'Stop'
Import-Module $env:CWSETUP_TEST_MODULE
$admin = [pscredential]::new($env:SIM_PUBLIC, (ConvertTo-SecureString $env:SIM_PRIVATE -AsPlainText -Force))
Connect-CwManage -Server $env:SIM_SERVER -CompanyId $env:SIM_COMPANY -ClientId $env:SIM_CLIENT -Credential $admin
$ErrorActionPreference = 'Continue'

'@

# PromptCapability's answer for the host a script sees: '' when someone can answer a prompt, else why not.
$script:ProbePrompt = @'
$pc = [ConnectWiseSetup.Cmdlets.CwCmdlet].Assembly.GetType('ConnectWiseSetup.Cmdlets.PromptCapability')
"PROMPT=[" + $pc.GetMethod('ReasonNot', [type[]]@([System.Management.Automation.Host.PSHost])).Invoke($null, @($Host)) + "]"
'@

# Runs a child pwsh on a pseudo-terminal (util-linux `script`), as in a terminal window: its input is the terminal,
# not redirected. -Dialog answers prompts: each @{ Expect = 'text'; Send = 'keys' } waits for the text on the screen,
# then types the keys ("`r" is Enter, [char]3 is Ctrl+C). Returns ExitCode and Text (the screen, as written).
function Invoke-TestConsole {
    param(
        [string[]] $Arguments,
        [hashtable[]] $Dialog = @(),
        [hashtable] $Environment = @{},
        [TimeSpan] $Timeout = [TimeSpan]::FromMinutes(3)
    )
    $script = Get-Command script -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $script) { throw "util-linux 'script' is needed to give pwsh a terminal (apt-get install bsdutils)." }
    $quote = { param($a) "'" + ($a -replace "'", "'\''") + "'" }
    $command = (@(Get-PwshLaunch) + $Arguments | ForEach-Object { & $quote $_ }) -join ' '
    $start = [System.Diagnostics.ProcessStartInfo]::new($script.Source)
    foreach ($a in '-qefc', "stty cols 120 rows 50; exec $command", '/dev/null') { $start.ArgumentList.Add($a) }
    $start.UseShellExecute = $false
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.Environment['NO_COLOR'] = '1'
    $start.Environment['TERM'] = 'xterm'
    $start.Environment['CWSETUP_TEST_MODULE'] = $script:ModuleManifest
    $start.Environment['CWSETUP_TEST_SIMMODULE'] = $script:SimulatorModule
    foreach ($k in $Environment.Keys) { $start.Environment[$k] = [string]$Environment[$k] }
    $p = [System.Diagnostics.Process]::Start($start)
    $text = [System.Text.StringBuilder]::new()
    $buffer = [char[]]::new(4096)
    $read = $p.StandardOutput.ReadAsync($buffer, 0, $buffer.Length)
    $deadline = [DateTime]::UtcNow + $Timeout
    $step = 0; $seen = 0; $answered = 0
    while ($true) {
        if ($read.Wait(50)) {
            if ($read.Result -eq 0) { break }
            $chunk = [string]::new($buffer, 0, $read.Result)
            $null = $text.Append($chunk)
            # .NET asks the terminal where the cursor is (ESC[6n) and waits for the answer: answer as a terminal does.
            $queries = ([regex]::Matches($text.ToString(), "`e\[6n")).Count - $answered
            for ($i = 0; $i -lt $queries; $i++) { $p.StandardInput.Write("`e[1;1R") }
            if ($queries -gt 0) { $p.StandardInput.Flush(); $answered += $queries }
            $read = $p.StandardOutput.ReadAsync($buffer, 0, $buffer.Length)
        }
        if ($step -lt $Dialog.Count) {
            $at = $text.ToString().IndexOf($Dialog[$step].Expect, $seen, [StringComparison]::Ordinal)
            if ($at -ge 0) {
                $seen = $at + $Dialog[$step].Expect.Length
                $p.StandardInput.Write($Dialog[$step].Send)
                $p.StandardInput.Flush()
                $step++
            }
        }
        if ([DateTime]::UtcNow -gt $deadline) {
            $p.Kill($true)
            throw "The console did not finish within $Timeout (answered $step of $($Dialog.Count) prompts). Screen so far:`n$(ConvertTo-ScreenText $text.ToString())"
        }
    }
    $p.WaitForExit()
    [pscustomobject]@{ ExitCode = $p.ExitCode; Text = ConvertTo-ScreenText $text.ToString(); Answered = $step }
}

# A terminal's output as text: escape sequences and other control characters removed.
function ConvertTo-ScreenText([string] $Raw) {
    ($Raw -replace "`e\[[0-9;?]*[A-Za-z]", '' -replace "`e[()][A-Z0-9]", '') -replace '[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]', ''
}
