#requires -Version 5.1
<#
.SYNOPSIS
    Measures ConvertFrom-CwIntegrationGuide on a folder of vendor guides: rows exact, with other levels, invented
    and missed, per guide and per shape.
.DESCRIPTION
    Each guide (*.txt, *.md, *.html, *.htm) is read with ConvertFrom-CwIntegrationGuide and compared with what it
    should give: <guide>.expected.json beside it when there is one (a profile file, rows with "lines" also check the
    line numbers), otherwise the built-in profile named by -Map, otherwise the built-in profile whose display name the
    guide spells out (every word of it). A row is exact when its module, function and all four levels match;
    invented when the expected profile has no such row; missed when the import has no row for an expected one.
    Rows are grouped by the shape they were read from; missed rows have no shape.
    Given the corpus root, the built-from and held-out splits are reported apart (see -Path).
.PARAMETER Path
    The folder of guides. Given the guide corpus root (a folder holding BuiltFrom/ and HeldOut/), each split is
    measured and reported apart, with totals per split: rows, exact and its percentage, other levels, invented,
    missed, and how many of the rows missed or read with other levels were reported (an unread or unknown line
    among the row's guide lines, or an unread line, unknown name, doubt or conflict naming its function). Each guide
    also gives ReportLines (how many of the expected file's "report:" notes were reported: an unread or unknown line
    with that number or name, or a doubt or conflict naming it) and UnreportedLines (the ones that were not).
.PARAMETER Map
    Guide file name (wildcards) to built-in profile name, e.g. @{ '000_*' = 'MassMaintenanceBooster' }.
.PARAMETER Module
    The module manifest to measure; default: the Release or Debug build of this repository, whichever was built last.
.PARAMETER Markdown
    Write the results as markdown tables (for docs/guide-import.md) instead of objects.
.EXAMPLE
    ./tools/Measure-GuideImport.ps1 -Path ../shared/seeds -Markdown
.EXAMPLE
    ./tools/Measure-GuideImport.ps1 -Path tests/ConnectWiseSetup.Tests/Guides/Data | Format-Table
.EXAMPLE
    ./tools/Measure-GuideImport.ps1 -Path tests/ConnectWiseSetup.Tests/Guides/Corpus -Markdown
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Path,
    [hashtable] $Map = @{},
    [string] $Module,
    [switch] $Markdown
)
$ErrorActionPreference = 'Stop'
# Engine commands and .NET only, so the script also runs in a hosted runspace (the test suite runs it).

if (-not (Get-Command ConvertFrom-CwIntegrationGuide -ErrorAction SilentlyContinue)) {
    if (-not $Module) {
        $root = [IO.Path]::GetDirectoryName($PSScriptRoot)
        # The build written last, Release or Debug.
        $newest = [datetime]::MinValue
        foreach ($configuration in 'Release', 'Debug') {
            $manifest = [IO.Path]::Combine($root, "src/ConnectWiseSetup/bin/$configuration/netstandard2.0/ConnectWiseSetup.psd1")
            $dll = [IO.Path]::ChangeExtension($manifest, '.dll')
            if ([IO.File]::Exists($manifest) -and [IO.File]::GetLastWriteTimeUtc($dll) -gt $newest) { $Module = $manifest; $newest = [IO.File]::GetLastWriteTimeUtc($dll) }
        }
        if (-not $Module) { throw 'Build the module first (dotnet build ConnectWiseSetup.sln), or pass -Module.' }
    }
    Import-Module $Module
}

function Get-RowKey($module, $function) {
    $row = [ConnectWiseSetup.Permissions.FunctionCatalog]::Find($module, $function)
    if ($row) { return $row.ToString() }
    [ConnectWiseSetup.Permissions.FunctionMatcher]::Normalize($module) + '/' + [ConnectWiseSetup.Permissions.FunctionMatcher]::Normalize($function)
}

