using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using Newtonsoft.Json;

namespace ConnectWiseSetup.Setup
{
    /// <summary>
    /// Plans API member writes: validates every input before the first request, resolves the role and each
    /// reference (by name or id), discovers the defaults the web UI would demand (the corporate level, the only
    /// location and department, the company's default time zone), refuses a duplicate identifier, and
    /// computes a PATCH of only what changes. Nothing here writes except <see cref="CreateAsync"/> and
    /// <see cref="UpdateAsync"/>. New-/Set-CwApiMember use it; Install-CwIntegration will too.
    /// </summary>
    internal sealed class MemberPlanner
    {
        public const string LevelsPath = "system/myCompany/corporateStructureLevels";
        public const string LocationsPath = "system/locations";
        public const string DepartmentsPath = "system/departments";
        public const string TimeZonesPath = "system/timeZoneSetups";

        private readonly ManageClient _client;
        private readonly Dictionary<string, List<LookupRow>> _lists = new Dictionary<string, List<LookupRow>>(StringComparer.Ordinal);

        public MemberPlanner(ManageClient client)
        {
            _client = client ?? throw new ArgumentNullException(nameof(client));
        }

        /// <summary>Checks identifier, name and e-mail of a create, sending nothing. The name defaults to the identifier.</summary>
        public static void ValidateCreate(MemberSpec spec)
        {
            if (spec == null) throw new ArgumentNullException(nameof(spec));
            InputValidator.MemberIdentifier(spec.Identifier);
            InputValidator.MemberName(spec.Name ?? spec.Identifier);
            if (spec.EmailAddress != null) InputValidator.EmailAddress(spec.EmailAddress);
            if (spec.SecurityRole == null)
                throw CwException.Invalid(ErrorIds.InvalidArgument, "A security role is required for API member '" + spec.Identifier + "': pass -SecurityRole with a role name, id or object.");
            CheckReferenceArgument(spec.SecurityRole, NameKind.RoleName);
            foreach (var r in new[] { spec.Level, spec.SecurityLocation, spec.DefaultLocation, spec.Department, spec.TimeZone })
                CheckReferenceArgument(r, NameKind.ReferenceName);
        }

        /// <summary>Checks the fields of an update, sending nothing.</summary>
        public static void ValidateUpdate(MemberSpec spec)
        {
            if (spec == null) throw new ArgumentNullException(nameof(spec));
            if (spec.Name != null) InputValidator.MemberName(spec.Name);
            if (!string.IsNullOrEmpty(spec.EmailAddress)) InputValidator.EmailAddress(spec.EmailAddress);
            CheckReferenceArgument(spec.SecurityRole, NameKind.RoleName);
            foreach (var r in new[] { spec.Level, spec.SecurityLocation, spec.DefaultLocation, spec.Department, spec.TimeZone })
                CheckReferenceArgument(r, NameKind.ReferenceName);
        }

