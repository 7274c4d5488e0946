using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Setup
{
    /// <summary>What an uninstall step will do, or did.</summary>
    public enum UninstallStepState
    {
        /// <summary>Nothing to do: already so.</summary>
        Done,
        /// <summary>Will be done (when confirmed).</summary>
        ToDo,
        /// <summary>Left as it is, and the Detail says why (and what a person can do).</summary>
        Kept,
        /// <summary>Done by this run.</summary>
        Changed,
        /// <summary>Not confirmed (-Confirm answered no, or -WhatIf).</summary>
        Skipped,
        /// <summary>Only a person can do it, in the web UI.</summary>
        Manual,
    }

    /// <summary>One step of an uninstall: what, where it stands, and why.</summary>
    public sealed class UninstallStep
    {
        public int Number { get; set; }
        public string Name { get; set; }
        public UninstallStepState State { get; set; }
        public string Detail { get; set; }
        /// <summary>For a ToDo step: what it will do, as -WhatIf prints it and -Confirm asks it.</summary>
        public string Action => Change?.Description;
        internal ChangeText Change { get; set; }
        public override string ToString() => Number + ". " + Name + " [" + State + "]: " + Detail;
    }

    /// <summary>What Uninstall-CwIntegration did, and what a person must still remove by hand.</summary>
    public sealed class IntegrationUninstallResult
    {
        public string Profile { get; set; }
        public string Tenant { get; set; }
        public ApiMember ApiMember { get; set; }
        /// <summary>The member is inactive now (its keys no longer sign in).</summary>
        public bool MemberDisabled { get; set; }
        public string Role { get; set; }
        public bool RoleDeleted { get; set; }
        /// <summary>The three steps: disable the member, delete the role, delete the keys (by hand).</summary>
        public IReadOnlyList<UninstallStep> Steps { get; set; } = Array.Empty<UninstallStep>();
        /// <summary>Each thing done or left, with why (the steps' details).</summary>
        public IReadOnlyList<string> Actions => Steps.Select(s => s.Detail).ToList();
        /// <summary>What only a person can remove in the web UI (the API keys; the role, while a retired member holds it).</summary>
        public string ManualSteps { get; set; }
        public override string ToString() => Profile + " on " + Tenant + ": " + string.Join(" ", Actions);
    }

    /// <summary>
    /// The uninstall engine. What uninstall means: the integration can no longer sign in (its API member is made inactive, so
    /// every key of it is refused: the API has no delete for members), its role is deleted when no API member holds it, and the
    /// keys are deleted by hand. ConnectWise keeps a role that a member holds, and a retired member still holds its role; so
    /// after a full install the role is kept while our own retired member holds it, and the plan, the prompt and the result
    /// all say so (no prompt for a delete that cannot succeed), with what a person can do. A rerun finds the same state and
    /// asks nothing.
    /// </summary>
    internal sealed class IntegrationUninstaller
    {
        public const int MemberStep = 1, RoleStep = 2, KeyStep = 3;

        readonly CwConnection _connection;
        readonly PermissionProfile _profile;
        ApiMember _member;
        SecurityRole _role;
        List<ApiMember> _others = new List<ApiMember>();
        MemberReference _connected;
        string _roleNotOurs;

        public IntegrationUninstaller(CwConnection connection, PermissionProfile profile)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
            _profile = profile ?? throw new ArgumentNullException(nameof(profile));
        }

        public IntegrationUninstallResult Result { get; private set; }

        public UninstallStep Step(int number) => Result.Steps[number - 1];

        /// <summary>Names ConnectWise would refuse cannot name anything there: refused before any lookup is sent.</summary>
        public void Validate()
        {
            InputValidator.RoleName(_profile.RoleName);
            InputValidator.MemberIdentifier(_profile.MemberIdentifier);
        }

        /// <summary>Reads the member and the role together, then who else holds the role; plans the three steps. Reads only.</summary>
        public async Task<IntegrationUninstallResult> PlanAsync(CancellationToken ct)
        {
            var client = _connection.Client;
            var memberTask = MemberLookup.FindByIdentifierAsync(client, _profile.MemberIdentifier, ct);
            var roleTask = RoleLookup.FindByNameAsync(client, _profile.RoleName, ct);
            var connectedTask = Ownership.ConnectedMemberAsync(_connection, ct);
            await Task.WhenAll(memberTask, roleTask, connectedTask).ConfigureAwait(false);
            _member = await memberTask.ConfigureAwait(false);
            _role = await roleTask.ConfigureAwait(false);
            _connected = await connectedTask.ConfigureAwait(false);
            if (_member != null) _member.Connection = _connection;
            if (_role != null)
            {
                // Ownership (see Ownership): only a role that is the integration's is deleted: not administrator-like, no row
                // above the profile's levels, no other API member holding it.
                var holdersTask = MemberLookup.HoldersAsync(client, _role.Id, ct);
                var gridTask = GridAsync(client, _role.Id, ct);
                await Task.WhenAll(holdersTask, gridTask).ConfigureAwait(false);
                _others = (await holdersTask.ConfigureAwait(false)).Where(m => _member == null || m.Id != _member.Id).ToList();
                var grid = await gridTask.ConfigureAwait(false);
                var verdict = grid == null ? null : Ownership.Role(_role, ConnectedRole(), grid, Enumerable.Empty<MemberReference>());
                _roleNotOurs = grid == null ? "its rows could not be compared with the profile's"
                             : verdict?.Reason;
            }

            Result = new IntegrationUninstallResult
            {
                Profile = _profile.Name, Tenant = _connection.ToString(), Role = _profile.RoleName, ApiMember = _member,
                MemberDisabled = _member?.InactiveFlag == true,
                Steps = new List<UninstallStep>
                {
                    new UninstallStep { Number = MemberStep, Name = "Disable the API member" },
                    new UninstallStep { Number = RoleStep, Name = "Delete the security role" },
                    new UninstallStep { Number = KeyStep, Name = "Delete the API keys", State = UninstallStepState.Manual },
                },
            };
            PlanMember();
            PlanRole();
            PlanKeys();
            return Result;
        }

        /// <summary>The connected member's role when the connection's readiness checks read it; else the member's own record when it is the connected one.</summary>
        Reference ConnectedRole()
        {
            var known = TenantChecker.Known(_connection);
            if (known != null && known.Status == TaskStatus.RanToCompletion && known.Result.ConnectedRole != null) return known.Result.ConnectedRole;
            return _member != null && Ownership.IsConnected(_connected, _member) ? _member.SecurityRole : null;
        }

        async Task<PermissionComparison> GridAsync(ManageClient client, int roleId, CancellationToken ct)
        {
            try { return await new RoleWatcher(client, roleId, _profile).CompareAsync(ct).ConfigureAwait(false); }
            catch (UnknownPermissionRowException) { return null; }
        }

        void PlanMember()
        {
            var s = Step(MemberStep);
            if (_member == null) { s.State = UninstallStepState.Done; s.Detail = "No API member '" + _profile.MemberIdentifier + "'."; return; }
            if (Ownership.IsConnected(_connected, _member))
            {
                s.State = UninstallStepState.Kept;
                s.Detail = "Kept " + Ownership.ConnectedMember(_member).Reason;
                return;
            }
            if (_member.SecurityRole == null || !string.Equals(_member.SecurityRole.Name, _profile.RoleName, StringComparison.OrdinalIgnoreCase) || (_role != null && _member.SecurityRole.Id != _role.Id))
            {
                s.State = UninstallStepState.Kept;
                s.Detail = "Kept API member '" + _member.Identifier + "' (id " + Id(_member.Id) + "): its role is '" + (_member.SecurityRole?.Name ?? "(none)") +
                           "', not this integration's '" + _profile.RoleName + "', so it is not this integration's member.";
                return;
            }
            if (_member.InactiveFlag) { s.State = UninstallStepState.Done; s.Detail = "API member '" + _member.Identifier + "' is already inactive: its keys do not sign in."; return; }
            s.State = UninstallStepState.ToDo;
            s.Detail = "API member '" + _member.Identifier + "' (id " + Id(_member.Id) + ") will be made inactive: its API keys stop signing in.";
            s.Change = ChangeText.DisableMember(_connection, _member);
        }

        void PlanRole()
        {
            var s = Step(RoleStep);
            if (_role == null) { s.State = UninstallStepState.Done; s.Detail = "No security role '" + _profile.RoleName + "'."; return; }
            var name = "security role '" + _role.Name + "' (id " + Id(_role.Id) + ")";
            if (_roleNotOurs != null)
            {
                s.State = UninstallStepState.Kept;
                s.Detail = "Kept " + name + ": it is not this integration's (" + _roleNotOurs + ").";
                return;
            }
            if (_others.Count > 0)
            {
                s.State = UninstallStepState.Kept;
                s.Detail = "Kept " + name + ": other API member(s) use it: " + string.Join(", ", _others.Select(u => u.Identifier)) + ".";
                return;
            }
            if (_member != null && _member.SecurityRole?.Id == _role.Id)
            {
                // Our own member holds it, retired or about to be: ConnectWise keeps a role a member holds, and has no API to delete the member.
                s.State = UninstallStepState.Kept;
                s.Detail = "Kept " + name + ": API member '" + _member.Identifier + "' holds it, and ConnectWise cannot delete a role a member holds; the API cannot delete API members, and an inactive one keeps its role.";
                return;
            }
            s.State = UninstallStepState.ToDo;
            s.Detail = "Delete " + name + ": no API member uses it.";
            s.Change = ChangeText.DeleteRole(_connection, _role);
        }

        void PlanKeys()
        {
            var manual = new List<string>();
            var s = Step(KeyStep);
            if (_member == null) s.Detail = "No API member, so no API keys to delete.";
            else
            {
                s.Detail = "Delete the API keys of '" + _member.Identifier + "' by hand: the API cannot list or delete keys (an inactive member's keys no longer sign in).";
                manual.Add("Delete the API key(s) of '" + _member.Identifier + "' by hand (the API cannot): System > Members > API Members > " + _member.Identifier +
                           " > API Keys tab, select each key and delete it. The member stays (inactive): ConnectWise has no delete for API members.");
            }
            if (Step(RoleStep).State == UninstallStepState.Kept && _others.Count == 0 && _member != null)
                manual.Add("To remove security role '" + _role.Name + "' too: delete API member '" + _member.Identifier + "' in the web UI where ConnectWise allows it " +
                           "(System > Members > API Members > " + _member.Identifier + "), or give it another role, then run Uninstall-CwIntegration again.");
            Result.ManualSteps = manual.Count == 0 ? null : string.Join(Environment.NewLine, manual);
        }

        /// <summary>Disables the member (step 1, when ToDo).</summary>
        public async Task DisableMemberAsync(CancellationToken ct)
        {
            var s = Step(MemberStep);
            var member = await new MemberPlanner(_connection.Client).DisableAsync(_member.Id, ct).ConfigureAwait(false);
            member.Connection = _connection;
            _member = member;
            Result.ApiMember = member;
            Result.MemberDisabled = true;
            s.State = UninstallStepState.Changed;
            s.Detail = "Disabled API member '" + member.Identifier + "' (id " + Id(member.Id) + "): its API keys no longer sign in.";
        }

        /// <summary>Deletes the role (step 2, when ToDo); a conflict (a member ConnectWise knows of holds it) keeps it with the reason.</summary>
        public async Task DeleteRoleAsync(CancellationToken ct)
        {
            var s = Step(RoleStep);
            try
            {
                await RoleRemoval.DeleteAsync(_connection.Client, _role, ct).ConfigureAwait(false);
                s.State = UninstallStepState.Changed;
                s.Detail = "Deleted security role '" + _role.Name + "' (id " + Id(_role.Id) + "): no API member used it.";
                Result.RoleDeleted = true;
            }
            catch (CwException e) when (e.ErrorId == ErrorIds.RoleInUse)
            {
                s.State = UninstallStepState.Kept;
                s.Detail = "Kept security role '" + _role.Name + "': " + e.Message;
            }
        }

        /// <summary>A ToDo step not confirmed.</summary>
        public void Skip(int step)
        {
            var s = Step(step);
            s.State = UninstallStepState.Skipped;
            s.Detail = "Not confirmed: " + s.Detail;
        }

        static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Deleting a security role, and the error that names who holds it (Remove-CwSecurityRole and Uninstall-CwIntegration).</summary>
    internal static class RoleRemoval
    {
        public static async Task DeleteAsync(ManageClient client, SecurityRole role, CancellationToken ct)
        {
            try
            {
                await client.DeleteAsync(RoleLookup.RolesPath + "/" + role.Id.ToString(CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
            }
            catch (CwApiException e) when (e.StatusCode == 409)
            {
                throw await InUseAsync(client, role, e, ct).ConfigureAwait(false);
            }
        }

        static async Task<CwException> InUseAsync(ManageClient client, SecurityRole role, CwApiException conflict, CancellationToken ct)
        {
            List<ApiMember> members;
            try
            {
                members = await MemberLookup.HoldersAsync(client, role.Id, ct).ConfigureAwait(false);
            }
            catch (CwApiException) { members = new List<ApiMember>(); }

            string who, action;
            if (members.Count == 0)
            {
                who = "members use it (no API member does: look under System > Members)";
                action = "Give those members another security role in System > Members, then remove the role again.";
            }
            else
            {
                who = "API member(s) " + string.Join(", ", members.Select(m => m.Identifier + " (id " + m.Id.ToString(CultureInfo.InvariantCulture) + (m.InactiveFlag ? ", inactive" : "") + ")")) + " hold it";
                // An inactive member still holds its role: retiring is no way out; giving it another role, or deleting it in the web UI, is.
                action = "Give " + (members.Count == 1 ? "that member" : "those members") + " another security role (System > Members > API Members > member > Role ID)" +
                         (members.Any(m => m.InactiveFlag) ? ", or delete the inactive one(s) in the web UI where ConnectWise allows it" : "") + ", then remove the role again.";
            }
            return new CwException(ErrorIds.RoleInUse, ErrorCategory.ResourceBusy,
                "Security role '" + role.Name + "' (id " + role.Id.ToString(CultureInfo.InvariantCulture) + ") cannot be removed: " + who + "." +
                (string.IsNullOrEmpty(conflict.ApiMessage) ? "" : " ConnectWise said: " + conflict.ApiMessage), role, conflict)
            { RecommendedAction = action };
        }
    }
}
