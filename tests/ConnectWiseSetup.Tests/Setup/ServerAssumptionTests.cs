using ConnectWiseSetup.Permissions;
using ConnectWiseSetup.Setup;
using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;
using Xunit.Abstractions;
using static ConnectWiseSetup.Tests.Install.InstallKit;

namespace ConnectWiseSetup.Tests.Setup
{
    public sealed class ServerAssumptionFixture : SimulatorFixture
    {
        protected override SimulatorOptions Options => new() { Port = 0, TenantCount = 10, Seed = 7070 };
    }

    /// <summary>
    /// Simulator tenants where an assumption of the module does not hold (ServerBehavior): Test-CwTenant says so with a Warn that
    /// names what the module does instead, its report names the form so the simulator can replay it, and the install still
    /// completes, on the safe path where one exists (no rerun shortcut when mySecurity is not the role's grid).
    /// </summary>
    public sealed class ServerAssumptionTests : IClassFixture<ServerAssumptionFixture>
    {
        readonly ServerAssumptionFixture _f;
        readonly ITestOutputHelper _out;
        public ServerAssumptionTests(ServerAssumptionFixture f, ITestOutputHelper output) { _f = f; _out = output; }

        TenantInfo T(int i) => _f.Server.Tenants[i];

        public static TheoryData<string, int, string, string, string> Forms => new()
        {
            // form, tenant, the check, its expected status, the report's serverBehavior value
            { "maxHonouredPageSize=40", 1, "assumption.pageSize1000", "Warn", "40" },
            { "notFoundBody=html", 2, "assumption.notFoundBody", "Warn", "html" },
            { "notFoundBody=empty", 3, "assumption.notFoundBody", "Warn", "empty" },
            { "apiCurrentVersionHeader=false", 4, "assumption.apiCurrentVersion", "Warn", "False" },
            { "forwardOnlyLastPageLink=absent", 5, "assumption.linkHeaders", "Pass", "absent" },
            { "navigableLinkForm=pageFirst", 6, "assumption.linkHeaders", "Pass", "pageFirst" },
        };

        [Theory]
        [MemberData(nameof(Forms))]
        public void A_server_form_is_reported_in_its_check_and_report_and_the_install_completes(string form, int tenant, string checkId, string status, string reported)
        {
            var t = T(tenant);
            var key = form.Split('=')[0];
            var value = form.Split('=')[1];
            using (var op = Operator(_f, t)) op.SetBehavior(new JObject { [key] = int.TryParse(value, out var n) ? n : bool.TryParse(value, out var b) ? b : (JToken)value });
            using var s = _f.ConnectedSession(t);
            var file = Path.Combine(Path.GetTempPath(), "cwsetup-form-" + Guid.NewGuid().ToString("N") + ".json");
            try
            {
                var r = s.Run("Test-CwTenant -All -ReportPath $F", new() { ["F"] = file });
                r.AssertNoErrors();
                var check = r.OfType<TenantCheckRow>().Single(c => c.Id == checkId);
                Assert.Equal(status, check.Status.ToString());
                if (check.Status == TenantCheckStatus.Warn) Assert.StartsWith("None needed", check.Fix);
                _out.WriteLine(form + ": " + check);
                var behavior = (JObject)JObject.Parse(File.ReadAllText(file))["serverBehavior"]!;
                Assert.Equal(reported, behavior[key]!.ToString());
                // Every other form is reported as the simulator's default: the report names what differs and nothing else.
                var defaults = new ServerBehavior().ToJson();
                foreach (var p in behavior.Properties().Where(p => p.Name != key))
                    Assert.True(JToken.DeepEquals(defaults[p.Name], p.Value), p.Name + ": " + p.Value + " vs the default " + defaults[p.Name]);
            }
            finally { File.Delete(file); }

            var (result, _) = Installed(_f, s, t, "AppXite");
            Assert.Equal(InstallStatus.Complete, result.Status);
        }

        /// <summary>Every form ServerBehavior can take that is not the simulator's default, all on one tenant.</summary>
        static JObject EveryOtherForm => new()
        {
            ["badCredentialsStatus"] = 404, ["forwardOnlyLastPageLink"] = "absent", ["navigableLinkForm"] = "pageFirst",
            ["unknownCompanyInfo"] = "notFound", ["maxHonouredPageSize"] = 40, ["notFoundBody"] = "html",
            ["apiCurrentVersionHeader"] = false, ["rateLimitBody"] = "html", ["mySecurityRows"] = "omitNone",
        };