        /// <summary>
        /// Validates <paramref name="spec"/>, refuses an identifier already in use (CwResourceExists), resolves the role and
        /// every reference and discovers the missing ones. Reads only; the POST is <see cref="CreateAsync"/>.
        /// </summary>
        /// <param name="identifierKnownFree">The caller looked the identifier up in this run and found no member (Install-CwIntegration): it is not read again.</param>
        public async Task<MemberPlan> PlanCreateAsync(MemberSpec spec, CancellationToken ct, bool identifierKnownFree = false)
        {
            ValidateCreate(spec);
            var identifier = spec.Identifier;
            var name = InputValidator.MemberName(spec.Name ?? spec.Identifier);
            var email = spec.EmailAddress == null ? null : InputValidator.EmailAddress(spec.EmailAddress);

            // The duplicate check first: an identifier in use ends the plan after one request.
            var existing = identifierKnownFree ? null : await MemberLookup.FindByIdentifierAsync(_client, identifier, ct).ConfigureAwait(false);
            if (existing != null)
                throw new CwException(ErrorIds.ResourceExists, ErrorCategory.ResourceExists,
                    "An API member with identifier '" + existing.Identifier + "' already exists (id " + existing.Id.ToString(CultureInfo.InvariantCulture) +
                    (existing.InactiveFlag ? ", inactive" : "") + "). Use it (Get-CwApiMember -Identifier '" + existing.Identifier +
                    "'" + (existing.InactiveFlag ? " -IncludeInactive" : "") + "), change it with Set-CwApiMember, or choose another identifier.", identifier);

            // The role and the four reference lists do not depend on each other: one round trip for all of them.
            var roleTask = RoleLookup.ResolveAsync(_client, spec.SecurityRole, ct);
            var listsTask = PrefetchAsync(ct);
            await Task.WhenAll(roleTask, listsTask).ConfigureAwait(false);
            var decisions = new List<string>();
            var role = await roleTask.ConfigureAwait(false);
            decisions.Add("Security role: " + role.Name + " (id " + role.Id.ToString(CultureInfo.InvariantCulture) + ")");

            var problems = new List<string>();
            var level = await ChooseAsync(ReferenceKind.Level, spec.Level, decisions, problems, ct).ConfigureAwait(false);

            Reference securityLocation, defaultLocation;
            if (spec.SecurityLocation == null && spec.DefaultLocation != null)
            {
                defaultLocation = await ChooseAsync(ReferenceKind.Location, spec.DefaultLocation, null, problems, ct).ConfigureAwait(false);
                securityLocation = defaultLocation;
                if (defaultLocation != null)
                {
                    decisions.Add("Security location: " + Describe(defaultLocation) + " (the default location given)");
                    decisions.Add("Default location: " + Describe(defaultLocation) + " (given)");
                }
            }
            else
            {
                securityLocation = await ChooseAsync(ReferenceKind.Location, spec.SecurityLocation, null, problems, ct).ConfigureAwait(false);
                if (spec.DefaultLocation == null)
                {
                    defaultLocation = securityLocation;
                    if (securityLocation != null)
                    {
                        var how = spec.SecurityLocation == null ? "discovered: the only location" : "given";
                        decisions.Add("Security location: " + Describe(securityLocation) + " (" + how + ")");
                        decisions.Add("Default location: " + Describe(securityLocation) + " (" + (spec.SecurityLocation == null ? how : "the security location given") + ")");
                    }
                }
                else
                {
                    defaultLocation = await ChooseAsync(ReferenceKind.Location, spec.DefaultLocation, null, problems, ct).ConfigureAwait(false);
                    if (securityLocation != null) decisions.Add("Security location: " + Describe(securityLocation) + " (given)");
                    if (defaultLocation != null) decisions.Add("Default location: " + Describe(defaultLocation) + " (given)");
                }
            }
            var department = await ChooseAsync(ReferenceKind.Department, spec.Department, decisions, problems, ct).ConfigureAwait(false);
            var timeZone = await ChooseAsync(ReferenceKind.TimeZone, spec.TimeZone, decisions, problems, ct).ConfigureAwait(false);

            if (problems.Count > 0)
                throw new CwException(ErrorIds.AmbiguousDefault, ErrorCategory.InvalidArgument,
                    "Cannot choose for API member '" + identifier + "' without your help: " + string.Join(" ", problems), identifier)
                { RecommendedAction = "Pass each parameter named above with one of its choices (a name or an id)." };

            var member = new ApiMember
            {
                Identifier = identifier,
                Name = name,
                EmailAddress = email,
                Notes = spec.Notes,
                SecurityRole = new Reference(role.Id, role.Name),
                StructureLevel = level,
                SecurityLocation = securityLocation,
                DefaultLocation = defaultLocation,
                DefaultDepartment = department,
                TimeZone = timeZone,
            };
            return new MemberPlan(member, decisions);
        }

        /// <summary>POSTs the planned member; ConnectWise's answer (with its id) comes back.</summary>
        public Task<ApiMember> CreateAsync(MemberPlan plan, CancellationToken ct)
        {
            if (plan == null) throw new ArgumentNullException(nameof(plan));
            return _client.PostAsync<ApiMember>(MemberLookup.MembersPath, plan.Member, ct);
        }

