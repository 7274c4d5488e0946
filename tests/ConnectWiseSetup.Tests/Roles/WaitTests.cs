using System.Diagnostics;
using System.Management.Automation;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;
using ConnectWiseSetup.Setup;
using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;
using static ConnectWiseSetup.Tests.Roles.RoleTestKit;

namespace ConnectWiseSetup.Tests.Roles
{
    /// <summary>
    /// Wait-CwSecurityRolePermission, the guided permission step: a background task plays the administrator
    /// in the web UI through the simulator's operator channel while the cmdlet watches.
    /// </summary>
    [Collection(RunAlone.Name)]
    public sealed class WaitTests : IClassFixture<SimulatorFixture>, IDisposable
    {
        const string Wanted =
            "[ { \"module\": \"Companies\", \"function\": \"Company Maintenance\", \"edit\": \"All\", \"inquire\": \"All\" }," +
            "  { \"module\": \"Service Desk\", \"function\": \"Service Tickets\", \"add\": \"All\", \"edit\": \"All\", \"inquire\": \"All\" }," +
            "  { \"module\": \"System\", \"function\": \"API Reports\", \"inquire\": \"All\" }," +
            "  { \"module\": \"System\", \"function\": \"Table Setup\", \"inquire\": \"All\" } ]";
        const string WantedCustomize = "[ { \"module\": \"System\", \"function\": \"Table Setup\", \"list\": \"SystemTableSetup\", \"allow\": [ \"Company / Company Status\" ] } ]";

        readonly SimulatorFixture _f;
        readonly TenantInfo _t;
        readonly ScriptedHost _host = new();
        readonly PsSession _ps;
        readonly string _profile;

        public WaitTests(SimulatorFixture f)
        {
            _f = f;
            _t = f.Server.Tenants[0];
            _ps = f.ConnectedSession(_t, _host);
            _profile = WriteProfile("WaitMe", "Wait Me", Wanted, WantedCustomize);
        }

        public void Dispose() => _ps.Dispose();

        /// <summary>A fresh role with one row already as wanted and one right too many.</summary>
        SecurityRole StartingRole()
        {
            var r = _ps.Run("New-CwSecurityRole -Name $N", new() { ["N"] = UniqueName("Wait Role") });
            r.AssertNoErrors();
            var role = r.Single<SecurityRole>();
            using var op = Operator(_f, _t);
            op.SetRoleLevel(role.Id, "Companies", "Company Maintenance", "None", "All", "None", "All");
            op.SetRoleLevel(role.Id, "Finance", "Invoicing", "None", "None", "None", "All");
            return role;
        }

        List<RequestLogEntry> Polls(SecurityRole role)
            => ApiRequests(_f, _t).Where(e => e.Method == "GET" && e.Path.EndsWith("/securityRoles/" + role.Id + "/settings") && e.Query.Contains("fields=")).ToList();

        static async Task Until(Func<bool> condition, int timeoutMs = 10000)
        {
            var sw = Stopwatch.StartNew();
            while (!condition())
            {
                if (sw.ElapsedMilliseconds > timeoutMs) throw new TimeoutException("condition not met");
                await Task.Delay(10);
            }
        }

        [Fact]
        public async Task Returns_the_role_when_the_administrator_has_set_it_with_one_request_per_poll()
        {
            var role = StartingRole();
            State(_f, _t).ClearRequestLog();
            var run = _ps.RunAsync("Wait-CwSecurityRolePermission -Role $N -Profile $P -PollInterval '00:00:00.05' -Timeout '00:00:30'",
                new() { ["N"] = role.Name, ["P"] = _profile });

            using (var op = Operator(_f, _t))
            {
                await Until(() => Polls(role).Count >= 1);
                op.SetRoleLevel(role.Id, "Service Desk", "Service Tickets", "All", "All", "None", "All");
                op.SetRoleLevel(role.Id, "Finance", "Invoicing", "None", "None", "None", "None");
                var seen = Polls(role).Count;
                await Until(() => Polls(role).Count >= seen + 2);
                Assert.False(run.IsCompleted);
                op.SetRoleLevels(role.Id, new object[]
                {
                    new { module = "System", function = "API Reports", inquireLevel = "All" },
                    new { module = "System", function = "Table Setup", inquireLevel = "All" },
                });
                op.SetCustomize(role.Id, "SystemTableSetup", false, new[] { "Company / Company Status" });
            }
            var r = await run;
            r.AssertNoErrors();
            var returned = r.Single<SecurityRole>();
            Assert.Equal(role.Id, returned.Id);
            Assert.NotNull(returned.Connection);

            // Requests: the role by name, every row once, then exactly one small request per poll; nothing written.
            var requests = ApiRequests(_f, _t);
            var polls = Polls(role);
            Assert.True(polls.Count >= 3);
            Assert.Equal(2 + polls.Count, requests.Count);
            Assert.All(requests, e => Assert.Equal("GET", e.Method));
            Assert.All(polls, p => Assert.Contains("fields=id%2CaddLevel%2CeditLevel%2CdeleteLevel%2CinquireLevel", p.Query.Replace(",", "%2C")));

            // Progress: one record per poll, rows done of rows to do (4: Invoicing, Service Tickets, API Reports, Table Setup).
            var progress = r.Progress.Where(p => p.RecordType == ProgressRecordType.Processing).ToList();
            Assert.Equal(polls.Count, progress.Count);
            Assert.Equal("0 of 4 rows set", progress[0].StatusDescription);
            Assert.Contains(progress, p => p.StatusDescription == "2 of 4 rows set");
            Assert.Equal("4 of 4 rows set", progress[^1].StatusDescription);
            Assert.Contains(r.Progress, p => p.RecordType == ProgressRecordType.Completed);
        }

