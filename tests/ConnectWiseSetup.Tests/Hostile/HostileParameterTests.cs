#nullable enable
using System.Management.Automation;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Setup;
using ConnectWiseSetup.Tests.Client;
using ConnectWiseSetup.Tests.Infrastructure;
using ConnectWiseSetup.Tests.Reliability;
using Xunit;

namespace ConnectWiseSetup.Tests.Hostile;

/// <summary>
/// Hostile parameters against the real module, connected to a loopback server that counts requests: each value that cannot be
/// right is refused with its ErrorId and sends nothing (0 requests after the connection), before any sign-in or confirmation.
/// </summary>
[Collection(RunAlone.Name)]
public sealed class HostileParameterTests : IDisposable
{
    private readonly HostileCw _cw = new();
    private readonly PsSession _ps = new();

    public HostileParameterTests()
    {
        _ps.Run("$s = [securestring]::new(); foreach ($ch in '" + TestTenant.PrivateKey + "'.ToCharArray()) { $s.AppendChar($ch) }; " +
                "$cred = [pscredential]::new('" + TestTenant.PublicKey + "', $s); $s = $null; " +
                "Connect-CwManage -Server '" + _cw.Url + "' -CompanyId contoso -Credential $cred -ClientId '" + TestTenant.ClientId + "'").AssertNoErrors();
    }

    public void Dispose()
    {
        _ps.Dispose();
        _cw.Dispose();
    }

    /// <summary>Values no identity parameter may take: empty, blank, control characters, too long, a hashtable, a custom object, a list, 0, a negative, a fraction, past int.</summary>
    private static readonly string[] BadIdentities =
    {
        "''", "'   '", "\"a`nb\"", "@{}", "@{ id = 5 }", "([pscustomobject]@{ id = 5 })", "@(1, 2)", "0", "(-3)", "4.5", "([long]::MaxValue)", "{ 'x' }",
    };

    /// <summary>Each cmdlet with an identity parameter: the command with {0} where the value goes.</summary>
    private static readonly string[] IdentityCommands =
    {
        "Update-CwApiKey -ApiMember {0} -OldKeyPair $cred -NonInteractive",
        "New-CwApiKey -ApiMember {0}",
        "Disable-CwApiMember -ApiMember {0} -Confirm:$false",
        "Set-CwApiMember -ApiMember {0} -Name 'X' -Confirm:$false",
        "Set-CwApiMember -ApiMember MMB -SecurityRole {0} -Confirm:$false",
        "Set-CwApiMember -ApiMember MMB -Department {0} -Confirm:$false",
        "Get-CwApiMember -SecurityRole {0}",
        "New-CwApiMember -Identifier Abc -Name 'Abc' -SecurityRole {0} -Confirm:$false",
        "New-CwApiMember -Identifier Abc -Name 'Abc' -SecurityRole Vendor -Level {0} -Confirm:$false",
        "Get-CwSecurityRolePermission -Role {0}",
        "Export-CwSecurityRole -Role {0}",
        "Remove-CwSecurityRole -Role {0} -Confirm:$false",
        "Compare-CwSecurityRole -Role {0} -ReferenceRole Admin",
        "Compare-CwSecurityRole -Role Admin -ReferenceRole {0}",
        "Wait-CwSecurityRolePermission -Role {0} -Profile MspProcess",
        "Test-CwIntegrationPermission -Role {0} -Profile MspProcess",
        "Test-CwIntegrationPermission -ApiMember {0} -Profile MspProcess",
        "Install-CwIntegration -Profile MspProcess -NonInteractive -TimeZone {0}",
        "Test-CwTenant -Profile MspProcess -SecurityLocation {0}",
    };

    private void AssertRefusedBeforeAnyRequest(string script, string errorId, string? hint = null)
    {
        var before = _cw.Requests.Count;
        var r = _ps.Run(script);
        var e = r.SingleError();
        Assert.True(errorId == BadInputTests.ErrorIdOf(e), script + ": " + BadInputTests.ErrorIdOf(e) + ": " + e.Exception.Message);
        if (hint != null) Assert.Contains(hint, e.Exception.Message + " " + e.ErrorDetails?.Message);
        Assert.True(_cw.Requests.Count == before, script + ": sent " + string.Join(", ", _cw.Requests.Skip(before)));
        Assert.Empty(r.Output);
    }

