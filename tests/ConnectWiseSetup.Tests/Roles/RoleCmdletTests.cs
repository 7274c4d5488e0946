using System.Management.Automation;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;
using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;
using static ConnectWiseSetup.Tests.Roles.RoleTestKit;

namespace ConnectWiseSetup.Tests.Roles
{
    /// <summary>Get/New/Remove-CwSecurityRole and Get-CwSecurityRolePermission against the simulator, in a hosted runspace.</summary>
    public sealed class RoleCmdletTests : IClassFixture<SimulatorFixture>, IDisposable
    {
        readonly SimulatorFixture _f;
        readonly TenantInfo _t;
        readonly PsSession _ps;

        public RoleCmdletTests(SimulatorFixture f)
        {
            _f = f;
            _t = f.Server.Tenants[0];
            _ps = f.ConnectedSession(_t);
        }

        public void Dispose() => _ps.Dispose();

        SecurityRole NewRole(string name, bool admin = false)
        {
            var r = _ps.Run("New-CwSecurityRole -Name $N -Admin:$A", new() { ["N"] = name, ["A"] = admin });
            r.AssertNoErrors();
            return r.Single<SecurityRole>();
        }

        [Fact]
        public void New_creates_the_role_and_it_keeps_its_connection()
        {
            var name = UniqueName("New Role");
            var role = NewRole(name);
            Assert.Equal(name, role.Name);
            Assert.True(role.Id > 0);
            Assert.False(role.AdminFlag);
            Assert.NotNull(role.Connection);
            Assert.Equal(_t.CompanyId, role.Connection.CompanyId);
            var stored = State(_f, _t).GetRecords("system/securityroles").Single(r => (int)r["id"] == role.Id);
            Assert.Equal(name, (string)stored["name"]);
        }

        [Fact]
        public void New_with_a_profile_takes_the_profile_role_name()
        {
            var path = WriteProfile("NewFromProfile", UniqueName("From Profile"), "[ { \"module\": \"System\", \"function\": \"API Reports\", \"inquire\": \"All\" } ]");
            var profile = ProfileCatalog.LoadFile(path);
            var r = _ps.Run("New-CwSecurityRole -Profile $P", new() { ["P"] = path });
            r.AssertNoErrors();
            Assert.Equal(profile.RoleName, r.Single<SecurityRole>().Name);
        }

        [Fact]
        public void Profiles_from_the_pipeline_give_their_role_name_and_names_from_the_pipeline_are_names()
        {
            State(_f, _t).ClearRequestLog();
            var fromProfile = _ps.Run("Get-CwIntegrationProfile MspProcess | New-CwSecurityRole -WhatIf");
            fromProfile.AssertNoErrors();
            var lookup = Assert.Single(ApiRequests(_f, _t));
            Assert.Contains("name = \"" + ProfileCatalog.FindBuiltIn("MspProcess").RoleName + "\"", Uri.UnescapeDataString(lookup.Query));

            var names = new[] { UniqueName("Piped A"), UniqueName("Piped B") };
            var r = _ps.Run("$Names | New-CwSecurityRole", new() { ["Names"] = names });
            r.AssertNoErrors();
            Assert.Equal(names, r.OfType<SecurityRole>().Select(x => x.Name));
        }

        [Fact]
        public void New_admin_role_has_every_right()
        {
            var role = NewRole(UniqueName("Admin Role"), admin: true);
            Assert.True(role.AdminFlag);
            var rows = _ps.Run("Get-CwSecurityRolePermission -Role $R -All", new() { ["R"] = role });
            rows.AssertNoErrors();
            Assert.NotEmpty(rows.Output);
            Assert.All(rows.OfType<SecurityRoleSetting>(), s => Assert.Equal(PermissionLevel.All, s.InquireLevel));
        }

