using System.Management.Automation;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Setup;
using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;
using static ConnectWiseSetup.Tests.Install.InstallKit;
using static ConnectWiseSetup.Tests.Rotation.RotationKit;

namespace ConnectWiseSetup.Tests.Rotation
{
    /// <summary>
    /// Update-CwApiKey on the simulator, with the operator channel playing the administrator in the web UI (create the new key,
    /// delete the old one, change a role): at a prompt through a scripted host, and unattended, stopping at every step a person
    /// must do and resuming on the next run. Every test scans what it saw for both private keys.
    /// </summary>
    public sealed class KeyRotationTests : IClassFixture<RotationFixture>
    {
        readonly RotationFixture _f;
        readonly ITestOutputHelper _out;
        public KeyRotationTests(RotationFixture f, ITestOutputHelper output) { _f = f; _out = output; }

        TenantInfo T(int i) => _f.Server.Tenants[i];

        const string Fast = "-WatchInterval 00:00:00.1 -WatchTimeout 00:01:00";

        static string SecretName(TenantInfo t, Integration i) => "ConnectWise-" + t.CompanyId + "-" + i.Identifier;

        /// <summary>Deletes the old key once the watch has seen it sign in <paramref name="polls"/> times (a person taking a while), on its own thread.</summary>
        Task DeleteAfterPolls(TenantInfo t, Integration i, long since, int polls) => Task.Run(async () =>
        {
            for (var n = 0; n < 1200; n++)
            {
                var seen = Since(_f, t, since).Count(e => Endpoint(e) == "GET system/info" && e.Status == 200 && e.Member == i.Identifier);
                if (seen >= polls) break;
                await Task.Delay(50);
            }
            using var op = Operator(_f, t);
            op.DeleteApiKey(i.MemberId, i.OldKey.Id);
        });