    [Fact]
    public void Identity_parameters_refuse_values_that_cannot_name_anything_before_any_request()
    {
        foreach (var command in IdentityCommands)
        {
            foreach (var value in BadIdentities)
                AssertRefusedBeforeAnyRequest(string.Format(command, value), ErrorIds.InvalidArgument);
            // Longer than any member identifier or role name can be (a reference's name length is the names rule's).
            if (command.Contains("Member {0}") || command.Contains("Role {0}"))
                AssertRefusedBeforeAnyRequest(string.Format(command, "('x' * 100001)"), ErrorIds.InvalidArgument);
        }
    }

    [Fact]
    public void Watch_intervals_and_timeouts_outside_a_timers_range_are_refused_before_any_request_or_confirmation()
    {
        foreach (var (command, parameter) in new[]
                 {
                     ("Wait-CwSecurityRolePermission -Role Vendor -Profile MspProcess -PollInterval {0}", "-PollInterval"),
                     ("Wait-CwSecurityRolePermission -Role Vendor -Profile MspProcess -Timeout {0}", "-Timeout"),
                     ("Install-CwIntegration -Profile MspProcess -PollInterval {0}", "-PollInterval"),
                     ("Install-CwIntegration -Profile MspProcess -PermissionTimeout {0}", "-PermissionTimeout"),
                     ("Update-CwApiKey -ApiMember MMB -OldKeyPair $cred -WatchInterval {0}", "-WatchInterval"),
                     ("Update-CwApiKey -ApiMember MMB -OldKeyPair $cred -WatchTimeout {0}", "-WatchTimeout"),
                 })
        {
            var values = parameter.EndsWith("Interval", StringComparison.Ordinal)
                ? new[] { "0", "'00:00:00.001'", "'-00:00:01'", "'02:00:00'", "([timespan]::MaxValue)" }
                : new[] { "'-00:00:01'", "'30.00:00:00'", "([timespan]::MaxValue)" };
            foreach (var value in values)
                AssertRefusedBeforeAnyRequest(string.Format(command, value), ErrorIds.InvalidArgument, parameter);
        }
    }

    [Fact]
    public void A_watch_on_a_ConnectWise_server_asks_at_most_every_two_seconds_and_on_this_computer_as_given()
    {
        using var remote = TestTenant.Client(new FakeHandler(_ => FakeHandler.Ok("{}")));
        Assert.Equal(TimeSpan.FromSeconds(2), WatchPace.Paced(remote, TimeSpan.FromMilliseconds(10)));
        Assert.Equal(TimeSpan.FromSeconds(30), WatchPace.Paced(remote, TimeSpan.FromSeconds(30)));
        var options = TestTenant.Options(new FakeHandler(_ => FakeHandler.Ok("{}")), server: "http://127.0.0.1:5000");
        using var local = CwConnector.CreateClient(options, out _);
        Assert.Equal(TimeSpan.FromMilliseconds(10), WatchPace.Paced(local, TimeSpan.FromMilliseconds(10)));
    }

