using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Setup
{
    /// <summary>What an install is asked to do beyond the profile and the member's fields.</summary>
    internal sealed class InstallOptions
    {
        /// <summary>The key made earlier (-KeyPair, or an -ApiKey object's credential); null: from the vault, or guided.</summary>
        public PSCredential KeyPair { get; set; }
        /// <summary>Also call each of the profile's endpoints as the integration at the last step (GET only).</summary>
        public bool Live { get; set; }
        public int ThrottleLimit { get; set; } = 8;
        public TimeSpan PermissionTimeout { get; set; } = TimeSpan.FromMinutes(30);
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
        /// <summary>The vault secret's name; null: ConnectWise-{CompanyId}-{member identifier}.</summary>
        public string SecretName { get; set; }
        /// <summary>The person says they read a profile marked for review (-Force): it installs without asking.</summary>
        public bool Reviewed { get; set; }
        /// <summary>The exact name of an existing role the person hands over to this integration (-TakeOverRole); null: none.</summary>
        public string TakeOverRole { get; set; }
        /// <summary>The exact Member ID of an existing API member the person hands over (-TakeOverMember); null: none.</summary>
        public string TakeOverMember { get; set; }
    }

    /// <summary>
    /// The install engine (Install-CwIntegration, and Test-CwTenant -Profile for its reads). <see cref="PlanAsync"/> reads the
    /// tenant (reads only) into an <see cref="InstallPlan"/>: the five steps, each Done or ToDo, and the readiness checks;
    /// <see cref="ApplyAsync"/> stops before its first write when a check the plan depends on failed, then applies the steps, the
    /// guided ones through the caller's <see cref="ISetupHost"/> (checklist and watch, key prompt), or stops with Status
    /// ManualStepRequired when nobody can answer. No local state: a run that stops anywhere leaves what the next run reads and
    /// completes, and nothing is created twice.
    /// </summary>
    internal sealed class IntegrationInstaller
    {
        const int RoleStep = 1, PermissionStep = 2, MemberStep = 3, KeyStep = 4, VerifyStep = 5;
        /// <summary>The install's progress bar (the permission watch has its own).</summary>
        const int ProgressId = ProgressIds.Install;
        const int WatchProgressId = ProgressIds.InstallPermissionWait;
        const string Rerun = "Install-CwIntegration";

        readonly CwConnection _connection;
        readonly MemberSpec _memberSpec;
        readonly InstallOptions _options;
        readonly MemberPlanner _planner;
        MemberPlan _memberPlan;
        PSCredential _key;
        bool _keyFromVault;
        Task<ConnectionReadiness> _readinessTask;
        ConnectionReadiness _readiness;
        CwException _catalogueError, _memberError;
        // The tenant's catalogue of rows the plan checked a role not made yet against (null otherwise).
        IReadOnlyList<SecurityRoleSetting> _catalogue;
        // What the ownership rules found (Ownership): null when the role or member is ours, or does not exist yet.
        OwnershipVerdict _roleVerdict, _memberVerdict;
        // The line each step of this run ends with when it did something (null: the step found it done; see Said).
        readonly string[] _said = new string[VerifyStep + 1];
        bool _watched;

        public IntegrationInstaller(CwConnection connection, PermissionProfile profile, MemberSpec memberSpec, InstallOptions options = null)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
            Profile = profile ?? throw new ArgumentNullException(nameof(profile));
            _options = options ?? new InstallOptions();
            _memberSpec = memberSpec ?? new MemberSpec();
            _memberSpec.Identifier = profile.MemberIdentifier;
            _memberSpec.Name = _memberSpec.Name ?? profile.MemberName;
            _memberSpec.SecurityRole = _memberSpec.SecurityRole ?? profile.RoleName;
            _planner = new MemberPlanner(connection.Client);
        }

        private PermissionProfile Profile { get; }
        private SecurityRole Role { get; set; }
        private RoleWatcher Watcher { get; set; }
        private ApiMember Member { get; set; }
        private StepList _steps;
        private IReadOnlyList<InstallStep> Steps => _steps?.All;
        private string KeyDescription => string.IsNullOrWhiteSpace(Profile.KeyDescription) ? (Profile.DisplayName ?? Profile.Name) : Profile.KeyDescription;
        private string Site => _connection.SiteUrl ?? _connection.Server;
        private string SecretName => _options.SecretName ?? VaultMetadata.DefaultSecretName(_connection.CompanyId, Profile.MemberIdentifier);

        /// <summary>The checks the plan read: the connection's (rights, assumptions) and the profile's (catalogue, names, defaults).</summary>
        private IReadOnlyList<TenantCheckRow> Checks { get; set; } = Array.Empty<TenantCheckRow>();

        /// <summary>The connection's readiness as the plan read it (null when the plan did not need it).</summary>
        public ConnectionReadiness Readiness => _readiness;

        /// <summary>The key that proved itself while the plan was read (a rerun on a set-up tenant), or null.</summary>
        private CwApiKey VerifiedKey { get; set; }

        /// <summary>The verification of step 5, when it ran.</summary>
        private IntegrationTestResult Verification { get; set; }

        /// <summary>Whether the role's permissions are done (compared with the role's grid, or proven with the key).</summary>
        private bool PermissionsDone => _steps[PermissionStep].State == InstallStepState.Done;


        /// <summary>Checks every name the install writes (the names rule), the member's fields and the key's shape before any request.</summary>
        public void Validate()
        {
            InputValidator.RoleName(Profile.RoleName);
            MemberPlanner.ValidateCreate(_memberSpec);
            InputValidator.Name(NameKind.KeyDescription, KeyDescription);
            if (_options.SecretName != null) InputValidator.Name(NameKind.SecretName, _options.SecretName);
            // A key with the wrong shape (a stray newline from copying) is refused now, not after the role and member steps.
            KeyCapture.ValidateShape(_options.KeyPair);
        }

        // ================================================================== the plan (reads only)

        /// <summary>
        /// Reads what the tenant shows and builds the plan. The role and member lookups go out together (with a key, its sign-in
        /// too). On a connection not checked yet, the readiness checks go out with them unless a key was given (a rerun, which
        /// often writes nothing: then they run only when a write is planned). On a set-up tenant with the key: when this
        /// connection's checks showed that a key's effective rows are its role's grid, the plan is complete from the lookups,
        /// the key's rows and its Customize items; otherwise the role's grid is read beside the Customize items. When anything
        /// differs, the plan is built from the role's grid, the member's planning and the checks.
        /// </summary>
        public async Task<InstallPlan> PlanAsync(ISetupHost host, CancellationToken ct)
        {
            var client = _connection.Client;
            _steps = NewSteps();
            _steps.Progress("Reading the tenant: security role '" + Profile.RoleName + "' and API member '" + Profile.MemberIdentifier + "'", 5);
            try
            {
                await ChooseKeyAsync(host, ct).ConfigureAwait(false);
                var publicKey = KeyInstructions.PublicKeyOf(_key);
                var privateKey = _key?.Password;
                var known = TenantChecker.Known(_connection);
                if (_readinessTask != null) { /* given (Test-CwTenant) */ }
                else if (known != null && known.Status == TaskStatus.RanToCompletion && !known.Result.Failed) _readiness = known.Result;
                else if (_key == null) _readinessTask = TenantChecker.ForConnectionAsync(_connection, ct);

                var roleTask = RoleLookup.FindByNameAsync(client, Profile.RoleName, ct);
                var memberTask = MemberLookup.FindByIdentifierAsync(client, Profile.MemberIdentifier, ct);
                // The administrator's own key is refused at step 4 (KeyVerifier), with its own message: it does not sign in here.
                var identityTask = publicKey != null && !string.Equals(publicKey, _connection.PublicKey, StringComparison.Ordinal)
                    ? KeyVerifier.IdentifyAsync(KeyVerifier.OptionsFor(_connection, publicKey, privateKey), ct)
                    : Task.FromResult<KeyIdentity>(null);
                KeyIdentity identity = null;
                try
                {
                    // All three end before any is looked at, so no request of this run is still out when an error is reported.
                    try { await Task.WhenAll(roleTask, memberTask, identityTask).ConfigureAwait(false); }
                    catch (Exception) { /* each task is looked at below */ }
                    if (identityTask.Status == TaskStatus.RanToCompletion) identity = identityTask.Result;
                    Role = await roleTask.ConfigureAwait(false);
                    Member = await memberTask.ConfigureAwait(false);
                    // A refused key is not an error here (the plan says what to do); a failure to ask (after the retries) is, as any read's.
                    await identityTask.ConfigureAwait(false);
                    if (Role != null) Role.Connection = _connection;
                    if (Member != null) Member.Connection = _connection;
                    if (await TryProvenAsync(identity, publicKey, privateKey, ct).ConfigureAwait(false))
                    {
                        if (_readinessTask != null) _readiness = await _readinessTask.ConfigureAwait(false);
                        return Plan();
                    }
                }
                finally
                {
                    KeyVerifier.Close(identity?.Connection);
                }

                // Something is to do (or could not be proven): the checks must be in before the first write.
                if (_readiness == null && _readinessTask == null) _readinessTask = TenantChecker.ForConnectionAsync(_connection, ct);
                _steps.Progress("Reading the tenant: the role's permissions, the member's defaults and the readiness checks", 40);
                if (Role != null && Watcher == null) Watcher = new RoleWatcher(client, Role.Id, Profile);
                var roleRead = Role != null && Watcher.Current == null ? CatalogueGuard(Watcher.CompareAsync(ct)) : Task.CompletedTask;
                var memberPlan = Member == null ? MemberGuard(PlanMemberAsync(ct)) : Task.CompletedTask;
                // Who else holds an existing role (ownership: a role other API members hold is not ours).
                var holders = Role != null ? MemberLookup.HoldersAsync(client, Role.Id, ct) : Task.FromResult(new List<ApiMember>());
                var readiness = _readinessTask ?? Task.FromResult(_readiness);
                await Task.WhenAll(roleRead, memberPlan, readiness, holders).ConfigureAwait(false);
                _readiness = await readiness.ConfigureAwait(false);
                Judge(await holders.ConfigureAwait(false));
                if (Role == null) await CheckRowsAgainstCatalogueAsync(ct).ConfigureAwait(false);

                DescribeSteps(publicKey != null);
                return Plan();
            }
            finally
            {
                _steps.CompleteProgress();
            }
        }

        /// <summary>
        /// The ownership rules (see <see cref="Ownership"/>) on the role and member the plan found: the connected member and an
        /// administrator-like role are refused always; another's role or member is a take-over, allowed only when handed over.
        /// </summary>
        void Judge(IEnumerable<ApiMember> holders)
        {
            var others = holders.Where(h => !string.Equals(h.Identifier, Profile.MemberIdentifier, StringComparison.OrdinalIgnoreCase) && (Member == null || h.Id != Member.Id))
                                .Select(h => new MemberReference { Id = h.Id, Identifier = h.Identifier, Name = h.Name });
            _roleVerdict = Role == null ? null : Ownership.Role(Role, _readiness?.ConnectedRole, Watcher?.Current, others);
            _memberVerdict = Member == null ? null : Ownership.Member(Member, _readiness?.ConnectedMember, Role, Profile.RoleName);
            if (_roleVerdict != null && _roleVerdict.CanBeHandedOver && Named(_options.TakeOverRole, Role.Name)) _roleVerdict.HandedOver = true;
            if (_memberVerdict != null && _memberVerdict.CanBeHandedOver && Named(_options.TakeOverMember, Member.Identifier)) _memberVerdict.HandedOver = true;
        }

        static bool Named(string given, string name) => given != null && string.Equals(given.Trim(), name, StringComparison.OrdinalIgnoreCase);

        string RoleFix(OwnershipVerdict v) => v.ErrorId == ErrorIds.AdminRoleRefused
            ? "Pass -RoleName with a name no role uses: the install creates a role of its own."
            : "Pass -RoleName with a name no role uses (the install creates the role), or hand this role over: confirm at Install-CwIntegration's prompt, or pass -TakeOverRole '" + Role.Name + "'.";

        string MemberFix(OwnershipVerdict v) => v.ErrorId == ErrorIds.ConnectedMemberRefused
            ? "Pass -Identifier with a Member ID no member uses: the install creates a member of its own."
            : "Pass -Identifier with a Member ID no member uses (the install creates the member), or hand this member over: confirm at Install-CwIntegration's prompt, or pass -TakeOverMember '" + Member.Identifier + "'.";

        /// <summary>At a prompt, asks the person to hand over each take-over the plan found (naming it and what changes); unattended, nothing is asked.</summary>
        async Task ConfirmTakeOversAsync(ISetupHost host, CancellationToken ct)
        {
            if (host == null || !host.CanPrompt) return;
            var asked = false;
            if (_roleVerdict != null && _roleVerdict.CanBeHandedOver && !_roleVerdict.HandedOver)
            {
                asked = true;
                _roleVerdict.HandedOver = await AskAsync(host, "Take over security role '" + Role.Name + "'?", _roleVerdict.Reason +
                    " Install-CwIntegration would set its rows to the profile's levels (a checklist in the web UI: rows above them go down) and give it to API member '" +
                    Profile.MemberIdentifier + "'. Take over role '" + Role.Name + "' (id " + Id(Role.Id) + ") for " + Profile.Name + "?", ct).ConfigureAwait(false);
            }
            if (_memberVerdict != null && _memberVerdict.CanBeHandedOver && !_memberVerdict.HandedOver)
            {
                asked = true;
                _memberVerdict.HandedOver = await AskAsync(host, "Take over API member '" + Member.Identifier + "'?", _memberVerdict.Reason +
                    " Take over API member '" + Member.Identifier + "' (id " + Id(Member.Id) + ") for " + Profile.Name + "?", ct).ConfigureAwait(false);
            }
            if (asked) Plan();
        }

        static async Task<bool> AskAsync(ISetupHost host, string caption, string question, CancellationToken ct)
        {
            try { return await host.ConfirmAsync(caption, question, ct).ConfigureAwait(false); }
            catch (PromptUnavailableException) { return false; }
        }

        /// <summary>Test-CwTenant: the plan uses these checks (run afresh) instead of the connection's.</summary>
        public void UseReadiness(Task<ConnectionReadiness> readiness) => _readinessTask = readiness;

        /// <summary>The key given, else the vault's (a locked or broken vault is an error: guiding a second key would be wrong).</summary>
        async Task ChooseKeyAsync(ISetupHost host, CancellationToken ct)
        {
            if (_options.KeyPair != null || host?.Vault == null)
            {
                _key = _options.KeyPair;
                return;
            }
            _key = KeyCapture.Choose(null, await host.Vault.ReadAsync(SecretName, ct).ConfigureAwait(false));
            if (_key == null)
            {
                ClientLog.Verbose("No key in secret '" + SecretName + "' of vault '" + host.Vault.Name + "': the key step is guided.");
                return;
            }
            _keyFromVault = true;
            ClientLog.Verbose("Read the key with public key '" + KeyInstructions.PublicKeyOf(_key) + "' from secret '" + SecretName + "' in vault '" + host.Vault.Name + "'.");
        }

        /// <summary>
        /// The rerun's shortcut: the role and member are as the profile wants them and the key, signed in, is that member's with
        /// effective rows that match the profile. Its rows stand for the role's grid only where this connection's checks showed
        /// that a key's effective rows are its role's grid (UNCONFIRMED for ConnectWise in general: Test-CwTenant checks it);
        /// elsewhere the role's grid is read beside the Customize items and must match too. False, with nothing set, otherwise.
        /// </summary>
        async Task<bool> TryProvenAsync(KeyIdentity identity, string publicKey, SecureString privateKey, CancellationToken ct)
        {
            if (identity == null || !identity.Authenticated || Role == null || Member == null || MemberChanges().Count > 0 || !KeyVerifier.IsOf(identity, Member))
                return false;
            if (!PermissionDiff.Compare(Profile.Permissions, null, identity.Rights, null, absentRowsAreNone: true).RowsMatch) return false;

            Task<PermissionComparison> gridRead = null;
            if (_readiness?.MySecurityIsTheRolesGrid != true)
            {
                ClientLog.Verbose(_readiness == null
                    ? "Whether a key's effective rows are its role's grid is not known on this connection yet: the role's grid is read as well."
                    : "On this tenant a key's effective rows are not its role's grid (Test-CwTenant): the role's grid is read as well.");
                Watcher = new RoleWatcher(_connection.Client, Role.Id, Profile);
                gridRead = Watcher.CompareAsync(ct);
            }
            var key = await KeyVerifier.AcceptAsync(_connection, Member, KeyDescription, publicKey, privateKey, identity, ct, async signedIn =>
            {
                Verification = await IntegrationVerifier.TestIdentityAsync(signedIn, publicKey, Profile, _options.Live, _options.ThrottleLimit, ct).ConfigureAwait(false);
            }, memberIsCurrent: true).ConfigureAwait(false);
            if (gridRead != null)
            {
                try { await gridRead.ConfigureAwait(false); }
                catch (UnknownPermissionRowException) { Watcher = null; }
                if (Watcher == null || !Watcher.Current.RowsMatch)
                {
                    Verification = null;
                    return false;
                }
            }
            VerifiedKey = key;
            _steps.Set(RoleStep, InstallStepState.Done, RoleExists());
            _steps.Set(PermissionStep, InstallStepState.Done, gridRead == null
                ? "The key's effective rights match the profile's " + Profile.Permissions.Count + " row(s), nothing in excess (read with the key: the role's grid was not read again)."
                : "The role's " + Profile.Permissions.Count + " row(s) and the key's effective rights match the profile, nothing in excess.");
            _steps.Set(MemberStep, InstallStepState.Done, MemberExists());
            _steps.Set(KeyStep, InstallStepState.Done, KeySignsIn(publicKey));
            _steps.Set(VerifyStep, Verification.InDesiredState ? InstallStepState.Done : InstallStepState.Failed, VerifyDetail(Verification));
            return true;
        }

        async Task CatalogueGuard(Task read)
        {
            try { await read.ConfigureAwait(false); }
            catch (UnknownPermissionRowException e) { _catalogueError = e; }
        }

        async Task MemberGuard(Task plan)
        {
            try { await plan.ConfigureAwait(false); }
            // What only the tenant can settle (an ambiguous or unknown default, reference lists the key may not read) is a check.
            catch (CwException e) when (!(e is CwApiException) || ((CwApiException)e).StatusCode == 403) { _memberError = e; }
        }

        /// <summary>
        /// A role not made yet: the profile's rows are matched against the tenant's catalogue (every role has the same rows; the
        /// checks read the administrator's role), so a row the tenant does not have stops the run before any write.
        /// </summary>
        async Task CheckRowsAgainstCatalogueAsync(CancellationToken ct)
        {
            var catalogue = _readiness?.Catalogue;
            if (catalogue == null)
            {
                var client = _connection.Client;
                var any = (await client.GetListAsync<SecurityRole>(RoleLookup.RolesPath,
                    new ListQuery { OrderBy = "id", PageSize = 1, MaxItems = 1, Fields = new[] { "id", "name" } }, ct).ConfigureAwait(false)).FirstOrDefault();
                if (any == null) return;
                catalogue = await RoleSettings.ReadAsync(client, any.Id, ct).ConfigureAwait(false);
            }
            try
            {
                PermissionDiff.Compare(Profile.Permissions, null, catalogue, null);
                _catalogue = catalogue;
            }
            catch (UnknownPermissionRowException e) { _catalogueError = e; }
        }

        async Task PlanMemberAsync(CancellationToken ct)
        {
            var spec = Clone(_memberSpec);
            spec.SecurityRole = Role ?? new SecurityRole { Id = 0, Name = Profile.RoleName };
            _memberPlan = await _planner.PlanCreateAsync(spec, ct, identifierKnownFree: true).ConfigureAwait(false);
        }

        void DescribeSteps(bool keyGiven)
        {
            if (Role != null) _steps.Set(RoleStep, InstallStepState.Done, RoleExists());
            else _steps.Set(RoleStep, InstallStepState.ToDo, "Create security role '" + Profile.RoleName + "'.");

            if (_catalogueError != null) _steps.Set(PermissionStep, InstallStepState.Failed, _catalogueError.Message);
            else if (Watcher == null)
                _steps.Set(PermissionStep, InstallStepState.ToDo, "Set " + Profile.Permissions.Count + " row(s)" + CustomizeNote() + " in the web UI once the role exists. A checklist is shown; the role is watched until it matches.");
            else DescribePermissions();

            if (Member == null)
                _steps.Set(MemberStep, _memberError == null ? InstallStepState.ToDo : InstallStepState.Failed, _memberError != null ? _memberError.Message
                    : "Create API member '" + Profile.MemberIdentifier + "' with role '" + Profile.RoleName + "'. " + MemberDefaults());
            else
            {
                var changes = MemberChanges();
                if (changes.Count == 0) _steps.Set(MemberStep, InstallStepState.Done, MemberExists());
                else _steps.Set(MemberStep, InstallStepState.ToDo, "API member '" + Member.Identifier + "' (id " + Id(Member.Id) + ") exists: " + string.Join("; ", changes) + ".");
            }

            _steps.Set(KeyStep, InstallStepState.ToDo, keyGiven
                ? "Verify the key " + (_keyFromVault ? "from the vault" : "given") + ": it must sign in as '" + Profile.MemberIdentifier + "'."
                : "Create a key in the web UI (API Keys tab of '" + Profile.MemberIdentifier + "', description '" + KeyDescription + "'), then give it at the prompt or with -KeyPair. The API cannot list keys, so a run cannot find one made earlier.");
            _steps.Set(VerifyStep, InstallStepState.ToDo, "With the key: its effective rights and Customize items against the profile.");
        }

        /// <summary>Sets the permission step from the watcher's comparison: Done only when the grid matches exactly (Excess is not done).</summary>
        private void DescribePermissions()
        {
            var c = Watcher.Current;
            if (c.RowsMatch)
                _steps.Set(PermissionStep, InstallStepState.Done, "The role's " + Profile.Permissions.Count + " row(s) match the profile, nothing in excess" +
                    (c.Unverified.Count > 0 ? "; " + c.Unverified.Count + " Customize list(s) are verified with the key (step 5)." : "."));
            else
                _steps.Set(PermissionStep, InstallStepState.ToDo, c.ToChange.Count + " row(s) to change in the web UI" + (c.ToChange.Count <= 2
                    ? ": " + PermissionChecklist.Remaining(c) + "."
                    : ", first " + c.ToChange[0].Module + " > " + c.ToChange[0].Function + ". The checklist lists each."));
        }

        /// <summary>The writes the plan would send, as the operations the administrator's key needs rights for.</summary>
        AdminOperation PlannedWrites()
        {
            var ops = AdminOperation.None;
            if (Role == null) ops |= AdminOperation.CreateRole;
            if (Member == null) ops |= AdminOperation.CreateMember | AdminOperation.ReadReferenceLists;
            else if (MemberChanges().Count > 0) ops |= AdminOperation.EditMember;
            return ops;
        }

        /// <summary>The failed checks this plan cannot get past: every failed profile check, and the rights its writes need.</summary>
        public IReadOnlyList<TenantCheckRow> BlockingChecks()
        {
            var writes = PlannedWrites();
            var blocking = new List<TenantCheckRow>();
            if (writes != AdminOperation.None && _readiness != null) blocking.AddRange(_readiness.Blocking(writes));
            blocking.AddRange(Checks.Where(c => c.Area == TenantCheckArea.Profile && c.Status == TenantCheckStatus.Fail));
            return blocking;
        }

        /// <summary>The checks of the profile on this tenant, from what the plan read.</summary>
        IReadOnlyList<TenantCheckRow> ProfileChecks()
        {
            var checks = new List<TenantCheckRow>();
            if (Profile.NeedsReview) checks.Add(ProfileReview.Check(Profile, _options.Reviewed));
            var catalogue = new TenantCheckRow { Id = TenantCheckIds.Catalogue, Area = TenantCheckArea.Profile, Check = "Profile rows" };
            if (_catalogueError != null)
            {
                catalogue.Status = TenantCheckStatus.Fail;
                catalogue.Detail = _catalogueError.Message;
                catalogue.Fix = "Correct the row in the profile (the closest rows are named), or use a profile written for this ConnectWise version.";
                catalogue.Error = _catalogueError;
            }
            else
            {
                catalogue.Status = TenantCheckStatus.Pass;
                catalogue.Detail = "All " + Profile.Permissions.Count + " row(s)" + CustomizeNote() + " are in this tenant's catalogue.";
            }
            checks.Add(catalogue);

            var role = new TenantCheckRow { Id = TenantCheckIds.RoleName, Area = TenantCheckArea.Profile, Check = "Role name", Status = TenantCheckStatus.Pass };
            var roleName = "Security role '" + Profile.RoleName + "'";
            if (Role == null) role.Detail = roleName + " is free: the install creates it.";
            else if (_roleVerdict != null) Verdict(role, _roleVerdict, RoleFix(_roleVerdict));
            else if (Watcher?.Current == null) role.Detail = roleName + " exists (id " + Id(Role.Id) + ").";
            else if (Watcher.Current.RowsMatch) role.Detail = roleName + " exists (id " + Id(Role.Id) + ") with the profile's levels.";
            else
            {
                role.Status = TenantCheckStatus.Warn;
                role.Detail = roleName + " exists (id " + Id(Role.Id) + "): " + Watcher.Current.ToChange.Count + " row(s) differ from the profile" + (Role.AdminFlag ? " (it is an administrator role)" : "") + ".";
                role.Fix = "Install-CwIntegration uses it and shows a checklist of the rows to change; pass -RoleName to use another role.";
            }
            checks.Add(role);

            var member = new TenantCheckRow { Id = TenantCheckIds.MemberIdentifier, Area = TenantCheckArea.Profile, Check = "Member ID", Status = TenantCheckStatus.Pass };
            var memberName = "API member '" + Profile.MemberIdentifier + "'";
            if (Member == null) member.Detail = memberName + " is free: the install creates it.";
            else if (_memberVerdict != null) Verdict(member, _memberVerdict, MemberFix(_memberVerdict));
            else
            {
                var changes = MemberChanges();
                if (changes.Count == 0) member.Detail = memberName + " exists (id " + Id(Member.Id) + "), active, with role '" + Profile.RoleName + "'.";
                else
                {
                    member.Status = TenantCheckStatus.Warn;
                    member.Detail = memberName + " exists (id " + Id(Member.Id) + "): " + string.Join("; ", changes) + ".";
                    member.Fix = "Install-CwIntegration changes it as said; pass -Identifier to use another member.";
                }
            }
            checks.Add(member);

            var defaults = new TenantCheckRow { Id = TenantCheckIds.MemberDefaults, Area = TenantCheckArea.Profile, Check = "New member's defaults" };
            if (Member != null)
            {
                defaults.Status = TenantCheckStatus.Pass;
                defaults.Detail = "Not needed: the member exists.";
            }
            else if (_memberError != null)
            {
                defaults.Status = TenantCheckStatus.Fail;
                defaults.Detail = _memberError.Message;
                defaults.Fix = _memberError.ErrorId == ErrorIds.AmbiguousDefault
                    ? "Pass the parameters the message names (-Level, -SecurityLocation, -DefaultLocation, -Department, -TimeZone) with one of the choices."
                    : "Check the values given for the member's level, locations, department and time zone, or the key's rights to read them.";
                defaults.Error = _memberError;
            }
            else
            {
                defaults.Status = TenantCheckStatus.Pass;
                defaults.Detail = string.Join("; ", _memberPlan.Decisions.Skip(1)) + ".";
            }
            checks.Add(defaults);

            return checks;
        }

        /// <summary>An ownership verdict as a check: a Fail that stops the install (with its error), or a Warn once handed over.</summary>
        static void Verdict(TenantCheckRow check, OwnershipVerdict verdict, string fix)
        {
            if (verdict.HandedOver)
            {
                check.Status = TenantCheckStatus.Warn;
                check.Detail = verdict.Reason + " Handed over by you: the install changes it.";
                return;
            }
            check.Status = TenantCheckStatus.Fail;
            check.Detail = verdict.Reason;
            check.Fix = fix;
            check.Error = Ownership.Error(verdict, fix);
        }

        // ================================================================== apply

        /// <summary>
        /// Applies the plan: stops before any write when a check it depends on failed (the check's error, with its fix); then the
        /// role, its permissions (guided: checklist and watch, or ManualStepRequired with the checklist when nobody can answer),
        /// the member, the key (given, from the vault, at a prompt, or ManualStepRequired), the vault, and the verification with
        /// the key. A failure after the checks is in the result (Status Failed, <see cref="IntegrationInstallResult.Error"/>).
        /// </summary>
        public async Task<IntegrationInstallResult> ApplyAsync(ISetupHost host, CancellationToken ct)
        {
            await ProfileReview.AskAsync(host, Profile, Checks, ct).ConfigureAwait(false);
            await ConfirmTakeOversAsync(host, ct).ConfigureAwait(false);
            var blocking = BlockingChecks();
            if (blocking.Count > 0) throw NotReady(blocking);

            var result = new IntegrationInstallResult { Profile = Profile.Name, Tenant = _connection.ToString(), Steps = Steps, Checks = Checks };
            var current = RoleStep;
            try
            {
                _steps.Progress("1 of 5: security role '" + Profile.RoleName + "'", 10);
                var shown = host.CanPrompt && Role == null && !PermissionsDone ? ShowChecklistBeforeRole(host) : null;
                await EnsureRoleAsync(ct).ConfigureAwait(false);
                result.Role = Role;
                Said(host, current);

                current = PermissionStep;
                if (!PermissionsDone)
                {
                    if (!host.CanPrompt)
                    {
                        var checklist = PermissionChecklist.Build(Role.Name, Watcher.Current);
                        result.Checklist = checklist;
                        var lines = PermissionChecklist.Describe(Role.Name, checklist, watching: false);
                        return Stop(result, current, string.Join(Environment.NewLine, lines) + Environment.NewLine +
                            "Then run Install-CwIntegration again: it picks up from what the tenant shows.");
                    }
                    _steps.Progress("2 of 5: waiting for the permissions of '" + Role.Name + "' (set in the web UI)", 25);
                    var watch = await PermissionWait.RunAsync(host, Watcher, Role.Name, Profile.Name, _options.PollInterval, _options.PermissionTimeout, WatchProgressId, ct, shown).ConfigureAwait(false);
                    if (!watch.Done) throw PermissionWait.TimedOut(Role, Profile.Name, _options.PermissionTimeout, watch, Rerun);
                    DescribePermissions();
                    _watched = true;
                }
                else if (shown != null && shown.Count > 0)
                    host.Show(TextWrap.Lines("Role '" + Role.Name + "' was made with the profile's levels already: nothing to change in the web UI.", LineWidth));
                Said(host, current);

                current = MemberStep;
                _steps.Progress("3 of 5: API member '" + Profile.MemberIdentifier + "'", 50);
                await EnsureMemberAsync(ct).ConfigureAwait(false);
                result.ApiMember = Member;
                Said(host, current);

                current = KeyStep;
                _steps.Progress("4 of 5: API key of '" + Member.Identifier + "'", 65);
                if (VerifiedKey == null && _key != null)
                    ClientLog.Verbose("Verifying the key " + (_keyFromVault ? "from vault '" + host.Vault.Name + "'" : "given") + " (public key '" + KeyInstructions.PublicKeyOf(_key) + "') for API member '" + Member.Identifier + "'.");
                var prompted = VerifiedKey == null && _key == null;
                var key = VerifiedKey ?? await KeyCapture.ObtainAsync(host, _key, Member.Identifier, KeyDescription, Site, Rerun, (p, s) => VerifyKeyAsync(p, s, ct), ct).ConfigureAwait(false);
                if (key == null)
                    return Stop(result, current,
                        "The API cannot list or create API keys, so this run cannot tell whether '" + Member.Identifier + "' has one: if you made one already, run again with -KeyPair (or -ApiKey, or -Vault where it was stored); otherwise:" + Environment.NewLine +
                        KeyInstructions.Text(Member.Identifier, KeyDescription, Site, unattended: true, rerun: Rerun));
                if (prompted) _said[KeyStep] = "Key made: '" + key.PublicKey + "' signs in as '" + Member.Identifier + "'.";
                result.ApiKey = key;
                if (host.Vault != null && !_keyFromVault && await StoreAsync(host.Vault, key, result, ct).ConfigureAwait(false))
                    _said[KeyStep] = (_said[KeyStep] ?? KeySaid()) + " Stored in vault '" + host.Vault.Name + "'.";
                Said(host, current);

                current = VerifyStep;
                _steps.Progress("5 of 5: verified with the key", 90);
                result.Verification = Verification;
                result.VendorValues = VendorValues(key);
                if (!result.Verification.InDesiredState)
                    throw new CwException(ErrorIds.IntegrationNotInDesiredState, ErrorCategory.InvalidResult,
                        Profile.Name + ": verified with the integration's key, the integration is not in the desired state: " + result.Verification.Summary +
                        ". Compare with Test-CwIntegrationPermission -Profile " + Profile.Name + " -ApiKey $result.ApiKey, fix the role in the web UI, and run Install-CwIntegration again.", result.Verification);
                result.Status = InstallStatus.Complete;
                Said(host, current);
                return result;
            }
            catch (Exception e) when (!(e is PipelineStoppedException) && !(e is OperationCanceledException && ct.IsCancellationRequested))
            {
                if (_steps[current].State != InstallStepState.Failed)
                    _steps.Set(current, InstallStepState.Failed, e.Message);
                result.Status = InstallStatus.Failed;
                result.Role = result.Role ?? Role;
                result.ApiMember = result.ApiMember ?? Member;
                if (result.VendorValues.Count == 0) result.VendorValues = VendorValues(result.ApiKey);
                result.Error = e;
                return result;
            }
            finally
            {
                _steps.CompleteProgress();
            }
        }

        /// <summary>
        /// At a prompt, a role not made yet: the checklist is shown as soon as the plan is read, before the role's POST, so the person
        /// can open the web UI while the role is made (benchmark P7: Enter to the checklist in the plan's 3 round trips, not 5). It is
        /// the profile's rows against the catalogue the checks read (every role has the same rows), the new role counted as having
        /// every level None and no Customize item. UNCONFIRMED: ConnectWise's defaults for a role made through the API (the
        /// simulator gives every level None, Fidelity.NewRoleLevel). The watch reads the real grid right after the POST, so a row
        /// that differs from this assumption is still named then (PermissionWait's differences) and watched like every other.
        /// Null (nothing shown: the checklist comes after the grid read, as before) when no catalogue was read.
        /// </summary>
        IReadOnlyList<PermissionChecklistItem> ShowChecklistBeforeRole(ISetupHost host)
        {
            if (_catalogue == null || _catalogue.Count == 0) return null;
            var checklist = PermissionChecklist.ForNewRole(Profile.RoleName, Profile.Permissions, Profile.Customize, _catalogue);
            if (checklist.Count == 0) return null;
            host.Show(PermissionChecklist.Describe(Profile.RoleName, checklist, watching: false));
            return checklist;
        }

        /// <summary>A guided step with nobody to do it: the result carries the instructions (a warning says so); not an error, so a job can tell it from a failure.</summary>
        IntegrationInstallResult Stop(IntegrationInstallResult result, int step, string instructions)
        {
            _steps[step].Detail = "Waiting for a person in the web UI: " + _steps[step].Detail;
            result.Status = InstallStatus.ManualStepRequired;
            result.Instructions = instructions;
            result.Role = Role;
            result.ApiMember = Member;
            result.VendorValues = VendorValues(null);
            ClientLog.Warning(Profile.Name + ": step " + step + " (" + _steps[step].Name + ") needs a person in the web UI; see the result's Instructions, then run Install-CwIntegration again.");
            return result;
        }

        /// <summary>Stores the key in the vault; false (the error in the result) when the vault could not.</summary>
        async Task<bool> StoreAsync(IKeyVault vault, CwApiKey key, IntegrationInstallResult result, CancellationToken ct)
        {
            try
            {
                await vault.StoreAsync(SecretName, key.Credential, VaultMetadata.Of(key), ct).ConfigureAwait(false);
                return true;
            }
            catch (CwException e) when (e.ErrorId == ErrorIds.SecretStoreFailed)
            {
                // The key is in the result: its private key cannot be shown again in the web UI, so the run goes on.
                result.Errors.Add(e);
                return false;
            }
        }

        /// <summary>Console width the step lines and the stop note are written for.</summary>
        public const int LineWidth = 80;

        /// <summary>
        /// The end of a step: its state in the verbose stream, and one line for the person and the log (host text: shown at a prompt,
        /// kept by a transcript and an RMM job's output; never in the pipeline) saying what now exists.
        /// </summary>
        void Said(ISetupHost host, int step)
        {
            ClientLog.Verbose(_steps[step].ToString());
            host?.Show(TextWrap.Lines("[" + Id(step) + "/" + Id(VerifyStep) + "] " + (_said[step] ?? Found(step)), LineWidth));
        }

        /// <summary>What a step found already done, in a few words.</summary>
        string Found(int step)
        {
            switch (step)
            {
                case RoleStep: return "Role '" + Role.Name + "' (id " + Id(Role.Id) + ") exists.";
                case PermissionStep:
                    return (_watched ? "Watch: permissions of '" + Role.Name + "' set" : "Permissions of '" + Role.Name + "' already set") +
                        " (" + Profile.Permissions.Count + " rows).";
                case MemberStep: return "Member '" + Member.Identifier + "' (id " + Id(Member.Id) + ") exists, role '" + Role.Name + "'.";
                case KeyStep: return KeySaid();
                default:
                    return "Verified with the key: " + (Verification?.InDesiredState == true ? "exactly the profile's rights." : "it differs from the profile.");
            }
        }

        /// <summary>The member's defaults in one short sentence (how each was chosen is in the verbose stream and Test-CwTenant).</summary>
        string MemberDefaults()
        {
            foreach (var d in _memberPlan.Decisions.Skip(1)) ClientLog.Verbose("API member '" + Profile.MemberIdentifier + "': " + d + ".");
            var m = _memberPlan.Member;
            var parts = new List<string>();
            if (m.StructureLevel != null) parts.Add("level " + m.StructureLevel.Name);
            if (m.SecurityLocation != null && m.DefaultLocation != null && m.SecurityLocation.Id == m.DefaultLocation.Id) parts.Add("location " + m.SecurityLocation.Name);
            else
            {
                if (m.SecurityLocation != null) parts.Add("security location " + m.SecurityLocation.Name);
                if (m.DefaultLocation != null) parts.Add("default location " + m.DefaultLocation.Name);
            }
            if (m.DefaultDepartment != null) parts.Add("department " + m.DefaultDepartment.Name);
            if (m.TimeZone != null) parts.Add("time zone " + m.TimeZone.Name);
            return parts.Count == 0 ? "" : char.ToUpperInvariant(parts[0][0]) + string.Join(", ", parts).Substring(1) + ".";
        }

        /// <summary>Step 5 in short sentences: the rights, then the endpoints when called.</summary>
        static string VerifyDetail(IntegrationTestResult v)
        {
            var summary = v.Summary;
            var endpoints = v.EndpointSummary;
            if (endpoints.Length > 0 && summary.EndsWith("; " + endpoints, StringComparison.Ordinal))
                summary = summary.Substring(0, summary.Length - endpoints.Length - 2);
            return "With the key: " + summary + "." + (endpoints.Length > 0 ? " Endpoints: " + endpoints.Replace("; ", ". ") + "." : "");
        }

        string KeySaid() => "Key '" + (VerifiedKey?.PublicKey ?? KeyInstructions.PublicKeyOf(_key)) + "' signs in as '" + Member.Identifier + "'.";

        /// <summary>
        /// What a person reads when they stop the run (Ctrl+C): what exists on the tenant now, and that running the same command
        /// again resumes (nothing is created twice). Lines of at most <see cref="LineWidth"/> columns.
        /// </summary>
        public IReadOnlyList<string> StoppedNote()
        {
            var exists = new List<string>();
            var role = Role;
            var member = Member;
            if (role != null)
                exists.Add("security role '" + role.Name + "' (id " + Id(role.Id) + ")" + (Steps != null && PermissionsDone ? " with its permissions" : ", permissions not all set"));
            if (member != null) exists.Add("API member '" + member.Identifier + "' (id " + Id(member.Id) + ")");
            var text = "Stopped. " + (exists.Count == 0 ? "Nothing was created on the tenant." : "Exists now: " + string.Join("; ", exists) + ".") +
                " Run the same Install-CwIntegration again: it resumes from what the tenant shows.";
            return TextWrap.Lines(text, LineWidth - 1);
        }

        /// <summary>The error a run stops with when checks it depends on failed: the check's own error when one, else all of them.</summary>
        static CwException NotReady(IReadOnlyList<TenantCheckRow> blocking)
        {
            if (blocking.Count == 1 && blocking[0].Error != null) return blocking[0].Error;
            var rights = blocking.All(c => c.Area == TenantCheckArea.Rights);
            var text = new StringBuilder("Nothing was changed: " + blocking.Count + " readiness check(s) failed.");
            foreach (var c in blocking) text.Append(' ').Append(c.Check).Append(": ").Append(c.Detail);
            return new CwException(rights ? ErrorIds.AdminRightsMissing : ErrorIds.TenantNotReady, rights ? ErrorCategory.PermissionDenied : ErrorCategory.InvalidOperation,
                text.ToString(), blocking)
            { RecommendedAction = string.Join(" ", blocking.Select(c => c.Fix).Where(f => !string.IsNullOrEmpty(f)).Distinct()) + " Then run Install-CwIntegration again (Test-CwTenant shows the checks)." };
        }

        /// <summary>Creates the role (a role created by someone else since the lookup is taken), then reads its settings.</summary>
        public async Task EnsureRoleAsync(CancellationToken ct)
        {
            var client = _connection.Client;
            if (Role == null)
            {
                var (role, created) = await RoleCreation.CreateAsync(client, Profile.RoleName, admin: false, takeExisting: true, ct).ConfigureAwait(false);
                Role = role;
                Role.Connection = _connection;
                _steps.Set(RoleStep, InstallStepState.Done, created
                    ? "Created security role '" + Role.Name + "' (id " + Id(Role.Id) + ")."
                    : "Security role '" + Role.Name + "' (id " + Id(Role.Id) + ") was created by someone else meanwhile; using it.");
                _said[RoleStep] = "Role '" + Role.Name + "' " + (created ? "created" : "made meanwhile by someone else") + " (id " + Id(Role.Id) + ").";
            }
            if (Watcher == null && !PermissionsDone)
            {
                Watcher = new RoleWatcher(client, Role.Id, Profile);
                await Watcher.CompareAsync(ct).ConfigureAwait(false);
                DescribePermissions();
            }
        }

        /// <summary>Creates the member with the role, or gives an existing one the role and re-activates it; says what it did.</summary>
        public async Task EnsureMemberAsync(CancellationToken ct)
        {
            if (Member == null)
            {
                _memberPlan.Member.SecurityRole = new Reference(Role.Id, Role.Name);
                try
                {
                    Member = await _planner.CreateAsync(_memberPlan, ct).ConfigureAwait(false);
                    Member.Connection = _connection;
                    _steps.Set(MemberStep, InstallStepState.Done, "Created API member '" + Member.Identifier + "' (id " + Id(Member.Id) + ") with role '" + Role.Name + "'. " + MemberDefaults());
                    _said[MemberStep] = "Member '" + Member.Identifier + "' created (id " + Id(Member.Id) + "), role '" + Role.Name + "'.";
                    return;
                }
                catch (CwApiException e) when (e.ErrorId == ErrorIds.ResourceExists)
                {
                    Member = await MemberLookup.FindByIdentifierAsync(_connection.Client, Profile.MemberIdentifier, ct).ConfigureAwait(false) ?? throw e;
                    Member.Connection = _connection;
                    // Made by someone else meanwhile: the same rules as a member the plan found.
                    _memberVerdict = Ownership.Member(Member, _readiness?.ConnectedMember, Role, Profile.RoleName);
                    if (_memberVerdict != null && _memberVerdict.CanBeHandedOver && Named(_options.TakeOverMember, Member.Identifier)) _memberVerdict.HandedOver = true;
                }
            }
            // Never a member that is not ours unless handed over (ApplyAsync stopped earlier; this guards every other caller).
            if (_memberVerdict != null && !_memberVerdict.HandedOver) throw Ownership.Error(_memberVerdict, MemberFix(_memberVerdict));
            var changes = MemberChanges();
            if (changes.Count == 0)
            {
                _steps.Set(MemberStep, InstallStepState.Done, MemberExists());
                return;
            }
            Member = await _planner.ActivateWithRoleAsync(Member, Role.Id, ct).ConfigureAwait(false);
            Member.Connection = _connection;
            _steps.Set(MemberStep, InstallStepState.Done, "API member '" + Member.Identifier + "' (id " + Id(Member.Id) + ") existed: " + string.Join("; ", changes) + " (done).");
            _said[MemberStep] = "Member '" + Member.Identifier + "' (id " + Id(Member.Id) + ") changed: role '" + Role.Name + "', active.";
        }

        /// <summary>
        /// Steps 4 and 5 with one sign-in: proves the key is the member's and the member active (KeyVerifier), then, with the
        /// same connection and rows, verifies the integration (its Customize items, and with -Live its endpoints).
        /// </summary>
        public async Task<CwApiKey> VerifyKeyAsync(string publicKey, SecureString privateKey, CancellationToken ct)
        {
            Verification = null;
            // The member was read or written earlier in this run: its inactiveFlag is not read again (an inactive member's key cannot sign in anyway).
            var key = await KeyVerifier.VerifyAsync(_connection, Member, KeyDescription, publicKey, privateKey, ct, async identity =>
            {
                _steps.Set(KeyStep, InstallStepState.Done, KeySignsIn(publicKey));
                Verification = await IntegrationVerifier.TestIdentityAsync(identity, publicKey, Profile, _options.Live, _options.ThrottleLimit, ct).ConfigureAwait(false);
                _steps.Set(VerifyStep, Verification.InDesiredState ? InstallStepState.Done : InstallStepState.Failed, VerifyDetail(Verification));
            }, memberIsCurrent: true).ConfigureAwait(false);
            return key;
        }

        /// <summary>The values the vendor asks for (the keys when known).</summary>
        private IReadOnlyList<IntegrationVendorValue> VendorValues(CwApiKey key)
            => VendorValueList.Build(Profile.VendorValues, Site, _connection.CompanyId, key, Member?.Identifier ?? Profile.MemberIdentifier);

        // ================================================================== helpers

        StepList NewSteps() => new StepList(ProgressId, () => "Install-CwIntegration " + Profile.Name,
            new InstallStep { Number = RoleStep, Name = "Security role", Kind = InstallStepKind.Automated },
            new InstallStep { Number = PermissionStep, Name = "Role permissions", Kind = InstallStepKind.Guided },
            new InstallStep { Number = MemberStep, Name = "API member", Kind = InstallStepKind.Automated },
            new InstallStep { Number = KeyStep, Name = "API key", Kind = InstallStepKind.Guided },
            new InstallStep { Number = VerifyStep, Name = "Verify with the key", Kind = InstallStepKind.Automated });

        List<string> MemberChanges()
        {
            var changes = new List<string>();
            var roleId = Role?.Id;
            if (Member.SecurityRole?.Id != roleId || roleId == null)
                changes.Add("role '" + (Member.SecurityRole?.Name ?? "(none)") + "' changes to '" + Profile.RoleName + "' (PATCH)");
            if (Member.InactiveFlag) changes.Add("it is inactive and is re-activated (PATCH inactiveFlag false)");
            return changes;
        }

        InstallPlan Plan()
        {
            var checks = new List<TenantCheckRow>();
            if (_readiness != null) checks.AddRange(_readiness.Checks);
            checks.AddRange(ProfileChecks());
            Checks = checks;
            return new InstallPlan { Profile = Profile.Name, Tenant = _connection.ToString(), Steps = Steps, Checks = checks, Blocking = BlockingChecks() };
        }

        string RoleExists() => "Security role '" + Role.Name + "' (id " + Id(Role.Id) + ") exists.";

        string MemberExists() => "API member '" + Member.Identifier + "' (id " + Id(Member.Id) + ") exists, active, with role '" + (Role?.Name ?? Member.SecurityRole?.Name) + "'.";

        string KeySignsIn(string publicKey) => "The key with public key '" + publicKey + "' signs in as '" + Member.Identifier + "', which is active.";

        string CustomizeNote() => Profile.Customize.Count > 0 ? " and " + Profile.Customize.Count + " Customize list(s)" : "";

        static MemberSpec Clone(MemberSpec s) => new MemberSpec
        {
            Identifier = s.Identifier, Name = s.Name, EmailAddress = s.EmailAddress, Notes = s.Notes, SecurityRole = s.SecurityRole,
            Level = s.Level, SecurityLocation = s.SecurityLocation, DefaultLocation = s.DefaultLocation, Department = s.Department, TimeZone = s.TimeZone,
        };

        static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
    }
}
