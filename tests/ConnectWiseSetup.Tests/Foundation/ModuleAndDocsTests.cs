using System.Management.Automation.Language;
using System.Reflection;
using System.Text.RegularExpressions;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;

namespace ConnectWiseSetup.Tests.Foundation
{
    /// <summary>The built module folder, the README's quick start, the demo and the Pester files.</summary>
    public class ModuleAndDocsTests : IClassFixture<SimulatorFixture>
    {
        readonly SimulatorFixture _sim;
        public ModuleAndDocsTests(SimulatorFixture sim) { _sim = sim; }

        [Fact]
        public void The_module_folder_loads_as_it_is_and_carries_its_dependencies_but_not_PowerShell()
        {
            var files = Directory.GetFiles(TestPaths.ModuleDirectory).Select(Path.GetFileName).ToList();
            Assert.Contains("ConnectWiseSetup.psd1", files);
            Assert.Contains("ConnectWiseSetup.dll", files);
            Assert.Contains("Newtonsoft.Json.dll", files);
            Assert.Contains("Microsoft.Bcl.TimeProvider.dll", files);
            Assert.DoesNotContain("System.Management.Automation.dll", files);

            using var ps = new PsSession();
            var r = ps.Run("(Get-Module ConnectWiseSetup).Version.ToString(); (Get-Module ConnectWiseSetup).ExportedCmdlets.Keys");
            r.AssertNoErrors();
            var manifest = File.ReadAllText(TestPaths.InRepository("ConnectWiseSetup.psd1"));
            var version = Regex.Match(manifest, @"ModuleVersion\s*=\s*'([^']+)'").Groups[1].Value;
            Assert.Equal(version, r.Output[0].BaseObject);
            // The one source of the version: the dll carries the manifest's version too.
            var asm = AssemblyName.GetAssemblyName(Path.Combine(TestPaths.ModuleDirectory, "ConnectWiseSetup.dll"));
            Assert.StartsWith(version, asm.Version.ToString());
            var exported = r.Output.Skip(1).Select(o => o.BaseObject.ToString()).ToList();
            Assert.Contains("Connect-CwManage", exported);
            // Every cmdlet the manifest exports exists in the dll.
            var listed = Regex.Matches(Regex.Match(manifest, @"CmdletsToExport\s*=\s*@\(([^)]*)\)").Groups[1].Value, "'([^']+)'").Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(listed);
            Assert.Equal(listed.OrderBy(x => x), exported.OrderBy(x => x));
        }

        [Fact]
        public void The_README_quick_start_runs_as_written()
        {
            var readme = File.ReadAllText(TestPaths.InRepository("README.md"));
            var section = readme.Substring(readme.IndexOf("## Quick start", StringComparison.Ordinal));
            var block = Regex.Match(section, "```powershell\\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
            Assert.Contains("Connect-CwManage", block);
            var t = _sim.Server.Tenants[0];
            using var ps = new PsSession();
            var r = ps.Run(block, _sim.ConnectVariables(t));
            r.AssertNoErrors();
            // It begins with the read-only readiness check: every check of a tenant as the module expects it passes, so none is
            // listed (Test-CwTenant lists the Warn and Fail checks) and its summary counts them all as passes.
            var checks = r.Output.Select(o => o.BaseObject).OfType<ConnectWiseSetup.Setup.TenantCheckRow>().ToList();
            Assert.Empty(checks);
            Assert.Contains(r.Information, i => Regex.IsMatch(i.MessageData.ToString() ?? "", @"^(\d+) checks on .*: \1 Pass .*, 0 Warn, 0 Fail .*Ready\.$"));
        }

        [Fact]
        public async Task The_demo_runs_against_a_fresh_simulator()
        {
            var output = new StringWriter();
            var code = await ConnectWiseSetup.Demo.DemoRunner.RunAsync(output);
            var text = output.ToString();
            Assert.True(code == 0, text);
            Assert.Contains("Connecting to the demo tenant", text);
            Assert.Contains("v2025_1", text);
            // The story: every built-in profile installed (the operator playing the administrator) and verified with its own key.
            Assert.Contains("[operator] playing the administrator in the web UI", text);
            foreach (var name in ConnectWiseSetup.Permissions.ProfileCatalog.BuiltInNames)
            {
                var row = text.Split('\n').Select(l => l.TrimEnd('\r')).SingleOrDefault(l => Regex.IsMatch(l, "^" + Regex.Escape(name) + @"\s+Complete\s+True\s"));
                Assert.True(row != null, "no Complete/verified summary row for " + name + ":\n" + text);
            }
            Assert.DoesNotContain("Note:", text);
            // Readable at 80 columns (issue 25): no line longer (the views wrap between words, FormatViewTests), and the -Live table
            // says whose rights it read in its Role column: the key's, as the key cannot read its own role.
            var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            Assert.All(lines, l => Assert.True(l.Length <= 80, "a line of " + l.Length + " characters: " + l));
            var liveRows = lines.Where(l => Regex.IsMatch(l, @"^.{1,15} \(key's rights\)\s+True\s")).ToList();
            Assert.True(ConnectWiseSetup.Permissions.ProfileCatalog.BuiltInNames.Count() == liveRows.Count, string.Join("\n", lines.Where(l => l.Contains("True "))));
        }

        [Fact]
        public void Every_Pester_file_parses()
        {
            var dir = TestPaths.InRepository("tests", "Pester");
            var files = Directory.GetFiles(dir, "*.Tests.ps1");
            Assert.NotEmpty(files);
            foreach (var f in files)
            {
                Parser.ParseFile(f, out _, out var errors);
                Assert.True(errors.Length == 0, f + ": " + string.Join("; ", errors.Select(e => e.Extent.StartLineNumber + ": " + e.Message)));
            }
            // build.ps1 and the demo script parse too.
            foreach (var f in new[] { TestPaths.InRepository("build.ps1"), TestPaths.InRepository("examples", "demo.ps1") })
            {
                Parser.ParseFile(f, out _, out var errors);
                Assert.True(errors.Length == 0, f + ": " + string.Join("; ", errors.Select(e => e.Extent.StartLineNumber + ": " + e.Message)));
            }
        }
    }
}
