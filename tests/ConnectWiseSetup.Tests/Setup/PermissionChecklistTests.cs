using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;
using ConnectWiseSetup.Setup;
using Xunit;

namespace ConnectWiseSetup.Tests.Setup
{
    /// <summary>
    /// The checklist of a role not made yet (shown at a prompt before the role's POST) against the one its real grid gives:
    /// the same changes say nothing; a row the new role came with otherwise is named, briefly, not the whole checklist again.
    /// </summary>
    public class PermissionChecklistTests
    {
        static SecurityRoleSetting Row(int id, string module, string function, PermissionLevel level = PermissionLevel.None) => new()
        {
            Id = id, SortOrder = id, ModuleDescription = module, ModuleFunctionDescription = function,
            AddLevel = level, EditLevel = level, DeleteLevel = level, InquireLevel = level,
        };

        static SecurityRoleSetting Inquire(SecurityRoleSetting row) { row.InquireLevel = PermissionLevel.All; return row; }

        static PermissionRequirement Wanted(string module, string function, PermissionLevel inquire) => new() { Module = module, Function = function, Inquire = inquire };

        static readonly PermissionRequirement[] Profile =
        {
            Wanted("Companies", "Company Maintenance", PermissionLevel.All),
            Wanted("Service Desk", "Service Tickets", PermissionLevel.All),
            Wanted("System", "API Reports", PermissionLevel.All),
        };

        // The administrator's grid the checks read: every level All (the catalogue's labels and order are what count).
        static readonly SecurityRoleSetting[] Catalogue =
        {
            Row(1, "Companies", "Company Maintenance", PermissionLevel.All),
            Row(2, "Service Desk", "Service Tickets", PermissionLevel.All),
            Row(3, "System", "API Reports", PermissionLevel.All),
            Row(4, "System", "Mass Maintenance", PermissionLevel.All),
        };

        [Fact]
        public void A_new_role_is_counted_as_every_level_None_whatever_the_catalogues_levels()
        {
            var items = PermissionChecklist.ForNewRole("Vendor", Profile, null, Catalogue);
            Assert.Equal(new[] { "Company Maintenance", "Service Tickets", "API Reports" }, items.Select(i => i.Function));
            Assert.All(items, i => Assert.Equal("Inquire: None -> All", Assert.Single(i.Changes)));
            // Mass Maintenance is All in the catalogue's role, None in a new one: nothing to do there.
            Assert.DoesNotContain(items, i => i.Function == "Mass Maintenance");
        }

        [Fact]
        public void The_real_grid_as_assumed_says_nothing_and_one_that_differs_names_only_its_rows()
        {
            var shown = PermissionChecklist.ForNewRole("Vendor", Profile, null, Catalogue);
            var same = PermissionChecklist.Build("Vendor", PermissionDiff.Compare(Profile, null, Catalogue.Select(r => Row(r.Id + 10, r.Module, r.Function)).ToList(), null));
            Assert.Empty(PermissionChecklist.Differences("Vendor", shown, same, 80));

            // The role as made: Service Tickets already All (nothing to do there), Mass Maintenance given (to take away).
            var grid = new[]
            {
                Row(11, "Companies", "Company Maintenance"), Inquire(Row(12, "Service Desk", "Service Tickets")),
                Row(13, "System", "API Reports"), Row(14, "System", "Mass Maintenance", PermissionLevel.My),
            };
            var actual = PermissionChecklist.Build("Vendor", PermissionDiff.Compare(Profile, null, grid, null));
            var lines = PermissionChecklist.Differences("Vendor", shown, actual, 80);
            Assert.Equal("Role 'Vendor' as made differs from the checklist above in 2 item(s):", lines[0]);
            var text = string.Join(" ", lines.Select(l => l.Trim()));
            Assert.Contains("System > Mass Maintenance: Add, Edit, Delete, Inquire My -> None (not needed: set to None) (also)", text);
            Assert.Contains("Service Desk > Service Tickets: already as wanted, nothing to do", text);
            Assert.DoesNotContain(lines, l => l.Contains("Company Maintenance") || l.Contains("API Reports"));
            Assert.All(lines, l => Assert.True(l.Length <= 80, l));
        }
    }
}
