using System.Management.Automation;
using System.Net;
using System.Security;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;
using ConnectWiseSetup.Setup;
using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;
using static ConnectWiseSetup.Tests.Install.InstallKit;

namespace ConnectWiseSetup.Tests.Install
{
    /// <summary>
    /// Install-CwIntegration end to end for every built-in profile, with the simulator's operator channel playing the
    /// administrator in the web UI: unattended (ManualStepRequired, the operator acts, the next run resumes) and at a
    /// prompt (the role watched while the operator sets it, the key typed at the credential prompt).
    /// </summary>
    public sealed class InstallTests : IClassFixture<InstallFixture>
    {
        readonly InstallFixture _f;
        readonly ITestOutputHelper _out;
        public InstallTests(InstallFixture f, ITestOutputHelper output) { _f = f; _out = output; }

        TenantInfo T(int i) => _f.Server.Tenants[i];

        static string Plain(SecureString s) => new NetworkCredential("", s).Password;

        /// <summary>
        /// A rerun with the key on a tenant that is set up: the role lookup and the member lookup (the administrator's), the key's
        /// /system/mySecurity (its sign-in, its member, its effective rows) and its Customize items. Nothing else.
        /// </summary>
        static readonly string[] RerunRequests = { "GET system/apiMembers", "GET system/mySecurity", "GET system/mySecurity/customizeItems", "GET system/securityroles" };

        static string Endpoint(RequestLogEntry e) => e.Method + " " + e.Path.Substring(e.Path.IndexOf("/apis/3.0/", StringComparison.Ordinal) + "/apis/3.0/".Length);

        /// <summary>Every built-in profile, each on its own tenant: the five seed profiles on tenants 0-4, the others from <see cref="InstallFixture.FirstProfileTenant"/> on.</summary>
        public static IEnumerable<object[]> EveryProfile()
        {
            var seeds = new[] { "MassMaintenanceBooster", "MspProcess", "CloudBlueResellerMarketplace", "AppXite", "MindmatrixAmp" };
            for (var i = 0; i < seeds.Length; i++) yield return new object[] { seeds[i], i };
            var next = InstallFixture.FirstProfileTenant;
            foreach (var name in ProfileCatalog.BuiltInNames.Except(seeds).OrderBy(n => n, StringComparer.Ordinal)) yield return new object[] { name, next++ };
        }

        [Theory]
        [MemberData(nameof(EveryProfile))]
        public void Each_profile_installs_unattended_resumes_after_the_operator_and_a_rerun_writes_nothing(string profileName, int tenant)
        {
            var t = T(tenant);
            var profile = ProfileCatalog.Resolve(profileName);
            using var s = _f.ConnectedSession(t);
            var (result, key, requests, writes) = InstallUnattended(_f, s, t, profileName);

            Assert.Equal(InstallStatus.Complete, result.Status);
            Assert.All(result.Steps, step => Assert.Equal(InstallStepState.Done, step.State));
            Assert.True(result.Verification.InDesiredState, result.Verification.Summary);
            Assert.Empty(result.Verification.Unverified);
            // -Live: every endpoint of the profile was probed as the integration, and every required one answered.
            Assert.Equal(profile.Endpoints.Count, result.Verification.Endpoints.Count);
            Assert.All(result.Verification.Endpoints, e => Assert.True(e.Passed, e + " " + e.Message));
            Assert.Equal(key.PublicKey, result.ApiKey.PublicKey);
            Assert.Equal(key.PrivateKey, Plain(result.ApiKey.PrivateKey));
            Assert.Equal(profile.MemberIdentifier, result.ApiKey.Member.Identifier);
            // The vendor's values: the private key only as a SecureString.
            foreach (var v in result.VendorValues)
            {
                Assert.NotNull(v.Value);
                if (v.Secret) Assert.IsType<SecureString>(v.Value);
            }
            Assert.Contains(result.VendorValues, v => v.Value is string sv && sv == t.CompanyId);
            // Nothing created twice over three runs.
            Assert.Equal(1, Count(_f, t, "system/securityroles", "name", profile.RoleName));
            Assert.Equal(1, Count(_f, t, "system/apiMembers", "identifier", profile.MemberIdentifier));
            _out.WriteLine(profileName + ": fresh install (3 runs, -Live on the last) " + requests + " requests, " + writes + " writes");

            // The rerun on a tenant that is set up.
            var before = LastSeq(_f, t);
            var r = InstallWithKey(s, profileName, key, "-NonInteractive");
            r.AssertNoErrors();
            Assert.Equal(InstallStatus.Complete, r.Single<IntegrationInstallResult>().Status);
            var rerun = Since(_f, t, before);
            Assert.Empty(Writes(rerun));
            Assert.Equal(RerunRequests, rerun.Select(Endpoint).OrderBy(x => x, StringComparer.Ordinal));
            _out.WriteLine(profileName + ": rerun " + rerun.Count + " requests: " + string.Join(", ", rerun.Select(e => e.Method + " " + e.Path)));
        }

