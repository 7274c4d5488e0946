using System.Collections;
using System.Management.Automation;
using System.Reflection;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;

namespace ConnectWiseSetup.Tests.Polish
{
    /// <summary>The built manifest as Test-ModuleManifest (and so the gallery) reads it.</summary>
    public sealed class ManifestTests
    {
        /// <summary>The cmdlets the dll defines: every public Cmdlet class with a [Cmdlet] attribute.</summary>
        public static List<string> CmdletsInDll() => typeof(CwConnection).Assembly.GetExportedTypes()
            .Where(t => typeof(Cmdlet).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => t.GetCustomAttribute<CmdletAttribute>())
            .Where(a => a != null)
            .Select(a => a.VerbName + "-" + a.NounName)
            .OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToList();

        [Fact]
        public void Test_ModuleManifest_reads_every_field_the_gallery_and_both_editions_need()
        {
            using var s = new PsSession(importModule: false);
            var r = s.Run("Test-ModuleManifest -Path $p -ErrorAction Stop", new() { ["p"] = TestPaths.ModuleManifest });
            r.AssertNoErrors();
            var m = (PSModuleInfo)r.Output.Single().BaseObject;
            Assert.Equal(new Version(5, 1), m.PowerShellVersion);
            Assert.Equal(new[] { "Core", "Desktop" }, m.CompatiblePSEditions.OrderBy(x => x));
            Assert.NotEqual(Guid.Empty, m.Guid);
            Assert.Equal("ConnectWiseSetup.dll", Path.GetFileName(m.RootModule));
            Assert.Contains("ConnectWise", m.Tags);
            // No invented addresses: nobody here owns a public project or license page (the LICENSE file ships instead).
            Assert.Null(m.ProjectUri);
            Assert.Null(m.LicenseUri);
            Assert.False(string.IsNullOrWhiteSpace(m.ReleaseNotes));
            Assert.False(string.IsNullOrWhiteSpace(m.Description));
            // Every format file listed, each present in the module folder.
            var formats = m.ExportedFormatFiles.Select(Path.GetFileName).ToList();
            Assert.Contains("ConnectWiseSetup.format.ps1xml", formats);
            foreach (var f in m.ExportedFormatFiles) Assert.True(File.Exists(f), f);

            // CmdletsToExport is explicit (no wildcard) and is exactly what the dll defines.
            var data = ReadDataFile(s);
            var listed = ((object[])data["CmdletsToExport"]).Select(o => o.ToString()).OrderBy(n => n, StringComparer.OrdinalIgnoreCase).ToList();
            Assert.DoesNotContain(listed, n => n.Contains('*'));
            Assert.Equal(CmdletsInDll(), listed);
        }

        [Fact]
        public void The_version_and_release_notes_are_the_changelogs_newest_entry_and_the_license_is_MIT()
        {
            var changelog = File.ReadAllText(TestPaths.InRepository("CHANGELOG.md"));
            var newest = System.Text.RegularExpressions.Regex.Match(changelog, @"^## (\d+\.\d+\.\d+) \(\d{4}-\d{2}-\d{2}\)\s*\n\s*Summary: (.+)$",
                System.Text.RegularExpressions.RegexOptions.Multiline);
            Assert.True(newest.Success, "CHANGELOG.md has no '## x.y.z (date)' entry with a 'Summary:' line");
            var version = newest.Groups[1].Value;
            var summary = newest.Groups[2].Value.Trim();

            using var s = new PsSession(importModule: false);
            var data = ReadDataFile(s);
            Assert.Equal(version, data["ModuleVersion"]);
            Assert.True(new Version(version) >= new Version(0, 2, 0), version);
            var notes = (string)((Hashtable)((Hashtable)data["PrivateData"]!)["PSData"]!)["ReleaseNotes"]!;
            Assert.StartsWith(version + ": " + summary, notes, StringComparison.Ordinal);
            // Every version the changelog names appears once, newest first.
            var versions = System.Text.RegularExpressions.Regex.Matches(changelog, @"^## (\d+\.\d+\.\d+) ", System.Text.RegularExpressions.RegexOptions.Multiline)
                .Select(x => new Version(x.Groups[1].Value)).ToList();
            Assert.Equal(versions.OrderByDescending(v => v), versions);
            Assert.Equal(versions.Distinct().Count(), versions.Count);

            var license = File.ReadAllText(TestPaths.InRepository("LICENSE"));
            Assert.StartsWith("MIT License", license, StringComparison.Ordinal);
            Assert.Contains("Copyright (c) 2026 ConnectWiseSetup contributors", license);
            Assert.Contains("MIT License", (string)data["Copyright"]!);
        }

        static Hashtable ReadDataFile(PsSession s)
        {
            // Import-PowerShellDataFile is in Microsoft.PowerShell.Utility, absent from the bare host: the engine's data-section evaluation instead.
            var r = s.Run("$ast = [System.Management.Automation.Language.Parser]::ParseFile($p, [ref]$null, [ref]$null); $ast.Find({ $args[0] -is [System.Management.Automation.Language.HashtableAst] }, $false).SafeGetValue()",
                new() { ["p"] = TestPaths.ModuleManifest });
            r.AssertNoErrors();
            return (Hashtable)r.Output.Single().BaseObject;
        }
    }
}
