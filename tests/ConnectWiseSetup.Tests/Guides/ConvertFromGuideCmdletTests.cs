using System.Net;
using System.Threading;
using System.Text;
using ConnectWiseSetup.Guides;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;
using ConnectWiseSetup.Setup;
using ConnectWiseSetup.Tests.Infrastructure;
using ConnectWiseSetup.Tests.Reliability;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace ConnectWiseSetup.Tests.Guides
{
    /// <summary>ConvertFrom-CwIntegrationGuide in a hosted runspace: files, the pipeline, -AsJson, -Uri (loopback only), and its profile given to -Profile.</summary>
    public sealed class ConvertFromGuideCmdletTests : IClassFixture<SimulatorFixture>
    {
        readonly SimulatorFixture _f;

        public ConvertFromGuideCmdletTests(SimulatorFixture f) { _f = f; }

        static string Data(string file) => Path.Combine(GuideShapeTests.DataFolder, file);

        static string Rows(PermissionProfile p) => string.Join("; ", p.Permissions.Select(r => r.Module + " / " + r.Function + " " + r.Levels + " " + GuideLines.Format(r.Lines)));

        [Fact]
        public void A_relative_path_is_read_from_the_PowerShell_location_into_an_imported_profile()
        {
            using var s = new PsSession();
            // The runspace has engine commands only (as on CI): the location is set through the engine.
            var r = s.Run("$null = $ExecutionContext.SessionState.Path.SetLocation($D); ConvertFrom-CwIntegrationGuide ./pipe-table.md", new() { ["D"] = GuideShapeTests.DataFolder });
            r.AssertNoErrors();
            Assert.Empty(r.Warnings);
            var p = r.Single<PermissionProfile>();
            Assert.Equal(Rows(GuideShapeTests.Import("pipe-table.md")), Rows(p));
            Assert.Equal("imported from " + Data("pipe-table.md"), p.Origin);
            Assert.False(p.BuiltIn);
            Assert.False(p.NeedsReview);
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", p.SourceRead);
        }

        [Fact]
        public void Lines_from_the_pipeline_are_one_guide()
        {
            using var s = new PsSession();
            // What Get-Content sends: one string per line.
            var r = s.Run("$Lines | ConvertFrom-CwIntegrationGuide -Name Prose", new() { ["Lines"] = File.ReadAllLines(Data("prose.txt")) });
            r.AssertNoErrors();
            var p = r.Single<PermissionProfile>();
            Assert.Equal("Prose", p.Name);
            Assert.Equal("text", p.Source);
            Assert.Equal(Rows(GuideShapeTests.Import("prose.txt")), Rows(p));

            var raw = s.Run("ConvertFrom-CwIntegrationGuide -Text $Raw", new() { ["Raw"] = File.ReadAllText(Data("prose.txt")) });
            raw.AssertNoErrors();
            Assert.Equal(Rows(p), Rows(raw.Single<PermissionProfile>()));
        }

        [Fact]
        public void Files_from_Get_ChildItem_each_give_a_profile_and_a_missing_file_is_an_error_of_its_own()
        {
            using var s = new PsSession();
            // What Get-ChildItem sends: FileInfo objects, bound by their FullName.
            var r = s.Run("$Files | ConvertFrom-CwIntegrationGuide; ConvertFrom-CwIntegrationGuide -Path $Missing, $A",
                new() { ["Files"] = new[] { new FileInfo(Data("flat-cells.txt")), new FileInfo(Data("headings.md")) }, ["A"] = Data("flat-cells.txt"), ["Missing"] = Data("no-such-guide.txt") });
            Assert.Equal(new[] { "NorthwindRMM", "RelecloudMonitoring", "NorthwindRMM" }, r.OfType<PermissionProfile>().Select(p => p.Name));
            var e = r.SingleError();
            Assert.Equal("CwGuideUnreadable,ConnectWiseSetup.Cmdlets.ConvertFromCwIntegrationGuideCommand", e.FullyQualifiedErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
        }

        [Fact]
        public void A_bad_name_stops_before_any_guide_is_read()
        {
            using var s = new PsSession();
            var r = s.Run("ConvertFrom-CwIntegrationGuide -Path $F -Name 'two words'", new() { ["F"] = Data("no-such-guide.txt") });
            Assert.Empty(r.Output);
            Assert.Contains("CwInvalidArgument", r.AllErrors.Single().FullyQualifiedErrorId);
        }

        [Fact]
        public void A_guide_with_unread_lines_warns_and_its_json_keeps_the_review_mark_and_the_lines()
        {
            using var s = new PsSession();
            var dir = Directory.CreateTempSubdirectory("cwguide-").FullName;
            try
            {
                var file = Path.Combine(dir, "blue.json");
                var r = s.Run("[IO.File]::WriteAllText($Out, (ConvertFrom-CwIntegrationGuide -Path $F -AsJson)); Get-CwIntegrationProfile -Path $Out",
                    new() { ["F"] = Data("unread.txt"), ["Out"] = file });
                r.AssertNoErrors();
                Assert.Equal(2, r.Warnings.Count);
                var warning = r.Warnings[0].Message;
                Assert.Contains("Profile 'BlueYonderAlerts' needs review", warning);
                Assert.Contains("lines 6, 10-11", warning);
                // Reading the file back says it is still marked for review.
                Assert.Contains("is marked for review (needsReview)", r.Warnings[1].Message);

                var loaded = r.Single<PermissionProfile>();
                Assert.True(loaded.NeedsReview);
                Assert.Equal(file, loaded.Origin);
                Assert.Equal(Rows(GuideShapeTests.Import("unread.txt")), Rows(loaded));
                Assert.Contains(loaded.Notes, n => n.StartsWith("Line 10 was not read: ", StringComparison.Ordinal));
                Assert.Contains("\"needsReview\": true", File.ReadAllText(file));
            }
            finally { Directory.Delete(dir, true); }
        }

        [Fact]
        public async Task A_web_page_is_fetched_and_read_as_text_from_a_loopback_server()
        {
            var html = File.ReadAllText(Data("html-table.html"));
            await using var server = await LoopbackServer.StartAsync(IPAddress.Loopback, async ctx =>
            {
                switch (ctx.Request.Path.Value)
                {
                    case "/kb/old":
                        ctx.Response.StatusCode = 301;
                        ctx.Response.Headers.Location = "/kb/proseware";
                        return;
                    case "/kb/proseware":
                        ctx.Response.ContentType = "text/html; charset=utf-8";
                        await ctx.Response.WriteAsync(html, Encoding.UTF8);
                        return;
                    case "/kb/guide.pdf":
                        ctx.Response.ContentType = "application/pdf";
                        await ctx.Response.Body.WriteAsync(new byte[] { 0x25, 0x50, 0x44, 0x46 });
                        return;
                    default:
                        ctx.Response.StatusCode = 404;
                        return;
                }
            });
            using var s = new PsSession();
            var r = s.Run("ConvertFrom-CwIntegrationGuide -Uri $U", new() { ["U"] = new Uri(server.Url, "/kb/old") });
            r.AssertNoErrors();
            var p = r.Single<PermissionProfile>();
            Assert.Equal(Rows(GuideShapeTests.Import("html-table.html")), Rows(p));
            Assert.Equal(new Uri(server.Url, "/kb/proseware").ToString(), p.Source);
            Assert.Equal("Proseware", p.MemberIdentifier);
            Assert.Contains("ConnectWiseSetup/", server.Requests.Last().Headers["User-Agent"]);

            var missing = s.Run("ConvertFrom-CwIntegrationGuide -Uri $U", new() { ["U"] = new Uri(server.Url, "/kb/gone") });
            Assert.StartsWith("CwNotFound,", missing.SingleError().FullyQualifiedErrorId);
            var pdf = s.Run("ConvertFrom-CwIntegrationGuide -Uri $U", new() { ["U"] = new Uri(server.Url, "/kb/guide.pdf") });
            Assert.StartsWith("CwGuideUnreadable,", pdf.SingleError().FullyQualifiedErrorId);
            Assert.Contains("application/pdf", pdf.SingleError().Exception.Message);
        }

        [Fact]
        public void An_address_that_is_not_http_is_refused_before_any_request()
        {
            using var s = new PsSession();
            var r = s.Run("ConvertFrom-CwIntegrationGuide -Uri 'ftp://127.0.0.1/guide.txt'");
            Assert.StartsWith("CwInvalidArgument,", r.SingleError().FullyQualifiedErrorId);
            Assert.Empty(r.Output);
        }

        [Fact]
        public void The_imported_profile_pipes_into_Install_CwIntegration_and_binds_as_an_argument()
        {
            var t = _f.Server.Tenants[1];
            using var s = _f.ConnectedSession(t);
            var piped = s.Run("ConvertFrom-CwIntegrationGuide -Path $F | Install-CwIntegration -WhatIf", new() { ["F"] = Data("headings.md") });
            piped.AssertNoErrors();
            var plan = piped.Single<InstallPlan>();
            Assert.Equal("RelecloudMonitoring", plan.Profile);
            Assert.Equal(5, plan.Steps.Count);
            Assert.Contains("Create security role 'Relecloud Monitoring'", plan.Steps[0].Detail);

            var argument = s.Run("Install-CwIntegration -Profile (ConvertFrom-CwIntegrationGuide -Path $F) -WhatIf", new() { ["F"] = Data("headings.md") });
            argument.AssertNoErrors();
            Assert.Equal("RelecloudMonitoring", argument.Single<InstallPlan>().Profile);
        }

        [Fact]
        public void The_imported_rows_resolve_on_a_tenant_and_are_all_missing_on_a_fresh_role()
        {
            var t = _f.Server.Tenants[2];
            using var s = _f.ConnectedSession(t);
            var r = s.Run("$p = ConvertFrom-CwIntegrationGuide -Path $F; $role = New-CwSecurityRole -Name $N; Compare-CwSecurityRole -Role $role -Profile $p",
                new() { ["F"] = Data("jammed.txt"), ["N"] = "Guide import " + Guid.NewGuid().ToString("N").Substring(0, 8) });
            r.AssertNoErrors();
            var c = r.OfType<PermissionComparison>().Single();
            Assert.Equal(9, c.Missing.Count);
            Assert.Empty(c.Excess);
            Assert.Equal(2, c.Unverified.Count);
        }

        [Fact]
        public void Get_CwIntegrationProfile_shows_each_built_in_profile_with_its_guide_address_and_the_date_read()
        {
            var host = new ScriptedHost();
            using var s = new PsSession(host);
            host.TakeText();
            var r = s.Run("Get-CwIntegrationProfile");
            r.AssertNoErrors();
            var all = r.OfType<PermissionProfile>().ToList();
            Assert.NotEmpty(all);
            foreach (var p in all)
            {
                Assert.Matches(@"^https://[^/\s]+/\S+$", p.Source);
                Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", p.SourceRead);
                Assert.Equal("built-in: " + p.Source + ", read " + p.SourceRead, p.Origin);
            }
            // The table says built-in (an address does not fit a column at 80); its Origin (Format-List) gives the address.
            var shown = s.Run("(Get-CwIntegrationProfile MassMaintenanceBooster).Origin | Out-Default");
            shown.AssertNoErrors();
            Assert.Contains("built-in: https://kb.visionary360.com/", shown.HostText);
        }

        [Fact]
        public async Task User_info_in_a_guide_address_is_neither_sent_nor_kept_nor_printed()
        {
            var html = File.ReadAllText(Path.Combine(GuideShapeTests.DataFolder, "html-table.html"));
            await using var server = await LoopbackServer.StartAsync(IPAddress.Loopback, async ctx =>
            {
                if (ctx.Request.Path.Value != "/kb/guide") { ctx.Response.StatusCode = 404; return; }
                ctx.Response.ContentType = "text/html; charset=utf-8";
                await ctx.Response.WriteAsync(html, Encoding.UTF8);
            });
            var withSecret = new UriBuilder(new Uri(server.Url, "/kb/guide")) { UserName = "reader", Password = "s3cr3tPass" }.Uri;
            using var s = new PsSession();
            var r = s.Run("ConvertFrom-CwIntegrationGuide -Uri $U; ConvertFrom-CwIntegrationGuide -Uri $U -AsJson; ConvertFrom-CwIntegrationGuide -Uri $Gone",
                new() { ["U"] = withSecret, ["Gone"] = new UriBuilder(new Uri(server.Url, "/kb/gone")) { UserName = "reader", Password = "s3cr3tPass" }.Uri });
            var p = r.OfType<PermissionProfile>().Single();
            Assert.Equal(new Uri(server.Url, "/kb/guide").ToString(), p.Source);
            Assert.DoesNotContain(p.Notes, n => n.Contains("s3cr3tPass") || n.Contains("reader@"));
            var json = r.OfType<string>().Single();
            Assert.DoesNotContain("s3cr3tPass", json);
            var error = r.SingleError();
            Assert.DoesNotContain("s3cr3tPass", error.Exception.Message);
            Assert.DoesNotContain("s3cr3tPass", error.TargetObject?.ToString() ?? "");
            Assert.DoesNotContain("s3cr3tPass", r.AllText());
            Assert.All(server.Requests, q => Assert.False(q.Headers.ContainsKey("Authorization")));
        }

        [Fact]
        public async Task The_time_limit_of_Uri_covers_the_reading_as_well_as_the_download()
        {
            await using var server = await LoopbackServer.StartAsync(IPAddress.Loopback, async ctx =>
            {
                ctx.Response.ContentType = "text/plain; charset=utf-8";
                await ctx.Response.WriteAsync("Contacts: Inquire Level = All\n", Encoding.UTF8);
            });
            // The page arrives at once; the reading starts only after the limit has passed (as a read that took too long would end).
            var limit = GuideDownloader.Limit;
            var downloaded = false;
            GuideDownloader.Limit = TimeSpan.FromSeconds(3);
            GuideImporter.AfterDownload = () => { downloaded = true; Thread.Sleep(TimeSpan.FromSeconds(4)); };
            try
            {
                using var s = new PsSession();
                var r = s.Run("ConvertFrom-CwIntegrationGuide -Uri $U", new() { ["U"] = new Uri(server.Url, "/kb/guide") });
                Assert.True(downloaded);
                Assert.Empty(r.Output);
                var e = r.SingleError();
                Assert.StartsWith("CwTimeout,", e.FullyQualifiedErrorId);
                Assert.Contains("downloaded and read within 3 seconds", e.Exception.Message);
            }
            finally
            {
                GuideDownloader.Limit = limit;
                GuideImporter.AfterDownload = null;
            }
        }

        [Fact]
        public void A_profile_marked_for_review_installs_only_when_someone_says_it_was_read()
        {
            // unread.txt reads two rows and reports three lines: its profile is marked for review.
            var t = _f.Server.Tenants[3];
            var state = _f.Server.GetTenant(t.CompanyId);
            long Last() => state.RequestLog.Select(e => e.Seq).DefaultIfEmpty(0).Max();
            List<string> WritesSince(long seq) => state.RequestLog.Where(e => e.Seq > seq && e.Channel == "api" && e.Method != "GET").Select(e => e.Method + " " + e.Path).ToList();
            using var s = _f.ConnectedSession(t);

            // -WhatIf: the review lines come first.
            var whatIf = s.Run("ConvertFrom-CwIntegrationGuide -Path $F -WarningAction SilentlyContinue | Install-CwIntegration -WhatIf", new() { ["F"] = Data("unread.txt") });
            whatIf.AssertNoErrors();
            var described = whatIf.Single<InstallPlan>().Describe().Split(Environment.NewLine);
            Assert.StartsWith("Profile 'BlueYonderAlerts' is marked for review (needsReview): NEEDS REVIEW: ", described[0]);
            Assert.StartsWith("Install BlueYonderAlerts", described[1]);

            // Unattended, without -Force: nothing written, and the error says why.
            var before = Last();
            var stopped = s.Run("ConvertFrom-CwIntegrationGuide -Path $F -WarningAction SilentlyContinue | Install-CwIntegration -NonInteractive", new() { ["F"] = Data("unread.txt") });
            Assert.Empty(WritesSince(before));
            var e = stopped.AllErrors.Single();
            Assert.StartsWith("CwProfileNeedsReview,", e.FullyQualifiedErrorId);
            Assert.Contains("marked for review and nobody said it was read", e.Exception.Message);
            Assert.Contains("Line 10 was not read", e.Exception.Message);

            // -Force: the person read it; the install writes (the role, then stops at the guided permissions, unattended).
            before = Last();
            var forced = s.Run("ConvertFrom-CwIntegrationGuide -Path $F -WarningAction SilentlyContinue | Install-CwIntegration -NonInteractive -Force", new() { ["F"] = Data("unread.txt") });
            Assert.DoesNotContain(forced.AllErrors, x => x.FullyQualifiedErrorId.StartsWith("CwProfileNeedsReview", StringComparison.Ordinal));
            Assert.Equal(InstallStatus.ManualStepRequired, forced.OfType<IntegrationInstallResult>().Single().Status);
            Assert.Contains(WritesSince(before), w => w.StartsWith("POST ", StringComparison.Ordinal) && w.EndsWith("/system/securityroles", StringComparison.Ordinal));
        }

        [Fact]
        public void At_a_prompt_a_profile_marked_for_review_is_installed_only_after_a_yes()
        {
            var profile = GuideShapeTests.Import("unread.txt");
            Assert.True(profile.NeedsReview);
            var check = ConnectWiseSetup.Setup.ProfileReview.Check(profile, reviewed: false);
            var no = new ScriptedSetupHost(canPrompt: true, answer: false);
            ConnectWiseSetup.Setup.ProfileReview.AskAsync(no, profile, new[] { check }, CancellationToken.None).GetAwaiter().GetResult();
            Assert.Equal(TenantCheckStatus.Fail, check.Status);
            Assert.Contains("Line 10 was not read", no.Asked.Single());

            var yes = new ScriptedSetupHost(canPrompt: true, answer: true);
            ConnectWiseSetup.Setup.ProfileReview.AskAsync(yes, profile, new[] { check }, CancellationToken.None).GetAwaiter().GetResult();
            Assert.Equal(TenantCheckStatus.Pass, check.Status);
            Assert.Null(check.Error);

            var reviewedCopy = ProfileJson.Parse(ProfileJson.Serialize(profile).Replace("\"needsReview\": true,", ""), "reviewed.json");
            Assert.False(reviewedCopy.NeedsReview);
        }

        sealed class ScriptedSetupHost : ISetupHost
        {
            readonly bool _answer;
            public ScriptedSetupHost(bool canPrompt, bool answer) { CanPrompt = canPrompt; _answer = answer; }
            public List<string> Asked { get; } = new();
            public bool CanPrompt { get; }
            public string CannotPromptReason => "scripted";
            public Task<bool> ConfirmAsync(string caption, string question, CancellationToken ct) { Asked.Add(question); return Task.FromResult(_answer); }
            public void Show(IEnumerable<string> lines) { }
            public void Checklist(IReadOnlyList<PermissionChecklistItem> items) { }
            public Task<System.Management.Automation.PSCredential> PromptForKeyAsync(string caption, string message, CancellationToken ct) => throw new NotSupportedException();
            public IKeyVault Vault => null;
        }
    }
}