        [Fact]
        public void At_a_prompt_the_rotation_proves_both_keys_replaces_the_vault_secret_and_watches_the_old_key_until_refused()
        {
            var t = T(0);
            var host = new ScriptedHost();
            using var s = _f.ConnectedSession(t, host);
            s.Run(FakeSecretManagement.Script).AssertNoErrors();
            var i = SetUp(_f, t, s, "RotPrompt");
            PutInVault(s, SecretName(t, i), i.OldKey);
            ApiKeyCreated made = null;
            Task deleter = null;
            var start = LastSeq(_f, t);
            host.OnPrompt = what =>
            {
                if (what.StartsWith("PromptForCredential", StringComparison.Ordinal))
                {
                    // The person reads the clicks in the prompt, makes the key in the web UI and pastes both halves.
                    Assert.Contains("API Keys tab", what);
                    Assert.Contains("RotPrompt Member " + DateTime.UtcNow.ToString("yyyy-MM-dd"), what);
                    using var op = Operator(_f, t);
                    made = op.CreateApiKey(i.MemberId, "RotPrompt Member new");
                    host.Credentials.Enqueue(Credential(made));
                }
                else if (what.StartsWith("PromptForChoice", StringComparison.Ordinal))
                {
                    // "Does the integration use the new key now?" Yes; then the person deletes the old key while it is watched.
                    Assert.Contains(made.PublicKey, what);
                    host.Choices.Enqueue(0);
                    deleter = DeleteAfterPolls(t, i, LastSeq(_f, t), 2);
                }
            };

            var r = s.Run("Update-CwApiKey -ApiMember RotPrompt -OldKeyPair $Old -Vault TestVault -Verbose " + Fast, new() { ["Old"] = Credential(i.OldKey) });
            deleter?.Wait();
            r.AssertNoErrors();
            var result = r.Single<KeyRotationResult>();
            Assert.Equal(KeyRotationStatus.Complete, result.Status);
            Assert.True(result.OldKeyRefused);
            Assert.Equal(made.PublicKey, result.NewKey.PublicKey);
            Assert.Equal("RotPrompt", result.NewKey.Member.Identifier);
            Assert.All(result.Steps, step => Assert.Equal(InstallStepState.Done, step.State));
            Assert.True(result.Rights.InDesiredState, result.Rights.Summary);
            // The vendor's values: the new public key, the private key only as a SecureString.
            Assert.Equal(made.PublicKey, result.VendorValues.Single(v => v.Name == "Public Key").Value);
            Assert.IsType<System.Security.SecureString>(result.VendorValues.Single(v => v.Name == "Private Key").Value);
            // The host showed the vendor's values and then the clicks that delete the old key, naming both public keys.
            Assert.Contains("vendor's portal", r.HostText + string.Join("\n", r.Information.Select(x => x.MessageData)));
            var shown = string.Join("\n", r.Information.Select(x => x.MessageData?.ToString()));
            Assert.Contains("find the key with public key '" + i.OldKey.PublicKey + "'", shown);
            Assert.Contains("Keep the new key, public key '" + made.PublicKey + "'", shown);
            // Step 4 says where the private key is now (the vault), not in a result that does not exist yet.
            Assert.DoesNotContain("result's NewKey", shown);
            Assert.Contains("(the new key's private key: secret '" + SecretName(t, i) + "' of vault 'TestVault')", shown);
            // The watch is never a blank wait: a countdown to the next sign-in.
            Assert.Contains(r.Progress, p => p.StatusDescription.Contains("next sign-in in "));

            // The vault: the same secret name now holds the new key, with when it was made and which key it replaced.
            var vault = Vault(s, SecretName(t, i)).Value;
            Assert.Equal(made.PublicKey, vault.PublicKey);
            Assert.Equal(made.PublicKey, vault.Metadata["publicKey"]);
            Assert.Equal("RotPrompt", vault.Metadata["member"]);
            Assert.Equal(i.OldKey.PublicKey, vault.Metadata["replaces"]);
            Assert.True(DateTime.UtcNow - DateTime.Parse(vault.Metadata["createdAt"], null, System.Globalization.DateTimeStyles.RoundtripKind).ToUniversalTime() < TimeSpan.FromHours(1));

            // The requests: reads and sign-ins only; the watch's tries each one GET /system/info, one refusal and nothing after it with the old key.
            var log = Since(_f, t, start);
            Assert.All(log, e => Assert.Equal("GET", e.Method));
            var info = log.Where(e => Endpoint(e) == "GET system/info").ToList();
            var refused = info.Where(e => e.Status == 401).ToList();
            Assert.Single(refused);
            var afterRefusal = info.Where(e => e.Seq > refused[0].Seq).ToList();
            Assert.Single(afterRefusal);                    // the new key's last sign-in
            Assert.Equal(200, afterRefusal[0].Status);
            var tries = info.Count(e => e.Seq <= refused[0].Seq);
            Assert.True(tries >= 3, "the watch saw the old key sign in twice before the refusal: " + tries);
            _out.WriteLine("interactive rotation: " + log.Count + " requests (" + string.Join(", ", log.GroupBy(Endpoint).Select(g => g.Key + " x" + g.Count())) +
                           "), of them " + tries + " watch tries; requests other than the watch: " + (log.Count - tries));
            // Outside the watch: the member, who the session is (issue 23: never rotate the connected member), the old key's mySecurity
            // and Customize items, the new key's, and the new key's last sign-in.
            Assert.Equal(7, log.Count - tries);
            AssertNoSecret(_f, r.AllText(), i.OldKey, made);
        }