        [Fact]
        public void WhatIf_prints_the_plan_and_sends_no_write()
        {
            var t = T(5);
            using var s = _f.ConnectedSession(t);
            var before = LastSeq(_f, t);
            var r = s.Run("Install-CwIntegration -Profile MspProcess -WhatIf");
            r.AssertNoErrors();
            var plan = r.Single<InstallPlan>();
            Assert.Equal(5, plan.Steps.Count);
            Assert.All(plan.Steps, step => Assert.Equal(InstallStepState.ToDo, step.State));
            Assert.Contains("Create security role 'MSP Process'", plan.Steps[0].Detail);
            Assert.Contains("Level", plan.Steps[2].Detail);
            Assert.Equal(InstallStepKind.Guided, plan.Steps[1].Kind);
            Assert.Empty(Writes(Since(_f, t, before)));
            Assert.Equal(0, Count(_f, t, "system/securityroles", "name", "MSP Process"));
        }

        [Fact]
        public async Task At_a_prompt_the_install_watches_the_role_and_asks_for_the_key_and_no_private_key_leaks()
        {
            var t = T(6);
            var profile = ProfileCatalog.Resolve("AppXite");
            var host = new ScriptedHost();
            using var s = _f.ConnectedSession(t, host);
            using var op = Operator(_f, t);
            ApiKeyCreated created = null;
            host.OnPrompt = what =>
            {
                if (!what.StartsWith("PromptForCredential")) return;
                var member = State(_f, t).Collection("system/apiMembers").All.Single(m => (string)m["identifier"] == profile.MemberIdentifier);
                created = op.CreateApiKey((int)member["id"], profile.KeyDescription);
                host.Credentials.Enqueue(SimulatorFixture.Credential(created.PublicKey, created.PrivateKey));
            };
            // The administrator, reading the checklist, sets the role in the web UI while the install watches it.
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            var admin = Task.Run(async () =>
            {
                while (!cts.IsCancellationRequested)
                {
                    var role = State(_f, t).Collection("system/securityroles").All.FirstOrDefault(x => (string)x["name"] == profile.RoleName);
                    if (role != null) { await Task.Delay(100); SetPermissions(_f, t, op, (int)role["id"], profile); return; }
                    await Task.Delay(20);
                }
            });
            var r = await s.RunAsync("Install-CwIntegration -Profile AppXite -PollInterval 00:00:00.05 -Live -Verbose");
            await admin;
            r.AssertNoErrors();
            var result = r.Single<IntegrationInstallResult>();
            Assert.Equal(InstallStatus.Complete, result.Status);
            Assert.True(result.Verification.InDesiredState, result.Verification.Summary);
            Assert.NotNull(created);
            Assert.Contains("System > Security Roles > " + profile.RoleName, r.AllText() + r.HostText);
            Assert.Contains(host.PromptsShown, p => p.StartsWith("PromptForCredential"));
            // The private key: in no stream, no host text, no request log.
            Assert.DoesNotContain(created.PrivateKey, r.AllText());
            Assert.DoesNotContain(created.PrivateKey, r.HostText);
            Assert.DoesNotContain(created.PrivateKey, host.Text);
            var log = string.Join("\n", _f.Server.GlobalRequestLog.Select(e => e.Method + " " + e.Path + e.Query + " " + e.Member));
            Assert.DoesNotContain(created.PrivateKey, log);
        }

