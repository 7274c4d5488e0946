# CwSimulator: the local ConnectWise simulator as a sandbox for pwsh users (pwsh 7; the simulator needs .NET 10).
#
#   Import-Module ./src/ConnectWiseSetup.Simulator/CwSimulator     # after: dotnet build ConnectWiseSetup.sln
#   $sim = Start-CwSimulator                                        # 127.0.0.1, a free port, one demo tenant
#   $p = $sim.ConnectParameters; Connect-CwManage @p                # the module, as the tenant's administrator
#   $r = Install-CwIntegration MspProcess -NonInteractive           # stops at the guided permission step
#   $r.Role | Set-CwSimRolePermission -Checklist $r.Checklist       # ... what a person does in the web UI
#   $key = $r.ApiMember | New-CwSimApiKey -Description 'MSP Process' # the API Keys tab's '+': $key.Credential
#   Stop-CwSimulator
#
# The functions talk to the simulator's operator channel (/_operator/, X-Operator-Token): what a person does in the
# ConnectWise web UI, which the REST API cannot do, and the test controls (faults, request log). ConnectWiseSetup
# itself never calls it. The module uses only the language and .NET (no Invoke-RestMethod or ConvertTo-Json), so a
# host with only PowerShell's engine (the demo host) can load it too.

Set-StrictMode -Version 3.0

$script:Current = $null
$script:Http = [System.Net.Http.HttpClient]::new()
$script:Http.Timeout = [TimeSpan]::FromSeconds(60)

#region JSON without the Utility module

function ConvertTo-CwSimJsonString([string] $Text) { '"' + [System.Text.Json.JsonEncodedText]::Encode($Text).ToString() + '"' }

function ConvertTo-CwSimJson([object] $Value) {
    if ($null -eq $Value) { return 'null' }
    if ($Value -is [System.Management.Automation.PSObject] -and $Value.BaseObject -isnot [System.Management.Automation.PSCustomObject]) { $Value = $Value.BaseObject }
    if ($Value -is [string] -or $Value -is [char] -or $Value -is [enum] -or $Value -is [guid]) { return ConvertTo-CwSimJsonString $Value }
    if ($Value -is [bool]) { return $(if ($Value) { 'true' } else { 'false' }) }
    if ($Value -is [int] -or $Value -is [long] -or $Value -is [double] -or $Value -is [decimal] -or $Value -is [single]) { return ([IFormattable]$Value).ToString($null, [cultureinfo]::InvariantCulture) }
    if ($Value -is [System.Collections.IDictionary]) {
        $parts = foreach ($k in $Value.Keys) { (ConvertTo-CwSimJsonString $k) + ':' + (ConvertTo-CwSimJson $Value[$k]) }
        return '{' + ($parts -join ',') + '}'
    }
    if ($Value -is [System.Management.Automation.PSCustomObject] -or ($Value -is [System.Management.Automation.PSObject])) {
        $parts = foreach ($p in $Value.PSObject.Properties) { (ConvertTo-CwSimJsonString $p.Name) + ':' + (ConvertTo-CwSimJson $p.Value) }
        return '{' + ($parts -join ',') + '}'
    }
    if ($Value -is [System.Collections.IEnumerable]) {
        $parts = foreach ($v in $Value) { ConvertTo-CwSimJson $v }
        return '[' + ($parts -join ',') + ']'
    }
    return ConvertTo-CwSimJsonString $Value
}

function ConvertFrom-CwSimJsonElement([System.Text.Json.JsonElement] $Element) {
    switch ($Element.ValueKind) {
        'Object' {
            $o = [ordered]@{}
            foreach ($p in $Element.EnumerateObject()) { $o[$p.Name] = ConvertFrom-CwSimJsonElement $p.Value }
            return [pscustomobject]$o
        }
        'Array' { return , @(foreach ($e in $Element.EnumerateArray()) { ConvertFrom-CwSimJsonElement $e }) }
        'String' { return $Element.GetString() }
        'Number' { $l = 0L; if ($Element.TryGetInt64([ref]$l)) { return $l } else { return $Element.GetDouble() } }
        'True' { return $true }
        'False' { return $false }
        default { return $null }
    }
}

function ConvertFrom-CwSimJson([string] $Text) {
    if ([string]::IsNullOrWhiteSpace($Text)) { return $null }
    $doc = [System.Text.Json.JsonDocument]::Parse($Text)
    try { ConvertFrom-CwSimJsonElement $doc.RootElement } finally { $doc.Dispose() }
}