        [Fact]
        public void Unattended_runs_stop_at_each_step_a_person_must_do_and_the_next_run_resumes_until_complete()
        {
            var t = T(1);
            using var s = _f.ConnectedSession(t);
            s.Run(FakeSecretManagement.Script).AssertNoErrors();
            var i = SetUp(_f, t, s, "RotJob");
            PutInVault(s, SecretName(t, i), i.OldKey);
            var all = new List<PsResult>();
            var counts = new List<string>();
            PsResult Run(ApiKeyCreated key)
            {
                var before = LastSeq(_f, t);
                var r = Rotate(s, i, key, "-Vault TestVault -NonInteractive");
                all.Add(r);
                var log = Since(_f, t, before);
                Assert.All(log, e => Assert.Equal("GET", e.Method));
                counts.Add(log.Count + " (" + string.Join(", ", log.Select(e => Endpoint(e) + " " + e.Status)) + ")");
                return r;
            }

            // Step 2: no new key yet. The run stops with the clicks that make one; a rerun stops the same way.
            for (var n = 0; n < 2; n++)
            {
                var r = Run(null);
                r.AssertNoErrors();
                var first = r.Single<KeyRotationResult>();
                Assert.Equal(KeyRotationStatus.ManualStepRequired, first.Status);
                Assert.Equal(InstallStepState.Done, first.Steps[0].State);
                Assert.Equal(InstallStepState.ToDo, first.Steps[1].State);
                Assert.Contains("API Keys tab", first.Instructions);
                Assert.Contains("-KeyPair", first.Instructions);
                Assert.Contains(r.Warnings, w => w.Message.Contains("step 2"));
                Assert.Equal(i.OldKey.PublicKey, Vault(s, SecretName(t, i)).Value.PublicKey);
            }

            // Step 4 and 5: the new key is given; it is proven and stored, and the run stops with both steps' instructions together.
            using var op = Operator(_f, t);
            var made = op.CreateApiKey(i.MemberId, "RotJob new");
            for (var n = 0; n < 2; n++)
            {
                var r = Run(made);
                r.AssertNoErrors();
                var stopped = r.Single<KeyRotationResult>();
                Assert.Equal(KeyRotationStatus.ManualStepRequired, stopped.Status);
                Assert.Equal(new[] { InstallStepState.Done, InstallStepState.Done, InstallStepState.Done, InstallStepState.ToDo, InstallStepState.ToDo }, stopped.Steps.Select(x => x.State));
                Assert.Contains("Step 4.", stopped.Instructions);
                Assert.Contains("Step 5.", stopped.Instructions);
                Assert.Contains("find the key with public key '" + i.OldKey.PublicKey + "'", stopped.Instructions);
                Assert.Contains("Public Key: " + made.PublicKey, stopped.Instructions);
                Assert.False(stopped.OldKeyRefused);
                var vault = Vault(s, SecretName(t, i)).Value;
                Assert.Equal(made.PublicKey, vault.PublicKey);
                Assert.Equal(i.OldKey.PublicKey, vault.Metadata["replaces"]);
            }

            // A person gave the vendor the new key and deleted the old one: the next run (new key from the vault) completes.
            op.DeleteApiKey(i.MemberId, i.OldKey.Id);
            var last = Run(null);
            last.AssertNoErrors();
            Assert.Empty(last.Warnings);                 // the vault records that an earlier run proved the old key
            var done = last.Single<KeyRotationResult>();
            Assert.Equal(KeyRotationStatus.Complete, done.Status);
            Assert.True(done.OldKeyRefused);
            Assert.Equal(made.PublicKey, done.NewKey.PublicKey);
            Assert.All(done.Steps, step => Assert.Equal(InstallStepState.Done, step.State));
            // Its old key was tried once: one request, refused, never repeated.
            Assert.Contains("GET system/mySecurity 401", counts.Last());
            Assert.Single(counts.Last().Split(", ").Where(x => x.EndsWith(" 401")));
            _out.WriteLine("unattended runs, requests each: " + string.Join(" | ", counts));
            AssertNoSecret(_f, string.Join("\n", all.Select(x => x.AllText())), i.OldKey, made);
        }

