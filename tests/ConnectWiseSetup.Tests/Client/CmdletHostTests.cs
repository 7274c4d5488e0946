using ConnectWiseSetup.Tests.Infrastructure;
#nullable enable
using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Cmdlets;
using Newtonsoft.Json.Linq;
using Xunit;

namespace ConnectWiseSetup.Tests.Client;

/// <summary>A CwCmdlet for the tests: one GET through the bridge.</summary>
[Cmdlet("Invoke", "CwTestCall")]
public sealed class InvokeCwTestCallCommand : CwCmdlet
{
    [Parameter(Position = 0)]
    public string Path { get; set; } = "system/info";

    protected override void ProcessRecord()
    {
        var client = ResolveClient();
        try
        {
            var result = RunAsync(ct => client.GetAsync<JObject>(Path, ct));
            WriteObject(result.ToString(Newtonsoft.Json.Formatting.None));
        }
        catch (PipelineStoppedException) { throw; }
        catch (Exception e) { WriteCwError(e, Path); }
    }
}

/// <summary>The cmdlets in real runspaces against a loopback ConnectWise (the module's types, registered directly).</summary>
[Collection(RunAlone.Name)]
public sealed class CmdletHostTests : IDisposable
{
    private readonly LoopbackCw _cw = new();

    public void Dispose() => _cw.Dispose();

    private static Runspace OpenRunspace()
    {
        var iss = InitialSessionState.CreateDefault2();
        iss.Commands.Add(new SessionStateCmdletEntry("Connect-CwManage", typeof(ConnectCwManageCommand), null));
        iss.Commands.Add(new SessionStateCmdletEntry("Disconnect-CwManage", typeof(DisconnectCwManageCommand), null));
        iss.Commands.Add(new SessionStateCmdletEntry("Get-CwConnection", typeof(GetCwConnectionCommand), null));
        iss.Commands.Add(new SessionStateCmdletEntry("Invoke-CwTestCall", typeof(InvokeCwTestCallCommand), null));
        var rs = RunspaceFactory.CreateRunspace(iss);
        rs.Open();
        return rs;
    }

    private string ConnectScript(string clientId = TestTenant.ClientId, string privateKey = TestTenant.PrivateKey)
        => "$cred = [pscredential]::new('" + TestTenant.PublicKey + "', $(" + SecureLiteral(privateKey) + ")); " +
           "Connect-CwManage -Server '" + _cw.Url + "' -CompanyId contoso -Credential $cred -ClientId '" + clientId + "'";

    /// <summary>A SecureString built in script (ConvertTo-SecureString is not in this bare host).</summary>
    private static string SecureLiteral(string plain)
        => "$s = [securestring]::new(); foreach ($ch in '" + plain + "'.ToCharArray()) { $s.AppendChar($ch) }; $s";

    private static (List<PSObject> Output, PowerShell Ps) Run(Runspace rs, string script)
    {
        var ps = PowerShell.Create();
        ps.Runspace = rs;
        ps.AddScript(script);
        var output = ps.Invoke().ToList();
        return (output, ps);
    }

