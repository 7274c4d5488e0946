using System.Management.Automation;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;
using ConnectWiseSetup.Setup;
using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;
using static ConnectWiseSetup.Tests.Install.InstallKit;

namespace ConnectWiseSetup.Tests.Install
{
    /// <summary>A simulator of its own: each ownership case changes its tenant (tenant i for case i).</summary>
    public sealed class OwnershipFixture : SimulatorFixture
    {
        protected override SimulatorOptions Options => new() { Port = 0, TenantCount = 10, Seed = 2323 };
    }

    /// <summary>
    /// Issue 23, points 1 and 2: Install-, Uninstall-CwIntegration and Update-CwApiKey change only what the integration owns
    /// (Setup/Ownership.cs says how "ours" is recognised). Each case asserts what came back and counts the writes
    /// (PATCH/POST/PUT/DELETE) in the simulator's request log of the tenant.
    /// </summary>
    public sealed class OwnershipTests : IClassFixture<OwnershipFixture>
    {
        readonly OwnershipFixture _f;
        public OwnershipTests(OwnershipFixture f) { _f = f; }

        TenantInfo T(int i) => _f.Server.Tenants[i];

        static string RoleOf(SimulatorFixture f, TenantInfo t, int memberId)
            => (string)State(f, t).Collection("system/apiMembers").All.Single(m => (int)m["id"] == memberId)["securityRole"]?["name"];

        static ErrorRecord OnlyError(PsResult r) => r.SingleError();

        [Fact]
        public void A_profile_naming_the_connected_admins_Member_ID_writes_nothing_and_says_why()
        {
            // Before issue 23 this run created the vendor's role and a rerun PATCHed the admin into it (its key then got 403).
            var t = T(0);
            using var s = _f.ConnectedSession(t);
            var start = LastSeq(_f, t);
            var r = s.Run("Install-CwIntegration -Profile MspProcess -Identifier $I -NonInteractive", new() { ["I"] = t.AdminMemberIdentifier });
            var e = OnlyError(r);
            Assert.Equal("CwConnectedMemberRefused", Id(e));
            Assert.Contains("whose key runs this session", e.Exception.Message);
            Assert.Contains("-Identifier", e.Exception.Message);
            Assert.Empty(Writes(Since(_f, t, start)));
            Assert.Equal(t.AdminRoleName, RoleOf(_f, t, t.AdminMemberId));

            // Test-CwTenant says the same as a Fail (reads only).
            var check = s.Run("Test-CwTenant -Profile MspProcess -Identifier $I", new() { ["I"] = t.AdminMemberIdentifier });
            var member = check.Output.Select(o => o.BaseObject).OfType<TenantCheckRow>().Single(c => c.Id == TenantCheckIds.MemberIdentifier);
            Assert.Equal(TenantCheckStatus.Fail, member.Status);
            Assert.Contains("whose key runs this session", member.Detail);
            Assert.Empty(Writes(Since(_f, t, start)));
        }

        [Fact]
        public void The_connected_member_is_refused_even_when_named_with_TakeOverMember()
        {
            var t = T(0);
            using var s = _f.ConnectedSession(t);
            var start = LastSeq(_f, t);
            var r = s.Run("Install-CwIntegration -Profile MspProcess -Identifier $I -TakeOverMember $I -NonInteractive", new() { ["I"] = t.AdminMemberIdentifier });
            Assert.Equal("CwConnectedMemberRefused", Id(OnlyError(r)));
            Assert.Empty(Writes(Since(_f, t, start)));
        }

        [Theory]
        [InlineData("Admin", "")]
        [InlineData("admin", "-TakeOverRole admin")]
        public void The_tenants_Admin_role_is_never_the_integrations_role(string roleName, string extra)
        {
            var t = T(1);
            using var s = _f.ConnectedSession(t);
            var start = LastSeq(_f, t);
            var r = s.Run("Install-CwIntegration -Profile MspProcess -RoleName $N -NonInteractive " + extra, new() { ["N"] = roleName });
            var e = OnlyError(r);
            Assert.Equal("CwAdminRoleRefused", Id(e));
            Assert.Contains("administrator", e.Exception.Message);
            Assert.Empty(Writes(Since(_f, t, start)));
        }

        [Fact]
        public void A_zero_width_Admin_is_refused_by_the_names_rule_before_any_request()
        {
            var t = T(1);
            using var s = _f.ConnectedSession(t);
            var before = _f.Server.GlobalRequestLog.Count;
            var r = s.Run("Install-CwIntegration -Profile MspProcess -RoleName \"Adm`u{200B}in\" -NonInteractive");
            Assert.Equal("CwInvalidRoleName", Id(OnlyError(r)));
            Assert.Empty(_f.Server.GlobalRequestLog.Skip(before));
        }

