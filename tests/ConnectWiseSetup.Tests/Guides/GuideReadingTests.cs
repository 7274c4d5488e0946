using ConnectWiseSetup.Guides;
using ConnectWiseSetup.Permissions;
using Xunit;

namespace ConnectWiseSetup.Tests.Guides
{
    /// <summary>
    /// What the importer must not do: guess a word it cannot read, invent a row, or stay silent about a line that looks
    /// like a permission. And what it must tolerate: the spellings guides use for the catalogue's rows.
    /// </summary>
    public class GuideReadingTests
    {
        static PermissionProfile Read(string text) => GuideImporter.Import(text, "text");

        static string Rows(PermissionProfile p) => string.Join("; ", p.Permissions.Select(r => r.Module + " / " + r.Function + " " + r.Levels));

        [Fact]
        public void Unreadable_lines_are_reported_with_their_numbers_and_the_profile_is_marked_for_review()
        {
            var p = GuideShapeTests.Import("unread.txt");
            Assert.Equal("Companies / Company Maintenance None/None/None/All; Service Desk / Service Tickets All/All/None/All", Rows(p));

            Assert.Equal(new[] { 6, 10, 11 }, p.Import.Unread.Select(u => u.Line));
            Assert.Contains("'Read' is not a level", p.Import.Unread[0].Reason);
            Assert.Contains("Companies / Contacts", p.Import.Unread[0].Reason);
            Assert.Contains("Time Entry", p.Import.Unread[1].Reason);
            Assert.Contains("Table Setup", p.Import.Unread[2].Reason);
            Assert.Equal("Give the role access to Table Setup as well.", p.Import.Unread[2].Text);

            var unknown = Assert.Single(p.Import.Unknown);
            Assert.Equal(8, unknown.Line);
            Assert.Equal("Ticket Widgets", unknown.Name);
            Assert.Contains("Service Desk / Ticket Templates", unknown.Closest);

            Assert.True(p.NeedsReview);
            var review = Assert.Single(p.Notes, n => n.StartsWith("NEEDS REVIEW: ", StringComparison.Ordinal));
            Assert.Contains("lines 6, 10-11 look like permissions but were not read", review);
            Assert.Contains(p.Notes, n => n.StartsWith("Line 6 was not read: ", StringComparison.Ordinal));
            Assert.Contains(p.Notes, n => n.StartsWith("Line 10 was not read: ", StringComparison.Ordinal));
            Assert.Contains(p.Notes, n => n.StartsWith("Line 11 was not read: ", StringComparison.Ordinal));
            Assert.Contains(p.Notes, n => n.StartsWith("Line 8: 'Ticket Widgets' is not a row the module knows; closest: ", StringComparison.Ordinal));
        }

        [Fact]
        public void A_level_for_something_the_line_does_not_name_is_reported_and_not_given_to_the_row_before()
        {
            var p = GuideShapeTests.Import("sentence-steps.txt");
            // Line 12 states Inquire All for "the dashboards": reported, and Member Maintenance (line 11) keeps its own levels.
            var unknown = Assert.Single(p.Import.Unknown);
            Assert.Equal(12, unknown.Line);
            Assert.Equal("None/None/None/All", p.Permissions.Single(r => r.Function == "Member Maintenance").Levels.ToString());
            // The bracketed remark between two phrases of line 6 is not a name: the third phrase still reaches Opportunity.
            Assert.DoesNotContain(p.Import.Unknown, u => u.Line == 6);
            Assert.True(p.NeedsReview);
        }

        [Fact]
        public void A_phrase_after_a_label_the_catalogue_does_not_know_is_reported_never_given_to_the_row_before()
        {
            var p = Read("Contacts: Inquire - All\nRecurring widgets, then set Add Level to All, Edit Level to All\n");
            Assert.Equal("Companies / Contacts None/None/None/All", Rows(p));
            Assert.Contains(p.Import.Unknown.Select(u => u.Line).Concat(p.Import.Unread.Select(u => u.Line)), n => n == 2);
            Assert.True(p.NeedsReview);
        }

        [Fact]
        public void A_guide_without_levels_gives_no_row_and_says_so()
        {
            var p = Read("Give the integration a role with access to:\n- Companies\n- Service Desk / Service Tickets\n");
            Assert.Empty(p.Permissions);
            Assert.True(p.NeedsReview);
            Assert.Equal(new[] { 2, 3 }, p.Import.Unread.Select(u => u.Line));
            Assert.Contains("without a level", p.Import.Unread[1].Reason);
            Assert.Contains(p.Notes, n => n.StartsWith("No permission row was read", StringComparison.Ordinal));
        }