        [Fact]
        public void On_a_server_that_differs_in_every_form_at_once_check_install_rerun_audit_and_uninstall_all_complete()
        {
            var t = T(8);
            using (var op = Operator(_f, t)) op.SetBehavior(EveryOtherForm);
            var defaults = new ServerBehavior().ToJson();
            Assert.All(EveryOtherForm.Properties(), p => Assert.False(JToken.DeepEquals(defaults[p.Name], p.Value), p.Name + " is the default"));
            using var s = _f.ConnectedSession(t);

            var check = s.Run("Test-CwTenant -All -Profile MspProcess");
            check.AssertNoErrors();
            Assert.DoesNotContain(check.OfType<TenantCheckRow>(), c => c.Status == TenantCheckStatus.Fail);

            // The whole unattended story, -Live probe included, then a rerun that changes nothing.
            var (done, key) = Installed(_f, s, t, "MspProcess");
            var before = LastSeq(_f, t);
            var rerun = InstallWithKey(s, "MspProcess", key, "-NonInteractive");
            rerun.AssertNoErrors();
            Assert.Equal(InstallStatus.Complete, rerun.Single<IntegrationInstallResult>().Status);
            Assert.Empty(Writes(Since(_f, t, before)));

            // Enough members that the listing spans pages of 40 (the server honours no more), then the audit of all of them.
            s.Run("1..45 | ForEach-Object { New-CwApiMember -Identifier \"Form$_\" -Name \"Form $_\" -SecurityRole $R } | Out-Null",
                new() { ["R"] = done.Role.Name }).AssertNoErrors();
            var audit = s.Run("Get-CwApiMember | Test-CwIntegrationPermission -Profile MspProcess");
            audit.AssertNoErrors();
            var results = audit.OfType<IntegrationTestResult>().ToList();
            Assert.True(results.Count >= 46, results.Count + " members audited");
            Assert.True(results.Single(r => r.ApiMember == done.ApiMember.Identifier).InDesiredState);
            Assert.Equal(45, results.Count(r => r.ApiMember.StartsWith("Form", StringComparison.Ordinal) && r.InDesiredState));

            var gone = s.Run("Uninstall-CwIntegration -Profile MspProcess -Confirm:$false");
            gone.AssertNoErrors();
            Assert.True(gone.Single<IntegrationUninstallResult>().MemberDisabled);
        }

        [Fact]
        public void Where_mySecurity_is_not_the_roles_grid_the_check_warns_and_the_rerun_reads_the_grid_instead_of_trusting_the_key()
        {
            var t = T(0);
            using (var op = Operator(_f, t))
            {
                op.SetBehavior(new { mySecurityRows = "omitNone" });
                // An administrator's role with a row that grants nothing (most real ones have several): mySecurity leaves it out.
                op.SetRoleLevel(t.AdminRoleId, "Companies", "Contacts", "None", "None", "None", "None");
            }
            using var s = _f.ConnectedSession(t);
            var r = s.Run("Test-CwTenant -All");
            r.AssertNoErrors();
            var grid = r.OfType<TenantCheckRow>().Single(c => c.Id == "assumption.mySecurityIsTheRolesGrid");
            Assert.Equal(TenantCheckStatus.Warn, grid.Status);
            Assert.Contains("1 row(s) with no rights left out", grid.Detail);
            Assert.Contains("reads the role's grid on every run", grid.Fix);

            // The install completes; its rerun with the key reads the role's grid beside the key's rows (5 reads, not the 4 of the shortcut) and says why.
            var (_, key) = Installed(_f, s, t, "CloudBlueResellerMarketplace");
            var before = LastSeq(_f, t);
            var rerun = InstallWithKey(s, "CloudBlueResellerMarketplace", key, "-NonInteractive -Verbose");
            rerun.AssertNoErrors();
            Assert.Equal(InstallStatus.Complete, rerun.Single<IntegrationInstallResult>().Status);
            var sent = Since(_f, t, before);
            Assert.Empty(Writes(sent));
            Assert.Equal(5, sent.Count);
            Assert.Contains(sent, e => e.Path.EndsWith("/settings", StringComparison.Ordinal));
            Assert.Contains(rerun.Verbose, v => v.Message.Contains("not its role's grid"));

            // The same tenant where mySecurity is the grid: the rerun on a connection that checked it is the 4-read shortcut.
            using (var op = Operator(_f, t)) op.ResetBehavior();
            using var fresh = _f.ConnectedSession(t);
            fresh.Run("Test-CwTenant -All | Out-Null").AssertNoErrors();
            before = LastSeq(_f, t);
            InstallWithKey(fresh, "CloudBlueResellerMarketplace", key, "-NonInteractive").AssertNoErrors();
            Assert.Equal(4, Since(_f, t, before).Count);
        }

        [Fact]
        public void A_report_replays_as_a_simulator_whose_checks_come_out_the_same()
        {
            var t = T(7);
            using (var op = Operator(_f, t))
                op.SetBehavior(new { maxHonouredPageSize = 30, notFoundBody = "html", apiCurrentVersionHeader = false, navigableLinkForm = "pageFirst" });
            using var s = _f.ConnectedSession(t);
            var file = Path.Combine(Path.GetTempPath(), "cwsetup-replay-" + Guid.NewGuid().ToString("N") + ".json");
            try
            {
                var first = s.Run("Test-CwTenant -All -ReportPath $F", new() { ["F"] = file });
                first.AssertNoErrors();
                // What the simulator's --fidelity reads: the report itself.
                var behavior = ServerBehavior.FromFileText(File.ReadAllText(file), out var warnings);
                Assert.Empty(warnings);
                var replay = new AdHocSimulator(new SimulatorOptions { Port = 0, TenantCount = 1, Seed = 1, Behavior = behavior });
                replay.InitializeAsync().GetAwaiter().GetResult();
                try
                {
                    using var rs = new PsSession();
                    rs.Run(SimulatorFixture.ConnectScript, replay.ConnectVariables(replay.Server.Tenants[0])).AssertNoErrors();
                    var second = rs.Run("Test-CwTenant -All");
                    second.AssertNoErrors();
                    var a = first.OfType<TenantCheckRow>().Where(c => c.Area == "Assumption").Select(c => c.Id + " " + c.Status + " " + c.Detail);
                    var b = second.OfType<TenantCheckRow>().Where(c => c.Area == "Assumption").Select(c => c.Id + " " + c.Status + " " + c.Detail);
                    Assert.Equal(a, b);
                }
                finally { replay.DisposeAsync().GetAwaiter().GetResult(); }
            }
            finally { File.Delete(file); }
        }
    }
}
