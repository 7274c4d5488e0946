using System.Management.Automation;
using System.Net;
using System.Security;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;
using static ConnectWiseSetup.Tests.Members.MemberTestSupport;

namespace ConnectWiseSetup.Tests.Members
{
    /// <summary>
    /// New-CwApiKey (guided through a scripted host, or -KeyPair), Test-CwApiKey and Connect-CwManage -ApiKey,
    /// with the simulator's operator channel playing the administrator in the web UI. Every test scans what it
    /// saw for the private keys it handled.
    /// </summary>
    public sealed class ApiKeyCmdletTests : IClassFixture<SimulatorFixture>
    {
        private readonly SimulatorFixture _f;

        public ApiKeyCmdletTests(SimulatorFixture f) { _f = f; }

        private TenantInfo T(int i) => _f.Server.Tenants[i];

        private static string Plain(SecureString s) => new NetworkCredential("", s).Password;

        private static string Id(ErrorRecord e) => e.FullyQualifiedErrorId.Split(',')[0];

        /// <summary>A member made with New-CwApiMember in <paramref name="s"/>; returns its id.</summary>
        private int NewMember(PsSession s, TenantInfo t, string identifier, string name, string role = "Key Role")
        {
            CreateRole(_f, t, role);
            var r = s.Run("New-CwApiMember -Identifier $I -Name $N -SecurityRole $R", new() { ["I"] = identifier, ["N"] = name, ["R"] = role });
            r.AssertNoErrors();
            return r.Single<ApiMember>().Id;
        }

        /// <summary>No private key in any stream, error, host text or request log.</summary>
        private void AssertNoSecret(PsResult r, params string[] secrets)
        {
            var text = r.AllText();
            var log = string.Join("\n", _f.Server.GlobalRequestLog.Select(e => e.Method + " " + e.Path + e.Query + " " + e.Member));
            foreach (var secret in secrets)
            {
                Assert.False(string.IsNullOrEmpty(secret));
                Assert.DoesNotContain(secret, text);
                Assert.DoesNotContain(secret, log);
            }
        }

        [Fact]
        public void Guided_key_through_the_host_prompt_is_verified_and_returned()
        {
            var t = T(0);
            var host = new ScriptedHost();
            using var s = _f.ConnectedSession(t, host);
            var memberId = NewMember(s, t, "GuidedKey", "Guided Key Member");
            ApiKeyCreated created = null;
            string shownWhenCreated = null;
            host.OnPrompt = what =>
            {
                if (!what.StartsWith("PromptForCredential")) return;
                // The administrator reads the prompt, creates the key in the web UI, and pastes both halves.
                shownWhenCreated = what;
                using var op = Operator(_f, t);
                created = op.CreateApiKey(memberId, "Guided Key Member");
                host.Credentials.Enqueue(SimulatorFixture.Credential(created.PublicKey, created.PrivateKey));
            };

            var r = s.Run("New-CwApiKey -ApiMember GuidedKey -Verbose -Debug");
            r.AssertNoErrors();
            var key = r.Single<CwApiKey>();
            Assert.NotNull(created);
            Assert.Equal(created.PublicKey, key.PublicKey);
            Assert.Equal(created.PrivateKey, Plain(key.PrivateKey));
            Assert.Equal(created.PrivateKey, Plain(key.Credential.Password));
            Assert.Equal(created.PublicKey, key.Credential.UserName);
            Assert.Equal("GuidedKey", key.Member.Identifier);
            Assert.Equal(memberId, key.Member.Id);
            Assert.Equal("Guided Key Member", key.Description);
            Assert.Equal(t.CompanyId, key.CompanyId);
            Assert.Equal(t.ClientId, key.ClientId);
            Assert.Equal(_f.ServerUrl, key.Server);
            Assert.NotNull(key.VerifiedAt);
            Assert.DoesNotContain(created.PrivateKey, key.ToString());

            // The prompt told the administrator where to click and what to type.
            Assert.Contains("System > Members", shownWhenCreated);
            Assert.Contains("API Members tab", shownWhenCreated);
            Assert.Contains("'GuidedKey'", shownWhenCreated);
            Assert.Contains("API Keys tab and click '+'", shownWhenCreated);
            Assert.Contains("Description, type: Guided Key Member", shownWhenCreated);
            Assert.Contains("Save (not Save + Close)", shownWhenCreated);
            Assert.Contains("shown only now, once", shownWhenCreated);
            Assert.Contains("API Keys tab", r.HostText);

            // The proof was made with the key itself: the simulator saw the member sign in.
            Assert.Contains(_f.Server.GetTenant(t.CompanyId).RequestLog, e => e.Member == "GuidedKey" && e.Path.EndsWith("/system/mySecurity"));
            AssertNoSecret(r, created.PrivateKey, t.PrivateKey);
        }