        [Theory]
        [InlineData("Contacts: Inquire (Read)", 1)]
        [InlineData("Set the API Reports access to \"ALL\".", 1)]
        [InlineData("Service Tickets need Add and Edit permissions.", 1)]
        public void A_word_it_cannot_read_is_reported_never_guessed(string line, int unreadLine)
        {
            var p = Read(line);
            Assert.Empty(p.Permissions);
            Assert.Equal(unreadLine, Assert.Single(p.Import.Unread).Line);
        }

        [Fact]
        public void A_flat_row_with_a_word_where_a_level_belongs_is_not_read()
        {
            var p = Read("Add\nEdit\nDelete\nInquire\nCompanies\nContacts\nNone\nFull\nNone\nAll\nNotes\nNone\nNone\nNone\nAll\n");
            Assert.Equal("Companies / Notes None/None/None/All", Rows(p));
            var unread = Assert.Single(p.Import.Unread);
            Assert.Equal(6, unread.Line);
            Assert.Contains("'Full' is not a level", unread.Reason);
            Assert.Contains("lines 6-10", unread.Reason);
        }

        [Fact]
        public void A_row_cut_short_is_reported_with_how_many_levels_it_has()
        {
            var p = Read("Add Level | Edit Level | Delete Level | Inquire Level\nCompanies\nContactsNoneAll\nNotesNoneNoneNoneAll\n");
            Assert.Equal("Companies / Notes None/None/None/All", Rows(p));
            Assert.Contains("has 2 of the table's 4 levels", Assert.Single(p.Import.Unread).Reason);
        }

        [Fact]
        public void Two_values_for_one_level_are_a_conflict_and_the_wider_is_kept()
        {
            var p = Read("Contacts: Inquire (All)\nContacts: Inquire (None)\n");
            Assert.Equal("Companies / Contacts None/None/None/All", Rows(p));
            Assert.True(p.NeedsReview);
            Assert.Contains("Inquire as All (line 1) and None (line 2)", Assert.Single(p.Import.Conflicts));
        }

        [Fact]
        public void Columns_are_read_in_the_order_the_header_gives_them()
        {
            var pipe = Read("| Function | Inquire | Add | Edit | Delete |\n|---|---|---|---|---|\n| Contacts | All | My | None | None |\n| Notes | Yes | No | No | Read |\n");
            Assert.Equal("Companies / Contacts My/None/None/All", Rows(pipe));
            Assert.Contains("'Read' is not a level", Assert.Single(pipe.Import.Unread).Reason);
            var flat = Read("Inquire\nAdd\nCompanies\nContacts\nAll\nMy\n");
            Assert.Equal("Companies / Contacts My/None/None/All", Rows(flat));
        }

        [Fact]
        public void A_row_that_changes_what_it_cannot_read_is_read_as_written_and_doubted()
        {
            var p = Read("| Module | Function | Add Level | Edit Level | Inquire Level |\n|---|---|---|---|---|\n| Companies | Contacts | All | | |\n| Companies | Notes | All | All | All |\n");
            Assert.Equal("Companies / Contacts All/None/None/None; Companies / Notes All/All/None/All", Rows(p));
            Assert.True(p.NeedsReview);
            Assert.Contains("Companies / Contacts (line 3) is read as Add All, Edit None, Delete None with Inquire None", Assert.Single(p.Import.Doubts));
            Assert.Contains(p.Notes, n => n.Contains("1 row gives Add, Edit or Delete without Inquire"));
        }

        [Fact]
        public void An_unmentioned_level_of_a_listed_function_is_None()
        {
            var p = Read("| Module | Function | Inquire |\n|---|---|---|\n| Service Desk | Service Tickets | All |\n");
            var row = p.Permissions.Single();
            Assert.Equal("None/None/None/All", row.Levels.ToString());
        }

        [Theory]
        [InlineData("Service Ticket: Inquire (All)", "Service Desk / Service Tickets")]                        // singular
        [InlineData("Opportunities: Inquire (All)", "Sales / Opportunity")]                                    // plural
        [InlineData("Time and Expense\nTime Entries: Inquire (All)", "Time & Expense / Time Entry")]           // "and" for "&", plural
        [InlineData("Companies Module\nContact: Inquire (All)", "Companies / Contacts")]                       // "Module" dropped
        [InlineData("Service Ticket - Dependancies: Inquire (All)", "Service Desk / Service Ticket - Dependencies")] // a guide's spelling
        [InlineData("CRM Sales Activities: Inquire (All)", "Companies / CRM/Sales Activities")]
        [InlineData("Projects\nClose Project: Inquire (All)", "Project / Close Projects")]
        [InlineData("Service Desk Reports: Inquire (All)", "Service Desk / Reports")]
        [InlineData("Procurement > Purchase Order\nInquire - All", "Procurement / Purchase Orders")]
        public void Function_names_match_the_catalogue_tolerantly(string guide, string row)
        {
            var p = Read(guide);
            Assert.Equal(row + " None/None/None/All", Rows(p));
            Assert.False(p.NeedsReview);
        }

