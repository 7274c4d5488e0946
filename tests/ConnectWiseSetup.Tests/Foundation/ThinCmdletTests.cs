using System.Text.RegularExpressions;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;

namespace ConnectWiseSetup.Tests.Foundation
{
    /// <summary>
    /// Cmdlets bind, validate, call one engine in Setup/ and write (shared/STYLE.md): at most <see cref="MaxBehaviourLines"/> lines
    /// of behaviour per cmdlet file, counted as the review counted them: no blank, comment, using, namespace, brace-only,
    /// attribute-only or auto-property line (so the parameter block counts nothing but its doc comments, which are comments).
    /// </summary>
    public sealed class ThinCmdletTests
    {
        const int MaxBehaviourLines = 45;

        static readonly Regex BracesOnly = new Regex(@"^[{}();,\s]*$", RegexOptions.CultureInvariant);
        static readonly Regex AutoProperty = new Regex(@"\{\s*get;\s*((private|internal|protected)\s+)?(set;|init;)?\s*\}", RegexOptions.CultureInvariant);

        internal static int BehaviourLines(string text)
        {
            var n = 0;
            var inComment = false;
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.Trim();
                if (inComment)
                {
                    if (line.Contains("*/")) inComment = false;
                    continue;
                }
                if (line.StartsWith("/*", StringComparison.Ordinal))
                {
                    inComment = !line.Contains("*/");
                    continue;
                }
                if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal)) continue;
                if (line.StartsWith("using ", StringComparison.Ordinal) && line.EndsWith(";", StringComparison.Ordinal) && !line.Contains('(')) continue;
                if (line.StartsWith("namespace ", StringComparison.Ordinal)) continue;
                if (BracesOnly.IsMatch(line)) continue;
                if (line.StartsWith("[", StringComparison.Ordinal) && line.EndsWith("]", StringComparison.Ordinal)) continue;
                if (AutoProperty.IsMatch(line)) continue;
                n++;
            }
            return n;
        }

        [Fact]
        public void Every_cmdlet_file_has_at_most_45_lines_of_behaviour()
        {
            var files = Directory.GetFiles(TestPaths.InRepository("src", "ConnectWiseSetup", "Cmdlets"), "*Command.cs");
            Assert.True(files.Length >= 20, "found only " + files.Length + " cmdlet files");
            var over = files.Select(f => (File: Path.GetFileName(f), Lines: BehaviourLines(File.ReadAllText(f))))
                .Where(x => x.Lines > MaxBehaviourLines).OrderByDescending(x => x.Lines).Select(x => x.File + ": " + x.Lines).ToList();
            Assert.True(over.Count == 0, "cmdlet files over " + MaxBehaviourLines + " lines of behaviour (move the work into an engine in Setup/):\n" + string.Join("\n", over));
        }

        [Fact]
        public void The_count_leaves_out_what_is_not_behaviour_and_counts_what_is()
        {
            const string sample = "using System;\nnamespace X\n{\n    /// <summary>doc</summary>\n    [Parameter(Mandatory = true)]\n    public string Name { get; set; }\n\n" +
                "    /* a\n       block */\n    protected override void ProcessRecord()\n    {\n        // a comment\n        var x = 1;\n        WriteObject(x);\n    }\n}\n";
            // The method's signature and its two statements.
            Assert.Equal(3, BehaviourLines(sample));
        }

        static readonly Regex StopCatch = new Regex(@"catch\s*\(\s*(System\.Management\.Automation\.)?PipelineStoppedException\b", RegexOptions.CultureInvariant);
        static readonly Regex TerminatingThrow = new Regex(@"\bThrowTerminatingError\s*\(", RegexOptions.CultureInvariant);

        /// <summary>The files of the module, other than the cmdlet base class, in which <paramref name="pattern"/> occurs.</summary>
        static List<string> OutsideTheBase(Regex pattern)
            => Directory.GetFiles(TestPaths.InRepository("src", "ConnectWiseSetup"), "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
                .Where(f => Path.GetFileName(f) != "CwCmdletBase.cs" && pattern.IsMatch(File.ReadAllText(f)))
                .Select(f => Path.GetRelativePath(TestPaths.InRepository("src", "ConnectWiseSetup"), f)).OrderBy(f => f, StringComparer.Ordinal).ToList();

        [Fact]
        public void A_stop_is_caught_and_a_cmdlet_ends_with_an_error_only_in_the_base_class()
        {
            // One stop guard: WriteCwError and ThrowCwError pass a stop on, RunAsync(work, onStop) runs what a cmdlet says at a stop;
            // elsewhere code filters with CwCmdletBase.IsStop (or "when (!(e is PipelineStoppedException))" below the cmdlets).
            var catches = OutsideTheBase(StopCatch);
            Assert.True(catches.Count == 0, "catch (PipelineStoppedException) outside CwCmdletBase (use RunAsync(work, onStop) or IsStop):\n" + string.Join("\n", catches));
            // One way to throw: ThrowCwError.
            var throws = OutsideTheBase(TerminatingThrow);
            Assert.True(throws.Count == 0, "ThrowTerminatingError outside CwCmdletBase (use ThrowCwError):\n" + string.Join("\n", throws));
            Assert.Matches(StopCatch, "try { } catch (PipelineStoppedException) { throw; }");
            Assert.Matches(TerminatingThrow, "ThrowTerminatingError(record);");
        }
    }
}