#endregion

#region Simulator objects

function New-CwSimTenant($Json, [string] $Server) {
    $credential = [pscredential]::new([string]$Json.publicKey, [System.Net.NetworkCredential]::new('', [string]$Json.privateKey).SecurePassword)
    [pscustomobject]@{
        PSTypeName            = 'CwSimulator.Tenant'
        CompanyId             = [string]$Json.companyId
        ClientId              = [string]$Json.clientId
        Credential            = $credential
        AdminMemberIdentifier = [string]$Json.adminMemberIdentifier
        AdminRoleName         = [string]$Json.adminRoleName
        # Splat into Connect-CwManage: $p = $sim.ConnectParameters; Connect-CwManage @p
        ConnectParameters     = @{ Server = $Server; CompanyId = [string]$Json.companyId; ClientId = [string]$Json.clientId; Credential = $credential }
    }
}

function New-CwSimObject([string] $Text, [string] $Path, [System.Diagnostics.Process] $Process, $Output) {
    $json = ConvertFrom-CwSimJson $Text
    $server = [string]$json.server
    $tenants = if ($json.PSObject.Properties['tenants']) { @(foreach ($t in $json.tenants) { New-CwSimTenant $t $server }) } else { @(New-CwSimTenant $json $server) }
    [pscustomobject]@{
        PSTypeName        = 'CwSimulator'
        Server            = $server
        CompanyId         = $tenants[0].CompanyId
        ClientId          = $tenants[0].ClientId
        Credential        = $tenants[0].Credential
        ConnectParameters = $tenants[0].ConnectParameters
        Tenants           = $tenants
        OperatorUrl       = ([string]$json.operatorUrl).TrimEnd('/')
        OperatorToken     = [string]$json.operatorToken
        Certificate       = if ($json.PSObject.Properties['certificate']) { [string]$json.certificate } else { $null }
        ConnectionFile    = $Path
        # The copy Start-CwSimulator -ConnectionFile wrote for another window (removed by Stop-CwSimulator).
        SharedConnectionFile = $null
        Process           = $Process
        Output            = $Output
    }
}

function Resolve-CwSim($Simulator) {
    if ($Simulator) { return $Simulator }
    if ($script:Current) { return $script:Current }
    throw [System.InvalidOperationException]::new('No simulator: run Start-CwSimulator (or Connect-CwSimulator -Path sim.json for one already running) first, or pass -Simulator.')
}

function Invoke-CwSimOperator($Simulator, [string] $CompanyId, [string] $Method, [string] $Path, $Body) {
    $sim = Resolve-CwSim $Simulator
    if (-not $CompanyId) { $CompanyId = $sim.CompanyId }
    $uri = $sim.OperatorUrl + '/tenants/' + [uri]::EscapeDataString($CompanyId) + '/' + $Path
    $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::new($Method), $uri)
    try {
        $request.Headers.Add('X-Operator-Token', $sim.OperatorToken)
        if ($PSBoundParameters.ContainsKey('Body')) {
            $request.Content = [System.Net.Http.StringContent]::new((ConvertTo-CwSimJson $Body), [System.Text.Encoding]::UTF8, 'application/json')
        }
        $response = $script:Http.SendAsync($request).GetAwaiter().GetResult()
        $text = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
        if (-not $response.IsSuccessStatusCode) {
            # The simulator's own words (its JSON message), not the whole body.
            $said = $text
            try { $m = (ConvertFrom-CwSimJson $text).message; if ($m) { $said = $m } } catch { }
            throw [System.InvalidOperationException]::new("The simulator refused $Method $Path ($([int]$response.StatusCode)): $said")
        }
        ConvertFrom-CwSimJson $text
    }
    finally { $request.Dispose() }
}

#endregion

<#
.SYNOPSIS
    Starts the local ConnectWise simulator (127.0.0.1, a free port) and makes it the current one.