        [Fact]
        public void A_name_several_modules_have_needs_its_module()
        {
            var p = Read("Reports: Inquire (All)");
            Assert.Empty(p.Permissions);
            var unknown = Assert.Single(p.Import.Unknown);
            Assert.Equal("Reports", unknown.Name);
            Assert.Contains(unknown.Closest, c => c.EndsWith("/ Reports", StringComparison.Ordinal));
        }

        [Fact]
        public void Customize_lists_attach_to_their_rows()
        {
            var p = Read(string.Join("\n",
                "Add Level | Edit Level | Delete Level | Inquire Level",
                "Finance",
                "AgreementsNoneNoneNoneAllCustomize:",
                "Allow access to all agreements",
                "System",
                "Table SetupNoneNoneNoneAll",
                "Customize:",
                "Allow access to:",
                "  • Service/Priority",
                "  • Service/Widget Board",
                "Companies",
                "ConfigurationsNoneNoneNoneAll",
                "Customize: Allow access to: Workstation, Server"));
            Assert.Equal(3, p.Permissions.Count);
            var agreements = p.Customize.Single(c => c.Function == "Agreements");
            Assert.True(agreements.AllowAll);
            Assert.Equal("FinanceAgreements", agreements.List);
            Assert.Equal(new[] { 3, 4 }, agreements.Lines);
            var tables = p.Customize.Single(c => c.Function == "Table Setup");
            Assert.Equal(new[] { "Service / Priority", "Service / Widget Board" }, tables.Allow);
            Assert.Equal(new[] { 7, 8, 9, 10 }, tables.Lines);
            var configurations = p.Customize.Single(c => c.Function == "Configurations");
            Assert.Equal(new[] { "Workstation", "Server" }, configurations.Allow);
            // The item the catalogue does not know is kept (the guide says so) and reported with the closest items.
            var unknown = Assert.Single(p.Import.Unknown);
            Assert.Equal("Service / Widget Board", unknown.Name);
            Assert.Equal("SystemTableSetup", unknown.Kind);
            Assert.Contains("Service / Service Board", unknown.Closest);
            Assert.True(p.NeedsReview);
        }

        [Fact]
        public void A_table_of_allow_lists_attaches_each_list_to_its_row()
        {
            var p = Read(string.Join("\n",
                "| Module | Function | Add Level | Edit Level | Inquire Level |",
                "|---|---|---|---|---|",
                "| Companies | Configurations (see note 1) | None | All (note 2) | All |",
                "| System | Table Setup | | | All |",
                "| Service Desk | Resource Scheduling | All | | All |",
                "",
                "| Function | Allow access to |",
                "|---|---|",
                "| Configurations | Workstation, Server (and any other managed machine) |",
                "| Table Setup | Service / Service Board, Company / Company Status |",
                "| Resource Scheduling | whichever company levels your dispatchers schedule |"));
            Assert.Equal("Companies / Configurations None/All/None/All; System / Table Setup None/None/None/All; Service Desk / Resource Scheduling All/None/None/All", Rows(p));
            Assert.Equal("note 2", p.Permissions[0].Note);
            Assert.Equal(new[] { "Workstation", "Server" }, p.Customize.Single(c => c.Function == "Configurations").Allow);
            Assert.Equal(new[] { "Service / Service Board", "Company / Company Status" }, p.Customize.Single(c => c.Function == "Table Setup").Allow);
            Assert.Equal(new[] { 10 }, p.Customize.Single(c => c.Function == "Table Setup").Lines);
            var unread = Assert.Single(p.Import.Unread);
            Assert.Equal(11, unread.Line);
            Assert.Contains("Resource Scheduling is not a list of items", unread.Reason);
        }

        [Fact]
        public void A_customize_list_for_a_row_without_levels_is_not_kept()
        {
            var p = Read("Contacts: Inquire (All)\nWithin System, click the customize link beside Table Setup.\nAllow access to all entries.\n");
            Assert.Equal("Companies / Contacts None/None/None/All", Rows(p));
            Assert.Empty(p.Customize);
            Assert.Contains("but the guide gives that row no level", Assert.Single(p.Import.Unread).Reason);
        }