        [Fact]
        public void A_stop_at_the_vault_the_vendor_and_the_watch_each_resumes_on_the_next_run()
        {
            var t = T(2);
            var host = new ScriptedHost();
            using var s = _f.ConnectedSession(t, host);
            s.Run(FakeSecretManagement.Script).AssertNoErrors();
            var i = SetUp(_f, t, s, "RotStops");
            using var op = Operator(_f, t);
            var made = op.CreateApiKey(i.MemberId, "RotStops new");

            // Step 3: the vault cannot be written. The run fails there, with the new key in the result, before the vendor and the deletion.
            s.Run("$global:CwTestVaultReadOnly = $true").AssertNoErrors();
            var r = Rotate(s, i, made, "-Vault TestVault " + Fast);
            Assert.Equal("CwSecretStoreFailed", Id(r.SingleError()));
            var failed = r.Single<KeyRotationResult>();
            Assert.Equal(KeyRotationStatus.Failed, failed.Status);
            Assert.Equal(InstallStepState.Failed, failed.Steps[2].State);
            Assert.Equal(made.PublicKey, failed.NewKey.PublicKey);
            Assert.Empty(host.PromptsShown);
            s.Run("$global:CwTestVaultReadOnly = $false").AssertNoErrors();

            // Step 4: at the prompt the person says the integration does not use the new key yet: a stop, not an error.
            host.Choices.Enqueue(1);
            r = Rotate(s, i, made, "-Vault TestVault " + Fast);
            r.AssertNoErrors();
            var notYet = r.Single<KeyRotationResult>();
            Assert.Equal(KeyRotationStatus.ManualStepRequired, notYet.Status);
            Assert.Equal(InstallStepState.ToDo, notYet.Steps[3].State);
            Assert.Contains("Step 5.", notYet.Instructions);
            Assert.Equal(made.PublicKey, Vault(s, SecretName(t, i)).Value.PublicKey);

            // Step 5: yes, but nobody deletes the old key before the watch's timeout: CwWaitTimeout, and the old key still works.
            host.Choices.Enqueue(0);
            var before = LastSeq(_f, t);
            r = Rotate(s, i, made, "-Vault TestVault -WatchInterval 00:00:00.1 -WatchTimeout 00:00:00.35");
            Assert.Equal("CwWaitTimeout", Id(r.SingleError()));
            var timedOut = r.Single<KeyRotationResult>();
            Assert.Equal(KeyRotationStatus.Failed, timedOut.Status);
            Assert.Equal(InstallStepState.Done, timedOut.Steps[3].State);
            Assert.Equal(InstallStepState.Failed, timedOut.Steps[4].State);
            Assert.Contains("still signs in", timedOut.Steps[4].Detail);
            var tries = Since(_f, t, before).Count(e => Endpoint(e) == "GET system/info");
            Assert.InRange(tries, 1, 4);

            // Step 5 again, stopped by Ctrl+C during the watch: the pipeline stops; nothing is lost.
            host.Choices.Enqueue(0);
            var stopping = s.RunAsync("Update-CwApiKey -ApiMember RotStops -OldKeyPair $Old -KeyPair $New -Vault TestVault -WatchInterval 00:00:00.1 -WatchTimeout 00:10:00",
                new() { ["Old"] = Credential(i.OldKey), ["New"] = Credential(made) });
            var watching = LastSeq(_f, t);
            for (var n = 0; n < 600 && Since(_f, t, watching).Count(e => Endpoint(e) == "GET system/info") < 2; n++) Thread.Sleep(50);
            s.Stop();
            var stopped = stopping.GetAwaiter().GetResult();
            Assert.IsAssignableFrom<PipelineStoppedException>(stopped.Terminating);

            // The person deletes the old key; the next run, unattended and with the new key from the vault, completes.
            op.DeleteApiKey(i.MemberId, i.OldKey.Id);
            r = Rotate(s, i, null, "-Vault TestVault -NonInteractive");
            r.AssertNoErrors();
            Assert.Equal(KeyRotationStatus.Complete, r.Single<KeyRotationResult>().Status);
            AssertNoSecret(_f, r.AllText() + stopped.AllText() + host.Text, i.OldKey, made);
        }

        [Fact]
        public void A_wrong_old_key_is_refused_with_one_sign_in_and_a_key_of_another_member_is_named()
        {
            var t = T(3);
            using var s = _f.ConnectedSession(t);
            var i = SetUp(_f, t, s, "RotWrongOld");
            var other = SetUp(_f, t, s, "RotOther");

            // A mistyped private key: ConnectWise refuses it once; nothing is retried; no new key is asked for.
            var typo = i with { OldKey = new ApiKeyCreated { Id = i.OldKey.Id, MemberId = i.MemberId, PublicKey = i.OldKey.PublicKey, PrivateKey = i.OldKey.PrivateKey.Substring(1) + "x" } };
            var before = LastSeq(_f, t);
            var r = Rotate(s, typo, null, "-NonInteractive");
            Assert.Equal("CwAuthenticationFailed", Id(r.SingleError()));
            Assert.Contains("refused the old key", r.SingleError().Exception.Message);
            var result = r.Single<KeyRotationResult>();
            Assert.Equal(KeyRotationStatus.Failed, result.Status);
            Assert.Equal(InstallStepState.Failed, result.Steps[0].State);
            var log = Since(_f, t, before);
            Assert.Single(log.Where(e => e.Status == 401));
            // The member, who the session is (the connected member is never rotated), and the old key's refused sign-in.
            Assert.Equal(new[] { "GET system/apiMembers", "GET system/mySecurity", "GET system/mySecurity" }, log.Select(Endpoint).OrderBy(x => x));
            // The rerun with the right old key goes on from step 1 to the step a person must do next.
            r = Rotate(s, i, null, "-NonInteractive");
            r.AssertNoErrors();
            Assert.Equal(InstallStepState.ToDo, r.Single<KeyRotationResult>().Steps[1].State);

            // Another member's key as the old key.
            r = Rotate(s, i with { OldKey = other.OldKey }, null, "-NonInteractive");
            Assert.Equal("CwKeyBelongsToAnotherMember", Id(r.SingleError()));
            Assert.Contains("'RotOther'", r.SingleError().Exception.Message);

            // The same key twice, or the connection's own key as the old key: refused before any request.
            before = LastSeq(_f, t);
            r = Rotate(s, i, i.OldKey, "-NonInteractive");
            Assert.Equal("CwInvalidArgument", Id(r.SingleError()));
            r = s.Run("Update-CwApiKey -ApiMember RotWrongOld -OldKeyPair $Cred -NonInteractive", _f.ConnectVariables(t));
            Assert.Equal("CwInvalidArgument", Id(r.SingleError()));
            Assert.Empty(Since(_f, t, before));
            AssertNoSecret(_f, r.AllText(), i.OldKey, other.OldKey, typo.OldKey);
        }

