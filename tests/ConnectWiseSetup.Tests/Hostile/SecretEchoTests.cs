#nullable enable
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Cmdlets;
using ConnectWiseSetup.Tests.Client;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;

namespace ConnectWiseSetup.Tests.Hostile;

/// <summary>
/// A server (or a proxy) that echoes every request header back, in every body form an error can take: no form of the
/// credential reaches the exception, its properties, the error record, the verbose and debug streams, or what
/// <c>$Error[0].Exception | Format-List * -Force</c> shows in a runspace (each property PowerShell sees, as text). Secrets are never printed by these tests.
/// </summary>
[Collection(RunAlone.Name)]
public sealed class SecretEchoTests : IDisposable
{
    private readonly HostileCw _cw = new();

    public void Dispose() => _cw.Dispose();

    private static Runspace OpenRunspace()
    {
        var iss = InitialSessionState.CreateDefault2();
        iss.Commands.Add(new SessionStateCmdletEntry("Connect-CwManage", typeof(ConnectCwManageCommand), null));
        iss.Commands.Add(new SessionStateCmdletEntry("Invoke-CwTestCall", typeof(InvokeCwTestCallCommand), null));
        var rs = RunspaceFactory.CreateRunspace(iss);
        rs.Open();
        return rs;
    }

    private string ConnectScript()
        => "$s = [securestring]::new(); foreach ($ch in '" + TestTenant.PrivateKey + "'.ToCharArray()) { $s.AppendChar($ch) }; " +
           "$cred = [pscredential]::new('" + TestTenant.PublicKey + "', $s); $s = $null; " +
           "Connect-CwManage -Server '" + _cw.Url + "' -CompanyId contoso -Credential $cred -ClientId '" + TestTenant.ClientId + "' -MaxRetryTimeSec 0";

    private sealed record Shown(ErrorRecord Record, string FormatList, string RecordList, IReadOnlyList<string> Verbose, IReadOnlyList<string> Debug);