function Get-Expected($file, $text) {
    $beside = [IO.Path]::Combine($file.DirectoryName, [IO.Path]::GetFileNameWithoutExtension($file.Name) + '.expected.json')
    if ([IO.File]::Exists($beside)) { return Get-CwIntegrationProfile -Path $beside }
    foreach ($pattern in $Map.Keys) {
        if ($file.Name -like $pattern) { return Get-CwIntegrationProfile -Name $Map[$pattern] }
    }
    # The built-in profile whose display name the guide spells out, every word of it (the most mentions wins).
    $best = $null; $bestCount = 0
    foreach ($p in Get-CwIntegrationProfile) {
        $words = @($p.DisplayName -split '\W+' | Where-Object { $_.Length -ge 3 })
        if ($words.Count -eq 0 -or @($words | Where-Object { $text -notmatch [regex]::Escape($_) }).Count -gt 0) { continue }
        $count = ([regex]::Matches($text, [regex]::Escape($words[0]), 'IgnoreCase')).Count
        if ($count -gt $bestCount) { $best = $p; $bestCount = $count }
    }
    $best
}

function Get-CustomizeKey($c) {
    $items = [string[]]@($c.Allow)
    [Array]::Sort($items, [StringComparer]::Ordinal)
    (Get-RowKey $c.Module $c.Function) + ':' + $(if ($c.AllowAll) { '*' } else { $items -join ',' })
}

function Test-Reported($profile, $wantRow) {
    # A row the import missed or read with other levels is reported when an unread or unknown line is among the
    # row's guide lines, or an unread line, unknown name, doubt or conflict names its function.
    $lines = @($wantRow.Lines)
    $function = [string]$wantRow.Function
    foreach ($u in @($profile.Import.Unread) + @($profile.Import.Unknown)) {
        if ($null -eq $u) { continue }
        if ($lines.Count -gt 0 -and $lines -contains [int]$u.Line) { return $true }
        $text = [string]$u.Text + ' ' + [string]$u.Name
        if ($text.IndexOf($function, [StringComparison]::OrdinalIgnoreCase) -ge 0) { return $true }
    }
    foreach ($d in @($profile.Import.Doubts) + @($profile.Import.Conflicts)) {
        if ($null -ne $d -and ([string]$d).IndexOf($function, [StringComparison]::OrdinalIgnoreCase) -ge 0) { return $true }
    }
    $false
}

function Test-LineIn($text, [int] $line) {
    # "line 26", "lines 22-25, 31": the line numbers a doubt or conflict names.
    foreach ($m in [regex]::Matches([string]$text, '\blines? ((?:\d+(?:-\d+)?(?:, )?)+)')) {
        foreach ($part in $m.Groups[1].Value.Split(',')) {
            $ends = $part.Trim().Split('-')
            if ($ends[0] -eq '') { continue }
            $from = [int]$ends[0]; $to = [int]$ends[$ends.Count - 1]
            if ($line -ge $from -and $line -le $to) { return $true }
        }
    }
    $false
}

function Test-ReportNote($profile, $note) {
    # A "report:" line of the expected file ("report: line <N>: why" or "report: '<name>' ...: why") is reported when an
    # unread or unknown line has that number (or names that name), or a doubt or conflict names the line (or the name).
    if ($note -match '^report: line (\d+):') {
        $line = [int]$Matches[1]
        foreach ($u in @($profile.Import.Unread) + @($profile.Import.Unknown)) { if ($null -ne $u -and [int]$u.Line -eq $line) { return $true } }
        foreach ($d in @($profile.Import.Doubts) + @($profile.Import.Conflicts)) { if ($null -ne $d -and (Test-LineIn $d $line)) { return $true } }
        return $false
    }
    if ($note -match "^report: '([^']+)'") {
        $name = $Matches[1]
        foreach ($u in @($profile.Import.Unread) + @($profile.Import.Unknown)) {
            if ($null -ne $u -and ([string]$u.Text + ' ' + [string]$u.Name).IndexOf($name, [StringComparison]::OrdinalIgnoreCase) -ge 0) { return $true }
        }
        foreach ($d in @($profile.Import.Doubts) + @($profile.Import.Conflicts)) { if ($null -ne $d -and ([string]$d).IndexOf($name, [StringComparison]::OrdinalIgnoreCase) -ge 0) { return $true } }
        return $false
    }
    $true
}