        [Fact]
        public void A_new_key_of_another_member_is_refused_and_nothing_is_stored()
        {
            var t = T(4);
            using var s = _f.ConnectedSession(t);
            s.Run(FakeSecretManagement.Script).AssertNoErrors();
            var i = SetUp(_f, t, s, "RotMine");
            var other = SetUp(_f, t, s, "RotTheirs");
            PutInVault(s, SecretName(t, i), i.OldKey);

            var r = Rotate(s, i, other.OldKey, "-Vault TestVault -NonInteractive");
            var error = r.SingleError();
            Assert.Equal("CwKeyBelongsToAnotherMember", Id(error));
            Assert.Contains("RotTheirs", error.Exception.Message);
            var result = r.Single<KeyRotationResult>();
            Assert.Equal(KeyRotationStatus.Failed, result.Status);
            Assert.Equal(InstallStepState.Done, result.Steps[0].State);
            Assert.Equal(InstallStepState.Failed, result.Steps[1].State);
            Assert.Null(result.NewKey);
            Assert.Equal(i.OldKey.PublicKey, Vault(s, SecretName(t, i)).Value.PublicKey);

            // The administrator's own key as the new key.
            r = s.Run("Update-CwApiKey -ApiMember RotMine -OldKeyPair $Old -KeyPair $Cred -NonInteractive",
                new Dictionary<string, object>(_f.ConnectVariables(t)) { ["Old"] = Credential(i.OldKey) });
            Assert.Equal("CwKeyBelongsToAnotherMember", Id(r.SingleError()));
            AssertNoSecret(_f, r.AllText(), i.OldKey, other.OldKey);
        }

        [Fact]
        public void A_new_key_with_other_rights_than_the_old_one_is_refused_and_the_message_names_the_rows()
        {
            var t = T(5);
            var host = new ScriptedHost();
            using var s = _f.ConnectedSession(t, host);
            s.Run(FakeSecretManagement.Script).AssertNoErrors();
            var i = SetUp(_f, t, s, "RotRights");
            PutInVault(s, SecretName(t, i), i.OldKey);
            ApiKeyCreated made = null;
            host.OnPrompt = what =>
            {
                if (!what.StartsWith("PromptForCredential", StringComparison.Ordinal)) return;
                // While the person makes the new key, someone widens the member's role and adds a Table Setup table.
                using var op = Operator(_f, t);
                op.SetRoleLevel(i.RoleId, "Companies", "Company Maintenance", "None", "None", "All", "All");
                op.SetCustomize(i.RoleId, "SystemTableSetup", false, new[] { "Company / Company Status", "Company / Company Type" });
                made = op.CreateApiKey(i.MemberId, "RotRights new");
                host.Credentials.Enqueue(Credential(made));
            };
            var r = Rotate(s, i, null, "-Vault TestVault " + Fast);
            var error = r.SingleError();
            Assert.Equal("CwKeyRightsDiffer", Id(error));
            Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
            Assert.Contains("Company Maintenance: the new key has None/None/All/All, the old key None/None/None/All", error.Exception.Message);
            Assert.Contains("only the new key has Company / Company Type", error.Exception.Message);
            var result = r.Single<KeyRotationResult>();
            Assert.Equal(KeyRotationStatus.Failed, result.Status);
            Assert.Equal(InstallStepState.Failed, result.Steps[1].State);
            Assert.Equal(2, result.Rights.ToChange.Count + result.Rights.Customize.Count(c => c.State != ConnectWiseSetup.Permissions.DiffState.Match));
            // The old key still works and is still in the vault: nothing of the rotation happened past the proof.
            Assert.Equal(i.OldKey.PublicKey, Vault(s, SecretName(t, i)).Value.PublicKey);
            Assert.Single(host.PromptsShown);
            AssertNoSecret(_f, r.AllText(), i.OldKey, made);
        }

