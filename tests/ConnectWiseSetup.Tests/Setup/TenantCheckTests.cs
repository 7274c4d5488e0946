using System.Management.Automation;
using ConnectWiseSetup.Setup;
using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;
using Xunit.Abstractions;
using static ConnectWiseSetup.Tests.Install.InstallKit;

namespace ConnectWiseSetup.Tests.Setup
{
    public sealed class TenantCheckFixture : SimulatorFixture
    {
        protected override SimulatorOptions Options => new() { Port = 0, TenantCount = 10, Seed = 9090 };
    }

    /// <summary>
    /// Test-CwTenant against the simulator: reads only, every check's outcome on a tenant as the module expects it, on tenants where
    /// the administrator's key lacks a right, where the profile meets what only the tenant knows, the report, and how
    /// Install-CwIntegration uses the same checks before its first write.
    /// </summary>
    public sealed class TenantCheckTests : IClassFixture<TenantCheckFixture>
    {
        readonly TenantCheckFixture _f;
        readonly ITestOutputHelper _out;
        public TenantCheckTests(TenantCheckFixture f, ITestOutputHelper output) { _f = f; _out = output; }

        TenantInfo T(int i) => _f.Server.Tenants[i];

        static readonly string[] ConnectionChecks =
        {
            "connection", "rights.securityRoles", "rights.apiMembers", "rights.referenceLists", "rights.deleteRole",
            "assumption.mySecurityIsTheRolesGrid", "assumption.linkHeaders", "assumption.pageSize1000", "assumption.notFoundBody",
            "assumption.apiCurrentVersion", "assumption.unknownCompany",
        };

        static readonly string[] ProfileChecks = { "profile.catalogue", "profile.roleName", "profile.memberIdentifier", "profile.memberDefaults" };

        static TenantCheckRow Check(PsResult r, string id) => r.OfType<TenantCheckRow>().Single(c => c.Id == id);

        [Fact]
        public void A_tenant_as_the_module_expects_passes_every_check_with_reads_only()
        {
            var t = T(0);
            using var s = _f.ConnectedSession(t);
            var before = LastSeq(_f, t);
            var r = s.Run("Test-CwTenant -All");
            r.AssertNoErrors();
            var checks = r.OfType<TenantCheckRow>().ToList();
            Assert.Equal(ConnectionChecks, checks.Select(c => c.Id));
            Assert.All(checks, c => Assert.True(c.Status == TenantCheckStatus.Pass, c.ToString()));
            Assert.Contains("the server's current version is 2025.1", Check(r, "connection").Detail);
            var sent = Since(_f, t, before);
            Assert.Empty(Writes(sent));
            // The key's rows, its member, its role's grid, and three probes on the tenant (the fourth asks for a company that does not exist).
            Assert.Equal(new[] { "GET securityroles", "GET securityroles", "GET securityroles/2147483647", "GET securityRoles/" + t.AdminRoleId + "/settings", "GET apiMembers/" + t.AdminMemberId, "GET mySecurity" }
                .OrderBy(x => x, StringComparer.Ordinal), sent.Select(Endpoint).OrderBy(x => x, StringComparer.Ordinal));
            var summary = r.Information.Select(i => i.MessageData.ToString()).Single(m => m.Contains("checks on"));
            Assert.Contains("11 checks on " + t.CompanyId, summary);
            Assert.Contains("11 Pass, 0 Warn, 0 Fail (7 requests, 3 round trips, reads only)", summary);
            _out.WriteLine(summary);

            // With a profile: the install's own plan read too (role and member lookups, the four lists of a new member's defaults).
            before = LastSeq(_f, t);
            r = s.Run("Test-CwTenant -All -Profile MspProcess");
            r.AssertNoErrors();
            checks = r.OfType<TenantCheckRow>().ToList();
            Assert.Equal(ConnectionChecks.Concat(ProfileChecks), checks.Select(c => c.Id));
            Assert.All(checks, c => Assert.True(c.Status == TenantCheckStatus.Pass, c.ToString()));
            Assert.Contains("Security role 'MSP Process' is free", Check(r, "profile.roleName").Detail);
            // Each title fits the view's Check column (24 characters), so at 80 columns only the detail wraps.
            Assert.All(checks, c => Assert.True(c.Check.Length <= 24, c.Check));
            Assert.Contains("Level: ", Check(r, "profile.memberDefaults").Detail);
            sent = Since(_f, t, before);
            Assert.Empty(Writes(sent));
            Assert.Equal(12, sent.Count);
            _out.WriteLine(r.Information.Select(i => i.MessageData.ToString()).Single(m => m.Contains("checks on")));
        }