        [Fact]
        public void At_a_prompt_a_mistyped_key_is_asked_for_again_up_to_three_times()
        {
            var t = T(3);
            var host = new ScriptedHost();
            using var s = _f.ConnectedSession(t, host);
            var memberId = NewMember(s, t, "Retyped", "Retyped Member");
            using var op = Operator(_f, t);
            var created = op.CreateApiKey(memberId, "Retyped Member");
            var typo = created.PrivateKey.Substring(0, created.PrivateKey.Length - 1);
            var answers = new Queue<PSCredential>(new[]
            {
                SimulatorFixture.Credential(created.PublicKey, typo),     // a character short
                SimulatorFixture.Credential(t.PublicKey, t.PrivateKey),   // the administrator's own key, pasted by mistake
                SimulatorFixture.Credential(created.PublicKey, created.PrivateKey),
            });
            host.OnPrompt = what => { if (what.StartsWith("PromptForCredential")) host.Credentials.Enqueue(answers.Dequeue()); };

            var r = s.Run("New-CwApiKey Retyped");
            r.AssertNoErrors();
            Assert.Equal(created.PublicKey, r.Single<CwApiKey>().PublicKey);
            Assert.Equal(3, host.PromptsShown.Count(p => p.StartsWith("PromptForCredential")));
            Assert.Equal(2, r.Warnings.Count);
            Assert.Contains("refused the key", r.Warnings[0].Message);
            Assert.Contains("administrator's own", r.Warnings[1].Message);
            AssertNoSecret(r, created.PrivateKey, typo, t.PrivateKey);

            // Three wrong answers: the last refusal is the error.
            host.PromptsShown.Clear();
            host.OnPrompt = what => { if (what.StartsWith("PromptForCredential")) host.Credentials.Enqueue(SimulatorFixture.Credential(created.PublicKey, typo)); };
            r = s.Run("New-CwApiKey Retyped");
            Assert.Empty(r.Output);
            Assert.Equal("CwAuthenticationFailed", Id(r.SingleError()));
            Assert.Equal(3, host.PromptsShown.Count(p => p.StartsWith("PromptForCredential")));
            Assert.Equal(2, r.Warnings.Count);
            AssertNoSecret(r, created.PrivateKey, typo);
        }

        [Fact]
        public void WhatIf_neither_prompts_nor_verifies()
        {
            var t = T(0);
            var host = new ScriptedHost();
            using var s = _f.ConnectedSession(t, host);
            NewMember(s, t, "WhatIfKey", "What If Key");
            var before = LastSeq(_f, t);
            var r = s.Run("New-CwApiKey WhatIfKey -WhatIf");
            r.AssertNoErrors();
            Assert.Empty(r.Output);
            Assert.DoesNotContain(host.PromptsShown, p => p.StartsWith("PromptForCredential"));
            Assert.Contains("What if:", r.HostText);
            Assert.Contains("'What If Key'", r.HostText);
            Assert.DoesNotContain(Since(_f, t, before), e => e.Path.EndsWith("/system/mySecurity"));
        }

        [Fact]
        public void Unattended_key_from_KeyPair_binds_the_member_from_the_pipeline()
        {
            var t = T(0);
            using var s = _f.ConnectedSession(t);
            var memberId = NewMember(s, t, "PairKey", "Pair Key Member");
            using var op = Operator(_f, t);
            var created = op.CreateApiKey(memberId, "Pair");
            var r = s.Run("Get-CwApiMember PairKey | New-CwApiKey -Description 'MSP Process' -KeyPair $KP",
                new() { ["KP"] = SimulatorFixture.Credential(created.PublicKey, created.PrivateKey) });
            r.AssertNoErrors();
            var key = r.Single<CwApiKey>();
            Assert.Equal("PairKey", key.Member.Identifier);
            Assert.Equal("MSP Process", key.Description);
            Assert.Equal(created.PublicKey, key.PublicKey);
            AssertNoSecret(r, created.PrivateKey);
        }

