using System.Management.Automation;
using ConnectWiseSetup.Client;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>
    /// A cmdlet that talks to one ConnectWise tenant: <c>-Connection</c>, defaulting to the current
    /// connection of this runspace (Connect-CwManage).
    /// </summary>
    public abstract class CwCmdlet : CwCmdletBase
    {
        /// <summary>The tenant to work on; default: the current connection of this session.</summary>
        [Parameter]
        [ValidateNotNull]
        [PSDefaultValue(Help = "The current connection of this session (Connect-CwManage)")]
        public CwConnection Connection { get; set; }

        /// <summary>-Connection, else the session's current connection, else a terminating CwNotConnected error.</summary>
        protected CwConnection ResolveConnection()
        {
            var connection = Connection ?? CwSession.Current.Connection;
            if (connection == null)
                ThrowCwError(new CwException(ErrorIds.NotConnected, ErrorCategory.ConnectionError,
                    "Not connected to ConnectWise: this session has no current connection and no -Connection was given.")
                { RecommendedAction = "Run Connect-CwManage first, or pass -Connection." }, null);
            if (!connection.IsOpen)
                ThrowCwError(new CwException(ErrorIds.NotConnected, ErrorCategory.ConnectionError,
                    "The connection " + connection + " was closed by Disconnect-CwManage.", connection)
                { RecommendedAction = "Run Connect-CwManage again, or pass another -Connection." }, connection);
            return connection;
        }

        /// <summary>
        /// The connection for an object read from a tenant (a SecurityRole carries its Connection), so pipelines keep
        /// their tenant: -Connection when given, else the object's, else the current one. An object from another
        /// tenant than -Connection, or from a closed connection, is an error (its id means nothing elsewhere).
        /// </summary>
        protected CwConnection ResolveConnection(object item)
        {
            if (item is PSObject pso) item = pso.BaseObject;
            var own = (item as Model.SecurityRole)?.Connection;
            if (own == null) return ResolveConnection();
            if (Connection != null && !ReferenceEquals(Connection, own))
                ThrowCwError(CwException.Invalid(ErrorIds.InvalidArgument,
                    "'" + item + "' was read from " + own + ", not from -Connection " + Connection + ". Pass its name or id to work on -Connection's tenant.", item), item);
            if (!own.IsOpen)
                ThrowCwError(new CwException(ErrorIds.NotConnected, ErrorCategory.ConnectionError,
                    "'" + item + "' was read from " + own + ", a connection closed by Disconnect-CwManage.", item)
                { RecommendedAction = "Connect again and read it again, or pass -Connection with its name or id." }, item);
            return own;
        }

        /// <summary><see cref="ResolveConnection()"/> for helpers outside the cmdlet.</summary>
        internal CwConnection Resolve() => ResolveConnection();

        /// <summary>The client of <see cref="ResolveConnection()"/>.</summary>
        internal ManageClient ResolveClient() => ResolveConnection().Client;
    }
}
