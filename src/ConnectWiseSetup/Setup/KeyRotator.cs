using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Setup
{
    /// <summary>What a key rotation is asked to do beyond the member and the old key.</summary>
    internal sealed class KeyRotationOptions
    {
        /// <summary>
        /// The watch's default: one sign-in with the old key every 30 seconds. A person needs longer than that to delete a key, so a
        /// shorter interval only adds requests; each try is one small request from the integration's own member, about two a minute,
        /// far below any plausible limit (ConnectWise's numeric limits are not published); and the first refusal ends the watch, so
        /// there is never a stream of failed sign-ins for a lock-out rule to count.
        /// </summary>
        public static readonly TimeSpan DefaultWatchInterval = TimeSpan.FromSeconds(30);

        /// <summary>The key being retired (user name = public key, password = private key).</summary>
        public PSCredential OldKeyPair { get; set; }
        /// <summary>The new key made in the web UI; null: from the vault, or guided at a prompt.</summary>
        public PSCredential KeyPair { get; set; }
        /// <summary>The vault secret's name; null: ConnectWise-{CompanyId}-{member identifier}.</summary>
        public string SecretName { get; set; }
        /// <summary>The description to type for the new key; null: the member's name (or the profile's key description) and today's date.</summary>
        public string Description { get; set; }
        /// <summary>Names the values the vendor's portal asks for; null: site, company ID, public and private key.</summary>
        public PermissionProfile Profile { get; set; }
        public TimeSpan WatchInterval { get; set; } = DefaultWatchInterval;
        public TimeSpan WatchTimeout { get; set; } = TimeSpan.FromMinutes(30);
    }

    /// <summary>
    /// The key rotation engine behind Update-CwApiKey. <see cref="PlanAsync"/> reads where the rotation stands (reads and sign-ins
    /// only): the member, the old key's sign-in, the vault, the new key's sign-in, both keys' Customize items. <see cref="ApplyAsync"/>
    /// does what is left: the new key (given, from the vault, at a prompt, or ManualStepRequired), the vault, the vendor's side and the
    /// old key's deletion (guided: the person confirms at a prompt, then the old key is watched until ConnectWise refuses it), or stops
    /// with ManualStepRequired and the instructions of steps 4 and 5 together when nobody can answer. ConnectWise is never written; the
    /// vault is the only change. No local state: a rerun reads again and resumes; a refused old key with a proven new key completes.
    /// </summary>
    internal sealed class KeyRotator
    {
        const int OldKeyStep = 1, NewKeyStep = 2, VaultStep = 3, VendorStep = 4, DeleteStep = 5;
        const int ProgressId = ProgressIds.Rotation;
        const int WatchProgressId = ProgressIds.RotationWatch;
        const string Activity = "Update-CwApiKey";

        readonly CwConnection _connection;
        readonly object _memberArgument;
        readonly KeyRotationOptions _options;
        readonly string _today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        ApiMember _member;
        IKeyVault _vault;
        VaultKey _vaultKey;
        KeyIdentity _old;
        IReadOnlyList<CustomizeItem> _oldItems;
        PSCredential _candidate;
        bool _candidateFromVault;
        CwApiKey _newKey;
        bool _oldRefused;
        bool _vaultHoldsNew;
        readonly Dictionary<int, CwException> _errors = new Dictionary<int, CwException>();

        public KeyRotator(CwConnection connection, object member, KeyRotationOptions options)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
            _memberArgument = member ?? throw new ArgumentNullException(nameof(member));
            _options = options ?? throw new ArgumentNullException(nameof(options));
            if (options.OldKeyPair == null) throw new ArgumentException("The old key is required.", nameof(options));
            _steps = NewSteps();
        }

        StepList _steps;
        IReadOnlyList<InstallStep> Steps => _steps.All;
        string OldPublicKey => KeyInstructions.PublicKeyOf(_options.OldKeyPair);
        string Site => _connection.SiteUrl ?? _connection.Server;
        string SecretName => _options.SecretName ?? VaultMetadata.DefaultSecretName(_connection.CompanyId, _member?.Identifier);
        /// <summary>The new key's effective rights compared with the old key's, when both signed in.</summary>
        PermissionComparison Rights { get; set; }

        string Description
        {
            get
            {
                if (!string.IsNullOrWhiteSpace(_options.Description)) return _options.Description.Trim();
                var basis = !string.IsNullOrWhiteSpace(_options.Profile?.KeyDescription) ? _options.Profile.KeyDescription
                          : !string.IsNullOrWhiteSpace(_member?.Name) ? _member.Name : _member?.Identifier;
                return basis + " " + _today;
            }
        }

        /// <summary>Checks both keys' shape and that they differ (and are not the connection's own) before any request.</summary>
        public void Validate()
        {
            KeyCapture.ValidateShape(_options.OldKeyPair);
            if (string.Equals(OldPublicKey, _connection.PublicKey, StringComparison.Ordinal))
                throw CwException.Invalid(ErrorIds.InvalidArgument,
                    "-OldKeyPair is the key this session is connected with. Connect with another administrator's key to rotate it: deleting it would end this connection.", OldPublicKey);
            if (_options.KeyPair != null)
            {
                KeyCapture.ValidateShape(_options.KeyPair);
                var newPublic = KeyInstructions.PublicKeyOf(_options.KeyPair);
                if (string.Equals(newPublic, OldPublicKey, StringComparison.Ordinal))
                    throw CwException.Invalid(ErrorIds.InvalidArgument,
                        "-KeyPair and -OldKeyPair are the same key (public key '" + newPublic + "'). Create a new key in the member's API Keys tab and give it as -KeyPair.", newPublic);
            }
            // The names rule: the description is typed in the API Keys tab, the secret name written to the vault.
            if (_options.Description != null) InputValidator.Name(NameKind.KeyDescription, _options.Description);
            if (_options.SecretName != null) InputValidator.Name(NameKind.SecretName, _options.SecretName);
        }

        // ================================================================== the plan (reads and sign-ins only)

        /// <summary>
        /// Reads where the rotation stands. The member and the old key's sign-in go out together; then the vault is read; then the
        /// new key's sign-in and the old key's Customize items together; then the new key's Customize items. A key ConnectWise refuses
        /// costs one request (no Customize read follows, and a 401 is never repeated).
        /// </summary>
        public async Task<KeyRotationPlan> PlanAsync(ISetupHost host, CancellationToken ct)
        {
            _steps = NewSteps();
            _vault = host?.Vault;
            _steps.Progress("Reading the member and signing in with the old key", 10);
            KeyIdentity fresh = null;
            try
            {
                var memberTask = MemberLookup.ResolveAsync(_connection.Client, _memberArgument, ct);
                var oldTask = KeyVerifier.IdentifyAsync(KeyVerifier.OptionsFor(_connection, OldPublicKey, _options.OldKeyPair.Password), ct);
                var connectedTask = Ownership.ConnectedMemberAsync(_connection, ct);
                // All end before any is looked at, so no request of this run is still out when an error is reported.
                try { await Task.WhenAll(memberTask, oldTask, connectedTask).ConfigureAwait(false); }
                catch (Exception) { /* each is looked at below */ }
                if (oldTask.Status == TaskStatus.RanToCompletion) _old = oldTask.Result;
                _member = await memberTask.ConfigureAwait(false);
                _member.Connection = _connection;
                // Ownership: the member whose key runs this session is never rotated (its old key would be deleted under it).
                if (Ownership.IsConnected(await connectedTask.ConfigureAwait(false), _member))
                    throw Ownership.Error(Ownership.ConnectedMember(_member), "Connect with another administrator's key (Connect-CwManage) to rotate the keys of '" + _member.Identifier + "'.");
                await oldTask.ConfigureAwait(false);

                if (_vault != null)
                {
                    _vaultKey = await _vault.ReadAsync(SecretName, ct).ConfigureAwait(false);
                    if (_vaultKey?.Credential == null)
                        ClientLog.Verbose("No key in secret '" + SecretName + "' of vault '" + _vault.Name + "'.");
                }
                ChooseCandidate();

                _steps.Progress("Signing in with the new key and reading both keys' Customize items", 40);
                var oldIsMember = _old.Authenticated && KeyVerifier.IsOf(_old, _member);
                var candidatePublic = KeyInstructions.PublicKeyOf(_candidate);
                var freshTask = _candidate != null && !_errors.ContainsKey(NewKeyStep)
                    ? KeyVerifier.IdentifyAsync(KeyVerifier.OptionsFor(_connection, candidatePublic, _candidate.Password), ct)
                    : Task.FromResult<KeyIdentity>(null);
                var oldItemsTask = oldIsMember ? ReadItemsAsync(_old, ct) : Task.FromResult<IReadOnlyList<CustomizeItem>>(null);
                try { await Task.WhenAll(freshTask, oldItemsTask).ConfigureAwait(false); }
                catch (Exception) { /* each is looked at below */ }
                if (freshTask.Status == TaskStatus.RanToCompletion) fresh = freshTask.Result;
                await freshTask.ConfigureAwait(false);
                _oldItems = await oldItemsTask.ConfigureAwait(false);

                if (!_member.InactiveFlag) await ClassifyAsync(fresh, ct).ConfigureAwait(false);
                else _errors[OldKeyStep] = KeyVerifier.Inactive(_member);
                Describe();
                return Plan();
            }
            finally
            {
                KeyVerifier.Close(_old?.Connection);
                KeyVerifier.Close(fresh?.Connection);
                _steps.CompleteProgress();
            }
        }

        /// <summary>The new key given, else the vault's when it is not the old key (the vault holds the old key until step 3).</summary>
        void ChooseCandidate()
        {
            _candidate = KeyCapture.Choose(_options.KeyPair, _vaultKey, stored => !string.Equals(KeyInstructions.PublicKeyOf(stored), OldPublicKey, StringComparison.Ordinal));
            if (_options.KeyPair == null && _candidate != null)
            {
                _candidateFromVault = true;
                ClientLog.Verbose("Secret '" + SecretName + "' of vault '" + _vault.Name + "' holds another key than the old one (public key '" + KeyInstructions.PublicKeyOf(_candidate) + "'): it is taken as the new key.");
            }
            if (_candidate != null && string.Equals(KeyInstructions.PublicKeyOf(_candidate), _connection.PublicKey, StringComparison.Ordinal))
                _errors[NewKeyStep] = KeyVerifier.OwnKey(KeyInstructions.PublicKeyOf(_candidate), _member.Identifier);
            _vaultHoldsNew = _candidate != null && _vaultKey?.Credential != null &&
                             string.Equals(KeyInstructions.PublicKeyOf(_vaultKey.Credential), KeyInstructions.PublicKeyOf(_candidate), StringComparison.Ordinal) &&
                             (_candidateFromVault || SecretHelper.Same(_vaultKey.Credential.Password, _candidate.Password));
        }

        /// <summary>Where each key stands, from what the plan read: the old key's sign-in, the new key's proof and the rights of both.</summary>
        async Task ClassifyAsync(KeyIdentity fresh, CancellationToken ct)
        {
            if (_old.Authenticated && !KeyVerifier.IsOf(_old, _member))
                _errors[OldKeyStep] = _old.Member == null
                    ? new CwException(ErrorIds.KeyNotVerified, ErrorCategory.InvalidResult,
                        "The old key (public key '" + OldPublicKey + "') signs in, but ConnectWise's /system/mySecurity named no member, so it cannot be proven to be a key of '" + _member.Identifier + "'.", OldPublicKey)
                    : new CwException(ErrorIds.KeyBelongsToAnotherMember, ErrorCategory.InvalidArgument,
                        "The old key (public key '" + OldPublicKey + "') signs in as member '" + _old.Member.Identifier + "', not as API member '" + _member.Identifier +
                        "'. Give a key of '" + _member.Identifier + "' as -OldKeyPair.", OldPublicKey);

            if (fresh != null && !_errors.ContainsKey(OldKeyStep))
            {
                var publicKey = KeyInstructions.PublicKeyOf(_candidate);
                try
                {
                    if (!fresh.Authenticated) throw NewKeyRefused(publicKey, fresh.Failure);
                    _newKey = await KeyVerifier.AcceptAsync(_connection, _member, Description, publicKey, _candidate.Password, fresh, ct, memberIsCurrent: true).ConfigureAwait(false);
                    if (_old.Authenticated) await CompareRightsAsync(fresh, publicKey, ct).ConfigureAwait(false);
                }
                catch (CwException e) when (!(e is CwApiException) || ((CwApiException)e).StatusCode < 500)
                {
                    _newKey = null;
                    _errors[NewKeyStep] = e;
                }
            }

            if (!_old.Authenticated)
            {
                if (_newKey != null) _oldRefused = true;
                else if (!_errors.ContainsKey(NewKeyStep))
                    _errors[OldKeyStep] = new CwException(ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError,
                        "ConnectWise refused the old key (public key '" + OldPublicKey + "', " + (_old.Failure ?? "401") + "). Check -OldKeyPair (public key as user name, private key as password). " +
                        "If that key was deleted already, give the new key (-KeyPair, or -Vault where it is kept) and the rotation completes.", OldPublicKey)
                    { RecommendedAction = "Give the right -OldKeyPair, or the new key with -KeyPair if the old key was deleted." };
            }
        }

        async Task CompareRightsAsync(KeyIdentity fresh, string publicKey, CancellationToken ct)
        {
            var items = await ReadItemsAsync(fresh, ct).ConfigureAwait(false);
            Rights = KeyRights.Compare(_old.Rights, _oldItems, fresh.Rights, items);
            Rights.Subject = "new key '" + publicKey + "'";
            Rights.Reference = "old key '" + OldPublicKey + "'";
            if (KeyRights.Differences(Rights) > 0)
                throw new CwException(ErrorIds.KeyRightsDiffer, ErrorCategory.InvalidResult,
                    "The new key (public key '" + publicKey + "') signs in as '" + _member.Identifier + "' but with other rights than the old key (public key '" + OldPublicKey + "'): " +
                    KeyRights.Differences(Rights) + " difference(s): " + KeyRights.Describe(Rights) + ". Both keys are the member's, so its security role (or a key's own " +
                    "restrictions) changed while the rotation ran. Check the role in System > Security Roles, then run " + RotationInstructions.Rerun + " again; the old key still works.", Rights)
                { RecommendedAction = "Compare the role with Test-CwIntegrationPermission, set it back, then run Update-CwApiKey again." };
        }

        static async Task<IReadOnlyList<CustomizeItem>> ReadItemsAsync(KeyIdentity identity, CancellationToken ct)
            => await identity.Connection.Client.GetListAsync<CustomizeItem>(IntegrationVerifier.CustomizeItemsPath, new ListQuery(), ct).ConfigureAwait(false);

        CwException NewKeyRefused(string publicKey, string failure)
            => new CwException(ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError,
                "ConnectWise refused the new key (public key '" + publicKey + "'" + (_candidateFromVault ? ", from secret '" + SecretName + "' of vault '" + _vault.Name + "'" : "") + ", " +
                (failure ?? "401") + "): it is mistyped, or was deleted (was it deleted instead of the old key?). Create another key in the API Keys tab of '" +
                _member.Identifier + "' and give it with -KeyPair.", publicKey);

        /// <summary>Each step's state and text from what the plan read.</summary>
        void Describe()
        {
            var identifier = _member.Identifier;
            var newPublic = _newKey?.PublicKey ?? KeyInstructions.PublicKeyOf(_candidate);
            // 1. the old key
            if (_errors.TryGetValue(OldKeyStep, out var oldError)) _steps.Set(OldKeyStep, InstallStepState.Failed, oldError.Message);
            else if (_old.Authenticated) _steps.Set(OldKeyStep, InstallStepState.Done, "The old key (public key '" + OldPublicKey + "') signs in as '" + identifier + "', which is active.");
            else if (_oldRefused) _steps.Set(OldKeyStep, InstallStepState.Done, "ConnectWise refuses the old key (public key '" + OldPublicKey + "'): it was deleted.");
            else _steps.Set(OldKeyStep, InstallStepState.ToDo, "ConnectWise refuses the old key (public key '" + OldPublicKey + "'): deleted, or mistyped; the new key did not prove itself, so this run cannot tell.");

            // 2. the new key
            if (_errors.TryGetValue(NewKeyStep, out var newError)) _steps.Set(NewKeyStep, InstallStepState.Failed, newError.Message);
            else if (_newKey != null)
                _steps.Set(NewKeyStep, InstallStepState.Done, "The new key (public key '" + newPublic + "'" + (_candidateFromVault ? ", from the vault" : "") + ") signs in as '" + identifier + "', which is active, " +
                    (Rights != null
                        ? "with the old key's rights (" + Rights.Rows.Count(r => !r.Actual.IsNone) + " row(s) with rights, " + Rights.Customize.Sum(c => c.Expected.Count) + " Customize item(s))."
                        : "(the old key is refused, so their rights are not compared now; they were when the new key was stored)."));
            else if (_errors.ContainsKey(OldKeyStep)) _steps.Set(NewKeyStep, InstallStepState.Skipped, "Not started: the old key must prove itself first.");
            else _steps.Set(NewKeyStep, InstallStepState.ToDo, "Create a new key in the web UI (API Keys tab of '" + identifier + "', description '" + Description +
                "') and give it at the prompt or with -KeyPair; it must sign in as '" + identifier + "' with the old key's rights.");

            // 3. the vault
            if (_vault == null) _steps.Set(VaultStep, InstallStepState.Skipped, "No -Vault: keep the new key where the integration's other users find it.");
            else if (_vaultHoldsNew && _newKey != null)
                _steps.Set(VaultStep, InstallStepState.Done, "Secret '" + SecretName + "' of vault '" + _vault.Name + "' holds the new key" + Made(_vaultKey) + ".");
            else _steps.Set(VaultStep, InstallStepState.ToDo, "Replace secret '" + SecretName + "' of vault '" + _vault.Name + "' (" +
                (_vaultKey?.Credential == null ? "empty" : "it holds public key '" + KeyInstructions.PublicKeyOf(_vaultKey.Credential) + "'" + Made(_vaultKey)) +
                ") with the new key, noting when it was made and which key it replaces.");

            // 4 and 5. the vendor and the old key's deletion
            if (_oldRefused)
            {
                _steps.Set(VendorStep, InstallStepState.Done, "The old key is refused: deleting it was the confirmation that the vendor uses the new key.");
                _steps.Set(DeleteStep, InstallStepState.Done, "ConnectWise refuses the old key (401).");
            }
            else
            {
                _steps.Set(VendorStep, InstallStepState.ToDo, "Paste the new key's values into the vendor's portal; at a prompt you say when the integration uses it.");
                _steps.Set(DeleteStep, InstallStepState.ToDo, "Delete the old key (public key '" + OldPublicKey + "') in the API Keys tab of '" + identifier +
                    "'; it is watched (one sign-in every " + Seconds(_options.WatchInterval) + ", up to " + Seconds(_options.WatchTimeout) + ") until ConnectWise refuses it.");
            }
        }

        KeyRotationPlan Plan() => new KeyRotationPlan
        {
            Tenant = _connection.ToString(),
            ApiMember = Reference(),
            OldPublicKey = OldPublicKey,
            NewPublicKey = _newKey?.PublicKey ?? KeyInstructions.PublicKeyOf(_candidate),
            Steps = Steps,
        };

        // ================================================================== apply

        /// <summary>
        /// Does what the plan left: the new key (at a prompt with the web UI's clicks, or ManualStepRequired), the vault, then at a
        /// prompt the vendor's side (the person confirms) and the watch of the old key until it is refused and a last sign-in with the
        /// new key; unattended, a stop with the instructions of steps 4 and 5 together. A failure is in the result (Status Failed, Error).
        /// </summary>
        public async Task<KeyRotationResult> ApplyAsync(ISetupHost host, CancellationToken ct)
        {
            var result = new KeyRotationResult
            {
                Tenant = _connection.ToString(), ApiMember = Reference(), OldPublicKey = OldPublicKey, Steps = Steps,
                Vault = _vault?.Name, SecretName = _vault == null ? null : SecretName, Rights = Rights,
            };
            var current = OldKeyStep;
            try
            {
                var failed = Steps.FirstOrDefault(s => s.State == InstallStepState.Failed);
                if (failed != null)
                {
                    current = failed.Number;
                    throw _errors[failed.Number];
                }

                current = NewKeyStep;
                if (_newKey == null)
                {
                    // A key given or in the vault was proven (or refused) by the plan: what is left is a person at the prompt, or the stop.
                    _steps.Progress("2 of 5: the new key of '" + _member.Identifier + "'", 30);
                    try
                    {
                        _newKey = await KeyCapture.ObtainAsync(host, null, _member.Identifier, Description, Site, RotationInstructions.Rerun,
                            (publicKey, privateKey) => VerifyNewAsync(publicKey, privateKey, ct), ct).ConfigureAwait(false);
                    }
                    catch (CwException e) when (e.ErrorId == ErrorIds.ManualStepRequired) { }
                    if (_newKey == null) return Stop(result, current, RotationInstructions.Create(_member.Identifier, Description, Site));
                    _vaultHoldsNew = false;
                    result.Rights = Rights;
                    _steps.Set(NewKeyStep, InstallStepState.Done, "The new key (public key '" + _newKey.PublicKey + "') signs in as '" + _member.Identifier + "', which is active, with the old key's rights.");
                }
                result.NewKey = _newKey;
                result.VendorValues = VendorValues(_newKey);
                ClientLog.Verbose(_steps[NewKeyStep].ToString());

                current = VaultStep;
                if (_vault != null && !_vaultHoldsNew) await StoreAsync(ct).ConfigureAwait(false);
                ClientLog.Verbose(_steps[VaultStep].ToString());

                current = VendorStep;
                if (!_oldRefused)
                {
                    // Where the private key is when the person reads this: after a stop, in the result they hold; at the prompt, the
                    // result does not exist yet (the cmdlet writes it when the run ends), so the vault or what they pasted.
                    var inVault = _vault != null ? "secret '" + SecretName + "' of vault '" + _vault.Name + "'" : null;
                    var afterStop = inVault != null ? inVault + ", and the result's NewKey" : "the result's NewKey and VendorValues, as a SecureString";
                    var atPrompt = inVault ?? (_options.KeyPair != null ? "the key given with -KeyPair" : "the private key you pasted at the key prompt") +
                        "; when this run ends it is also in the result's NewKey";
                    var delete = RotationInstructions.Delete(_member.Identifier, Site, OldPublicKey, _newKey.PublicKey);
                    if (!host.CanPrompt) return Stop(result, current, RotationInstructions.VendorThenDelete(RotationInstructions.Vendor(result.VendorValues, afterStop), delete));
                    var vendor = RotationInstructions.Vendor(result.VendorValues, atPrompt);
                    host.Show(RotationInstructions.Lines(vendor));
                    bool yes;
                    try
                    {
                        yes = await host.ConfirmAsync("Update-CwApiKey: step 4 of 5",
                            "Does the integration use the new key (public key '" + _newKey.PublicKey + "') now? Yes: then you delete the old key and it is watched. No: stop here and run " +
                            RotationInstructions.Rerun + " again when it does.", ct).ConfigureAwait(false);
                    }
                    catch (PromptUnavailableException e)
                    {
                        ClientLog.Verbose("Nobody can answer at this host (" + e.Message + "): the rotation stops with the instructions of steps 4 and 5.");
                        yes = false;
                    }
                    if (!yes) return Stop(result, current, RotationInstructions.VendorThenDelete(RotationInstructions.Vendor(result.VendorValues, afterStop), delete));
                    _steps.Set(VendorStep, InstallStepState.Done, "You said the integration uses the new key.");

                    current = DeleteStep;
                    host.Show(RotationInstructions.Lines(delete + Environment.NewLine + "Watching the old key: one sign-in every " + Seconds(_options.WatchInterval) +
                        ", up to " + Seconds(_options.WatchTimeout) + " (Ctrl+C stops; run " + RotationInstructions.Rerun + " again later)."));
                    await WatchAsync(ct).ConfigureAwait(false);
                    await ProveNewStillSignsInAsync(ct).ConfigureAwait(false);
                }
                else if (!OldKeyProvenEarlier)
                {
                    // Refused now, but no run is known to have seen it sign in as this member (no vault record): a mistyped key is refused too.
                    ClientLog.Warning("ConnectWise refuses the old key (public key '" + OldPublicKey + "'), as it does a deleted key, but also a mistyped one, and no earlier " +
                        "run recorded proving it (that record is kept with -Vault). Check that no key with that public key is left in the API Keys tab of '" + _member.Identifier + "'.");
                }
                result.OldKeyRefused = true;
                result.Status = KeyRotationStatus.Complete;
                return result;
            }
            catch (Exception e) when (!(e is PipelineStoppedException) && !(e is OperationCanceledException && ct.IsCancellationRequested))
            {
                if (_steps[current].State != InstallStepState.Failed) _steps.Set(current, InstallStepState.Failed, e.Message);
                result.Status = KeyRotationStatus.Failed;
                result.NewKey = result.NewKey ?? _newKey;
                if (result.VendorValues.Count == 0) result.VendorValues = VendorValues(_newKey);
                result.Rights = Rights;
                result.Error = e;
                return result;
            }
            finally
            {
                _steps.CompleteProgress();
            }
        }

        /// <summary>Whether an earlier run proved the old key: the vault's new key records that it replaced this old key.</summary>
        bool OldKeyProvenEarlier => _old.Authenticated ||
            (_vaultHoldsNew && _vaultKey?.Metadata != null && _vaultKey.Metadata.TryGetValue(VaultMetadata.Replaces, out var replaced) &&
             string.Equals(replaced, OldPublicKey, StringComparison.Ordinal));

        /// <summary>The new key at the prompt: not the old key nor the connection's, the member's, active, with the old key's rights.</summary>
        async Task<CwApiKey> VerifyNewAsync(string publicKey, SecureString privateKey, CancellationToken ct)
        {
            InputValidator.PublicKey(publicKey);
            InputValidator.PrivateKey(privateKey);
            if (string.Equals(publicKey, OldPublicKey, StringComparison.Ordinal))
                throw new CwException(ErrorIds.KeyBelongsToAnotherMember, ErrorCategory.InvalidArgument,
                    "The key with public key '" + publicKey + "' is the old key. Create a new key in the API Keys tab of '" + _member.Identifier + "' and give that one.", publicKey);
            if (string.Equals(publicKey, _connection.PublicKey, StringComparison.Ordinal)) throw KeyVerifier.OwnKey(publicKey, _member.Identifier);
            ClientLog.Verbose("Verifying the new key with public key '" + publicKey + "' for API member '" + _member.Identifier + "'.");
            var identity = await KeyVerifier.IdentifyAsync(KeyVerifier.OptionsFor(_connection, publicKey, privateKey), ct).ConfigureAwait(false);
            try
            {
                var key = await KeyVerifier.AcceptAsync(_connection, _member, Description, publicKey, privateKey, identity, ct, memberIsCurrent: true).ConfigureAwait(false);
                await CompareRightsAsync(identity, publicKey, ct).ConfigureAwait(false);
                return key;
            }
            finally
            {
                KeyVerifier.Close(identity.Connection);
            }
        }

        async Task StoreAsync(CancellationToken ct)
        {
            _steps.Progress("3 of 5: the vault", 50);
            var stored = await _vault.StoreAsync(SecretName, _newKey.Credential, VaultMetadata.Of(_newKey, replaces: OldPublicKey), ct).ConfigureAwait(false);
            _vaultHoldsNew = true;
            _steps.Set(VaultStep, InstallStepState.Done, "Secret '" + SecretName + "' of vault '" + _vault.Name + "' now holds the new key (public key '" + _newKey.PublicKey + "')" +
                (stored.MetadataStored ? ", with when it was made and the key it replaces." : "; this vault keeps no metadata, so its age is not recorded."));
        }

        async Task WatchAsync(CancellationToken ct)
        {
            var activity = "Waiting for ConnectWise to refuse the old key '" + OldPublicKey + "' (delete it in the web UI)";
            KeyWatchResult watch;
            using (var watcher = await KeyWatcher.OpenAsync(KeyVerifier.OptionsFor(_connection, OldPublicKey, _options.OldKeyPair.Password), ct).ConfigureAwait(false))
            {
                try
                {
                    watch = await watcher.WaitRefusedAsync(_options.WatchInterval, _options.WatchTimeout, w => ClientLog.Progress(new ProgressRecord(WatchProgressId, activity,
                        (w.Tries == 0 ? "not tried yet" : "still signs in after " + w.Tries.ToString(CultureInfo.InvariantCulture) + " sign-in(s)") +
                        "; next sign-in in " + ((int)Math.Ceiling(w.NextTryIn.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + " s")
                    {
                        PercentComplete = _options.WatchTimeout > TimeSpan.Zero ? Math.Min(99, (int)(100 * w.Elapsed.TotalMilliseconds / _options.WatchTimeout.TotalMilliseconds)) : -1,
                        SecondsRemaining = Math.Max(0, (int)(_options.WatchTimeout - w.Elapsed).TotalSeconds),
                    }), ct).ConfigureAwait(false);
                }
                finally
                {
                    ClientLog.Progress(new ProgressRecord(WatchProgressId, activity, "Done") { RecordType = ProgressRecordType.Completed });
                }
            }
            if (!watch.Refused)
                throw new CwException(ErrorIds.WaitTimeout, ErrorCategory.OperationTimeout,
                    "The old key (public key '" + OldPublicKey + "') still signs in after " + Seconds(_options.WatchTimeout) + " (" + watch.Tries + " sign-in(s)): it was not deleted. " +
                    "Delete it in the API Keys tab of '" + _member.Identifier + "', then run " + RotationInstructions.Rerun + " again: it checks the old key once.", OldPublicKey)
                { RecommendedAction = "Delete the old key in the web UI, then run Update-CwApiKey again with the same -OldKeyPair." };
            _oldRefused = true;
            _steps.Set(DeleteStep, InstallStepState.Done, "ConnectWise refused the old key after " + watch.Tries + " sign-in(s) in " + ((int)watch.Elapsed.TotalSeconds).ToString(CultureInfo.InvariantCulture) + " s.");
        }

        /// <summary>The new key still signs in after the old one is refused (a person may have deleted both, or the wrong one).</summary>
        async Task ProveNewStillSignsInAsync(CancellationToken ct)
        {
            using (var watcher = await KeyWatcher.OpenAsync(KeyVerifier.OptionsFor(_connection, _newKey.PublicKey, _newKey.PrivateKey), ct).ConfigureAwait(false))
            {
                if (await watcher.SignsInAsync(ct).ConfigureAwait(false)) return;
            }
            throw new CwException(ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError,
                "The old key is refused, and so is the new key (public key '" + _newKey.PublicKey + "'): it was deleted as well as, or instead of, the old one. " +
                "Create another key in the API Keys tab of '" + _member.Identifier + "', give it to the vendor, and run " + RotationInstructions.Rerun + " with it as -KeyPair.", _newKey.PublicKey);
        }

        /// <summary>A guided step with nobody to do it: the result carries the instructions (a warning says so); not an error.</summary>
        KeyRotationResult Stop(KeyRotationResult result, int step, string instructions)
        {
            _steps[step].Detail = "Waiting for a person: " + _steps[step].Detail;
            result.Status = KeyRotationStatus.ManualStepRequired;
            result.Instructions = instructions;
            result.NewKey = _newKey;
            result.VendorValues = VendorValues(_newKey);
            ClientLog.Warning("Update-CwApiKey '" + _member.Identifier + "': step " + step + " (" + _steps[step].Name + ") needs a person; see the result's Instructions, then run Update-CwApiKey again.");
            return result;
        }

        IReadOnlyList<IntegrationVendorValue> VendorValues(CwApiKey key)
            => VendorValueList.Build(_options.Profile?.VendorValues.Count > 0 ? (IEnumerable<VendorValue>)_options.Profile.VendorValues : VendorValueList.Standard,
                Site, _connection.CompanyId, key, _member?.Identifier);

        // ================================================================== helpers

        StepList NewSteps() => new StepList(ProgressId, () => Activity + " " + (_member?.Identifier ?? _memberArgument),
            new InstallStep { Number = OldKeyStep, Name = "Old key", Kind = InstallStepKind.Automated },
            new InstallStep { Number = NewKeyStep, Name = "New key", Kind = InstallStepKind.Guided },
            new InstallStep { Number = VaultStep, Name = "Vault", Kind = InstallStepKind.Automated },
            new InstallStep { Number = VendorStep, Name = "Vendor's side", Kind = InstallStepKind.Guided },
            new InstallStep { Number = DeleteStep, Name = "Old key deleted", Kind = InstallStepKind.Guided });

        MemberReference Reference() => _member == null ? null : new MemberReference { Id = _member.Id, Identifier = _member.Identifier, Name = _member.Name };

        static string Made(VaultKey key) => key?.CreatedAt == null ? "" : ", made " + key.CreatedAt.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        static string Seconds(TimeSpan t)
            => t.TotalSeconds >= 120 && t.TotalSeconds % 60 == 0 ? ((int)t.TotalMinutes).ToString(CultureInfo.InvariantCulture) + " min"
             : t.TotalSeconds >= 1 ? t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s"
             : ((int)t.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + " ms";
    }
}
