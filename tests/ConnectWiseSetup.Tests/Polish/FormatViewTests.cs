using System.Management.Automation;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ConnectWiseSetup.Guides;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Cmdlets;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;
using ConnectWiseSetup.Setup;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;

namespace ConnectWiseSetup.Tests.Polish
{
    /// <summary>
    /// Every format file the manifest lists, and what a person at a prompt sees for each output type: every view rendered at 80
    /// and 120 columns (the widths of a default console and of a wide one) with the longest values ConnectWise allows.
    /// </summary>
    public sealed class FormatViewTests : IClassFixture<SimulatorFixture>
    {
        readonly SimulatorFixture _sim;
        public FormatViewTests(SimulatorFixture sim) { _sim = sim; }

        static readonly Assembly Module = typeof(CwConnection).Assembly;

        /// <summary>The view of that name, from the built module's format files.</summary>
        internal static XElement View(string name) => Views().Single(v => v.Element("Name").Value == name);

        static IEnumerable<XElement> Views() => Directory.GetFiles(TestPaths.ModuleDirectory, "*.format.ps1xml").SelectMany(f => XDocument.Load(f).Descendants("View"));

        [Fact]
        public void Every_format_file_loads_is_exported_and_its_views_name_real_properties()
        {
            var files = Directory.GetFiles(TestPaths.ModuleDirectory, "*.format.ps1xml");
            Assert.Contains(files, f => Path.GetFileName(f) == "ConnectWiseSetup.format.ps1xml");
            // The engine's own parser, as Import-Module uses it.
            _ = new System.Management.Automation.Runspaces.FormatTable(files);
            foreach (var file in files)
                foreach (var view in XDocument.Load(file).Descendants("View"))
                {
                    var typeName = view.Element("ViewSelectedBy").Element("TypeName").Value;
                    var type = Module.GetType(typeName, throwOnError: false);
                    Assert.True(type != null, Path.GetFileName(file) + ": no type " + typeName);
                    foreach (var p in view.Descendants("PropertyName"))
                        Assert.True(type.GetProperty(p.Value) != null, typeName + " has no property " + p.Value);
                    if (view.Element("TableControl") != null)
                        Assert.Equal(view.Descendants("TableColumnHeader").Count(), view.Descendants("TableColumnItem").Count());
                }
            using var s = new PsSession();
            var r = s.Run("(Get-Module ConnectWiseSetup).ExportedFormatFiles");
            r.AssertNoErrors();
            var exported = r.Output.Select(o => Path.GetFileName(o.ToString())).OrderBy(x => x).ToList();
            Assert.Equal(files.Select(Path.GetFileName).OrderBy(x => x), exported);
        }

        [Fact]
        public void A_type_has_one_view_of_each_kind_so_no_file_shadows_another()
        {
            var kinds = Views().GroupBy(v => v.Element("ViewSelectedBy").Element("TypeName").Value + " " + v.Elements().Single(e => e.Name.LocalName.EndsWith("Control")).Name.LocalName);
            Assert.All(kinds, k => Assert.True(k.Count() == 1, k.Key + " has " + k.Count() + " views: the first file loaded hides the others"));
        }

        [Fact]
        public void The_first_column_of_every_table_has_a_width()
        {
            // Without it PowerShell sizes the whole table to its data and ignores every width: columns then get cut or dropped.
            foreach (var view in Views().Where(v => v.Element("TableControl") != null))
                Assert.True(view.Descendants("TableColumnHeader").First().Element("Width") != null, view.Element("Name").Value + ": its first column has no width");
        }

        [Fact]
        public void The_main_output_types_all_have_a_view()
        {
            var selected = Views().Select(v => v.Element("ViewSelectedBy").Element("TypeName").Value).ToHashSet();
            foreach (var t in new[] { typeof(CwConnection), typeof(CwApiKey), typeof(CwApiKeyTestResult), typeof(ApiMember), typeof(SecurityRole),
                typeof(SecurityRoleSetting), typeof(PermissionProfile), typeof(PermissionComparison), typeof(PermissionRowDiff), typeof(CustomizeDiff),
                typeof(PermissionChecklistItem), typeof(EndpointProbeResult), typeof(IntegrationTestResult), typeof(IntegrationVendorValue),
                typeof(InstallStep), typeof(InstallPlan), typeof(IntegrationInstallResult) })
                Assert.Contains(t.FullName, selected);
        }