        [Fact]
        public void An_existing_member_with_another_role_handed_over_is_given_the_role_and_reactivated_not_created_again()
        {
            var t = T(7);
            using var s = _f.ConnectedSession(t);
            var profile = ProfileCatalog.Resolve("MindmatrixAmp");
            var r0 = s.Run("New-CwSecurityRole -Name 'Other Role' | Out-Null; New-CwApiMember -Identifier $I -SecurityRole 'Other Role' | Disable-CwApiMember -Confirm:$false",
                new() { ["I"] = profile.MemberIdentifier });
            r0.AssertNoErrors();
            // The member is not the integration's (another role): it is changed only when handed over by name (issue 23).
            var r1 = s.Run("Install-CwIntegration -Profile MindmatrixAmp -NonInteractive -TakeOverMember $I", new() { ["I"] = profile.MemberIdentifier });
            r1.AssertNoErrors();
            using var op = Operator(_f, t);
            SetFromChecklist(op, r1.Single<IntegrationInstallResult>().Role.Id, r1.Single<IntegrationInstallResult>().Checklist);
            var r2 = s.Run("Install-CwIntegration -Profile MindmatrixAmp -NonInteractive -TakeOverMember $I", new() { ["I"] = profile.MemberIdentifier });
            r2.AssertNoErrors();
            var result = r2.Single<IntegrationInstallResult>();
            Assert.Contains("re-activated", result.Steps[2].Detail);
            Assert.Contains("'Other Role' changes to", result.Steps[2].Detail);
            Assert.False(result.ApiMember.InactiveFlag);
            Assert.Equal(profile.RoleName, result.ApiMember.SecurityRole.Name);
            Assert.Equal(1, Count(_f, t, "system/apiMembers", "identifier", profile.MemberIdentifier));
        }

        [Fact]
        public void A_key_of_another_member_fails_with_an_error_that_stops_a_script()
        {
            var t = T(8);
            using var s = _f.ConnectedSession(t);
            var r = s.Run("try { Install-CwIntegration -Profile MspProcess -NonInteractive -KeyPair $Cred -ErrorAction Stop; 'not stopped' } catch { 'stopped: ' + $_.FullyQualifiedErrorId }",
                _f.ConnectVariables(t));
            // The role's permissions are not set yet: the run stops at the guided step before the key, as a result.
            Assert.Equal(InstallStatus.ManualStepRequired, r.OfType<IntegrationInstallResult>().Single().Status);
            using var op = Operator(_f, t);
            SetFromChecklist(op, r.OfType<IntegrationInstallResult>().Single().Role.Id, r.OfType<IntegrationInstallResult>().Single().Checklist);
            // The administrator's own key is not the integration's: a failure, which -ErrorAction Stop turns into a stop.
            var r2 = s.Run("try { $x = Install-CwIntegration -Profile MspProcess -NonInteractive -KeyPair $Cred -ErrorAction Stop; 'not stopped' } catch { 'stopped: ' + $_.FullyQualifiedErrorId }",
                _f.ConnectVariables(t));
            Assert.Contains(r2.Output, o => o.BaseObject is string text && text.StartsWith("stopped: CwKeyBelongsToAnotherMember"));
        }

