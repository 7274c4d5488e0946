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
    

        [Fact]
        public void Every_cmdlet_that_takes_pipeline_input_names_each_such_parameter_under_INPUTS()
        {
            using var s = new PsSession();
            var r = s.Run(@"foreach ($c in Get-Command -Module ConnectWiseSetup) {
                $piped = foreach ($p in $c.Parameters.Values) {
                    if ($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and ($_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName) }) { $p.Name }
                }
                $inputs = (Get-Help -Name $c.Name -Full).inputTypes.inputType | ForEach-Object { $_.type.name + ' ' + (($_.description | ForEach-Object { $_.Text }) -join ' ') }
                [pscustomobject]@{ Name = $c.Name; Piped = @($piped); Inputs = ($inputs -join ' | ') }
            }");
            r.AssertNoErrors();
            var problems = new List<string>();
            var taking = 0;
            foreach (var o in r.Output)
            {
                var name = (string)o.Properties["Name"].Value;
                var piped = ((object[])o.Properties["Piped"].Value).Select(x => x.ToString()).ToList();
                var inputs = (string)o.Properties["Inputs"].Value ?? "";
                if (inputs.Trim().Length == 0) problems.Add(name + ": INPUTS is empty");
                if (piped.Count == 0 && !inputs.StartsWith("None", StringComparison.Ordinal)) problems.Add(name + ": takes no pipeline input but INPUTS says " + inputs);
                if (piped.Count > 0) taking++;
                foreach (var p in piped)
                    if (!inputs.Contains("-" + p, StringComparison.OrdinalIgnoreCase)) problems.Add(name + ": -" + p + " binds from the pipeline but INPUTS does not say so: " + inputs);
            }
            Assert.True(problems.Count == 0, string.Join("\n", problems));
            Assert.True(taking >= 17, taking + " cmdlets take pipeline input");
        }

        [Fact]
        public void The_generator_derives_INPUTS_when_the_markdown_has_none_and_refuses_one_that_leaves_a_pipeline_parameter_out()
        {
            var dir = Directory.CreateTempSubdirectory("cwhelp").FullName;
            try
            {
                var cmdlets = CmdletReflector.Read(typeof(CwConnection).Assembly);
                var bare = MarkdownHelp.Parse(WriteMarkdown(dir, "Get-CwApiMember", "### -Identifier\nIds.\n"));
                var derived = MamlWriter.Inputs(bare, cmdlets.Single(c => c.Name == "Get-CwApiMember"));
                var entry = Assert.Single(derived);
                Assert.Equal("System.String", entry.Type);
                Assert.Equal("-Identifier, by value and by property name.", entry.Text);
                Assert.Equal("None", Assert.Single(MamlWriter.Inputs(MarkdownHelp.Parse(WriteMarkdown(dir, "Get-CwConnection", "")), cmdlets.Single(c => c.Name == "Get-CwConnection"))).Type);

                var path = WriteMarkdown(dir, "New-CwApiMember", "### -Identifier\nId.\n");
                File.AppendAllText(path, "\n## INPUTS\nSystem.Management.Automation.PSObject\nRows with Identifier and Name bind to -Identifier and -Name.\n");
                var partial = MarkdownHelp.Parse(path);
                var ex = Assert.Throws<HelpSourceException>(() => MamlWriter.Inputs(partial, cmdlets.Single(c => c.Name == "New-CwApiMember")));
                Assert.Contains("-SecurityRole", ex.Message);
            }
            finally { Directory.Delete(dir, true); }
        }

        [Fact]
        public void A_parameter_with_a_default_shows_it_and_not_None()
        {
            // The values a new cmdlet object holds, and what [PSDefaultValue] says, are what Get-Help shows.
            var expected = new Dictionary<string, string>
            {
                ["Connect-CwManage -TimeoutSec"] = "100",
                ["Connect-CwManage -MaxRetryTimeSec"] = "60",
                ["Connect-CwManage -ClientId"] = "$env:CONNECTWISE_CLIENTID",
                ["Test-CwIntegrationPermission -ThrottleLimit"] = "8",
                ["Install-CwIntegration -ThrottleLimit"] = "8",
                ["Install-CwIntegration -PermissionTimeout"] = "00:30:00",
                ["Install-CwIntegration -PollInterval"] = "00:00:05",
                ["Wait-CwSecurityRolePermission -Timeout"] = "00:30:00",
                ["Wait-CwSecurityRolePermission -PollInterval"] = "00:00:05",
                ["New-CwApiKey -Description"] = "The API member's name",
                ["Get-CwSecurityRole -Connection"] = "The current connection of this session (Connect-CwManage)",
                ["Get-CwApiMember -IncludeInactive"] = "False",
            };
            using var s = new PsSession();
            foreach (var (key, value) in expected)
            {
                var parts = key.Split(" -");
                var r = s.Run("(Get-Help -Name $c -Parameter $p).defaultValue", new() { ["c"] = parts[0], ["p"] = parts[1] });
                r.AssertNoErrors();
                Assert.True(value == Text(r.Output.Single()).Trim(), key + ": " + Text(r.Output.Single()));
            }
            // Every parameter whose class gives it a value says so.
            var problems = new List<string>();
            foreach (var c in CmdletReflector.Read(typeof(CwConnection).Assembly))
                foreach (var p in c.Parameters.Where(p => !p.IsSwitch))
                {
                    var type = typeof(CwConnection).Assembly.GetExportedTypes().Single(t => t.GetCustomAttributes(typeof(CmdletAttribute), false).Cast<CmdletAttribute>().Any(a => a.VerbName + "-" + a.NounName == c.Name));
                    var value = type.GetProperty(p.Name).GetValue(Activator.CreateInstance(type));
                    if (value != null && !(value is ValueType && value.Equals(Activator.CreateInstance(value.GetType()))) && p.DefaultValue == "None")
                        problems.Add(c.Name + " -" + p.Name + " defaults to " + value + " but its help says None");
                }
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        static string AboutText(string topic) => File.ReadAllText(Path.Combine(TestPaths.ModuleDirectory, "en-US", topic + ".help.txt"));

        [Fact]
        public void The_about_topic_stands_alone_the_commands_the_guided_steps_unattended_use_and_exit_codes()
        {
            var text = AboutText("about_ConnectWiseSetup");
            foreach (var cmdlet in ManifestTests.CmdletsInDll())
                Assert.True(text.Contains(cmdlet, StringComparison.Ordinal), "about_ConnectWiseSetup does not name " + cmdlet);
            foreach (var must in new[] { "GUIDED STEPS", "UNATTENDED USE", "-NonInteractive", "ManualStepRequired", "exit 0", "exit 1", "exit 2", "Get-Help", ".Reveal()", "Format-List" })
                Assert.True(text.Contains(must, StringComparison.Ordinal), "about_ConnectWiseSetup does not say " + must);
            // Read at a console: no line wider than 80 columns.
            Assert.All(text.Split('\n'), l => Assert.True(l.TrimEnd('\r').Length <= 80, l));
        }

        [Fact]
        public void The_help_names_nothing_the_module_folder_does_not_ship()
        {
            var shipped = Directory.GetFiles(Path.Combine(TestPaths.ModuleDirectory, "en-US"), "about_*.help.txt").Select(f => Path.GetFileName(f).Replace(".help.txt", "")).ToHashSet(StringComparer.OrdinalIgnoreCase);
            Assert.Contains("about_ConnectWiseSetup_Profiles", shipped);
            var texts = shipped.Select(t => (t, AboutText(t))).Append(("ConnectWiseSetup.dll-Help.xml", File.ReadAllText(Path.Combine(TestPaths.ModuleDirectory, "en-US", "ConnectWiseSetup.dll-Help.xml"))));
            foreach (var (name, text) in texts)
            {
                foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(text, @"about_\w+"))
                    Assert.True(shipped.Contains(m.Value), name + " names " + m.Value + ", which the module does not ship");
                foreach (var outside in new[] { "README", "docs/", "ARCHITECTURE", ".md " , "src/" })
                    Assert.False(text.Contains(outside, StringComparison.Ordinal), name + " points to " + outside + ", which the module does not ship");
            }
            using var s = new PsSession();
            var r = s.Run("Get-Help about_ConnectWiseSetup_Profiles");
            r.AssertNoErrors();
            Assert.Contains("role.permissions[]", string.Join("\n", r.Output.Select(o => o.ToString())));
        }

        [Fact]
        public void The_profile_topic_and_the_repository_page_name_the_same_fields()
        {
            var page = File.ReadAllText(TestPaths.InRepository("docs", "profile-format.md"));
            var topic = AboutText("about_ConnectWiseSetup_Profiles");
            var fields = System.Text.RegularExpressions.Regex.Matches(page, @"(?m)^\| `([^`]+)`").Select(m => m.Groups[1].Value).ToList();
            Assert.True(fields.Count >= 8, string.Join(", ", fields));
            foreach (var field in fields) Assert.True(topic.Contains(field, StringComparison.Ordinal), "about_ConnectWiseSetup_Profiles does not describe " + field);
        }
    }
}