        [Fact]
        public async Task A_wait_longer_than_two_seconds_counts_down_to_the_next_look_and_the_time_left()
        {
            // Issue 25, point 7: never a blank wait. Nobody sets the role: the watch looks once after 3 s and gives up.
            var role = StartingRole();
            var r = await _ps.RunAsync("Wait-CwSecurityRolePermission -Role $R -Profile $P -PollInterval '00:00:03' -Timeout '00:00:03'",
                new() { ["R"] = role, ["P"] = _profile });
            Assert.Contains(r.Errors, e => e.FullyQualifiedErrorId.StartsWith("CwWaitTimeout"));
            var ticks = r.Progress.Where(p => p.RecordType == ProgressRecordType.Processing && (p.CurrentOperation ?? "").StartsWith("next look at the role in ")).ToList();
            Assert.NotEmpty(ticks);
            Assert.StartsWith("Waiting for the permissions of security role '" + role.Name + "'", ticks[0].Activity);
            Assert.Equal("0 of 4 rows set", ticks[0].StatusDescription);
            Assert.Equal("next look at the role in 3 s (0 look(s) so far)", ticks[0].CurrentOperation);
            Assert.Equal(3, ticks[0].SecondsRemaining);
            Assert.Equal(ticks.Select(p => p.SecondsRemaining).OrderByDescending(x => x), ticks.Select(p => p.SecondsRemaining));
        }

        [Fact]
        public async Task The_checklist_lists_only_what_differs_in_the_UI_order_with_the_path_to_each_screen()
        {
            var role = StartingRole();
            var run = _ps.RunAsync("Wait-CwSecurityRolePermission -Role $R -Profile $P -PollInterval '00:00:00.05' -Timeout '00:00:00.3'",
                new() { ["R"] = role, ["P"] = _profile });
            var r = await run;

            var items = r.Information.Where(i => i.Tags.Contains("CwChecklist")).Select(i => (PermissionChecklistItem)((i.MessageData as PSObject)?.BaseObject ?? i.MessageData)).ToList();
            Assert.Equal(new[] { "Invoicing", "Service Tickets", "API Reports", "Table Setup", "Table Setup" }, items.Select(i => i.Function));
            Assert.Equal(new[] { 1, 2, 3, 4, 5 }, items.Select(i => i.Step));
            Assert.Equal(ChecklistItemKind.Customize, items[4].Kind);
            Assert.False(items[4].Verifiable);
            Assert.Equal(new[] { "Company / Company Status" }, items[4].Allow);
            Assert.DoesNotContain(items, i => i.Function == "Company Maintenance");

            // In the UI's order: the tenant's sortOrder of each row.
            var sortOrders = State(_f, _t).GetRecords("system/securityRoles/" + role.Id + "/settings")
                .ToDictionary(s => (string)s["moduleFunctionDescription"] + "|" + (string)s["moduleDescription"], s => (int)s["sortOrder"]);
            var order = items.Select(i => sortOrders[i.Function + "|" + i.Module]).ToList();
            Assert.Equal(order.OrderBy(o => o), order);

            var tickets = items[1];
            Assert.Equal("System > Security Roles > " + role.Name + " > Service Desk > Service Tickets", tickets.ScreenPath);
            Assert.Equal(new PermissionLevels(PermissionLevel.All, PermissionLevel.All, PermissionLevel.None, PermissionLevel.All), tickets.Target);
            Assert.Equal(DiffState.Excess, items[0].State);

            Assert.Equal("Service Desk > Service Tickets: Add, Edit, Inquire None -> All", tickets.Instruction);

            // The same checklist as text on the host (as Write-Host would show it): the screen named once, then short lines
            // under each module's heading.
            var lines = r.HostText.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            Assert.Single(lines, l => l.Contains("System > Security Roles"));
            Assert.Contains("In ConnectWise, open System > Security Roles > " + role.Name + ".", lines);
            var desk = lines.IndexOf("  Service Desk");
            Assert.True(desk >= 0, r.HostText);
            Assert.Equal("    2. Service Tickets: Add, Edit, Inquire None -> All", lines[desk + 1]);
            Assert.Contains("    1. Invoicing: Inquire All -> None (not needed: set to None)", lines);
            Assert.Contains(lines, l => l.Contains("the integration's own"));
            Assert.All(lines, l => Assert.True(l.Length <= 80, "longer than 80 columns: " + l));
            Assert.DoesNotContain("Company Maintenance", r.HostText);
        }