.DESCRIPTION
    Runs the built simulator (dotnet ConnectWiseSetup.Simulator.dll) as a child process that ends with this PowerShell
    process, waits for its connection file and returns a CwSimulator object: Server, CompanyId, ClientId, Credential
    (the seeded administrator's key), ConnectParameters (splat into Connect-CwManage), Tenants, OperatorUrl.
.EXAMPLE
    $sim = Start-CwSimulator; $p = $sim.ConnectParameters; Connect-CwManage @p
.EXAMPLE
    $sim = Start-CwSimulator -Tenants 3 -LatencyMs 200     # three tenants, each request 200 ms slower
#>
function Start-CwSimulator {
    [CmdletBinding()]
    [OutputType('CwSimulator')]
    param(
        # How many tenants (companies) to seed.
        [ValidateRange(1, 100)] [int] $Tenants = 1,
        # Added to every API request, in milliseconds (a slow tenant).
        [ValidateRange(0, 60000)] [int] $LatencyMs = 0,
        # Serve TLS with a self-signed certificate (its PEM path is in the result's Certificate).
        [switch] $Https,
        # The simulator's dll; default: the one beside this module, else the newest build under the project's bin folder.
        [string] $SimulatorPath,
        # How long to wait for the simulator to start.
        [TimeSpan] $Timeout = [TimeSpan]::FromSeconds(90),
        # Also write the connection file here (relative: from the current location), for another window's
        # Connect-CwSimulator -Path; Stop-CwSimulator removes it. Default: a temporary folder only.
        [string] $ConnectionFile
    )
    if (-not $SimulatorPath) {
        $beside = [System.IO.Path]::Combine($PSScriptRoot, '..', 'ConnectWiseSetup.Simulator.dll')
        $built = @('Debug', 'Release') | ForEach-Object { [System.IO.Path]::Combine($PSScriptRoot, '..', 'bin', $_, 'net10.0', 'ConnectWiseSetup.Simulator.dll') } |
            Where-Object { [System.IO.File]::Exists($_) } | ForEach-Object { [System.IO.FileInfo]::new($_) }
        $newest = $built | ForEach-Object -Begin { $n = $null } -Process { if (-not $n -or $_.LastWriteTimeUtc -gt $n.LastWriteTimeUtc) { $n = $_ } } -End { $n }
        $SimulatorPath = if ([System.IO.File]::Exists($beside)) { $beside } elseif ($newest) { $newest.FullName } else { $null }
        if (-not $SimulatorPath) {
            throw [System.IO.FileNotFoundException]::new("The simulator is not built: run 'dotnet build ConnectWiseSetup.sln' first, or pass -SimulatorPath.")
        }
    }
    $SimulatorPath = [System.IO.Path]::GetFullPath($SimulatorPath)
    $dir = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'cwsim-' + [guid]::NewGuid().ToString('N'))
    $null = [System.IO.Directory]::CreateDirectory($dir)
    $file = [System.IO.Path]::Combine($dir, 'sim.json')
    $shared = $null
    if ($ConnectionFile) {
        $shared = [System.IO.Path]::GetFullPath($ConnectionFile, $ExecutionContext.SessionState.Path.CurrentFileSystemLocation.ProviderPath)
        $null = [System.IO.Directory]::CreateDirectory([System.IO.Path]::GetDirectoryName($shared))
    }

    $dotnet = [Environment]::ProcessPath
    if (-not $dotnet -or [System.IO.Path]::GetFileNameWithoutExtension($dotnet) -ne 'dotnet') { $dotnet = 'dotnet' }
    $start = [System.Diagnostics.ProcessStartInfo]::new($dotnet)
    foreach ($a in @($SimulatorPath, '--port', '0', '--connection-file', $file, '--tenants', "$Tenants", '--latency-ms', "$LatencyMs", '--parent-pid', "$PID")) { $start.ArgumentList.Add($a) }
    if ($Https) { $start.ArgumentList.Add('--https') }
    $start.UseShellExecute = $false
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.RedirectStandardInput = $true
    $process = [System.Diagnostics.Process]::Start($start)
    # Drained in the background so the simulator never blocks on a full pipe; read when it fails.
    $output = @{ Out = $process.StandardOutput.ReadToEndAsync(); Err = $process.StandardError.ReadToEndAsync() }
    $deadline = [DateTime]::UtcNow + $Timeout
    while (-not [System.IO.File]::Exists($file)) {
        if ($process.HasExited) {
            $process.WaitForExit()
            throw [System.InvalidOperationException]::new("The simulator ended with exit code $($process.ExitCode) before it was ready: $($output.Err.GetAwaiter().GetResult())$($output.Out.GetAwaiter().GetResult())")
        }
        if ([DateTime]::UtcNow -gt $deadline) {
            $process.Kill()
            throw [System.TimeoutException]::new("The simulator did not start within $Timeout.")
        }
        [System.Threading.Thread]::Sleep(100)
    }
    $text = [System.IO.File]::ReadAllText($file)
    $script:Current = New-CwSimObject $text $file $process $output
    if ($shared) {
        [System.IO.File]::WriteAllText($shared, $text)
        $script:Current.SharedConnectionFile = $shared
    }
    $PSCmdlet.WriteVerbose("ConnectWise simulator on $($script:Current.Server), companies: $(@($script:Current.Tenants.CompanyId) -join ', ')")
    $script:Current
}

