using System.Management.Automation;
using System.Security;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Setup;
using Xunit;

namespace ConnectWiseSetup.Tests.Setup
{
    /// <summary>
    /// The key step of Install-CwIntegration, New-CwApiKey and Update-CwApiKey is one decision (<see cref="KeyCapture"/>): a key
    /// given or in the vault is proven as it is, else a person at the prompt, else nobody can answer and the caller stops. Tested
    /// here with a scripted host and a scripted proof, no server: the cmdlet suites test the same paths end to end.
    /// </summary>
    public sealed class KeyCaptureTests
    {
        const string Good = "GoodPublicKey001";

        static PSCredential Key(string publicKey, string privateKey = "PrivateKey000001")
        {
            var secret = new SecureString();
            foreach (var c in privateKey) secret.AppendChar(c);
            return new PSCredential(publicKey, secret);
        }

        static CwApiKey Proven(string publicKey, SecureString privateKey)
            => new CwApiKey(new MemberReference { Id = 7, Identifier = "Vendor" }, "d", publicKey, privateKey, "https://cw.example", "c", "id", "v", DateTime.UtcNow);

        /// <summary>A proof that accepts only <see cref="Good"/>, refusing anything else as ConnectWise refuses a wrong key.</summary>
        sealed class Proof
        {
            public List<string> Tried { get; } = new();
            public Task<CwApiKey> VerifyAsync(string publicKey, SecureString privateKey)
            {
                Tried.Add(publicKey);
                if (publicKey == Good) return Task.FromResult(Proven(publicKey, privateKey));
                throw new CwException(ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError, "ConnectWise refused the key '" + publicKey + "'.");
            }
        }

        sealed class ScriptedHost : ISetupHost
        {
            readonly Queue<PSCredential> _answers;
            public ScriptedHost(bool canPrompt, params PSCredential[] answers) { CanPrompt = canPrompt; _answers = new Queue<PSCredential>(answers); }
            public int Prompts { get; private set; }
            public List<string> PromptTexts { get; } = new();
            public bool CanPrompt { get; }
            public string CannotPromptReason => CanPrompt ? null : "-NonInteractive was given";
            public Task<PSCredential> PromptForKeyAsync(string caption, string message, CancellationToken ct)
            {
                Prompts++;
                PromptTexts.Add(message);
                return Task.FromResult(_answers.Count > 0 ? _answers.Dequeue() : null);
            }
            public Task<bool> ConfirmAsync(string caption, string question, CancellationToken ct) => throw new NotSupportedException();
            public void Show(IEnumerable<string> lines) { }
            public void Checklist(IReadOnlyList<PermissionChecklistItem> items) { }
            public IKeyVault Vault => null;
        }

        static Task<CwApiKey> Obtain(ISetupHost host, PSCredential given, Proof proof)
            => KeyCapture.ObtainAsync(host, given, "Vendor", "Vendor integration", "https://cw.example", "Install-CwIntegration", proof.VerifyAsync, CancellationToken.None);

        [Fact]
        public async Task A_key_given_is_proven_as_it_is_and_nobody_is_asked()
        {
            var host = new ScriptedHost(canPrompt: true);
            var proof = new Proof();
            var key = await Obtain(host, Key("\\" + Good), proof);
            Assert.Equal(Good, key!.PublicKey); // a Windows prompt's leading backslash is not part of the key
            Assert.Equal(new[] { Good }, proof.Tried);
            Assert.Equal(0, host.Prompts);

            // A given key that is refused is an error at once, never a prompt, even where a person could answer.
            var wrong = await Assert.ThrowsAsync<CwException>(() => Obtain(host, Key("WrongPublicKey01"), proof));
            Assert.Equal(ErrorIds.AuthenticationFailed, wrong.ErrorId);
            Assert.Equal(0, host.Prompts);
        }

