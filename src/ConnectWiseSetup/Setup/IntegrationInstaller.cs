using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Setup
{
    /// <summary>
    /// The engine of Install-CwIntegration. <see cref="ReadAsync"/> reads the tenant (the role by name, its settings,
    /// the member by identifier; nothing else when they are there) and builds the plan; the other methods apply one
    /// step each. The state lives in the tenant: a run that stops anywhere leaves what the next run reads and
    /// completes, and nothing is created twice. Guided steps (permissions, key) are driven by the cmdlet, which
    /// owns the host; their pieces are PermissionGuide/RoleWatcher and KeyGuide/KeyVerifier.
    /// </summary>
    internal sealed class IntegrationInstaller
    {
        public const int RoleStep = 1, PermissionStep = 2, MemberStep = 3, KeyStep = 4, VerifyStep = 5;

        readonly CwConnection _connection;
        readonly MemberSpec _memberSpec;
        readonly MemberPlanner _planner;
        MemberPlan _memberPlan;

        public IntegrationInstaller(CwConnection connection, PermissionProfile profile, MemberSpec memberSpec)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
            Profile = profile ?? throw new ArgumentNullException(nameof(profile));
            _memberSpec = memberSpec ?? new MemberSpec();
            _memberSpec.Identifier = profile.MemberIdentifier;
            _memberSpec.Name = _memberSpec.Name ?? profile.MemberName;
            _memberSpec.SecurityRole = _memberSpec.SecurityRole ?? profile.RoleName;
            _planner = new MemberPlanner(connection.Client);
        }

        public PermissionProfile Profile { get; }
        public SecurityRole Role { get; private set; }
        public RoleWatcher Watcher { get; private set; }
        public ApiMember Member { get; private set; }
        public IReadOnlyList<InstallStep> Steps { get; private set; }
        public string KeyDescription => string.IsNullOrWhiteSpace(Profile.KeyDescription) ? (Profile.DisplayName ?? Profile.Name) : Profile.KeyDescription;
        public string Site => _connection.SiteUrl ?? _connection.Server;

        public InstallStep Step(int number) => Steps[number - 1];

        /// <summary>Checks the profile's role name and the member's fields before any request.</summary>
        public void Validate()
        {
            InputValidator.RoleName(Profile.RoleName);
            MemberPlanner.ValidateCreate(_memberSpec);
        }

        /// <summary>
        /// Reads what the tenant shows and builds the plan. The role and member lookups go out together. With a key given
        /// (<paramref name="publicKey"/>), the key signs in alongside them, and on a tenant that is set up that is all the run needs:
        /// role lookup, member lookup, the key's /system/mySecurity (its sign-in, its member, its effective rows) and its Customize
        /// items: every step is then Done (<see cref="VerifiedKey"/>, <see cref="Verification"/>) and no other request is sent. When
        /// anything differs (no role or member, another role, inactive, the key refused or another member's, rows that differ) the
        /// plan is built from the role's own settings as without a key, and the key is verified at step 4 with its own errors.
        /// </summary>
        public async Task<InstallPlan> ReadAsync(string publicKey, SecureString privateKey, bool live, int throttleLimit, CancellationToken ct)
        {
            var client = _connection.Client;
            var keyGiven = publicKey != null;
            Steps = new List<InstallStep>
            {
                new InstallStep { Number = RoleStep, Name = "Security role", Kind = InstallStepKind.Automated },
                new InstallStep { Number = PermissionStep, Name = "Role permissions", Kind = InstallStepKind.Guided },
                new InstallStep { Number = MemberStep, Name = "API member", Kind = InstallStepKind.Automated },
                new InstallStep { Number = KeyStep, Name = "API key", Kind = InstallStepKind.Guided },
                new InstallStep { Number = VerifyStep, Name = "Verify with the key", Kind = InstallStepKind.Automated },
            };

            var roleTask = RoleLookup.FindByNameAsync(client, Profile.RoleName, ct);
            var memberTask = MemberLookup.FindByIdentifierAsync(client, Profile.MemberIdentifier, ct);
            // The administrator's own key is refused at step 4 (KeyVerifier), with its own message: it does not sign in here.
            var identityTask = keyGiven && !string.Equals(publicKey, _connection.PublicKey, StringComparison.Ordinal)
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
                if (await TryProvenAsync(identity, publicKey, privateKey, live, throttleLimit, ct).ConfigureAwait(false))
                    return Plan();
            }
            finally
            {
                KeyVerifier.Close(identity?.Connection);
            }

            // The role's grid is compared with the profile. Every role has the same rows (the tenant's catalogue): with no role
            // yet, the profile is matched against an existing role's rows before creating one, so a profile row the tenant does
            // not have stops the run before any write (CwUnknownPermissionRow), instead of after a role was made that the profile
            // can never complete. The member is planned at the same time (defaults discovered, ambiguity reported), so a problem
            // shows before the first write.
            if (Role != null) Watcher = new RoleWatcher(client, Role.Id, Profile);
            var roleRead = Role != null ? Watcher.CompareAsync(ct) : CheckRowsAgainstAnyRoleAsync(ct);
            var memberPlan = Member == null ? PlanMemberAsync(ct) : Task.CompletedTask;
            await Task.WhenAll(roleRead, memberPlan).ConfigureAwait(false);

            if (Role != null) Set(RoleStep, InstallStepState.Done, RoleExists());
            else Set(RoleStep, InstallStepState.ToDo, "Create security role '" + Profile.RoleName + "'.");

            if (Watcher == null)
                Set(PermissionStep, InstallStepState.ToDo, "Set " + Profile.Permissions.Count + " row(s)" + CustomizeNote() + " in the web UI once the role exists (a checklist is shown; the role is watched until it matches).");
            else DescribePermissions();

            if (Member == null)
                Set(MemberStep, InstallStepState.ToDo, "Create API member '" + Profile.MemberIdentifier + "' with role '" + Profile.RoleName + "': " + string.Join("; ", _memberPlan.Decisions.Skip(1)) + ".");
            else
            {
                var changes = MemberChanges();
                if (changes.Count == 0) Set(MemberStep, InstallStepState.Done, MemberExists());
                else Set(MemberStep, InstallStepState.ToDo, "API member '" + Member.Identifier + "' (id " + Id(Member.Id) + ") exists: " + string.Join("; ", changes) + ".");
            }

            Set(KeyStep, InstallStepState.ToDo, keyGiven
                ? "Verify the key given: it must sign in as '" + Profile.MemberIdentifier + "'."
                : "Create a key in the web UI (API Keys tab of '" + Profile.MemberIdentifier + "', description '" + KeyDescription + "') and give it at the prompt or with -KeyPair: the API cannot list keys, so a run cannot find one made earlier.");
            Set(VerifyStep, InstallStepState.ToDo, "With the key: its effective rights and Customize items against the profile.");
            return Plan();
        }

        /// <summary>
        /// The rerun's shortcut: the role and member are as the profile wants them and the key, signed in, is that member's with
        /// effective rows that match the profile. Then the key's rows stand for the role's grid (an API member's effective rights are
        /// its role's: UNCONFIRMED for every ConnectWise version; the simulator's mySecurity is the role's settings), the Customize
        /// items are read, with <paramref name="live"/> the endpoints probed, and every step is set. False, with nothing set, otherwise.
        /// </summary>
        async Task<bool> TryProvenAsync(KeyIdentity identity, string publicKey, SecureString privateKey, bool live, int throttleLimit, CancellationToken ct)
        {
            if (identity == null || !identity.Authenticated || Role == null || Member == null || MemberChanges().Count > 0 || !KeyVerifier.IsOf(identity, Member))
                return false;
            if (!PermissionDiff.Compare(Profile.Permissions, null, identity.Rights, null).RowsMatch) return false;

            VerifiedKey = await KeyVerifier.AcceptAsync(_connection, Member, KeyDescription, publicKey, privateKey, identity, ct, async signedIn =>
            {
                Verification = await IntegrationVerifier.TestIdentityAsync(signedIn, publicKey, Profile, live, throttleLimit, ct).ConfigureAwait(false);
            }, memberIsCurrent: true).ConfigureAwait(false);
            Set(RoleStep, InstallStepState.Done, RoleExists());
            Set(PermissionStep, InstallStepState.Done, "The key's effective rights match the profile's " + Profile.Permissions.Count + " row(s), nothing in excess (read with the key: the role's grid was not read again).");
            Set(MemberStep, InstallStepState.Done, MemberExists());
            Set(KeyStep, InstallStepState.Done, KeySignsIn(publicKey));
            Set(VerifyStep, Verification.InDesiredState ? InstallStepState.Done : InstallStepState.Failed, "With the key: " + Verification.Summary + ".");
            return true;
        }

        async Task CheckRowsAgainstAnyRoleAsync(CancellationToken ct)
        {
            var client = _connection.Client;
            var any = (await client.GetListAsync<SecurityRole>(RoleLookup.RolesPath,
                new ListQuery { OrderBy = "id", PageSize = 1, MaxItems = 1, Fields = new[] { "id", "name" } }, ct).ConfigureAwait(false)).FirstOrDefault();
            if (any != null)
                PermissionDiff.Compare(Profile.Permissions, null, await RoleSettings.ReadAsync(client, any.Id, ct).ConfigureAwait(false), null);
        }

        async Task PlanMemberAsync(CancellationToken ct)
        {
            var spec = Clone(_memberSpec);
            spec.SecurityRole = Role ?? new SecurityRole { Id = 0, Name = Profile.RoleName };
            _memberPlan = await _planner.PlanCreateAsync(spec, ct, identifierKnownFree: true).ConfigureAwait(false);
        }

        /// <summary>The key that proved itself while the plan was read (a rerun on a set-up tenant), or null.</summary>
        public CwApiKey VerifiedKey { get; private set; }

        /// <summary>Whether the role's permissions are done (compared with the role's grid, or proven with the key).</summary>
        public bool PermissionsDone => Step(PermissionStep).State == InstallStepState.Done;

        /// <summary>Sets the permission step from the watcher's comparison: Done only when the grid matches exactly (Excess is not done).</summary>
        public void DescribePermissions()
        {
            var c = Watcher.Current;
            if (c.RowsMatch)
                Set(PermissionStep, InstallStepState.Done, "The role's " + Profile.Permissions.Count + " row(s) match the profile, nothing in excess" +
                    (c.Unverified.Count > 0 ? "; " + c.Unverified.Count + " Customize list(s) are verified with the key (step 5)." : "."));
            else
                Set(PermissionStep, InstallStepState.ToDo, c.ToChange.Count + " row(s) to change in the web UI: " + PermissionGuide.Remaining(c) + ".");
        }

        /// <summary>Creates the role (a role created by someone else since the lookup is taken), then reads its settings.</summary>
        public async Task EnsureRoleAsync(CancellationToken ct)
        {
            var client = _connection.Client;
            if (Role == null)
            {
                try
                {
                    Role = await client.PostAsync<SecurityRole>(RoleLookup.RolesPath, new { name = Profile.RoleName, adminFlag = false }, ct).ConfigureAwait(false);
                    Set(RoleStep, InstallStepState.Done, "Created security role '" + Role.Name + "' (id " + Id(Role.Id) + ").");
                }
                catch (CwApiException e) when (e.ErrorId == ErrorIds.ResourceExists)
                {
                    Role = await RoleLookup.FindByNameAsync(client, Profile.RoleName, ct).ConfigureAwait(false) ?? throw e;
                    Set(RoleStep, InstallStepState.Done, "Security role '" + Role.Name + "' (id " + Id(Role.Id) + ") was created by someone else meanwhile; using it.");
                }
                Role.Connection = _connection;
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
                    Set(MemberStep, InstallStepState.Done, "Created API member '" + Member.Identifier + "' (id " + Id(Member.Id) + ") with role '" + Role.Name + "': " + string.Join("; ", _memberPlan.Decisions.Skip(1)) + ".");
                    return;
                }
                catch (CwApiException e) when (e.ErrorId == ErrorIds.ResourceExists)
                {
                    Member = await MemberLookup.FindByIdentifierAsync(_connection.Client, Profile.MemberIdentifier, ct).ConfigureAwait(false) ?? throw e;
                    Member.Connection = _connection;
                }
            }
            var changes = MemberChanges();
            if (changes.Count == 0)
            {
                Set(MemberStep, InstallStepState.Done, MemberExists());
                return;
            }
            var ops = new List<PatchOperation>();
            if (Member.SecurityRole?.Id != Role.Id) ops.Add(PatchOperation.ReplaceReference("securityRole", Role.Id));
            if (Member.InactiveFlag) ops.Add(PatchOperation.Replace("inactiveFlag", false));
            Member = await _planner.UpdateAsync(Member.Id, ops, ct).ConfigureAwait(false);
            Member.Connection = _connection;
            Set(MemberStep, InstallStepState.Done, "API member '" + Member.Identifier + "' (id " + Id(Member.Id) + ") existed: " + string.Join("; ", changes) + " (done).");
        }

        /// <summary>The verification of step 5, when it ran.</summary>
        public IntegrationTestResult Verification { get; private set; }

        /// <summary>
        /// Steps 4 and 5 with one sign-in: proves the key is the member's and the member active (KeyVerifier), then, with the
        /// same connection and rows, verifies the integration (its Customize items, and with <paramref name="live"/> its endpoints).
        /// </summary>
        public async Task<CwApiKey> VerifyKeyAsync(string publicKey, SecureString privateKey, bool live, int throttleLimit, CancellationToken ct)
        {
            Verification = null;
            // The member was read or written earlier in this run: its inactiveFlag is not read again (an inactive member's key cannot sign in anyway).
            var key = await KeyVerifier.VerifyAsync(_connection, Member, KeyDescription, publicKey, privateKey, ct, async identity =>
            {
                Set(KeyStep, InstallStepState.Done, KeySignsIn(publicKey));
                Verification = await IntegrationVerifier.TestIdentityAsync(identity, publicKey, Profile, live, throttleLimit, ct).ConfigureAwait(false);
                Set(VerifyStep, Verification.InDesiredState ? InstallStepState.Done : InstallStepState.Failed, "With the key: " + Verification.Summary + ".");
            }, memberIsCurrent: true).ConfigureAwait(false);
            return key;
        }

        /// <summary>The values the vendor asks for (the keys when known).</summary>
        public IReadOnlyList<IntegrationVendorValue> VendorValues(CwApiKey key)
        {
            var values = new List<IntegrationVendorValue>();
            foreach (var v in Profile.VendorValues)
            {
                object value;
                switch (v.Source ?? "")
                {
                    case VendorValueSources.SiteUrl: value = Site; break;
                    case VendorValueSources.CompanyId: value = _connection.CompanyId; break;
                    case VendorValueSources.PublicKey: value = key?.PublicKey; break;
                    case VendorValueSources.PrivateKey: value = key?.PrivateKey; break;
                    case VendorValueSources.MemberIdentifier: value = Member?.Identifier ?? Profile.MemberIdentifier; break;
                    default: value = v.Value; break;
                }
                values.Add(new IntegrationVendorValue { Name = v.Name, Value = value, Secret = v.Secret || v.Source == VendorValueSources.PrivateKey, Note = v.Note });
            }
            return values;
        }

        public void Set(int step, InstallStepState state, string detail)
        {
            var s = Steps[step - 1];
            s.State = state;
            s.Detail = detail;
        }

        List<string> MemberChanges()
        {
            var changes = new List<string>();
            var roleId = Role?.Id;
            if (Member.SecurityRole?.Id != roleId || roleId == null)
                changes.Add("role '" + (Member.SecurityRole?.Name ?? "(none)") + "' changes to '" + Profile.RoleName + "' (PATCH)");
            if (Member.InactiveFlag) changes.Add("it is inactive and is re-activated (PATCH inactiveFlag false)");
            return changes;
        }

        InstallPlan Plan() => new InstallPlan { Profile = Profile.Name, Tenant = _connection.ToString(), Steps = Steps };

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