# One folder of guides: each guide against its expected profile, and the same per shape.
function Measure-Folder([IO.DirectoryInfo] $folder) {
    $guides = @()
    $shapes = @{}
    function Add-Shape($shape, $field) {
        if (-not $shapes.ContainsKey($shape)) { $shapes[$shape] = [ordered]@{ Shape = $shape; Read = 0; Exact = 0; OtherLevels = 0; Invented = 0; Missed = 0 } }
        $shapes[$shape][$field]++
    }
    $files = [Collections.Generic.List[IO.FileInfo]]::new()
    foreach ($f in $folder.GetFiles()) { if ($f.Extension -in '.txt', '.md', '.html', '.htm') { $files.Add($f) } }
    $files.Sort([Comparison[IO.FileInfo]] { param($a, $b) [string]::CompareOrdinal($a.Name, $b.Name) })

    foreach ($file in $files) {
        $text = [IO.File]::ReadAllText($file.FullName)
        $profile = ConvertFrom-CwIntegrationGuide -Path $file.FullName -WarningAction SilentlyContinue
        $expected = Get-Expected $file $text
        $want = @{}
        if ($expected) { foreach ($r in $expected.Permissions) { $want[(Get-RowKey $r.Module $r.Function)] = $r } }
        $exact = 0; $other = 0; $invented = 0; $linesExact = 0; $linesChecked = 0
        $found = @{}
        $wrong = @()
        $inventedRows = @()
        foreach ($r in $profile.Import.Rows) {
            $key = Get-RowKey $r.Module $r.Function
            $found[$key] = $true
            $shape = [string]$r.Shape
            Add-Shape $shape 'Read'
            if (-not $want.ContainsKey($key)) { $invented++; $inventedRows += $key; Add-Shape $shape 'Invented'; continue }
            if ($want[$key].Levels.Equals($r.Levels)) { $exact++; Add-Shape $shape 'Exact' } else { $other++; Add-Shape $shape 'OtherLevels'; $wrong += $key }
            if ($want[$key].Lines.Count -gt 0) {
                $linesChecked++
                if ((@($want[$key].Lines) -join ',') -eq (@($r.Lines) -join ',')) { $linesExact++ }
            }
        }
        $missed = @($want.Keys | Where-Object { -not $found.ContainsKey($_) })
        foreach ($m in $missed) { Add-Shape '(not read)' 'Missed' }
        $unreported = @(@($missed) + @($wrong) | Where-Object { $_ -and -not (Test-Reported $profile $want[$_]) })
        $reportNotes = @($expected.Notes | Where-Object { ([string]$_).StartsWith('report: ', [StringComparison]::Ordinal) })
        $reportMissed = @($reportNotes | Where-Object { -not (Test-ReportNote $profile $_) })
        $customizeWant = @($expected.Customize | ForEach-Object { Get-CustomizeKey $_ })
        $customizeGot = @($profile.Customize | ForEach-Object { Get-CustomizeKey $_ })
        $guides += [pscustomobject]@{
            Guide       = $file.Name
            Expected    = if (-not $expected) { '(none)' } elseif ($expected.BuiltIn) { $expected.Name } else { 'expected.json' }
            Rows        = $want.Count
            Read        = @($profile.Import.Rows).Count
            Exact       = $exact
            OtherLevels = $other
            Invented    = $invented
            Missed      = $missed.Count
            Lines       = if ($linesChecked) { "$linesExact/$linesChecked" } else { '-' }
            Customize   = "$(@($customizeGot | Where-Object { $_ -in $customizeWant }).Count)/$($customizeWant.Count)"
            Unread      = @($profile.Import.Unread).Count
            Unknown     = @($profile.Import.Unknown).Count
            Doubts      = @($profile.Import.Doubts).Count
            NeedsReview = $profile.NeedsReview
            Shapes      = $profile.Import.Shapes
            Reported    = @($missed).Count + @($wrong).Count - $unreported.Count
            Unreported  = $(if ($unreported.Count) { [string[]]$u = $unreported; [Array]::Sort($u, [StringComparer]::Ordinal); $u -join '; ' } else { '' })
            InventedRows = $(if ($inventedRows.Count) { [string[]]$i = $inventedRows; [Array]::Sort($i, [StringComparer]::Ordinal); $i -join '; ' } else { '' })
            ReportLines = "$($reportNotes.Count - $reportMissed.Count)/$($reportNotes.Count)"
            UnreportedLines = $(($reportMissed | ForEach-Object { ([string]$_ -split ': ', 3)[0..1] -join ': ' }) -join '; ')
            MissedRows  = $(if ($missed.Count) { [string[]]$m = $missed; [Array]::Sort($m, [StringComparer]::Ordinal); $m -join '; ' } else { '' })
        }
    }

    $shapeNames = [string[]]@($shapes.Keys)
    [Array]::Sort($shapeNames, [StringComparer]::Ordinal)
    [pscustomobject]@{ Guides = $guides; PerShape = @($shapeNames | ForEach-Object { [pscustomobject]$shapes[$_] }) }
}

