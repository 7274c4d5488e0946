using System.Xml.Linq;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Setup;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;

namespace ConnectWiseSetup.Tests.Rotation
{
    /// <summary>What a person at a prompt sees for a rotation's result and plan, and for a stored key's age.</summary>
    public sealed class RotationViewTests
    {
        static string Render(PsSession s, string script, Dictionary<string, object> vars)
        {
            var r = s.Run(script + " | Out-Default", vars);
            r.AssertNoErrors();
            return System.Text.RegularExpressions.Regex.Replace(r.HostText, "\u001b\\[[0-9;]*m", "");
        }

        static List<InstallStep> Steps(params InstallStepState[] states)
        {
            var names = new[] { "Old key", "New key", "Vault", "Vendor's side", "Old key deleted" };
            return states.Select((st, n) => new InstallStep { Number = n + 1, Name = names[n], State = st, Detail = "detail " + (n + 1) }).ToList();
        }

        [Fact]
        public void The_rotation_types_have_their_own_view_file()
        {
            var file = Path.Combine(TestPaths.ModuleDirectory, "ConnectWiseSetup.Rotation.format.ps1xml");
            var selected = XDocument.Load(file).Descendants("TypeName").Select(e => e.Value).ToHashSet();
            Assert.Contains(typeof(KeyRotationResult).FullName, selected);
            Assert.Contains(typeof(KeyRotationPlan).FullName, selected);
        }

        [Fact]
        public void A_result_shows_status_steps_both_public_keys_and_the_instructions_never_a_private_key()
        {
            var host = new ScriptedHost();
            using var s = new PsSession(host);
            var secret = new System.Net.NetworkCredential("", "PrivateSecret1234").SecurePassword;
            var key = new CwApiKey(new MemberReference { Id = 7, Identifier = "MSPProcess" }, "MSP Process 2026-01-01", "PublicNew1234567", secret,
                "https://na.myconnectwise.net", "contoso", Guid.NewGuid().ToString(), "v2025_1/", DateTime.UtcNow);
            var stopped = new KeyRotationResult
            {
                Tenant = "contoso@na.myconnectwise.net (v2025_1)", ApiMember = new MemberReference { Id = 7, Identifier = "MSPProcess" },
                Status = KeyRotationStatus.ManualStepRequired, OldPublicKey = "PublicOld1234567", NewKey = key, Vault = "RmmVault", SecretName = "ConnectWise-contoso-MSPProcess",
                Steps = Steps(InstallStepState.Done, InstallStepState.Done, InstallStepState.Done, InstallStepState.ToDo, InstallStepState.ToDo),
                Instructions = "Two things for a person, in this order: ...",
                VendorValues = new[] { new IntegrationVendorValue { Name = "Private Key", Value = key.PrivateKey, Secret = true } },
            };
            var text = Render(s, "$r", new() { ["r"] = stopped });
            foreach (var label in new[] { "ApiMember", "Tenant", "Status", "Steps", "OldPublicKey", "NewPublicKey", "OldKeyRefused", "Vault", "Instructions" })
                Assert.Matches(@"(?m)^" + label + @"\s*:", text);
            Assert.Contains("ManualStepRequired", text);
            Assert.Contains("4. Vendor's side [ToDo]", text);
            Assert.Contains("PublicNew1234567", text);
            Assert.Contains("RmmVault, secret ConnectWise-contoso-MSPProcess", text);
            Assert.DoesNotContain("PrivateSecret1234", text);
            Assert.DoesNotMatch(@"(?m)^Problem", text);

            var failed = new KeyRotationResult { ApiMember = stopped.ApiMember, Status = KeyRotationStatus.Failed, OldPublicKey = "PublicOld1234567",
                Steps = Steps(InstallStepState.Done, InstallStepState.Failed, InstallStepState.ToDo, InstallStepState.ToDo, InstallStepState.ToDo) };
            failed.Steps[1].Detail = "The new key signs in as 'Other', not as API member 'MSPProcess'.";
            text = Render(s, "$r", new() { ["r"] = failed });
            Assert.Matches(@"(?m)^Problem\s*: The new key signs in as 'Other'", text);
            Assert.DoesNotMatch(@"(?m)^Instructions", text);
        }

        [Fact]
        public void A_plan_shows_each_step_with_its_state_and_a_stored_key_test_shows_its_age()
        {
            var host = new ScriptedHost();
            using var s = new PsSession(host);
            var plan = new KeyRotationPlan { Tenant = "contoso@host", ApiMember = new MemberReference { Id = 7, Identifier = "MSPProcess" }, OldPublicKey = "PublicOld1234567",
                NewPublicKey = "PublicNew1234567", Steps = Steps(InstallStepState.Done, InstallStepState.Done, InstallStepState.ToDo, InstallStepState.ToDo, InstallStepState.ToDo) };
            var text = Render(s, "$p", new() { ["p"] = plan });
            Assert.Contains("3. Vault [Automated, ToDo]: detail 3", text);
            Assert.Matches(@"(?m)^NewPublicKey\s*: PublicNew1234567", text);
            Assert.Contains("3 of 5 steps to do", plan.Describe());
            Assert.Contains("the only write is to the vault", plan.Describe());

            var tested = new CwApiKeyTestResult { PublicKey = "PublicNew1234567", IsValid = true, IsActive = true, Member = new MemberReference { Identifier = "MSPProcess" },
                TestedAt = new DateTime(2026, 4, 11, 0, 0, 0, DateTimeKind.Utc), CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), Source = "vault 'RmmVault', secret 'X'" };
            text = Render(s, "$t", new() { ["t"] = tested });
            Assert.Matches(@"(?m)^Age\s*: 100 day\(s\), made 2026-01-01", text);
            Assert.Matches(@"(?m)^Source\s*: vault 'RmmVault'", text);
            // A list: no line wider than 80 columns for a short message.
            Assert.All(text.Split('\n'), line => Assert.True(line.TrimEnd().Length <= 80, line));
        }
    }
}