        [Fact]
        public void The_administrators_own_key_is_refused()
        {
            var t = T(0);
            using var s = _f.ConnectedSession(t);
            NewMember(s, t, "OwnKeyTest", "Own Key Test");
            var r = s.Run("New-CwApiKey OwnKeyTest -KeyPair $Cred", _f.ConnectVariables(t));
            Assert.Empty(r.Output);
            var e = r.SingleError();
            Assert.Equal("CwKeyBelongsToAnotherMember", Id(e));
            Assert.Contains("administrator's own", e.Exception.Message);
            AssertNoSecret(r, t.PrivateKey);
        }

        [Fact]
        public void Another_members_key_is_refused_naming_its_member()
        {
            var t = T(0);
            using var s = _f.ConnectedSession(t);
            NewMember(s, t, "WantKey", "Want Key");
            var otherId = NewMember(s, t, "OtherKey", "Other Key");
            using var op = Operator(_f, t);
            var other = op.CreateApiKey(otherId, "Other");
            var r = s.Run("New-CwApiKey WantKey -KeyPair $KP", new() { ["KP"] = SimulatorFixture.Credential(other.PublicKey, other.PrivateKey) });
            Assert.Empty(r.Output);
            var e = r.SingleError();
            Assert.Equal("CwKeyBelongsToAnotherMember", Id(e));
            Assert.Contains("belongs to member 'OtherKey'", e.Exception.Message);
            Assert.Contains("'WantKey'", e.Exception.Message);
            AssertNoSecret(r, other.PrivateKey);

            // The administrator's member signing in through a second key of its own is refused the same way.
            var adminKey = op.CreateApiKey(t.AdminMemberId, "second admin key");
            r = s.Run("New-CwApiKey WantKey -KeyPair $KP", new() { ["KP"] = SimulatorFixture.Credential(adminKey.PublicKey, adminKey.PrivateKey) });
            Assert.Equal("CwKeyBelongsToAnotherMember", Id(r.SingleError()));
            Assert.Contains("'" + t.AdminMemberIdentifier + "'", r.SingleError().Exception.Message);
            AssertNoSecret(r, adminKey.PrivateKey);
        }

        [Fact]
        public void A_wrong_private_key_is_AuthenticationFailed()
        {
            var t = T(0);
            using var s = _f.ConnectedSession(t);
            var id = NewMember(s, t, "WrongKey", "Wrong Key");
            using var op = Operator(_f, t);
            var k = op.CreateApiKey(id, "Wrong");
            var wrong = k.PrivateKey.Substring(1) + "x";
            var before = LastSeq(_f, t);
            var r = s.Run("New-CwApiKey WrongKey -KeyPair $KP", new() { ["KP"] = SimulatorFixture.Credential(k.PublicKey, wrong) });
            var e = r.SingleError();
            Assert.Equal("CwAuthenticationFailed", Id(e));
            // On the connection's own tenant the key's first request, /system/mySecurity, is its sign-in: one 401, no /system/info first.
            var refused = Assert.Single(Since(_f, t, before), x => x.Status == 401);
            Assert.EndsWith("/system/mySecurity", refused.Path);
            Assert.DoesNotContain(Since(_f, t, before), x => x.Path.EndsWith("/system/info"));
            Assert.Contains("shown once", e.Exception.Message);
            AssertNoSecret(r, k.PrivateKey, wrong);
        }