        [Fact]
        public void WhatIf_signs_in_with_both_keys_shows_the_steps_and_writes_nothing()
        {
            var t = T(6);
            var host = new ScriptedHost();
            using var s = _f.ConnectedSession(t, host);
            s.Run(FakeSecretManagement.Script).AssertNoErrors();
            var i = SetUp(_f, t, s, "RotWhatIf");
            PutInVault(s, SecretName(t, i), i.OldKey);
            using var op = Operator(_f, t);
            var made = op.CreateApiKey(i.MemberId, "RotWhatIf new");
            host.TakeText();

            var before = LastSeq(_f, t);
            var r = Rotate(s, i, made, "-Vault TestVault -WhatIf");
            r.AssertNoErrors();
            var plan = r.Single<KeyRotationPlan>();
            Assert.Equal(new[] { InstallStepState.Done, InstallStepState.Done, InstallStepState.ToDo, InstallStepState.ToDo, InstallStepState.ToDo }, plan.Steps.Select(x => x.State));
            Assert.Equal(made.PublicKey, plan.NewPublicKey);
            Assert.Contains("What if:", r.HostText);
            Assert.Contains("3 of 5 steps to do", r.HostText);
            Assert.Contains("Replace secret '" + SecretName(t, i) + "'", r.HostText);
            Assert.Empty(host.PromptsShown);
            Assert.Equal(i.OldKey.PublicKey, Vault(s, SecretName(t, i)).Value.PublicKey);
            var log = Since(_f, t, before);
            Assert.All(log, e => Assert.Equal("GET", e.Method));
            // The member, who the session is, both keys' mySecurity and both keys' Customize items: six reads, no watch.
            Assert.Equal(6, log.Count);
            Assert.DoesNotContain(log, e => Endpoint(e) == "GET system/info");
            AssertNoSecret(_f, r.AllText(), i.OldKey, made);
        }

        [Fact]
        public void With_the_old_key_deleted_a_run_with_the_new_key_completes_and_without_a_record_it_warns_that_a_typo_looks_the_same()
        {
            var t = T(7);
            using var s = _f.ConnectedSession(t);
            var i = SetUp(_f, t, s, "RotLate");
            using var op = Operator(_f, t);
            var made = op.CreateApiKey(i.MemberId, "RotLate new");
            op.DeleteApiKey(i.MemberId, i.OldKey.Id);

            var before = LastSeq(_f, t);
            var r = Rotate(s, i, made, "-NonInteractive");
            r.AssertNoErrors();
            var done = r.Single<KeyRotationResult>();
            Assert.Equal(KeyRotationStatus.Complete, done.Status);
            Assert.True(done.OldKeyRefused);
            Assert.Null(done.Rights);
            Assert.Contains("not compared", done.Steps[1].Detail);
            Assert.Contains(r.Warnings, w => w.Message.Contains("mistyped"));
            // The member, who the session is, the old key (refused: one request), the new key's mySecurity: four requests.
            Assert.Equal(4, Since(_f, t, before).Count);
            AssertNoSecret(_f, r.AllText(), i.OldKey, made);
        }

        [Fact]
        public void The_new_key_deleted_instead_of_the_old_one_is_caught()
        {
            var t = T(8);
            var host = new ScriptedHost();
            using var s = _f.ConnectedSession(t, host);
            var i = SetUp(_f, t, s, "RotBoth");
            using var op = Operator(_f, t);
            var made = op.CreateApiKey(i.MemberId, "RotBoth new");
            // The person deletes both keys at once.
            host.OnPrompt = what =>
            {
                if (!what.StartsWith("PromptForChoice", StringComparison.Ordinal)) return;
                host.Choices.Enqueue(0);
                op.DeleteApiKey(i.MemberId, i.OldKey.Id);
                op.DeleteApiKey(i.MemberId, made.Id);
            };
            var r = Rotate(s, i, made, Fast);
            Assert.Equal("CwAuthenticationFailed", Id(r.SingleError()));
            Assert.Contains("and so is the new key", r.SingleError().Exception.Message);
            Assert.Equal(KeyRotationStatus.Failed, r.Single<KeyRotationResult>().Status);
        }

