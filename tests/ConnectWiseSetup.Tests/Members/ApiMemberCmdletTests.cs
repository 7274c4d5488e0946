using System.Management.Automation;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Setup;
using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;
using static ConnectWiseSetup.Tests.Members.MemberTestSupport;

namespace ConnectWiseSetup.Tests.Members
{
    /// <summary>Get-/New-/Set-/Disable-CwApiMember in a hosted runspace against the simulator. Tenants: 0 create/get/set, 1 several locations, 2 validation, 3 disable.</summary>
    public sealed class ApiMemberCmdletTests : IClassFixture<SimulatorFixture>
    {
        private readonly SimulatorFixture _f;

        public ApiMemberCmdletTests(SimulatorFixture f) { _f = f; }

        private TenantInfo T(int i) => _f.Server.Tenants[i];

        [Fact]
        public void New_member_discovers_level_location_department_and_time_zone()
        {
            var t = T(0);
            CreateRole(_f, t, "MSP Process");
            using var s = _f.ConnectedSession(t);
            var r = s.Run("New-CwApiMember -Identifier MSPProcess -Name 'MSP Process' -SecurityRole 'MSP Process' -EmailAddress api@contoso.example -Verbose");
            r.AssertNoErrors();
            var m = r.Single<ApiMember>();
            Assert.True(m.Id > 0);
            Assert.Equal("MSPProcess", m.Identifier);
            Assert.Equal("MSP Process", m.SecurityRole.Name);
            Assert.Equal("Corporate", m.StructureLevel.Name);
            Assert.Equal("Main Office", m.SecurityLocation.Name);
            Assert.Equal("Main Office", m.DefaultLocation.Name);
            Assert.Equal("Services", m.DefaultDepartment.Name);
            Assert.Equal("Eastern Standard Time", m.TimeZone.Name);
            Assert.NotNull(m.Connection);
            Assert.Contains(r.Verbose, v => v.Message.Contains("Level: 'Corporate'") && v.Message.Contains("discovered"));

            var stored = Member(_f, t, "MSPProcess");
            Assert.NotNull(stored);
            Assert.Equal("api@contoso.example", (string)stored["emailAddress"]);
            Assert.Equal(m.Id, (int)stored["id"]);
        }

        [Fact]
        public void New_member_takes_references_by_name_or_id_and_role_by_id()
        {
            var t = T(0);
            var roleId = CreateRole(_f, t, "AppXite");
            using var s = _f.ConnectedSession(t);
            var r = s.Run("New-CwApiMember -Identifier 'AppXite.API' -SecurityRole $RoleId -Level Corporate -TimeZone 3 -Department 'services' -DefaultLocation 1",
                new() { ["RoleId"] = roleId });
            r.AssertNoErrors();
            var m = r.Single<ApiMember>();
            Assert.Equal(roleId, m.SecurityRole.Id);
            Assert.Equal("AppXite.API", m.Name);
            Assert.Equal("Pacific Standard Time", m.TimeZone.Name);
            Assert.Equal(1, m.SecurityLocation.Id);
        }

        [Fact]
        public void New_member_with_WhatIf_reads_but_writes_nothing()
        {
            var t = T(0);
            CreateRole(_f, t, "WhatIf Role");
            using var s = _f.ConnectedSession(t);
            var before = LastSeq(_f, t);
            var r = s.Run("New-CwApiMember -Identifier WhatIfMember -SecurityRole 'WhatIf Role' -WhatIf");
            r.AssertNoErrors();
            Assert.Empty(r.Output);
            Assert.Empty(Writes(Since(_f, t, before)));
            Assert.Null(Member(_f, t, "WhatIfMember"));
        }