        [Fact]
        public void An_admin_key_without_a_right_the_install_needs_fails_its_check_and_the_install_stops_before_any_write()
        {
            var t = T(1);
            using var admin = _f.ConnectedSession(t);
            var key = LimitedAdmin(admin, t, "NoAddMember", memberMaintenance: ("None", "All", "None", "All"));
            using var s = ConnectedAs(t, key);

            var r = s.Run("Test-CwTenant -All");
            r.AssertNoErrors();
            var members = Check(r, "rights.apiMembers");
            Assert.Equal(TenantCheckStatus.Fail, members.Status);
            Assert.Contains("System / Member Maintenance: Add", members.Detail);
            Assert.Contains("System > Security Roles > Limited NoAddMember", members.Fix);
            Assert.Contains("Member Maintenance: Add Level All", members.Fix);
            Assert.Equal(TenantCheckStatus.Pass, Check(r, "rights.securityRoles").Status);
            Assert.Contains("1 Fail", r.Information.Select(i => i.MessageData.ToString()).Single(m => m.Contains("checks on")));

            // The install would create the member: it stops before its first write, with the check's fix.
            var before = LastSeq(_f, t);
            var install = s.Run("Install-CwIntegration -Profile AppXite -NonInteractive");
            var e = install.SingleError();
            Assert.Equal("CwAdminRightsMissing", Id(e));
            Assert.Equal(ErrorCategory.PermissionDenied, e.CategoryInfo.Category);
            Assert.Contains("Member Maintenance: Add Level All", e.Exception.Message);
            Assert.Empty(Writes(Since(_f, t, before)));
            Assert.Equal(0, Count(_f, t, "system/securityroles", "name", ConnectWiseSetup.Permissions.ProfileCatalog.Resolve("AppXite").RoleName));

            // -WhatIf shows the failed check in the plan and what it stops.
            var plan = s.Run("Install-CwIntegration -Profile AppXite -WhatIf").Single<InstallPlan>();
            Assert.Contains(plan.Blocking, c => c.Id == "rights.apiMembers");
            Assert.Contains("Stops the install: Admin: API members: Missing: System / Member Maintenance: Add", plan.Describe());
        }

        [Fact]
        public void A_right_only_uninstall_needs_is_a_warning_and_the_install_goes_on()
        {
            var t = T(2);
            using var admin = _f.ConnectedSession(t);
            var key = LimitedAdmin(admin, t, "NoDelete", security: ("All", "All", "None", "All"));
            using var s = ConnectedAs(t, key);
            var r = s.Run("Test-CwTenant -All");
            var delete = Check(r, "rights.deleteRole");
            Assert.Equal(TenantCheckStatus.Warn, delete.Status);
            Assert.Contains("System / Security: Delete", delete.Detail);
            Assert.DoesNotContain(r.OfType<TenantCheckRow>(), c => c.Status == TenantCheckStatus.Fail);

            var install = s.Run("Install-CwIntegration -Profile AppXite -NonInteractive");
            install.AssertNoErrors();
            Assert.Equal(InstallStatus.ManualStepRequired, install.Single<IntegrationInstallResult>().Status);
            Assert.Equal(1, Count(_f, t, "system/securityroles", "name", ConnectWiseSetup.Permissions.ProfileCatalog.Resolve("AppXite").RoleName));
        }

