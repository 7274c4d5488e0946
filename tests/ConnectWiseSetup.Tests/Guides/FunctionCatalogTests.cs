using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;
using SimCatalog = ConnectWiseSetup.Simulator.Store.Catalog;

namespace ConnectWiseSetup.Tests.Guides
{
    /// <summary>
    /// The module's offline catalogue of role rows (what the guide importer matches names against without a tenant) is the
    /// simulator's catalogue: the same rows, spellings and Customize lists, and every row a tenant's role grid serves resolves to itself.
    /// </summary>
    public sealed class FunctionCatalogTests : IClassFixture<SimulatorFixture>
    {
        readonly SimulatorFixture _f;

        public FunctionCatalogTests(SimulatorFixture f) { _f = f; }

        [Fact]
        public void The_offline_catalogue_is_the_simulators_catalogue()
        {
            var module = FunctionCatalog.Functions.Select(f => f.Module + " / " + f.Function + " [" + f.CustomizeList + "] " + string.Join("|", f.Aliases) + " {" + string.Join("|", f.ModuleAliases) + "}").ToList();
            var simulator = SimCatalog.Instance.Functions.Select(f => f.ModuleLabel + " / " + f.Label + " [" + f.CustomizeIdentifier + "] " + string.Join("|", f.Aliases) + " {" + string.Join("|", f.ModuleAliases) + "}").ToList();
            Assert.Equal(simulator, module);
            Assert.True(module.Count > 80, module.Count + " rows");
            // Every Customize list a row names is one the module's Customize catalogue knows.
            Assert.All(FunctionCatalog.Functions.Where(f => f.CustomizeList != null), f => Assert.Contains(f.CustomizeList, CustomizeCatalog.KnownLists));
        }

        [Fact]
        public void Every_row_of_a_tenants_role_grid_resolves_to_itself()
        {
            using var s = _f.ConnectedSession(_f.Server.Tenants[3]);
            var r = s.Run("New-CwSecurityRole -Name $N | Get-CwSecurityRolePermission -All", new() { ["N"] = "Catalogue " + Guid.NewGuid().ToString("N").Substring(0, 8) });
            r.AssertNoErrors();
            var rows = r.OfType<SecurityRoleSetting>().ToList();
            Assert.Equal(FunctionCatalog.Functions.Count, rows.Count);
            foreach (var row in rows)
                Assert.Equal(row.Module + " / " + row.Function, FunctionCatalog.Find(row.Module, row.Function)?.ToString());
        }

        [Theory]
        [InlineData("Service Desk", "Service Ticket", "Service Desk / Service Tickets")]
        [InlineData("Sales", "Opportunities", "Sales / Opportunity")]
        [InlineData("Time and Expense", "Time Entries", "Time & Expense / Time Entry")]
        [InlineData("Companies Module", "Contact", "Companies / Contacts")]
        [InlineData("Projects", "Close Project", "Project / Close Projects")]
        [InlineData("Service", "Service Ticket Dependancies", "Service Desk / Service Ticket - Dependencies")]
        [InlineData("Procurement", "Widgets", null)]
        [InlineData("Widgets", "Contacts", null)]
        public void Names_are_matched_tolerantly_and_only_to_one_row(string module, string function, string row)
            => Assert.Equal(row, FunctionCatalog.Find(module, function)?.ToString());

        [Fact]
        public void A_name_that_matches_nothing_gets_the_closest_rows()
            => Assert.Contains("Service Desk / Ticket Templates", FunctionCatalog.Closest("Service Desk", "Ticket Template"));
    }
}