        [Fact]
        public void Test_CwApiKey_reads_a_stored_key_and_gives_its_age_from_the_vault_metadata()
        {
            var t = T(9);
            using var s = _f.ConnectedSession(t);
            s.Run(FakeSecretManagement.Script).AssertNoErrors();
            var i = SetUp(_f, t, s, "RotAge");
            var made = DateTime.UtcNow.AddDays(-100);
            PutInVault(s, "aged", i.OldKey, new() { ["createdAt"] = made.ToString("o"), ["publicKey"] = i.OldKey.PublicKey, ["member"] = "RotAge" });
            PutInVault(s, "no-metadata", i.OldKey);
            PutInVault(s, "stale-metadata", i.OldKey, new() { ["createdAt"] = made.ToString("o"), ["publicKey"] = "SomeOtherKey1234" });

            var r = s.Run("Test-CwApiKey -Vault TestVault -SecretName aged");
            r.AssertNoErrors();
            var aged = r.Single<CwApiKeyTestResult>();
            Assert.True(aged.IsValid);
            Assert.Equal("RotAge", aged.Member.Identifier);
            Assert.InRange(aged.Age.Value.TotalDays, 99.9, 100.1);
            Assert.Contains("vault 'TestVault'", aged.Source);

            Assert.Null(s.Run("Test-CwApiKey -Vault TestVault -SecretName no-metadata").Single<CwApiKeyTestResult>().Age);
            Assert.Null(s.Run("Test-CwApiKey -Vault TestVault -SecretName stale-metadata").Single<CwApiKeyTestResult>().Age);
            Assert.Equal("CwNotFound", Id(s.Run("Test-CwApiKey -Vault TestVault -SecretName missing").SingleError()));

            // After a rotation the stored key's age is that of the new key.
            using var op = Operator(_f, t);
            var newKey = op.CreateApiKey(i.MemberId, "RotAge new");
            op.DeleteApiKey(i.MemberId, i.OldKey.Id);
            PutInVault(s, SecretName(t, i), i.OldKey);
            Rotate(s, i, newKey, "-Vault TestVault -NonInteractive").AssertNoErrors();
            var rotated = s.Run("Test-CwApiKey -Vault TestVault -SecretName $N", new() { ["N"] = SecretName(t, i) }).Single<CwApiKeyTestResult>();
            Assert.Equal(newKey.PublicKey, rotated.PublicKey);
            Assert.InRange(rotated.Age.Value.TotalMinutes, 0, 10);
            AssertNoSecret(_f, r.AllText(), i.OldKey, newKey);
        }

        [Fact]
        public void A_vault_date_in_the_future_gives_no_age_and_a_warning_never_a_negative_age()
        {
            var t = T(9);
            using var s = _f.ConnectedSession(t);
            s.Run(FakeSecretManagement.Script).AssertNoErrors();
            var i = SetUp(_f, t, s, "RotFuture");
            PutInVault(s, "future", i.OldKey, new() { ["createdAt"] = DateTime.UtcNow.AddDays(400).ToString("o"), ["publicKey"] = i.OldKey.PublicKey });
            PutInVault(s, "skewed", i.OldKey, new() { ["createdAt"] = DateTime.UtcNow.AddMinutes(2).ToString("o"), ["publicKey"] = i.OldKey.PublicKey });

            var r = s.Run("Test-CwApiKey -Vault TestVault -SecretName future");
            r.AssertNoErrors();
            var future = r.Single<CwApiKeyTestResult>();
            Assert.True(future.IsValid);
            Assert.NotNull(future.CreatedAt);
            Assert.Null(future.Age);
            Assert.Contains("later than now", future.AgeUnknownReason);
            Assert.Contains(r.Warnings, w => w.Message.Contains("later than now"));
            // A clock a little ahead: made just now.
            var skewed = s.Run("Test-CwApiKey -Vault TestVault -SecretName skewed").Single<CwApiKeyTestResult>();
            Assert.Equal(TimeSpan.Zero, skewed.Age);
            Assert.Null(skewed.AgeUnknownReason);
            // The undated key says why too (the monitor recipe prints AgeUnknownReason).
            PutInVault(s, "undated", i.OldKey);
            Assert.Equal("the vault does not say when this key was made", s.Run("Test-CwApiKey -Vault TestVault -SecretName undated").Single<CwApiKeyTestResult>().AgeUnknownReason);
        }
    }
}
