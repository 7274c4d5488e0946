using System.Reflection;
using System.Text.RegularExpressions;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;

namespace ConnectWiseSetup.Tests.Polish
{
    public sealed class ReadmeTests
    {
        static string Section(string readme, string heading)
        {
            var start = readme.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
            Assert.True(start >= 0, "README has no section " + heading);
            var end = readme.IndexOf("\n## ", start + heading.Length + 1, StringComparison.Ordinal);
            return end < 0 ? readme.Substring(start) : readme.Substring(start, end - start);
        }

        [Fact]
        public void Every_ErrorId_has_a_troubleshooting_row()
        {
            // The README is an entry; the troubleshooting table is docs/troubleshooting.md, which it links.
            var table = Section(File.ReadAllText(TestPaths.InRepository("docs", "troubleshooting.md")), "## Troubleshooting by ErrorId");
            var ids = typeof(ErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()).ToList();
            Assert.True(ids.Count > 40);
            // Not in ErrorIds: the id the cmdlet base gives a stopped pipeline.
            ids.Add("CwCancelled");
            var missing = ids.Where(id => !table.Contains("`" + id + "`", StringComparison.Ordinal)).ToList();
            Assert.True(missing.Count == 0, "docs/troubleshooting.md's table lacks: " + string.Join(", ", missing));
        }

        [Fact]
        public void Every_cmdlet_the_module_exports_has_a_row_in_the_cmdlet_table()
        {
            var table = Section(File.ReadAllText(TestPaths.InRepository("README.md")), "## Cmdlets");
            var missing = ManifestTests.CmdletsInDll().Where(c => !Regex.IsMatch(table, @"\|\s*`" + Regex.Escape(c) + "`")).ToList();
            Assert.True(missing.Count == 0, "README's cmdlet table lacks: " + string.Join(", ", missing));
        }

        [Fact]
        public void The_test_commands_the_README_gives_are_the_ones_CI_and_build_ps1_run()
        {
            var readme = File.ReadAllText(TestPaths.InRepository("README.md"));
            var commands = Section(readme, "## The two commands (on a fresh machine with only the .NET 10 SDK)");
            var ci = File.ReadAllText(TestPaths.InRepository(".ci/run"));
            var build = File.ReadAllText(TestPaths.InRepository("build.ps1"));
            const string xunit = "dotnet test ConnectWiseSetup.sln";
            const string pester = "dotnet pwsh -NoProfile -NonInteractive -File tests/Pester/Invoke-PesterSuite.ps1";
            Assert.Contains("dotnet run --project examples/Demo", commands);
            Assert.Contains(xunit, commands);
            Assert.Contains("dotnet tool restore", commands);
            Assert.Contains(pester, commands);
            // CI runs both, in that order, with the local tool restored first.
            var x = ci.IndexOf(xunit, StringComparison.Ordinal);
            var r = ci.IndexOf("dotnet tool restore", StringComparison.Ordinal);
            var p = ci.IndexOf(pester, StringComparison.Ordinal);
            Assert.True(x >= 0 && r > x && p > r, ".ci/run must run '" + xunit + "', then 'dotnet tool restore', then '" + pester + "'");
            Assert.Contains("Invoke-Dotnet test ConnectWiseSetup.sln", build);
            Assert.Contains("tests/Pester/Invoke-PesterSuite.ps1", build);
            // The tool the README names is the one the manifest pins.
            Assert.Matches("\"powershell\":\\s*\\{\\s*\"version\":\\s*\"7\\.6\\.9\"", File.ReadAllText(TestPaths.InRepository(".config/dotnet-tools.json")));
        }

        [Fact]
        public void Every_CwSimulator_function_the_simulator_page_names_is_exported_and_every_export_is_on_it()
        {
            var readme = File.ReadAllText(TestPaths.InRepository("docs", "simulator.md"));
            var manifest = File.ReadAllText(TestPaths.InRepository("src/ConnectWiseSetup.Simulator/CwSimulator/CwSimulator.psd1"));
            var exported = Regex.Matches(manifest, @"'([A-Z][a-z]+-CwSim[A-Za-z]*)'").Select(m => m.Groups[1].Value).ToHashSet();
            var named = Regex.Matches(readme, @"\b([A-Z][a-z]+-CwSim[A-Za-z]*)\b").Select(m => m.Groups[1].Value).ToHashSet();
            Assert.True(exported.Count >= 10, "CwSimulator.psd1 exports " + exported.Count);
            Assert.Empty(named.Except(exported));
            Assert.Empty(exported.Except(named));
            Assert.Contains("CwSimulator", global::ConnectWiseSetup.Simulator.Program.Usage);
        }

        [Fact]
        public void The_README_is_an_entry_of_at_most_250_lines_whose_links_all_lead_somewhere()
        {
            var readme = File.ReadAllText(TestPaths.InRepository("README.md"));
            var lines = readme.Split('\n').Length - (readme.EndsWith("\n", StringComparison.Ordinal) ? 1 : 0);
            Assert.True(lines <= 250, "README.md has " + lines + " lines; walkthroughs belong in docs/");
            foreach (var must in new[] { "## Requirements", "## The two commands", "## Installing the module", "## Quick start", "## Where to go next" })
                Assert.Contains(must, readme);
            // Every relative link of README and docs/*.md names a file that exists.
            var pages = new[] { TestPaths.InRepository("README.md") }.Concat(Directory.GetFiles(TestPaths.InRepository("docs"), "*.md"));
            var broken = new List<string>();
            foreach (var page in pages)
                foreach (Match m in Regex.Matches(File.ReadAllText(page), @"\]\(([^)#:]+)(#[^)]*)?\)"))
                    if (!File.Exists(Path.Combine(Path.GetDirectoryName(page), m.Groups[1].Value)))
                        broken.Add(Path.GetFileName(page) + " -> " + m.Groups[1].Value);
            Assert.True(broken.Count == 0, "links to nothing: " + string.Join(", ", broken));
        }

        [Fact]
        public void The_simulator_help_shows_a_splat_that_works()
        {
            var usage = global::ConnectWiseSetup.Simulator.Program.Usage;
            // An array is not a splat: Connect-CwManage @($sim.ConnectParameters) fails; the variable form works.
            Assert.DoesNotContain("@($", usage);
            Assert.Contains("$p = $sim.ConnectParameters; Connect-CwManage @p", usage);
        }
    }
}