        /// <summary>
        /// What a console <paramref name="width"/> columns wide shows for <paramref name="script"/> (Out-Default, as at a prompt: the hosted
        /// runspace has the engine's commands only), colours removed.
        /// </summary>
        internal static string Render(PsSession s, ScriptedHost host, string script, int width, Dictionary<string, object> vars = null)
        {
            Width(host, width);
            host.TakeText();
            var r = s.Run(script + " | Out-Default", vars);
            r.AssertNoErrors();
            return Plain(r.HostText);
        }

        static void Width(ScriptedHost host, int width)
        {
            host.UI.RawUI.BufferSize = new System.Management.Automation.Host.Size(width, 9999);
            host.UI.RawUI.WindowSize = new System.Management.Automation.Host.Size(width, 50);
        }

        // PowerShell 7 colours table headers with VT sequences; a person reads the text.
        static string Plain(string text) => Regex.Replace(text ?? "", "\u001b\\[[0-9;]*m", "");

        /// <summary>
        /// <paramref name="sample"/> through one view alone, at <paramref name="width"/> columns: a runspace whose only view for the type is
        /// <paramref name="view"/> (a second view of a type, such as the details list, is what Format-List picks at a prompt).
        /// </summary>
        internal static string RenderView(XElement view, object sample, int width)
        {
            var dir = Directory.CreateTempSubdirectory("cwview").FullName;
            try
            {
                var file = Path.Combine(dir, "view.format.ps1xml");
                new XDocument(new XElement("Configuration", new XElement("ViewDefinitions", new XElement(view)))).Save(file);
                var iss = System.Management.Automation.Runspaces.InitialSessionState.CreateDefault2();
                iss.Formats.Add(new System.Management.Automation.Runspaces.SessionStateFormatEntry(file));
                var host = new ScriptedHost();
                Width(host, width);
                using var rs = System.Management.Automation.Runspaces.RunspaceFactory.CreateRunspace(host, iss);
                rs.Open();
                rs.SessionStateProxy.SetVariable("o", sample);
                using var ps = PowerShell.Create();
                ps.Runspace = rs;
                ps.AddScript("$o | Out-Default");
                ps.Invoke();
                if (ps.HadErrors) throw new Xunit.Sdk.XunitException(view.Element("Name").Value + ": " + string.Join("; ", ps.Streams.Error.Select(e => e.ToString())));
                return Plain(host.TakeText());
            }
            finally { Directory.Delete(dir, true); }
        }

        static List<string> Lines(string text) => text.Replace("\r", "").Split('\n').ToList();

        // The longest values ConnectWise allows or the built-in profiles use: role names 30, member identifiers 15, member names 30,
        // public keys 16, module names 14 and function names 33 characters; paths and messages as the probe and the key test write them.
        const string LongRole = "CloudBlue Reseller Marketplace";
        const string LongIdentifier = "MassMaintBooste";
        const string LongMemberName = "Mass Maintenance Booster Integ";
        const string LongFunction = "Company/Contact Group Maintenance";
        const string LongModule = "Time & Expense";
        const string PublicKey = "AbCdEfGhIjKlMnOp";