        [Fact]
        public void New_on_an_existing_name_is_ResourceExists_and_ExistingOk_returns_the_existing_role_without_a_write()
        {
            var name = UniqueName("Dup Role");
            var first = NewRole(name);
            State(_f, _t).ClearRequestLog();

            var dup = _ps.Run("New-CwSecurityRole -Name $N", new() { ["N"] = name.ToUpperInvariant() });
            var e = dup.SingleError();
            Assert.Equal(ErrorIds.ResourceExists, e.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(ErrorCategory.ResourceExists, e.CategoryInfo.Category);
            Assert.Contains("-ExistingOk", e.Exception.Message);
            Assert.Empty(dup.Output);

            var again = _ps.Run("New-CwSecurityRole -Name $N -ExistingOk", new() { ["N"] = name });
            again.AssertNoErrors();
            Assert.Equal(first.Id, again.Single<SecurityRole>().Id);
            Assert.DoesNotContain(ApiRequests(_f, _t), IsWrite);
            Assert.Single(State(_f, _t).GetRecords("system/securityroles"), r => string.Equals((string)r["name"], name, StringComparison.OrdinalIgnoreCase));
        }

        [Fact]
        public async Task ExistingOk_takes_a_role_created_by_someone_else_between_the_lookup_and_the_create()
        {
            var name = UniqueName("Race Role");
            using var other = _f.ConnectedSession(_t);
            State(_f, _t).ClearRequestLog();
            using (var op = Operator(_f, _t))
                op.SetFaults(new { methods = new[] { "POST" }, script = new[] { new { latencyMs = 1500 } } });
            try
            {
                var run = _ps.RunAsync("New-CwSecurityRole -Name $N -ExistingOk", new() { ["N"] = name });
                var sw = System.Diagnostics.Stopwatch.StartNew();
                while (!ApiRequests(_f, _t).Any(e => e.Method == "GET" && e.Path.EndsWith("/system/securityroles")) && sw.ElapsedMilliseconds < 5000) await Task.Delay(10);
                await Task.Delay(300); // the module's create is now held by the simulator
                var theirs = other.Run("New-CwSecurityRole -Name $N", new() { ["N"] = name });
                theirs.AssertNoErrors();
                var r = await run;
                r.AssertNoErrors();
                Assert.Equal(theirs.Single<SecurityRole>().Id, r.Single<SecurityRole>().Id);
                Assert.Contains(ApiRequests(_f, _t), e => e.Method == "POST" && e.Status == 400);
            }
            finally
            {
                using var op = Operator(_f, _t);
                op.ClearFaults();
            }
        }

        [Theory]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData("A role name that is much too long")]
        public void Bad_role_names_are_refused_before_any_request(string name)
        {
            State(_f, _t).ClearRequestLog();
            var r = _ps.Run("New-CwSecurityRole -Name $N", new() { ["N"] = name });
            var e = r.SingleError();
            Assert.Equal(ErrorIds.InvalidRoleName, e.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
            Assert.Contains(name.Trim().Length == 0 ? "empty" : "at most 30", e.Exception.Message);
            Assert.Empty(ApiRequests(_f, _t));
        }

        [Fact]
        public void New_with_WhatIf_sends_no_write()
        {
            var name = UniqueName("WhatIf Role");
            State(_f, _t).ClearRequestLog();
            var r = _ps.Run("New-CwSecurityRole -Name $N -WhatIf", new() { ["N"] = name });
            r.AssertNoErrors();
            Assert.Empty(r.Output);
            Assert.DoesNotContain(ApiRequests(_f, _t), IsWrite);
            Assert.DoesNotContain(State(_f, _t).GetRecords("system/securityroles"), x => (string)x["name"] == name);
        }

        [Fact]
        public void Get_by_exact_names_wildcards_and_ids()
        {
            var a = NewRole(UniqueName("Getter Alpha"));
            var b = NewRole(UniqueName("Getter Beta"));
            NewRole(UniqueName("Other"));

            State(_f, _t).ClearRequestLog();
            var wild = _ps.Run("Get-CwSecurityRole -Name 'Getter*'");
            wild.AssertNoErrors();
            Assert.Equal(new[] { a.Id, b.Id }, wild.OfType<SecurityRole>().Select(r => r.Id).OrderBy(i => i));
            Assert.All(wild.OfType<SecurityRole>(), r => Assert.Same(wild.OfType<SecurityRole>().First().Connection, r.Connection));
            var q = Uri.UnescapeDataString(Assert.Single(ApiRequests(_f, _t)).Query);
            Assert.Contains("name like \"Getter%\"", q);

            State(_f, _t).ClearRequestLog();
            var exact = _ps.Run("Get-CwSecurityRole -Name $A, $B", new() { ["A"] = a.Name, ["B"] = b.Name });
            exact.AssertNoErrors();
            Assert.Equal(2, exact.Output.Count);
            q = Uri.UnescapeDataString(Assert.Single(ApiRequests(_f, _t)).Query);
            Assert.Contains("name = \"" + a.Name + "\"", q);

            var byId = _ps.Run("Get-CwSecurityRole -Id $I", new() { ["I"] = b.Id });
            byId.AssertNoErrors();
            Assert.Equal(b.Name, byId.Single<SecurityRole>().Name);

            var all = _ps.Run("Get-CwSecurityRole");
            all.AssertNoErrors();
            Assert.Equal(State(_f, _t).GetRecords("system/securityroles").Count, all.Output.Count);
        }

        [Fact]
        public void Get_of_a_missing_name_is_NotFound()
        {
            var r = _ps.Run("Get-CwSecurityRole -Name 'No Such Role Here'");
            var e = r.SingleError();
            Assert.Equal(ErrorIds.NotFound, e.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains("No Such Role Here", e.Exception.Message);
        }

        [Fact]
        public void Remove_with_WhatIf_sends_no_write_and_Remove_from_the_pipeline_deletes()
        {
            var name = UniqueName("Remove Me");
            var role = NewRole(name);
            State(_f, _t).ClearRequestLog();
            var whatIf = _ps.Run("Get-CwSecurityRole -Name $N | Remove-CwSecurityRole -WhatIf", new() { ["N"] = name });
            whatIf.AssertNoErrors();
            Assert.DoesNotContain(ApiRequests(_f, _t), IsWrite);
            Assert.Contains(State(_f, _t).GetRecords("system/securityroles"), x => (int)x["id"] == role.Id);

            var removed = _ps.Run("Get-CwSecurityRole -Name $N | Remove-CwSecurityRole -Confirm:$false", new() { ["N"] = name });
            removed.AssertNoErrors();
            Assert.DoesNotContain(State(_f, _t).GetRecords("system/securityroles"), x => (int)x["id"] == role.Id);
            var delete = Assert.Single(ApiRequests(_f, _t), IsWrite);
            Assert.Equal("DELETE", delete.Method);
            Assert.EndsWith("/system/securityroles/" + role.Id, delete.Path);
        }

        [Fact]
        public void Remove_of_a_role_in_use_names_the_members_and_what_to_do()
        {
            // The tenant's administrator API member uses the admin role: ConnectWise answers 409.
            var r = _ps.Run("Remove-CwSecurityRole -Role $I -Confirm:$false", new() { ["I"] = _t.AdminRoleId });
            var e = r.SingleError();
            Assert.Equal(ErrorIds.RoleInUse, e.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(ErrorCategory.ResourceBusy, e.CategoryInfo.Category);
            Assert.Contains(_t.AdminMemberIdentifier, e.Exception.Message);
            Assert.Contains("another security role", e.Exception.Message);
            Assert.Equal(409, Assert.IsType<CwApiException>(e.Exception.InnerException).StatusCode);
            Assert.Contains(State(_f, _t).GetRecords("system/securityroles"), x => (int)x["id"] == _t.AdminRoleId);
            Assert.Contains(ApiRequests(_f, _t), x => x.Path.EndsWith("/system/apiMembers") && Uri.UnescapeDataString(x.Query).Contains("securityRole/id = " + _t.AdminRoleId));
        }

        [Fact]
        public void The_API_cannot_update_a_role_405_maps_to_MethodNotAllowed()
        {
            // The module never sends this (the API has no role update); this proves the mapping of ConnectWise's 405.
            var role = NewRole(UniqueName("No Patch"));
            var ex = Assert.ThrowsAny<CwApiException>(() => role.Connection.Client
                .PatchAsync<SecurityRole>("system/securityroles/" + role.Id, new[] { PatchOperation.Replace("name", "X") }).GetAwaiter().GetResult());
            Assert.Equal(405, ex.StatusCode);
            Assert.Equal(ErrorIds.MethodNotAllowed, ex.ErrorId);
            Assert.Equal(ErrorCategory.InvalidOperation, ex.Category);
        }

        [Fact]
        public void Permission_rows_hide_None_unless_All_filter_by_module_and_function_and_take_one_request()
        {
            var role = NewRole(UniqueName("Rows Role"));
            using (var op = Operator(_f, _t))
            {
                op.SetRoleLevel(role.Id, "Companies", "Company Maintenance", "None", "All", "None", "All");
                op.SetRoleLevel(role.Id, "Service Desk", "Service Tickets", "My", "My", "None", "All");
                op.SetRoleLevel(role.Id, "System", "API Reports", "None", "None", "None", "All");
            }
            State(_f, _t).ClearRequestLog();
            var r = _ps.Run("Get-CwSecurityRolePermission -Role $N", new() { ["N"] = role.Name });
            r.AssertNoErrors();
            Assert.Equal(new[] { "Company Maintenance", "Service Tickets", "API Reports" }, r.OfType<SecurityRoleSetting>().Select(s => s.Function));
            var settingsCalls = ApiRequests(_f, _t).Where(x => x.Path.EndsWith("/settings")).ToList();
            Assert.Single(settingsCalls);

            var all = _ps.Run("$R | Get-CwSecurityRolePermission -All", new() { ["R"] = role });
            all.AssertNoErrors();
            Assert.Equal(State(_f, _t).GetRecords("system/securityRoles/" + role.Id + "/settings").Count, all.Output.Count);
            var sorted = all.OfType<SecurityRoleSetting>().Select(s => s.SortOrder).ToList();
            Assert.Equal(sorted.OrderBy(x => x), sorted);

            var filtered = _ps.Run("Get-CwSecurityRolePermission -Role $I -Module 'Service*','System' -Function '*Tickets','API*'", new() { ["I"] = role.Id });
            filtered.AssertNoErrors();
            Assert.Equal(new[] { "Service Tickets", "API Reports" }, filtered.OfType<SecurityRoleSetting>().Select(s => s.Function));
            var tickets = filtered.OfType<SecurityRoleSetting>().First();
            Assert.Equal(PermissionLevel.My, tickets.AddLevel);
            Assert.Equal(PermissionLevel.All, tickets.InquireLevel);
        }
    }
}
