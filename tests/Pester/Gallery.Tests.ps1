# A gallery install for real: the module packed as the gallery's .nupkg, a local folder registered as a PSResourceGet
# repository, Install-PSResource into a clean module path (a fresh HOME), then a fresh pwsh that imports it by name
# and works against the simulator. PSResourceGet ships with pwsh 7.6.

BeforeAll {
    . $PSScriptRoot/Shared.ps1
    $script:Sim = Start-TestSimulator
    $script:Repo = Join-Path $TestDrive 'repo'
    $script:UserHome = Join-Path $TestDrive 'home'
    # The data folders must exist: .NET answers LocalApplicationData with '' for a folder that does not, and PSResourceGet then
    # keeps its repository list in the current directory (found as a leftover 'PSResourceGet' folder beside the checkout):
    # the children start in a temp folder too, so such a fallback still lands outside the working tree.
    $null = New-Item -ItemType Directory -Force -Path $Repo, $UserHome, "$UserHome/.local/share", "$UserHome/.config", "$UserHome/.cache"
    # A clean user: PSResourceGet's repository list and the CurrentUser module path both live under HOME.
    $script:CleanUser = (Get-TenantEnvironment $Sim) + @{
        HOME = $UserHome; XDG_DATA_HOME = "$UserHome/.local/share"; XDG_CONFIG_HOME = "$UserHome/.config"; XDG_CACHE_HOME = "$UserHome/.cache"
        PSModulePath = ''; SIM_ROLE = $Sim.Tenants[0].AdminRoleName
    }
    $pack = & dotnet msbuild (Join-Path $RepoRoot 'src/ConnectWiseSetup/ConnectWiseSetup.csproj') -nologo -v:q -t:PackModule "-p:Configuration=$Configuration" "-p:ModulePackageDir=$Repo/" 2>&1
    if ($LASTEXITCODE -ne 0) { throw "PackModule failed: $pack" }
    $script:Package = Get-ChildItem -LiteralPath $Repo -Filter 'ConnectWiseSetup.*.nupkg' | Select-Object -First 1
}

AfterAll { Stop-CwSimulator $Sim }

Describe 'Install-PSResource from a local repository' {
    It 'installs the package into the clean user''s module path' {
        $Package | Should -Not -BeNullOrEmpty
        $install = @'
$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name CwLocal -Uri $env:CW_REPO -Trusted
Install-PSResource -Name ConnectWiseSetup -Repository CwLocal -TrustRepository -Quiet
$r = Get-InstalledPSResource -Name ConnectWiseSetup
'INSTALLED=' + $r.Version + '|' + $r.InstalledLocation
'@
        $r = Invoke-TestPwsh -Arguments '-NoProfile', '-NonInteractive', '-Command', $install -Environment ($CleanUser + @{ CW_REPO = $Repo }) -WorkingDirectory $TestDrive
        $r.ExitCode | Should -Be 0 -Because $r.Text
        $version = (Import-PowerShellDataFile $ModuleManifest).ModuleVersion
        $r.StdOut | Should -Match ('INSTALLED=' + [regex]::Escape($version) + '\|' + [regex]::Escape($UserHome))
        $installed = Join-Path $UserHome ".local/share/powershell/Modules/ConnectWiseSetup/$version"
        Join-Path $installed 'ConnectWiseSetup.psd1' | Should -Exist
        Join-Path $installed 'ConnectWiseSetup.dll' | Should -Exist
        Join-Path $installed 'en-US/ConnectWiseSetup.dll-Help.xml' | Should -Exist
        Join-Path $installed 'System.Management.Automation.dll' | Should -Not -Exist
    }

    It 'a fresh pwsh imports it by name and works against the simulator' {
        $use = @'
$ErrorActionPreference = 'Stop'
Import-Module ConnectWiseSetup
'BASE=' + (Get-Module ConnectWiseSetup).ModuleBase
'AVAILABLE=' + @(Get-Module -ListAvailable ConnectWiseSetup).Count
$admin = [pscredential]::new($env:SIM_PUBLIC, (ConvertTo-SecureString $env:SIM_PRIVATE -AsPlainText -Force))
Connect-CwManage -Server $env:SIM_SERVER -CompanyId $env:SIM_COMPANY -ClientId $env:SIM_CLIENT -Credential $admin
'ROLE=' + (Get-CwSecurityRole -Name $env:SIM_ROLE).Name
'PLAN=' + @((Install-CwIntegration -Profile AppXite -WhatIf).Steps).Count
'HELP=' + (Get-Help Install-CwIntegration).Synopsis
'@
        $r = Invoke-TestPwsh -Arguments '-NoProfile', '-NonInteractive', '-Command', $use -Environment $CleanUser -WorkingDirectory $TestDrive
        $r.ExitCode | Should -Be 0 -Because $r.Text
        $r.StdOut | Should -Match ('BASE=' + [regex]::Escape((Join-Path $UserHome '.local/share/powershell/Modules/ConnectWiseSetup')))
        $r.StdOut | Should -Match 'AVAILABLE=1'
        $r.StdOut | Should -Match ('ROLE=' + [regex]::Escape($CleanUser.SIM_ROLE))
        $r.StdOut | Should -Match 'PLAN=5'
        $r.StdOut | Should -Match 'HELP=\S'
    }
}
