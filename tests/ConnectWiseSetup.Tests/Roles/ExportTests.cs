using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;
using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;
using static ConnectWiseSetup.Tests.Roles.RoleTestKit;

namespace ConnectWiseSetup.Tests.Roles
{
    /// <summary>Export-CwSecurityRole: a role made by hand becomes a profile file that loads back and matches the role.</summary>
    public sealed class ExportTests : IClassFixture<SimulatorFixture>, IDisposable
    {
        readonly SimulatorFixture _f;
        readonly TenantInfo _t;
        readonly PsSession _ps;
        readonly string _dir;

        public ExportTests(SimulatorFixture f)
        {
            _f = f;
            _t = f.Server.Tenants[1];
            _ps = f.ConnectedSession(_t);
            _dir = Path.Combine(Path.GetTempPath(), "cwexport-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_dir);
        }

        public void Dispose()
        {
            _ps.Dispose();
            try { Directory.Delete(_dir, true); } catch (IOException) { }
        }

        SecurityRole HandMadeRole()
        {
            var r = _ps.Run("New-CwSecurityRole -Name $N", new() { ["N"] = UniqueName("Hand Made") });
            r.AssertNoErrors();
            var role = r.Single<SecurityRole>();
            using var op = Operator(_f, _t);
            op.SetRoleLevel(role.Id, "Companies", "Company Maintenance", "None", "All", "None", "All");
            op.SetRoleLevel(role.Id, "Service Desk", "Service Tickets", "My", "My", "None", "All");
            op.SetRoleLevel(role.Id, "Time & Expense", "Time Entry", "My", "My", "My", "My");
            return role;
        }

        [Fact]
        public void Export_then_load_with_Path_round_trips_and_the_role_matches_its_own_profile()
        {
            var role = HandMadeRole();
            var file = Path.Combine(_dir, "handmade.json");
            var r = _ps.Run("$R | Export-CwSecurityRole -Path $F -Name HandMade -MemberIdentifier HandMadeApi", new() { ["R"] = role, ["F"] = file });
            r.AssertNoErrors();
            var written = r.Single<PermissionProfile>();
            Assert.True(File.Exists(file));
            Assert.Equal(file, written.Origin);

            var loaded = _ps.Run("Get-CwIntegrationProfile -Path $F", new() { ["F"] = file });
            loaded.AssertNoErrors();
            var p = loaded.Single<PermissionProfile>();
            Assert.Equal("HandMade", p.Name);
            Assert.Equal(role.Name, p.RoleName);
            Assert.Equal("HandMadeApi", p.MemberIdentifier);
            Assert.Equal(new[] { "Company Maintenance", "Service Tickets", "Time Entry" }, p.Permissions.Select(x => x.Function));
            var tickets = p.Permissions[1];
            Assert.Equal("Service Desk", tickets.Module);
            Assert.Equal(new PermissionLevels(PermissionLevel.My, PermissionLevel.My, PermissionLevel.None, PermissionLevel.All), tickets.Levels);
            Assert.Contains(p.VendorValues, v => v.Source == VendorValueSources.PrivateKey && v.Secret);
            Assert.Contains(p.Notes, n => n.Contains("Customize"));

            var compare = _ps.Run("Compare-CwSecurityRole -Role $R -Profile $F", new() { ["R"] = role, ["F"] = file });
            compare.AssertNoErrors();
            Assert.True(compare.Single<PermissionComparison>().InDesiredState);
        }

        [Fact]
        public void The_default_profile_name_comes_from_the_role_name()
        {
            var role = HandMadeRole();
            var file = Path.Combine(_dir, "default.json");
            var r = _ps.Run("Export-CwSecurityRole -Role $N -Path $F", new() { ["N"] = role.Name, ["F"] = file });
            r.AssertNoErrors();
            var p = ProfileCatalog.LoadFile(file);
            Assert.Equal(role.Name.Replace(" ", ""), p.Name);
            Assert.Equal(p.Name, p.MemberIdentifier);
        }

        [Fact]
        public void An_existing_file_is_kept_unless_Force_and_WhatIf_writes_nothing()
        {
            var role = HandMadeRole();
            var file = Path.Combine(_dir, "exists.json");
            File.WriteAllText(file, "keep me");
            var r = _ps.Run("Export-CwSecurityRole -Role $R -Path $F", new() { ["R"] = role, ["F"] = file });
            var e = r.SingleError();
            Assert.Equal(ErrorIds.FileExists, e.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains("-Force", e.Exception.Message);
            Assert.Equal("keep me", File.ReadAllText(file));

            var whatIf = _ps.Run("Export-CwSecurityRole -Role $R -Path $F -Force -WhatIf", new() { ["R"] = role, ["F"] = file });
            whatIf.AssertNoErrors();
            Assert.Equal("keep me", File.ReadAllText(file));
            var fresh = Path.Combine(_dir, "fresh.json");
            _ps.Run("Export-CwSecurityRole -Role $R -Path $F -WhatIf", new() { ["R"] = role, ["F"] = fresh }).AssertNoErrors();
            Assert.False(File.Exists(fresh));

            var forced = _ps.Run("Export-CwSecurityRole -Role $R -Path $F -Force", new() { ["R"] = role, ["F"] = file });
            forced.AssertNoErrors();
            Assert.Equal(3, ProfileCatalog.LoadFile(file).Permissions.Count);
        }

        [Fact]
        public void A_bad_profile_name_is_refused_before_any_request()
        {
            State(_f, _t).ClearRequestLog();
            var r = _ps.Run("Export-CwSecurityRole -Role 'Any' -Path $F -Name 'has spaces'", new() { ["F"] = Path.Combine(_dir, "bad.json") });
            var e = r.SingleError();
            Assert.Equal(ErrorIds.InvalidArgument, e.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains("-Name", e.Exception.Message);
            Assert.Empty(ApiRequests(_f, _t));
        }
    }
}