        [Fact]
        public void An_inactive_members_key_is_refused_and_tests_as_not_valid()
        {
            var t = T(1);
            using var s = _f.ConnectedSession(t);
            var id = NewMember(s, t, "Retired", "Retired Member");
            using var op = Operator(_f, t);
            var k = op.CreateApiKey(id, "Retired");
            var kp = SimulatorFixture.Credential(k.PublicKey, k.PrivateKey);
            var good = s.Run("New-CwApiKey Retired -KeyPair $KP", new() { ["KP"] = kp });
            good.AssertNoErrors();
            s.Run("Disable-CwApiMember Retired -Confirm:$false").AssertNoErrors();

            var r = s.Run("New-CwApiKey Retired -KeyPair $KP", new() { ["KP"] = kp });
            Assert.Empty(r.Output);
            var e = r.SingleError();
            Assert.Equal("CwApiMemberInactive", Id(e));
            Assert.Contains("inactive", e.Exception.Message);

            // The same key, verified while the member was active, no longer signs in.
            r = s.Run("$K | Test-CwApiKey", new() { ["K"] = good.Single<CwApiKey>() });
            r.AssertNoErrors();
            var result = r.Single<CwApiKeyTestResult>();
            Assert.False(result.IsValid);
            Assert.Null(result.Member);
            AssertNoSecret(r, k.PrivateKey);
        }

        [Fact]
        public void A_host_that_cannot_prompt_stops_with_CwManualStepRequired_carrying_the_instructions()
        {
            var t = T(2);
            using var s = _f.ConnectedSession(t); // the default host of a hosted runspace: nobody to ask
            NewMember(s, t, "Headless", "Headless Member");
            var before = LastSeq(_f, t);
            // Terminating: try/catch catches it (a non-terminating error would not be caught) and the statement after it never runs.
            var caught = s.Run("try { New-CwApiKey Headless -Description 'Vendor X'; 'after' } catch { 'caught ' + $_.FullyQualifiedErrorId }");
            Assert.Equal(new[] { "caught CwManualStepRequired,ConnectWiseSetup.Cmdlets.NewCwApiKeyCommand" }, caught.Output.Select(o => o.ToString()).ToArray());
            var r = s.Run("New-CwApiKey Headless -Description 'Vendor X'");
            Assert.Empty(r.Output);
            var e = r.SingleError();
            Assert.Equal("CwManualStepRequired", Id(e));
            Assert.Equal(ErrorCategory.NotEnabled, e.CategoryInfo.Category);
            var m = e.Exception.Message;
            Assert.Contains("System > Members and open the API Members tab", m);
            Assert.Contains("'Headless'", m);
            Assert.Contains("Description, type: Vendor X", m);
            Assert.Contains("Save (not Save + Close)", m);
            Assert.Contains("-KeyPair", m);
            Assert.Contains("-KeyPair", e.ErrorDetails.RecommendedAction);
            Assert.Empty(Writes(Since(_f, t, before)));
        }

        [Fact]
        public void A_host_whose_prompt_fails_or_is_cancelled_gives_CwManualStepRequired()
        {
            var t = T(2);
            var host = new ScriptedHost(); // no credential queued: its PromptForCredential throws
            using var s = _f.ConnectedSession(t, host);
            NewMember(s, t, "PromptFails", "Prompt Fails");
            var r = s.Run("New-CwApiKey PromptFails");
            var e = r.SingleError();
            Assert.Equal("CwManualStepRequired", Id(e));
            Assert.Contains("could not prompt", e.Exception.Message);
            Assert.Single(host.PromptsShown, p => p.StartsWith("PromptForCredential"));

            host.OnPrompt = _ => host.Credentials.Enqueue(null); // Cancel
            r = s.Run("New-CwApiKey PromptFails");
            Assert.Equal("CwManualStepRequired", Id(r.SingleError()));
            Assert.Contains("cancelled", r.SingleError().Exception.Message);
        }