        [Fact]
        public void A_role_others_use_is_a_take_over_unattended_and_TakeOverRole_hands_it_over()
        {
            var t = T(2);
            using var s = _f.ConnectedSession(t);
            s.Run("New-CwApiMember -Identifier OtherApp -SecurityRole Technician | Out-Null").AssertNoErrors();
            var start = LastSeq(_f, t);

            var check = s.Run("Test-CwTenant -Profile MspProcess -RoleName Technician");
            var role = check.Output.Select(o => o.BaseObject).OfType<TenantCheckRow>().Single(c => c.Id == TenantCheckIds.RoleName);
            Assert.Equal(TenantCheckStatus.Fail, role.Status);
            Assert.Contains("OtherApp", role.Detail);
            Assert.Contains("-TakeOverRole", role.Fix);

            var r = s.Run("Install-CwIntegration -Profile MspProcess -RoleName Technician -NonInteractive");
            var e = OnlyError(r);
            Assert.Equal("CwTakeOverRefused", Id(e));
            Assert.Contains("Technician", e.Exception.Message);
            Assert.Empty(Writes(Since(_f, t, start)));

            // Named exactly, it is handed over: the run goes on (and writes).
            var handed = s.Run("Install-CwIntegration -Profile MspProcess -RoleName Technician -TakeOverRole Technician -NonInteractive");
            handed.AssertNoErrors();
            Assert.Equal(InstallStatus.ManualStepRequired, handed.Single<IntegrationInstallResult>().Status);
        }

        [Fact]
        public void A_role_with_rows_above_the_profile_is_a_take_over_even_when_nobody_holds_it()
        {
            var t = T(3);
            using var s = _f.ConnectedSession(t);
            s.Run("New-CwSecurityRole -Name 'Wide Role' | Out-Null").AssertNoErrors();
            using (var op = Operator(_f, t))
                op.SetRoleLevel(State(_f, t).Collection("system/securityroles").All.Single(x => (string)x["name"] == "Wide Role").Value<int>("id"),
                    "Finance", "Invoicing", "All", "All", "All", "All");
            var start = LastSeq(_f, t);
            var r = s.Run("Install-CwIntegration -Profile MspProcess -RoleName 'Wide Role' -NonInteractive");
            var e = OnlyError(r);
            Assert.Equal("CwTakeOverRefused", Id(e));
            Assert.Contains("above the profile's levels", e.Exception.Message);
            Assert.Empty(Writes(Since(_f, t, start)));
        }

        [Fact]
        public void An_existing_member_with_another_role_is_a_take_over_unattended()
        {
            var t = T(4);
            using var s = _f.ConnectedSession(t);
            s.Run("New-CwSecurityRole -Name 'Other Role' | Out-Null; New-CwApiMember -Identifier MSPProcess -SecurityRole 'Other Role' | Out-Null").AssertNoErrors();
            var start = LastSeq(_f, t);
            var r = s.Run("Install-CwIntegration -Profile MspProcess -NonInteractive");
            var e = OnlyError(r);
            Assert.Equal("CwTakeOverRefused", Id(e));
            Assert.Contains("'Other Role'", e.Exception.Message);
            Assert.Contains("-TakeOverMember", e.Exception.Message);
            Assert.Empty(Writes(Since(_f, t, start)));
        }

        [Fact]
        public void At_a_prompt_the_person_is_asked_for_that_exact_take_over_and_a_no_writes_nothing()
        {
            var t = T(5);
            var host = new ScriptedHost();
            using var s = _f.ConnectedSession(t, host);
            s.Run("New-CwSecurityRole -Name 'Other Role' | Out-Null; New-CwApiMember -Identifier MSPProcess -SecurityRole 'Other Role' | Out-Null").AssertNoErrors();
            var start = LastSeq(_f, t);
            string asked = null;
            host.OnPrompt = what => { if (what.StartsWith("PromptForChoice", StringComparison.Ordinal) && what.Contains("Take over")) { asked = what; host.Choices.Enqueue(1); } };
            var r = s.Run("Install-CwIntegration -Profile MspProcess -Confirm:$false");
            Assert.NotNull(asked);
            Assert.Contains("API member 'MSPProcess'", asked);
            Assert.Contains("'Other Role'", asked);
            Assert.Equal("CwTakeOverRefused", Id(OnlyError(r)));
            Assert.Empty(Writes(Since(_f, t, start)));
        }

