using ConnectWiseSetup.Cmdlets;
using ConnectWiseSetup.Permissions;
using ConnectWiseSetup.Setup;
using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;
using static ConnectWiseSetup.Tests.Install.InstallKit;

namespace ConnectWiseSetup.Tests.Install
{
    /// <summary>Test-CwIntegrationPermission (role, member audit, key, -Live) and Uninstall-CwIntegration against the simulator.</summary>
    public sealed class IntegrationPermissionTests : IClassFixture<InstallFixture>
    {
        readonly InstallFixture _f;
        public IntegrationPermissionTests(InstallFixture f) { _f = f; }

        TenantInfo T(int i) => _f.Server.Tenants[i];

        [Fact]
        public void An_over_privileged_role_shows_Excess_a_missing_row_shows_Missing_and_Quiet_gives_a_bool()
        {
            var t = T(9);
            using var s = _f.ConnectedSession(t);
            var profile = ProfileCatalog.Resolve("MspProcess");
            using var op = Operator(_f, t);
            var roles = s.Run("New-CwSecurityRole -Name 'Admin Like'; New-CwSecurityRole -Name 'Narrow'");
            roles.AssertNoErrors();
            var admin = (ConnectWiseSetup.Model.SecurityRole)roles.Output[0].BaseObject;
            var narrow = (ConnectWiseSetup.Model.SecurityRole)roles.Output[1].BaseObject;
            SetPermissions(_f, t, op, admin.Id, profile);
            // Admin-like: everything on a row the integration does not need, and more than needed on one it does.
            op.SetRoleLevel(admin.Id, "System", "Mass Maintenance", "All", "All", "All", "All");
            SetPermissions(_f, t, op, narrow.Id, profile);
            op.SetRoleLevel(narrow.Id, "Service Desk", "Service Tickets", "None", "None", "None", "None");

            var r = s.Run("Test-CwIntegrationPermission -Profile MspProcess -Role 'Admin Like'; Test-CwIntegrationPermission -Profile MspProcess -Role 'Narrow'; " +
                          "Test-CwIntegrationPermission -Profile MspProcess -Role 'Admin Like' -Quiet; Test-CwIntegrationPermission -Profile MspProcess -Role 'Narrow' -Quiet");
            r.AssertNoErrors();
            var over = (IntegrationTestResult)r.Output[0].BaseObject;
            Assert.False(over.InDesiredState);
            Assert.Contains(over.Excess, x => x.Function == "Mass Maintenance");
            Assert.Empty(over.Missing);
            Assert.Equal(IntegrationSubjectKind.Role, over.SubjectKind);
            Assert.Equal(profile.Customize.Count, over.Unverified.Count); // a role's Customize lists cannot be read: each one is Unverified
            var missing = (IntegrationTestResult)r.Output[1].BaseObject;
            Assert.Contains(missing.Missing, x => x.Function == "Service Tickets");
            Assert.Empty(missing.Excess);
            Assert.Equal(false, r.Output[2].BaseObject);
            Assert.Equal(false, r.Output[3].BaseObject);

            // Put the narrow role right: now $true.
            SetPermissions(_f, t, op, narrow.Id, profile);
            var ok = s.Run("Test-CwIntegrationPermission -Profile MspProcess -Role 'Narrow' -Quiet");
            ok.AssertNoErrors();
            Assert.Equal(true, ok.Output.Single().BaseObject);
        }

