using System.Management.Automation;
using System.Text;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Tests.Infrastructure;
using Newtonsoft.Json;
using Xunit;
using Xunit.Abstractions;

namespace ConnectWiseSetup.Tests.Reliability
{
    public sealed class SecretScanFixture : SimulatorFixture
    {
        protected override SimulatorOptions Options => new() { Port = 0, TenantCount = 1, Seed = 777 };
    }

    /// <summary>
    /// Every exported cmdlet, with -Verbose and -Debug and both preferences at Continue, through successes and through
    /// failures that carry a key in the request (wrong key, 401, 403, 429 storms, 500s, dropped connections, malformed
    /// answers); then every stream, every ErrorRecord (message, exception chain with ToString(), target object,
    /// ErrorDetails), the host's text, the simulator's request logs (global, per tenant, and as the operator channel
    /// serves them) and the string forms and property values of the connection and key objects are scanned for each
    /// private key and each Authorization header value. Expected hits: 0.
    ///
    /// Start-Transcript is not available in the hosted runspace (engine commands only, no Microsoft.PowerShell.Host
    /// module): a transcript is what the host writes, so the ScriptedHost's text stands in for it here.
    /// </summary>
    public sealed class SecretScanTests : IClassFixture<SecretScanFixture>
    {
        readonly SecretScanFixture _f;
        readonly ITestOutputHelper _out;
        public SecretScanTests(SecretScanFixture f, ITestOutputHelper output) { _f = f; _out = output; }

        /// <summary>Every cmdlet the module exports; the scan below runs each of them (a new cmdlet must be added to the scan).</summary>
        static readonly string[] Covered =
        {
            "Compare-CwSecurityRole", "Connect-CwManage", "Disable-CwApiMember", "Disconnect-CwManage", "Export-CwSecurityRole",
            "Get-CwApiMember", "Get-CwConnection", "Get-CwIntegrationProfile", "Get-CwSecurityRole", "Get-CwSecurityRolePermission",
            "New-CwApiKey", "New-CwApiMember", "New-CwSecurityRole", "Remove-CwSecurityRole", "Set-CwApiMember", "Test-CwApiKey",
            "Wait-CwSecurityRolePermission", "Install-CwIntegration", "Test-CwIntegrationPermission", "Uninstall-CwIntegration",
            "Test-CwTenant",
            "Update-CwApiKey",
            "ConvertFrom-CwIntegrationGuide",
        };

        const string Preamble =
            "$VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $ErrorActionPreference = 'Continue';" +
            "$PSDefaultParameterValues = @{ '*-Cw*:Verbose' = $true; '*-Cw*:Debug' = $true };";

        static string Basic(string companyId, string publicKey, string privateKey)
            => Convert.ToBase64String(Encoding.UTF8.GetBytes(companyId + "+" + publicKey + ":" + privateKey));