        /// <summary>
        /// The PATCH operations that bring <paramref name="current"/> to <paramref name="changes"/>: only fields given
        /// and different from the current record (a role already assigned gives no operation), each with its old and new
        /// value for a person. Reads only.
        /// </summary>
        public async Task<MemberUpdatePlan> PlanUpdateAsync(ApiMember current, MemberSpec changes, CancellationToken ct)
        {
            if (current == null) throw new ArgumentNullException(nameof(current));
            ValidateUpdate(changes);
            var ops = new List<PatchOperation>();
            var said = new List<string>();
            if (changes.Name != null)
            {
                var name = InputValidator.MemberName(changes.Name);
                if (!string.Equals(name, current.Name, StringComparison.Ordinal))
                {
                    ops.Add(PatchOperation.Replace("name", name));
                    said.Add("name " + Text(current.Name) + " -> " + Text(name));
                }
            }
            if (changes.EmailAddress != null)
            {
                var email = changes.EmailAddress.Length == 0 ? null : InputValidator.EmailAddress(changes.EmailAddress);
                if (!string.Equals(email ?? "", current.EmailAddress ?? "", StringComparison.OrdinalIgnoreCase))
                {
                    ops.Add(PatchOperation.Replace("emailAddress", email));
                    said.Add("e-mail address " + Text(current.EmailAddress) + " -> " + Text(email));
                }
            }
            if (changes.Notes != null && !string.Equals(changes.Notes, current.Notes ?? "", StringComparison.Ordinal))
            {
                ops.Add(PatchOperation.Replace("notes", changes.Notes));
                said.Add("notes " + Text(current.Notes) + " -> " + Text(changes.Notes));
            }
            if (changes.SecurityRole != null)
            {
                var role = await RoleLookup.ResolveAsync(_client, changes.SecurityRole, ct).ConfigureAwait(false);
                if (current.SecurityRole?.Id != role.Id)
                {
                    ops.Add(PatchOperation.ReplaceReference("securityRole", role.Id));
                    said.Add("security role " + Describe(current.SecurityRole) + " -> " + Describe(new Reference(role.Id, role.Name)));
                }
            }
            var problems = new List<string>();
            await AddReferenceAsync(ops, said, "structureLevel", current.StructureLevel, ReferenceKind.Level, changes.Level, problems, ct).ConfigureAwait(false);
            await AddReferenceAsync(ops, said, "securityLocation", current.SecurityLocation, ReferenceKind.Location, changes.SecurityLocation, problems, ct).ConfigureAwait(false);
            await AddReferenceAsync(ops, said, "defaultLocation", current.DefaultLocation, ReferenceKind.Location, changes.DefaultLocation, problems, ct).ConfigureAwait(false);
            await AddReferenceAsync(ops, said, "defaultDepartment", current.DefaultDepartment, ReferenceKind.Department, changes.Department, problems, ct).ConfigureAwait(false);
            await AddReferenceAsync(ops, said, "timeZone", current.TimeZone, ReferenceKind.TimeZone, changes.TimeZone, problems, ct).ConfigureAwait(false);
            return new MemberUpdatePlan(current, ops, said);
        }

        /// <summary>A text value as a person reads it in a change: quoted, one line, long ones cut; "(none)" when empty.</summary>
        static string Text(string value)
        {
            if (string.IsNullOrEmpty(value)) return "(none)";
            var line = InputValidator.Printable(value.Replace("\r", " ").Replace("\n", " "));
            return "'" + (line.Length > 40 ? line.Substring(0, 37) + "..." : line) + "'";
        }

        /// <summary>PATCHes member <paramref name="id"/> with <paramref name="operations"/>.</summary>
        public Task<ApiMember> UpdateAsync(int id, IEnumerable<PatchOperation> operations, CancellationToken ct)
            => _client.PatchAsync<ApiMember>(MemberLookup.MembersPath + "/" + id.ToString(CultureInfo.InvariantCulture), operations, ct);

        /// <summary>Disables member <paramref name="id"/> (its keys stop signing in): Disable-CwApiMember and the uninstall.</summary>
        public Task<ApiMember> DisableAsync(int id, CancellationToken ct)
            => UpdateAsync(id, new[] { PatchOperation.Replace("inactiveFlag", true) }, ct);

        /// <summary>
        /// Makes an existing member active with role <paramref name="roleId"/>, PATCHing only what differs (the install's member
        /// step on a member found from an earlier run); the member as it was when nothing differs.
        /// </summary>
        public async Task<ApiMember> ActivateWithRoleAsync(ApiMember member, int roleId, CancellationToken ct)
        {
            var ops = new List<PatchOperation>();
            if (member.SecurityRole?.Id != roleId) ops.Add(PatchOperation.ReplaceReference("securityRole", roleId));
            if (member.InactiveFlag) ops.Add(PatchOperation.Replace("inactiveFlag", false));
            return ops.Count == 0 ? member : await UpdateAsync(member.Id, ops, ct).ConfigureAwait(false);
        }

