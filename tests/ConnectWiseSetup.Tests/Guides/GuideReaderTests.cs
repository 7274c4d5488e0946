using ConnectWiseSetup.Guides;
using ConnectWiseSetup.Permissions;
using Xunit;

namespace ConnectWiseSetup.Tests.Guides
{
    /// <summary>
    /// The reader of issue 24 on the layouts it lists (the Data guides named here; GuideShapeTests checks every row of
    /// each): a statement reaches the rows it governs, optional rows are reported as optional, a cut-off row is reported
    /// and never completed, marks that are no level are doubted.
    /// </summary>
    public class GuideReaderTests
    {
        static PermissionProfile Read(string text) => GuideImporter.Import(text, "text");

        static string Rows(PermissionProfile p) => string.Join("; ", p.Permissions.Select(r => r.Module + " / " + r.Function + " " + r.Levels));

        [Fact]
        public void A_statement_after_a_list_gives_its_levels_to_the_rows_named_before_it_and_to_no_other()
        {
            var p = Read("- Contacts\n- Notes\n\nBoth of the above need Inquire set to All.\n\n- Time Entry\n");
            Assert.Equal("Companies / Contacts None/None/None/All; Companies / Notes None/None/None/All", Rows(p));
            Assert.Equal(new[] { 1, 4 }, p.Permissions[0].Lines);
            // The row named after the statement is reached by none: reported, no level given.
            Assert.Equal(6, Assert.Single(p.Import.Unread).Line);
        }

        [Fact]
        public void A_statement_governs_a_table_without_level_cells_and_a_cell_adds_levels_to_its_own_row()
        {
            var p = GuideShapeTests.Import("governing-statement.md");
            Assert.Equal("None/None/None/All", p.Permissions.Single(r => r.Function == "Products").Levels.ToString());
            Assert.Equal("All/All/All/All", p.Permissions.Single(r => r.Function == "Service Tickets").Levels.ToString());
            Assert.False(p.NeedsReview);
        }

        [Fact]
        public void A_heading_that_states_a_level_governs_its_section_only()
        {
            var p = Read("## Inquire Level: All\n\n- Contacts\n\nSome words about contacts.\n\n- Notes\n\n## Other rows\n\n- Time Entry\n");
            Assert.Equal("Companies / Contacts None/None/None/All; Companies / Notes None/None/None/All", Rows(p));
            Assert.Equal(11, Assert.Single(p.Import.Unread).Line);
        }

        [Theory]
        [InlineData("Contacts: All on Add Level, Edit Level and Inquire Level", "All/All/None/All")]
        [InlineData("Contacts: All for Edit and Inquire levels", "None/All/None/All")]
        [InlineData("Contacts: All on every level", "All/All/All/All")]
        [InlineData("| Function | Levels |\n|---|---|\n| Contacts | Add: AllEdit: AllDelete:NoneInquire: All |", "All/All/None/All")]
        [InlineData("Contacts: Inquiry level All", "None/None/None/All")]
        public void Several_levels_in_one_phrase_are_all_read(string guide, string levels)
        {
            var p = Read(guide);
            Assert.Equal("Companies / Contacts " + levels, Rows(p));
            Assert.False(p.NeedsReview);
        }

        [Fact]
        public void Yes_and_check_marks_are_read_as_All_and_doubted_while_no_and_dashes_are_None()
        {
            var p = Read("| Function | Add | Edit | Delete | Inquire |\n|---|---|---|---|---|\n| Contacts | No | N/A | - | Yes |\n| Notes | \u2713 | | \u2014 | \u2714 |\n| Team Members | None | None | None | All\u00B9 |\n");
            Assert.Equal("Companies / Contacts None/None/None/All; Companies / Notes All/None/None/All; Companies / Team Members None/None/None/All", Rows(p));
            Assert.Equal(2, p.Import.Doubts.Count);
            Assert.Contains("'Yes'", p.Import.Doubts[0]);
            Assert.True(p.NeedsReview);
        }

        [Fact]
        public void A_module_named_only_in_a_heading_above_its_html_table_is_the_rows_module()
        {
            var p = GuideShapeTests.Import("module-headings.html");
            Assert.Equal("Companies / Company Maintenance None/None/None/All; Companies / Configurations All/All/None/All; Service Desk / Service Tickets All/All/None/All; System / API Reports None/None/None/All", Rows(p));
            // The parameter column is the row's note; the heading "System Security Module" is the module, not System / Security.
            Assert.Equal("alerts as tickets", p.Permissions.Single(r => r.Function == "Service Tickets").Note);
            Assert.Empty(p.Import.Unread);
        }