        [Fact]
        public void A_live_probe_with_the_key_catches_a_403_after_a_row_is_removed()
        {
            var t = T(10);
            using var s = _f.ConnectedSession(t);
            var (result, _) = Installed(_f, s, t, "MspProcess");
            var good = s.Run("Test-CwIntegrationPermission -Profile MspProcess -ApiKey $K -Live -ThrottleLimit 4", new() { ["K"] = result.ApiKey });
            good.AssertNoErrors();
            var before = good.Single<IntegrationTestResult>();
            Assert.True(before.InDesiredState, before.Summary);
            Assert.Equal(IntegrationSubjectKind.ApiKey, before.SubjectKind);
            Assert.Empty(before.Unverified);
            Assert.Contains(before.Endpoints, e => e.Method == "GET" && e.Path == "/service/tickets" && e.Outcome == ProbeOutcome.OK);
            Assert.Contains(good.Progress, p => p.Activity.Contains("Probing"));

            using var op = Operator(_f, t);
            op.SetRoleLevel(result.Role.Id, "Service Desk", "Service Tickets", "None", "None", "None", "None");
            var seq = LastSeq(_f, t);
            var bad = s.Run("Test-CwIntegrationPermission -Profile MspProcess -Credential $C -Live", new() { ["C"] = result.ApiKey.Credential });
            bad.AssertNoErrors();
            var after = bad.Single<IntegrationTestResult>();
            Assert.False(after.InDesiredState);
            var tickets = after.Endpoints.Single(e => e.Method == "GET" && e.Path == "/service/tickets");
            Assert.Equal(ProbeOutcome.Forbidden, tickets.Outcome);
            Assert.Contains(after.Missing, x => x.Function == "Service Tickets");
            // GET only: the write endpoints were checked against the effective row, not called.
            Assert.Empty(Writes(Since(_f, t, seq)));
            Assert.Contains(after.Endpoints, e => e.Method == "POST" && e.Outcome == ProbeOutcome.RowLacks && e.Message.Contains("Not called"));
        }