function Write-Tables($result) {
    '| guide | expected | rows | read | exact | other levels | invented | missed | lines | customize | unread | unknown | doubts | review | shapes |'
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: | ---: | --- | --- |'
    foreach ($g in $result.Guides) {
        "| $($g.Guide) | $($g.Expected) | $($g.Rows) | $($g.Read) | $($g.Exact) | $($g.OtherLevels) | $($g.Invented) | $($g.Missed) | $($g.Lines) | $($g.Customize) | $($g.Unread) | $($g.Unknown) | $($g.Doubts) | $($g.NeedsReview) | $($g.Shapes) |"
    }
    ''
    '| shape | read | exact | other levels | invented | missed |'
    '| --- | ---: | ---: | ---: | ---: | ---: |'
    foreach ($s in $result.PerShape) { "| $($s.Shape) | $($s.Read) | $($s.Exact) | $($s.OtherLevels) | $($s.Invented) | $($s.Missed) |" }
    $missedRows = $result.Guides | Where-Object MissedRows
    if ($missedRows) {
        ''
        foreach ($g in $missedRows) { "- $($g.Guide): missed $($g.MissedRows)" }
    }
}

function Get-Total($split, $result) {
    $sum = @{ Rows = 0; Exact = 0; OtherLevels = 0; Invented = 0; Missed = 0; Reported = 0 }
    $count = 0
    foreach ($g in $result.Guides) {
        $count++
        foreach ($field in @($sum.Keys)) { $sum[$field] += [int]$g.$field }
    }
    [pscustomobject]@{
        Split        = $split
        Guides       = $count
        Rows         = $sum.Rows
        Exact        = $sum.Exact
        ExactPercent = $(if ($sum.Rows) { [Math]::Round(100.0 * $sum.Exact / $sum.Rows, 1) } else { 0 })
        OtherLevels  = $sum.OtherLevels
        Invented     = $sum.Invented
        Missed       = $sum.Missed
        Reported     = $sum.Reported
        NotReported  = $sum.OtherLevels + $sum.Missed - $sum.Reported
    }
}

$folder = [IO.DirectoryInfo]::new($ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path))
if (-not $folder.Exists) { throw "There is no folder '$Path'." }
# The corpus root (a folder holding BuiltFrom/ and HeldOut/) is measured split by split, each reported apart.
$splits = @('BuiltFrom', 'HeldOut' | Where-Object { [IO.Directory]::Exists([IO.Path]::Combine($folder.FullName, $_)) })
if ($splits.Count -eq 0) {
    $result = Measure-Folder $folder
    if (-not $Markdown) {
        $result.Guides
        $result.PerShape
        return
    }
    Write-Tables $result
    return
}

$totals = @()
foreach ($split in $splits) {
    $result = Measure-Folder ([IO.DirectoryInfo]::new([IO.Path]::Combine($folder.FullName, $split)))
    $totals += Get-Total $split $result
    if (-not $Markdown) {
        foreach ($o in @($result.Guides) + @($result.PerShape)) { $o.PSObject.Properties.Add([psnoteproperty]::new('Split', $split)); $o }
        continue
    }
    "### $split"
    ''
    Write-Tables $result
    $unreported = $result.Guides | Where-Object Unreported
    if ($unreported) {
        ''
        foreach ($g in $unreported) { "- $($g.Guide): NOT reported (missed or other levels, with no unread, unknown or doubt line for it): $($g.Unreported)" }
    }
    $unreportedLines = $result.Guides | Where-Object UnreportedLines
    if ($unreportedLines) {
        ''
        foreach ($g in $unreportedLines) { "- $($g.Guide): a line its expected file says must be reported is NOT reported: $($g.UnreportedLines)" }
    }
    ''
}
if (-not $Markdown) { $totals; return }
'| split | guides | rows | exact | exact % | other levels | invented | missed | missed or other levels reported |'
'| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |'
foreach ($t in $totals) { "| $($t.Split) | $($t.Guides) | $($t.Rows) | $($t.Exact) | $($t.ExactPercent) | $($t.OtherLevels) | $($t.Invented) | $($t.Missed) | $($t.Reported)/$($t.OtherLevels + $t.Missed) |" }
