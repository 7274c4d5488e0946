using System.Management.Automation;
using System.Reflection;
using System.Security;
using System.Xml.Linq;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;
using ConnectWiseSetup.Setup;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;

namespace ConnectWiseSetup.Tests.Polish
{
    /// <summary>Every format file the manifest lists, and what a person at a prompt sees for each main output type.</summary>
    public sealed class FormatViewTests : IClassFixture<SimulatorFixture>
    {
        readonly SimulatorFixture _sim;
        public FormatViewTests(SimulatorFixture sim) { _sim = sim; }

        static readonly Assembly Module = typeof(CwConnection).Assembly;

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
        public void The_main_output_types_all_have_a_view()
        {
            var selected = Directory.GetFiles(TestPaths.ModuleDirectory, "*.format.ps1xml")
                .SelectMany(f => XDocument.Load(f).Descendants("TypeName").Select(e => e.Value)).ToHashSet();
            foreach (var t in new[] { typeof(CwConnection), typeof(CwApiKey), typeof(CwApiKeyTestResult), typeof(ApiMember), typeof(SecurityRole),
                typeof(SecurityRoleSetting), typeof(PermissionProfile), typeof(PermissionComparison), typeof(PermissionRowDiff), typeof(CustomizeDiff),
                typeof(PermissionChecklistItem), typeof(EndpointProbeResult) })
                Assert.Contains(t.FullName, selected);
        }

        static string Render(PsSession s, string script, Dictionary<string, object> vars = null)
        {
            var r = s.Run(script + " | Out-Default", vars);
            r.AssertNoErrors();
            // PowerShell 7 colours table headers with VT sequences; a person reads the text.
            return System.Text.RegularExpressions.Regex.Replace(r.HostText, "\u001b\\[[0-9;]*m", "");
        }

        [Fact]
        public void The_connection_shows_server_company_codebase_version_and_public_key_never_the_private_key()
        {
            var host = new ScriptedHost();
            using var s = _sim.ConnectedSession(host: host);
            host.TakeText();
            var text = Render(s, "Get-CwConnection");
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
            var text = Render(s, "$key");
            Assert.Matches(@"Member\s+PublicKey\s+Description", text);
            Assert.Contains("MSPProcess", text);
            Assert.Contains("PublicAbcd1234", text);
            Assert.DoesNotContain("PrivateSecret1234", text);
        }

        [Fact]
        public void Roles_members_and_rows_show_a_few_columns_in_a_table()
        {
            var host = new ScriptedHost();
            using var s = _sim.ConnectedSession(host: host);
            host.TakeText();
            var roles = Render(s, "Get-CwSecurityRole");
            Assert.Matches(@"Id\s+Name\s+Admin\s+Inactive\s+Company", roles);
            var members = Render(s, "Get-CwApiMember");
            Assert.Matches(@"Id\s+Identifier\s+Name\s+SecurityRole\s+Inactive\s+Company", members);
            Assert.Contains(_sim.Tenant.AdminMemberIdentifier, members);
            var profiles = Render(s, "Get-CwIntegrationProfile");
            Assert.Contains("MspProcess", profiles);
        }

        [Fact]
        public void Permission_rows_a_comparison_a_checklist_and_a_key_test_show_what_a_person_acts_on()
        {
            var host = new ScriptedHost();
            using var s = ConnectedQuiet(host);
            s.Run("$script:role = New-CwSecurityRole -Name 'Format View Role' -ExistingOk").AssertNoErrors();
            var comparison = Render(s, "Compare-CwSecurityRole -Role $role -Profile MspProcess");
            foreach (var label in new[] { "Subject", "Reference", "InDesiredState", "Summary", "ToChange" })
                Assert.Matches(@"(?m)^" + label + @"\s*:", comparison);
            Assert.Contains("Format View Role", comparison);
            Assert.Contains("False", comparison);

            var rows = Render(s, "Get-CwSecurityRole | Where-Object AdminFlag | ForEach-Object { Get-CwSecurityRolePermission -Role $_ -Module System }");
            Assert.Matches(@"Module\s+Function\s+Add\s+Edit\s+Delete\s+Inquire", rows);
            Assert.Contains("System", rows);

            s.SetVariable("item", new PermissionChecklistItem { Step = 3, Kind = ChecklistItemKind.Levels, Instruction = "System > Security Roles > MSP Process > Companies > Company Maintenance: Inquire All" });
            var checklist = Render(s, "$item");
            Assert.Matches(@"Step\s+Kind\s+Instruction", checklist);
            Assert.Contains("Company Maintenance: Inquire All", checklist);

            s.SetVariable("test", new CwApiKeyTestResult { PublicKey = "PublicAbcd1234", IsValid = true, IsActive = true, Member = new MemberReference { Identifier = "MSPProcess" }, SecurityRole = new Reference { Name = "MSP Process" }, Message = "signs in as MSPProcess" });
            var test = Render(s, "$test");
            // A list (readable at 80 columns, with the key's age and a message of any length).
            foreach (var label in new[] { "PublicKey", "IsValid", "Member", "IsActive", "SecurityRole", "Message" })
                Assert.Matches(@"(?m)^" + label + @"\s*:", test);
            Assert.Matches(@"(?m)^PublicKey\s*: PublicAbcd1234", test);
            Assert.Matches(@"(?m)^Member\s*: MSPProcess", test);
            Assert.Matches(@"(?m)^SecurityRole\s*: MSP Process", test);
        }

        PsSession ConnectedQuiet(ScriptedHost host)
        {
            var s = _sim.ConnectedSession(host: host);
            host.TakeText();
            return s;
        }

        [Fact]
        public void A_comparison_row_shows_expected_and_actual_levels_in_one_line_each()
        {
            var host = new ScriptedHost();
            using var s = new PsSession(host);
            var row = PermissionDiff.CompareRow("Companies", "Company Maintenance", 1, 1, true,
                new PermissionLevels(PermissionLevel.All, PermissionLevel.All, PermissionLevel.None, PermissionLevel.All),
                new PermissionLevels(PermissionLevel.None, PermissionLevel.All, PermissionLevel.None, PermissionLevel.My));
            s.SetVariable("row", row);
            var text = Render(s, "$row");
            Assert.Matches(@"Module\s+Function\s+Expected\s+Actual\s+State", text);
            Assert.Contains("All/All/None/All", text);
            Assert.Contains("None/All/None/My", text);
            Assert.Contains("Missing", text);
        }

        [Fact]
        public void Probe_results_and_customize_diffs_show_their_columns()
        {
            var host = new ScriptedHost();
            using var s = new PsSession(host);
            s.SetVariable("probe", new EndpointProbeResult { Method = "GET", Path = "/company/companies", Outcome = ProbeOutcome.Forbidden, StatusCode = 403, Optional = true, Message = "the role lacks Company Maintenance" });
            var probe = Render(s, "$probe");
            Assert.Matches(@"Method\s+Path\s+Outcome\s+Status\s+Optional", probe);
            Assert.Matches(@"GET\s+/company/companies\s+Forbidden\s+403\s+True", probe);
            s.SetVariable("cust", new CustomizeDiff { Module = "System", Function = "Table Setup", List = "SystemTableSetup", Expected = new[] { "Company / Company Status" }, MissingItems = new[] { "Company / Company Status" }, State = DiffState.Missing });
            var cust = Render(s, "$cust");
            Assert.Matches(@"Module\s+Function\s+State\s+Expected\s+Missing", cust);
            Assert.Contains("Company / Company Status", cust);
        }
    }
}
