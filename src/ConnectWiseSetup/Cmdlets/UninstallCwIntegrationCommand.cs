using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;
using ConnectWiseSetup.Setup;

namespace ConnectWiseSetup.Cmdlets
{
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
        /// <summary>Each thing done or left, with why.</summary>
        public IReadOnlyList<string> Actions { get; set; } = Array.Empty<string>();
        /// <summary>What only a person can remove in the web UI (the API key).</summary>
        public string ManualSteps { get; set; }
        public override string ToString() => Profile + " on " + Tenant + ": " + string.Join(" ", Actions);
    }

    /// <summary>
    /// Retires an integration: disables its API member (the API has no delete), deletes its security role when no
    /// other member (active or inactive) uses it, else keeps it and says who does, and says what to remove by hand
    /// (the API key, in the member's API Keys tab).
    /// </summary>
    [Cmdlet(VerbsLifecycle.Uninstall, "CwIntegration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(IntegrationUninstallResult))]
    public sealed class UninstallCwIntegrationCommand : CwCmdlet
    {
        /// <summary>The integration: a built-in profile name, a profile object or a profile JSON path.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ProfileTransformation]
        [ArgumentCompleter(typeof(ProfileNameCompleter))]
        public PermissionProfile Profile { get; set; }

        /// <summary>The security role's name, when it was installed with -RoleName.</summary>
        [ArgumentCompleter(typeof(SecurityRoleNameCompleter))]
        [Parameter] [ValidateNotNullOrEmpty] public string RoleName { get; set; }

        /// <summary>The API member's identifier, when it was installed with -Identifier.</summary>
        [ArgumentCompleter(typeof(ApiMemberIdentifierCompleter))]
        [Parameter] [ValidateNotNullOrEmpty] public string Identifier { get; set; }

        protected override void ProcessRecord()
        {
            var profile = Profile.With(RoleName, Identifier);
            try
            {
                // Names ConnectWise would refuse cannot name anything there: say so before any lookup is sent.
                InputValidator.RoleName(profile.RoleName);
                InputValidator.MemberIdentifier(profile.MemberIdentifier);
            }
            catch (CwException e) { ThrowCwError(e, profile); }
            var connection = ResolveConnection();
            var client = connection.Client;
            var actions = new List<string>();
            var result = new IntegrationUninstallResult { Profile = profile.Name, Tenant = connection.ToString(), Role = profile.RoleName, Actions = actions };
            try
            {
                var member = RunAsync(ct => MemberLookup.FindByIdentifierAsync(client, profile.MemberIdentifier, ct));
                if (member == null) actions.Add("No API member '" + profile.MemberIdentifier + "'.");
                else if (member.InactiveFlag) { actions.Add("API member '" + member.Identifier + "' is already inactive."); result.MemberDisabled = true; }
                else if (ShouldProcess(connection + ": API member '" + member.Identifier + "' (id " + member.Id + "); its API keys stop working", "Disable"))
                {
                    member = RunAsync(ct => new MemberPlanner(client).UpdateAsync(member.Id, new[] { PatchOperation.Replace("inactiveFlag", true) }, ct));
                    actions.Add("Disabled API member '" + member.Identifier + "' (id " + member.Id + ").");
                    result.MemberDisabled = true;
                }
                if (member != null) { member.Connection = connection; result.ApiMember = member; }

                var role = RunAsync(ct => RoleLookup.FindByNameAsync(client, profile.RoleName, ct));
                if (role == null) actions.Add("No security role '" + profile.RoleName + "'.");
                else
                {
                    var users = RunAsync(ct => client.GetListAsync<MemberReference>(MemberLookup.MembersPath, new ListQuery
                    {
                        Conditions = Conditions.Eq("securityRole/id", role.Id).ToString(),
                        Fields = new[] { "id", "identifier", "name" },
                    }, ct)).Where(m => member == null || m.Id != member.Id).ToList();
                    if (users.Count > 0)
                        actions.Add("Kept security role '" + role.Name + "' (id " + role.Id + "): other API member(s) use it: " + string.Join(", ", users.Select(u => u.Identifier)) + ".");
                    else if (member != null && !result.MemberDisabled)
                        actions.Add("Kept security role '" + role.Name + "': API member '" + member.Identifier + "' still uses it (not disabled).");
                    else if (ShouldProcess(connection + ": security role '" + role.Name + "' (id " + role.Id + ")", "Remove security role"))
                    {
                        try
                        {
                            RunAsync(ct => RemoveCwSecurityRoleCommand.DeleteAsync(client, role, ct));
                            actions.Add("Deleted security role '" + role.Name + "' (id " + role.Id + "): no other member uses it.");
                            result.RoleDeleted = true;
                        }
                        catch (CwException e) when (e.ErrorId == ErrorIds.RoleInUse)
                        {
                            actions.Add("Kept security role '" + role.Name + "': " + e.Message);
                        }
                    }
                }
                if (member != null)
                    result.ManualSteps = "Delete the API key(s) of '" + member.Identifier + "' by hand (the API cannot): System > Members > API Members > " + member.Identifier +
                                         " > API Keys tab, select each key and delete it. The member stays (inactive): ConnectWise has no delete for API members.";
                foreach (var a in actions) WriteVerbose(a);
                WriteObject(result);
            }
            catch (PipelineStoppedException) { throw; }
            catch (Exception e) { WriteCwError(e, profile); }
        }
    }
}
