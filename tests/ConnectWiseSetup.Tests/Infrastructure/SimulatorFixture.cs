using System.Management.Automation;
using Xunit;
using System.Net;
using System.Security;
using ConnectWiseSetup.Simulator;

namespace ConnectWiseSetup.Tests.Infrastructure
{
    /// <summary>
    /// One in-process simulator on a free loopback port for a test class (or collection); it
    /// stops when the tests end. Tests that change tenant-wide state use their own tenant via
    /// <see cref="SimulatorOptions.TenantCount"/> or a fixture of their own.
    /// </summary>
    public class SimulatorFixture : IAsyncLifetime
    {
        protected virtual SimulatorOptions Options => new() { Port = 0, TenantCount = 4, Seed = 1234 };

        public SimulatorServer Server { get; private set; }
        public TenantInfo Tenant => Server.Tenants[0];

        public async Task InitializeAsync() => Server = await SimulatorServer.StartAsync(Options);

        public async Task DisposeAsync()
        {
            if (Server != null) await Server.DisposeAsync();
        }

        public string ServerUrl => Server.BaseUrl.ToString().TrimEnd('/');

        public static PSCredential Credential(string publicKey, string privateKey)
            => new(publicKey, new NetworkCredential("", privateKey).SecurePassword);

        /// <summary>Variables a script needs to connect to a tenant: $Server, $CompanyId, $ClientId, $Cred.</summary>
        public Dictionary<string, object> ConnectVariables(TenantInfo tenant = null)
        {
            tenant ??= Tenant;
            return new Dictionary<string, object>
            {
                ["Server"] = ServerUrl,
                ["CompanyId"] = tenant.CompanyId,
                ["ClientId"] = tenant.ClientId,
                ["Cred"] = Credential(tenant.PublicKey, tenant.PrivateKey),
            };
        }

        public const string ConnectScript = "Connect-CwManage -Server $Server -CompanyId $CompanyId -ClientId $ClientId -Credential $Cred";

        /// <summary>A runspace that has imported the module and connected to the tenant as its administrator.</summary>
        public PsSession ConnectedSession(TenantInfo tenant = null, ScriptedHost host = null)
        {
            var s = new PsSession(host);
            var r = s.Run(ConnectScript, ConnectVariables(tenant));
            r.AssertNoErrors();
            return s;
        }
    }

    /// <summary>A simulator with options chosen by the test itself, started and stopped by it (InitializeAsync, DisposeAsync).</summary>
    public sealed class AdHocSimulator : SimulatorFixture
    {
        readonly SimulatorOptions _options;
        public AdHocSimulator(SimulatorOptions options) { _options = options; }
        protected override SimulatorOptions Options => _options;
    }
}
