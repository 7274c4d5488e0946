using System.Text.RegularExpressions;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;
using ConnectWiseSetup.Setup;
using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Tests.Infrastructure;
using ConnectWiseSetup.Tests.Polish;
using Xunit;
using static ConnectWiseSetup.Tests.Install.InstallKit;

namespace ConnectWiseSetup.Tests.Install
{
    /// <summary>
    /// What a person sees of Test-CwIntegrationPermission and Install-CwIntegration: an audit as one line per member, the
    /// details on request, endpoint counts that agree with the calls made, and the private key only when asked for.
    /// </summary>
    public sealed class IntegrationViewTests : IClassFixture<InstallFixture>
    {
        readonly InstallFixture _f;
        public IntegrationViewTests(InstallFixture f) { _f = f; }

        TenantInfo T(int i) => _f.Server.Tenants[i];

        static List<string> Lines(string text) => text.Replace("\r", "").Split('\n').Where(l => l.Trim().Length > 0).ToList();

        [Theory]
        [InlineData(80)]
        [InlineData(120)]
        public void An_audit_of_four_members_is_a_table_of_one_line_each_and_Format_List_gives_the_rows(int width)
        {
            var t = T(width == 80 ? 0 : 1);
            var host = new ScriptedHost();
            using var s = _f.ConnectedSession(t, host);
            var profile = ProfileCatalog.Resolve("MspProcess");
            using var op = Operator(_f, t);
            var roles = s.Run("New-CwSecurityRole -Name 'MSP Process'; New-CwSecurityRole -Name 'Narrow Role'; New-CwSecurityRole -Name 'Wide Role'");
            roles.AssertNoErrors();
            var ids = roles.OfType<SecurityRole>().Select(r => r.Id).ToList();
            SetPermissions(_f, t, op, ids[0], profile);
            SetPermissions(_f, t, op, ids[1], profile);
            op.SetRoleLevel(ids[1], "Service Desk", "Service Tickets", "None", "None", "None", "None");
            SetPermissions(_f, t, op, ids[2], profile);
            op.SetRoleLevel(ids[2], "System", "Mass Maintenance", "All", "All", "All", "All");
            s.Run("New-CwApiMember -Identifier MSPProcess -SecurityRole 'MSP Process' | Out-Null; New-CwApiMember -Identifier MSPSecond -SecurityRole 'MSP Process' | Out-Null; " +
                  "New-CwApiMember -Identifier NarrowOne -SecurityRole 'Narrow Role' | Out-Null; New-CwApiMember -Identifier WideOne -SecurityRole 'Wide Role' | Out-Null").AssertNoErrors();

            var text = FormatViewTests.Render(s, host, "Get-CwApiMember -Identifier MSP*, NarrowOne, WideOne | Test-CwIntegrationPermission -Profile MspProcess", width);
            var lines = Lines(text);
            // A header, its underline, and one line per member: not a page per member.
            Assert.True(lines.Count == 6, text);
            Assert.Matches(@"^ApiMember\s+Role\s+InDesiredState\s+Missing\s+Excess\s+Notes", lines[0]);
            Assert.Matches(@"^MSPProcess\s+MSP Process\s+True\s+0\s+0\s+1 unverified$", lines[2]);
            Assert.Matches(@"^MSPSecond\s+MSP Process\s+True\s+0\s+0\s+1 unverified$", lines[3]);
            Assert.Matches(@"^NarrowOne\s+Narrow Role\s+False\s+1\s+0\s+1 unverified$", lines[4]);
            Assert.Matches(@"^WideOne\s+Wide Role\s+False\s+0\s+1\s+1 unverified$", lines[5]);
            Assert.All(lines, l => Assert.True(l.Length <= width, l));

            // One subject alone reads the same way: one line that says what is wrong and how much.
            var single = Lines(FormatViewTests.Render(s, host, "Test-CwIntegrationPermission -Profile MspProcess -Role 'Narrow Role'", width));
            Assert.Equal(3, single.Count);
            Assert.Matches(@"^\s+Narrow Role\s+False\s+1\s+0\s+1 unverified$", single[2]);

            // The details on request: what Format-List picks (the type's list view) names each row to change.
            var narrow = s.Run("Test-CwIntegrationPermission -Profile MspProcess -Role 'Narrow Role'").Single<IntegrationTestResult>();
            var details = FormatViewTests.RenderView(FormatViewTests.View("ConnectWiseSetup.Setup.IntegrationTestResult.Details"), narrow, width);
            Assert.Matches(@"(?m)^Missing\s+: Service Desk > Service Tickets: Add, Edit, Inquire None -> All$", details);
            Assert.Matches(@"(?m)^Customize\s+: System > Table Setup \(SystemTableSetup\): Unverified$", details);
            Assert.Matches(@"(?m)^Summary\s+: 1 row\(s\) missing rights;", details);
        }