<#
.SYNOPSIS
    Uses a simulator that is already running, from its connection file: one started from the command line
    (dotnet run --project src/ConnectWiseSetup.Simulator -- --port 0 --connection-file ./sim.json) or by
    Start-CwSimulator -ConnectionFile in another window.
.DESCRIPTION
    A relative -Path is from the current location. A file that is missing or is not a simulator's connection file is an
    error that says so; the current simulator is then left as it was and nothing is written to the output.
.EXAMPLE
    $sim = Connect-CwSimulator -Path ./sim.json; $p = $sim.ConnectParameters; Connect-CwManage @p
#>
function Connect-CwSimulator {
    [CmdletBinding()]
    [OutputType('CwSimulator')]
    param([Parameter(Mandatory, Position = 0)] [string] $Path)
    $full = [System.IO.Path]::GetFullPath($Path, $ExecutionContext.SessionState.Path.CurrentFileSystemLocation.ProviderPath)
    if (-not [System.IO.File]::Exists($full)) {
        $message = "No simulator connection file at '$full'. Start a simulator that writes one (dotnet run --project src/ConnectWiseSetup.Simulator -- --port 0 --connection-file $Path, or Start-CwSimulator -ConnectionFile $Path), or give its path."
        $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new([System.IO.FileNotFoundException]::new($message, $full), 'CwSimConnectionFileMissing', 'ObjectNotFound', $Path))
    }
    $sim = $null
    try { $sim = New-CwSimObject ([System.IO.File]::ReadAllText($full)) $full $null $null } catch { $sim = $null }
    if (-not $sim -or -not $sim.Server -or -not $sim.OperatorUrl -or -not $sim.OperatorToken -or -not $sim.CompanyId) {
        $message = "'$full' is not a simulator connection file (it needs server, companyId, clientId, publicKey, privateKey, operatorToken and operatorUrl)."
        $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new([System.IO.InvalidDataException]::new($message), 'CwSimConnectionFileInvalid', 'InvalidData', $Path))
    }
    # A file left by a simulator that has stopped: say so now, not at the first operator call.
    $probe = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::Get, $sim.OperatorUrl + '/tenants')
    try {
        $probe.Headers.Add('X-Operator-Token', $sim.OperatorToken)
        $cts = [System.Threading.CancellationTokenSource]::new([TimeSpan]::FromSeconds(10))
        $answer = $script:Http.SendAsync($probe, $cts.Token).GetAwaiter().GetResult()
        if (-not $answer.IsSuccessStatusCode) { throw [System.InvalidOperationException]::new("HTTP $([int]$answer.StatusCode)") }
    }
    catch {
        $message = "The simulator of '$full' does not answer at $($sim.Server) ($($_.Exception.GetBaseException().Message)): has it stopped? Start it again; it writes a new file."
        $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new([System.IO.IOException]::new($message), 'CwSimNotRunning', 'ConnectionError', $Path))
    }
    finally { $probe.Dispose() }
    $script:Current = $sim
    $script:Current
}

<#
.SYNOPSIS
    The current simulator (the last one started or connected).
#>
function Get-CwSimulator {
    [CmdletBinding()]
    [OutputType('CwSimulator')]
    param()
    $script:Current
}

<#
.SYNOPSIS
    Stops a simulator started by Start-CwSimulator (default: the current one) and removes its connection file.
#>
function Stop-CwSimulator {
    [CmdletBinding()]
    param([Parameter(ValueFromPipeline)] $Simulator)
    process {
        $sim = if ($Simulator) { $Simulator } else { $script:Current }
        if (-not $sim) { return }
        if ($sim.Process -and -not $sim.Process.HasExited) {
            $sim.Process.Kill()
            $null = $sim.Process.WaitForExit(10000)
        }
        if ($sim.Process -and $sim.ConnectionFile) {
            $dir = [System.IO.Path]::GetDirectoryName($sim.ConnectionFile)
            if ([System.IO.Directory]::Exists($dir)) { [System.IO.Directory]::Delete($dir, $true) }
            # The copy -ConnectionFile wrote for another window: only that file.
            if ($sim.SharedConnectionFile -and [System.IO.File]::Exists($sim.SharedConnectionFile)) { [System.IO.File]::Delete($sim.SharedConnectionFile) }
        }
        if ([object]::ReferenceEquals($sim, $script:Current)) { $script:Current = $null }
    }
}