        [Fact]
        public void With_a_profile_the_checks_say_what_an_install_would_meet_on_this_tenant()
        {
            var t = T(3);
            using var s = _f.ConnectedSession(t);
            using (var op = Operator(_f, t)) op.AddLocation("Branch Office");
            var r = s.Run("Test-CwTenant -All -Profile MspProcess");
            r.AssertNoErrors();
            var defaults = Check(r, "profile.memberDefaults");
            Assert.Equal(TenantCheckStatus.Fail, defaults.Status);
            Assert.Contains("Branch Office", defaults.Detail);
            Assert.Contains("-SecurityLocation", defaults.Fix);
            var location = State(_f, t).Collection("system/locations").All.Select(l => (string)l["name"]).First(n => n != "Branch Office");
            r = s.Run("Test-CwTenant -All -Profile MspProcess -SecurityLocation $L", new() { ["L"] = location });
            Assert.Equal(TenantCheckStatus.Pass, Check(r, "profile.memberDefaults").Status);

            // A role of that name below the profile (a warning: the install raises it), and a member of that identifier with another
            // role: not the integration's, so a Fail that names the take-over and how to hand it over (issue 23).
            s.Run("New-CwSecurityRole -Name 'MSP Process' | Out-Null; New-CwApiMember -Identifier MSPProcess -SecurityRole Technician -SecurityLocation $L | Out-Null", new() { ["L"] = location }).AssertNoErrors();
            r = s.Run("Test-CwTenant -All -Profile MspProcess");
            var role = Check(r, "profile.roleName");
            Assert.Equal(TenantCheckStatus.Warn, role.Status);
            Assert.Contains("row(s) differ from the profile", role.Detail);
            var member = Check(r, "profile.memberIdentifier");
            Assert.Equal(TenantCheckStatus.Fail, member.Status);
            Assert.Contains("role 'Technician', not this integration's role 'MSP Process'", member.Detail);
            Assert.Contains("-TakeOverMember 'MSPProcess'", member.Fix);
            Assert.Equal(TenantCheckStatus.Pass, Check(r, "profile.memberDefaults").Status);

            // A profile row the tenant does not have: the catalogue check fails and names the closest rows.
            var file = Path.Combine(Path.GetTempPath(), "cwsetup-unknown-" + Guid.NewGuid().ToString("N") + ".json");
            File.WriteAllText(file, "{ \"name\": \"Unknown\", \"role\": { \"name\": \"Unknown Row Role\", \"permissions\": [ { \"module\": \"Companies\", \"function\": \"Company Maintenence Extra\", \"inquire\": \"All\" } ] }, \"apiMember\": { \"identifier\": \"UnknownRow\" } }");
            try
            {
                r = s.Run("Test-CwTenant -All -Profile $P", new() { ["P"] = file });
                r.AssertNoErrors();
                var catalogue = Check(r, "profile.catalogue");
                Assert.Equal(TenantCheckStatus.Fail, catalogue.Status);
                Assert.Contains("Closest rows", catalogue.Detail);
            }
            finally { File.Delete(file); }
        }

        [Fact]
        public void The_report_has_what_was_seen_and_nothing_secret_or_personal()
        {
            var t = T(4);
            using var s = _f.ConnectedSession(t);
            var file = Path.Combine(Path.GetTempPath(), "cwsetup-report-" + Guid.NewGuid().ToString("N") + ".json");
            try
            {
                var r = s.Run("Test-CwTenant -All -Profile MspProcess -ReportPath $F", new() { ["F"] = file });
                r.AssertNoErrors();
                var text = File.ReadAllText(file);
                var report = JObject.Parse(text);
                Assert.Equal("ConnectWiseSetup.TenantReport/1", (string)report["schema"]);
                Assert.Equal(15, report["checks"]!.Count());
                Assert.Equal(15, (int)report["counts"]!["pass"]!);
                Assert.Equal("grid", (string)report["serverBehavior"]!["mySecurityRows"]);
                Assert.Equal("json", (string)report["serverBehavior"]!["notFoundBody"]);
                Assert.True((bool)report["serverBehavior"]!["apiCurrentVersionHeader"]!);
                Assert.Contains((string)report["serverBehavior"]!["unknownCompanyInfo"], new[] { "notFound", "nullBody" });
                foreach (var secretOrName in new[] { t.PrivateKey, t.PublicKey, t.CompanyId, t.ClientId, t.AdminMemberIdentifier, "MSP Process", "MSPProcess", "Authorization", "Simulator" })
                    Assert.DoesNotContain(secretOrName, text, StringComparison.OrdinalIgnoreCase);

                // An existing file is not replaced without -Force, and nothing is sent.
                var before = LastSeq(_f, t);
                var again = s.Run("Test-CwTenant -All -ReportPath $F", new() { ["F"] = file });
                Assert.Equal("CwFileExists", Id(again.SingleError()));
                Assert.Empty(Since(_f, t, before));
                s.Run("Test-CwTenant -All -ReportPath $F -Force | Out-Null", new() { ["F"] = file }).AssertNoErrors();
                Assert.Equal(11, JObject.Parse(File.ReadAllText(file))["checks"]!.Count());
            }
            finally { File.Delete(file); }
        }

