using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace ConnectWiseSetup.Tests.Reliability
{
    public sealed class SixteenTenantsFixture : SimulatorFixture
    {
        public const int Count = 16;
        protected override SimulatorOptions Options => new() { Port = 0, TenantCount = Count, Seed = 1616 };
    }

    /// <summary>
    /// 16 runspaces, each connected to its own tenant with its own connection object, working at once. No request lands on
    /// the wrong tenant (each tenant's log shows only its own integration member and keys; its records are only its own)
    /// and no state leaks between runspaces (each Get-CwConnection is its own, before and after the work).
    /// </summary>
    [Collection(RunAlone.Name)]
    public sealed class ParallelTenantTests : IClassFixture<SixteenTenantsFixture>
    {
        readonly SixteenTenantsFixture _f;
        readonly ITestOutputHelper _out;
        public ParallelTenantTests(SixteenTenantsFixture f, ITestOutputHelper output) { _f = f; _out = output; }

        [Fact]
        public async Task Sixteen_runspaces_on_sixteen_tenants_at_once_share_nothing()
        {
            var n = SixteenTenantsFixture.Count;
            var tenants = _f.Server.Tenants.ToList();
            Assert.Equal(n, tenants.Count);
            var sessions = tenants.Select(t => { var s = new PsSession(); foreach (var kv in _f.ConnectVariables(t)) s.SetVariable(kv.Key, kv.Value); return s; }).ToList();
            try
            {
                // Connect all at once; odd runspaces also keep their connection object and pass it explicitly.
                var connects = await Task.WhenAll(sessions.Select((s, i) => s.RunAsync(SimulatorFixture.ConnectScript + " -PassThru" + (i % 2 == 1 ? " | ForEach-Object { $global:Mine = $_; $_ }" : ""))));
                foreach (var r in connects) r.AssertNoErrors();

                string Conn(int i) => i % 2 == 1 ? " -Connection $Mine" : "";
                var work = await Task.WhenAll(sessions.Select((s, i) => s.RunAsync(
                    $"$r = New-CwSecurityRole -Name 'Parallel Role {i}'{Conn(i)};" +
                    $"$m = New-CwApiMember -Identifier Par{i} -Name 'Parallel {i}' -SecurityRole $r{Conn(i)};" +
                    $"Set-CwApiMember -ApiMember $m -Notes 'tenant {i}'{Conn(i)};" +
                    $"Get-CwSecurityRole -Name 'Parallel Role*'{Conn(i)}; Get-CwApiMember -Identifier Par*{Conn(i)}; Get-CwConnection")));
                for (var i = 0; i < n; i++)
                {
                    work[i].AssertNoErrors();
                    Assert.Equal($"Parallel Role {i}", Assert.Single(work[i].OfType<SecurityRole>()).Name);
                    Assert.Equal($"Par{i}", Assert.Single(work[i].OfType<ApiMember>()).Identifier);
                    Assert.Equal(tenants[i].CompanyId, Assert.Single(work[i].OfType<CwConnection>()).CompanyId);
                }

                // A key for each integration member (the web UI's step), verified and used at once from each runspace.
                var keys = new List<ApiKeyCreated>();
                for (var i = 0; i < n; i++)
                {
                    var state = _f.Server.GetTenant(tenants[i].CompanyId);
                    var memberId = (int)state.Collection("system/apiMembers").All.Single(m => (string)m["identifier"] == $"Par{i}")["id"];
                    using var op = new OperatorClient(_f.Server.BaseUrl, _f.Server.OperatorToken, tenants[i].CompanyId);
                    keys.Add(op.CreateApiKey(memberId, $"Parallel {i}"));
                }
                var keyed = await Task.WhenAll(sessions.Select((s, i) =>
                {
                    s.SetVariable("K", SimulatorFixture.Credential(keys[i].PublicKey, keys[i].PrivateKey));
                    return s.RunAsync($"$key = New-CwApiKey -ApiMember Par{i} -KeyPair $K{Conn(i)}; $key; $key | Test-CwApiKey; Get-CwConnection");
                }));
                for (var i = 0; i < n; i++)
                {
                    keyed[i].AssertNoErrors();
                    Assert.Equal(keys[i].PublicKey, Assert.Single(keyed[i].OfType<CwApiKey>()).PublicKey);
                    Assert.Equal($"Par{i}", Assert.Single(keyed[i].OfType<CwApiKeyTestResult>()).Member.Identifier);
                    Assert.Equal(tenants[i].CompanyId, Assert.Single(keyed[i].OfType<CwConnection>()).CompanyId);
                }

                // No request on the wrong tenant: the integration members seen in a tenant's log are its own, and every
                // API request the server saw was addressed to a tenant that then logged it.
                var leaks = 0;
                for (var i = 0; i < n; i++)
                {
                    var state = _f.Server.GetTenant(tenants[i].CompanyId);
                    var members = state.RequestLog.Where(e => e.Channel == "api" && e.Member != null).Select(e => e.Member).Distinct().ToList();
                    leaks += members.Count(m => m != "SimAdmin" && m != $"Par{i}");
                    Assert.Contains($"Par{i}", members);
                    Assert.All(state.RequestLog, e => Assert.Equal(tenants[i].CompanyId, e.CompanyId));
                    var roles = state.Collection("system/securityroles").All.Select(r => (string)r["name"]).Where(x => x.StartsWith("Parallel Role")).ToList();
                    var apiMembers = state.Collection("system/apiMembers").All.Select(m => (string)m["identifier"]).Where(x => x.StartsWith("Par")).ToList();
                    leaks += roles.Count(r => r != $"Parallel Role {i}") + apiMembers.Count(m => m != $"Par{i}");
                    Assert.Equal(new[] { $"Parallel Role {i}" }, roles);
                    Assert.Equal(new[] { $"Par{i}" }, apiMembers);
                    Assert.Equal($"tenant {i}", (string)state.Collection("system/apiMembers").All.Single(m => (string)m["identifier"] == $"Par{i}")["notes"]);
                }
                var apiRequests = _f.Server.GlobalRequestLog.Where(e => e.Channel == "api").ToList();
                Assert.All(apiRequests, e => Assert.Contains(e.CompanyId, tenants.Select(t => t.CompanyId)));

                // Each runspace still has its own current connection.
                var after = await Task.WhenAll(sessions.Select(s => s.RunAsync("Get-CwConnection")));
                for (var i = 0; i < n; i++) Assert.Equal(tenants[i].CompanyId, after[i].Single<CwConnection>().CompanyId);
                Assert.Equal(n, after.Select(a => a.Single<CwConnection>()).Distinct().Count());

                _out.WriteLine($"parallel tenants: {n} runspaces, {apiRequests.Count} API requests, wrong-tenant requests or leaked records: {leaks}");
                Assert.Equal(0, leaks);
            }
            finally
            {
                foreach (var s in sessions) s.Dispose();
            }
        }
    }
}

