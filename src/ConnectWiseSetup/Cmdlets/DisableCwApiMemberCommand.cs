using System;
using System.Management.Automation;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Setup;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>
    /// Retires an API member: PATCHes inactiveFlag to true (ConnectWise has no DELETE for API members). Its
    /// keys stop authenticating. A member already inactive is left alone.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Disable, "CwApiMember", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ApiMember))]
    public sealed class DisableCwApiMemberCommand : CwCmdlet
    {
        /// <summary>The member: an object (Get-CwApiMember), an id or an identifier.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [Alias("Identifier")]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(ApiMemberIdentifierCompleter))]
        [ValidateCwIdentity(CwIdentityKind.ApiMember)]
        public object ApiMember { get; set; }

        /// <summary>Write the member as it is afterwards.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var connection = MemberConnection.For(this, Connection, ApiMember);
            var planner = new MemberPlanner(connection.Client);
            try
            {
                var current = RunAsync(ct => MemberLookup.ResolveAsync(connection.Client, ApiMember, ct));
                if (current.InactiveFlag)
                {
                    WriteVerbose("API member '" + current.Identifier + "' is already inactive.");
                    if (PassThru) { current.Connection = connection; WriteObject(current); }
                    return;
                }
                if (!ShouldProcess(ChangeText.DisableMember(connection, current))) return;
                var updated = RunAsync(ct => planner.DisableAsync(current.Id, ct));
                WriteVerbose("Disabled API member '" + current.Identifier + "'.");
                if (PassThru) { updated.Connection = connection; WriteObject(updated); }
            }
            catch (Exception e) { WriteCwError(e, ApiMember); }
        }
    }
}