        [Fact]
        public void A_rerun_after_a_partial_install_resumes_without_being_called_a_take_over()
        {
            var t = T(6);
            using var s = _f.ConnectedSession(t);
            var profile = ProfileCatalog.Resolve("MspProcess");
            // Run 1: the role is created, the permissions are left to a person.
            var r1 = s.Run("Install-CwIntegration -Profile MspProcess -NonInteractive");
            r1.AssertNoErrors();
            var first = r1.Single<IntegrationInstallResult>();
            Assert.Equal(InstallStatus.ManualStepRequired, first.Status);
            using var op = Operator(_f, t);
            // The person sets half the rows.
            var half = first.Checklist.Where(i => i.Kind == ChecklistItemKind.Levels).Take(first.Checklist.Count / 2).ToList();
            SetFromChecklist(op, first.Role.Id, half);
            var r2 = s.Run("Install-CwIntegration -Profile MspProcess -NonInteractive");
            r2.AssertNoErrors();
            var second = r2.Single<IntegrationInstallResult>();
            Assert.Equal(InstallStatus.ManualStepRequired, second.Status);
            Assert.DoesNotContain(second.Checks, c => c.Status == TenantCheckStatus.Fail);
            // Then all of them: the member is created, the key is pending.
            SetFromChecklist(op, first.Role.Id, second.Checklist);
            var r3 = s.Run("Install-CwIntegration -Profile MspProcess -NonInteractive");
            r3.AssertNoErrors();
            var third = r3.Single<IntegrationInstallResult>();
            Assert.Equal(InstallStatus.ManualStepRequired, third.Status);
            Assert.Equal(InstallStepState.Done, third.Steps[2].State);
            // The rerun with the key still pending: our role and member, no take-over, nothing written.
            var start = LastSeq(_f, t);
            var r4 = s.Run("Install-CwIntegration -Profile MspProcess -NonInteractive");
            r4.AssertNoErrors();
            var fourth = r4.Single<IntegrationInstallResult>();
            Assert.Equal(InstallStatus.ManualStepRequired, fourth.Status);
            Assert.DoesNotContain(fourth.Checks, c => c.Status != TenantCheckStatus.Pass && (c.Id == TenantCheckIds.RoleName || c.Id == TenantCheckIds.MemberIdentifier));
            Assert.Empty(Writes(Since(_f, t, start)));
            // And the key, made now, completes it.
            var key = op.CreateApiKey(third.ApiMember.Id, profile.KeyDescription);
            var r5 = InstallWithKey(s, "MspProcess", key, "-NonInteractive");
            r5.AssertNoErrors();
            Assert.Equal(InstallStatus.Complete, r5.Single<IntegrationInstallResult>().Status);
        }

        [Fact]
        public void Uninstall_never_disables_the_connected_member_nor_deletes_the_Admin_role()
        {
            var t = T(7);
            using var s = _f.ConnectedSession(t);
            var start = LastSeq(_f, t);
            var r = s.Run("Uninstall-CwIntegration -Profile MspProcess -Identifier $I -RoleName Admin -Confirm:$false", new() { ["I"] = t.AdminMemberIdentifier });
            r.AssertNoErrors();
            var result = r.Single<IntegrationUninstallResult>();
            Assert.Equal(UninstallStepState.Kept, result.Steps[0].State);
            Assert.Contains("whose key runs this session", result.Steps[0].Detail);
            Assert.Equal(UninstallStepState.Kept, result.Steps[1].State);
            Assert.False(result.MemberDisabled);
            Assert.False(result.RoleDeleted);
            Assert.Empty(Writes(Since(_f, t, start)));
        }

        [Fact]
        public void Uninstall_keeps_a_member_that_holds_another_role_and_a_role_with_rows_above_the_profile()
        {
            var t = T(8);
            using var s = _f.ConnectedSession(t);
            s.Run("New-CwApiMember -Identifier MSPProcess -SecurityRole Technician | Out-Null; New-CwSecurityRole -Name 'MSP Process' | Out-Null").AssertNoErrors();
            using (var op = Operator(_f, t))
                op.SetRoleLevel(State(_f, t).Collection("system/securityroles").All.Single(x => (string)x["name"] == "MSP Process").Value<int>("id"),
                    "Finance", "Invoicing", "All", "All", "All", "All");
            var start = LastSeq(_f, t);
            var r = s.Run("Uninstall-CwIntegration -Profile MspProcess -Confirm:$false");
            r.AssertNoErrors();
            var result = r.Single<IntegrationUninstallResult>();
            Assert.Equal(UninstallStepState.Kept, result.Steps[0].State);
            Assert.Contains("'Technician'", result.Steps[0].Detail);
            Assert.Equal(UninstallStepState.Kept, result.Steps[1].State);
            Assert.Contains("not this integration's", result.Steps[1].Detail);
            Assert.Empty(Writes(Since(_f, t, start)));
        }

        [Fact]
        public void Rotation_refuses_the_connected_member()
        {
            var t = T(9);
            using var s = _f.ConnectedSession(t);
            var start = LastSeq(_f, t);
            var r = s.Run("Update-CwApiKey -ApiMember $I -OldKeyPair $Old -NonInteractive -Confirm:$false",
                new() { ["I"] = t.AdminMemberIdentifier, ["Old"] = SimulatorFixture.Credential("OtherPublicKey01", "OtherPrivate01") });
            var e = OnlyError(r);
            Assert.Equal("CwConnectedMemberRefused", Id(e));
            Assert.Empty(Writes(Since(_f, t, start)));
        }
    }
}