    private static Shown Run(Runspace rs, string script)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = rs;
        // What Format-List * -Force prints (this bare host has no Format-List): every property PowerShell sees on the exception,
        // its inner exceptions and the record, each value as PowerShell turns it into text (a list's items joined).
        ps.AddScript("$Error.Clear(); " + script + " -Verbose -Debug -ErrorAction SilentlyContinue; " +
                     "$lines = foreach ($o in @($Error[0].Exception, $Error[0].Exception.InnerException, $Error[0].Exception.InnerException.InnerException)) { " +
                     "  if ($null -ne $o) { foreach ($p in $o.psobject.Properties) { $p.Name + ': ' + \"$($p.Value)\" } } }; $lines -join \"`n\"; " +
                     "$lines = foreach ($p in $Error[0].psobject.Properties) { $p.Name + ': ' + \"$($p.Value)\" }; $lines -join \"`n\"");
        var output = ps.Invoke().Select(o => o?.ToString() ?? "").ToList();
        var errors = (System.Collections.ArrayList)rs.SessionStateProxy.GetVariable("Error");
        Assert.NotEmpty(errors);
        var record = errors[0] is IContainsErrorRecord c ? c.ErrorRecord : (ErrorRecord)errors[0]!;
        return new Shown(record, output.ElementAtOrDefault(0) ?? "", output.ElementAtOrDefault(1) ?? "",
            ps.Streams.Verbose.Select(v => v.Message).ToList(), ps.Streams.Debug.Select(v => v.Message).ToList());
    }

    private static void AssertNothingShown(Shown shown, string form, bool allowPublicKey = false)
    {
        SecretAssert.CleanException(shown.Record.Exception, form + ": exception", allowPublicKey);
        SecretAssert.Clean(shown.Record.ErrorDetails?.Message, form + ": ErrorDetails.Message", allowPublicKey);
        SecretAssert.Clean(shown.Record.ErrorDetails?.RecommendedAction, form + ": ErrorDetails.RecommendedAction", allowPublicKey);
        SecretAssert.Clean(shown.Record.ToString(), form + ": record", allowPublicKey);
        SecretAssert.Clean(shown.Record.TargetObject?.ToString(), form + ": TargetObject", allowPublicKey);
        SecretAssert.Clean(shown.Record.CategoryInfo.ToString(), form + ": CategoryInfo", allowPublicKey);
        SecretAssert.Clean(shown.FormatList, form + ": $Error[0].Exception's properties as Format-List * -Force shows them", allowPublicKey);
        SecretAssert.Clean(shown.RecordList, form + ": $Error[0]'s properties", allowPublicKey);
        SecretAssert.Clean(SecretAssert.Join(shown.Verbose), form + ": verbose stream", allowPublicKey);
        SecretAssert.Clean(SecretAssert.Join(shown.Debug), form + ": debug stream", allowPublicKey);
    }

    [Fact]
    public void Every_echoed_form_reaches_no_error_property_stream_or_view()
    {
        using var rs = OpenRunspace();
        using (var ps = PowerShell.Create())
        {
            ps.Runspace = rs;
            ps.AddScript(ConnectScript());
            ps.Invoke();
            Assert.Empty(ps.Streams.Error);
        }
        foreach (var form in HostileCw.EchoForms)
        {
            var shown = Run(rs, "Invoke-CwTestCall -Path hostile/" + form);
            var e = Assert.IsAssignableFrom<CwApiException>(shown.Record.Exception);
            // The echo arrived and was masked where it was (not an unrelated failure).
            var said = e.Message + "\n" + e.ApiMessage + "\n" + e.Code + "\n" + string.Join("\n", e.FieldErrors.Select(f => f.Code + " " + f.Message + " " + f.Resource + " " + f.Field));
            // (A web page shows only its title: "html" keeps the echo in its body, which no error shows.)
            if (form != "html") Assert.True(said.Contains(SecretScrubber.Mask, StringComparison.Ordinal), form + ": nothing was masked (" + e.ErrorId + ")");
            AssertNothingShown(shown, form);
        }
        // The field errors were kept (scrubbed), not dropped.
        var errors = Run(rs, "Invoke-CwTestCall -Path hostile/json-errors");
        var fields = ((CwApiException)errors.Record.Exception).FieldErrors;
        Assert.Equal(2, fields.Count);
        Assert.Equal("identifier", fields[1].Field);
        Assert.Equal("value ***", fields[1].Message);
    }

    [Fact]
    public void A_refused_sign_in_that_echoes_the_headers_shows_only_the_public_key_the_module_names()
    {
        _cw.RefuseSignIn = true;
        using var rs = OpenRunspace();
        var shown = Run(rs, ConnectScript());
        var e = Assert.IsAssignableFrom<CwApiException>(shown.Record.Exception);
        Assert.Equal(ErrorIds.AuthenticationFailed, e.ErrorId);
        Assert.Contains(SecretScrubber.Mask, e.ApiMessage);
        // The module's own sentence names the public key that was refused; nothing else of the credential is shown.
        AssertNothingShown(shown, "sign-in", allowPublicKey: true);
        SecretAssert.Clean(e.ApiMessage, "sign-in: ApiMessage");
        SecretAssert.CleanException(e.InnerException!, "sign-in: inner exception");
    }

    [Fact]
    public void The_scrubber_masks_runs_of_a_secret_before_a_cut_and_leaves_other_text()
    {
        var credential = TestTenant.Basic.Substring(6);
        var scrubber = new SecretScrubber(credential);
        var decoded = TestTenant.CompanyId + "+" + TestTenant.PublicKey + ":" + TestTenant.PrivateKey;

        Assert.Equal("header ***.", scrubber.Scrub("header Basic " + credential + "."));
        Assert.Equal("header ***.", scrubber.Scrub("header BASIC " + credential.ToLowerInvariant() + "."));
        Assert.Equal("user *** end", scrubber.Scrub("user " + decoded + " end"));
        Assert.Equal("key *** end", scrubber.Scrub("key " + TestTenant.PrivateKey.ToUpperInvariant() + " end"));
        Assert.Equal("company contoso, public ***", scrubber.Scrub("company contoso, public " + TestTenant.PublicKey));
        // Part of the credential (a proxy's own cut) is masked from 8 characters on.
        Assert.Equal("trace ***", scrubber.Scrub("trace " + credential.Substring(3, 9)));
        // A cut in the middle of the credential: judged with what follows the cut, so its first half is masked too.
        var text = new string('x', 190) + credential + " tail";
        var cut = scrubber.Scrub(text, 200);
        Assert.Equal(new string('x', 190) + "***...", cut);
        SecretAssert.Clean(cut, "cut");
        // Text without a secret is unchanged, whatever its length.
        var plain = string.Concat(Enumerable.Repeat("The member 'contoso admin' has no such role. ", 2000));
        Assert.Same(plain, scrubber.Scrub(plain));
        Assert.Equal(plain.Substring(0, 50) + "...", scrubber.Scrub(plain, 50));
    }
}
