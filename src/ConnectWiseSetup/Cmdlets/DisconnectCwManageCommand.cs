using System.Management.Automation;
using ConnectWiseSetup.Client;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>Closes a connection (default: the current one) and forgets it as current.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "CwManage")]
    public sealed class DisconnectCwManageCommand : CwCmdletBase
    {
        /// <summary>The connection to close; default: the current connection of this session.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [PSDefaultValue(Help = "The current connection of this session")]
        public CwConnection Connection { get; set; }

        protected override void ProcessRecord()
        {
            var session = CwSession.Current;
            var connection = Connection ?? session.Connection;
            if (connection == null)
            {
                WriteVerbose("Not connected to ConnectWise; nothing to disconnect.");
                return;
            }
            session.Clear(connection);
            connection.Client.Dispose();
            WriteVerbose("Disconnected from " + connection + ".");
        }
    }
}
