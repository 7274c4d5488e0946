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
    /// <summary>Compare-CwSecurityRole against profiles and reference roles (one tenant and two), on the simulator.</summary>
    public sealed class CompareTests : IClassFixture<SimulatorFixture>, IDisposable
    {
        const string Wanted = "[ { \"module\": \"Companies\", \"function\": \"Company Maintenance\", \"edit\": \"All\", \"inquire\": \"All\" }," +
                              "  { \"module\": \"Service Desk\", \"function\": \"Service Tickets\", \"add\": \"My\", \"inquire\": \"All\" }," +
                              "  { \"module\": \"System\", \"function\": \"API Reports\", \"inquire\": \"All\" } ]";

        readonly SimulatorFixture _f;
        readonly TenantInfo _t;
        readonly PsSession _ps;
        readonly string _profile;

        public CompareTests(SimulatorFixture f)
        {
            _f = f;
            _t = f.Server.Tenants[2];
            _ps = f.ConnectedSession(_t);
            _profile = WriteProfile("CompareMe", "Compare Me", Wanted);
        }

        public void Dispose() => _ps.Dispose();

        SecurityRole NewRole(PsSession ps, string name, bool admin = false)
        {
            var r = ps.Run("New-CwSecurityRole -Name $N -Admin:$A", new() { ["N"] = name, ["A"] = admin });
            r.AssertNoErrors();
            return r.Single<SecurityRole>();
        }

        PermissionComparison Compare(SecurityRole role, string profile = null)
        {
            var r = _ps.Run("Compare-CwSecurityRole -Role $R -Profile $P", new() { ["R"] = role, ["P"] = profile ?? _profile });
            r.AssertNoErrors();
            return r.Single<PermissionComparison>();
        }

        static void SetWanted(OperatorClient op, int roleId)
        {
            op.SetRoleLevel(roleId, "Companies", "Company Maintenance", "None", "All", "None", "All");
            op.SetRoleLevel(roleId, "Service Desk", "Service Tickets", "My", "None", "None", "All");
            op.SetRoleLevel(roleId, "System", "API Reports", "None", "None", "None", "All");
        }

        [Fact]
        public async Task The_engine_compares_a_role_named_or_given_with_a_profile_reading_only_its_grid_and_the_lookup()
        {
            var role = NewRole(_ps, UniqueName("Cmp Engine"));
            using (var op = Operator(_f, _t)) SetWanted(op, role.Id);
            var profile = ProfileJson.Parse(File.ReadAllText(_profile), _profile);
            var connection = await CwConnector.ConnectAsync(new ConnectionOptions
            {
                Server = _f.ServerUrl, CompanyId = _t.CompanyId, PublicKey = _t.PublicKey,
                PrivateKey = new System.Net.NetworkCredential("", _t.PrivateKey).SecurePassword, ClientId = _t.ClientId,
            }, CancellationToken.None);
            IReadOnlyList<RequestLogEntry> Log() => _f.Server.GetTenant(_t.CompanyId).RequestLog; // a copy each time

            var before = Log().Count;
            var (byName, c) = await ConnectWiseSetup.Setup.RoleComparer.CompareAsync(connection, role.Name, profile, null, null, CancellationToken.None);
            Assert.Equal(role.Id, byName.Id);
            Assert.True(c.InDesiredState);
            Assert.Equal(3, c.Matching.Count);
            Assert.Equal("role '" + role.Name + "' (id " + role.Id + ") on " + connection, c.Subject);
            Assert.Equal("profile CompareMe", c.Reference);
            var sent = Log().Skip(before).Where(e => e.Channel == "api").ToList();
            Assert.Equal(2, sent.Count); // the lookup by name, then the grid
            Assert.All(sent, e => Assert.Equal("GET", e.Method));

            // A role object costs no lookup; against itself as the reference role, nothing is to change.
            before = Log().Count;
            var (_, self) = await ConnectWiseSetup.Setup.RoleComparer.CompareAsync(connection, role, null, connection, role, CancellationToken.None);
            Assert.Empty(self.ToChange);
            Assert.Equal(c.Subject, self.Reference);
            Assert.Equal(2, Log().Skip(before).Count(e => e.Channel == "api")); // the two grids
        }

        [Fact]
        public void A_role_set_as_the_profile_says_is_in_desired_state()
        {
            var role = NewRole(_ps, UniqueName("Cmp Exact"));
            using (var op = Operator(_f, _t)) SetWanted(op, role.Id);
            var c = Compare(role);
            Assert.True(c.InDesiredState);
            Assert.Empty(c.ToChange);
            Assert.Equal(3, c.Matching.Count);
            Assert.Contains("'" + role.Name + "'", c.Subject);
            Assert.Equal("profile CompareMe", c.Reference);
        }

        [Fact]
        public void My_where_All_is_needed_is_Missing_and_All_where_My_is_asked_is_Excess()
        {
            var role = NewRole(_ps, UniqueName("Cmp MyAll"));
            using (var op = Operator(_f, _t))
            {
                SetWanted(op, role.Id);
                op.SetRoleLevel(role.Id, "Service Desk", "Service Tickets", "All", "None", "None", "My");
            }
            var c = Compare(role);
            Assert.False(c.InDesiredState);
            var row = Assert.Single(c.ToChange);
            Assert.Equal("Service Tickets", row.Function);
            Assert.Equal(DiffState.MissingAndExcess, row.State);
            Assert.Equal(new[] { "Inquire" }, row.MissingLevels);
            Assert.Equal(new[] { "Add" }, row.ExcessLevels);
            Assert.Contains("Inquire: My -> All", row.Changes);
            Assert.Contains("Add: All -> My", row.Changes);
        }

        [Fact]
        public void A_right_the_profile_does_not_ask_for_is_Excess()
        {
            var role = NewRole(_ps, UniqueName("Cmp Excess"));
            using (var op = Operator(_f, _t))
            {
                SetWanted(op, role.Id);
                op.SetRoleLevel(role.Id, "Finance", "Invoicing", "None", "None", "All", "All");
            }
            var c = Compare(role);
            var excess = Assert.Single(c.Excess);
            Assert.Equal("Invoicing", excess.Function);
            Assert.False(excess.InProfile);
            Assert.Equal(new[] { "Delete", "Inquire" }, excess.ExcessLevels);
            Assert.Empty(c.Missing);
            Assert.False(c.InDesiredState);
            Assert.Equal("1 row(s) with excess rights", c.Summary);
            Assert.EndsWith("vs profile CompareMe: 1 row(s) with excess rights", c.ToString());
        }

        [Fact]
        public void An_admin_role_has_everything_beyond_the_profile_as_Excess()
        {
            var role = NewRole(_ps, UniqueName("Cmp Admin"), admin: true);
            var c = Compare(role);
            var rows = State(_f, _t).GetRecords("system/securityRoles/" + role.Id + "/settings").Count;
            Assert.Equal(rows, c.Rows.Count);
            Assert.Empty(c.Missing);
            // Every row is Excess: the three profile rows have levels above what is asked, the rest should be None.
            Assert.Equal(rows, c.Excess.Count);
            Assert.Equal(rows - 3, c.Excess.Count(r => !r.InProfile));
            Assert.All(c.Excess.Where(r => r.InProfile), r => Assert.DoesNotContain("Inquire", r.ExcessLevels));
        }

        [Fact]
        public void A_profile_row_the_tenant_does_not_have_is_an_error_naming_the_closest_rows()
        {
            var role = NewRole(_ps, UniqueName("Cmp Unknown"));
            var bad = WriteProfile("Misspelt", "Misspelt", "[ { \"module\": \"Service Desk\", \"function\": \"Service Tikets\", \"inquire\": \"All\" } ]");
            var r = _ps.Run("Compare-CwSecurityRole -Role $R -Profile $P", new() { ["R"] = role, ["P"] = bad });
            var e = r.SingleError();
            Assert.Equal(ErrorIds.UnknownPermissionRow, e.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
            Assert.Contains("Service Desk / Service Tikets", e.Exception.Message);
            Assert.Contains("Closest rows: Service Desk / Service Tickets", e.Exception.Message);
            Assert.Empty(r.Output);
        }

        [Fact]
        public void Spelling_variants_of_guides_match_the_tenant_rows()
        {
            var role = NewRole(_ps, UniqueName("Cmp Variants"));
            var variants = WriteProfile("Variants", "Variants", "[ { \"module\": \"Companies\", \"function\": \"CRM Sales Activities\", \"inquire\": \"All\" }," +
                                                               "  { \"module\": \"Service Desk\", \"function\": \"Service Ticket - Dependancies\", \"inquire\": \"All\" } ]");
            var c = Compare(role, variants);
            Assert.Equal(new[] { "CRM/Sales Activities", "Service Ticket - Dependencies" }, c.Missing.Select(m => m.Function));
        }

        [Fact]
        public void A_role_compares_with_a_reference_role_on_another_tenant()
        {
            var other = _f.Server.Tenants[3];
            using var ps2 = _f.ConnectedSession(other);
            var reference = NewRole(ps2, UniqueName("Reference"));
            using (var op = Operator(_f, other))
            {
                SetWanted(op, reference.Id);
                op.SetRoleLevel(reference.Id, "Time & Expense", "Time Entry", "My", "My", "My", "My");
            }
            var role = NewRole(_ps, UniqueName("Cmp Tenants"));
            using (var op = Operator(_f, _t)) SetWanted(op, role.Id);

            var r = _ps.Run("Compare-CwSecurityRole -Role $R -ReferenceRole $Ref", new() { ["R"] = role, ["Ref"] = reference });
            r.AssertNoErrors();
            var c = r.Single<PermissionComparison>();
            Assert.Contains(other.CompanyId, c.Reference);
            Assert.Contains(_t.CompanyId, c.Subject);
            var missing = Assert.Single(c.Missing);
            Assert.Equal("Time Entry", missing.Function);
            Assert.Equal(new[] { "Add", "Edit", "Delete", "Inquire" }, missing.MissingLevels);
            Assert.Empty(c.Excess);

            // The same role as its own reference, by name on this connection: nothing differs.
            var self = _ps.Run("Compare-CwSecurityRole -Role $R -ReferenceRole $N", new() { ["R"] = role, ["N"] = role.Name });
            self.AssertNoErrors();
            Assert.True(self.Single<PermissionComparison>().InDesiredState);
        }
    }
}
