using ConnectWiseSetup.Guides;
using ConnectWiseSetup.Permissions;
using Xunit;

namespace ConnectWiseSetup.Tests.Guides
{
    /// <summary>A web page's HTML as text: tables to rows, lists to lines, headings kept, scripts and styles dropped.</summary>
    public class GuideHtmlTests
    {
        [Fact]
        public void Tables_become_pipe_rows_lists_lines_and_headings_stay()
        {
            var text = GuideHtml.ToText(
                "<html><head><title>T</title><style>p{color:red}</style></head><body>" +
                "<h2>Role &amp; rights</h2><p>Set these:</p>" +
                "<table><tr><th>Function</th><th>Inquire</th></tr><tr><td>Company<br>Maintenance</td><td>All</td></tr>" +
                "<tr><td><p>Contacts</p><p>(people)</p></td><td>All</td></tr></table>" +
                "<ul><li>Companies<ul><li>Notes</li></ul></li><li>Service&nbsp;Desk</li></ul>" +
                "<script>document.write('<td>All</td>')</script><!-- <p>hidden</p> --></body></html>");
            var lines = text.Split('\n');
            Assert.Equal(new[]
            {
                "## Role & rights", "", "Set these:", "",
                "| Function | Inquire |", "| Company Maintenance | All |", "| Contacts; (people) | All |", "",
                "- Companies", "  - Notes", "- Service\u00A0Desk",
            }, lines);
        }

        [Theory]
        [InlineData("<!DOCTYPE html><p>x</p>", true)]
        [InlineData("<table><tr><td>Contacts</td><td>All</td></tr></table>", true)]
        [InlineData("Use the <Inquire> column; set it to All.", false)]
        [InlineData("Companies\nContacts: Inquire (All)", false)]
        public void Html_is_told_from_text(string text, bool html) => Assert.Equal(html, GuideHtml.LooksLikeHtml(text));

        [Theory]
        [InlineData("# Title\n\n* one\n* two\n<details>\n<summary>More</summary>\n", true)]
        [InlineData("<html><body><ul><li>a</li></ul>\n- b\n- c\n- d</body></html>", false)]
        [InlineData("<p>a</p><p>b</p><p>c</p>", false)]
        public void Markdown_with_html_blocks_is_told_from_a_page(string text, bool markdown) => Assert.Equal(markdown, GuideHtml.IsMarkdownWithHtml(text));

        [Fact]
        public void Markdown_keeps_its_lines_and_only_its_html_blocks_become_text()
        {
            var text = GuideHtml.Readable(
                "## Rights\n\n1. Click **+**.<br>\n<details>\n<summary>What it needs</summary>\n\n**Companies**\n\n* **Contacts**: Set **Inquire** to **All**\n" +
                "<table><tr><th>Call</th><th>Right</th></tr>\n<tr><td>List contacts</td><td>Inquire</td></tr></table>\n</details>\n");
            Assert.Equal(new[]
            {
                "## Rights", "", "1. Click **+**.", "", "What it needs", "", "**Companies**", "", "* **Contacts**: Set **Inquire** to **All**",
                "| Call | Right |", "| List contacts | Inquire |", "", "",
            }, text.Split('\n'));
        }

        [Fact]
        public void Broken_markup_still_gives_its_text()
        {
            var text = GuideHtml.ToText("<p>Contacts: Inquire (All)<p>Notes < Inquire <b>(All)");
            Assert.Equal("Contacts: Inquire (All)\n\nNotes < Inquire (All)", text);
        }

        [Fact]
        public void An_html_guide_reads_like_its_text()
        {
            var p = GuideShapeTests.Import("html-table.html");
            Assert.Equal(5, p.Permissions.Count);
            // Line numbers refer to the text the page was turned into (Import.Lines): line 9 is the first row.
            Assert.Equal("|  | Company Maintenance | None | All | None | All |", p.Import.Lines[8]);
            Assert.Equal(new[] { 9 }, p.Permissions[0].Lines);
        }
    }
}
