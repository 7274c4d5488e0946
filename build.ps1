#requires -Version 5.1
<#
.SYNOPSIS
    Build, test, demo and package ConnectWiseSetup (for people with pwsh; CI uses dotnet directly).
.EXAMPLE
    ./build.ps1 -Task Build
.EXAMPLE
    ./build.ps1 -Task Test
.EXAMPLE
    ./build.ps1 -Task Package
    artifacts/ConnectWiseSetup.<version>.nupkg, ready for the PowerShell Gallery (Publish-PSResource -NupkgPath).
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Package')]
    [string] $Task = 'Build',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    # Package through PowerShellGet's Publish-Module (needs PowerShellGet 2) instead of the MSBuild target.
    [switch] $UsePublishModule
)
$ErrorActionPreference = 'Stop'
Set-Location -LiteralPath $PSScriptRoot

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

$moduleDir = Join-Path $PSScriptRoot "src/ConnectWiseSetup/bin/$Configuration/netstandard2.0"

switch ($Task) {
    'Build' {
        Invoke-Dotnet build ConnectWiseSetup.sln -c $Configuration
        "Module folder: $moduleDir"
    }
    'Test' {
        # The same commands as README and CI: the xunit suite, then the real-shell Pester suite in the local tool's
        # pwsh 7.6.9 with the Pester the build restored from NuGet (each test file starts its own simulator).
        Invoke-Dotnet test ConnectWiseSetup.sln -c $Configuration
        Invoke-Dotnet tool restore
        & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'tests/Pester/Invoke-PesterSuite.ps1') -Configuration $Configuration
        if ($LASTEXITCODE -ne 0) { throw "The Pester suite failed ($LASTEXITCODE failed test(s), or Pester could not run)." }
    }
    'Demo' {
        # The demo host starts a fresh simulator and runs examples/demo.ps1 in-process.
        Invoke-Dotnet run --project examples/Demo -c $Configuration
    }
    'Package' {
        # The module folder as a gallery-ready .nupkg in ./artifacts, by an MSBuild target (build/PackModule.targets):
        # no PowerShellGet and no registered repository needed. -UsePublishModule goes through Publish-Module instead.
        Invoke-Dotnet build ConnectWiseSetup.sln -c $Configuration
        $out = Join-Path $PSScriptRoot 'artifacts'
        if (-not $UsePublishModule) {
            Invoke-Dotnet msbuild src/ConnectWiseSetup/ConnectWiseSetup.csproj -nologo -t:PackModule "-p:Configuration=$Configuration" "-p:ModulePackageDir=$out/"
            Get-ChildItem -LiteralPath $out -Filter *.nupkg
            return
        }
        New-Item -ItemType Directory -Force -Path $out | Out-Null
        $repo = "ConnectWiseSetupLocal$PID"
        Register-PSRepository -Name $repo -SourceLocation $out -PublishLocation $out -InstallationPolicy Trusted
        try {
            $staging = Join-Path ([IO.Path]::GetTempPath()) "ConnectWiseSetup-$PID/ConnectWiseSetup"
            New-Item -ItemType Directory -Force -Path $staging | Out-Null
            Get-ChildItem -LiteralPath $moduleDir -File | Where-Object Extension -ne '.pdb' | Copy-Item -Destination $staging
            Get-ChildItem -LiteralPath $moduleDir -Directory | Copy-Item -Destination $staging -Recurse
            Publish-Module -Path $staging -Repository $repo
            Get-ChildItem -LiteralPath $out -Filter *.nupkg
        }
        finally {
            Unregister-PSRepository -Name $repo
        }
    }
}
