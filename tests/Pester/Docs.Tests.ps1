# Every fenced ```powershell block of README.md and docs/*.md runs as written against the simulator, or carries
# `<!-- no-ci: reason -->` on the line above its fence. How a block runs (its variables, its folder, the page's hidden
# preamble) is written for readers in docs/development.md, "Every PowerShell block of the documentation runs in CI".

BeforeDiscovery {
    $root = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../..'))
    $files = @(Get-Item (Join-Path $root 'README.md')) + @(Get-ChildItem (Join-Path $root 'docs') -Filter *.md | Sort-Object Name)
    $script:Pages = foreach ($file in $files) {
        $lines = [System.IO.File]::ReadAllLines($file.FullName)
        $relative = [System.IO.Path]::GetRelativePath($root, $file.FullName).Replace('\', '/')
        $blocks = [System.Collections.Generic.List[hashtable]]::new()
        $preamble = [System.Text.StringBuilder]::new()
        $skipped = [System.Collections.Generic.List[hashtable]]::new()
        for ($i = 0; $i -lt $lines.Count; $i++) {
            if ($lines[$i] -match '^<!-- ci-preamble\s*$') {
                for ($i++; $i -lt $lines.Count -and $lines[$i] -notmatch '^-->\s*$'; $i++) { $null = $preamble.AppendLine($lines[$i]) }
                continue
            }
            if ($lines[$i] -notmatch '^```powershell\s*$') { continue }
            $fence = $i + 1
            $above = if ($i -gt 0) { $lines[$i - 1] } else { '' }
            $body = [System.Text.StringBuilder]::new()
            for ($i++; $i -lt $lines.Count -and $lines[$i] -notmatch '^```\s*$'; $i++) { $null = $body.AppendLine($lines[$i]) }
            $text = $body.ToString()
            $first = ($text -split "`n" | Where-Object { $_.Trim() } | Select-Object -First 1)
            $block = @{ File = $relative; Line = $fence; Code = $text; Title = "$first".Trim(); Reason = $null }
            if ($above -match '^<!--\s*no-ci:(.*?)-->\s*$') { $block.Reason = $Matches[1].Trim(); $skipped.Add($block) }
            else { $blocks.Add($block) }
        }
        @{ File = $relative; Blocks = $blocks.ToArray(); Skipped = $skipped.ToArray(); Preamble = $preamble.ToString(); Index = 0 }
    }
    # One simulator tenant per page; the simulator page gets the first (its recipes use the connection file's default tenant).
    $script:Pages = @($Pages | Sort-Object { if ($_.File -eq 'docs/simulator.md') { 0 } else { 1 } }, { $_.File })
    for ($n = 0; $n -lt $Pages.Count; $n++) { $Pages[$n].Index = $n }
    $script:AllSkipped = @($Pages | ForEach-Object { $_.Skipped })
}

BeforeAll {
    . $PSScriptRoot/Shared.ps1
    $script:DocsSim = Start-CwSimulator -SimulatorPath $SimulatorDll -Tenants 12
    $script:SavedModulePath = $env:PSModulePath
    $script:SavedClientId = $env:CONNECTWISE_CLIENTID

    # A page's world: a temporary folder (./src leads to the repository's src, ./sim.json is the simulator's file), a
    # runspace nobody can answer (as pwsh -NonInteractive) with the module imported and the recipe variables set.
    function script:New-DocsPage([int] $Index, [string] $Preamble) {
        $folder = Join-Path $TestDrive "page$Index"
        $null = New-Item -ItemType Directory -Path $folder, (Join-Path $folder 'modules')
        $null = New-Item -ItemType SymbolicLink -Path (Join-Path $folder 'src') -Target (Join-Path $RepoRoot 'src')
        $module = Join-Path $folder "src/ConnectWiseSetup/bin/$Configuration/netstandard2.0"
        # Findable by name, as if installed (Import-Module ConnectWiseSetup).
        $null = New-Item -ItemType SymbolicLink -Path (Join-Path $folder 'modules/ConnectWiseSetup') -Target $module
        Copy-Item -LiteralPath $DocsSim.ConnectionFile -Destination (Join-Path $folder 'sim.json')
        $env:PSModulePath = (Join-Path $folder 'modules') + [System.IO.Path]::PathSeparator + $SavedModulePath
        $tenant = $DocsSim.Tenants[$Index]
        $env:CONNECTWISE_CLIENTID = $tenant.ClientId
        $runspace = [runspacefactory]::CreateRunspace()
        $runspace.Open()
        $runspace.SessionStateProxy.Path.SetLocation($folder) | Out-Null
        foreach ($v in @{ Server = $DocsSim.Server; CompanyId = $tenant.CompanyId; ClientId = $tenant.ClientId; Cred = $tenant.Credential; CiPage = $folder }.GetEnumerator()) {
            $runspace.SessionStateProxy.SetVariable($v.Key, $v.Value)
        }
        $setup = @'
Import-Module (Join-Path $CiPage 'src/ConnectWiseSetup/bin/CONFIGURATION/netstandard2.0/ConnectWiseSetup.psd1')
$global:CiClipboard = [System.Collections.Generic.List[object]]::new()
function global:Set-Clipboard { param([Parameter(ValueFromPipeline, Position = 0)] $Value) process { $global:CiClipboard.Add($Value) } }
'@ -replace 'CONFIGURATION', $Configuration
        $page = [pscustomobject]@{ Runspace = $runspace; Folder = $folder; Tenant = $tenant }
        Invoke-DocsCode $page $setup 'setup' -NoConnect
        if ($Preamble.Trim()) { Invoke-DocsCode $page $Preamble 'ci-preamble' -Global }
        $page
    }

    # Runs code in the page's runspace; throws with the errors it wrote (or its exit code 1, or a timeout).
    function script:Invoke-DocsCode($Page, [string] $Code, [string] $Where, [switch] $Global, [switch] $NoConnect, [hashtable] $Arguments) {
        $ps = [powershell]::Create()
        $ps.Runspace = $Page.Runspace
        try {
            if (-not $NoConnect) {
                # Before each block: the page's tenant as its administrator (a block before may have connected elsewhere).
                $null = $ps.AddScript('Connect-CwManage -Server $Server -CompanyId $CompanyId -ClientId $ClientId -Credential $Cred').Invoke()
                if ($ps.Streams.Error.Count) { throw "connect before ${Where}: $($ps.Streams.Error[0])" }
                $ps.Commands.Clear()
            }
            if ($Global) { $null = $ps.AddScript($Code, $false) }
            else {
                # A script of its own (its own scope; `exit` ends it and sets $LASTEXITCODE; param() takes the page's variables).
                $file = Join-Path $Page.Folder ('block-' + [guid]::NewGuid().ToString('N') + '.ps1')
                Set-Content -LiteralPath $file -Value $Code -Encoding utf8
                $null = $ps.AddScript('$global:LASTEXITCODE = 0; $ciArgs = $args[0]; & $args[1] @ciArgs; "CI-EXIT=$LASTEXITCODE"', $true).AddArgument($(if ($Arguments) { $Arguments } else { @{} })).AddArgument($file)
            }
            $async = $ps.BeginInvoke()
            if (-not $async.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(60))) {
                $ps.Stop()
                throw "did not end within 60 s: does it wait for a person? Then mark it <!-- no-ci: reason -->."
            }
            $out = $ps.EndInvoke($async)
            $text = @($out | ForEach-Object { "$_" })
            $problems = @(foreach ($e in $ps.Streams.Error) { "$($e.FullyQualifiedErrorId): $e" })
            $exit = $text | Where-Object { $_ -like 'CI-EXIT=*' } | Select-Object -Last 1
            if ($exit -eq 'CI-EXIT=1') { $problems += "exit 1 (the recipes' 'error'): $(($text | Where-Object { $_ -notlike 'CI-EXIT=*' }) -join ' | ')" }
            if ($problems) { throw ($problems -join "`n") }
            $text
        }
        catch [System.Management.Automation.RuntimeException], [System.Management.Automation.MethodInvocationException] {
            throw "$Where failed: $($_.Exception.GetBaseException().Message)"
        }
        finally { $ps.Dispose() }
    }

    # The page's variables a param() block names, as its arguments.
    function script:Get-DocsArguments($Page, [string] $Code) {
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref]$null, [ref]$null)
        $arguments = @{}
        if ($ast.ParamBlock) {
            foreach ($p in $ast.ParamBlock.Parameters) {
                $name = $p.Name.VariablePath.UserPath
                $value = $Page.Runspace.SessionStateProxy.GetVariable($name)
                if ($null -ne $value) { $arguments[$name] = $value }
            }
        }
        $arguments
    }
    $script:Open = @{}
}

AfterAll {
    foreach ($p in $Open.Values) { $p.Runspace.Dispose() }
    $env:PSModulePath = $SavedModulePath
    $env:CONNECTWISE_CLIENTID = $SavedClientId
    Stop-CwSimulator $DocsSim
}

Describe 'The documentation''s no-ci marks' {
    It '<File>:<Line> says why it cannot run in CI' -ForEach $AllSkipped {
        $Reason | Should -Not -BeNullOrEmpty -Because "$File line $Line is marked no-ci without a reason"
    }
}

Describe 'The PowerShell blocks of <File>' -ForEach $Pages {
    BeforeAll {
        if ($Blocks.Count) { $script:Open[$File] = New-DocsPage $Index $Preamble }
    }
    AfterAll {
        if ($Open.ContainsKey($File)) { $Open[$File].Runspace.Dispose(); $Open.Remove($File) }
        $env:PSModulePath = $SavedModulePath
    }

    It '<File>:<Line> runs as written: <Title>' -ForEach $Blocks {
        $page = $Open[$File]
        $null = Invoke-DocsCode $page $Code "$File line $Line" -Arguments (Get-DocsArguments $page $Code)
    }
}