        [Fact]
        public void Rows_under_a_table_header_the_reader_does_not_understand_are_reported()
        {
            var p = Read("| Function | Access |\n|---|---|\n| Contacts | Read |\n| Company Maintenance | Full |\n");
            Assert.Empty(p.Permissions);
            Assert.Equal(new[] { 3, 4 }, p.Import.Unread.Select(u => u.Line).Concat(p.Import.Unknown.Select(u => u.Line)).OrderBy(n => n));
        }

        [Fact]
        public void Conditional_rows_are_optional_rows_reported_as_such_and_never_merged_into_required_levels()
        {
            var p = GuideShapeTests.Import("conditional.md");
            var time = p.Import.Rows.Single(r => r.Function == "Time Entry");
            Assert.Equal("If you use the time sync feature, you also need", time.Condition);
            Assert.StartsWith("conditional: ", p.Permissions.Single(r => r.Function == "Time Entry").Note);
            Assert.Null(p.Import.Rows.Single(r => r.Function == "Company Maintenance").Condition);
            // "Agreements also need Add Level All if ...": Agreements stays at its required levels; the optional Add is reported.
            Assert.Equal("None/None/None/All", p.Permissions.Single(r => r.Function == "Agreements").Levels.ToString());
            Assert.Contains(p.Notes, n => n.StartsWith("conditional: Finance / Agreements: ", StringComparison.Ordinal) && n.Contains("Add All"));
            Assert.Contains(p.Notes, n => n.StartsWith("conditional: Time & Expense / Time Entry: If you use the time sync feature", StringComparison.Ordinal));
            Assert.Contains(p.Notes, n => n.StartsWith("conditional: Procurement / Products: Optional: product sync", StringComparison.Ordinal));
            Assert.Equal(3, p.Import.Conditional.Count);
            Assert.True(p.NeedsReview);
            Assert.Contains(p.Notes, n => n.StartsWith("NEEDS REVIEW: ", StringComparison.Ordinal) && n.Contains("optional"));
        }

        [Fact]
        public void A_footnote_that_makes_a_row_optional_reaches_the_name_with_its_mark_or_else_the_row_above_it()
        {
            var p = Read("Finance\u2020 Invoicing: Inquire (All)\nContacts: Inquire (All)\n\u2020 only needed if you send invoices\n\nService Tickets: Inquire (All)\n* Needed only when alerts open tickets\nNotes: Inquire (All)\n");
            Assert.Equal(4, p.Permissions.Count);
            Assert.Equal("only needed if you send invoices", p.Import.Rows.Single(r => r.Function == "Invoicing").Condition);
            Assert.Equal("Needed only when alerts open tickets", p.Import.Rows.Single(r => r.Function == "Service Tickets").Condition);
            Assert.Null(p.Import.Rows.Single(r => r.Function == "Contacts").Condition);
            Assert.Null(p.Import.Rows.Single(r => r.Function == "Notes").Condition);
            Assert.Equal(2, p.Import.Conditional.Count);
            Assert.Empty(p.Import.Unread);
        }

        [Fact]
        public void The_six_line_guide_keeps_its_table_setup_row_its_list_and_the_products_name()
        {
            var p = GuideShapeTests.Import("customize-inline.txt");
            Assert.Equal("ContosoPager", p.Name);
            Assert.Equal("None/None/None/All", p.Permissions.Single(r => r.Function == "Table Setup").Levels.ToString());
            Assert.Equal(new[] { "Service / Service Board" }, p.Customize.Single().Allow);
            Assert.False(p.NeedsReview);
        }

        [Theory]
        [InlineData("cut-off.txt", 7)]
        [InlineData("cut-off-page.html", 8)]
        public void A_row_the_page_stops_inside_is_reported_and_never_completed(string file, int line)
        {
            var p = GuideShapeTests.Import(file);
            Assert.DoesNotContain(p.Permissions, r => r.Function == "Agreements");
            var unread = Assert.Single(p.Import.Unread);
            Assert.Equal(line, unread.Line);
            Assert.Contains("Finance / Agreements", unread.Reason);
            Assert.Contains("cut off", unread.Reason);
        }

        [Fact]
        public void A_module_named_before_its_header_row_is_the_module_of_the_rows_under_it()
        {
            var p = Read("Companies Add Level  Edit Level  Delete Level  Inquire Level\nContacts All All None All\nSystem Add Level  Edit Level  Delete Level  Inquire Level\nTable Setup None None None All\n");
            Assert.Equal("Companies / Contacts All/All/None/All; System / Table Setup None/None/None/All", Rows(p));
        }

