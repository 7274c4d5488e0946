using ConnectWiseSetup.Permissions;
using Xunit;

namespace ConnectWiseSetup.Tests.Permissions
{
    public class ProfileTests
    {
        [Theory]
        [InlineData("MassMaintenanceBooster", 16, "Mass Maintenance Booster", "MMB API", "MMB API")]
        [InlineData("MspProcess", 18, "MSP Process", "MSPProcess", "MSP Process")]
        [InlineData("CloudBlueResellerMarketplace", 6, "CloudBlue Reseller Marketplace", "CloudBlueRM", "CloudBlue Reseller Marketplace")]
        [InlineData("AppXite", 4, "AppXite Integration", "AppXite", "AppXite Integration API Keys")]
        [InlineData("MindmatrixAmp", 4, "Mindmatrix AMP", "MindmatrixAMP", "AMP Integration")]
        public void Built_in_profiles_load_with_the_guides_values(string name, int rows, string role, string identifier, string keyDescription)
        {
            var p = ProfileCatalog.FindBuiltIn(name);
            Assert.NotNull(p);
            Assert.True(p.BuiltIn);
            Assert.Equal(rows, p.Permissions.Count);
            Assert.Equal(role, p.RoleName);
            Assert.Equal(identifier, p.MemberIdentifier);
            Assert.Equal(keyDescription, p.KeyDescription);
            Assert.Contains(p.VendorValues, v => v.Source == VendorValueSources.PrivateKey && v.Secret);
            Assert.NotEmpty(p.Notes);
            Assert.All(p.Endpoints, e => Assert.NotNull(e.Function));
        }

        [Fact]
        public void Exactly_the_five_seed_profiles_are_built_in()
        {
            Assert.Equal(new[] { "AppXite", "CloudBlueResellerMarketplace", "MassMaintenanceBooster", "MindmatrixAmp", "MspProcess" },
                ProfileCatalog.BuiltInNames.OrderBy(n => n, StringComparer.Ordinal).ToArray());
        }

        [Fact]
        public void Mass_Maintenance_Booster_has_its_customize_lists()
        {
            var p = ProfileCatalog.Resolve("massmaintenancebooster");
            var tables = p.Customize.Single(c => c.List == "SystemTableSetup");
            Assert.False(tables.AllowAll);
            Assert.Equal(10, tables.Allow.Count);
            Assert.All(tables.Allow, t => Assert.True(CustomizeCatalog.IsKnownItem("SystemTableSetup", t), t));
            Assert.True(p.Customize.Single(c => c.List == "FinanceAgreements").AllowAll);
            var tableSetup = p.Permissions.Single(r => r.Function == "Table Setup");
            Assert.Equal("All/All/None/All", tableSetup.Levels.ToString());
        }

        [Fact]
        public void Msp_Process_lists_every_endpoint_of_its_guide()
        {
            var p = ProfileCatalog.Resolve("MSP Process");
            Assert.Equal(55, p.Endpoints.Count);
            Assert.Contains(p.Endpoints, e => e.Method == "POST" && e.Path == "/service/ticketNote/{noteId}/markAs");
            Assert.Contains(p.Endpoints, e => e.Method == "GET" && e.Path == "/schedule/statuses");
            Assert.True(p.Customize.Single().AllowAll);
            // Endpoints whose row the minimum role lacks are optional, all others are covered by a row of the role.
            foreach (var e in p.Endpoints.Where(e => !e.Optional))
            {
                var row = p.Permissions.SingleOrDefault(r => FunctionMatcher.Normalize(r.Function) == FunctionMatcher.Normalize(e.Function));
                Assert.True(row != null, e + " needs " + e.Function + ", which the role lacks");
                var level = e.Method switch { "GET" => row.Inquire, "POST" => row.Add, "DELETE" => row.Delete, _ => row.Edit };
                Assert.True(level != PermissionLevel.None, e + " needs a level the role does not grant");
            }
        }

        [Fact]
        public void Unknown_profile_names_the_built_in_ones()
        {
            var ex = Assert.Throws<UnknownProfileException>(() => ProfileCatalog.Resolve("Nope"));
            Assert.Contains("MspProcess", ex.Message);
        }

