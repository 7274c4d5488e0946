using System.Diagnostics;
using System.Management.Automation;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;
using Xunit.Abstractions;

namespace ConnectWiseSetup.Tests.Reliability
{
    public sealed class StopFixture : SimulatorFixture
    {
        protected override SimulatorOptions Options => new() { Port = 0, TenantCount = 8, Seed = 8080 };
    }

    /// <summary>
    /// Stopping a long operation (as Ctrl+C does: PowerShell.Stop) returns within 1 s, and leaves a state the next run
    /// completes: nothing half-made, nothing made twice. Each test has a tenant of its own (faults are per tenant).
    /// </summary>
    [Collection(RunAlone.Name)]
    public sealed class StopTests : IClassFixture<StopFixture>
    {
        internal static readonly TimeSpan Limit = TimeSpan.FromSeconds(1);

        readonly StopFixture _f;
        readonly ITestOutputHelper _out;
        public StopTests(StopFixture f, ITestOutputHelper output) { _f = f; _out = output; }

        TenantInfo T(int i) => _f.Server.Tenants[i];
        TenantState State(TenantInfo t) => _f.Server.GetTenant(t.CompanyId);
        OperatorClient Operator(TenantInfo t) => new(_f.Server.BaseUrl, _f.Server.OperatorToken, t.CompanyId);

        internal static async Task Until(Func<bool> condition, int timeoutMs = 15000)
        {
            var sw = Stopwatch.StartNew();
            while (!condition())
            {
                if (sw.ElapsedMilliseconds > timeoutMs) throw new TimeoutException("condition not met");
                await Task.Delay(10);
            }
        }

