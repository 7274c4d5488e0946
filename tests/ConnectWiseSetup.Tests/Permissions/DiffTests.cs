using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;
using Xunit;
using static ConnectWiseSetup.Model.PermissionLevel;

namespace ConnectWiseSetup.Tests.Permissions
{
    public class DiffTests
    {
        static int _id;

        static SecurityRoleSetting Row(string module, string function, PermissionLevel a = None, PermissionLevel e = None, PermissionLevel d = None, PermissionLevel i = None)
            => new() { Id = ++_id, SortOrder = _id, ModuleDescription = module, ModuleFunctionDescription = function, ModuleName = "x", ModuleFunctionName = "y", AddLevel = a, EditLevel = e, DeleteLevel = d, InquireLevel = i };

        static PermissionRequirement Want(string module, string function, PermissionLevel a = None, PermissionLevel e = None, PermissionLevel d = None, PermissionLevel i = None)
            => new() { Module = module, Function = function, Add = a, Edit = e, Delete = d, Inquire = i };

        static List<SecurityRoleSetting> Grid(params SecurityRoleSetting[] extra)
        {
            var rows = new List<SecurityRoleSetting>
            {
                Row("Companies", "Company Maintenance"),
                Row("Companies", "CRM/Sales Activities"),
                Row("Service Desk", "Service Ticket - Dependencies"),
                Row("System", "API Reports"),
                Row("System", "Table Setup"),
            };
            rows.AddRange(extra);
            return rows;
        }

        [Fact]
        public void My_where_All_is_needed_is_Missing_and_names_the_level()
        {
            var rows = Grid();
            rows[3].InquireLevel = My;
            var c = PermissionDiff.Compare(new[] { Want("System", "API Reports", i: All) }, null, rows, null);
            var d = Assert.Single(c.Missing);
            Assert.Equal("API Reports", d.Function);
            Assert.Equal(new[] { "Inquire" }, d.MissingLevels);
            Assert.Equal(new[] { "Inquire: My -> All" }, d.Changes);
            Assert.False(c.InDesiredState);
        }

        [Fact]
        public void All_where_My_is_asked_is_Excess()
        {
            var rows = Grid();
            rows[0].InquireLevel = All;
            var c = PermissionDiff.Compare(new[] { Want("Companies", "Company Maintenance", i: My) }, null, rows, null);
            Assert.Equal(DiffState.Excess, Assert.Single(c.Excess).State);
            Assert.Empty(c.Missing);
        }

        [Fact]
        public void A_right_the_profile_does_not_ask_for_is_Excess()
        {
            var rows = Grid();
            rows[3].InquireLevel = All;
            rows[4].DeleteLevel = All;
            var c = PermissionDiff.Compare(new[] { Want("System", "API Reports", i: All) }, null, rows, null);
            var excess = Assert.Single(c.Excess);
            Assert.Equal("Table Setup", excess.Function);
            Assert.False(excess.InProfile);
            Assert.Equal(new[] { "Delete" }, excess.ExcessLevels);
        }

        [Fact]
        public void Exact_match_is_in_desired_state()
        {
            var rows = Grid();
            rows[3].InquireLevel = All;
            var c = PermissionDiff.Compare(new[] { Want("System", "API Reports", i: All) }, null, rows, null);
            Assert.True(c.InDesiredState);
            Assert.True(c.RowsMatch);
            Assert.Single(c.Matching);
            Assert.Empty(c.ToChange);
        }

        [Fact]
        public void An_admin_role_is_Excess_everywhere_beyond_the_profile()
        {
            var rows = Grid();
            foreach (var r in rows) { r.AddLevel = r.EditLevel = r.DeleteLevel = r.InquireLevel = All; }
            var c = PermissionDiff.Compare(new[] { Want("System", "API Reports", i: All) }, null, rows, null);
            Assert.Equal(5, c.Excess.Count);
            Assert.Empty(c.Missing);
            Assert.Equal(new[] { "Add", "Edit", "Delete" }, c.Excess.Single(r => r.Function == "API Reports").ExcessLevels);
        }