        /// <summary>One object per type that has a view, with the longest values it carries in practice.</summary>
        Dictionary<string, object> Samples(CwConnection connection)
        {
            var missing = new PermissionLevels(PermissionLevel.None, PermissionLevel.None, PermissionLevel.None, PermissionLevel.None);
            var wanted = new PermissionLevels(PermissionLevel.All, PermissionLevel.All, PermissionLevel.None, PermissionLevel.All);
            var row = PermissionDiff.CompareRow(LongModule, LongFunction, 1, 1, true, wanted, missing);
            var customize = new CustomizeDiff
            {
                Module = "System", Function = "Table Setup", List = "SystemTableSetup", State = DiffState.MissingAndExcess,
                Expected = new[] { "Company / Company Status", "Company / Company Type", "Invoicing / Billing Status" },
                MissingItems = new[] { "Company / Company Type", "Invoicing / Billing Status" }, ExcessItems = new[] { "Time / Work Role" },
            };
            var probe = new EndpointProbeResult
            {
                Method = "DELETE", Path = "/company/contacts/validatePortalCredentials", Outcome = ProbeOutcome.Forbidden, StatusCode = 403, Optional = true,
                CalledPath = "/company/contacts/validatePortalCredentials",
                Message = "You do not have permission to perform this action. Security requires Inquire level on Companies / Contacts.",
            };
            var comparison = new PermissionComparison { Subject = "role '" + LongRole + "' (id 12345) on " + connection, Reference = "profile CloudBlueResellerMarketplace", Rows = new[] { row }, Customize = new[] { customize } };
            var test = new IntegrationTestResult
            {
                Profile = "CloudBlueResellerMarketplace", Subject = "API member '" + LongIdentifier + "' (role '" + LongRole + "'), inactive",
                SubjectKind = IntegrationSubjectKind.ApiMember, ApiMember = LongIdentifier, Role = LongRole, Comparison = comparison,
                Missing = new[] { row }, Excess = new[] { row }, CustomizeDifferences = new[] { customize }, Unverified = new[] { customize },
                Endpoints = new[] { probe, new EndpointProbeResult { Method = "GET", Path = "/service/tickets", CalledPath = "/service/tickets", Outcome = ProbeOutcome.Error, StatusCode = 500, Message = "GET failed: 500" } },
            };
            var step = new InstallStep { Number = 2, Name = "Role permissions", Kind = InstallStepKind.Guided, State = InstallStepState.ToDo, Detail = "18 row(s) to change in the web UI: " + LongModule + " > " + LongFunction + " (Add, Edit, Inquire None -> All)." };
            var member = new ApiMember
            {
                Id = 12345, Identifier = LongIdentifier, Name = LongMemberName, InactiveFlag = true, SecurityRole = new Reference(12345, LongRole), Connection = connection,
            };
            var key = new CwApiKey(new MemberReference { Id = 12345, Identifier = LongIdentifier }, "Mass Maintenance Booster key for the portal", PublicKey,
                SecretHelper.ToSecureString("PrivateSecret1234"), "https://na.myconnectwise.net", "contoso-production", Guid.NewGuid().ToString(), "v2025_1/", DateTime.UtcNow);
            return new Dictionary<string, object>
            {
                [typeof(CwConnection).FullName] = connection,
                [typeof(SecurityRole).FullName] = new SecurityRole { Id = 12345, Name = LongRole, AdminFlag = true, InactiveFlag = true, Connection = connection },
                [typeof(SecurityRoleSetting).FullName] = new SecurityRoleSetting { ModuleDescription = LongModule, ModuleFunctionDescription = LongFunction, AddLevel = PermissionLevel.All, EditLevel = PermissionLevel.My, DeleteLevel = PermissionLevel.None, InquireLevel = PermissionLevel.All },
                [typeof(PermissionProfile).FullName] = new PermissionProfile { Name = "CloudBlueResellerMarketplace", RoleName = LongRole, MemberIdentifier = LongIdentifier, Origin = "/home/admin/profiles/cloudblue-reseller-marketplace.json" },
                [typeof(PermissionComparison).FullName] = comparison,
                [typeof(PermissionRowDiff).FullName] = row,
                [typeof(CustomizeDiff).FullName] = customize,
                [typeof(PermissionChecklistItem).FullName] = new PermissionChecklistItem { Step = 18, Kind = ChecklistItemKind.Levels, Module = LongModule, Function = LongFunction, Instruction = LongModule + " > " + LongFunction + ": Add, Edit, Inquire None -> All" },
                [typeof(EndpointProbeResult).FullName] = probe,
                [typeof(ApiMember).FullName] = member,
                [typeof(CwApiKey).FullName] = key,
                [typeof(CwApiKeyTestResult).FullName] = new CwApiKeyTestResult
                {
                    PublicKey = PublicKey, CompanyId = "contoso-production", IsValid = false, IsActive = false, Member = new MemberReference { Identifier = LongIdentifier }, SecurityRole = new Reference(1, LongRole),
                    Message = "ConnectWise refused the key with public key '" + PublicKey + "' (401 Unauthorized): it was deleted or mistyped, or its member '" + LongIdentifier + "' is inactive.",
                },
                [typeof(IntegrationTestResult).FullName] = test,
                [typeof(InstallStep).FullName] = step,
                [typeof(InstallPlan).FullName] = new InstallPlan { Profile = "CloudBlueResellerMarketplace", Tenant = connection.ToString(), Steps = new[] { step } },
                [typeof(IntegrationVendorValue).FullName] = new IntegrationVendorValue { Name = "Private Key", Value = key.PrivateKey, Secret = true },
                [typeof(IntegrationInstallResult).FullName] = new IntegrationInstallResult
                {
                    Profile = "CloudBlueResellerMarketplace", Tenant = connection.ToString(), Status = InstallStatus.ManualStepRequired, Steps = new[] { step },
                    ApiMember = member, ApiKey = key, Instructions = "In ConnectWise, open System > Security Roles > " + LongRole + ".",
                    VendorValues = new[] { new IntegrationVendorValue { Name = "Private Key", Value = key.PrivateKey, Secret = true } }, Verification = test,
                },
                [typeof(IntegrationUninstallResult).FullName] = new IntegrationUninstallResult
                {
                    Profile = "CloudBlueResellerMarketplace", Tenant = connection.ToString(), ApiMember = member, Role = LongRole,
                    Steps = new[]
                    {
                        new UninstallStep { Number = 1, Name = "Disable the API member", State = UninstallStepState.Changed, Detail = "Disabled API member '" + LongIdentifier + "' (id 12345): its API keys no longer sign in." },
                        new UninstallStep { Number = 2, Name = "Delete the security role", State = UninstallStepState.Kept, Detail = "Kept security role '" + LongRole + "' (id 12346): API member '" + LongIdentifier + "' holds it." },
                        new UninstallStep { Number = 3, Name = "Delete the API keys", State = UninstallStepState.Manual, Detail = "Delete the API keys of '" + LongIdentifier + "' by hand." },
                    },
                    ManualSteps = "Delete its API keys in the web UI.",
                },
                [typeof(KeyRotationPlan).FullName] = new KeyRotationPlan
                {
                    Tenant = connection.ToString(), ApiMember = new MemberReference { Id = 12345, Identifier = LongIdentifier, Name = LongRole },
                    OldPublicKey = "OldPublicKey1234", NewPublicKey = "NewPublicKey5678", Steps = new[] { step },
                },
                [typeof(KeyRotationResult).FullName] = new KeyRotationResult
                {
                    Tenant = connection.ToString(), ApiMember = new MemberReference { Id = 12345, Identifier = LongIdentifier, Name = LongRole },
                    Status = KeyRotationStatus.ManualStepRequired, Steps = new[] { step }, OldPublicKey = "OldPublicKey1234", NewKey = key,
                    VendorValues = new[] { new IntegrationVendorValue { Name = "Private Key", Value = key.PrivateKey, Secret = true } },
                    Instructions = "Step 4. In the vendor's portal, replace the key with public key OldPublicKey1234 by the new one.",
                    Vault = "RmmVault", SecretName = "ConnectWise-" + connection.CompanyId + "-" + LongIdentifier,
                },
                // ConvertFrom-CwIntegrationGuide's objects: a row with many guide lines, a long unread line, an unknown name with three closest rows.
                [typeof(PermissionRequirement).FullName] = new PermissionRequirement { Module = LongModule, Function = LongFunction, Add = PermissionLevel.All, Edit = PermissionLevel.All, Delete = PermissionLevel.None, Inquire = PermissionLevel.All, Lines = new[] { 3, 9, 14, 16, 21 } },
                [typeof(GuideRow).FullName] = new GuideRow { Module = LongModule, Function = LongFunction, Add = PermissionLevel.None, Edit = PermissionLevel.None, Delete = PermissionLevel.None, Inquire = PermissionLevel.None, Lines = new[] { 3, 9, 14, 16, 21 }, Shape = GuideShape.LevelPhrase },
                [typeof(GuideUnreadLine).FullName] = new GuideUnreadLine { Line = 1234, Reason = "names System / API Reports with a level, but does not say which of Add, Edit, Delete or Inquire", Text = "Note: Identify the Member you want the contacts and to-do activities to be assigned to; that member's role needs API Reports access set to ALL." },
                [typeof(GuideUnknownName).FullName] = new GuideUnknownName { Line = 1234, Name = "Configuration Display Password", Kind = "function", Closest = new[] { "Companies / Configuration - Display Passwords", "Companies / Configurations", LongModule + " / Time Entry Billable Option" } },
                [typeof(GuideImportReport).FullName] = GuideImportSample(),
                [typeof(TenantCheckRow).FullName] = new TenantCheckRow
                {
                    Area = "Assumption", Check = "A key's mySecurity rows are its role's grid", Status = TenantCheckStatus.Warn, Id = "assumption.mySecurityIsTheRolesGrid",
                    Detail = "The key's effective rows are not its role's grid: 12 row(s) with no rights left out, 3 row(s) with other levels.",
                    Fix = "None needed: Install-CwIntegration reads the role's grid on every run instead of trusting a key's effective rows (one request more on a rerun).",
                },
            };
        }

