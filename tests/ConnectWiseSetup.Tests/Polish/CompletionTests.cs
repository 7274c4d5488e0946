using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;

namespace ConnectWiseSetup.Tests.Polish
{
    /// <summary>Tab completion of role names and API member identifiers from the tenant, as TabExpansion2 asks for it at a prompt.</summary>
    public sealed class CompletionTests : IClassFixture<SimulatorFixture>
    {
        readonly SimulatorFixture _f;
        public CompletionTests(SimulatorFixture f) { _f = f; }

        static List<string> Complete(PsSession s, string line)
        {
            var r = s.Run("(TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object { $_.CompletionText }",
                new() { ["line"] = line });
            r.AssertNoErrors();
            return r.Output.Select(o => o.ToString()).ToList();
        }

        TenantState State(TenantInfo t) => _f.Server.GetTenant(t.CompanyId);
        List<RequestLogEntry> Api(TenantInfo t) => State(t).RequestLog.Where(e => e.Channel == "api").ToList();

        [Fact]
        public void Role_names_complete_quoted_on_every_role_parameter_and_are_read_once_a_minute()
        {
            var t = _f.Server.Tenants[0];
            using var s = _f.ConnectedSession(t);
            s.Run("New-CwSecurityRole -Name 'Tab Vendor One'; New-CwSecurityRole -Name 'Tab Vendor Two'").AssertNoErrors();
            State(t).ClearRequestLog();

            Assert.Equal(new[] { "'Tab Vendor One'", "'Tab Vendor Two'" }, Complete(s, "Get-CwSecurityRole -Name Tab"));
            Assert.Single(Api(t), e => e.Path.EndsWith("/system/securityroles"));
            Assert.Equal(new[] { "'Tab Vendor Two'" }, Complete(s, "Get-CwSecurityRolePermission -Role 'Tab Vendor T"));
            foreach (var line in new[] { "Remove-CwSecurityRole -Role Tab", "Compare-CwSecurityRole -Role Tab", "Compare-CwSecurityRole -ReferenceRole Tab",
                "Wait-CwSecurityRolePermission -Role Tab", "Export-CwSecurityRole -Role Tab", "New-CwApiMember -SecurityRole Tab",
                "Set-CwApiMember -SecurityRole Tab", "Get-CwApiMember -SecurityRole Tab", "Test-CwIntegrationPermission -Profile MspProcess -Role Tab",
                "Install-CwIntegration -Profile MspProcess -RoleName Tab", "Uninstall-CwIntegration -Profile MspProcess -RoleName Tab" })
                Assert.True(Complete(s, line).Contains("'Tab Vendor One'"), line);
            // One read served every Tab above: the names are cached for the connection.
            Assert.Single(Api(t), e => e.Path.EndsWith("/system/securityroles"));
        }

        [Fact]
        public void Api_member_identifiers_complete_on_every_member_parameter()
        {
            var t = _f.Server.Tenants[1];
            using var s = _f.ConnectedSession(t);
            var admin = t.AdminMemberIdentifier;
            var prefix = admin.Substring(0, Math.Min(3, admin.Length));
            foreach (var line in new[] { "Get-CwApiMember -Identifier ", "Get-CwApiMember ", "Set-CwApiMember -ApiMember ", "Disable-CwApiMember -ApiMember ", "New-CwApiKey -ApiMember ", "New-CwApiKey ",
                "Test-CwIntegrationPermission -Profile MspProcess -ApiMember ", "Test-CwIntegrationPermission -Profile MspProcess -Identifier ",
                "Install-CwIntegration -Profile MspProcess -Identifier ", "Uninstall-CwIntegration -Profile MspProcess -Identifier ", "Export-CwSecurityRole -Role Admin -Path x.json -MemberIdentifier " })
                Assert.True(Complete(s, line + prefix).Contains(admin), line);
            // Not file names: a member identifier is what -ApiMember takes.
            Assert.DoesNotContain(Complete(s, "Test-CwIntegrationPermission -Profile MspProcess -ApiMember "), c => c.Contains('/') || c.Contains('\\') || c.StartsWith("./", StringComparison.Ordinal));
        }

        /// <summary>
        /// Every parameter that names a role, an API member or a profile completes it. A parameter that names a new one (the identifier
        /// New-CwApiMember creates) is the one exception: nothing on the tenant can be offered for it.
        /// </summary>
        [Fact]
        public void Every_parameter_that_names_a_role_a_member_or_a_profile_has_its_completer()
        {
            var roles = new[] { "Role", "SecurityRole", "ReferenceRole", "RoleName" };
            var members = new[] { "ApiMember", "Identifier", "MemberIdentifier" };
            var exempt = new[] { "New-CwApiMember -Identifier" };
            var problems = new List<string>();
            var checkedCount = 0;
            foreach (var type in typeof(ConnectWiseSetup.Client.CwConnection).Assembly.GetExportedTypes())
            {
                var cmdlet = (System.Management.Automation.CmdletAttribute)Attribute.GetCustomAttribute(type, typeof(System.Management.Automation.CmdletAttribute));
                if (cmdlet == null) continue;
                foreach (var p in type.GetProperties().Where(p => Attribute.IsDefined(p, typeof(System.Management.Automation.ParameterAttribute))))
                {
                    var name = cmdlet.VerbName + "-" + cmdlet.NounName + " -" + p.Name;
                    Type wanted = roles.Contains(p.Name) ? typeof(ConnectWiseSetup.Cmdlets.SecurityRoleNameCompleter)
                        : members.Contains(p.Name) ? typeof(ConnectWiseSetup.Cmdlets.ApiMemberIdentifierCompleter)
                        : p.Name == "Profile" ? typeof(ConnectWiseSetup.Cmdlets.ProfileNameCompleter) : null;
                    if (wanted == null || exempt.Contains(name)) continue;
                    checkedCount++;
                    var completer = (System.Management.Automation.ArgumentCompleterAttribute)Attribute.GetCustomAttribute(p, typeof(System.Management.Automation.ArgumentCompleterAttribute));
                    if (completer?.Type != wanted) problems.Add(name + ": " + (completer?.Type?.Name ?? "no completer") + ", expected " + wanted.Name);
                }
            }
            Assert.True(problems.Count == 0, string.Join("\n", problems));
            Assert.True(checkedCount >= 25, checkedCount + " parameters checked");
        }

