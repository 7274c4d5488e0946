using System.Collections;
using System.Management.Automation;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.HelpGen;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;

namespace ConnectWiseSetup.Tests.Polish
{
    /// <summary>The help people read with Get-Help, built from src/ConnectWiseSetup/Help/*.md by the HelpGen project.</summary>
    public sealed class HelpTests
    {
        static string Text(object o) => o switch
        {
            null => "",
            PSObject p when p.BaseObject is string s => s,
            PSObject p when p.BaseObject is object[] arr => string.Join("\n", arr.Select(Text)),
            PSObject p when p.Properties["Text"] != null => Text(p.Properties["Text"].Value),
            object[] arr => string.Join("\n", arr.Select(Text)),
            _ => o.ToString(),
        };

        static object Prop(object o, string name) => o is PSObject p ? p.Properties[name]?.Value : null;

        static IEnumerable<object> Items(object o) => o switch
        {
            null => Array.Empty<object>(),
            PSObject p when p.BaseObject is object[] arr => arr,
            object[] arr => arr,
            _ => new[] { o },
        };

        [Fact]
        public void Every_exported_cmdlet_has_a_synopsis_a_description_two_examples_and_every_parameter_described()
        {
            using var s = new PsSession();
            var names = s.Run("(Get-Module ConnectWiseSetup).ExportedCmdlets.Keys").Output.Select(o => o.ToString()).OrderBy(n => n).ToList();
            Assert.True(names.Count >= 17, "exported: " + string.Join(", ", names));
            var problems = new List<string>();
            foreach (var name in names)
            {
                var r = s.Run("Get-Help -Name $n -Full", new() { ["n"] = name });
                r.AssertNoErrors();
                var help = r.Output.Single();
                // Without MAML, Get-Help makes up a help object whose synopsis is the syntax line.
                var synopsis = Text(Prop(help, "Synopsis")).Trim();
                if (synopsis.Length == 0 || synopsis.StartsWith(name + " ", StringComparison.Ordinal) || synopsis.Contains("[<CommonParameters>]"))
                    problems.Add(name + ": no synopsis");
                if (Text(Prop(help, "description")).Trim().Length == 0) problems.Add(name + ": no description");
                var examples = Items(Prop(Prop(help, "examples"), "example")).ToList();
                if (examples.Count < 2) problems.Add(name + ": " + examples.Count + " examples (at least 2)");
                foreach (var e in examples)
                    if (Text(Prop(e, "code")).Trim().Length == 0) problems.Add(name + ": an example without code");

                var described = Items(Prop(Prop(help, "parameters"), "parameter"))
                    .ToDictionary(p => Text(Prop(p, "name")), p => Text(Prop(p, "description")).Trim(), StringComparer.OrdinalIgnoreCase);
                var parameters = s.Run("(Get-Command -Name $n).Parameters.Keys", new() { ["n"] = name }).Output.Select(o => o.ToString());
                foreach (var p in parameters.Where(p => !Cmdlet.CommonParameters.Contains(p)))
                    if (!described.TryGetValue(p, out var d) || d.Length == 0)
                        problems.Add(name + ": -" + p + " has no description");
            }
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        [Fact]
        public void The_help_syntax_comes_from_the_cmdlet_itself()
        {
            using var s = new PsSession();
            var r = s.Run("(Get-Help Connect-CwManage).syntax.syntaxItem | ForEach-Object { ($_.parameter | ForEach-Object { $_.name }) -join ',' }");
            r.AssertNoErrors();
            var sets = r.Output.Select(o => o.ToString()).ToList();
            Assert.Equal(2, sets.Count);
            Assert.StartsWith("Server,CompanyId,Credential", sets[0]);
            Assert.Contains(sets, x => x.Contains("ApiKey"));
            var mandatory = s.Run("((Get-Help Connect-CwManage).parameters.parameter | Where-Object name -eq 'Credential').required");
            Assert.Equal("true", mandatory.Output.Single().ToString());
        }

        [Fact]
        public void The_about_topic_explains_what_the_API_cannot_do_and_the_guided_steps()
        {
            Assert.True(File.Exists(Path.Combine(TestPaths.ModuleDirectory, "en-US", "about_ConnectWiseSetup.help.txt")));
            using var s = new PsSession();
            var r = s.Run("Get-Help about_ConnectWiseSetup");
            r.AssertNoErrors();
            var text = string.Join("\n", r.Output.Select(o => o.ToString()));
            Assert.Contains("WHAT THE API CANNOT DO", text);
            Assert.Contains("GUIDED STEPS", text);
            Assert.Contains("CwManualStepRequired", text);
        }

        static string WriteMarkdown(string dir, string name, string parameters)
        {
            var path = Path.Combine(dir, name + ".md");
            File.WriteAllText(path, "# " + name + "\n\n## SYNOPSIS\nS.\n\n## DESCRIPTION\nD.\n\n## PARAMETERS\n\n" + parameters +
                "\n## EXAMPLES\n\n### Example 1: One\n```powershell\n" + name + "\n```\nR.\n\n## OUTPUTS\nNone\n");
            return path;
        }

        [Fact]
        public void The_generator_refuses_a_parameter_the_cmdlet_does_not_have_and_names_the_file_and_line()
        {
            var dir = Directory.CreateTempSubdirectory("cwhelp").FullName;
            try
            {
                var cmdlets = CmdletReflector.Read(typeof(CwConnection).Assembly);
                var good = MarkdownHelp.Parse(WriteMarkdown(dir, "Get-CwSecurityRole", "### -Name\nRole names.\n\n### -Id\nIds.\n"));
                Assert.Contains("helpItems", MamlWriter.Write(new[] { good }, cmdlets));

                var bad = MarkdownHelp.Parse(WriteMarkdown(dir, "Get-CwSecurityRole", "### -Name\nRole names.\n\n### -RoleId\nIds.\n"));
                var ex = Assert.Throws<HelpSourceException>(() => MamlWriter.Write(new[] { bad }, cmdlets));
                Assert.Contains("-RoleId", ex.Message);
                Assert.Equal(14, ex.Line);

                var unknown = MarkdownHelp.Parse(WriteMarkdown(dir, "Get-CwNothing", ""));
                Assert.Contains("no cmdlet Get-CwNothing", Assert.Throws<HelpSourceException>(() => MamlWriter.Write(new[] { unknown }, cmdlets)).Message);

                // As the build runs it: a non-zero exit code fails `dotnet build`, with an MSBuild error naming the file.
                var err = new StringWriter();
                var old = Console.Error;
                Console.SetError(err);
                int code;
                try
                {
                    code = ConnectWiseSetup.HelpGen.Program.Main(new[] { "--help-dir", dir, "--module", typeof(CwConnection).Assembly.Location, "--out", Path.Combine(dir, "out.xml") });
                }
                finally { Console.SetError(old); }
                Assert.Equal(1, code);
                Assert.Matches(@"\.md\(\d+\): error CWHELP: ", err.ToString());
                Assert.False(File.Exists(Path.Combine(dir, "out.xml")));
            }
            finally { Directory.Delete(dir, true); }
        }

        [Fact]
        public void The_markdown_structure_is_enforced()
        {
            var dir = Directory.CreateTempSubdirectory("cwhelp").FullName;
            try
            {
                var path = Path.Combine(dir, "Get-CwConnection.md");
                File.WriteAllText(path, "# Get-CwConnection\n\n## SYNOPSIS\nS.\n\n## DESCRIPTION\nD.\n\n## EXAMPLES\n\n### First example\n```powershell\nGet-CwConnection\n```\n");
                Assert.Contains("### Example N: Title", Assert.Throws<HelpSourceException>(() => MarkdownHelp.Parse(path)).Message);
                File.WriteAllText(path, "# Get-CwConnection\n\n## SYNOPSIS\nS.\n\n## DESCRIPTION\nD.\n\n## EXAMPLES\n\n### Example 1: No code\nJust words.\n");
                Assert.Contains("```powershell", Assert.Throws<HelpSourceException>(() => MarkdownHelp.Parse(path)).Message);
                File.WriteAllText(path, "# Get-CwConnection\n\n## SYNOPSIS\n\n## DESCRIPTION\nD.\n");
                Assert.Contains("SYNOPSIS", Assert.Throws<HelpSourceException>(() => MarkdownHelp.Parse(path)).Message);
            }
            finally { Directory.Delete(dir, true); }
        }

        [Fact]
        public void Every_markdown_file_in_the_repository_documents_a_cmdlet_the_module_exports()
        {
            var exported = ManifestTests.CmdletsInDll();
            foreach (var f in Directory.GetFiles(TestPaths.InRepository("src", "ConnectWiseSetup", "Help"), "*-*.md"))
                Assert.Contains(Path.GetFileNameWithoutExtension(f), exported);
        }
    }
}