# The id of the role a person names: -RoleId, a role object (its Id), an id, or a name as System > Security Roles lists it.
function Resolve-CwSimRoleId($Role, [int] $RoleId, [string] $CompanyId, $Simulator, [hashtable] $Known) {
    if ($Role -is [System.Management.Automation.PSObject]) { $Role = $Role.BaseObject }
    if ($null -eq $Role -or ($Role -is [string] -and $Role -eq '')) {
        if ($RoleId -gt 0) { return $RoleId }
        throw [System.ArgumentException]::new("Which role? Name it (-Role 'MSP Process', as System > Security Roles lists it), give -RoleId, or pipe a role (Get-CwSecurityRole, `$r.Role) or checklist items.")
    }
    if ($Role -is [int] -or $Role -is [long]) { return [int]$Role }
    if ($Role -isnot [string]) {
        $id = $Role.PSObject.Properties['Id']
        if ($id -and $id.Value) { return [int]$id.Value }
        $Role = [string]$Role
    }
    $n = 0
    if ([int]::TryParse($Role, [ref]$n)) { return $n }
    $key = $CompanyId + '|' + $Role
    if ($Known -and $Known.ContainsKey($key)) { return $Known[$key] }
    $answer = Invoke-CwSimOperator $Simulator $CompanyId GET 'securityroles'
    $roles = @(foreach ($r in $answer) { $r })
    $match = @($roles | Where-Object { [string]::Equals([string]$_.name, $Role, [StringComparison]::OrdinalIgnoreCase) })
    if ($match.Count -eq 0) {
        throw [System.ArgumentException]::new("No security role '$Role' on this tenant. Its roles: $(@($roles | ForEach-Object name) -join ', ').")
    }
    if ($Known) { $Known[$key] = [int]$match[0].id }
    [int]$match[0].id
}

<#
.SYNOPSIS
    Sets permission levels on a security role, as a person does in System > Security Roles (the API cannot).