        [Fact]
        public void An_audit_of_50_members_over_5_roles_reads_each_role_once()
        {
            var t = T(11);
            using var s = _f.ConnectedSession(t);
            var setup = s.Run("0..4 | ForEach-Object { New-CwSecurityRole -Name ('Audit Role ' + $_) } | Out-Null; " +
                              "1..50 | ForEach-Object { New-CwApiMember -Identifier ('Aud' + $_) -SecurityRole ('Audit Role ' + ($_ % 5)) } | Out-Null");
            setup.AssertNoErrors();
            var seq = LastSeq(_f, t);
            var r = s.Run("Get-CwApiMember -Identifier 'Aud*' | Test-CwIntegrationPermission -Profile MspProcess");
            r.AssertNoErrors();
            var results = r.OfType<IntegrationTestResult>().ToList();
            Assert.Equal(50, results.Count);
            Assert.All(results, x => Assert.Equal(IntegrationSubjectKind.ApiMember, x.SubjectKind));
            Assert.All(results, x => Assert.False(x.InDesiredState));
            var settingsReads = Since(_f, t, seq).Where(e => e.Path.EndsWith("/settings", StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.Equal(5, settingsReads.Select(e => e.Path).Distinct().Count());
            Assert.Equal(5, settingsReads.Count);
        }

        [Fact]
        public void An_audit_keeps_at_most_ThrottleLimit_role_reads_in_flight_and_keeps_them_all_busy()
        {
            var t = T(15);
            using var s = _f.ConnectedSession(t);
            s.Run("0..5 | ForEach-Object { New-CwSecurityRole -Name ('Gate Role ' + $_) | Out-Null; New-CwApiMember -Identifier ('Gate' + $_) -SecurityRole ('Gate Role ' + $_) | Out-Null }").AssertNoErrors();
            State(_f, t).SetFaults(new FaultSettings { LatencyMs = 150, Methods = new() { "GET" }, PathPrefix = "/system/securityRoles" });
            try
            {
                var seq = LastSeq(_f, t);
                var r = s.Run("Get-CwApiMember -Identifier 'Gate*' | Test-CwIntegrationPermission -Profile MspProcess -ThrottleLimit 2");
                r.AssertNoErrors();
                Assert.Equal(6, r.OfType<IntegrationTestResult>().Count());
                var reads = Since(_f, t, seq).Where(e => e.Path.EndsWith("/settings", StringComparison.OrdinalIgnoreCase)).ToList();
                Assert.Equal(6, reads.Count);
                // In flight together: started before the other ended (with 2 ms for the log's whole milliseconds).
                int Together(RequestLogEntry a) => reads.Count(b => b.Time <= a.Time && a.Time < b.Time.AddMilliseconds(b.DurationMs - 2));
                Assert.Equal(2, reads.Max(Together));
            }
            finally { State(_f, t).ClearFaults(); }
        }

        [Fact]
        public void An_audit_reads_a_piped_members_role_while_the_pipeline_still_brings_members_and_writes_that_reads_verbose_lines()
        {
            var t = T(17);
            using var s = _f.ConnectedSession(t);
            s.Run("'A', 'B' | ForEach-Object { New-CwSecurityRole -Name ('Ahead Role ' + $_) | Out-Null; New-CwApiMember -Identifier ('Ahead' + $_) -SecurityRole ('Ahead Role ' + $_) | Out-Null }").AssertNoErrors();
            var seq = LastSeq(_f, t);
            Func<bool> roleRead = () => Since(_f, t, seq).Any(e => e.Path.EndsWith("/settings", StringComparison.OrdinalIgnoreCase));
            // After handing the first member on, the pipeline waits (up to 5 s) until a role's settings have been read: only a
            // read started by that first member can end the wait; reads started at the end of input come too late.
            var r = s.Run("$first = $true; " +
                          "Get-CwApiMember -Identifier 'Ahead*' | ForEach-Object { $_; if ($first) { $first = $false; $n = 0; " +
                          "  while (-not $Seen.Invoke() -and $n -lt 250) { [System.Threading.Thread]::Sleep(20); $n++ }; $global:ReadWhileStreaming = $Seen.Invoke() } } | " +
                          "Test-CwIntegrationPermission -Profile MspProcess -Verbose; $global:ReadWhileStreaming",
                          new() { ["Seen"] = roleRead });
            r.AssertNoErrors();
            Assert.Equal(true, r.Output.Last().BaseObject);
            Assert.Equal(new[] { "AheadA", "AheadB" }, r.OfType<IntegrationTestResult>().Select(x => x.ApiMember));
            Assert.Equal(2, Since(_f, t, seq).Count(e => e.Path.EndsWith("/settings", StringComparison.OrdinalIgnoreCase)));
            // The read-ahead's request lines reach the verbose stream like any other.
            Assert.Equal(2, r.Verbose.Count(v => v.Message.StartsWith("GET", StringComparison.Ordinal) && v.Message.Contains("/settings")));
        }

        [Fact]
        public void Uninstall_deletes_an_unused_role_and_disables_the_member_and_keeps_a_role_in_use()
        {
            // A run that stopped at the permission step: the role exists, no member uses it: deleted.
            var t = T(12);
            using var s = _f.ConnectedSession(t);
            var first = s.Run("Install-CwIntegration -Profile AppXite -NonInteractive");
            first.AssertNoErrors();
            var roleName = first.Single<IntegrationInstallResult>().Role.Name;
            var whatIf = s.Run("Uninstall-CwIntegration -Profile AppXite -WhatIf");
            whatIf.AssertNoErrors();
            Assert.Equal(1, Count(_f, t, "system/securityroles", "name", roleName));
            var r = s.Run("Uninstall-CwIntegration -Profile AppXite -Confirm:$false");
            r.AssertNoErrors();
            var u = r.Single<IntegrationUninstallResult>();
            Assert.True(u.RoleDeleted, string.Join(" ", u.Actions));
            Assert.Equal(0, Count(_f, t, "system/securityroles", "name", roleName));

            // A complete install with another member on the role: the integration's member is disabled, the role kept, and the result says who uses it.
            var t2 = T(13);
            using var s2 = _f.ConnectedSession(t2);
            var (second, _, _, _) = InstallUnattended(_f, s2, t2, "AppXite");
            Assert.Equal(InstallStatus.Complete, second.Status);
            s2.Run("New-CwApiMember -Identifier 'OtherUser' -SecurityRole $R | Out-Null", new() { ["R"] = second.Role.Name }).AssertNoErrors();
            var kept = s2.Run("Uninstall-CwIntegration -Profile AppXite -Confirm:$false");
            kept.AssertNoErrors();
            var k = kept.Single<IntegrationUninstallResult>();
            Assert.True(k.MemberDisabled);
            Assert.True(Member(t2, second.ApiMember.Identifier).Value<bool>("inactiveFlag"));
            Assert.False(k.RoleDeleted);
            Assert.Contains(k.Actions, a => a.Contains("Kept security role") && a.Contains("OtherUser"));
            Assert.Contains("API Keys tab", k.ManualSteps);
            Assert.Equal(1, Count(_f, t2, "system/securityroles", "name", second.Role.Name));
        }

        [Fact]
        public void Uninstall_after_a_full_install_keeps_the_role_its_retired_member_holds_without_asking_and_plan_prompt_and_result_agree()
        {
            var t = T(14);
            var host = new ScriptedHost();
            using var s = _f.ConnectedSession(t, host);
            var (done, _, _, _) = InstallUnattended(_f, s, t, "AppXite");
            Assert.Equal(InstallStatus.Complete, done.Status);

            // The plan: the member is disabled; the role is kept (our own member holds it and keeps it when retired); the keys are manual.
            var before = LastSeq(_f, t);
            var whatIf = s.Run("Uninstall-CwIntegration -Profile AppXite -WhatIf");
            whatIf.AssertNoErrors();
            var plan = whatIf.Single<IntegrationUninstallResult>();
            Assert.Equal(new[] { UninstallStepState.ToDo, UninstallStepState.Kept, UninstallStepState.Manual }, plan.Steps.Select(x => x.State));
            Assert.Contains("holds it", plan.Steps[1].Detail);
            Assert.Empty(Writes(Since(_f, t, before)));
            Assert.Contains("What if: Disable API member 'AppXite' (id " + done.ApiMember.Id + ")", whatIf.HostText);

            // The real run asks once (the member), disables it, keeps the role and says what a person can do; it does not try the delete.
            host.Choices.Enqueue(0); // Yes
            var r = s.Run("Uninstall-CwIntegration -Profile AppXite");
            r.AssertNoErrors();
            var u = r.Single<IntegrationUninstallResult>();
            Assert.Single(host.PromptsShown, p => p.StartsWith("PromptForChoice", StringComparison.Ordinal));
            Assert.Equal(new[] { UninstallStepState.Changed, UninstallStepState.Kept, UninstallStepState.Manual }, u.Steps.Select(x => x.State));
            Assert.True(u.MemberDisabled);
            Assert.False(u.RoleDeleted);
            Assert.Equal(plan.Steps[1].Detail, u.Steps[1].Detail);
            Assert.Contains("API Keys tab", u.ManualSteps);
            Assert.Contains("run Uninstall-CwIntegration again", u.ManualSteps);
            Assert.DoesNotContain(Since(_f, t, before), e => e.Method == "DELETE");
            Assert.DoesNotContain("or retire them", string.Join(" ", u.Actions));

            // A rerun: the same state, nothing asked, nothing written.
            var prompts = host.PromptsShown.Count;
            before = LastSeq(_f, t);
            var again = s.Run("Uninstall-CwIntegration -Profile AppXite");
            again.AssertNoErrors();
            Assert.Equal(prompts, host.PromptsShown.Count);
            Assert.Equal(new[] { UninstallStepState.Done, UninstallStepState.Kept, UninstallStepState.Manual }, again.Single<IntegrationUninstallResult>().Steps.Select(x => x.State));
            Assert.Empty(Writes(Since(_f, t, before)));
        }

        Newtonsoft.Json.Linq.JObject Member(TenantInfo t, string identifier)
            => State(_f, t).Collection("system/apiMembers").All.Single(m => string.Equals((string)m["identifier"], identifier, StringComparison.OrdinalIgnoreCase));
    }
}