        [Fact]
        public void Completion_uses_the_typed_Connection_and_offers_nothing_without_one()
        {
            var t = _f.Server.Tenants[2];
            using var bare = new PsSession();
            Assert.Empty(Complete(bare, "Get-CwSecurityRole -Name "));
            // $c2 stays open; the current one ($c1) is closed, so there is no current connection.
            var r = bare.Run("$c2 = " + SimulatorFixture.ConnectScript + " -PassThru; $c1 = " + SimulatorFixture.ConnectScript + " -PassThru; Disconnect-CwManage; if (Get-CwConnection) { throw 'still connected' }",
                _f.ConnectVariables(t));
            r.AssertNoErrors();
            // No current connection, but -Connection is on the line.
            Assert.Contains(t.AdminMemberIdentifier, Complete(bare, "Get-CwApiMember -Connection $c2 -Identifier "));
        }

        [Fact]
        public async Task A_slow_tenant_gets_no_names_instead_of_a_stuck_prompt_and_the_next_Tab_has_them()
        {
            var t = _f.Server.Tenants[3];
            using var s = _f.ConnectedSession(t);
            State(t).SetFaults(new FaultSettings { LatencyMs = 4000, Methods = new() { "GET" }, PathPrefix = "/system/securityroles" });
            try
            {
                // The read takes longer than the prompt's budget (2 s): nothing is offered, and nothing fails.
                Assert.Empty(Complete(s, "Get-CwSecurityRole -Name "));
            }
            finally { State(t).ClearFaults(); }
            // The read went on in the background; once done, the next Tab offers the names without another request.
            var deadline = DateTime.UtcNow.AddSeconds(20);
            List<string> names;
            do { await Task.Delay(200); names = Complete(s, "Get-CwSecurityRole -Name "); }
            while (names.Count == 0 && DateTime.UtcNow < deadline);
            Assert.NotEmpty(names);
            Assert.Single(Api(t), e => e.Path.EndsWith("/system/securityroles") && e.Method == "GET" && e.Query != null && e.Query.Contains("fields"));
        }

        [Fact]
        public void Profile_completes_built_in_names_and_the_json_files_and_folders_of_the_location()
        {
            var dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "cw-complete-" + Guid.NewGuid().ToString("N")));
            try
            {
                File.WriteAllText(Path.Combine(dir.FullName, "vendor.json"), "{}");
                File.WriteAllText(Path.Combine(dir.FullName, "Mspnotes.txt"), "");
                Directory.CreateDirectory(Path.Combine(dir.FullName, "Mspprofiles"));
                using var s = new PsSession();
                s.Run("$null = $ExecutionContext.SessionState.Path.SetLocation($d)", new() { ["d"] = dir.FullName }).AssertNoErrors();

                var all = Complete(s, "Install-CwIntegration -Profile ");
                Assert.Contains("MspProcess", all);
                Assert.Contains(all, c => c.TrimEnd('\'', '"').EndsWith("vendor.json", StringComparison.Ordinal));
                Assert.DoesNotContain(all, c => c.Contains("Mspnotes.txt"));

                var typed = Complete(s, "Test-CwTenant -Profile ven");
                Assert.Contains(typed, c => c.TrimEnd('\'', '"').EndsWith("vendor.json", StringComparison.Ordinal));
                // A folder is offered, to go on typing a path; a built-in name is offered before it.
                var msp = Complete(s, "Install-CwIntegration -Profile Msp");
                Assert.Contains("MspProcess", msp);
                Assert.True(msp.IndexOf("MspProcess") < msp.FindIndex(c => c.Contains("Mspprofiles")), string.Join(", ", msp));
                Assert.DoesNotContain(msp, c => c.Contains("Mspnotes.txt"));
                // -Name of Get-CwIntegrationProfile takes names only.
                Assert.DoesNotContain(Complete(s, "Get-CwIntegrationProfile -Name "), c => c.Contains("vendor.json"));
            }
            finally { dir.Delete(true); }
        }

        [Theory]
        [InlineData("MSPProcess", "MSPProcess")]
        [InlineData("MSP Process", "'MSP Process'")]
        [InlineData("O'Brien Role", "'O''Brien Role'")]
        [InlineData("12Role", "'12Role'")]
        public void Names_are_typed_as_PowerShell_reads_them(string name, string typed)
            => Assert.Equal(typed, ConnectWiseSetup.Cmdlets.TenantNameCompleter.Quote(name));
    }
}