        [Fact]
        public void Columns_in_one_cell_and_the_level_in_the_next_are_one_statement_and_a_misspelt_module_is_still_its_module()
        {
            var p = Read("| Category | Module level | Access required |\n|---|---|---|\n| Comanies \u2192 Configurations | Add, Edit, and Inquire | All |\n| Service Desk \u2192 Service Tickets | Inquire | All |\n");
            Assert.Equal("Companies / Configurations All/All/None/All; Service Desk / Service Tickets None/None/None/All", Rows(p));
        }

        [Fact]
        public void Items_moved_to_the_disallow_side_are_reported_and_never_read_as_an_allow_list()
        {
            var p = Read("Table Setup: Inquire - All\nClick the customize link beside Table Setup and move these to the Disallow box:\n- Company / Company Status\n");
            Assert.Equal("System / Table Setup None/None/None/All", Rows(p));
            Assert.Empty(p.Customize);
            Assert.Contains("Disallow", Assert.Single(p.Import.Unread).Reason);
        }

        [Fact]
        public void A_remark_between_two_level_lines_of_a_row_keeps_the_row()
        {
            var p = Read("Companies\nContacts Inquire Level = All Needed to match people\nAdd Level = All\nNeeded to add new people to a company\nEdit Level = All Needed to fix their details\n");
            Assert.Equal("Companies / Contacts All/All/None/All", Rows(p));
            Assert.Empty(p.Import.Unread);
        }

        [Theory]
        [InlineData("Add Level | Edit Level | Delete Level | Inquire Level | Notes\nCompanies\nContacts None None None All Used to match\nNotes None All None All Used for notes", "Companies / Contacts None/None/None/All; Companies / Notes None/All/None/All")]
        [InlineData("Companies > Contacts > Inquire > All", "Companies / Contacts None/None/None/All")]
        [InlineData("**Inquire Level - All**\n- Company Maintenance\n- Contacts", "Companies / Company Maintenance None/None/None/All; Companies / Contacts None/None/None/All")]
        [InlineData("## Service Desk\nSet Inquire to All.\n- Service Tickets\n- Ticket Templates", "Service Desk / Service Tickets None/None/None/All; Service Desk / Ticket Templates None/None/None/All")]
        [InlineData("Inquire Level: All - Company Maintenance, Contacts", "Companies / Company Maintenance None/None/None/All; Companies / Contacts None/None/None/All")]
        [InlineData("| Permission | Access Level |\n|---|---|\n| Contacts | Read-only (Inquire: All) |", "Companies / Contacts None/None/None/All")]
        [InlineData("1. Under Service Desk, set Service Tickets to Inquire = All and Add = All.", "Service Desk / Service Tickets All/None/None/All")]
        [InlineData("Unlike Service Tickets, this role needs Inquire All on Contacts.", "Companies / Contacts None/None/None/All")]
        [InlineData("Under \"Service Desk\", set \"Service Tickets\" add, edit and inquiry levels to \"All\"", "Service Desk / Service Tickets All/All/None/All")]
        public void A_statement_reaches_the_name_it_is_written_with_whatever_the_words_around_it(string guide, string rows)
        {
            var p = Read(guide);
            Assert.Equal(rows, Rows(p));
            Assert.Empty(p.Import.Unread);
            Assert.Empty(p.Import.Unknown);
        }

        [Theory]
        [InlineData("Do not give the role Delete Level All on Service Tickets.")]
        [InlineData("Service Tickets do not need Add Level All.")]
        [InlineData("There is no need to set Edit Level to All for Notes.")]
        [InlineData("Notes: Edit Level All is not needed.")]
        public void A_level_a_sentence_says_not_to_give_is_reported_never_read(string sentence)
        {
            var p = Read("Contacts: Inquire - All\n" + sentence + "\n");
            Assert.Equal("Companies / Contacts None/None/None/All", Rows(p));
            Assert.Equal(2, Assert.Single(p.Import.Unread).Line);
        }

        [Fact]
        public void A_guide_that_ends_with_a_whole_row_is_not_cut()
        {
            var p = Read("Contacts: Inquire Level - All\nNotes: Inquire Level - All");
            Assert.Equal(2, p.Permissions.Count);
            Assert.Empty(p.Import.Unread);
        }
    }
}