        /// <summary>
        /// The reference a user named (by name, id or Reference) in the list of <paramref name="kind"/>; CwNotFound listing
        /// the choices when nothing matches. Reads the list once per planner.
        /// </summary>
        public async Task<Reference> ResolveReferenceAsync(ReferenceKind kind, object value, CancellationToken ct)
        {
            if (value is PSObject pso) value = pso.BaseObject;
            var rows = await ListAsync(kind, ct).ConfigureAwait(false);
            LookupRow match = null;
            switch (value)
            {
                case Reference r: match = rows.FirstOrDefault(x => x.Id == r.Id); break;
                case int id: match = rows.FirstOrDefault(x => x.Id == id); break;
                case long id64: match = rows.FirstOrDefault(x => x.Id == id64); break;
                case string s:
                    var text = s.Trim();
                    match = rows.FirstOrDefault(x => string.Equals(x.Name, text, StringComparison.OrdinalIgnoreCase))
                            ?? (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? rows.FirstOrDefault(x => x.Id == n) : null);
                    break;
            }
            if (match == null)
                throw new CwException(ErrorIds.NotFound, ErrorCategory.ObjectNotFound,
                    "There is no " + Label(kind) + " '" + InputValidator.Printable(Convert.ToString(value, CultureInfo.InvariantCulture)) + "'. Choices: " + Choices(rows) + ".", value)
                { RecommendedAction = "Pass " + Parameter(kind) + " with one of those choices (a name or an id)." };
            return new Reference(match.Id, match.Name);
        }

        /// <summary>
        /// The value the web UI would suggest when the user names none: level 1 (Corporate), the only location or
        /// department, the default time zone. Null with the reason in <paramref name="problem"/> when the tenant has
        /// several candidates (or none).
        /// </summary>
        public async Task<Reference> DiscoverDefaultAsync(ReferenceKind kind, Action<string> problem, CancellationToken ct)
        {
            var rows = await ListAsync(kind, ct).ConfigureAwait(false);
            var candidates = rows.Where(r => !r.InactiveFlag).ToList();
            LookupRow pick = null;
            switch (kind)
            {
                case ReferenceKind.Level:
                    // Level 1 is the top of the corporate structure ("Corporate" by default; renamable).
                    pick = candidates.FirstOrDefault(r => r.Id == 1)
                           ?? candidates.FirstOrDefault(r => string.Equals(r.Name, "Corporate", StringComparison.OrdinalIgnoreCase));
                    break;
                case ReferenceKind.TimeZone:
                    var defaults = candidates.Where(r => r.DefaultFlag).ToList();
                    pick = defaults.Count == 1 ? defaults[0] : candidates.Count == 1 ? candidates[0] : null;
                    break;
                default:
                    pick = candidates.Count == 1 ? candidates[0] : null;
                    break;
            }
            if (pick != null) return new Reference(pick.Id, pick.Name);
            problem(candidates.Count == 0
                ? "the company has no " + Plural(kind) + " (" + Parameter(kind) + " is required)."
                : "there are " + candidates.Count.ToString(CultureInfo.InvariantCulture) + " " + Plural(kind) + " and no single default for " +
                  Parameter(kind) + "; choices: " + Choices(candidates) + ".");
            return null;
        }

        private async Task<Reference> ChooseAsync(ReferenceKind kind, object given, List<string> decisions, List<string> problems, CancellationToken ct)
        {
            Reference chosen;
            string how;
            if (given != null)
            {
                chosen = await ResolveReferenceAsync(kind, given, ct).ConfigureAwait(false);
                how = "given";
            }
            else
            {
                chosen = await DiscoverDefaultAsync(kind, problems.Add, ct).ConfigureAwait(false);
                how = kind == ReferenceKind.Level ? "discovered: the corporate level" : kind == ReferenceKind.TimeZone ? "discovered: the company's time zone" : "discovered: the only " + Label(kind);
            }
            if (chosen != null && decisions != null) decisions.Add(Title(kind) + ": " + Describe(chosen) + " (" + how + ")");
            return chosen;
        }

        private async Task AddReferenceAsync(List<PatchOperation> ops, List<string> said, string field, Reference current, ReferenceKind kind, object given, List<string> problems, CancellationToken ct)
        {
            if (given == null) return;
            var target = await ResolveReferenceAsync(kind, given, ct).ConfigureAwait(false);
            if (current?.Id == target.Id) return;
            ops.Add(PatchOperation.ReplaceReference(field, target.Id));
            var label = field == "securityLocation" ? "security location" : field == "defaultLocation" ? "default location" : Label(kind);
            said.Add(label + " " + Describe(current) + " -> " + Describe(target));
        }