        [Fact]
        public void Endpoint_counts_agree_with_the_list_and_the_calls_made_and_writes_never_count_as_answered()
        {
            var t = T(2);
            using var s = _f.ConnectedSession(t);
            var (installed, _) = Installed(_f, s, t, "MspProcess");
            var seq = LastSeq(_f, t);
            var r = s.Run("Test-CwIntegrationPermission -Profile MspProcess -ApiKey $K -Live", new() { ["K"] = installed.ApiKey });
            r.AssertNoErrors();
            var result = r.Single<IntegrationTestResult>();
            var endpoints = result.Endpoints;
            var sent = Since(_f, t, seq).Where(e => e.Method == "GET").Select(e => e.Path).ToList();

            // Every endpoint called has its request in ConnectWise's log; no write is called, and none is counted as answered.
            Assert.All(endpoints.Where(e => e.Called), e => Assert.Contains(sent, p => p.EndsWith(e.CalledPath, StringComparison.OrdinalIgnoreCase)));
            Assert.All(endpoints.Where(e => e.Method != "GET"), e => Assert.False(e.Called));
            Assert.Equal(endpoints.Count(e => e.Called && e.Outcome == ProbeOutcome.OK), result.EndpointsAnswered);
            Assert.True(result.EndpointsAnswered < endpoints.Count(e => e.Outcome == ProbeOutcome.OK || e.Outcome == ProbeOutcome.RowGrants));
            Assert.Equal(endpoints.Count(e => !e.Called), result.EndpointsNotCalled);
            Assert.Equal(endpoints.Count, endpoints.Count(e => e.Called) + result.EndpointsNotCalled);

            // A GET below a list the integration may not read is not called, and not counted as refused: its list was.
            var entry = endpoints.Single(e => e.Method == "GET" && e.Path == "/time/entries/{id}");
            Assert.Equal(ProbeOutcome.NotCalled, entry.Outcome);
            Assert.False(entry.Called);
            Assert.Contains("/time/entries", entry.Message);
            Assert.DoesNotContain(sent, p => Regex.IsMatch(p, @"/time/entries/\d+$"));
            Assert.Equal(endpoints.Count(e => e.Called && e.Outcome == ProbeOutcome.Forbidden), result.EndpointsRefused);

            // The summary's numbers are the endpoints', each counted once, and the list to review has exactly the ones not answered or granted.
            var summary = result.EndpointSummary;
            Assert.StartsWith(endpoints.Count + " endpoint(s), " + endpoints.Count(e => e.Called) + " called: " + result.EndpointsAnswered + " answered, " + result.EndpointsRefused + " refused (403, optional)", summary);
            Assert.Contains(result.EndpointsNotCalled + " not called: " + endpoints.Count(e => e.Outcome == ProbeOutcome.RowGrants) + " writes the rows grant, " +
                            endpoints.Count(e => e.Outcome == ProbeOutcome.RowLacks) + " writes the rows do not grant (optional), 1 GETs with no record to call (optional)", summary);
            Assert.DoesNotContain("optional refused", result.Summary);
            var toReview = result.EndpointsToReview;
            Assert.Equal(result.EndpointsRefused + endpoints.Count(e => e.Outcome == ProbeOutcome.RowLacks) + 1, toReview.Count);
            var details = FormatViewTests.RenderView(FormatViewTests.View("ConnectWiseSetup.Setup.IntegrationTestResult.Details"), result, 120);
            var listed = details.Substring(details.IndexOf("ToReview", StringComparison.Ordinal)).Replace("\r", "").Split('\n').Count(l => Regex.IsMatch(l, @"(GET|POST|PUT|PATCH|DELETE) /"));
            Assert.Equal(toReview.Count, listed);
        }