        [Fact]
        public void A_customize_remark_with_nothing_after_it_is_reported()
        {
            var p = Read("Add Level | Edit Level | Delete Level | Inquire Level\nSystem\nTable SetupNoneNoneNoneAllCustomize:\nMember ID: X1\n");
            Assert.Equal("System / Table Setup None/None/None/All", Rows(p));
            Assert.Empty(p.Customize);
            Assert.Equal(3, Assert.Single(p.Import.Unread).Line);
        }

        [Theory]
        [InlineData("Add a new role, name it Acme Sync, and give it these rows.", "Acme Sync", null, null, null)]
        [InlineData("Role name: Acme Sync", "Acme Sync", null, null, null)]
        [InlineData("Call the role \"Acme Sync\".", "Acme Sync", null, null, null)]
        [InlineData("Member ID: ACME1\nMember Name: Acme Sync Member", null, "ACME1", "Acme Sync Member", null)]
        [InlineData("In the Member ID field, enter ACME2.", null, "ACME2", null, null)]
        [InlineData("Enter \"ACME3\" as the Member ID.", null, "ACME3", null, null)]
        [InlineData("In the Description field, enter Acme key.", null, null, null, "Acme key")]
        [InlineData("You can name the description Acme Integration, then click Save.", null, null, null, "Acme Integration")]
        [InlineData("Enter a description for the API key, for example: Acme API Keys.", null, null, null, "Acme API Keys")]
        [InlineData("- Member ID - unique identifier for the API user\n- Member Name - descriptive display name\nGive the role a name.", null, null, null, null)]
        public void Names_the_guide_states_are_read_and_described_fields_are_not(string guide, string role, string member, string memberName, string key)
        {
            var r = Read(guide).Import;
            Assert.Equal(role, r.RoleName);
            Assert.Equal(member, r.MemberIdentifier);
            Assert.Equal(memberName, r.MemberName);
            Assert.Equal(key, r.KeyDescription);
        }

        [Fact]
        public void Defaults_stand_in_for_names_the_guide_does_not_give_and_the_notes_say_so()
        {
            var p = GuideImporter.Import("Contacts: Inquire (All)", "/guides/Acme-Connector.txt");
            Assert.Equal("Acme-Connector", p.Name);
            Assert.Equal("Acme-Connector", p.RoleName);
            Assert.Equal("AcmeConnector", p.MemberIdentifier);
            Assert.Contains(p.Notes, n => n.Contains("names no role") && n.Contains("-RoleName"));
            Assert.Contains(p.Notes, n => n.Contains("names no Member ID") && n.Contains("-Identifier"));
            Assert.Equal("imported from /guides/Acme-Connector.txt", p.Origin);
            Assert.Equal("/guides/Acme-Connector.txt", p.Source);
        }

        [Fact]
        public void A_name_ConnectWise_would_refuse_is_replaced_and_noted()
        {
            var p = Read("Member ID: ThisIdentifierIsFarTooLong\nRole name: Contoso Enterprise Backup Reporting Connector\nContacts: Inquire (All)");
            Assert.True(p.MemberIdentifier.Length <= 15);
            Assert.True(p.RoleName.Length <= 30);
            Assert.Contains(p.Notes, n => n.Contains("'ThisIdentifierIsFarTooLong' is not one ConnectWise takes"));
            // The reason is the module's one names rule's (InputValidator.NameProblem).
            Assert.Contains(p.Notes, n => n.Contains("'Contoso Enterprise Backup Reporting Connector' is not one ConnectWise takes") && n.Contains("at most 30"));
        }

        [Fact]
        public void A_bad_profile_name_is_refused()
        {
            var e = Assert.Throws<ConnectWiseSetup.Client.CwException>(() => GuideImporter.Import("x", "text", "bad name!"));
            Assert.Equal(ConnectWiseSetup.Client.ErrorIds.InvalidArgument, e.ErrorId);
        }

        [Fact]
        public void Prose_that_ends_in_a_level_word_is_not_a_table_row()
        {
            var p = Read("Add LevelEdit LevelDelete LevelInquire Level\nCompanies\nContactsNoneNoneNoneAll\nEvery other row stays at None.\n");
            Assert.Equal("Companies / Contacts None/None/None/All", Rows(p));
            Assert.Empty(p.Import.Unknown);
        }

        [Fact]
        public void Api_paths_and_lowercase_prose_are_not_taken_for_rows()
        {
            var p = Read("GET\n/company/contacts\ncontacts count\n\nGET\n/time/entries\ntime entries\n");
            Assert.Empty(p.Permissions);
            Assert.Empty(p.Import.Unread);
        }
    }
}
