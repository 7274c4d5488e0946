using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;
using ConnectWiseSetup.Setup;
using Xunit;

namespace ConnectWiseSetup.Tests.Rotation
{
    /// <summary>Two keys' effective rights compared: rows either answer leaves out count as None; Customize lists item by item.</summary>
    public sealed class KeyRightsTests
    {
        static SecurityRoleSetting Row(int id, string module, string function, PermissionLevel add, PermissionLevel edit, PermissionLevel delete, PermissionLevel inquire)
            => new() { Id = id, SortOrder = id, ModuleDescription = module, ModuleFunctionDescription = function, AddLevel = add, EditLevel = edit, DeleteLevel = delete, InquireLevel = inquire };

        static readonly PermissionLevel N = PermissionLevel.None, A = PermissionLevel.All, M = PermissionLevel.My;

        static CustomizeItem Item(string list, string item) => new() { CustomizeIdentifier = list, ItemIdentifier = item };

        static List<SecurityRoleSetting> Grid() => new()
        {
            Row(1, "Companies", "Company Maintenance", N, N, N, A),
            Row(2, "Companies", "Contacts", N, A, N, A),
            Row(3, "Finance", "Agreements", N, N, N, N),
            Row(4, "Service Desk", "Service Tickets", N, N, N, N),
        };

        [Fact]
        public void Rows_one_answer_leaves_out_because_they_grant_nothing_are_no_difference()
        {
            var old = Grid();
            var fresh = Grid().Where(r => !r.IsNone).ToList();      // a server that omits the None rows for this key only
            var c = KeyRights.Compare(old, new[] { Item("SystemTableSetup", "CompanyStatus") }, fresh, new[] { Item("SystemTableSetup", "CompanyStatus") });
            Assert.Equal(0, KeyRights.Differences(c));
            c = KeyRights.Compare(fresh, null, old, null);
            Assert.Equal(0, KeyRights.Differences(c));
        }

        [Fact]
        public void A_widened_or_narrowed_row_and_an_extra_or_missing_Customize_item_are_differences_named_for_a_person()
        {
            var old = Grid();
            var widened = Grid();
            widened[2] = Row(3, "Finance", "Agreements", N, N, N, M);    // a right the old key did not have
            var narrowed = Grid().Where(r => r.Id != 2).ToList();       // Contacts left out: it grants nothing now
            var items = new[] { Item("SystemTableSetup", "CompanyStatus") };

            var c = KeyRights.Compare(old, items, widened, items);
            Assert.Equal(1, KeyRights.Differences(c));
            Assert.Equal("Agreements", Assert.Single(c.Excess).Function);
            Assert.Contains("Finance / Agreements: the new key has None/None/None/My, the old key None/None/None/None", KeyRights.Describe(c));

            c = KeyRights.Compare(old, items, narrowed, items);
            Assert.Equal("Contacts", Assert.Single(c.Missing).Function);

            c = KeyRights.Compare(old, items, old, new[] { Item("SystemTableSetup", "CompanyStatus"), Item("FinanceAgreements", "AllAgreements") });
            var list = Assert.Single(c.Customize, l => l.State != DiffState.Match);
            Assert.Equal("FinanceAgreements", list.List);
            Assert.Contains("Customize FinanceAgreements: only the new key has", KeyRights.Describe(c));

            c = KeyRights.Compare(old, items, old, Array.Empty<CustomizeItem>());
            Assert.Equal(DiffState.Missing, Assert.Single(c.Customize).State);
            Assert.Contains("only the old key has Company / Company Status", KeyRights.Describe(c));
        }
    }
}
