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
        # The same command as README and CI, then the Pester scenarios when Pester 5 is present.
        Invoke-Dotnet test ConnectWiseSetup.sln -c $Configuration
        if (Get-Module -ListAvailable Pester | Where-Object Version -ge '5.0') {
            Import-Module Pester -MinimumVersion 5.0
            $config = New-PesterConfiguration
            $config.Run.Path = Join-Path $PSScriptRoot 'tests/Pester'
            $config.Run.Exit = $true
            Invoke-Pester -Configuration $config
        }
        else {
            Write-Warning 'Pester 5 is not installed: the tests/Pester scenarios were not run (the xunit suite covers the same scenarios).'
        }
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