        [Fact]
        public async Task With_no_key_and_nobody_to_answer_the_caller_gets_null_and_New_CwApiKey_its_manual_step()
        {
            var host = new ScriptedHost(canPrompt: false);
            var proof = new Proof();
            Assert.Null(await Obtain(host, null, proof));
            Assert.Equal(0, host.Prompts);
            Assert.Empty(proof.Tried);

            var stop = KeyCapture.NobodyToAsk(host, "Vendor", "Vendor integration", "https://cw.example", "New-CwApiKey");
            Assert.Equal(ErrorIds.ManualStepRequired, stop.ErrorId);
            Assert.Contains("-NonInteractive was given; and no -KeyPair was given", stop.Message);
            Assert.Contains("Vendor integration", stop.Message); // the description to type is in the instructions
            Assert.Contains("New-CwApiKey again with -KeyPair", stop.Message);
        }

        [Fact]
        public async Task At_a_prompt_a_wrong_key_is_asked_again_up_to_three_times()
        {
            var proof = new Proof();
            var host = new ScriptedHost(canPrompt: true, Key("WrongPublicKey01"), Key(Good));
            var key = await Obtain(host, null, proof);
            Assert.Equal(Good, key!.PublicKey);
            Assert.Equal(2, host.Prompts);
            Assert.Contains("Vendor integration", host.PromptTexts[0]);

            var stubborn = new ScriptedHost(canPrompt: true, Key("WrongPublicKey01"), Key("WrongPublicKey02"), Key("WrongPublicKey03"), Key(Good));
            var third = await Assert.ThrowsAsync<CwException>(() => Obtain(stubborn, null, new Proof()));
            Assert.Equal(ErrorIds.AuthenticationFailed, third.ErrorId);
            Assert.Contains("WrongPublicKey03", third.Message);
            Assert.Equal(KeyCapture.MaxAttempts, stubborn.Prompts);
        }

        [Fact]
        public async Task A_prompt_cancelled_or_left_empty_is_a_manual_step_with_the_instructions()
        {
            var cancelled = new ScriptedHost(canPrompt: true);
            var e = await Assert.ThrowsAsync<CwException>(() => Obtain(cancelled, null, new Proof()));
            Assert.Equal(ErrorIds.ManualStepRequired, e.ErrorId);
            Assert.Contains("cancelled or left empty", e.Message);
            Assert.Contains("Install-CwIntegration again with -KeyPair", e.Message);

            var proof = new Proof();
            var empty = await Assert.ThrowsAsync<CwException>(() => Obtain(new ScriptedHost(canPrompt: true, new PSCredential(Good, new SecureString())), null, proof));
            Assert.Equal(ErrorIds.ManualStepRequired, empty.ErrorId);
            Assert.Empty(proof.Tried); // an empty private key is never sent
        }

        [Fact]
        public void The_key_to_prove_is_the_one_given_else_the_vaults_when_usable()
        {
            var given = Key(Good);
            var stored = new VaultKey { Credential = Key("StoredPublicKey1") };
            Assert.Same(given, KeyCapture.Choose(given, stored));
            Assert.Same(stored.Credential, KeyCapture.Choose(null, stored));
            Assert.Null(KeyCapture.Choose(null, stored, c => c.UserName != "StoredPublicKey1")); // e.g. a rotation's vault still holding the old key
            Assert.Null(KeyCapture.Choose(null, new VaultKey { WrongType = true }));
            Assert.Null(KeyCapture.Choose(null, null));
        }

        [Fact]
        public void A_given_key_of_the_wrong_shape_is_refused_before_any_request()
        {
            KeyCapture.ValidateShape(null);
            KeyCapture.ValidateShape(Key(Good));
            Assert.Equal(ErrorIds.InvalidPublicKey, Assert.Throws<CwException>(() => KeyCapture.ValidateShape(Key(Good + "\n"))).ErrorId);
            Assert.Equal(ErrorIds.InvalidPrivateKey, Assert.Throws<CwException>(() => KeyCapture.ValidateShape(new PSCredential(Good, new SecureString()))).ErrorId);
        }
    }
}
