using System.Net;
using System.Security.Cryptography.X509Certificates;
using ConnectWiseSetup.Simulator;
using Newtonsoft.Json.Linq;
using Xunit;

namespace ConnectWiseSetup.Tests.Simulator;

public class ProgramTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cwsim-" + Guid.NewGuid().ToString("N"));
    public void Dispose() { if (Directory.Exists(_dir)) Directory.Delete(_dir, true); }

    [Fact]
    public void ParsesArguments()
    {
        var (o, file) = Program.ParseArgs(new[] { "--port", "0", "--connection-file", "x.json", "--https", "--tenants", "3", "--latency-ms", "5", "--seed", "9" });
        Assert.Equal(0, o.Port);
        Assert.Equal("x.json", file);
        Assert.True(o.Https);
        Assert.Equal(3, o.TenantCount);
        Assert.Equal(5, o.LatencyMs);
        Assert.Equal(9, o.Seed);
        Assert.Throws<ArgumentException>(() => Program.ParseArgs(new[] { "--port" }));
        Assert.Throws<ArgumentException>(() => Program.ParseArgs(new[] { "--tenants", "0" }));
        Assert.Throws<ArgumentException>(() => Program.ParseArgs(new[] { "--bogus" }));
    }

    [Fact]
    public void TakesTheParentPidOutOfTheArgumentsAndItsHelpNamesTheOperatorChannelAndThePwshModule()
    {
        var (rest, pid) = Program.TakeParentPid(new[] { "--port", "0", "--parent-pid", "42", "--tenants", "2" });
        Assert.Equal(new[] { "--port", "0", "--tenants", "2" }, rest);
        Assert.Equal(42, pid);
        Assert.Null(Program.TakeParentPid(new[] { "--port", "0" }).ParentPid);
        Assert.Throws<ArgumentException>(() => Program.TakeParentPid(new[] { "--parent-pid" }));
        Assert.Throws<ArgumentException>(() => Program.TakeParentPid(new[] { "--parent-pid", "x" }));
        foreach (var word in new[] { "--parent-pid", "/_operator/", "X-Operator-Token", "Import-Module ./src/ConnectWiseSetup.Simulator/CwSimulator", "Start-CwSimulator" })
            Assert.Contains(word, Program.Usage);
    }

    [Fact]
    public async Task WritesAConnectionFileAClientCanUse()
    {
        var path = Path.Combine(_dir, "conn.json");
        var (options, file) = Program.ParseArgs(new[] { "--port", "0", "--connection-file", path, "--tenants", "2" });
        await using var s = await Program.StartAsync(options, file);
        var o = JObject.Parse(File.ReadAllText(path));
        foreach (var k in new[] { "server", "companyId", "clientId", "publicKey", "privateKey", "operatorToken", "operatorUrl" })
            Assert.False(string.IsNullOrEmpty((string)o[k]), k);
        Assert.Equal(2, ((JArray)o["tenants"]).Count);
        Assert.Equal(s.BaseUrl.ToString().TrimEnd('/'), (string)o["server"]);

        var t = new TenantInfo { CompanyId = (string)o["companyId"], ClientId = (string)o["clientId"], PublicKey = (string)o["publicKey"], PrivateKey = (string)o["privateKey"] };
        using var c = Sim.Client(s, t);
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync("system/info")).StatusCode);
        using var op = new HttpClient();
        op.DefaultRequestHeaders.Add("X-Operator-Token", (string)o["operatorToken"]);
        Assert.Equal(HttpStatusCode.OK, (await op.GetAsync((string)o["operatorUrl"] + "/tenants")).StatusCode);
    }

    [Fact]
    public async Task HttpsServesASelfSignedLoopbackCertificateWrittenAsPem()
    {
        var path = Path.Combine(_dir, "conn.json");
        await using var s = await Program.StartAsync(new SimulatorOptions { Https = true, SeedSampleData = false }, path);
        Assert.Equal("https", s.BaseUrl.Scheme);
        var pemPath = (string)JObject.Parse(File.ReadAllText(path))["certificate"];
        Assert.True(File.Exists(pemPath));
        Assert.Equal(_dir, Path.GetDirectoryName(pemPath));
        var pinned = X509Certificate2.CreateFromPem(File.ReadAllText(pemPath));
        Assert.Contains("127.0.0.1", pinned.GetNameInfo(X509NameType.DnsFromAlternativeName, false) + string.Join(",", pinned.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(e => e.EnumerateIPAddresses()).Select(a => a.ToString())));
        // trust exactly the written certificate (pinning), never "accept anything"
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert != null && cert.RawData.AsSpan().SequenceEqual(pinned.RawData),
        };
        using var http = new HttpClient(handler);
        var r = await http.GetAsync(new Uri(s.BaseUrl, "/login/companyinfo/" + s.Tenants[0].CompanyId));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        using var strict = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => strict.GetAsync(new Uri(s.BaseUrl, "/login/companyinfo/x")));
    }

    [Fact]
    public async Task ExplicitCompanyIdsAndSeedAreReproducible()
    {
        await using var a = await SimulatorServer.StartAsync(new SimulatorOptions { Seed = 5, CompanyIds = { "alpha", "beta" }, SeedSampleData = false });
        await using var b = await SimulatorServer.StartAsync(new SimulatorOptions { Seed = 5, CompanyIds = { "alpha", "beta" }, SeedSampleData = false });
        Assert.Equal(new[] { "alpha", "beta" }, a.Tenants.Select(t => t.CompanyId));
        Assert.Equal(a.Tenants[1].PrivateKey, b.Tenants[1].PrivateKey);
        Assert.Equal(a.Tenants[1].ClientId, b.Tenants[1].ClientId);
        Assert.NotEqual(a.Tenants[0].PrivateKey, a.Tenants[1].PrivateKey);
        Assert.NotEqual(a.BaseUrl.Port, b.BaseUrl.Port);
    }
}