        [Fact]
        public void With_a_vault_the_key_is_stored_once_and_an_unattended_rerun_reads_it_back()
        {
            var t = T(9);
            using var s = _f.ConnectedSession(t);
            // SecretManagement is not in the hosted runspace: a stand-in module of that name (the module calls its cmdlets module-qualified).
            s.Run(FakeSecretManagement.Script).AssertNoErrors();
            var (first, key, _, _) = InstallUnattended(_f, s, t, "CloudBlueResellerMarketplace", "-Vault TestVault");
            Assert.Equal(InstallStatus.Complete, first.Status);
            var stored = s.Run("$global:CwTestVault.Keys; $global:CwTestVault.Values | ForEach-Object { $_.Secret.UserName }");
            Assert.Equal("ConnectWise-" + t.CompanyId + "-" + first.ApiMember.Identifier, stored.Output[0].BaseObject);
            Assert.Equal(key.PublicKey, stored.Output[1].BaseObject);

            var before = LastSeq(_f, t);
            var r = s.Run("Install-CwIntegration -Profile CloudBlueResellerMarketplace -NonInteractive -Vault TestVault");
            r.AssertNoErrors();
            var again = r.Single<IntegrationInstallResult>();
            Assert.Equal(InstallStatus.Complete, again.Status);
            Assert.Equal(key.PublicKey, again.ApiKey.PublicKey);
            Assert.Empty(Writes(Since(_f, t, before)));

            // A locked vault is an error, not "no key": guiding a second key for a member that has one would be wrong.
            s.Run("$global:CwTestVaultLocked = $true").AssertNoErrors();
            var locked = s.Run("Install-CwIntegration -Profile CloudBlueResellerMarketplace -NonInteractive -Vault TestVault");
            Assert.Equal("CwSecretReadFailed", Id(locked.SingleError()));
            Assert.Empty(locked.OfType<IntegrationInstallResult>());
        }

        [Fact]
        public void A_rerun_with_the_key_whose_role_has_drifted_reads_the_role_and_stops_at_the_permission_step()
        {
            var t = T(14);
            using var s = _f.ConnectedSession(t);
            var profile = ProfileCatalog.Resolve("MindmatrixAmp");
            var (done, key) = Installed(_f, s, t, "MindmatrixAmp");
            // Someone gives the role more than the profile: a level of one of its rows raised to All.
            var settings = State(_f, t).Collection(TenantState.SettingsOf(done.Role.Id)).All.Select(r => r.ToObject<SecurityRoleSetting>()).ToList();
            var (row, wanted) = profile.Permissions.Select(p => (Row: FunctionMatcher.Find(settings, p.Module, p.Function), Wanted: p))
                .First(x => x.Wanted.Delete != PermissionLevel.All);
            using (var op = Operator(_f, t))
                op.SetRoleLevels(done.Role.Id, new[] { new { module = row.Module, function = row.Function, addLevel = wanted.Add.ToString(), editLevel = wanted.Edit.ToString(), deleteLevel = "All", inquireLevel = wanted.Inquire.ToString() } });

            var before = LastSeq(_f, t);
            // A row above the profile makes the role not the integration's (issue 23): the person hands their own role over by name.
            var r = InstallWithKey(s, "MindmatrixAmp", key, "-NonInteractive -TakeOverRole 'Mindmatrix AMP'");
            r.AssertNoErrors();
            var result = r.Single<IntegrationInstallResult>();
            Assert.Equal(InstallStatus.ManualStepRequired, result.Status);
            Assert.Equal(InstallStepState.ToDo, result.Steps[1].State);
            var item = Assert.Single(result.Checklist);
            Assert.Equal(row.Function, item.Function);
            Assert.Equal(PermissionLevel.None, item.Target.Delete);
            var sent = Since(_f, t, before).Select(Endpoint).ToList();
            Assert.Empty(sent.Where(x => !x.StartsWith("GET ", StringComparison.Ordinal)));
            // The key's rows differ from the profile: the role's own grid is read for the checklist.
            Assert.Contains("GET system/securityRoles/" + done.Role.Id + "/settings", sent);
        }

