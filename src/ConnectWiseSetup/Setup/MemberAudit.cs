using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Setup
{
    /// <summary>
    /// The audit behind Test-CwIntegrationPermission -Role/-ApiMember: each distinct role (per connection) is read once
    /// and compared with the profile once, however many members hold it; reads of different roles run concurrently, at
    /// most <c>throttleLimit</c> requests in flight (<see cref="RequestGate"/>: an answer is parsed and compared outside the
    /// bound, while the next request is already out). Results come back in the order the members were given.
    /// </summary>
    internal sealed class MemberAudit
    {
        readonly PermissionProfile _profile;
        readonly SemaphoreSlim _gate;
        // By connection (reference: a connection is one tenant and one key), then role id: the comparison of that role, read once.
        readonly Dictionary<CwConnection, Dictionary<int, Task<PermissionComparison>>> _roles =
            new Dictionary<CwConnection, Dictionary<int, Task<PermissionComparison>>>(ReferenceComparer.Instance);

        public MemberAudit(PermissionProfile profile, int throttleLimit)
        {
            _profile = profile ?? throw new ArgumentNullException(nameof(profile));
            if (throttleLimit < 1) throw CwException.Invalid(ErrorIds.InvalidArgument, "ThrottleLimit must be at least 1.");
            _gate = new SemaphoreSlim(throttleLimit);
        }

        /// <summary>The role's settings compared with the profile (Customize Unverified); the first caller for a role reads it, the others share that read.</summary>
        public Task<PermissionComparison> CompareRoleAsync(CwConnection connection, int roleId, CancellationToken ct)
        {
            lock (_roles)
            {
                if (!_roles.TryGetValue(connection, out var byId)) _roles[connection] = byId = new Dictionary<int, Task<PermissionComparison>>();
                if (!byId.TryGetValue(roleId, out var task)) byId[roleId] = task = ReadAndCompareAsync(connection, roleId, ct);
                return task;
            }
        }

        async Task<PermissionComparison> ReadAndCompareAsync(CwConnection connection, int roleId, CancellationToken ct)
        {
            await Task.Yield(); // never run the read inside the caller's lock
            RequestGate.Current = _gate; // this read's requests, not its parsing or the comparison
            var settings = await RoleSettings.ReadForDiffAsync(connection.Client, roleId, ct).ConfigureAwait(false);
            return PermissionDiff.Compare(_profile.Permissions, _profile.Customize, settings, null);
        }

        /// <summary>A role's result (the role resolved from an object, an id or a name).</summary>
        public async Task<IntegrationTestResult> TestRoleAsync(CwConnection connection, object roleArgument, CancellationToken ct)
        {
            var role = await RoleLookup.ResolveAsync(connection.Client, roleArgument, ct).ConfigureAwait(false);
            var comparison = await CompareRoleAsync(connection, role.Id, ct).ConfigureAwait(false);
            return IntegrationVerifier.FromComparison(_profile, role, comparison, IntegrationSubjectKind.Role, RoleComparer.Describe(role, connection));
        }

        /// <summary>A member's result: a member object naming its role costs no request for the member; an id or identifier is looked up.</summary>
        public async Task<IntegrationTestResult> TestMemberAsync(CwConnection connection, object memberArgument, CancellationToken ct)
        {
            var given = memberArgument is PSObject pso ? pso.BaseObject : memberArgument;
            var member = given is ApiMember m && m.SecurityRole != null
                ? m
                : await Gated(() => MemberLookup.ResolveAsync(connection.Client, given, ct)).ConfigureAwait(false);
            if (member.SecurityRole == null || member.SecurityRole.Id <= 0)
                throw new CwException(ErrorIds.NotFound, ErrorCategory.ObjectNotFound, "API member '" + member.Identifier + "' has no security role.", member.Identifier);
            var comparison = await CompareRoleAsync(connection, member.SecurityRole.Id, ct).ConfigureAwait(false);
            var role = new SecurityRole { Id = member.SecurityRole.Id, Name = member.SecurityRole.Name };
            var result = IntegrationVerifier.FromComparison(_profile, role, comparison, IntegrationSubjectKind.ApiMember,
                "API member '" + member.Identifier + "' (role '" + role.Name + "')" + (member.InactiveFlag ? ", inactive" : ""));
            result.ApiMember = member.Identifier;
            return result;
        }

        /// <summary>
        /// Every member at once (the gate bounds the requests), each outcome in the order given: a result, or the error
        /// for that member alone (a member without a role does not stop the others).
        /// </summary>
        public async Task<IReadOnlyList<AuditOutcome>> TestMembersAsync(IReadOnlyList<KeyValuePair<CwConnection, object>> members, CancellationToken ct)
        {
            var tasks = members.Select(x => TestMemberAsync(x.Key, x.Value, ct)).ToList();
            try { await Task.WhenAll(tasks).ConfigureAwait(false); }
            catch (Exception) when (!ct.IsCancellationRequested) { /* per member below */ }
            ct.ThrowIfCancellationRequested();
            return tasks.Select((t, i) => t.Status == TaskStatus.RanToCompletion
                ? new AuditOutcome(members[i].Value, t.Result, null)
                : new AuditOutcome(members[i].Value, null, t.Exception?.InnerExceptions.Count == 1 ? t.Exception.InnerException : (Exception)t.Exception ?? new OperationCanceledException())).ToList();
        }

        /// <summary>Runs <paramref name="work"/> with its requests in the audit's gate (the setting ends with this method).</summary>
        async Task<T> Gated<T>(Func<Task<T>> work)
        {
            RequestGate.Current = _gate;
            return await work().ConfigureAwait(false);
        }

        sealed class ReferenceComparer : IEqualityComparer<CwConnection>
        {
            public static readonly ReferenceComparer Instance = new ReferenceComparer();
            public bool Equals(CwConnection x, CwConnection y) => ReferenceEquals(x, y);
            public int GetHashCode(CwConnection obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
        }
    }

    /// <summary>One member's outcome in an audit: its result, or the error that concerns it alone.</summary>
    internal sealed class AuditOutcome
    {
        public AuditOutcome(object target, IntegrationTestResult result, Exception error) { Target = target; Result = result; Error = error; }
        public object Target { get; }
        public IntegrationTestResult Result { get; }
        public Exception Error { get; }
    }
}