        [Fact]
        public async Task On_timeout_a_CwWaitTimeout_error_lists_what_is_still_missing()
        {
            var role = StartingRole();
            State(_f, _t).ClearRequestLog();
            var r = await _ps.RunAsync("Wait-CwSecurityRolePermission -Role $R -Profile $P -PollInterval '00:00:00.05' -Timeout '00:00:00.3'",
                new() { ["R"] = role, ["P"] = _profile });
            var e = r.SingleError();
            Assert.Equal(ErrorIds.WaitTimeout, e.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(ErrorCategory.OperationTimeout, e.CategoryInfo.Category);
            Assert.Contains("Service Desk > Service Tickets (Add, Edit, Inquire None -> All)", e.Exception.Message);
            Assert.Contains("System > API Reports", e.Exception.Message);
            Assert.Contains("Finance > Invoicing", e.Exception.Message);
            Assert.DoesNotContain("Company Maintenance", e.Exception.Message);
            Assert.Empty(r.Output);
            Assert.NotEmpty(Polls(role));
            Assert.DoesNotContain(ApiRequests(_f, _t), IsWrite);
        }

        [Fact]
        public async Task A_role_already_as_wanted_returns_at_once_without_polling()
        {
            var role = StartingRole();
            using (var op = Operator(_f, _t))
            {
                op.SetRoleLevel(role.Id, "Service Desk", "Service Tickets", "All", "All", "None", "All");
                op.SetRoleLevel(role.Id, "Finance", "Invoicing", "None", "None", "None", "None");
                op.SetRoleLevel(role.Id, "System", "API Reports", "None", "None", "None", "All");
                op.SetRoleLevel(role.Id, "System", "Table Setup", "None", "None", "None", "All");
            }
            State(_f, _t).ClearRequestLog();
            var r = await _ps.RunAsync("$R | Wait-CwSecurityRolePermission -Profile $P -PollInterval '00:00:00.05'", new() { ["R"] = role, ["P"] = _profile });
            r.AssertNoErrors();
            Assert.Equal(role.Id, r.Single<SecurityRole>().Id);
            Assert.Empty(Polls(role));
            Assert.Single(ApiRequests(_f, _t));
            // Only the Customize list remains on the checklist: it cannot be read from here.
            var item = (PermissionChecklistItem)Assert.Single(r.Information, i => i.Tags.Contains("CwChecklist")).MessageData;
            Assert.Equal(ChecklistItemKind.Customize, item.Kind);
        }

        [Fact]
        public async Task Stop_ends_the_wait_within_a_second()
        {
            var role = StartingRole();
            State(_f, _t).ClearRequestLog();
            var run = _ps.RunAsync("Wait-CwSecurityRolePermission -Role $R -Profile $P -PollInterval '00:00:00.2' -Timeout '00:30:00'",
                new() { ["R"] = role, ["P"] = _profile });
            await Until(() => Polls(role).Count >= 1);
            Assert.False(run.IsCompleted);
            var sw = Stopwatch.StartNew();
            _ps.Stop();
            var r = await run;
            sw.Stop();
            Assert.True(sw.ElapsedMilliseconds < 1000, "stopping took " + sw.ElapsedMilliseconds + " ms");
            Assert.IsAssignableFrom<PipelineStoppedException>(r.Terminating);
            Assert.Empty(r.Output);
            var after = Polls(role).Count;
            await Task.Delay(500);
            Assert.Equal(after, Polls(role).Count);
        }

        [Fact]
        public void Bad_intervals_are_refused_before_any_request()
        {
            State(_f, _t).ClearRequestLog();
            var r = _ps.Run("Wait-CwSecurityRolePermission -Role 'x' -Profile $P -PollInterval 0", new() { ["P"] = _profile });
            var e = r.SingleError();
            Assert.Equal(ErrorIds.InvalidArgument, e.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains("-PollInterval", e.Exception.Message);
            Assert.Empty(ApiRequests(_f, _t));
        }
    }
}
