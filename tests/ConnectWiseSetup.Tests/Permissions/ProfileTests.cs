using ConnectWiseSetup.Model;
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
        [InlineData("SmileBack", 12, "SmileBack", "SmileBack", "SmileBack")]
        [InlineData("TeamGPS", 11, "Team GPS", "TeamGPS", "Team GPS")]
        [InlineData("Hudu", 9, "Hudu", "HuduAPI", "Hudu")]
        [InlineData("NablePassportal", 6, "Passportal", "Passportal", "Passportal")]
        [InlineData("NableNcentral", 13, "N-central", "N-central", "N-able N-central")]
        [InlineData("AutoElevate", 12, "AutoElevate", "AutoElevate", "AutoElevate")]
        [InlineData("Msp360ManagedBackup", 10, "API", "MSP360", "MSP360 Managed Backup")]
        [InlineData("MobiusConnect", 15, "Mobius", "Mobius", "Mobius")]
        [InlineData("LifecycleInsights", 4, "Lifecycle Insights", "LCI", "Lifecycle Insights")]
        [InlineData("Rewst", 20, "Rewst API", "Rewst", "Rewst API")]
        [InlineData("Bvoip1stream", 18, "1stream", "1stream", "1stream")]
        [InlineData("HatzAi", 4, "Hatz AI", "HatzAI", "Hatz AI")]
        [InlineData("TurboDocx", 44, "TurboDocxIntegration", "TurboDocx", "TurboDocx Key")]
        [InlineData("Netwrix1Secure", 4, "Netwrix 1Secure", "Netwrix1Secure", "Netwrix 1Secure")]
        [InlineData("ImmyBot", 5, "ImmyBot", "ImmyBot", "ImmyBot")]
        [InlineData("CyberDrainCoW", 3, "CyberDrain Only Warranties", "CyberDrainCoW", "CyberDrain CoW")]
        [InlineData("HeyHappy", 12, "HeyHappy", "HeyHappy", "HeyHappy")]
        [InlineData("Commvault", 5, "Commvault PSA", "Commvault", "Commvault PSA")]
        [InlineData("Perimeters", 10, "Perimeters", "Perimeters", "Perimeters")]
        [InlineData("IngramMicroCloudMarketplace", 7, "Cloud Marketplace", "CloudMktplace", "Cloud Marketplace")]
        [InlineData("NinjaOne", 10, "NinjaOne", "NinjaOne", "NinjaOne")]
        [InlineData("LastPass", 3, "LastPass", "LastPass", "LastPass")]
        [InlineData("Guardz", 4, "Guardz", "Guardz", "Guardz")]
        [InlineData("Cyrisma", 7, "CYRISMA", "CYRISMA", "CYRISMA")]
        [InlineData("ChatStyle", 13, "ChatStyle", "ChatStyle", "ChatStyle")]
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
        public void Exactly_the_five_seed_profiles_the_twelve_vendor_guides_and_the_thirteen_corpus_guides_are_built_in()
        {
            Assert.Equal(new[]
                {
                    "AppXite", "AutoElevate", "Bvoip1stream", "ChatStyle", "CloudBlueResellerMarketplace", "Commvault", "CyberDrainCoW", "Cyrisma", "Guardz", "HatzAi", "HeyHappy", "Hudu", "ImmyBot",
                    "IngramMicroCloudMarketplace", "LastPass", "LifecycleInsights", "MassMaintenanceBooster", "MindmatrixAmp", "MobiusConnect", "Msp360ManagedBackup", "MspProcess",
                    "NableNcentral", "NablePassportal", "Netwrix1Secure", "NinjaOne", "Perimeters", "Rewst", "SmileBack", "TeamGPS", "TurboDocx",
                },
                ProfileCatalog.BuiltInNames.OrderBy(n => n, StringComparer.Ordinal).ToArray());
        }

        [Fact]
        public void Every_profile_read_from_a_public_guide_names_its_address_and_the_date_it_was_read()
        {
            // Every built-in profile, the seeds' too: source is the guide's address, sourceRead the date (the guide's title is the first note).
            foreach (var p in ProfileCatalog.BuiltIn)
            {
                Assert.Matches(@"^https://[^\s]+$", p.Source);
                Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", p.SourceRead);
                Assert.StartsWith("The guide: '", p.Notes[0]);
            }
        }

        [Fact]
        public void Every_built_in_profile_has_its_source_the_date_read_and_the_importers_result_on_its_guide()
        {
            foreach (var p in ProfileCatalog.BuiltIn)
            {
                Assert.Matches(@"^https://[^\s]+$", p.Source);
                Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", p.SourceRead);
                Assert.True(p.ImportResult != null, p.Name + " has no importResult");
                // The result names the day it was measured (not before the guide was read) and how many of the guide's rows were read exactly.
                var m = System.Text.RegularExpressions.Regex.Match(p.ImportResult, @"^(\d{4}-\d{2}-\d{2}): (\d+) of (\d+) rows exact");
                Assert.True(m.Success, p.Name + ": " + p.ImportResult);
                Assert.True(string.CompareOrdinal(m.Groups[1].Value, p.SourceRead) >= 0, p.Name + ": measured before the guide was read");
                Assert.True(int.Parse(m.Groups[2].Value) <= int.Parse(m.Groups[3].Value), p.Name + ": " + p.ImportResult);
            }
        }

        [Fact]
        public void An_importResult_that_is_not_a_dated_measurement_is_refused()
        {
            var json = "{ \"name\": \"X\", \"importResult\": \"looked fine\", \"role\": { \"name\": \"R\", \"permissions\": [ { \"module\": \"System\", \"function\": \"API Reports\", \"inquire\": \"All\" } ] }, \"apiMember\": { \"identifier\": \"x1\" } }";
            var ex = Assert.ThrowsAny<Exception>(() => ProfileJson.Parse(json, "x.json"));
            Assert.Contains("importResult", ex.Message);
            var ok = ProfileJson.Parse(json.Replace("looked fine", "2026-12-06: 1 of 1 rows exact"), "x.json");
            Assert.Equal("2026-12-06: 1 of 1 rows exact", ok.ImportResult);
        }

        /// <summary>Each built-in profile made from a corpus guide keeps every row of the guide's hand extraction with its levels, and its Customize lists.</summary>
        [Theory]
        [InlineData("HeldOut", "TurboDocx")]
        [InlineData("HeldOut", "Netwrix1Secure")]
        [InlineData("HeldOut", "ImmyBot")]
        [InlineData("HeldOut", "CyberDrainCoW")]
        [InlineData("HeldOut", "HeyHappy")]
        [InlineData("HeldOut", "Commvault")]
        [InlineData("HeldOut", "Perimeters")]
        [InlineData("BuiltFrom", "IngramMicroCloudMarketplace")]
        [InlineData("BuiltFrom", "MassMaintenanceBooster")]
        [InlineData("BuiltFrom", "MspProcess")]
        [InlineData("BuiltFrom", "CloudBlueResellerMarketplace")]
        [InlineData("BuiltFrom", "AppXite")]
        [InlineData("BuiltFrom", "MindmatrixAmp")]
        [InlineData("BuiltFrom", "Bvoip1stream")]
        [InlineData("BuiltFrom", "Hudu")]
        [InlineData("BuiltFrom", "SmileBack")]
        [InlineData("BuiltFrom", "TeamGPS")]
        [InlineData("BuiltFrom", "NablePassportal")]
        [InlineData("BuiltFrom", "Msp360ManagedBackup")]
        [InlineData("BuiltFrom", "NableNcentral")]
        [InlineData("BuiltFrom", "NinjaOne")]
        [InlineData("BuiltFrom", "LastPass")]
        [InlineData("BuiltFrom", "Guardz")]
        [InlineData("BuiltFrom", "Cyrisma")]
        [InlineData("BuiltFrom", "ChatStyle")]
        public void Corpus_profiles_keep_the_rows_of_their_guides_hand_extraction(string split, string name)
        {
            var expected = ProfileJson.Parse(File.ReadAllText(Path.Combine(ConnectWiseSetup.Tests.Guides.GuideCorpusTests.CorpusFolder, split, name + ".expected.json")), name);
            var p = ProfileCatalog.FindBuiltIn(name);
            Assert.Equal(expected.RoleName, p.RoleName);
            foreach (var row in expected.Permissions)
            {
                var mine = p.Permissions.SingleOrDefault(r => FunctionMatcher.Normalize(r.Module) == FunctionMatcher.Normalize(row.Module) && FunctionMatcher.Normalize(r.Function) == FunctionMatcher.Normalize(row.Function));
                Assert.True(mine != null, name + " lacks " + row);
                Assert.Equal(row.Levels.ToString(), mine.Levels.ToString());
            }
            Assert.Equal(expected.Customize.Select(c => c.List + ":" + string.Join(",", c.Allow)), p.Customize.Select(c => c.List + ":" + string.Join(",", c.Allow)));
            // Rows beyond the extraction are readings, and each says so in its note.
            Assert.All(p.Permissions.Where(r => !expected.Permissions.Any(e => FunctionMatcher.Normalize(e.Function) == FunctionMatcher.Normalize(r.Function) && FunctionMatcher.Normalize(e.Module) == FunctionMatcher.Normalize(r.Module))),
                r => Assert.False(string.IsNullOrEmpty(r.Note), name + ": " + r + " is not in the guide's extraction and has no note"));
        }

        /// <summary>A few rows of each guide exactly as the guide states them (Add/Edit/Delete/Inquire), chosen where the guide's shape needed a reading.</summary>
        [Theory]
        [InlineData("SmileBack", "Marketing", "Marketing Groups", "All/None/None/All")]
        [InlineData("SmileBack", "Companies", "Surveys", "All/None/None/All")]
        [InlineData("TeamGPS", "Companies", "Company/Contact Group Maintenance", "None/None/None/All")]
        [InlineData("TeamGPS", "System", "Table Setup", "All/None/None/All")]
        [InlineData("Hudu", "System", "API Reports", "All/All/None/All")]
        [InlineData("Hudu", "Companies", "Configuration - Display Passwords", "None/None/None/All")]
        [InlineData("NablePassportal", "System", "Security", "All/All/All/All")]
        [InlineData("NablePassportal", "Companies", "Contacts", "All/All/All/All")]
        [InlineData("NableNcentral", "Service Desk", "Service Tickets", "My/My/My/My")]
        [InlineData("NableNcentral", "Service Desk", "Resource Scheduling", "All/None/All/All")]
        [InlineData("NableNcentral", "Service Desk", "Close Service Tickets", "All/All/All/All")]
        [InlineData("AutoElevate", "Companies", "Company Maintenance", "None/None/None/All")]
        [InlineData("AutoElevate", "Service Desk", "Service Tickets", "My/All/None/All")]
        [InlineData("AutoElevate", "System", "Table Setup", "None/All/None/All")]
        [InlineData("Msp360ManagedBackup", "Finance", "Company Finance", "All/All/None/All")]
        [InlineData("Msp360ManagedBackup", "Service Desk", "Close Service Tickets", "None/All/None/All")]
        [InlineData("MobiusConnect", "Finance", "Invoicing", "None/All/All/All")]
        [InlineData("MobiusConnect", "Finance", "Accounting Interface", "All/All/All/All")]
        [InlineData("LifecycleInsights", "Sales", "Opportunity", "All/All/None/All")]
        [InlineData("Rewst", "Companies", "Manage Attachments", "My/My/My/All")]
        [InlineData("Rewst", "Project", "Project Headers", "All/All/All/All")]
        [InlineData("Rewst", "Finance", "Billing View Time", "None/All/None/All")]
        [InlineData("Rewst", "System", "My Account", "My/My/My/My")]
        [InlineData("Rewst", "Time & Expense", "Time Entry Billable Option", "All/All/My/All")]
        [InlineData("Bvoip1stream", "System", "Manage Hosted API", "All/All/None/All")]
        [InlineData("Bvoip1stream", "Companies", "Manage Attachments", "All/None/None/All")]
        [InlineData("HatzAi", "Service Desk", "Service Tickets", "My/My/None/My")]
        [InlineData("HatzAi", "System", "Table Setup", "None/None/None/All")]
        public void Guide_rows_keep_the_guides_levels(string name, string module, string function, string levels)
        {
            var p = ProfileCatalog.FindBuiltIn(name);
            var row = p.Permissions.Single(r => r.Module == module && r.Function == function);
            Assert.Equal(levels, row.Levels.ToString());
        }

        [Fact]
        public void Every_built_in_Customize_list_belongs_to_its_row_and_names_items_the_module_knows()
        {
            foreach (var p in ProfileCatalog.BuiltIn)
                foreach (var c in p.Customize)
                {
                    Assert.Contains(c.List, CustomizeCatalog.KnownLists);
                    Assert.Contains(p.Permissions, r => r.Module == c.Module && r.Function == c.Function);
                    Assert.All(c.Allow, item => Assert.True(CustomizeCatalog.IsKnownItem(c.List, item), p.Name + ": " + c.List + " / " + item));
                }
        }

        [Fact]
        public void The_guides_Customize_lists_are_kept()
        {
            var autoElevate = ProfileCatalog.Resolve("AutoElevate").Customize;
            Assert.Equal(new[] { "Managed Server", "Managed Workstation" }, autoElevate.Single(c => c.List == "CompanyConfigurations").Allow);
            Assert.Equal(new[] { "General / Manage Hosted API", "Service / Service Board" }, autoElevate.Single(c => c.List == "SystemTableSetup").Allow);
            Assert.Equal(new[] { "Service / Service Board", "Service / Surveys - Service" }, ProfileCatalog.Resolve("SmileBack").Customize.Single().Allow);
            Assert.Equal(4, ProfileCatalog.Resolve("MobiusConnect").Customize.Single().Allow.Count);
            Assert.Equal(5, ProfileCatalog.Resolve("LifecycleInsights").Customize.Single().Allow.Count);
            Assert.Equal(new[] { "Service / Service Board" }, ProfileCatalog.Resolve("Msp360ManagedBackup").Customize.Single().Allow);
            Assert.All(new[] { "Hudu", "NablePassportal", "NableNcentral", "Rewst", "Bvoip1stream", "HatzAi" }, n => Assert.Empty(ProfileCatalog.Resolve(n).Customize));
        }

        [Fact]
        public void Rewst_lists_the_endpoints_of_its_guide_at_ConnectWise_paths()
        {
            var p = ProfileCatalog.Resolve("Rewst");
            Assert.Equal(14, p.Endpoints.Count);
            Assert.All(p.Endpoints, e => Assert.False(e.Implied));
            Assert.Contains(p.Endpoints, e => e.Method == "POST" && e.Path == "/service/tickets/{ticketId}/tasks");
            Assert.DoesNotContain(p.Endpoints, e => e.Path.StartsWith("/service/tickets/tasks", StringComparison.Ordinal));
            Assert.Contains(p.VendorValues, v => v.Source == VendorValueSources.MemberIdentifier);
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