        [Fact]
        public void A_summary_of_eight_optional_endpoints_not_reached_says_four_refused_and_four_writes_not_granted_and_lists_eight()
        {
            // The case a person met: 4 GETs refused and 4 writes the rows do not grant, all optional, once summed as "8 optional refused".
            var endpoints = Enumerable.Range(0, 4).Select(i => new EndpointProbeResult { Method = "GET", Path = "/x/" + i, CalledPath = "/x/" + i, Outcome = ProbeOutcome.Forbidden, StatusCode = 403, Optional = true })
                .Concat(Enumerable.Range(0, 4).Select(i => new EndpointProbeResult { Method = "POST", Path = "/y/" + i, Outcome = ProbeOutcome.RowLacks, Optional = true }))
                .Concat(new[] { new EndpointProbeResult { Method = "GET", Path = "/z", CalledPath = "/z", Outcome = ProbeOutcome.OK, StatusCode = 200 },
                                new EndpointProbeResult { Method = "PATCH", Path = "/z/1", Outcome = ProbeOutcome.RowGrants } }).ToList();
            var result = new IntegrationTestResult { Profile = "P", Subject = "key", Endpoints = endpoints, InDesiredState = true };
            Assert.Equal("10 endpoint(s), 5 called: 1 answered, 4 refused (403, optional); 5 not called: 1 writes the rows grant, 4 writes the rows do not grant (optional)", result.EndpointSummary);
            Assert.Equal(1, result.EndpointsAnswered);
            Assert.Equal(4, result.EndpointsRefused);
            Assert.Equal(5, result.EndpointsNotCalled);
            Assert.Equal(2, result.EndpointsPassed);
            Assert.Equal(8, result.EndpointsToReview.Count);
            Assert.Equal("in the desired state; " + result.EndpointSummary, result.Summary);
        }

        [Fact]
        public void The_private_key_is_hidden_from_every_view_and_string_and_Reveal_gives_it_when_asked()
        {
            var t = T(3);
            var host = new ScriptedHost();
            using var s = _f.ConnectedSession(t, host);
            var (installed, key) = Installed(_f, s, t, "AppXite");
            var vars = new Dictionary<string, object> { ["r"] = installed };
            host.TakeText();

            // Nothing a person sees by default shows it: the result, its vendor values, its key (views, ToString, string expansion).
            var shown = s.Run("$r | Out-Default; $r.VendorValues | Out-Default; $r.ApiKey | Out-Default; $r.VendorValues | ForEach-Object { $_.ToString() }; \"$($r.ApiKey)\"; $r.ToString()", vars);
            shown.AssertNoErrors();
            var all = shown.AllText();
            Assert.DoesNotContain(key.PrivateKey, all);
            Assert.Contains(IntegrationVendorValue.HiddenText, all);
            Assert.DoesNotContain("SecureString", all);

            // Asked for, it comes: the secret vendor value and the key give the same text, on the pipeline only.
            var asked = s.Run("($r.VendorValues | Where-Object Secret).Reveal(); $r.ApiKey.RevealPrivateKey(); ($r.VendorValues | Where-Object Name -eq 'Public Key').Reveal()", vars);
            asked.AssertNoErrors();
            Assert.Equal(new object[] { key.PrivateKey, key.PrivateKey, key.PublicKey }, asked.Output.Select(o => o.BaseObject));
            Assert.Empty(asked.Verbose);
            Assert.Equal("", asked.HostText);
        }

        [Fact]
        public void The_help_and_the_README_say_how_to_get_the_private_key()
        {
            using var s = new PsSession();
            var code = s.Run("(Get-Help New-CwApiKey).examples.example.code; (Get-Help Install-CwIntegration).examples.example.code");
            code.AssertNoErrors();
            var examples = string.Join("\n", code.Output.Select(o => o.ToString()));
            Assert.Contains("$key.RevealPrivateKey() | Set-Clipboard", examples);
            Assert.Contains("($r.VendorValues | Where-Object Secret).Reveal() | Set-Clipboard", examples);
            var readme = File.ReadAllText(TestPaths.InRepository("README.md"));
            Assert.Contains("RevealPrivateKey()", readme);
            Assert.Contains(".Reveal() | Set-Clipboard", readme);
        }
    }
}