namespace ConnectWiseSetup.Tests.Reliability
{
    public sealed class SixteenInstallTenantsFixture : SimulatorFixture
    {
        protected override SimulatorOptions Options => new() { Port = 0, TenantCount = SixteenTenantsFixture.Count, Seed = 6161 };
    }

    /// <summary>16 runspaces, each installing an integration (mixed profiles) on its own tenant at once, the operator playing the guided steps.</summary>
    [Collection(RunAlone.Name)]
    public sealed class ParallelInstallTests : IClassFixture<SixteenInstallTenantsFixture>
    {
        readonly SixteenInstallTenantsFixture _f;
        readonly ITestOutputHelper _out;
        public ParallelInstallTests(SixteenInstallTenantsFixture f, ITestOutputHelper output) { _f = f; _out = output; }

        [Fact]
        public async Task Sixteen_installs_at_once_each_on_its_own_tenant_leak_nothing()
        {
            var n = SixteenTenantsFixture.Count;
            var tenants = _f.Server.Tenants.ToList();
            var names = ConnectWiseSetup.Permissions.ProfileCatalog.BuiltInNames.OrderBy(x => x, StringComparer.Ordinal).ToList();
            var profiles = names.Select(ConnectWiseSetup.Permissions.ProfileCatalog.Resolve).ToList();
            var outcomes = await Task.WhenAll(tenants.Select((t, i) => Task.Run(() =>
            {
                var s = _f.ConnectedSession(t);
                var story = new InstallStory(_f, t, s, names[i % names.Count]);
                var ok = story.Drive(5);
                var conn = s.Run("Get-CwConnection").Single<CwConnection>();
                return (Session: s, Story: story, Ok: ok, Connection: conn);
            })));
            try
            {
                var leaks = 0;
                for (var i = 0; i < n; i++)
                {
                    var (s, story, ok, conn) = outcomes[i];
                    Assert.True(ok, names[i % names.Count] + " on " + tenants[i].CompanyId + ": " + string.Join(" | ", story.Errors));
                    Assert.Equal(tenants[i].CompanyId, conn.CompanyId);
                    var mine = profiles[i % names.Count];
                    var state = _f.Server.GetTenant(tenants[i].CompanyId);
                    var logMembers = state.RequestLog.Where(e => e.Channel == "api" && e.Member != null).Select(e => e.Member).Distinct().ToList();
                    leaks += logMembers.Count(m => m != "SimAdmin" && !string.Equals(m, mine.MemberIdentifier, StringComparison.OrdinalIgnoreCase));
                    Assert.Contains(logMembers, m => string.Equals(m, mine.MemberIdentifier, StringComparison.OrdinalIgnoreCase));
                    foreach (var other in profiles.Where(p => p.Name != mine.Name))
                    {
                        leaks += state.Collection("system/securityroles").All.Count(r => string.Equals((string)r["name"], other.RoleName, StringComparison.OrdinalIgnoreCase));
                        leaks += state.Collection("system/apiMembers").All.Count(m => string.Equals((string)m["identifier"], other.MemberIdentifier, StringComparison.OrdinalIgnoreCase));
                    }
                    Assert.Single(state.Collection("system/securityroles").All, r => string.Equals((string)r["name"], mine.RoleName, StringComparison.OrdinalIgnoreCase));
                    Assert.Single(state.Collection("system/apiMembers").All, m => string.Equals((string)m["identifier"], mine.MemberIdentifier, StringComparison.OrdinalIgnoreCase));
                    Assert.Equal(tenants[i].CompanyId, s.Run("Get-CwConnection").Single<CwConnection>().CompanyId);
                }
                _out.WriteLine($"parallel installs: {n} runspaces, {outcomes.Count(o => o.Ok)}/{n} complete, leaks {leaks}");
                Assert.Equal(0, leaks);
            }
            finally
            {
                foreach (var o in outcomes) o.Session.Dispose();
            }
        }
    }
}
