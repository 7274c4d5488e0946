using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;
using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;
using static ConnectWiseSetup.Tests.Roles.RoleTestKit;

namespace ConnectWiseSetup.Tests.Roles
{
    /// <summary>
    /// The module's data agrees with the simulator's catalogue: every built-in profile resolves against the
    /// rows a role really has, and the module's Customize catalogue matches the simulator's lists.
    /// </summary>
    public sealed class CatalogAgreementTests : IClassFixture<SimulatorFixture>, IDisposable
    {
        readonly SimulatorFixture _f;
        readonly TenantInfo _t;
        readonly PsSession _ps;

        public CatalogAgreementTests(SimulatorFixture f)
        {
            _f = f;
            _t = f.Server.Tenants[3];
            _ps = f.ConnectedSession(_t);
        }

        public void Dispose() => _ps.Dispose();

        public static IEnumerable<object[]> BuiltIns => ProfileCatalog.BuiltInNames.Select(n => new object[] { n });

        [Theory]
        [MemberData(nameof(BuiltIns))]
        public void Every_built_in_profile_resolves_and_every_row_is_Missing_on_a_fresh_role(string name)
        {
            var created = _ps.Run("New-CwSecurityRole -Name $N", new() { ["N"] = UniqueName("Fresh " + name.Substring(0, Math.Min(10, name.Length))) });
            created.AssertNoErrors();
            var role = created.Single<SecurityRole>();

            var r = _ps.Run("Compare-CwSecurityRole -Role $R -Profile $P", new() { ["R"] = role, ["P"] = name });
            r.AssertNoErrors();
            var c = r.Single<PermissionComparison>();
            var profile = ProfileCatalog.FindBuiltIn(name);
            var wanted = profile.Permissions.Where(p => !p.Levels.IsNone).ToList();
            Assert.NotEmpty(wanted);
            Assert.Equal(wanted.Count, c.Missing.Count);
            Assert.All(c.Missing, m => Assert.Equal(DiffState.Missing, m.State));
            Assert.Empty(c.Excess);
            Assert.Equal(profile.Customize.Count, c.Unverified.Count);
            // Each profile row found its own tenant row (no two profile rows on one row).
            Assert.Equal(profile.Permissions.Count, c.Rows.Count(x => x.InProfile));
        }

        [Fact]
        public void The_module_Customize_catalogue_agrees_with_the_simulator_lists()
        {
            var module = JObject.Parse(File.ReadAllText(TestPaths.InRepository("src", "ConnectWiseSetup", "Permissions", "CustomizeCatalog.json")));
            var sim = JObject.Parse(File.ReadAllText(TestPaths.InRepository("src", "ConnectWiseSetup.Simulator", "Data", "catalog.json")));
            var simLists = ((JArray)sim["customizeLists"]).ToDictionary(l => (string)l["customizeIdentifier"], l => (JArray)l["items"]);
            var moduleLists = ((JObject)module["lists"]).Properties().ToDictionary(p => p.Name, p => (JArray)p.Value["items"]);

            Assert.Equal(simLists.Keys.OrderBy(k => k), moduleLists.Keys.OrderBy(k => k));
            foreach (var (list, simItems) in simLists)
            {
                var expected = simItems.Select(i => ((string)i["label"], (string)i["itemIdentifier"])).OrderBy(x => x.Item1).ToList();
                var actual = moduleLists[list].Select(i => ((string)i["label"], ((JArray)i["identifiers"]).Select(x => (string)x).ToList())).OrderBy(x => x.Item1).ToList();
                Assert.Equal(expected.Select(e => e.Item1), actual.Select(a => a.Item1));
                foreach (var (label, code) in expected)
                {
                    Assert.Contains(code, actual.Single(a => a.Item1 == label).Item2);
                    // The module reads the simulator's code back as the label a person sees.
                    Assert.Equal(label, CustomizeCatalog.Label(list, code));
                }
            }
        }
    }
}
