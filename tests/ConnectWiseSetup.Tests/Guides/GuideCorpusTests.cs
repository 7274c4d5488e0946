using System.Text.RegularExpressions;
using ConnectWiseSetup.Permissions;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;

namespace ConnectWiseSetup.Tests.Guides
{
    /// <summary>
    /// The held-out guides (Corpus/HeldOut, never read while the importer's rules are written): whatever the importer
    /// reads right, it keeps its promise on each of them: no row the guide does not give, and every row of the hand
    /// extraction it misses or reads with other levels reported (an unread or unknown line among the row's lines, or an
    /// unread line, unknown name, doubt or conflict naming it); every line the extraction says must be reported is.
    /// The import is read through the cmdlet and late binding, so the test holds wherever the importer's types live.
    /// </summary>
    public class GuideCorpusTests
    {
        public static string CorpusFolder => TestPaths.InRepository("tests", "ConnectWiseSetup.Tests", "Guides", "Corpus");

        public static IEnumerable<object[]> HeldOut => Directory.GetFiles(Path.Combine(CorpusFolder, "HeldOut"))
            .Where(f => !f.EndsWith(".json", StringComparison.Ordinal))
            .Select(f => new object[] { Path.GetFileName(f) })
            .OrderBy(f => (string)f[0], StringComparer.Ordinal);

        /// <summary>
        /// Per held-out guide, how the importer breaks its promise ("" when it keeps it), from one run of
        /// tools/Measure-GuideImport.ps1 on the split: the script holds the one definition of invented, reported and
        /// report lines (docs/guide-import.md), the test only reads its columns.
        /// </summary>
        static readonly Lazy<Dictionary<string, string>> Promises = new Lazy<Dictionary<string, string>>(() =>
        {
            using var s = new PsSession();
            var r = s.Run("& $Script -Path $Folder", new() { ["Script"] = TestPaths.InRepository("tools", "Measure-GuideImport.ps1"), ["Folder"] = Path.Combine(CorpusFolder, "HeldOut") });
            r.AssertNoErrors();
            var problems = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var g in r.Output.Where(o => o.Properties["Guide"] != null))
            {
                string P(string name) => g.Properties[name]?.Value?.ToString() ?? "";
                var broken = new List<string>();
                if (P("Invented") != "0") broken.Add(P("Invented") + " invented (read, but not in the hand extraction): " + P("InventedRows"));
                if (P("Unreported") != "") broken.Add("missed or read with other levels and not reported: " + P("Unreported"));
                if (P("UnreportedLines") != "") broken.Add("not reported though the hand extraction says it must be: " + P("UnreportedLines"));
                problems[P("Guide")] = string.Join("; and ", broken);
            }
            return problems;
        });

        /// <summary>
        /// The importer's promise on guides it was not built from, whatever its accuracy: no invented row, every row of the hand
        /// extraction it misses or reads with other levels reported, every line the extraction names in a "report:" note reported.
        /// </summary>
        [Theory]
        [MemberData(nameof(HeldOut))]
        public void On_every_held_out_guide_the_importer_invents_nothing_and_reports_what_it_does_not_read(string guide)
        {
            Assert.True(Promises.Value.TryGetValue(guide, out var broken), guide + " was not measured");
            Assert.True(broken == "", guide + ": " + broken);
        }

        [Fact]
        public void The_held_out_split_has_at_least_ten_guides_each_with_its_hand_extraction()
        {
            var guides = HeldOut.Select(g => (string)g[0]).ToList();
            Assert.True(guides.Count >= 10, string.Join(", ", guides));
            foreach (var g in guides)
            {
                var expected = Path.Combine(CorpusFolder, "HeldOut", Path.GetFileNameWithoutExtension(g) + ".expected.json");
                Assert.True(File.Exists(expected), g + " has no expected file");
                Assert.NotEmpty(ProfileJson.Parse(File.ReadAllText(expected), expected).Permissions);
            }
        }

        [Fact]
        public void The_corpus_holds_at_least_25_distinct_vendors_each_guide_with_a_hand_extraction_and_a_source()
        {
            var sources = File.ReadAllText(Path.Combine(CorpusFolder, "SOURCES.md"));
            var vendors = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var split in new[] { "BuiltFrom", "HeldOut" })
                foreach (var guide in Directory.GetFiles(Path.Combine(CorpusFolder, split)).Where(f => !f.EndsWith(".json", StringComparison.Ordinal)))
                {
                    var vendor = Path.GetFileNameWithoutExtension(guide);
                    Assert.False(vendors.ContainsKey(vendor), vendor + " is in " + split + " and in " + (vendors.TryGetValue(vendor, out var other) ? other : ""));
                    vendors[vendor] = split;
                    var expected = Path.Combine(CorpusFolder, split, vendor + ".expected.json");
                    Assert.True(File.Exists(expected), split + "/" + Path.GetFileName(guide) + " has no expected file");
                    ProfileJson.Parse(File.ReadAllText(expected), expected);
                    Assert.True(Regex.IsMatch(sources, @"^\| " + split + @" \|[^\n]*\| " + Regex.Escape(Path.GetFileName(guide)) + @" \| https://", RegexOptions.Multiline), Path.GetFileName(guide) + " has no row with its address in SOURCES.md");
                }
            Assert.True(vendors.Count >= 25, vendors.Count + " vendors: " + string.Join(", ", vendors.Keys));
        }
    }
}