.DESCRIPTION
    The role: -Role by name (as the web UI lists it), id or object, -RoleId, a role piped in (Get-CwSecurityRole,
    $r.Role), or the Role of each checklist item. What to set: -Checklist (PermissionChecklistItem objects, given or piped:
    an install's $r.Checklist, Compare-CwSecurityRole -AsChecklist, or Wait-CwSecurityRolePermission -InformationVariable),
    -Profile (every row and Customize list of a profile), or one row (-Module -Function with -Add/-Edit/-Delete/-Inquire;
    a level left out is not changed).
.EXAMPLE
    $r.Checklist | Set-CwSimRolePermission
.EXAMPLE
    Compare-CwSecurityRole 'MSP Process' -Profile MspProcess -AsChecklist | Set-CwSimRolePermission
.EXAMPLE
    Set-CwSimRolePermission 'MSP Process' -Profile MspProcess
.EXAMPLE
    Set-CwSimRolePermission -Role 'MSP Process' -Module Companies -Function 'Company Maintenance' -Inquire All
#>
function Set-CwSimRolePermission {
    [CmdletBinding(DefaultParameterSetName = 'Row')]
    param(
        # The role: its name, its id, or a role object. A checklist item piped in binds by its Role.
        [Parameter(Position = 0, ValueFromPipelineByPropertyName)] [object] $Role,
        # The role's id (a SecurityRole object from Get-CwSecurityRole binds by its Id).
        [Parameter(ValueFromPipelineByPropertyName)] [Alias('Id')] [int] $RoleId,
        [Parameter(Mandatory, ParameterSetName = 'Row')] [string] $Module,
        [Parameter(Mandatory, ParameterSetName = 'Row')] [string] $Function,
        [Parameter(ParameterSetName = 'Row')] [ValidateSet('None', 'My', 'All')] [string] $Add,
        [Parameter(ParameterSetName = 'Row')] [ValidateSet('None', 'My', 'All')] [string] $Edit,
        [Parameter(ParameterSetName = 'Row')] [ValidateSet('None', 'My', 'All')] [string] $Delete,
        [Parameter(ParameterSetName = 'Row')] [ValidateSet('None', 'My', 'All')] [string] $Inquire,
        # A profile name (Get-CwIntegrationProfile) or object: all its rows and Customize lists.
        [Parameter(Mandatory, ParameterSetName = 'Profile')] [object] $Profile,
        # PermissionChecklistItem objects, given or piped: each Levels item's target, each Customize item's list.
        [Parameter(Mandatory, ParameterSetName = 'Checklist', ValueFromPipeline)] [AllowEmptyCollection()] [object[]] $Checklist,
        [string] $CompanyId,
        $Simulator
    )
    begin {
        $known = @{}
        # A role named on the command line (bound before any input) wins over the checklist items' own.
        $named = $PSBoundParameters.ContainsKey('Role') -or $PSBoundParameters.ContainsKey('RoleId')
        # Per role id: the rows and Customize lists to set, sent once at the end (one request per role and list).
        $work = [System.Collections.Generic.Dictionary[int, object]]::new()
        $queue = {
            param([int] $Id, $Row, $List)
            if (-not $work.ContainsKey($Id)) { $work[$Id] = @{ Rows = [System.Collections.Generic.List[object]]::new(); Customize = [System.Collections.Generic.List[object]]::new() } }
            if ($Row) { $work[$Id].Rows.Add($Row) }
            if ($List) { $work[$Id].Customize.Add($List) }
        }
    }
    process {
        switch ($PSCmdlet.ParameterSetName) {
            'Row' {
                $row = [ordered]@{ module = $Module; function = $Function }
                if ($Add) { $row.addLevel = $Add }; if ($Edit) { $row.editLevel = $Edit }
                if ($Delete) { $row.deleteLevel = $Delete }; if ($Inquire) { $row.inquireLevel = $Inquire }
                & $queue (Resolve-CwSimRoleId $Role $RoleId $CompanyId $Simulator $known) $row $null
            }
            'Profile' {
                $id = Resolve-CwSimRoleId $Role $RoleId $CompanyId $Simulator $known
                $p = if ($Profile -is [string]) { Get-CwIntegrationProfile -Name $Profile -ErrorAction Stop } else { $Profile }
                foreach ($r in $p.Permissions) { & $queue $id ([ordered]@{ module = $r.Module; function = $r.Function; addLevel = "$($r.Add)"; editLevel = "$($r.Edit)"; deleteLevel = "$($r.Delete)"; inquireLevel = "$($r.Inquire)" }) $null }
                foreach ($c in $p.Customize) { & $queue $id $null @{ List = $c.List; AllowAll = [bool]$c.AllowAll; Allow = @($c.Allow) } }
            }
            'Checklist' {
                foreach ($item in $Checklist) {
                    if ($null -eq $item) { continue }
                    # The role named on the command line or piped in, else the item's own (the role the checklist was made for).
                    $own = if (-not ($named -or $PSBoundParameters.ContainsKey('RoleId')) -and $item.PSObject.Properties['Role']) { $item.Role }
                    $id = if ($own) { Resolve-CwSimRoleId $own 0 $CompanyId $Simulator $known } else { Resolve-CwSimRoleId $Role $RoleId $CompanyId $Simulator $known }
                    if ("$($item.Kind)" -eq 'Levels') {
                        & $queue $id ([ordered]@{ module = $item.Module; function = $item.Function; addLevel = "$($item.Target.Add)"; editLevel = "$($item.Target.Edit)"; deleteLevel = "$($item.Target.Delete)"; inquireLevel = "$($item.Target.Inquire)" }) $null
                    }
                    elseif ("$($item.Kind)" -eq 'Customize') { & $queue $id $null @{ List = $item.List; AllowAll = [bool]$item.AllowAll; Allow = @($item.Allow) } }
                }
            }
        }
    }
    end {
        foreach ($id in $work.Keys) {
            $w = $work[$id]
            if ($w.Rows.Count) { $null = Invoke-CwSimOperator $Simulator $CompanyId PUT "securityroles/$id/settings" $w.Rows.ToArray() }
            foreach ($c in $w.Customize) { $null = Set-CwSimRoleCustomize -RoleId $id -List $c.List -AllowAll:$c.AllowAll -Allow $c.Allow -CompanyId $CompanyId -Simulator $Simulator }
            $PSCmdlet.WriteVerbose("Role $id : set $($w.Rows.Count) row(s) and $($w.Customize.Count) Customize list(s).")
        }
    }
}

<#
.SYNOPSIS
    Sets a role's Customize list (e.g. Table Setup: which Table Setup tables the role may use), as in the web UI.
.DESCRIPTION
    -List takes the list as the checklist prints it ('Table Setup', 'System > Table Setup > customize') or its
    customizeIdentifier (SystemTableSetup). The role: -Role (name, id or object), -RoleId, or a role piped in.
    Writes one object for the list: RoleId, List, AllowAll, Allowed (how many tables it allows) and Items (each one).
.EXAMPLE
    Set-CwSimRoleCustomize -Role 'MSP Process' -List 'Table Setup' -Allow 'Company / Company Status'
.EXAMPLE
    Set-CwSimRoleCustomize -RoleId $role.Id -List SystemTableSetup -AllowAll
#>
function Set-CwSimRoleCustomize {
    [CmdletBinding()]
    param(
        # The role: its name, its id, or a role object.
        [Parameter(Position = 0, ValueFromPipelineByPropertyName)] [object] $Role,
        [Parameter(ValueFromPipelineByPropertyName)] [Alias('Id')] [int] $RoleId,
        # The Customize list: as the checklist prints it ('Table Setup > customize') or its identifier (SystemTableSetup).
        [Parameter(Mandatory)] [string] $List,
        # Allow every item.
        [switch] $AllowAll,
        # The items allowed, by 'Category / Table' label or code.
        [AllowEmptyCollection()] [string[]] $Allow = @(),
        [string] $CompanyId,
        $Simulator
    )
    process {
        $id = Resolve-CwSimRoleId $Role $RoleId $CompanyId $Simulator $null
        $answer = Invoke-CwSimOperator $Simulator $CompanyId PUT "securityroles/$id/customize" @{ $List = @{ allowAll = [bool]$AllowAll; items = @($Allow) } }
        # One object for the list, as the screen shows one list (not one per table: a list allowed in full has about 70).
        $items = @(foreach ($i in $answer) { $i })
        # The language and .NET only (the demo's engine-only host loads this module too).
        $names = [System.Collections.Generic.List[string]]::new()
        foreach ($i in $items) { if ($i.PSObject.Properties['customizeIdentifier'] -and -not $names.Contains([string]$i.customizeIdentifier)) { $names.Add([string]$i.customizeIdentifier) } }
        $result = [pscustomobject]@{
            PSTypeName = 'CwSimulator.CustomizeList'
            RoleId     = $id
            List       = if ($names.Count -eq 1) { $names[0] } else { $List }
            AllowAll   = [bool]$AllowAll
            Allowed    = $items.Count
            Items      = $items
        }
        $result.PSObject.Members.Add([System.Management.Automation.PSMemberSet]::new('PSStandardMembers', [System.Management.Automation.PSMemberInfo[]]@(
            [System.Management.Automation.PSPropertySet]::new('DefaultDisplayPropertySet', [string[]]@('RoleId', 'List', 'AllowAll', 'Allowed')))))
        $result
    }
}

<#
.SYNOPSIS
    Creates an API key for an API member, as the member's API Keys tab does: the private key is in this answer only.
.DESCRIPTION
    Returns PublicKey, PrivateKey, Id, Description and Credential (a PSCredential: user name = public key, password =
    private key), ready for New-CwApiKey -KeyPair or Install-CwIntegration -KeyPair.
.EXAMPLE
    $key = Get-CwApiMember MSPProcess | New-CwSimApiKey -Description 'MSP Process'; New-CwApiKey MSPProcess -KeyPair $key.Credential
#>
function New-CwSimApiKey {
    [CmdletBinding()]
    param(
        # The API member's id (an ApiMember object binds by its Id).
        [Parameter(Mandatory, ValueFromPipelineByPropertyName)] [Alias('Id')] [int] $MemberId,
        [string] $Description = 'Sandbox key',
        [string] $CompanyId,
        $Simulator
    )
    process {
        $made = Invoke-CwSimOperator $Simulator $CompanyId POST "apiMembers/$MemberId/keys" @{ description = $Description }
        [pscustomobject]@{
            PSTypeName  = 'CwSimulator.ApiKey'
            Id          = $made.id
            MemberId    = $MemberId
            Description = $made.description
            PublicKey   = $made.publicKey
            PrivateKey  = $made.privateKey
            Credential  = [pscredential]::new([string]$made.publicKey, [System.Net.NetworkCredential]::new('', [string]$made.privateKey).SecurePassword)
        }
    }
}

<#
.SYNOPSIS
    An API member's keys as the API Keys tab lists them (no private key).
#>
function Get-CwSimApiKey {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, ValueFromPipelineByPropertyName)] [Alias('Id')] [int] $MemberId,
        [string] $CompanyId,
        $Simulator
    )
    process { $keys = Invoke-CwSimOperator $Simulator $CompanyId GET "apiMembers/$MemberId/keys"; foreach ($k in $keys) { $k } }
}