        [Fact]
        public void Round_trip_through_the_json_format_keeps_everything()
        {
            foreach (var p in ProfileCatalog.BuiltIn)
            {
                var again = ProfileJson.Parse(ProfileJson.Serialize(p), "round-trip");
                Assert.Equal(ProfileJson.Serialize(p), ProfileJson.Serialize(again));
                Assert.Equal(p.Permissions.Select(r => r.ToString()), again.Permissions.Select(r => r.ToString()));
            }
        }

        const string Minimal = "{ \"name\": \"X\", \"role\": { \"name\": \"R\", \"permissions\": [ { \"module\": \"System\", \"function\": \"API Reports\", \"inquire\": \"All\" } ] }, \"apiMember\": { \"identifier\": \"x1\" } }";

        [Fact]
        public void A_minimal_profile_loads_with_defaults()
        {
            var p = ProfileJson.Parse(Minimal, "min.json");
            Assert.Equal("R", p.RoleName);
            Assert.Equal("x1", p.MemberName);
            Assert.Equal("X", p.KeyDescription);
            Assert.Equal("None/None/None/All", p.Permissions[0].Levels.ToString());
        }

        [Theory]
        [InlineData("{ \"name\": \"X\", ", "name", "not valid JSON at line 1")]
        [InlineData("[1]", "(root)", "one JSON object")]
        [InlineData("{ \"name\": \"X\", \"role\": { \"name\": \"R\", \"permissions\": [ { \"module\": \"System\", \"function\": \"API Reports\", \"inquire\": \"Al\" } ] }, \"apiMember\": { \"identifier\": \"x1\" } }", "role.permissions[0].inquire", "use None, My or All")]
        [InlineData("{ \"name\": \"X\", \"role\": { \"name\": \"R\", \"permisions\": [] }, \"apiMember\": { \"identifier\": \"x1\" } }", "role.permisions", "did you mean 'permissions'")]
        [InlineData("{ \"name\": \"X\", \"role\": { \"name\": \"This role name is far too long for CW\", \"permissions\": [] }, \"apiMember\": { \"identifier\": \"x1\" } }", "role.name", "at most 30")]
        [InlineData("{ \"name\": \"X\", \"role\": { \"name\": \"R\", \"permissions\": [] }, \"apiMember\": { \"identifier\": \"abcdefghijklmnop\" } }", "apiMember.identifier", "at most 15")]
        [InlineData("{ \"name\": \"X\", \"role\": { \"name\": \"R\", \"permissions\": [] } }", "apiMember", "is required")]
        [InlineData("{ \"name\": \"X\", \"role\": { \"name\": \"R\", \"permissions\": [] }, \"apiMember\": { \"identifier\": \"x\" }, \"endpoints\": [ { \"method\": \"FETCH\", \"path\": \"/a\" } ] }", "endpoints[0].method", "not one of")]
        [InlineData("{ \"name\": \"X\", \"role\": { \"name\": \"R\", \"permissions\": [] }, \"apiMember\": { \"identifier\": \"x\" }, \"endpoints\": [ { \"method\": \"GET\", \"path\": \"https://evil/a\" } ] }", "endpoints[0].path", "starting with '/'")]
        [InlineData("{ \"name\": \"X\", \"role\": { \"name\": \"R\", \"permissions\": [ { \"module\": \"A\", \"function\": \"B\" }, { \"module\": \"a\", \"function\": \"b\" } ] }, \"apiMember\": { \"identifier\": \"x\" } }", "role.permissions[1]", "already given")]
        [InlineData("{ \"name\": \"X\", \"role\": { \"name\": \"R\", \"permissions\": [], \"customize\": [ { \"module\": \"System\", \"function\": \"Table Setup\", \"list\": \"SystemTableSetup\", \"allowAll\": true } ] }, \"apiMember\": { \"identifier\": \"x\" } }", "role.customize[0]", "no row in role.permissions")]
        [InlineData("{ \"name\": \"bad name!\", \"role\": { \"name\": \"R\", \"permissions\": [] }, \"apiMember\": { \"identifier\": \"x\" } }", "name", "letters, digits")]
        public void A_bad_profile_file_is_reported_by_field_and_reason(string json, string field, string reason)
        {
            var ex = Assert.Throws<ProfileFormatException>(() => ProfileJson.Parse(json, "bad.json"));
            Assert.Equal(field, ex.Field);
            Assert.Contains(reason, ex.Message);
            Assert.Contains("bad.json", ex.Message);
        }
    }
}