        static GuideImportReport GuideImportSample()
        {
            var report = new GuideImportReport { Source = "https://support.vendor.example/hc/en-us/articles/360043891234-Setting-up-the-ConnectWise-Manage-Integration", RoleName = LongRole, MemberIdentifier = LongIdentifier, MemberName = LongMemberName, KeyDescription = "Mass Maintenance Booster key for the portal" };
            report.Rows.Add(new GuideRow { Module = LongModule, Function = LongFunction, Inquire = PermissionLevel.All, Lines = new[] { 3, 9 }, Shape = GuideShape.NestedList });
            report.Customize.Add(new CustomizeRequirement { Module = "System", Function = "Table Setup", List = "SystemTableSetup", Allow = { "Invoicing / Email Formats - Invoicing", "Company / Company Status" } });
            report.Unread.Add(new GuideUnreadLine { Line = 1234, Reason = "names System / API Reports with a level, but does not say which of Add, Edit, Delete or Inquire", Text = "x" });
            report.Unknown.Add(new GuideUnknownName { Line = 1234, Name = "Configuration Display Password", Kind = "function", Closest = new[] { "Companies / Configuration - Display Passwords" } });
            report.Conflicts.Add(LongModule + " / " + LongFunction + ": the guide gives Inquire as All (line 12) and None (line 40); the profile takes the wider, All.");
            report.Doubts.Add(LongModule + " / " + LongFunction + " (line 12) is read as Add All, Edit None, Delete None with Inquire None, as the guide writes it; check the guide's columns.");
            return report;
        }