<#
.SYNOPSIS
    Deletes an API key, as in the member's API Keys tab: the key stops signing in.
.EXAMPLE
    Get-CwSimApiKey -MemberId 7 | Remove-CwSimApiKey
#>
function Remove-CwSimApiKey {
    [CmdletBinding(SupportsShouldProcess)]
    param(
        [Parameter(Mandatory, ValueFromPipelineByPropertyName)] [int] $MemberId,
        [Parameter(Mandatory, ValueFromPipelineByPropertyName)] [Alias('Id')] [int] $KeyId,
        [string] $CompanyId,
        $Simulator
    )
    process {
        if ($PSCmdlet.ShouldProcess("API key $KeyId of member $MemberId", 'Delete')) {
            $null = Invoke-CwSimOperator $Simulator $CompanyId DELETE "apiMembers/$MemberId/keys/$KeyId"
        }
    }
}

<#
.SYNOPSIS
    The API requests the tenant received (seq, time, method, path, query, status, durationMs; never credentials).
.DESCRIPTION
    Without -IncludeOperator, only what ConnectWise would have received: the operator channel's own calls are left out.
.EXAMPLE
    Clear-CwSimRequestLog; Install-CwIntegration MspProcess -WhatIf | Out-Null; Get-CwSimRequestLog | Where-Object method -ne GET   # none