        /// <summary>Stops the running pipeline once <paramref name="ready"/>; returns how long until the run had ended.</summary>
        internal static async Task<(TimeSpan Took, PsResult Result)> StopWhen(PsSession s, Task<PsResult> run, Func<bool> ready, Action alsoOnStop = null)
        {
            await Until(() => ready() || run.IsCompleted);
            Assert.False(run.IsCompleted, "the operation ended before it could be stopped: " + (run.IsCompleted ? string.Join(" | ", run.Result.AllErrors) : ""));
            var sw = Stopwatch.StartNew();
            alsoOnStop?.Invoke();
            var stop = Task.Run(s.Stop);
            var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(20)));
            var took = sw.Elapsed;
            Assert.Same(run, finished);
            await stop;
            var r = await run;
            Assert.IsAssignableFrom<PipelineStoppedException>(r.Terminating);
            return (took, r);
        }

        void Report(string what, TimeSpan took)
        {
            _out.WriteLine($"stop: {what}: {took.TotalMilliseconds:0} ms");
            Assert.True(took < Limit, what + " took " + took);
        }

        [Fact]
        public async Task Wait_for_role_permissions_stops_within_a_second_and_the_next_wait_completes()
        {
            var t = T(0);
            using var ps = _f.ConnectedSession(t);
            var role = ps.Run("New-CwSecurityRole -Name 'Stop Wait Role'").Single<SecurityRole>();
            var profile = Roles.RoleTestKit.WriteProfile("StopWait", "Stop Wait Role", "[ { \"module\": \"Companies\", \"function\": \"Company Maintenance\", \"inquire\": \"All\" } ]");
            int Polls() => State(t).RequestLog.Count(e => e.Method == "GET" && e.Path.EndsWith("/securityRoles/" + role.Id + "/settings"));
            var run = ps.RunAsync("Wait-CwSecurityRolePermission -Role 'Stop Wait Role' -Profile $P -PollInterval 00:00:05 -Timeout 00:10:00", new() { ["P"] = profile });
            var (took, _) = await StopWhen(ps, run, () => Polls() >= 1);
            Report("Wait-CwSecurityRolePermission between polls", took);

            using (var op = Operator(t)) op.SetRoleLevel(role.Id, "Companies", "Company Maintenance", "None", "None", "None", "All");
            var again = ps.Run("Wait-CwSecurityRolePermission -Role 'Stop Wait Role' -Profile $P -PollInterval 00:00:00.1 -Timeout 00:00:30");
            again.AssertNoErrors();
            Assert.Equal(role.Id, again.Single<SecurityRole>().Id);
        }

        [Fact]
        public async Task A_list_under_latency_stops_within_a_second_and_the_next_list_completes()
        {
            var t = T(1);
            using var ps = _f.ConnectedSession(t);
            using var op = Operator(t);
            op.SetFaults(new { latencyMs = 30000, methods = new[] { "GET" }, pathPrefix = "/system/apiMembers" });
            var run = ps.RunAsync("Get-CwApiMember");
            var (took, _) = await StopWhen(ps, run, () => true, () => Thread.Sleep(300));
            Report("Get-CwApiMember waiting on a 30 s response", took - TimeSpan.FromMilliseconds(300));
            op.ClearFaults();
            var again = ps.Run("Get-CwApiMember");
            again.AssertNoErrors();
            Assert.NotEmpty(again.OfType<ApiMember>());
        }

        [Fact]
        public async Task A_list_waiting_out_a_Retry_After_stops_within_a_second()
        {
            var t = T(2);
            using var ps = _f.ConnectedSession(t);
            using var op = Operator(t);
            op.SetFaults(new { rate429 = 1.0, retryAfter = "30", pathPrefix = "/system/securityroles" });
            var run = ps.RunAsync("Get-CwSecurityRole");
            var (took, _) = await StopWhen(ps, run, () => State(t).RequestLog.Any(e => e.Status == 429));
            Report("Get-CwSecurityRole waiting a 30 s Retry-After", took);
            op.ClearFaults();
            ps.Run("Get-CwSecurityRole").AssertNoErrors();
        }

        [Fact]
        public async Task A_create_stopped_under_latency_is_made_once_by_the_rerun()
        {
            var t = T(3);
            using var ps = _f.ConnectedSession(t);
            using var op = Operator(t);
            op.SetFaults(new { latencyMs = 30000, methods = new[] { "POST" } });
            var run = ps.RunAsync("New-CwSecurityRole -Name 'Stopped Create'");
            var (took, _) = await StopWhen(ps, run, () => true, () => Thread.Sleep(300));
            Report("New-CwSecurityRole waiting on its POST", took - TimeSpan.FromMilliseconds(300));
            op.ClearFaults();
            var again = ps.Run("New-CwSecurityRole -Name 'Stopped Create' -ExistingOk");
            again.AssertNoErrors();
            Assert.Single(State(t).Collection("system/securityroles").All, r => (string)r["name"] == "Stopped Create");

            op.SetFaults(new { latencyMs = 30000, methods = new[] { "POST" } });
            run = ps.RunAsync("New-CwApiMember -Identifier StoppedMember -SecurityRole 'Stopped Create'");
            (took, _) = await StopWhen(ps, run, () => State(t).RequestLog.Any(e => e.Path.EndsWith("/system/timeZoneSetups") || e.Path.EndsWith("/system/departments")), () => Thread.Sleep(300));
            Report("New-CwApiMember waiting on its POST", took - TimeSpan.FromMilliseconds(300));
            op.ClearFaults();
            var member = ps.Run("New-CwApiMember -Identifier StoppedMember -SecurityRole 'Stopped Create'");
            member.AssertNoErrors();
            Assert.Single(State(t).Collection("system/apiMembers").All, m => (string)m["identifier"] == "StoppedMember");
        }

        [Fact]
        public async Task New_CwApiKey_stopped_at_its_prompt_returns_within_a_second_and_the_rerun_gets_the_key()
        {
            var t = T(4);
            var host = new ScriptedHost();
            using var ps = _f.ConnectedSession(t, host);
            ps.Run("New-CwSecurityRole -Name 'Prompt Role'; New-CwApiMember -Identifier PromptMember -SecurityRole 'Prompt Role'").AssertNoErrors();
            var memberId = (int)State(t).Collection("system/apiMembers").All.Single(m => (string)m["identifier"] == "PromptMember")["id"];

            // The person at the prompt presses Ctrl+C: the console host's prompt ends with PipelineStoppedException
            // while the pipeline is being stopped. This host waits at the prompt until then.
            using var ctrlC = new ManualResetEventSlim();
            var prompting = false;
            host.OnPrompt = what =>
            {
                if (!what.StartsWith("PromptForCredential")) return;
                prompting = true;
                ctrlC.Wait(TimeSpan.FromSeconds(30));
                throw new PipelineStoppedException();
            };
            var run = ps.RunAsync("New-CwApiKey -ApiMember PromptMember");
            var (took, _) = await StopWhen(ps, run, () => prompting, () => ctrlC.Set());
            Report("New-CwApiKey at its key prompt", took);
            Assert.Single(host.PromptsShown, p => p.StartsWith("PromptForCredential"));   // not asked again after Ctrl+C

            host.OnPrompt = null;
            using var op = Operator(t);
            var key = op.CreateApiKey(memberId, "Prompt Role");
            var again = ps.Run("New-CwApiKey -ApiMember PromptMember -KeyPair $K", new() { ["K"] = SimulatorFixture.Credential(key.PublicKey, key.PrivateKey) });
            again.AssertNoErrors();
            Assert.Equal(key.PublicKey, again.Single<CwApiKey>().PublicKey);
        }
    
        [Fact]
        public async Task Test_CwIntegrationPermission_Live_and_an_audit_stop_within_a_second_and_rerun()
        {
            var t = T(5);
            using var ps = _f.ConnectedSession(t);
            using var op = Operator(t);
            ps.Run("1..6 | ForEach-Object { $r = New-CwSecurityRole -Name \"Audit Role $_\"; $null = New-CwApiMember -Identifier \"Audit$_\" -SecurityRole $r }").AssertNoErrors();

            // -Live with the key: the vendor's endpoints answer after 30 s.
            op.SetFaults(new { latencyMs = 30000, pathPrefix = "/company" });
            var run = ps.RunAsync("Test-CwIntegrationPermission -Profile MspProcess -Credential $Cred -Live", _f.ConnectVariables(t));
            var (took, _) = await StopWhen(ps, run, () => State(t).RequestLog.Any(e => e.Path.EndsWith("/system/mySecurity/customizeItems")), () => Thread.Sleep(300));
            Report("Test-CwIntegrationPermission -Live waiting on the vendor's endpoints", took - TimeSpan.FromMilliseconds(300));
            op.ClearFaults();
            var again = ps.Run("Test-CwIntegrationPermission -Profile MspProcess -Credential $Cred -Live");
            again.AssertNoErrors();
            Assert.Single(again.OfType<ConnectWiseSetup.Setup.IntegrationTestResult>());

            // An audit of every member: each role's settings answer after 30 s.
            op.SetFaults(new { latencyMs = 30000, pathPrefix = "/system/securityRoles" });
            run = ps.RunAsync("Get-CwApiMember -Identifier Audit* | Test-CwIntegrationPermission -Profile MspProcess");
            (took, _) = await StopWhen(ps, run, () => true, () => Thread.Sleep(300));
            Report("an audit (Get-CwApiMember | Test-CwIntegrationPermission) waiting on role settings", took - TimeSpan.FromMilliseconds(300));
            op.ClearFaults();
            var audit = ps.Run("Get-CwApiMember -Identifier Audit* | Test-CwIntegrationPermission -Profile MspProcess");
            audit.AssertNoErrors();
            Assert.Equal(6, audit.OfType<ConnectWiseSetup.Setup.IntegrationTestResult>().Count());
        }

        [Fact]
        public async Task Install_stopped_on_its_POST_and_while_watching_the_role_returns_within_a_second_and_the_rerun_completes_once()
        {
            var t = T(6);
            var host = new ScriptedHost();
            using var ps = _f.ConnectedSession(t, host);
            using var op = Operator(t);

            // Stopped while its role's POST is in flight (30 s latency).
            op.SetFaults(new { latencyMs = 30000, methods = new[] { "POST" } });
            var run = ps.RunAsync("Install-CwIntegration -Profile AppXite -NonInteractive");
            var (took, _) = await StopWhen(ps, run, () => State(t).RequestLog.Any(e => e.Path.EndsWith("/system/timeZoneSetups")), () => Thread.Sleep(300));
            Report("Install-CwIntegration waiting on its POST", took - TimeSpan.FromMilliseconds(300));
            op.ClearFaults();

            // Stopped at a prompt while it watches the role for the permissions (polls every 5 s): after the watch's line, since the
            // checklist itself comes before the role's POST when the role is not made yet.
            run = ps.RunAsync("Install-CwIntegration -Profile AppXite -PollInterval 00:00:05 -PermissionTimeout 00:10:00");
            PsResult watching;
            (took, watching) = await StopWhen(ps, run, () => host.Text.Contains(ConnectWiseSetup.Setup.PermissionChecklist.WatchingLine) || State(t).RequestLog.Count(e => e.Path.Contains("/settings")) >= 2, () => Thread.Sleep(200));
            Report("Install-CwIntegration watching the role", took - TimeSpan.FromMilliseconds(200));
            // Ctrl+C says what exists now and that a rerun resumes (issue 25, point 7).
            var stopped = ConnectWiseSetup.Permissions.ProfileCatalog.Resolve("AppXite");
            var roleId = (int)State(t).Collection("system/securityroles").All.Single(r => (string)r["name"] == stopped.RoleName)["id"];
            var said = System.Text.RegularExpressions.Regex.Replace(watching.HostText, @"\s*\n(WARNING: )?", " ");
            Assert.True(said.Contains("Stopped. Exists now: security role '" + stopped.RoleName + "' (id " + roleId + "), permissions not all set."), said);
            Assert.Contains("Run the same Install-CwIntegration again: it resumes from what the tenant shows.", said);

            var story = new InstallStory(_f, t, ps, "AppXite");
            Assert.True(story.Drive(5), string.Join(" | ", story.Errors));
            Assert.Empty(story.Errors);
            var profile = ConnectWiseSetup.Permissions.ProfileCatalog.Resolve("AppXite");
            Assert.Single(State(t).Collection("system/securityroles").All, r => (string)r["name"] == profile.RoleName);
            Assert.Single(State(t).Collection("system/apiMembers").All, m => (string)m["identifier"] == profile.MemberIdentifier);
        }
}
}
