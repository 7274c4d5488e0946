using System.Management.Automation;
using System.Management.Automation.Runspaces;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Permissions;
using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;
using static ConnectWiseSetup.Tests.Roles.RoleTestKit;

namespace ConnectWiseSetup.Tests.Roles
{
    /// <summary>Get-CwIntegrationProfile, the -Profile argument (name, object, path) and name completion.</summary>
    public sealed class ProfileCmdletTests : IClassFixture<SimulatorFixture>, IDisposable
    {
        readonly SimulatorFixture _f;
        readonly TenantInfo _t;
        readonly PsSession _ps;

        public ProfileCmdletTests(SimulatorFixture f)
        {
            _f = f;
            _t = f.Server.Tenants[1];
            _ps = f.ConnectedSession(_t);
        }

        public void Dispose() => _ps.Dispose();

        static string Id(ErrorRecord e) => e.FullyQualifiedErrorId.Split(',')[0];

        [Fact]
        public void Without_arguments_lists_every_built_in_profile()
        {
            var r = _ps.Run("Get-CwIntegrationProfile");
            r.AssertNoErrors();
            var names = r.OfType<PermissionProfile>().Select(p => p.Name).ToList();
            Assert.Equal(ProfileCatalog.BuiltInNames.OrderBy(n => n), names.OrderBy(n => n));
            Assert.Equal(30, names.Count);
            Assert.All(r.OfType<PermissionProfile>(), p => Assert.True(p.BuiltIn));
        }

        [Fact]
        public void By_name_case_insensitive_and_with_wildcards()
        {
            var one = _ps.Run("Get-CwIntegrationProfile -Name mspprocess");
            one.AssertNoErrors();
            Assert.Equal("MspProcess", one.Single<PermissionProfile>().Name);

            var wild = _ps.Run("Get-CwIntegrationProfile M*");
            wild.AssertNoErrors();
            Assert.Equal(ProfileCatalog.BuiltInNames.Where(n => n.StartsWith("M", StringComparison.OrdinalIgnoreCase)).OrderBy(n => n),
                wild.OfType<PermissionProfile>().Select(p => p.Name).OrderBy(n => n));
        }

        [Fact]
        public void Unknown_name_is_CwUnknownProfile_listing_the_names()
        {
            var r = _ps.Run("Get-CwIntegrationProfile -Name NoSuchVendor");
            var e = r.SingleError();
            Assert.Equal(ErrorIds.UnknownProfile, Id(e));
            Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
            foreach (var name in ProfileCatalog.BuiltInNames) Assert.Contains(name, e.Exception.Message);
            Assert.Equal("NoSuchVendor", e.TargetObject);
        }

        [Fact]
        public void A_bad_file_is_CwInvalidProfile_naming_the_field_and_reason()
        {
            var path = WriteProfile("Bad", "Bad Role", "[ { \"module\": \"Companies\", \"function\": \"Company Maintenance\", \"inquire\": \"Al\" } ]");
            var r = _ps.Run("Get-CwIntegrationProfile -Path $P", new() { ["P"] = path });
            var e = r.SingleError();
            Assert.Equal(ErrorIds.InvalidProfile, Id(e));
            Assert.Equal(ErrorCategory.InvalidData, e.CategoryInfo.Category);
            Assert.Contains("role.permissions[0].inquire", e.Exception.Message);
            Assert.Contains("'Al' is not a permission level", e.Exception.Message);

            var missing = _ps.Run("Get-CwIntegrationProfile -Path $P", new() { ["P"] = Path.Combine(Path.GetDirectoryName(path), "none.json") });
            var m = missing.SingleError();
            Assert.Equal(ErrorIds.InvalidProfile, Id(m));
            Assert.Contains("does not exist", m.Exception.Message);
        }

        [Fact]
        public void A_path_relative_to_the_PowerShell_location_loads()
        {
            var path = WriteProfile("Relative", "Relative Role", "[ { \"module\": \"System\", \"function\": \"API Reports\", \"inquire\": \"All\" } ]");
            var r = _ps.Run("$null = $ExecutionContext.SessionState.Path.SetLocation($D); Get-CwIntegrationProfile -Path ./Relative.json", new() { ["D"] = Path.GetDirectoryName(path) });
            r.AssertNoErrors();
            var p = r.Single<PermissionProfile>();
            Assert.Equal("Relative", p.Name);
            Assert.Equal(path, p.Origin);
        }

        [Fact]
        public void Profile_parameters_take_a_name_an_object_or_a_path_and_refuse_an_unknown_name_before_any_request()
        {
            var role = _ps.Run("New-CwSecurityRole -Name $N", new() { ["N"] = UniqueName("Profile Arg") });
            role.AssertNoErrors();
            _ps.SetVariable("R", role.Output[0]);

            var byName = _ps.Run("Compare-CwSecurityRole -Role $R -Profile MspProcess");
            byName.AssertNoErrors();
            Assert.Equal("profile MspProcess", byName.Single<PermissionComparison>().Reference);

            var byObject = _ps.Run("Compare-CwSecurityRole -Role $R -Profile (Get-CwIntegrationProfile AppXite)");
            byObject.AssertNoErrors();
            Assert.Equal("profile AppXite", byObject.Single<PermissionComparison>().Reference);

            var path = WriteProfile("ByPath", "By Path", "[ { \"module\": \"System\", \"function\": \"API Reports\", \"inquire\": \"All\" } ]");
            var byPath = _ps.Run("Compare-CwSecurityRole -Role $R -Profile $P", new() { ["P"] = path });
            byPath.AssertNoErrors();
            Assert.Equal("profile ByPath", byPath.Single<PermissionComparison>().Reference);

            State(_f, _t).ClearRequestLog();
            var unknown = _ps.Run("Compare-CwSecurityRole -Role $R -Profile NoSuchVendor");
            var e = unknown.SingleError();
            Assert.IsAssignableFrom<ParameterBindingException>(e.Exception);
            var chain = new List<Exception>();
            for (var x = e.Exception; x != null; x = x.InnerException) chain.Add(x);
            var inner = Assert.Single(chain.OfType<UnknownProfileException>());
            Assert.Equal(ErrorIds.UnknownProfile, inner.ErrorId);
            Assert.Contains("MspProcess", e.Exception.Message);
            Assert.Empty(ApiRequests(_f, _t));
        }

        [Fact]
        public void Built_in_names_complete_after_Name_and_Profile()
        {
            using var ps = PowerShell.Create();
            ps.Runspace = _ps.Runspace;
            foreach (var (input, expected) in new[]
            {
                ("Get-CwIntegrationProfile -Name Ms", new[] { "Msp360ManagedBackup", "MspProcess" }),
                ("Get-CwIntegrationProfile -Name MspP", new[] { "MspProcess" }),
                ("Compare-CwSecurityRole -Role x -Profile M", ProfileCatalog.BuiltInNames.Where(n => n.StartsWith("M")).OrderBy(n => n).ToArray()),
                ("Wait-CwSecurityRolePermission -Role x -Profile App", new[] { "AppXite" }),
                ("New-CwSecurityRole -Profile Cloud", new[] { "CloudBlueResellerMarketplace" }),
            })
            {
                var completion = CommandCompletion.CompleteInput(input, input.Length, null, ps);
                Assert.Equal(expected, completion.CompletionMatches.Select(m => m.CompletionText).ToArray());
            }
        }
    }
}
