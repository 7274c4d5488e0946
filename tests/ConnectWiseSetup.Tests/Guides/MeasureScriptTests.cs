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
    }
}
