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
    /// <summary>
    /// Retires an integration (Setup/IntegrationUninstaller): makes its API member inactive (the API has no delete), deletes its
    /// security role when no API member holds it, else keeps it and says who does, and says what to remove by hand.
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
        [Parameter] [PSDefaultValue(Help = "The profile's role name")] [ValidateNotNullOrEmpty] public string RoleName { get; set; }

        /// <summary>The API member's identifier, when it was installed with -Identifier.</summary>
        [ArgumentCompleter(typeof(ApiMemberIdentifierCompleter))]
        [Parameter] [PSDefaultValue(Help = "The profile's Member ID")] [ValidateNotNullOrEmpty] public string Identifier { get; set; }

        protected override void ProcessRecord()
        {
            var profile = Profile.With(RoleName, Identifier);
            var uninstaller = new IntegrationUninstaller(ResolveConnection(), profile);
            try { uninstaller.Validate(); }
            catch (CwException e) { ThrowCwError(e, profile); }
            try
            {
                var result = RunAsync(ct => uninstaller.PlanAsync(ct));
                // The plan's texts are the prompts: only steps that will be done are asked, and each says what it does.
                foreach (var step in result.Steps.Where(s => s.State == UninstallStepState.ToDo).ToList())
                {
                    if (!ShouldProcess(step.Change.Description, step.Change.Query, ChangeText.Caption, out var reason))
                    {
                        // -WhatIf leaves the plan as it is (ToDo); a "no" at the prompt is recorded.
                        if (reason != ShouldProcessReason.WhatIf) uninstaller.Skip(step.Number);
                        continue;
                    }
                    if (step.Number == IntegrationUninstaller.MemberStep) RunAsync(ct => uninstaller.DisableMemberAsync(ct));
                    else if (step.Number == IntegrationUninstaller.RoleStep) RunAsync(ct => uninstaller.DeleteRoleAsync(ct));
                }
                foreach (var step in result.Steps) WriteVerbose(step.ToString());
                WriteObject(result);
            }
            catch (Exception e) { WriteCwError(e, profile); }
        }
    }
}