        [Theory]
        [InlineData(80)]
        [InlineData(120)]
        public void Every_view_fits_the_console_and_neither_drops_a_column_nor_cuts_a_value(int width)
        {
            using var s = _sim.ConnectedSession();
            var connection = s.Run("Get-CwConnection").Single<CwConnection>();
            var samples = Samples(connection);
            Assert.Equal("contoso-production", ((CwApiKey)samples[typeof(CwApiKey).FullName]).CompanyId);
            var problems = new List<string>();
            foreach (var view in Views())
            {
                var name = view.Element("Name").Value;
                var typeName = view.Element("ViewSelectedBy").Element("TypeName").Value;
                if (!samples.TryGetValue(typeName, out var sample)) { problems.Add(name + ": no sample object in this test; add one with its longest values"); continue; }
                var table = view.Element("TableControl") != null;
                var text = RenderView(view, sample, width);
                var lines = Lines(text);
                foreach (var line in lines.Where(l => l.Length > width)) problems.Add(name + " at " + width + ": a line of " + line.Length + " characters: " + line);
                // PowerShell marks a cut value with an ellipsis; a wrapped one goes on below.
                foreach (var line in lines.Where(l => l.Contains('\u2026'))) problems.Add(name + " at " + width + ": a value is cut: " + line);
                var labels = view.Descendants(table ? "TableColumnHeader" : "ListItem").Select(h => h.Element("Label")?.Value ?? h.Element("PropertyName")?.Value).ToList();
                if (table)
                {
                    // Every column is there, its header whole on the header line.
                    var header = lines.FirstOrDefault(l => l.Trim().Length > 0) ?? "";
                    if (!Regex.IsMatch(header, string.Join(@"\s+", labels.Select(Regex.Escape))))
                        problems.Add(name + " at " + width + ": the header shows " + header.Trim() + ", not every column " + string.Join(" ", labels));
                }
            }
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        /// <summary>
        /// Issue 25: no word cut in the middle at 80 columns. Every word on the 80-column screen must be a whole word of what the same view
        /// shows when nothing constrains it (its column widths removed, 4,000 columns): PowerShell cuts a cell wherever its width ends,
        /// which leaves pieces ("Sy" and "stem") that are no word of the values. Wrapping between words only moves whole words.
        /// </summary>
        [Fact]
        public void No_view_cuts_a_word_at_80_columns()
        {
            using var s = _sim.ConnectedSession();
            var connection = s.Run("Get-CwConnection").Single<CwConnection>();
            var samples = Samples(connection);
            var problems = new List<string>();
            foreach (var view in Views())
            {
                var name = view.Element("Name").Value;
                if (!samples.TryGetValue(view.Element("ViewSelectedBy").Element("TypeName").Value, out var sample)) continue;
                var free = new XElement(view);
                free.Descendants("Width").Remove();
                // Wrapping between words (TextWrap) stays, at a width no word reaches: a word longer than its column is a cut word too.
                foreach (var block in free.Descendants("ScriptBlock").Where(b => b.Value.TrimStart().StartsWith("[ConnectWiseSetup.Setup.TextWrap]::Wrap(")))
                    block.Value = Regex.Replace(block.Value, @",\s*\d+\)\s*$", ", 100000)");
                var reference = Words(RenderView(free, sample, 4000)).Distinct().ToList();
                var words = reference.ToHashSet();
                var cut = Words(RenderView(view, sample, 80)).Where(w => !words.Contains(w) && !reference.Any(r => AtSeparators(r, w))).Distinct().ToList();
                if (cut.Count > 0) problems.Add(name + ": pieces of words at 80 columns: " + string.Join(" | ", cut.Take(8)));
            }
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        /// <summary>A path or an address too long for its column may break after a separator (TextWrap): its pieces then start and end at one.</summary>
        static bool AtSeparators(string word, string piece)
        {
            for (var i = word.IndexOf(piece, StringComparison.Ordinal); i >= 0; i = word.IndexOf(piece, i + 1, StringComparison.Ordinal))
            {
                var end = i + piece.Length;
                if ((i == 0 || TextWrap.Separators.Contains(word[i - 1])) && (end == word.Length || TextWrap.Separators.Contains(word[end - 1]))) return true;
            }
            return false;
        }

        static IEnumerable<string> Words(string text) => Regex.Split(text, @"\s+").Where(w => w.Length > 0 && !Regex.IsMatch(w, "^-+$"));

        [Fact]
        public void The_connection_shows_server_company_codebase_version_and_public_key_never_the_private_key()
        {
            var host = new ScriptedHost();
            using var s = _sim.ConnectedSession(host: host);
            var text = Render(s, host, "Get-CwConnection", 80);
            foreach (var label in new[] { "Server", "CompanyId", "Codebase", "ApiVersion", "PublicKey" })
                Assert.Matches(@"(?m)^" + label + @"\s*:", text);
            Assert.Contains(_sim.Tenant.PublicKey, text);
            Assert.Contains("v2025_1", text);
            Assert.DoesNotContain(_sim.Tenant.PrivateKey, text);
            Assert.DoesNotContain("PrivateKey", text);
        }

        [Fact]
        public void An_api_key_shows_its_member_and_public_key_never_the_private_key()
        {
            var host = new ScriptedHost();
            using var s = new PsSession(host);
            var secret = new System.Net.NetworkCredential("", "PrivateSecret1234").SecurePassword;
            s.SetVariable("key", new CwApiKey(new MemberReference { Id = 7, Identifier = "MSPProcess" }, "MSP Process key", "PublicAbcd1234",
                secret, "https://na.myconnectwise.net", "contoso", Guid.NewGuid().ToString(), "v2025_1/", null));
            var text = Render(s, host, "$key", 80);
            Assert.Matches(@"Member\s+PublicKey\s+CompanyId\s+VerifiedAt\s+Description", text);
            Assert.Matches(@"MSPProcess\s+PublicAbcd1234\s+contoso\s+MSP Process key", text);
            Assert.DoesNotContain("PrivateSecret1234", text);
        }

        [Fact]
        public void Roles_members_and_profiles_show_every_column_at_80()
        {
            var host = new ScriptedHost();
            using var s = _sim.ConnectedSession(host: host);
            var roles = Render(s, host, "Get-CwSecurityRole", 80);
            Assert.Matches(@"Id\s+Name\s+Admin\s+Inactive\s+Company", roles);
            var members = Render(s, host, "Get-CwApiMember -IncludeInactive", 80);
            Assert.Matches(@"Id\s+Identifier\s+Name\s+SecurityRole\s+Inactive\s+Company", members);
            Assert.Matches(_sim.Tenant.AdminMemberIdentifier + @"\s.*\sFalse\s+" + _sim.Tenant.CompanyId, members);
            var profiles = Render(s, host, "Get-CwIntegrationProfile", 80);
            Assert.Matches(@"Name\s+RoleName\s+Member\s+Rows\s+Origin", profiles);
            // The row count whole (18, not 8) and the origin on the line of its profile.
            Assert.Matches(@"MspProcess\s+MSP Process\s+MSPProcess\s+18\s+built-in", profiles);
        }

        [Fact]
        public void A_comparison_row_shows_what_to_set_in_one_cell_and_a_comparison_says_it_per_row()
        {
            var host = new ScriptedHost();
            using var s = new PsSession(host);
            var row = PermissionDiff.CompareRow("Companies", "Company Maintenance", 1, 1, true,
                new PermissionLevels(PermissionLevel.All, PermissionLevel.All, PermissionLevel.None, PermissionLevel.All),
                new PermissionLevels(PermissionLevel.None, PermissionLevel.All, PermissionLevel.None, PermissionLevel.My));
            Assert.Equal("Add None -> All; Inquire My -> All", row.Change);
            var text = Render(s, host, "$row", 80, new() { ["row"] = row });
            Assert.Matches(@"Module\s+Function\s+State\s+Change", text);
            Assert.Matches(@"Companies\s+Company Maintenance\s+Missing\s+Add None -> All; Inquire", text);
            var comparison = new PermissionComparison { Subject = "role 'X'", Reference = "profile MspProcess", Rows = new[] { row } };
            var list = Render(s, host, "$c", 120, new() { ["c"] = comparison });
            foreach (var label in new[] { "Subject", "Reference", "InDesiredState", "Summary", "ToChange" })
                Assert.Matches(@"(?m)^" + label + @"\s*:", list);
            Assert.Contains("Companies > Company Maintenance: Add None -> All; Inquire My -> All", Regex.Replace(list, @"\s+", " "));
        }

        [Fact]
        public void Probe_results_and_customize_diffs_show_their_columns()
        {
            var host = new ScriptedHost();
            using var s = new PsSession(host);
            var probe = new EndpointProbeResult { Method = "GET", Path = "/company/companies", Outcome = ProbeOutcome.Forbidden, StatusCode = 403, Optional = true, Message = "the role lacks Company Maintenance" };
            var text = Render(s, host, "$probe", 120, new() { ["probe"] = probe });
            Assert.Matches(@"Method\s+Path\s+Outcome\s+Optional\s+Message", text);
            // The message is wrapped between words in its column: read it joined.
            Assert.Matches(@"GET\s+/company/companies\s+Forbidden\s+True\s+the role lacks", text);
            Assert.Contains("the role lacks Company Maintenance", Regex.Replace(text, @"\s+", " "));
            var cust = new CustomizeDiff { Module = "System", Function = "Table Setup", List = "SystemTableSetup", Expected = new[] { "Company / Company Status" }, MissingItems = new[] { "Company / Company Status" }, ExcessItems = new[] { "Time / Work Role" }, State = DiffState.MissingAndExcess };
            var custText = Render(s, host, "$cust", 120, new() { ["cust"] = cust });
            Assert.Matches(@"Module\s+Function\s+State\s+Expected\s+ToChange", custText);
            // Each table to add or remove is named (the cell may wrap: read it joined).
            var joined = Regex.Replace(custText, @"\s+", " ");
            Assert.Contains("add Company / Company", joined);
            Assert.Contains("remove Time / Work Role", joined);
        }

        [Fact]
        public void A_key_test_is_a_list_so_its_message_is_read_whole_at_any_width()
        {
            var host = new ScriptedHost();
            using var s = new PsSession(host);
            var message = "ConnectWise refused the key with public key 'PublicAbcd1234' (401 Unauthorized): it was deleted or mistyped, or its member is inactive.";
            var result = new CwApiKeyTestResult { PublicKey = "PublicAbcd1234", IsValid = false, Member = new MemberReference { Identifier = "MSPProcess" }, Message = message };
            foreach (var width in new[] { 80, 120 })
            {
                var text = Render(s, host, "$t", width, new() { ["t"] = result });
                Assert.Matches(@"(?m)^PublicKey\s+: PublicAbcd1234", text);
                Assert.Matches(@"(?m)^IsValid\s+: False", text);
                // The message, joined again from its wrapped lines, is all there.
                var joined = Regex.Replace(text.Substring(text.IndexOf("Message", StringComparison.Ordinal)), @"\s*\n\s*", "");
                Assert.Contains(message.Replace(" ", ""), joined.Replace(" ", ""));
            }
            var valid = Render(s, host, "$t", 80, new() { ["t"] = new CwApiKeyTestResult { PublicKey = "PublicAbcd1234", IsValid = true, IsActive = true, Member = new MemberReference { Identifier = "MSPProcess" } } });
            Assert.DoesNotContain("Message", valid);
        }

        [Fact]
        public void A_checklist_item_shows_its_instruction_without_the_screen_path_repeated()
        {
            var host = new ScriptedHost();
            using var s = new PsSession(host);
            var item = new PermissionChecklistItem { Step = 3, Kind = ChecklistItemKind.Levels, Instruction = "Companies > Company Maintenance: Inquire None -> All", ScreenPath = "System > Security Roles > MSP Process > Companies > Company Maintenance" };
            var text = Render(s, host, "$item", 80, new() { ["item"] = item });
            Assert.Matches(@"Step\s+Kind\s+Instruction", text);
            Assert.Matches(@"3\s+Levels\s+Companies > Company Maintenance: Inquire None -> All", text);
            Assert.DoesNotContain("Security Roles", text);
        }
    }
}
