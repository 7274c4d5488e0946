using System.Management.Automation;
using ConnectWiseSetup.Client;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>The current connection of this session; nothing when not connected.</summary>
    [Cmdlet(VerbsCommon.Get, "CwConnection")]
    [OutputType(typeof(CwConnection))]
    public sealed class GetCwConnectionCommand : CwCmdletBase
    {
        protected override void EndProcessing()
        {
            var connection = CwSession.Current.Connection;
            if (connection == null)
            {
                WriteVerbose("Not connected to ConnectWise. Run Connect-CwManage.");
                return;
            }
            WriteObject(connection);
        }
    }
}
