using System.Management.Automation;

namespace ConnectWiseSetup.Cmdlets
{
    [Cmdlet(VerbsCommon.Get, "CwConnection")]
    public sealed class GetCwConnectionCommand : PSCmdlet
    {
        protected override void EndProcessing() { WriteObject("placeholder"); }
    }
}