    [Fact]
    public void Connect_sets_the_current_connection_of_this_runspace_only()
    {
        using var rs1 = OpenRunspace();
        using var rs2 = OpenRunspace();
        var (output, ps) = Run(rs1, ConnectScript() + " -PassThru -Verbose");
        Assert.Empty(ps.Streams.Error);
        var connection = Assert.IsType<CwConnection>(Assert.Single(output).BaseObject);
        Assert.Equal("contoso@127.0.0.1:" + _cw.Port + " (v2025_1)", connection.ToString());
        Assert.Equal("2025.1", connection.ApiVersion);

        var verbose = ps.Streams.Verbose.Select(v => v.Message).ToList();
        Assert.Contains(verbose, v => v.StartsWith("GET /v2025_1/apis/3.0/system/info -> 200"));
        Assert.All(verbose, v => Assert.DoesNotContain(TestTenant.PrivateKey, v));
        Assert.All(verbose, v => Assert.DoesNotContain("Basic", v));

        var (current, _) = Run(rs1, "Get-CwConnection");
        Assert.Same(connection, Assert.Single(current).BaseObject);
        var (call, callPs) = Run(rs1, "Invoke-CwTestCall");
        Assert.Empty(callPs.Streams.Error);
        Assert.Contains("v2025.1.10473", (string)Assert.Single(call).BaseObject);

        // Another runspace of the same process sees nothing.
        var (other, _) = Run(rs2, "Get-CwConnection");
        Assert.Empty(other);
        var (_, otherPs) = Run(rs2, "Invoke-CwTestCall");
        Assert.Equal("CwNotConnected", Assert.Single(otherPs.Streams.Error).FullyQualifiedErrorId.Split(',')[0]);
        Assert.Contains("Run Connect-CwManage first, or pass -Connection", otherPs.Streams.Error[0].Exception.Message);

        // ...but can use the connection explicitly.
        rs2.SessionStateProxy.SetVariable("c", connection);
        var (explicitCall, explicitPs) = Run(rs2, "Invoke-CwTestCall -Connection $c");
        Assert.Empty(explicitPs.Streams.Error);
        Assert.Single(explicitCall);

        Run(rs1, "Disconnect-CwManage");
        Assert.False(connection.IsOpen);
        Assert.Empty(Run(rs1, "Get-CwConnection").Output);
        var (_, afterPs) = Run(rs2, "Invoke-CwTestCall -Connection $c");
        Assert.Equal("CwNotConnected", afterPs.Streams.Error.Single().FullyQualifiedErrorId.Split(',')[0]);
    }

    [Fact]
    public void Invalid_input_is_an_error_record_and_no_request()
    {
        using var rs = OpenRunspace();
        var (output, ps) = Run(rs, ConnectScript(clientId: "not-a-guid"));
        Assert.Empty(output);
        var error = Assert.Single(ps.Streams.Error);
        Assert.Equal("CwInvalidClientId,ConnectWiseSetup.Cmdlets.ConnectCwManageCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Empty(_cw.Requests);
        Assert.Empty(Run(rs, "Get-CwConnection").Output);
    }

    [Fact]
    public void Wrong_key_is_an_authentication_error()
    {
        using var rs = OpenRunspace();
        var (_, ps) = Run(rs, ConnectScript(privateKey: "WrongKey123"));
        var error = Assert.Single(ps.Streams.Error);
        Assert.Equal("CwAuthenticationFailed,ConnectWiseSetup.Cmdlets.ConnectCwManageCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.DoesNotContain("WrongKey123", error.ToString());
        Assert.Empty(Run(rs, "Get-CwConnection").Output);
    }

    [Fact]
    public void Api_errors_from_a_cmdlet_are_non_terminating_records_with_the_target()
    {
        using var rs = OpenRunspace();
        Run(rs, ConnectScript());
        var (output, ps) = Run(rs, "Invoke-CwTestCall -Path system/nothing; 'after'");
        Assert.Equal("after", (string)Assert.Single(output).BaseObject);
        var error = Assert.Single(ps.Streams.Error);
        Assert.Equal("CwNotFound,ConnectWiseSetup.Tests.Client.InvokeCwTestCallCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("system/nothing", error.TargetObject);
        Assert.Contains("No route", error.ToString());
    }

    [Fact]
    public async Task Stopping_the_pipeline_cancels_the_request_promptly()
    {
        using var rs = OpenRunspace();
        Run(rs, ConnectScript());
        using var ps = PowerShell.Create();
        ps.Runspace = rs;
        ps.AddScript("Invoke-CwTestCall -Path slow");
        var async = ps.BeginInvoke();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!_cw.Requests.Contains("GET /v2025_1/apis/3.0/slow") && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.Contains("GET /v2025_1/apis/3.0/slow", _cw.Requests);
        var watch = Stopwatch.StartNew();
        ps.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), "stop took " + watch.Elapsed);
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        Assert.Empty(ps.Streams.Error);
        Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(async));
    }

    [Fact]
    public void Sessions_are_per_runspace()
    {
        using var rs1 = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        using var rs2 = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        Assert.NotSame(CwSession.For(rs1), CwSession.For(rs2));
        Assert.Same(CwSession.For(rs1), CwSession.For(rs1));
    }
}
