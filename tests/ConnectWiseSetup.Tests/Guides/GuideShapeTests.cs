using ConnectWiseSetup.Guides;
using ConnectWiseSetup.Permissions;
using ConnectWiseSetup.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;

namespace ConnectWiseSetup.Tests.Guides
{
    /// <summary>
    /// Guides written for these tests, one per shape the issue lists (Guides/Data/*.txt|md|html, each with the profile
    /// it must give beside it as *.expected.json): every row exact (function and all four levels), no row invented or
    /// missed, each row's line numbers, the Customize lists and the names the guide states.
    /// </summary>
    public class GuideShapeTests
    {
        public static string DataFolder => TestPaths.InRepository("tests", "ConnectWiseSetup.Tests", "Guides", "Data");

        public static IEnumerable<object[]> Guides => Directory.GetFiles(DataFolder)
            .Where(f => !f.EndsWith(".json", StringComparison.Ordinal))
            .Select(f => new object[] { Path.GetFileName(f) })
            .OrderBy(f => (string)f[0], StringComparer.Ordinal);

        /// <summary>The import of a test guide, by file name, as -Path gives it (the file's path is the source).</summary>
        public static PermissionProfile Import(string file)
        {
            var path = Path.Combine(DataFolder, file);
            return GuideImporter.Import(File.ReadAllText(path), path, readOn: new DateTime(2026, 11, 30));
        }

        static string Key(string module, string function) => FunctionCatalog.Find(module, function)?.ToString() ?? module + " / " + function;

        [Theory]
        [MemberData(nameof(Guides))]
        public void Every_row_is_exact_with_its_lines_and_none_is_invented_or_missed(string file)
        {
            var expectedPath = Path.Combine(DataFolder, Path.GetFileNameWithoutExtension(file) + ".expected.json");
            Assert.True(File.Exists(expectedPath), file + " has no expected profile beside it");
            var expected = ProfileJson.Parse(File.ReadAllText(expectedPath), expectedPath);
            var p = Import(file);

            var want = expected.Permissions.Select(r => Key(r.Module, r.Function) + " " + r.Levels + " lines " + GuideLines.Format(r.Lines)).ToList();
            var got = p.Permissions.Select(r => Key(r.Module, r.Function) + " " + r.Levels + " lines " + GuideLines.Format(r.Lines)).ToList();
            Assert.Equal(want, got);
            // The profile's rows are the catalogue's labels, so -Profile resolves them on a tenant as written.
            Assert.All(p.Permissions, r => Assert.Equal(r.Module + " / " + r.Function, FunctionCatalog.Find(r.Module, r.Function)?.ToString()));

            var wantCustomize = expected.Customize.Select(c => Key(c.Module, c.Function) + " " + c.List + " " + (c.AllowAll ? "*" : string.Join(", ", c.Allow)) + " lines " + GuideLines.Format(c.Lines));
            var gotCustomize = p.Customize.Select(c => Key(c.Module, c.Function) + " " + c.List + " " + (c.AllowAll ? "*" : string.Join(", ", c.Allow)) + " lines " + GuideLines.Format(c.Lines));
            Assert.Equal(wantCustomize, gotCustomize);

            Assert.Equal(expected.Name, p.Name);
            Assert.Equal(expected.RoleName, p.RoleName);
            Assert.Equal(expected.MemberIdentifier, p.MemberIdentifier);
            var raw = JObject.Parse(File.ReadAllText(expectedPath));
            if (raw["apiMember"]?["name"] != null) Assert.Equal(expected.MemberName, p.MemberName);
            if (raw["apiKey"] != null) Assert.Equal(expected.KeyDescription, p.KeyDescription);
            Assert.Equal(expected.NeedsReview, p.NeedsReview);
            if (!expected.NeedsReview)
            {
                Assert.Empty(p.Import.Unread);
                Assert.Empty(p.Import.Unknown);
            }
        }

        [Fact]
        public void Every_shape_is_covered_by_a_test_guide()
        {
            var shapes = Guides.SelectMany(g => Import((string)g[0]).Import.Rows.Select(r => r.Shape)).Distinct().ToList();
            Assert.Equal(Enum.GetValues(typeof(GuideShape)).Cast<GuideShape>().OrderBy(s => s), shapes.OrderBy(s => s));
        }

        [Theory]
        [InlineData("pipe-table.md", GuideShape.PipeTable)]
        [InlineData("no-leading-pipes.txt", GuideShape.PipeTable)]
        [InlineData("inquire-only.md", GuideShape.PipeTable)]
        [InlineData("html-table.html", GuideShape.PipeTable)]
        [InlineData("flat-cells.txt", GuideShape.FlatTable)]
        [InlineData("jammed.txt", GuideShape.FlatTable)]
        [InlineData("one-line.txt", GuideShape.FlatTable)]
        [InlineData("level-phrase.txt", GuideShape.LevelPhrase)]
        [InlineData("headings.md", GuideShape.LevelPhrase)]
        [InlineData("prose.txt", GuideShape.ProseList)]
        [InlineData("nested-list.md", GuideShape.NestedList)]
        [InlineData("category-table.md", GuideShape.PipeTable)]
        [InlineData("set-bullets.md", GuideShape.LevelPhrase)]
        public void Each_guide_is_read_in_its_shape(string file, GuideShape shape)
            => Assert.All(Import(file).Import.Rows, r => Assert.Equal(shape, r.Shape));

        [Fact]
        public void A_pipe_table_keeps_the_why_column_as_the_row_note()
        {
            var p = Import("pipe-table.md");
            Assert.Equal("keeps device records in step", p.Permissions.Single(r => r.Function == "Configurations").Note);
            Assert.Null(p.Permissions.Single(r => r.Function == "Member Maintenance").Note);
        }

        [Fact]
        public void Levels_gathered_from_several_prose_lists_make_one_row()
        {
            var contacts = Import("prose.txt").Import.Rows.Single(r => r.Function == "Contacts");
            Assert.Equal("All/All/None/All", contacts.Levels.ToString());
            Assert.Equal(new[] { 4, 5, 6 }, contacts.Lines);
            Assert.Equal(GuideShape.ProseList, contacts.Shape);
        }

        [Fact]
        public void A_level_phrase_row_carries_the_purpose_written_beside_it()
        {
            var p = GuideImporter.Import("Companies\nContacts Inquire Level = All Needed to match people to tickets\n", "text");
            var row = p.Permissions.Single();
            Assert.Equal("Needed to match people to tickets", row.Note);
            Assert.Equal(new[] { 2 }, row.Lines);
        }
    }
}
