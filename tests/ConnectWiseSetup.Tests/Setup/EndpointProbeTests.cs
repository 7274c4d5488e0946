using System.Net;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;
using ConnectWiseSetup.Setup;
using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;

namespace ConnectWiseSetup.Tests.Setup
{
    /// <summary>The live probe of a profile's endpoints, as the integration, against the simulator's permission enforcement.</summary>
    public class EndpointProbeTests : IClassFixture<SimulatorFixture>
    {
        readonly SimulatorFixture _sim;
        public EndpointProbeTests(SimulatorFixture sim) { _sim = sim; }

        CwConnection Connect(TenantInfo t, string publicKey, string privateKey) => CwConnector.ConnectAsync(new ConnectionOptions
        {
            Server = _sim.ServerUrl,
            CompanyId = t.CompanyId,
            PublicKey = publicKey,
            PrivateKey = new NetworkCredential("", privateKey).SecurePassword,
            ClientId = t.ClientId,
        }, CancellationToken.None).GetAwaiter().GetResult();

        /// <summary>Sets up the MSP Process role exactly as its profile says, a member with it, and a key: as an administrator would by hand.</summary>
        CwConnection IntegrationFor(TenantInfo t, PermissionProfile profile, string identifier)
        {
            var admin = Connect(t, t.PublicKey, t.PrivateKey).Client;
            var role = admin.PostAsync<SecurityRole>("system/securityroles", new { name = profile.RoleName + " " + identifier }, default).GetAwaiter().GetResult();
            using var op = new OperatorClient(_sim.Server.BaseUrl, _sim.Server.OperatorToken, t.CompanyId);
            op.SetRoleLevels(role.Id, profile.Permissions.Select(r => new { module = r.Module, function = r.Function, addLevel = r.Add.ToString(), editLevel = r.Edit.ToString(), deleteLevel = r.Delete.ToString(), inquireLevel = r.Inquire.ToString() }));
            var member = admin.GetAsync<JObject>("system/apiMembers/default", default).GetAwaiter().GetResult();
            member["identifier"] = identifier;
            member["name"] = identifier;
            member["securityRole"] = new JObject { ["id"] = role.Id };
            member.Remove("id");
            var created = admin.PostAsync<JObject>("system/apiMembers", member, default).GetAwaiter().GetResult();
            var key = op.CreateApiKey((int)created["id"], "probe test");
            return Connect(t, key.PublicKey, key.PrivateKey);
        }

        [Fact]
        public async Task The_MSP_Process_role_passes_its_probe_and_the_403s_are_the_optional_endpoints()
        {
            var t = _sim.Server.Tenants[0];
            var profile = ProfileCatalog.Resolve("MspProcess");
            var integration = IntegrationFor(t, profile, "MspProbe");
            var rows = await integration.Client.GetListAsync<SecurityRoleSetting>("system/mySecurity", new ListQuery(), default);
            var results = await new EndpointProbe(integration.Client).ProbeAsync(profile.Endpoints, rows, 8, default);

            Assert.Equal(profile.Endpoints.Count, results.Count);
            var failures = results.Where(r => !r.Passed).ToList();
            Assert.True(failures.Count == 0, string.Join("\n", failures.Select(f => f + " " + f.Message)));
            // The simulator's enforcement forbids what the minimum role does not grant: those are the optional endpoints.
            var forbidden = results.Where(r => r.Outcome == ProbeOutcome.Forbidden).Select(r => r.Path).ToList();
            Assert.Contains("/finance/agreements", forbidden);
            Assert.Contains("/company/configurations", forbidden);
            Assert.All(results.Where(r => r.Outcome == ProbeOutcome.Forbidden), r => Assert.True(r.Optional));
            // Writes are checked against the row, not called.
            var post = results.Single(r => r.Method == "POST" && r.Path == "/service/tickets");
            Assert.Equal(ProbeOutcome.RowGrants, post.Outcome);
            Assert.Null(post.CalledPath);
            Assert.Equal(ProbeOutcome.RowLacks, results.Single(r => r.Method == "POST" && r.Path == "/time/entries").Outcome);
            // Placeholders were filled from their parent list.
            Assert.Matches(@"^/company/contacts/\d+/notes$", results.Single(r => r.Path == "/company/contacts/{contactId}/notes").CalledPath);
        }

        [Fact]
        public async Task A_probe_catches_a_403_and_sends_no_write()
        {
            var t = _sim.Server.Tenants[1];
            var profile = ProfileCatalog.Resolve("MspProcess");
            // The administrator forgot Service Tickets.
            var narrowed = profile.With();
            narrowed.Permissions = profile.Permissions.Where(r => r.Function != "Service Tickets").ToList();
            var integration = IntegrationFor(t, narrowed, "MspNarrow");
            var rows = await integration.Client.GetListAsync<SecurityRoleSetting>("system/mySecurity", new ListQuery(), default);
            var before = _sim.Server.GetTenant(t.CompanyId).RequestLog.Count;
            var results = await new EndpointProbe(integration.Client).ProbeAsync(profile.Endpoints, rows, 4, default);
            var tickets = results.Single(r => r.Method == "GET" && r.Path == "/service/tickets");
            Assert.Equal(ProbeOutcome.Forbidden, tickets.Outcome);
            Assert.Equal(403, tickets.StatusCode);
            Assert.False(tickets.Passed);
            Assert.Equal(ProbeOutcome.RowLacks, results.Single(r => r.Method == "POST" && r.Path == "/service/tickets").Outcome);
            var sent = _sim.Server.GetTenant(t.CompanyId).RequestLog.Skip(before).ToList();
            Assert.All(sent, e => Assert.Equal("GET", e.Method));
            // Each parent list was read once, however many endpoints sit below it.
            Assert.Single(sent, e => e.Path.EndsWith("/service/boards", StringComparison.OrdinalIgnoreCase) && e.Query.Contains("fields=id"));
        }
    }
}
