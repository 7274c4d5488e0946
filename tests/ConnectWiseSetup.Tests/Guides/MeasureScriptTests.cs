using System.Management.Automation;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;

namespace ConnectWiseSetup.Tests.Guides
{
    /// <summary>tools/Measure-GuideImport.ps1 (the measurement in docs/guide-import.md) runs, and on the test guides measures every row exact.</summary>
    public class MeasureScriptTests
    {
        [Fact]
        public void The_measurement_finds_every_test_guide_row_exact_none_invented_none_missed()
        {
            using var s = new PsSession();
            var r = s.Run("& $Script -Path $Folder", new() { ["Script"] = TestPaths.InRepository("tools", "Measure-GuideImport.ps1"), ["Folder"] = GuideShapeTests.DataFolder });
            r.AssertNoErrors();
            var guides = r.Output.Where(o => o.Properties["Guide"] != null).ToList();
            Assert.Equal(GuideShapeTests.Guides.Count(), guides.Count);
            foreach (var g in guides)
            {
                string P(string name) => g.Properties[name].Value?.ToString();
                var label = P("Guide");
                Assert.Equal("expected.json", P("Expected"));
                Assert.True(P("Exact") == P("Rows") && P("Rows") != "0", label + ": " + P("Exact") + " of " + P("Rows") + " exact");
                Assert.True(P("Invented") == "0" && P("Missed") == "0" && P("OtherLevels") == "0", label + ": " + P("Invented") + " invented, " + P("Missed") + " missed");
                Assert.Equal(P("Rows") + "/" + P("Rows"), P("Lines"));
            }
            var shapes = r.Output.Where(o => o.Properties["Shape"] != null && o.Properties["Guide"] == null).ToList();
            Assert.Equal(5, shapes.Count);
            Assert.All(shapes, sh => Assert.Equal(sh.Properties["Read"].Value, sh.Properties["Exact"].Value));

            var markdown = s.Run("& $Script -Path $Folder -Markdown", new() { ["Script"] = TestPaths.InRepository("tools", "Measure-GuideImport.ps1"), ["Folder"] = GuideShapeTests.DataFolder });
            markdown.AssertNoErrors();
            Assert.Contains(markdown.Output, o => o.ToString().StartsWith("| jammed.txt | expected.json | 9 | 9 | 9 | 0 | 0 | 0 | 9/9 | 2/2 | 0 | 0 | 0 | False |", StringComparison.Ordinal));
        }
    

        [Fact]
        public void Given_the_corpus_root_the_measurement_reports_the_built_from_and_held_out_splits_apart()
        {
            using var s = new PsSession();
            var script = TestPaths.InRepository("tools", "Measure-GuideImport.ps1");
            var r = s.Run("& $Script -Path $Folder", new() { ["Script"] = script, ["Folder"] = GuideCorpusTests.CorpusFolder });
            r.AssertNoErrors();
            string P(System.Management.Automation.PSObject o, string name) => o.Properties[name]?.Value?.ToString();
            var totals = r.Output.Where(o => o.Properties["ExactPercent"] != null).ToList();
            Assert.Equal(new[] { "BuiltFrom", "HeldOut" }, totals.Select(t => P(t, "Split")));
            foreach (var t in totals)
            {
                var split = P(t, "Split");
                var folder = System.IO.Path.Combine(GuideCorpusTests.CorpusFolder, split);
                var expectedFiles = System.IO.Directory.GetFiles(folder, "*.expected.json");
                // Every guide of the split is measured, under its split, and the split's rows are its expected files' rows.
                var guides = r.Output.Where(o => o.Properties["Guide"] != null && P(o, "Split") == split).ToList();
                Assert.Equal(expectedFiles.Length, guides.Count);
                Assert.Equal(expectedFiles.Length.ToString(), P(t, "Guides"));
                var rows = expectedFiles.Sum(f => ConnectWiseSetup.Permissions.ProfileJson.Parse(System.IO.File.ReadAllText(f), f).Permissions.Count);
                Assert.Equal(rows.ToString(), P(t, "Rows"));
                Assert.Equal(guides.Sum(g => int.Parse(P(g, "Exact"))).ToString(), P(t, "Exact"));
                Assert.Equal(guides.Sum(g => int.Parse(P(g, "Missed"))).ToString(), P(t, "Missed"));
                var notReported = int.Parse(P(t, "NotReported"));
                Assert.Equal(guides.Sum(g => int.Parse(P(g, "OtherLevels")) + int.Parse(P(g, "Missed"))) - notReported, int.Parse(P(t, "Reported")));
                Assert.Equal(notReported, guides.Sum(g => string.IsNullOrEmpty(P(g, "Unreported")) ? 0 : P(g, "Unreported").Split("; ").Length));
                // Each guide counts the "report:" notes of its expected file, and lists by line or name those not reported.
                foreach (var g in guides)
                {
                    var file = System.IO.Path.Combine(folder, System.IO.Path.GetFileNameWithoutExtension(P(g, "Guide")) + ".expected.json");
                    var notes = ConnectWiseSetup.Permissions.ProfileJson.Parse(System.IO.File.ReadAllText(file), file).Notes.Where(n => n.StartsWith("report: ", StringComparison.Ordinal)).ToList();
                    var counts = P(g, "ReportLines").Split('/');
                    Assert.Equal(notes.Count.ToString(), counts[1]);
                    var missing = string.IsNullOrEmpty(P(g, "UnreportedLines")) ? 0 : P(g, "UnreportedLines").Split("; ").Length;
                    Assert.Equal(notes.Count - missing, int.Parse(counts[0]));
                }
            }

            var markdown = s.Run("& $Script -Path $Folder -Markdown", new() { ["Script"] = script, ["Folder"] = GuideCorpusTests.CorpusFolder });
            markdown.AssertNoErrors();
            var lines = markdown.Output.Select(o => o.ToString()).ToList();
            Assert.True(lines.IndexOf("### BuiltFrom") >= 0 && lines.IndexOf("### HeldOut") > lines.IndexOf("### BuiltFrom"), string.Join("\n", lines));
            Assert.Contains(lines, l => l.StartsWith("| HeldOut | " + P(totals[1], "Guides") + " | " + P(totals[1], "Rows") + " | ", StringComparison.Ordinal));
        }
    }
}