        [Fact]
        public void The_install_runs_the_checks_once_per_connection_and_shows_them_in_its_WhatIf_plan()
        {
            var t = T(5);
            using var s = _f.ConnectedSession(t);
            var whatIf = s.Run("Install-CwIntegration -Profile MspProcess -WhatIf");
            whatIf.AssertNoErrors();
            var plan = whatIf.Single<InstallPlan>();
            Assert.Equal(ConnectionChecks.Concat(ProfileChecks), plan.Checks.Select(c => c.Id));
            Assert.Empty(plan.Blocking);
            var text = plan.Describe();
            Assert.StartsWith("Install MspProcess on " + t.CompanyId, text);
            Assert.Contains("5 of 5 steps to do", text);
            Assert.Contains("2. Role permissions (guided: you do it in the web UI)", text);

            // The real runs on the same connection do not check again: one 404 probe in all.
            s.Run("Install-CwIntegration -Profile MspProcess -NonInteractive").AssertNoErrors();
            var second = s.Run("Install-CwIntegration -Profile MspProcess -NonInteractive");
            second.AssertNoErrors();
            Assert.Single(State(_f, t).RequestLog, e => e.Path.EndsWith("/securityroles/2147483647", StringComparison.Ordinal));
            // Progress from the start of the read, completed at the end.
            Assert.Contains(second.Progress, p => p.Activity == "Install-CwIntegration MspProcess" && p.StatusDescription.StartsWith("Reading the tenant", StringComparison.Ordinal));
            Assert.Contains(second.Progress, p => p.Activity == "Install-CwIntegration MspProcess" && p.RecordType == ProgressRecordType.Completed);
        }

        // ------------------------------------------------------------------ helpers

        static string Endpoint(RequestLogEntry e) => e.Method + " " + e.Path.Substring(e.Path.IndexOf("/apis/3.0/", StringComparison.Ordinal) + "/apis/3.0/system/".Length);

        /// <summary>
        /// An administrator whose role grants what an install needs except where the arguments say otherwise (levels Add/Edit/Delete/Inquire),
        /// with a key: the key, as the operator made it.
        /// </summary>
        ApiKeyCreated LimitedAdmin(PsSession admin, TenantInfo t, string name,
            (string, string, string, string)? security = null, (string, string, string, string)? memberMaintenance = null)
        {
            var roleName = "Limited " + name;
            var role = admin.Run("New-CwSecurityRole -Name $N", new() { ["N"] = roleName }).Single<ConnectWiseSetup.Model.SecurityRole>();
            var sec = security ?? ("All", "All", "All", "All");
            var mm = memberMaintenance ?? ("All", "All", "None", "All");
            using var op = Operator(_f, t);
            op.SetRoleLevels(role.Id, new object[]
            {
                new { module = "System", function = "Security", addLevel = sec.Item1, editLevel = sec.Item2, deleteLevel = sec.Item3, inquireLevel = sec.Item4 },
                new { module = "System", function = "Member Maintenance", addLevel = mm.Item1, editLevel = mm.Item2, deleteLevel = mm.Item3, inquireLevel = mm.Item4 },
                new { module = "System", function = "Table Setup", addLevel = "None", editLevel = "None", deleteLevel = "None", inquireLevel = "All" },
                new { module = "System", function = "My Company", addLevel = "None", editLevel = "None", deleteLevel = "None", inquireLevel = "All" },
            });
            var member = admin.Run("New-CwApiMember -Identifier $I -SecurityRole $R", new() { ["I"] = name, ["R"] = roleName }).Single<ConnectWiseSetup.Model.ApiMember>();
            return op.CreateApiKey(member.Id, name);
        }

        PsSession ConnectedAs(TenantInfo t, ApiKeyCreated key)
        {
            var s = new PsSession();
            var vars = _f.ConnectVariables(t);
            vars["Cred"] = SimulatorFixture.Credential(key.PublicKey, key.PrivateKey);
            s.Run(SimulatorFixture.ConnectScript, vars).AssertNoErrors();
            return s;
        }
    }
}