        [Fact]
        public void Missing_and_excess_on_one_row()
        {
            var rows = Grid();
            rows[4].AddLevel = All;
            var c = PermissionDiff.Compare(new[] { Want("System", "Table Setup", i: All) }, null, rows, null);
            var d = Assert.Single(c.ToChange);
            Assert.Equal(DiffState.MissingAndExcess, d.State);
            Assert.Single(c.Missing);
            Assert.Single(c.Excess);
        }

        [Theory]
        [InlineData("Companies", "CRM Sales Activities")]
        [InlineData("companies", "crm/sales activities")]
        [InlineData("Service Desk", "Service Ticket - Dependancies")]
        [InlineData("Service Desk", "Service Ticket– Dependencies")]
        public void Guide_spellings_resolve_to_the_catalogue_row(string module, string function)
        {
            var c = PermissionDiff.Compare(new[] { Want(module, function, i: All) }, null, Grid(), null);
            Assert.Single(c.Missing);
        }

        [Fact]
        public void An_unknown_row_is_an_error_naming_the_closest_rows()
        {
            var ex = Assert.Throws<UnknownPermissionRowException>(() =>
                PermissionDiff.Compare(new[] { Want("System", "API Report", i: All) }, null, Grid(), null));
            Assert.Equal("System / API Reports", ex.Closest[0]);
            Assert.Contains("System / API Reports", ex.Message);
        }

        static readonly CustomizeRequirement Tables = new() { Module = "System", Function = "Table Setup", List = "SystemTableSetup", Allow = { "Company / Company Status", "Service / Service Board" } };

        [Fact]
        public void Customize_lists_are_unverified_when_they_cannot_be_read()
        {
            var c = PermissionDiff.Compare(Array.Empty<PermissionRequirement>(), new[] { Tables }, Grid(), null);
            Assert.Equal(DiffState.Unverified, Assert.Single(c.Unverified).State);
            Assert.True(c.InDesiredState);
            Assert.False(c.FullyVerified);
        }

        [Fact]
        public void Customize_lists_compare_items_when_read()
        {
            var items = new List<CustomizeItem>
            {
                new() { CustomizeIdentifier = "SystemTableSetup", ItemIdentifier = "Company / Company Status" },
                new() { CustomizeIdentifier = "SystemTableSetup", ItemIdentifier = "Invoicing / Tax Code" },
                new() { CustomizeIdentifier = "FinanceAgreements", ItemIdentifier = "All Agreements" },
            };
            var c = PermissionDiff.Compare(Array.Empty<PermissionRequirement>(), new[] { Tables }, Grid(), items);
            var d = Assert.Single(c.Customize);
            Assert.Equal(DiffState.MissingAndExcess, d.State);
            Assert.Equal(new[] { "Service / Service Board" }, d.MissingItems);
            Assert.Equal(new[] { "Invoicing / Tax Code" }, d.ExcessItems);
            Assert.False(c.InDesiredState);
        }

        [Fact]
        public void Allow_all_needs_every_known_item()
        {
            var all = new CustomizeRequirement { Module = "System", Function = "Table Setup", List = "SystemTableSetup", AllowAll = true };
            var every = CustomizeCatalog.ItemsOf("SystemTableSetup").Select((t, n) => new CustomizeItem { Id = n, CustomizeIdentifier = "SystemTableSetup", ItemIdentifier = t }).ToList();
            Assert.Equal(DiffState.Match, PermissionDiff.Compare(Array.Empty<PermissionRequirement>(), new[] { all }, Grid(), every).Customize[0].State);
            every.RemoveAt(3);
            var d = PermissionDiff.Compare(Array.Empty<PermissionRequirement>(), new[] { all }, Grid(), every).Customize[0];
            Assert.Equal(DiffState.Missing, d.State);
            Assert.Single(d.MissingItems);
        }

        [Fact]
        public void A_reference_role_becomes_wanted_rows()
        {
            var reference = Grid();
            reference[1].InquireLevel = All;
            var target = Grid();
            var c = PermissionDiff.Compare(PermissionDiff.FromSettings(reference), null, target, null);
            Assert.Equal("CRM/Sales Activities", Assert.Single(c.Missing).Function);
        }
    }
}