        /// <summary>Reads the reference lists not read yet, all at once (a member's create needs every one of them).</summary>
        private async Task PrefetchAsync(CancellationToken ct)
        {
            var kinds = new[] { ReferenceKind.Level, ReferenceKind.Location, ReferenceKind.Department, ReferenceKind.TimeZone }
                .Where(k => !_lists.ContainsKey(PathOf(k))).ToList();
            var reads = kinds.Select(k => ReadListAsync(k, ct)).ToList();
            var rows = await Task.WhenAll(reads).ConfigureAwait(false);
            for (var i = 0; i < kinds.Count; i++) _lists[PathOf(kinds[i])] = rows[i];
        }

        private async Task<List<LookupRow>> ListAsync(ReferenceKind kind, CancellationToken ct)
        {
            var path = PathOf(kind);
            if (_lists.TryGetValue(path, out var rows)) return rows;
            rows = await ReadListAsync(kind, ct).ConfigureAwait(false);
            _lists[path] = rows;
            return rows;
        }

        private Task<List<LookupRow>> ReadListAsync(ReferenceKind kind, CancellationToken ct)
            => _client.GetListAsync<LookupRow>(PathOf(kind), new ListQuery { OrderBy = "id" }, ct);

        private static void CheckReferenceArgument(object value, NameKind kind)
        {
            if (value is PSObject pso) value = pso.BaseObject;
            switch (value)
            {
                case null: return;
                case string s when s.Trim().Length == 0:
                    throw CwException.Invalid(ErrorIds.InvalidArgument, "An empty name was given where a name or id is expected.", s);
                case string s:
                    // A name is looked up: the names rule (bounded, no invisible or look-alike characters, no '"') refuses a bad
                    // one now, before the identifier check or any other request, not after them. An id given as text passes.
                    if (!int.TryParse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out _)) InputValidator.Name(kind, s);
                    return;
                case int _: case long _: case Reference _: case SecurityRole _: return;
                default:
                    throw CwException.Invalid(ErrorIds.InvalidArgument, "'" + InputValidator.Printable(value.ToString()) + "' is neither a name nor an id.", value);
            }
        }

        public static string PathOf(ReferenceKind kind)
        {
            switch (kind)
            {
                case ReferenceKind.Level: return LevelsPath;
                case ReferenceKind.Location: return LocationsPath;
                case ReferenceKind.Department: return DepartmentsPath;
                default: return TimeZonesPath;
            }
        }

        private static string Label(ReferenceKind kind) => kind == ReferenceKind.Level ? "level" : kind == ReferenceKind.TimeZone ? "time zone" : kind == ReferenceKind.Location ? "location" : "department";
        private static string Plural(ReferenceKind kind) => kind == ReferenceKind.Level ? "levels" : kind == ReferenceKind.TimeZone ? "time zones" : kind == ReferenceKind.Location ? "locations" : "departments";
        private static string Title(ReferenceKind kind) => kind == ReferenceKind.Level ? "Level" : kind == ReferenceKind.TimeZone ? "Time zone" : kind == ReferenceKind.Location ? "Location" : "Department";
        private static string Parameter(ReferenceKind kind) => kind == ReferenceKind.Level ? "-Level" : kind == ReferenceKind.TimeZone ? "-TimeZone" : kind == ReferenceKind.Location ? "-DefaultLocation (and -SecurityLocation)" : "-Department";
        private static string Describe(Reference r) => r == null || r.Id <= 0 ? "(none)" : "'" + r.Name + "' (id " + r.Id.ToString(CultureInfo.InvariantCulture) + ")";
        private static string Choices(IEnumerable<LookupRow> rows)
        {
            var list = rows.Select(r => "'" + r.Name + "' (" + r.Id.ToString(CultureInfo.InvariantCulture) + ")").ToList();
            return list.Count == 0 ? "(none)" : string.Join(", ", list);
        }

        /// <summary>A row of a reference list (level, location, department, time zone).</summary>
        internal sealed class LookupRow
        {
            [JsonProperty("id")] public int Id { get; set; }
            [JsonProperty("name")] public string Name { get; set; }
            [JsonProperty("defaultFlag")] public bool DefaultFlag { get; set; }
            [JsonProperty("inactiveFlag")] public bool InactiveFlag { get; set; }
        }
    }

    /// <summary>The reference lists an API member points into.</summary>
    internal enum ReferenceKind { Level, Location, Department, TimeZone }
}