        [Fact]
        public void A_rerun_with_the_key_of_a_disabled_member_re_activates_it_and_completes()
        {
            var t = T(15);
            using var s = _f.ConnectedSession(t);
            var (done, key) = Installed(_f, s, t, "AppXite");
            s.Run("Disable-CwApiMember -ApiMember $I -Confirm:$false | Out-Null", new() { ["I"] = done.ApiMember.Identifier }).AssertNoErrors();

            var before = LastSeq(_f, t);
            var r = InstallWithKey(s, "AppXite", key, "-NonInteractive");
            r.AssertNoErrors();
            var result = r.Single<IntegrationInstallResult>();
            Assert.Equal(InstallStatus.Complete, result.Status);
            Assert.Contains("re-activated", result.Steps[2].Detail);
            Assert.False(result.ApiMember.InactiveFlag);
            Assert.True(result.Verification.InDesiredState, result.Verification.Summary);
            // One write: the PATCH that re-activates the member (its key was refused until then).
            var writes = Writes(Since(_f, t, before));
            Assert.Equal(new[] { "PATCH system/apiMembers/" + done.ApiMember.Id }, writes.Select(Endpoint));
        }

        [Fact]
        public void WhatIf_with_the_key_on_a_set_up_tenant_shows_every_step_done_from_four_reads()
        {
            var t = T(16);
            using var s = _f.ConnectedSession(t);
            var (done, key) = Installed(_f, s, t, "CloudBlueResellerMarketplace");
            var before = LastSeq(_f, t);
            var r = InstallWithKey(s, "CloudBlueResellerMarketplace", key, "-WhatIf");
            r.AssertNoErrors();
            var plan = r.Single<InstallPlan>();
            Assert.All(plan.Steps, step => Assert.Equal(InstallStepState.Done, step.State));
            Assert.Contains("effective rights match", plan.Steps[1].Detail);
            Assert.Equal(RerunRequests, Since(_f, t, before).Select(Endpoint).OrderBy(x => x, StringComparer.Ordinal));
        }

        /// <summary>
        /// A person at a prompt, at the engine (no pipeline thread between the engine and what it shows): each line shown is kept
        /// with whether the tenant's log held the role's POST at that moment. It plays the administrator when the checklist
        /// objects come (the watch is about to start) and types the key at the key prompt.
        /// </summary>
        sealed class PromptHost : ISetupHost
        {
            readonly InstallFixture _f;
            readonly TenantInfo _t;
            readonly OperatorClient _op;
            readonly PermissionProfile _profile;
            public PromptHost(InstallFixture f, TenantInfo t, OperatorClient op, PermissionProfile profile) { _f = f; _t = t; _op = op; _profile = profile; }
            public List<(string Line, bool AfterPost)> Shown { get; } = new();
            public int ChecklistsGiven { get; private set; }
            public bool CanPrompt => true;
            public string CannotPromptReason => null;
            public IKeyVault Vault => null;
            bool RolePosted => State(_f, _t).RequestLog.Any(e => e.Channel == "api" && e.Method == "POST" && e.Path.EndsWith("/system/securityroles", StringComparison.OrdinalIgnoreCase));
            public void Show(IEnumerable<string> lines)
            {
                var posted = RolePosted;
                foreach (var l in lines) Shown.Add((l, posted));
            }
            public void Checklist(IReadOnlyList<PermissionChecklistItem> items)
            {
                ChecklistsGiven++;
                var role = State(_f, _t).Collection("system/securityroles").All.Single(r => (string)r["name"] == _profile.RoleName);
                SetFromChecklist(_op, (int)role["id"], items);
            }
            public Task<PSCredential> PromptForKeyAsync(string caption, string message, CancellationToken ct)
            {
                var member = State(_f, _t).Collection("system/apiMembers").All.Single(m => (string)m["identifier"] == _profile.MemberIdentifier);
                var key = _op.CreateApiKey((int)member["id"], _profile.KeyDescription);
                return Task.FromResult(SimulatorFixture.Credential(key.PublicKey, key.PrivateKey));
            }
            public Task<bool> ConfirmAsync(string caption, string question, CancellationToken ct) => throw new InvalidOperationException("not asked in this test: " + caption);
        }