        [Fact]
        public void Duplicate_identifier_is_ResourceExists_and_no_second_member()
        {
            var t = T(0);
            CreateRole(_f, t, "Dup Role");
            using var s = _f.ConnectedSession(t);
            s.Run("New-CwApiMember -Identifier DupMember -SecurityRole 'Dup Role'").AssertNoErrors();
            var count = MemberCount(_f, t);
            var before = LastSeq(_f, t);
            var r = s.Run("New-CwApiMember -Identifier dupmember -SecurityRole 'Dup Role'");
            var e = r.SingleError();
            Assert.Equal("CwResourceExists", e.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(ErrorCategory.ResourceExists, e.CategoryInfo.Category);
            Assert.Contains("DupMember", e.Exception.Message);
            Assert.Equal(count, MemberCount(_f, t));
            Assert.Empty(Writes(Since(_f, t, before)));
        }

        [Fact]
        public async Task Server_side_duplicate_maps_to_ResourceExists()
        {
            // The planner's check can race another writer: ConnectWise's own ObjectExists answer is the same error.
            var t = T(0);
            var roleId = CreateRole(_f, t, "Race Role");
            using var s = _f.ConnectedSession(t);
            var connection = s.Run("Get-CwConnection").Single<CwConnection>();
            var planner = new MemberPlanner(connection.Client);
            var plan = await planner.PlanCreateAsync(new MemberSpec { Identifier = "RaceMember", SecurityRole = roleId }, default);
            await planner.CreateAsync(plan, default);
            var count = MemberCount(_f, t);
            var ex = await Assert.ThrowsAsync<CwApiException>(() => planner.CreateAsync(plan, default));
            Assert.Equal(ErrorIds.ResourceExists, ex.ErrorId);
            Assert.Equal(count, MemberCount(_f, t));
        }

        [Fact]
        public void Several_locations_give_CwAmbiguousDefault_listing_the_choices_and_no_write()
        {
            var t = T(1);
            CreateRole(_f, t, "Branch Role");
            using (var op = Operator(_f, t))
            {
                op.AddLocation("Branch Office");
                op.AddDepartment("Projects");
            }
            using var s = _f.ConnectedSession(t);
            var before = LastSeq(_f, t);
            var r = s.Run("New-CwApiMember -Identifier BranchApi -SecurityRole 'Branch Role'");
            var e = r.SingleError();
            Assert.Equal("CwAmbiguousDefault", e.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains("'Main Office' (1)", e.Exception.Message);
            Assert.Contains("'Branch Office'", e.Exception.Message);
            Assert.Contains("'Services' (1)", e.Exception.Message);
            Assert.Contains("'Projects'", e.Exception.Message);
            Assert.Contains("-DefaultLocation", e.Exception.Message);
            Assert.Contains("-Department", e.Exception.Message);
            Assert.Empty(Writes(Since(_f, t, before)));
            Assert.Null(Member(_f, t, "BranchApi"));

            r = s.Run("New-CwApiMember -Identifier BranchApi -SecurityRole 'Branch Role' -DefaultLocation 'Branch Office' -Department Projects");
            r.AssertNoErrors();
            var m = r.Single<ApiMember>();
            Assert.Equal("Branch Office", m.DefaultLocation.Name);
            Assert.Equal("Branch Office", m.SecurityLocation.Name);
            Assert.Equal("Projects", m.DefaultDepartment.Name);
        }

        [Fact]
        public void A_security_location_alone_is_also_the_default_location()
        {
            var t = T(1);
            CreateRole(_f, t, "Annex Role");
            using (var op = Operator(_f, t))
            {
                if (!State(_f, t).Collection("system/locations").All.Any(l => (string)l["name"] == "Annex")) op.AddLocation("Annex");
                if (!State(_f, t).Collection("system/departments").All.Any(l => (string)l["name"] == "Projects")) op.AddDepartment("Projects");
            }
            using var s = _f.ConnectedSession(t);
            var r = s.Run("New-CwApiMember -Identifier AnnexApi -SecurityRole 'Annex Role' -SecurityLocation Annex -Department Services -Verbose");
            r.AssertNoErrors();
            var m = r.Single<ApiMember>();
            Assert.Equal("Annex", m.SecurityLocation.Name);
            Assert.Equal("Annex", m.DefaultLocation.Name);
            Assert.Equal("Services", m.DefaultDepartment.Name);
            Assert.Contains(r.Verbose, v => v.Message.StartsWith("Default location: 'Annex'") && v.Message.Contains("the security location given"));
        }

        [Theory]
        [InlineData("-Identifier '' -SecurityRole Admin", "CwInvalidIdentifier")]
        [InlineData("-Identifier ABCDEFGHIJKLMNOP -SecurityRole Admin", "CwInvalidIdentifier")]
        [InlineData("-Identifier 'bad*id' -SecurityRole Admin", "CwInvalidIdentifier")]
        [InlineData("-Identifier ' Lead' -SecurityRole Admin", "CwInvalidIdentifier")]
        [InlineData("-Identifier 'Trail ' -SecurityRole Admin", "CwInvalidIdentifier")]
        [InlineData("-Identifier Good -Name 'ABCDEFGHIJKLMNOPQRSTUVWXYZ12345' -SecurityRole Admin", "CwInvalidMemberName")]
        [InlineData("-Identifier Good -Name '   ' -SecurityRole Admin", "CwInvalidMemberName")]
        [InlineData("-Identifier Good -SecurityRole Admin -EmailAddress 'not-an-address'", "CwInvalidEmailAddress")]
        [InlineData("-Identifier Good -SecurityRole Admin -TimeZone ''", "CwInvalidArgument")]
        [InlineData("-Identifier Good -SecurityRole Admin -Level @(1,2)", "CwInvalidArgument")]
        public void Local_validation_fails_before_any_request(string args, string errorId)
        {
            var t = T(2);
            using var s = _f.ConnectedSession(t);
            var before = State(_f, t).RequestLog.Count;
            var r = s.Run("New-CwApiMember " + args);
            var e = r.SingleError();
            // A value no parameter of its kind can take is refused while binding (the CwException is inside the binding error).
            Assert.Equal(errorId, ConnectWiseSetup.Tests.Reliability.BadInputTests.ErrorIdOf(e));
            if (!(e.Exception is ParameterBindingException)) Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
            Assert.Equal(before, State(_f, t).RequestLog.Count);
        }

        [Theory]
        [InlineData("-SecurityRole 'No Such Role'", "security role named 'No Such Role'")]
        [InlineData("-SecurityRole Admin -DefaultLocation Atlantis", "'Main Office' (1)")]
        [InlineData("-SecurityRole Admin -TimeZone 'Mars Time'", "'Eastern Standard Time' (1)")]
        [InlineData("-SecurityRole Admin -Level 99", "'Corporate' (1)")]
        public void Unknown_role_or_reference_is_CwNotFound_with_choices_and_no_write(string args, string expected)
        {
            var t = T(2);
            using var s = _f.ConnectedSession(t);
            var before = LastSeq(_f, t);
            var r = s.Run("New-CwApiMember -Identifier RefCheck " + args);
            var e = r.SingleError();
            Assert.Equal("CwNotFound", e.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains(expected, e.Exception.Message);
            Assert.Empty(Writes(Since(_f, t, before)));
            Assert.Null(Member(_f, t, "RefCheck"));
        }

        [Fact]
        public void Get_by_wildcard_role_id_and_inactive()
        {
            var t = T(0);
            var roleA = CreateRole(_f, t, "Get Role A");
            CreateRole(_f, t, "Get Role B");
            using var s = _f.ConnectedSession(t);
            s.Run("New-CwApiMember -Identifier GetOne -SecurityRole 'Get Role A'; New-CwApiMember -Identifier GetTwo -SecurityRole 'Get Role B'; New-CwApiMember -Identifier GetGone -SecurityRole 'Get Role A'").AssertNoErrors();
            s.Run("Disable-CwApiMember GetGone -Confirm:$false").AssertNoErrors();

            var r = s.Run("Get-CwApiMember -Identifier 'Get*'");
            r.AssertNoErrors();
            Assert.Equal(new[] { "GetOne", "GetTwo" }, r.OfType<ApiMember>().Select(m => m.Identifier).OrderBy(x => x).ToArray());

            r = s.Run("Get-CwApiMember -Identifier 'Get*' -IncludeInactive");
            Assert.Equal(new[] { "GetGone", "GetOne", "GetTwo" }, r.OfType<ApiMember>().Select(m => m.Identifier).OrderBy(x => x).ToArray());

            r = s.Run("'GetTwo', 'GetOne' | Get-CwApiMember");
            r.AssertNoErrors();
            Assert.Equal(new[] { "GetTwo", "GetOne" }, r.OfType<ApiMember>().Select(m => m.Identifier).ToArray());

            r = s.Run("Get-CwApiMember GetOne | Get-CwApiMember");
            Assert.Equal("GetOne", r.Single<ApiMember>().Identifier);

            r = s.Run("Get-CwApiMember -Identifier 'Get?ne' -IncludeInactive");
            Assert.Equal(new[] { "GetOne" }, r.OfType<ApiMember>().Select(m => m.Identifier).ToArray());

            r = s.Run("Get-CwApiMember -SecurityRole 'Get Role A' -IncludeInactive");
            Assert.Equal(new[] { "GetGone", "GetOne" }, r.OfType<ApiMember>().Select(m => m.Identifier).OrderBy(x => x).ToArray());
            var last = State(_f, t).RequestLog.Last(e => e.Path.EndsWith("/system/apiMembers"));
            Assert.Contains(Uri.EscapeDataString("securityRole/id = " + roleA), last.Query);
            // The listing asks only for the fields the member object keeps, and every one of them still arrives.
            Assert.Contains("fields=" + Uri.EscapeDataString(string.Join(",", ApiMember.Fields)), last.Query);
            var listed = r.OfType<ApiMember>().Single(m => m.Identifier == "GetOne");
            Assert.Equal("Get Role A", listed.SecurityRole.Name);
            Assert.NotNull(listed.TimeZone?.Name);
            Assert.NotNull(listed.DefaultLocation?.Name);
            Assert.True(listed.Id > 0);

            r = s.Run("Get-CwApiMember -SecurityRole $RoleId", new() { ["RoleId"] = roleA });
            Assert.Equal(new[] { "GetOne" }, r.OfType<ApiMember>().Select(m => m.Identifier).ToArray());

            var id = (int)Member(_f, t, "GetGone")["id"];
            r = s.Run("Get-CwApiMember -Id $Id", new() { ["Id"] = id });
            Assert.True(r.Single<ApiMember>().InactiveFlag);

            r = s.Run("Get-CwApiMember -Identifier GetGone");
            Assert.Empty(r.Output);
            Assert.Equal("CwNotFound", r.SingleError().FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains("-IncludeInactive", r.SingleError().Exception.Message);

            r = s.Run("Get-CwApiMember");
            Assert.Contains(r.OfType<ApiMember>(), m => m.Identifier == t.AdminMemberIdentifier);
            Assert.DoesNotContain(r.OfType<ApiMember>(), m => m.InactiveFlag);
        }

        [Fact]
        public async Task Set_patches_only_the_changed_field_and_nothing_when_already_so()
        {
            var t = T(0);
            CreateRole(_f, t, "Set Role Old");
            var newRole = CreateRole(_f, t, "Set Role New");
            using var s = _f.ConnectedSession(t);
            var created = s.Run("New-CwApiMember -Identifier SetMember -Name 'Set Member' -SecurityRole 'Set Role Old' -EmailAddress set@contoso.example").Single<ApiMember>();
            var storedBefore = Member(_f, t, "SetMember");

            // The planner's PATCH for a role change is one operation on securityRole.
            var connection = s.Run("Get-CwConnection").Single<CwConnection>();
            var plan = await new MemberPlanner(connection.Client).PlanUpdateAsync(created, new MemberSpec { SecurityRole = "Set Role New", Name = "Set Member" }, default);
            var op = Assert.Single(plan.Operations);
            Assert.Equal("replace securityRole", op.ToString());
            Assert.Equal("security role 'Set Role Old' (id " + created.SecurityRole.Id + ") -> 'Set Role New' (id " + newRole + ")", Assert.Single(plan.Changes));

            var before = LastSeq(_f, t);
            var r = s.Run("Get-CwApiMember SetMember | Set-CwApiMember -SecurityRole 'Set Role New' -Name 'Set Member' -PassThru");
            r.AssertNoErrors();
            Assert.Equal(newRole, r.Single<ApiMember>().SecurityRole.Id);
            var writes = Writes(Since(_f, t, before));
            var patch = Assert.Single(writes);
            Assert.Equal("PATCH", patch.Method);
            Assert.EndsWith("/system/apiMembers/" + created.Id, patch.Path);

            var storedAfter = Member(_f, t, "SetMember");
            Assert.Equal(newRole, (int)storedAfter["securityRole"]["id"]);
            foreach (var field in new[] { "name", "emailAddress", "structureLevel", "securityLocation", "defaultLocation", "defaultDepartment", "timeZone", "inactiveFlag" })
                Assert.Equal(storedBefore[field]?.ToString(), storedAfter[field]?.ToString());

            before = LastSeq(_f, t);
            r = s.Run("Set-CwApiMember SetMember -SecurityRole $RoleId -Verbose", new() { ["RoleId"] = newRole });
            r.AssertNoErrors();
            Assert.Empty(Writes(Since(_f, t, before)));
            Assert.Contains(r.Verbose, v => v.Message.Contains("already as asked"));

            before = LastSeq(_f, t);
            r = s.Run("Set-CwApiMember SetMember -SecurityRole 'Set Role Old' -WhatIf");
            r.AssertNoErrors();
            Assert.Empty(Writes(Since(_f, t, before)));
        }

        [Fact]
        public void Disable_sets_inactive_with_confirm_high_and_whatif_writes_nothing()
        {
            var t = T(3);
            CreateRole(_f, t, "Disable Role");
            using var s = _f.ConnectedSession(t);
            s.Run("New-CwApiMember -Identifier DisableMe -SecurityRole 'Disable Role'").AssertNoErrors();

            var before = LastSeq(_f, t);
            s.Run("Disable-CwApiMember DisableMe -WhatIf").AssertNoErrors();
            Assert.Empty(Writes(Since(_f, t, before)));
            Assert.False((bool)Member(_f, t, "DisableMe")["inactiveFlag"]);

            var attr = (CmdletAttribute)Attribute.GetCustomAttribute(typeof(ConnectWiseSetup.Cmdlets.DisableCwApiMemberCommand), typeof(CmdletAttribute));
            Assert.Equal(ConfirmImpact.High, attr.ConfirmImpact);

            var r = s.Run("Get-CwApiMember DisableMe | Disable-CwApiMember -Confirm:$false -PassThru");
            r.AssertNoErrors();
            Assert.True(r.Single<ApiMember>().InactiveFlag);
            Assert.True((bool)Member(_f, t, "DisableMe")["inactiveFlag"]);
            var patch = Assert.Single(Writes(Since(_f, t, before)));
            Assert.Equal("PATCH", patch.Method);

            before = LastSeq(_f, t);
            s.Run("Disable-CwApiMember DisableMe -Confirm:$false").AssertNoErrors();
            Assert.Empty(Writes(Since(_f, t, before)));
        }

        [Fact]
        public void A_piped_member_keeps_its_tenant()
        {
            // The current connection is tenant 0; the member comes from tenant 3 through -Connection and is changed there.
            var home = T(0);
            var away = T(3);
            CreateRole(_f, away, "Away Role");
            var awayNew = CreateRole(_f, away, "Away Role New");
            using var s = _f.ConnectedSession(home);
            var v = _f.ConnectVariables(away);
            var r = s.Run("$away = Connect-CwManage -Server $Server -CompanyId $CompanyId -ClientId $ClientId -Credential $Cred -PassThru", v);
            r.AssertNoErrors();
            s.Run(SimulatorFixture.ConnectScript, _f.ConnectVariables(home)).AssertNoErrors();
            s.Run("New-CwApiMember -Identifier Traveller -SecurityRole 'Away Role' -Connection $away").AssertNoErrors();
            var homeBefore = LastSeq(_f, home);
            r = s.Run("Get-CwApiMember Traveller -Connection $away | Set-CwApiMember -SecurityRole 'Away Role New' -PassThru");
            r.AssertNoErrors();
            Assert.Equal(awayNew, (int)Member(_f, away, "Traveller")["securityRole"]["id"]);
            Assert.Null(Member(_f, home, "Traveller"));
            Assert.Empty(Writes(Since(_f, home, homeBefore)));
            Assert.Equal(away.CompanyId, r.Single<ApiMember>().Connection.CompanyId);
        }

        [Theory]
        [InlineData("MMB API", true)]
        [InlineData("MSPProcess", true)]
        [InlineData("a.b-c_d", true)]
        [InlineData("X", true)]
        [InlineData("ABCDEFGHIJKLMNO", true)]
        [InlineData("ABCDEFGHIJKLMNOP", false)]
        [InlineData("-lead", false)]
        [InlineData("tab\there", false)]
        [InlineData("quote\"d", false)]
        [InlineData("ümlaut", false)]
        public void Member_identifier_rule(string identifier, bool ok)
        {
            if (ok) Assert.Equal(identifier, InputValidator.MemberIdentifier(identifier));
            else Assert.Equal(ErrorIds.InvalidIdentifier, Assert.Throws<CwException>(() => InputValidator.MemberIdentifier(identifier)).ErrorId);
        }

        [Theory]
        [InlineData("MSP*", "MSP*")]
        [InlineData("MSP?roc", "MSP*roc")]
        [InlineData("[MN]SP*", "*SP*")]
        [InlineData("a`*b*", "a*b*")]
        public void Wildcards_widen_to_what_ConnectWise_like_understands(string pattern, string server)
            => Assert.Equal(server, ConnectWiseSetup.Cmdlets.GetCwApiMemberCommand.ServerPattern(pattern));

        [Fact]
        public void The_format_file_loads_and_its_views_select_module_types()
        {
            // Out-String is not in this bare host; the engine's FormatTable parses and checks the views as Import-Module does.
            var path = Path.Combine(TestPaths.ModuleDirectory, "ConnectWiseSetup.Members.format.ps1xml");
            _ = new System.Management.Automation.Runspaces.FormatTable(new[] { path });
            var xml = System.Xml.Linq.XDocument.Load(path);
            var selected = xml.Descendants("TypeName").Select(e => e.Value).ToList();
            Assert.Equal(new[] { typeof(ApiMember).FullName, typeof(CwApiKey).FullName, typeof(CwApiKeyTestResult).FullName }, selected);
            foreach (var view in xml.Descendants("View"))
            {
                var type = typeof(ApiMember).Assembly.GetType(view.Element("ViewSelectedBy").Element("TypeName").Value, throwOnError: true);
                foreach (var p in view.Descendants("PropertyName"))
                    Assert.NotNull(type.GetProperty(p.Value));
                Assert.Equal(view.Descendants("TableColumnHeader").Count(), view.Descendants("TableColumnItem").Count());
            }
            using var s = new PsSession();
            var r = s.Run("(Get-Module ConnectWiseSetup).ExportedFormatFiles");
            r.AssertNoErrors();
            Assert.Contains(r.Output, o => o.ToString().EndsWith("ConnectWiseSetup.Members.format.ps1xml"));
        }

        [Fact]
        public void Member_cmdlets_without_a_connection_say_so()
        {
            using var s = new PsSession();
            var r = s.Run("Get-CwApiMember");
            Assert.Equal("CwNotConnected", r.SingleError().FullyQualifiedErrorId.Split(',')[0]);
        }
    }
}