#>
function Get-CwSimRequestLog {
    [CmdletBinding()]
    param(
        [string] $CompanyId,
        # Also the operator channel's own calls (these functions'), which ConnectWise would never see.
        [switch] $IncludeOperator,
        $Simulator
    )
    $log = Invoke-CwSimOperator $Simulator $CompanyId GET 'requests'
    foreach ($entry in $log) { if ($IncludeOperator -or $entry.channel -ne 'operator') { $entry } }
}

<#
.SYNOPSIS
    Empties the tenant's request log.
#>
function Clear-CwSimRequestLog {
    [CmdletBinding()]
    param([string] $CompanyId, $Simulator)
    $null = Invoke-CwSimOperator $Simulator $CompanyId DELETE 'requests'
}

<#
.SYNOPSIS
    Makes the tenant misbehave: latency, 429 and 5xx rates, dropped connections, or a script of one-shot faults.
.EXAMPLE
    Set-CwSimFault -LatencyMs 3000                           # every request 3 s slower
.EXAMPLE
    Set-CwSimFault -Script @{ status = 429; retryAfter = '1' }, @{ status = 503 }   # the next two requests fail once each
#>
function Set-CwSimFault {
    [CmdletBinding()]
    param(
        [ValidateRange(0, 600000)] [int] $LatencyMs,
        [ValidateRange(0.0, 1.0)] [double] $Rate429,
        [ValidateRange(0.0, 1.0)] [double] $Rate500,
        [ValidateRange(0.0, 1.0)] [double] $Rate503,
        [ValidateRange(0.0, 1.0)] [double] $DropRate,
        # Seconds in the Retry-After header of a 429.
        [string] $RetryAfter,
        # Only these methods (e.g. POST) or paths (e.g. system/securityroles) misbehave.
        [string[]] $Method,
        [string] $PathPrefix,
        # One-shot faults consumed in order, one per matching request: @{ status = 429; retryAfter = '1' }, @{ drop = $true }.
        [hashtable[]] $Script,
        [int] $Seed,
        [string] $CompanyId,
        $Simulator
    )
    $names = @{ LatencyMs = 'latencyMs'; Rate429 = 'rate429'; Rate500 = 'rate500'; Rate503 = 'rate503'; DropRate = 'dropRate'; RetryAfter = 'retryAfter'; Method = 'methods'; PathPrefix = 'pathPrefix'; Script = 'script'; Seed = 'seed' }
    $body = [ordered]@{}
    foreach ($k in $names.Keys) { if ($PSBoundParameters.ContainsKey($k)) { $body[$names[$k]] = $PSBoundParameters[$k] } }
    Invoke-CwSimOperator $Simulator $CompanyId PUT 'faults' $body
}

<#
.SYNOPSIS
    Ends every fault: the tenant answers normally again.
#>
function Clear-CwSimFault {
    [CmdletBinding()]
    param([string] $CompanyId, $Simulator)
    $null = Invoke-CwSimOperator $Simulator $CompanyId DELETE 'faults'
}