        [Fact]
        public async Task At_a_prompt_a_fresh_install_shows_the_checklist_before_the_roles_POST_and_not_a_second_time()
        {
            // Benchmark P7 (issue 25): the checklist comes once the plan is read, from the catalogue the checks read, before the role's
            // POST; the watch after the POST does not show it again (the new role's grid is as assumed here, so no difference is named).
            var t = T(11);
            var profile = ProfileCatalog.Resolve("AppXite");
            var connection = await CwConnector.ConnectAsync(new ConnectionOptions
            {
                Server = _f.ServerUrl, CompanyId = t.CompanyId, PublicKey = t.PublicKey,
                PrivateKey = new NetworkCredential("", t.PrivateKey).SecurePassword, ClientId = t.ClientId,
            }, CancellationToken.None);
            using var op = Operator(_f, t);
            var host = new PromptHost(_f, t, op, profile);
            var installer = new IntegrationInstaller(connection, profile, null,
                new InstallOptions { PollInterval = TimeSpan.FromMilliseconds(50), PermissionTimeout = TimeSpan.FromMinutes(1) });
            installer.Validate();
            var start = LastSeq(_f, t);
            await installer.PlanAsync(host, CancellationToken.None);
            var result = await installer.ApplyAsync(host, CancellationToken.None);
            Assert.True(result.Status == InstallStatus.Complete, result.Error?.Message ?? result.Instructions);

            var lines = host.Shown.Select(s => s.Line).ToList();
            var open = "In ConnectWise, open " + PermissionChecklist.ScreenRoot + " > " + profile.RoleName + ".";
            var first = host.Shown.FindIndex(s => s.Line == open);
            Assert.True(first >= 0, string.Join("\n", lines));
            Assert.False(host.Shown[first].AfterPost, "the checklist was shown after the role's POST:\n" + string.Join("\n", lines));
            // Once: its lines are not shown again by the watch; the objects come once, from the real grid.
            Assert.Single(lines, l => l == open);
            Assert.Equal(1, host.ChecklistsGiven);
            var created = lines.FindIndex(l => l.StartsWith("[1/5] Role '" + profile.RoleName + "' created", StringComparison.Ordinal));
            var watching = lines.IndexOf(PermissionChecklist.WatchingLine);
            Assert.True(first < created && created < watching, string.Join("\n", lines));
            Assert.DoesNotContain(lines, l => l.Contains("differs from the checklist above"));
            Assert.Single(Writes(Since(_f, t, start)), w => w.Path.EndsWith("/system/securityroles", StringComparison.OrdinalIgnoreCase));
        }

        [Fact]
        public void Debug_in_a_host_nobody_can_answer_writes_warnings_instead_of_asking_and_the_run_returns_its_result()
        {
            // A compiled cmdlet's warnings become questions under -Debug; where nobody can answer (this hosted runspace, pwsh
            // -NonInteractive) the question is a terminating error, and a job run with -Debug for a fuller log would lose its result.
            var t = T(10);
            using var s = _f.ConnectedSession(t);
            var r = s.Run("Install-CwIntegration -Profile AppXite -NonInteractive -Debug");
            r.AssertNoErrors();
            Assert.Equal(InstallStatus.ManualStepRequired, r.Single<IntegrationInstallResult>().Status);
            Assert.Contains(r.Warnings, w => w.Message.Contains("needs a person in the web UI"));
        }
    }
}