        [Fact]
        public void No_private_key_or_Authorization_value_in_any_stream_error_host_text_log_or_object()
        {
            var t = _f.Tenant;
            var secrets = new Dictionary<string, string>();
            void Secret(string label, string companyId, string publicKey, string privateKey)
            {
                secrets[label + " private key"] = privateKey;
                secrets[label + " Authorization"] = Basic(companyId, publicKey, privateKey);
            }
            Secret("admin", t.CompanyId, t.PublicKey, t.PrivateKey);
            const string wrongPrivate = "WrongPrivateKey0123456789abcdef";
            Secret("wrong", t.CompanyId, t.PublicKey, wrongPrivate);

            var host = new ScriptedHost();
            using var ps = new PsSession(host);
            var text = new StringBuilder();
            var errorIds = new List<string>();
            var objects = new List<object>();
            int runs = 0;
            var dir = Path.Combine(Path.GetTempPath(), "cw-secrets-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            foreach (var kv in _f.ConnectVariables()) ps.SetVariable(kv.Key, kv.Value);
            ps.SetVariable("WrongCred", SimulatorFixture.Credential(t.PublicKey, wrongPrivate));
            ps.SetVariable("ExportPath", Path.Combine(dir, "scan.json"));
            ps.SetVariable("ReportPath", Path.Combine(dir, "report.json"));

            PsResult Run(string script)
            {
                var sw = System.Diagnostics.Stopwatch.StartNew();
                var r = ps.Run(Preamble + script);
                runs++;
                if (sw.ElapsedMilliseconds > 500) _out.WriteLine($"slow: {sw.ElapsedMilliseconds} ms {script}");
                text.AppendLine(r.AllText());
                foreach (var e in r.AllErrors)
                {
                    errorIds.Add(e.FullyQualifiedErrorId.Split(',')[0]);
                    objects.Add(e.TargetObject);
                    objects.Add(e.Exception);
                }
                foreach (var o in r.Output) objects.Add(o.BaseObject);
                return r;
            }

            // ---- successes, as the administrator: every cmdlet once
            Run(FixtureConnect(" -MaxRetryTimeSec 2 -PassThru"));
            Run("Get-CwConnection");
            Run("Get-CwIntegrationProfile MspProcess");
            Run("New-CwSecurityRole -Name 'Secret Scan Role'");
            Run("New-CwSecurityRole -Name 'Secret Scan Spare'");
            Run("Get-CwSecurityRole -Name 'Secret Scan*'");
            Run("Get-CwSecurityRolePermission -Role 'Secret Scan Role' -All");
            Run("Compare-CwSecurityRole -Role 'Secret Scan Role' -Profile MspProcess");
            Run("Wait-CwSecurityRolePermission -Role 'Secret Scan Role' -Profile MspProcess -Timeout 00:00:00.5 -PollInterval 00:00:00.2");
            Run("Export-CwSecurityRole -Role 'Secret Scan Role' -Path $ExportPath");
            text.AppendLine(File.ReadAllText(Path.Combine(dir, "scan.json")));
            Run("New-CwApiMember -Identifier SecretScan -Name 'Secret Scan' -SecurityRole 'Secret Scan Role'");
            Run("Get-CwApiMember -Identifier Secret*");
            Run("Set-CwApiMember -ApiMember SecretScan -Notes 'scanned' -PassThru");

            var memberId = (int)_f.Server.GetTenant(t.CompanyId).Collection("system/apiMembers").All.Single(m => (string)m["identifier"] == "SecretScan")["id"];
            using var op = new OperatorClient(_f.Server.BaseUrl, _f.Server.OperatorToken, t.CompanyId);
            var key = op.CreateApiKey(memberId, "Secret Scan");
            var other = op.CreateApiKey(memberId, "Secret Scan typo");
            Secret("member", t.CompanyId, key.PublicKey, key.PrivateKey);
            Secret("member second", t.CompanyId, other.PublicKey, other.PrivateKey);
            ps.SetVariable("MemberCred", SimulatorFixture.Credential(key.PublicKey, key.PrivateKey));
            ps.SetVariable("TypoCred", SimulatorFixture.Credential(key.PublicKey, key.PrivateKey.Substring(1) + "x"));
            Secret("typo", t.CompanyId, key.PublicKey, key.PrivateKey.Substring(1) + "x");

            // New-CwApiKey at a prompt: first a mistyped private key (a 401 with the key in the request), then the right one.
            var answers = new Queue<PSCredential>(new[]
            {
                SimulatorFixture.Credential(key.PublicKey, key.PrivateKey.Substring(1) + "x"),
                SimulatorFixture.Credential(key.PublicKey, key.PrivateKey),
            });
            host.OnPrompt = what => { if (what.StartsWith("PromptForCredential") && answers.Count > 0) host.Credentials.Enqueue(answers.Dequeue()); };
            var prompted = Run("$Key = New-CwApiKey -ApiMember SecretScan -Description 'Secret Scan'; $Key");
            Assert.Single(prompted.OfType<CwApiKey>());
            Run("New-CwApiKey -ApiMember SecretScan -KeyPair $MemberCred");
            Run("$Key | Test-CwApiKey");
            Run("Test-CwApiKey -Credential $MemberCred");

            // ---- a key rotation of another member: a mistyped old key (a 401 carrying it), the administrator's key as the new key,
            // -WhatIf, then at a prompt (the old key pasted first, then a mistyped new key, then the new key; "not yet" at the vendor
            // step), the vault replaced, the old key deleted, the unattended rerun that completes, and the stored key's age.
            Run("New-CwApiMember -Identifier ScanRotate -Name 'Scan Rotate' -SecurityRole 'Secret Scan Role'");
            var rotateId = (int)_f.Server.GetTenant(t.CompanyId).Collection("system/apiMembers").All.Single(m => (string)m["identifier"] == "ScanRotate")["id"];
            var rotOld = op.CreateApiKey(rotateId, "Scan Rotate old");
            var rotNew = op.CreateApiKey(rotateId, "Scan Rotate new");
            Secret("rotation old", t.CompanyId, rotOld.PublicKey, rotOld.PrivateKey);
            Secret("rotation new", t.CompanyId, rotNew.PublicKey, rotNew.PrivateKey);
            Secret("rotation typo", t.CompanyId, rotNew.PublicKey, rotNew.PrivateKey.Substring(1) + "x");
            ps.SetVariable("RotOld", SimulatorFixture.Credential(rotOld.PublicKey, rotOld.PrivateKey));
            ps.SetVariable("RotNew", SimulatorFixture.Credential(rotNew.PublicKey, rotNew.PrivateKey));
            ps.SetVariable("RotTypo", SimulatorFixture.Credential(rotOld.PublicKey, rotOld.PrivateKey.Substring(1) + "x"));
            Run(FakeSecretManagement.Script);
            Run("Microsoft.PowerShell.SecretManagement\\Set-Secret -Name ScanRotate -Secret $RotOld -Vault ScanVault");
            Run("Update-CwApiKey -ApiMember ScanRotate -OldKeyPair $RotTypo -NonInteractive");
            Run("Update-CwApiKey -ApiMember ScanRotate -OldKeyPair $RotOld -KeyPair $Cred -NonInteractive");
            Run("Update-CwApiKey -ApiMember ScanRotate -OldKeyPair $RotOld -KeyPair $RotNew -Vault ScanVault -SecretName ScanRotate -WhatIf");
            var rotAnswers = new Queue<PSCredential>(new[]
            {
                SimulatorFixture.Credential(rotOld.PublicKey, rotOld.PrivateKey),
                SimulatorFixture.Credential(rotNew.PublicKey, rotNew.PrivateKey.Substring(1) + "x"),
                SimulatorFixture.Credential(rotNew.PublicKey, rotNew.PrivateKey),
            });
            host.OnPrompt = what =>
            {
                if (what.StartsWith("PromptForCredential") && rotAnswers.Count > 0) host.Credentials.Enqueue(rotAnswers.Dequeue());
                if (what.StartsWith("PromptForChoice")) host.Choices.Enqueue(1);
            };
            var rotated = Run("Update-CwApiKey -ApiMember ScanRotate -OldKeyPair $RotOld -Vault ScanVault -SecretName ScanRotate");
            Assert.Equal(ConnectWiseSetup.Setup.KeyRotationStatus.ManualStepRequired, rotated.OfType<ConnectWiseSetup.Setup.KeyRotationResult>().Single().Status);
            op.DeleteApiKey(rotateId, rotOld.Id);
            var completed = Run("Update-CwApiKey -ApiMember ScanRotate -OldKeyPair $RotOld -Vault ScanVault -SecretName ScanRotate -NonInteractive");
            Assert.Equal(ConnectWiseSetup.Setup.KeyRotationStatus.Complete, completed.OfType<ConnectWiseSetup.Setup.KeyRotationResult>().Single().Status);
            Run("Test-CwApiKey -Vault ScanVault -SecretName ScanRotate");

            // ---- the tenant's readiness, as the administrator and as the integration's member (whose role lacks the rights), and its report
            Run("Test-CwTenant -All -Profile AppXite -ReportPath $ReportPath -Force");
            text.AppendLine(File.ReadAllText(Path.Combine(dir, "report.json")));

            // ---- the integration cmdlets: an unattended install stops at its guided step, a test by role and by key (-Live)
            Run("Install-CwIntegration -Profile AppXite -NonInteractive");
            Run("Install-CwIntegration -Profile AppXite -NonInteractive -KeyPair $MemberCred");         // another member's key
            Run("Test-CwIntegrationPermission -Profile MspProcess -Role 'Secret Scan Role'");
            Run("Test-CwIntegrationPermission -Profile MspProcess -ApiKey $Key -Live");
            Run("Test-CwIntegrationPermission -Profile MspProcess -Credential $TypoCred");
            Run("Get-CwApiMember -Identifier SecretScan | Test-CwIntegrationPermission -Profile MspProcess");
            Run("Uninstall-CwIntegration -Profile AppXite -Confirm:$false");

            // ---- failures that carry a key
            Run("Test-CwApiKey -Credential $WrongCred");                                            // 401 inside a test result
            Run("New-CwApiKey -ApiMember SecretScan -KeyPair $TypoCred");                           // 401 for the member's key
            Run("New-CwApiKey -ApiMember SecretScan -KeyPair $Cred");                               // the admin's own key
            Run(FixtureConnect(" -Credential $WrongCred").Replace("-Credential $Cred", ""));         // 401 at connect
            Run("$MemberConnection = $Key | Connect-CwManage -PassThru; $MemberConnection");       // connect as the integration
            Run("Get-CwSecurityRole -Connection $MemberConnection");                                  // 403: its role has no rights
            Run("Test-CwTenant -All -Connection $MemberConnection");                                       // its rights checks fail
            Run("New-CwSecurityRole -Name 'Not Allowed' -Connection $MemberConnection");
            Run("Get-CwApiMember -Connection $MemberConnection");
            Run(FixtureConnect(" -MaxRetryTimeSec 2 -PassThru"));

            // Retry budgets: 1 s gives two back-off retries (0.2 s, 0.4 s) per request, enough to log them; the 429 storm
            // retries at once (Retry-After: 0) until its attempts are spent; 503s and drops give their final error at once.
            var faults = new (string Name, object Settings, int RetrySec)[]
            {
                ("429 storm", new { rate429 = 1.0, retryAfter = "0", seed = 11 }, 1),
                ("500s", new { rate500 = 1.0, seed = 12 }, 1),
                ("503s", new { rate503 = 1.0, seed = 13 }, 0),
                ("dropped connections", new { dropRate = 1.0, seed = 14 }, 0),
                ("malformed answers", new { malformedRate = 1.0, seed = 15 }, 1),
            };
            foreach (var (name, settings, retrySec) in faults)
            {
                Run(FixtureConnect(" -MaxRetryTimeSec " + retrySec));
                op.SetFaults(settings);
                try
                {
                    Run("Get-CwConnection");
                    Run("Get-CwSecurityRole -Name 'Secret Scan*'");
                    Run("New-CwSecurityRole -Name 'Fault Role'");
                    Run("Get-CwSecurityRolePermission -Role 'Secret Scan Role'");
                    Run("Compare-CwSecurityRole -Role 'Secret Scan Role' -Profile MspProcess");
                    Run("Get-CwApiMember -Identifier SecretScan");
                    Run("New-CwApiMember -Identifier FaultMember -SecurityRole 'Secret Scan Role'");
                    Run("Set-CwApiMember -ApiMember SecretScan -Notes 'fault'");
                    Run("Test-CwApiKey -Credential $MemberCred");
                    Run("New-CwApiKey -ApiMember SecretScan -KeyPair $MemberCred");
                    Run("Remove-CwSecurityRole -Role 'Secret Scan Spare' -Confirm:$false");
                    Run("Install-CwIntegration -Profile MindmatrixAmp -NonInteractive");
                    // -Credential: the key's connection keeps this connection's retry budget (-ApiKey alone has the 60 s default).
                    Run("Test-CwIntegrationPermission -Profile MspProcess -Credential $MemberCred -Live");
                    Run("Uninstall-CwIntegration -Profile MindmatrixAmp -Confirm:$false");
                    Run("Disable-CwApiMember -ApiMember SecretScan -Confirm:$false");
                    Run(FixtureConnect(" -MaxRetryTimeSec 1"));
                }
                finally { op.ClearFaults(); }
            }
            Run(FixtureConnect(" -MaxRetryTimeSec 2"));

            Run("Remove-CwSecurityRole -Role 'Secret Scan Role' -Confirm:$false");                 // in use: CwRoleInUse
            Run("Disable-CwApiMember -ApiMember SecretScan -Confirm:$false -PassThru");
            Run("Test-CwApiKey -Credential $MemberCred");                                           // an inactive member's key
            Run("Remove-CwSecurityRole -Role 'Secret Scan Spare' -Confirm:$false");
            Run("'Contacts: Inquire (All)', 'Notes: Inquire (Full)' | ConvertFrom-CwIntegrationGuide -Name SecretScanGuide");   // no secret to carry; covered all the same
            Run("$c = Get-CwConnection; $c; $c.PSObject.Properties | ForEach-Object { $_.Name + '=' + $_.Value }; Disconnect-CwManage; Get-CwConnection");

            // ---- every exported cmdlet ran
            var exported = ps.Run("Get-Command -Module ConnectWiseSetup | ForEach-Object { $_.Name }");
            exported.AssertNoErrors();
            Assert.Equal(exported.Output.Select(o => o.ToString()).OrderBy(n => n), Covered.OrderBy(n => n));

            // ---- the failures did happen
            foreach (var id in new[] { "CwAuthenticationFailed", "CwPermissionDenied", "CwRateLimited", "CwServerError", "CwKeyBelongsToAnotherMember", "CwRoleInUse", "CwWaitTimeout" })
                Assert.Contains(id, errorIds);
            Assert.Contains(errorIds, id => id is "CwConnectionFailed" or "CwTimeout");
            Assert.Contains("CwInvalidResponse", errorIds);

            // ---- the objects: string forms and property values (PowerShell's view and the CLR's)
            var objectText = new StringBuilder();
            foreach (var o in objects) Describe(o, objectText, 0);
            var connection = ps.Run("$MemberConnection").Single<CwConnection>();
            Describe(connection, objectText, 0);
            var apiKey = ps.Run("$Key").Single<CwApiKey>();
            Describe(apiKey, objectText, 0);
            Describe(apiKey.Credential, objectText, 0);

            // ---- the simulator's logs
            var logs = new StringBuilder();
            logs.AppendLine(JsonConvert.SerializeObject(_f.Server.GlobalRequestLog));
            logs.AppendLine(JsonConvert.SerializeObject(_f.Server.GetTenant(t.CompanyId).RequestLog));
            logs.AppendLine(op.GetRequests().ToString());

            var sources = new Dictionary<string, string>
            {
                ["streams, errors and host text"] = text.ToString(),
                ["objects"] = objectText.ToString(),
                ["simulator logs"] = logs.ToString(),
            };
            var hits = new List<string>();
            foreach (var (source, content) in sources)
                foreach (var (label, secret) in secrets)
                {
                    var n = Count(content, secret);
                    if (n > 0) hits.Add(n + " x " + label + " in " + source);
                }

            _out.WriteLine($"secret scan: {runs} pipelines, {secrets.Count} secrets, {errorIds.Count} error records ({string.Join(", ", errorIds.Distinct().OrderBy(x => x))}), " +
                           $"{sources.Sum(s => s.Value.Length)} characters scanned ({string.Join(", ", sources.Select(s => s.Key + " " + s.Value.Length))}), hits: {hits.Count}");
            // The scan can see: the public keys are in the text (they are not secret), so a private key would be too.
            Assert.Contains(key.PublicKey, sources["streams, errors and host text"]);
            Assert.True(hits.Count == 0, string.Join("; ", hits));
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }

        string FixtureConnect(string more) => SimulatorFixture.ConnectScript + more;

        static int Count(string haystack, string needle)
        {
            int n = 0, i = 0;
            while ((i = haystack.IndexOf(needle, i, StringComparison.Ordinal)) >= 0) { n++; i += needle.Length; }
            return n;
        }

        /// <summary>ToString(), PowerShell's properties and the CLR's public properties, a few levels deep.</summary>
        static void Describe(object o, StringBuilder sb, int depth)
        {
            if (o == null || depth > 3) return;
            if (o is PSObject pso) o = pso.BaseObject;
            sb.AppendLine(Safe(() => o.ToString()));
            if (o is string || o.GetType().IsPrimitive || o is System.Security.SecureString || o is System.Reflection.MemberInfo || o is System.Reflection.Assembly || o is System.Reflection.Module) return;
            if (o is Exception ex)
            {
                sb.AppendLine(ex.ToString());
                foreach (System.Collections.DictionaryEntry d in ex.Data) sb.AppendLine(d.Key + "=" + d.Value);
            }
            foreach (var p in PSObject.AsPSObject(o).Properties)
            {
                object value = null;
                try { value = p.Value; } catch { continue; }
                sb.Append(p.Name).Append('=');
                if (value is System.Collections.IEnumerable e && !(value is string))
                    foreach (var item in e.Cast<object>().Take(50)) Describe(item, sb, depth + 1);
                else Describe(value, sb, depth + 1);
            }
        }

        static string Safe(Func<string> f)
        {
            try { return f(); } catch (Exception e) { return "<" + e.GetType().Name + ">"; }
        }
    }
}