        [Fact]
        public void Vault_stores_the_credential_with_Set_Secret_and_when_it_was_made()
        {
            var t = T(3);
            using var s = _f.ConnectedSession(t);
            var id = NewMember(s, t, "Vaulted", "Vaulted Member");
            using var op = Operator(_f, t);
            var k = op.CreateApiKey(id, "Vaulted");
            s.Run(FakeSecretManagement.Script).AssertNoErrors();
            // A function of the same name outside SecretManagement is never called: the module calls it by module-qualified name.
            s.Run("function global:Set-Secret { $global:WrongSetSecret = $true }").AssertNoErrors();
            var r = s.Run("New-CwApiKey Vaulted -KeyPair $KP -Vault TestVault -Verbose", new() { ["KP"] = SimulatorFixture.Credential(k.PublicKey, k.PrivateKey) });
            r.AssertNoErrors();
            Assert.Single(r.OfType<CwApiKey>());
            Assert.Empty(s.Run("$global:WrongSetSecret").Output.Where(o => o != null));
            var name = "ConnectWise-" + t.CompanyId + "-Vaulted";
            var stored = (System.Collections.Hashtable)s.Run("$global:CwTestVault[$N]", new() { ["N"] = name }).Single<System.Collections.Hashtable>();
            Assert.Equal("TestVault", stored["Vault"]);
            var cred = Assert.IsType<PSCredential>(stored["Secret"] is PSObject p ? p.BaseObject : stored["Secret"]);
            Assert.Equal(k.PublicKey, cred.UserName);
            Assert.Equal(k.PrivateKey, Plain(cred.Password));
            var metadata = (System.Collections.Hashtable)(stored["Metadata"] is PSObject pm ? pm.BaseObject : stored["Metadata"]);
            Assert.Equal(k.PublicKey, metadata["publicKey"]);
            Assert.Equal("Vaulted", metadata["member"]);
            var made = DateTime.Parse((string)metadata["createdAt"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind);
            Assert.InRange(made.ToUniversalTime(), DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(1));
            Assert.Contains(r.Verbose, v => v.Message.Contains("secret '" + name + "'"));
            AssertNoSecret(r, k.PrivateKey);

            // A vault without metadata keeps the key all the same (metadata goes in a second call that may fail).
            s.Run("$global:CwTestVaultNoMetadata = $true").AssertNoErrors();
            r = s.Run("New-CwApiKey Vaulted -KeyPair $KP -Vault TestVault -SecretName NoMeta -Verbose", new() { ["KP"] = SimulatorFixture.Credential(k.PublicKey, k.PrivateKey) });
            r.AssertNoErrors();
            Assert.Equal(k.PublicKey, s.Run("$global:CwTestVault['NoMeta'].Secret.UserName").Single<string>());
            Assert.Contains(r.Verbose, v => v.Message.Contains("not its metadata"));

            // A vault that fails: the key still comes out (it cannot be shown again), with a clear error.
            s.Run("$global:CwTestVaultLocked = $true").AssertNoErrors();
            r = s.Run("New-CwApiKey Vaulted -KeyPair $KP -Vault TestVault -SecretName MyKey", new() { ["KP"] = SimulatorFixture.Credential(k.PublicKey, k.PrivateKey) });
            Assert.Single(r.OfType<CwApiKey>());
            var e = r.SingleError();
            Assert.Equal("CwSecretStoreFailed", Id(e));
            Assert.Contains("locked", e.Exception.Message);
            Assert.Contains("'MyKey'", e.Exception.Message);
            AssertNoSecret(r, k.PrivateKey);
        }

        [Fact]
        public void Vault_without_SecretManagement_is_CwSecretManagementMissing_before_any_request()
        {
            var t = T(3);
            using var s = _f.ConnectedSession(t);
            var before = State(_f, t).RequestLog.Count;
            var r = s.Run("New-CwApiKey SomeMember -Vault TestVault");
            var e = r.SingleError();
            Assert.Equal("CwSecretManagementMissing", Id(e));
            Assert.Contains("Microsoft.PowerShell.SecretManagement", e.Exception.Message);
            Assert.Equal(before, State(_f, t).RequestLog.Count);
        }

        [Fact]
        public void Test_ApiKey_reports_member_role_and_activity_and_a_deleted_key_as_not_valid()
        {
            var t = T(1);
            var roleId = CreateRole(_f, t, "Tested Role");
            using var s = _f.ConnectedSession(t);
            var id = NewMember(s, t, "Tested", "Tested Member", "Tested Role");
            using var op = Operator(_f, t);
            var k = op.CreateApiKey(id, "Tested");
            var kp = SimulatorFixture.Credential(k.PublicKey, k.PrivateKey);

            var r = s.Run("New-CwApiKey Tested -KeyPair $KP | Test-CwApiKey", new() { ["KP"] = kp });
            r.AssertNoErrors();
            var result = r.Single<CwApiKeyTestResult>();
            Assert.True(result.IsValid);
            Assert.Equal("Tested", result.Member.Identifier);
            Assert.Equal(id, result.Member.Id);
            Assert.True(result.IsActive);
            Assert.Equal(roleId, result.SecurityRole.Id);
            Assert.Equal("Tested Role", result.SecurityRole.Name);
            Assert.NotNull(result.RoleSource);
            Assert.Equal(k.PublicKey, result.PublicKey);

            r = s.Run("Test-CwApiKey -Credential $KP", new() { ["KP"] = kp });
            r.AssertNoErrors();
            Assert.True(r.Single<CwApiKeyTestResult>().IsValid);
            Assert.Equal("Tested", r.Single<CwApiKeyTestResult>().Member.Identifier);

            var keyId = (int)op.GetApiKeys(id).Single(x => (string)x["publicKey"] == k.PublicKey)["id"];
            op.DeleteApiKey(id, keyId);
            r = s.Run("Test-CwApiKey -Credential $KP", new() { ["KP"] = kp });
            r.AssertNoErrors();
            result = r.Single<CwApiKeyTestResult>();
            Assert.False(result.IsValid);
            Assert.Null(result.IsActive);
            Assert.Contains("refused", result.Message);
            AssertNoSecret(r, k.PrivateKey);
        }

        [Fact]
        public void Test_ApiKey_reads_the_role_with_the_connection_when_the_key_may_not()
        {
            var t = T(2);
            var roleId = CreateRole(_f, t, "Narrow Role");
            using var s = _f.ConnectedSession(t);
            var id = NewMember(s, t, "Narrow", "Narrow Member", "Narrow Role");
            using var op = Operator(_f, t);
            var k = op.CreateApiKey(id, "Narrow");
            // The key's own read of its member record is refused once (a role without Inquire on API members).
            op.SetFaults(new { pathPrefix = "/system/apiMembers/", script = new[] { new { status = 403 } } });
            try
            {
                var r = s.Run("Test-CwApiKey -Credential $KP -Verbose", new() { ["KP"] = SimulatorFixture.Credential(k.PublicKey, k.PrivateKey) });
                r.AssertNoErrors();
                var result = r.Single<CwApiKeyTestResult>();
                Assert.True(result.IsValid);
                Assert.Equal(roleId, result.SecurityRole.Id);
                Assert.Equal("member record (with the connection)", result.RoleSource);
                Assert.Contains("403", result.Message);
                // The fault hit the first read of the member record (the key's, after it signed in); the administrator's read came next.
                var log = State(_f, t).RequestLog;
                var faulted = log.Last(e => e.FaultInjected);
                Assert.Equal(403, faulted.Status);
                Assert.EndsWith("/system/apiMembers/" + id, faulted.Path);
                Assert.Equal("Narrow", log.Last(e => e.Seq < faulted.Seq && e.Channel == "api").Member);
                Assert.Equal(t.AdminMemberIdentifier, log.First(e => e.Seq > faulted.Seq && e.Path.EndsWith("/system/apiMembers/" + id)).Member);
                AssertNoSecret(r, k.PrivateKey);
            }
            finally { op.ClearFaults(); }
        }

        [Fact]
        public void Connect_CwManage_takes_a_CwApiKey_from_the_pipeline()
        {
            var t = T(1);
            using var s = _f.ConnectedSession(t);
            var id = NewMember(s, t, "Integration", "Integration Member");
            using var op = Operator(_f, t);
            var k = op.CreateApiKey(id, "Integration");
            var key = s.Run("New-CwApiKey Integration -KeyPair $KP", new() { ["KP"] = SimulatorFixture.Credential(k.PublicKey, k.PrivateKey) }).Single<CwApiKey>();

            // A fresh runspace holds only the key: server, company and clientId come with it.
            using var other = new PsSession();
            var r = other.Run("$K | Connect-CwManage -PassThru; Get-CwConnection", new() { ["K"] = key });
            r.AssertNoErrors();
            var connections = r.OfType<CwConnection>().ToList();
            Assert.Equal(2, connections.Count);
            Assert.Same(connections[0], connections[1]);
            Assert.Equal(k.PublicKey, connections[0].PublicKey);
            Assert.Equal(t.CompanyId, connections[0].CompanyId);
            Assert.Equal(t.ClientId, connections[0].ClientId);
            var last = State(_f, t).RequestLog.Last(e => e.Channel == "api");
            Assert.Equal("Integration", last.Member);
            AssertNoSecret(r, k.PrivateKey);
        }
    }
}
