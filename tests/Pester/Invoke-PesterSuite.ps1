#requires -Version 7.2
<#
.SYNOPSIS
    Runs the real-shell suite (tests/Pester) with the Pester the build restored from NuGet, and writes its counts.
.DESCRIPTION
    Run it with the repository's local pwsh after `dotnet build ConnectWiseSetup.sln` (which also restores the NuGet
    package Pester into the NuGet cache):

        dotnet tool restore
        dotnet pwsh -NoProfile -NonInteractive -File tests/Pester/Invoke-PesterSuite.ps1

    Each test file starts its own simulator (127.0.0.1, a free port) and stops it at its end, failed or not.
    Exit code: the number of failed tests (0: all passed); 1 when Pester itself could not run.
.PARAMETER Configuration
    The built configuration to test (Debug or Release); default: the one built last.
.PARAMETER ResultDirectory
    Where to write pester.xml (NUnit XML) and pester-counts.json ({ passed, failed, skipped, notRun, total });
    default: TestResults/ in the repository.
.PARAMETER Path
    Test files or folders; default: tests/Pester.
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')] [string] $Configuration,
    [string] $ResultDirectory,
    [string[]] $Path,
    [string[]] $ExcludeTag
)
$ErrorActionPreference = 'Stop'
$root = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../..'))
if (-not $ResultDirectory) { $ResultDirectory = Join-Path $root 'TestResults' }
if (-not $Path) { $Path = @($PSScriptRoot) }
$null = New-Item -ItemType Directory -Force -Path $ResultDirectory
$countsFile = Join-Path $ResultDirectory 'pester-counts.json'
Remove-Item -LiteralPath $countsFile -ErrorAction SilentlyContinue
if ($Configuration) { $env:CWSETUP_CONFIGURATION = $Configuration }

# Pester: the version the tests' project downloads (PackageDownload), from the NuGet cache it was restored into.
$csproj = Get-Content -Raw (Join-Path $root 'tests/ConnectWiseSetup.Tests/ConnectWiseSetup.Tests.csproj')
if ($csproj -notmatch '<PackageDownload Include="Pester" Version="\[([0-9.]+)\]"') { throw 'tests/ConnectWiseSetup.Tests.csproj has no PackageDownload of Pester.' }
$pesterVersion = $Matches[1]
$cache = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else {
    $line = @(& dotnet nuget locals global-packages --list) | Where-Object { $_ -match 'global-packages:' } | Select-Object -First 1
    if ($line) { ($line -replace '^.*global-packages:\s*', '').Trim() } else { Join-Path $HOME '.nuget/packages' }
}
$pester = Join-Path $cache "pester/$pesterVersion/tools/Pester.psd1"
if (-not (Test-Path $pester)) { throw "Pester $pesterVersion is not in the NuGet cache ($pester): run 'dotnet build ConnectWiseSetup.sln' (or dotnet restore) first." }
Import-Module $pester -RequiredVersion $pesterVersion -Force

$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
if ($ExcludeTag) { $config.Filter.ExcludeTag = $ExcludeTag }

$result = Invoke-Pester -Configuration $config
# The NUnit report is for people; the counts below must not depend on it (a control character in a message breaks it).
try { $result | Export-NUnitReport -Path (Join-Path $ResultDirectory 'pester.xml') }
catch { Write-Warning "pester.xml not written: $($_.Exception.Message)" }
# Containers that failed outside any test (a BeforeAll that threw) count as failures too: their tests never ran.
$failedContainers = @($result.Containers | Where-Object { $_.Result -eq 'Failed' -and $_.FailedCount -eq 0 }).Count
$counts = [ordered]@{
    passed  = $result.PassedCount
    failed  = $result.FailedCount + $failedContainers
    skipped = $result.SkippedCount
    notRun  = $result.NotRunCount
    total   = $result.TotalCount
}
$counts | ConvertTo-Json | Set-Content -LiteralPath $countsFile -Encoding utf8
"Pester totals: passed $($counts.passed), failed $($counts.failed), skipped $($counts.skipped), not run $($counts.notRun) (in $($result.Duration))"
exit [Math]::Min(255, $counts.failed)