    [Fact]
    public void A_report_path_that_cannot_be_written_is_refused_before_any_request()
    {
        var folder = Directory.CreateTempSubdirectory("cwreport").FullName;
        try
        {
            AssertRefusedBeforeAnyRequest("Test-CwTenant -ReportPath 'variable:/x'", ErrorIds.InvalidFilePath, "not the file system");
            AssertRefusedBeforeAnyRequest("Test-CwTenant -ReportPath '" + Path.Combine(folder, "no", "such", "r.json") + "'", ErrorIds.InvalidFilePath, "does not exist");
            AssertRefusedBeforeAnyRequest("Test-CwTenant -ReportPath '" + folder + "'", ErrorIds.InvalidFilePath, "is a folder");
            AssertRefusedBeforeAnyRequest("Test-CwTenant -ReportPath 'nosuchdrive:/r.json'", ErrorIds.InvalidFilePath);
            File.WriteAllText(Path.Combine(folder, "r.json"), "{}");
            AssertRefusedBeforeAnyRequest("Test-CwTenant -ReportPath '" + Path.Combine(folder, "r.json") + "'", ErrorIds.FileExists);
            // Nothing was written into the working directory for the variable: path.
            Assert.False(File.Exists(Path.Combine(Environment.CurrentDirectory, "x")));
            Assert.Equal(new[] { "r.json" }, Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
        }
        finally { Directory.Delete(folder, true); }
    }

    [Fact]
    public void Connect_never_echoes_user_info_typed_into_the_server()
    {
        foreach (var server in new[] { "https://admin:Pa55w0rdX@cw.example.com", "admin:Pa55w0rdX@cw.example.com", "https://admin:Pa55w0rdX@cw.example.com/v4_6_release/apis/3.0", "http://admin:Pa55w0rdX@10.1.2.3" })
        {
            var r = _ps.Run("Connect-CwManage -Server '" + server + "' -CompanyId contoso -Credential $cred -ClientId '" + TestTenant.ClientId + "'");
            var e = r.SingleError();
            Assert.StartsWith("CwInvalidServer", e.FullyQualifiedErrorId.Replace("CwInsecureServer", "CwInvalidServer"));
            var shown = e.Exception.Message + " " + e.ErrorDetails?.Message + " " + e.TargetObject + " " + e;
            Assert.DoesNotContain("Pa55w0rdX", shown);
            Assert.DoesNotContain("admin:", shown);
        }
        Assert.Equal("https://cw.example.com/x", ErrorMapping.WithoutUserInfo("https://u:p@cw.example.com/x"));
        Assert.Equal("cw.example.com", ErrorMapping.WithoutUserInfo("u:p@cw.example.com"));
        Assert.Equal("https://cw.example.com/a@b", ErrorMapping.WithoutUserInfo("https://cw.example.com/a@b"));
    }

    [Fact]
    public async Task A_site_url_a_server_reports_is_kept_without_user_info()
    {
        var handler = new FakeHandler(r => r.Uri.AbsolutePath.StartsWith("/login/", StringComparison.Ordinal)
            ? FakeHandler.Ok(TestTenant.CompanyInfoJson.Replace("\"SiteUrl\":\"na.myconnectwise.net\"", "\"SiteUrl\":\"https://svc:Pa55w0rdX@na.myconnectwise.net\""))
            : FakeHandler.Ok(TestTenant.SystemInfoJson));
        var connection = await CwConnector.ConnectAsync(TestTenant.Options(handler), CancellationToken.None);
        using var client = connection.Client;
        Assert.Equal("https://na.myconnectwise.net", connection.SiteUrl);
    }

    [Fact]
    public void Hostile_profile_files_are_refused_with_their_field_before_any_request()
    {
        var folder = Directory.CreateTempSubdirectory("cwprofile").FullName;
        try
        {
            var cases = new List<(string Name, string Json, string Hint)>
            {
                ("huge", "{\"name\":\"Huge\"," + new string(' ', 2 * 1024 * 1024) + "}", "larger than 1 MB"),
                ("nested", "{\"name\":\"Deep\",\"permissions\":" + new string('[', 5000) + new string(']', 5000) + "}", "(file)"),
                ("truncated", "{\"name\":\"Cut\",\"permissions\":[{\"module\":", "not valid JSON"),
                ("name-number", "{\"name\":5}", "name"),
                ("role-text", "{\"name\":\"X\",\"role\":\"Admin\"}", "role"),
                ("rows-object", "{\"name\":\"X\",\"permissions\":{\"a\":1}}", "permissions"),
                ("array-root", "[1,2,3]", "(root)"),
            };
            foreach (var (name, json, hint) in cases)
            {
                var file = Path.Combine(folder, name + ".json");
                File.WriteAllText(file, json);
                AssertRefusedBeforeAnyRequest("Test-CwTenant -Profile '" + file + "'", ErrorIds.InvalidProfile);
            }
            // A device that never ends is read to the bound, not to memory's end.
            if (OperatingSystem.IsLinux())
                AssertRefusedBeforeAnyRequest("Test-CwTenant -Profile '/dev/zero'", ErrorIds.InvalidProfile, "larger than 1 MB");
        }
        finally { Directory.Delete(folder, true); }
    }
}
