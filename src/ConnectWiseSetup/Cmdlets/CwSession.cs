using System;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using ConnectWiseSetup.Client;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>
    /// The state of the module in one runspace: its current connection. Keyed on the runspace (never a
    /// process-wide static value), so runspaces of one process (jobs, ForEach-Object -Parallel, a host's
    /// pool) share nothing; the table holds runspaces weakly, so a closed runspace takes its session along.
    /// </summary>
    internal sealed class CwSession
    {
        private static readonly ConditionalWeakTable<Runspace, CwSession> Sessions = new ConditionalWeakTable<Runspace, CwSession>();

        [ThreadStatic] private static CwSession _noRunspace;

        private readonly object _gate = new object();
        private CwConnection _connection;

        /// <summary>The session of the runspace running on this thread (<see cref="Runspace.DefaultRunspace"/>).</summary>
        public static CwSession Current => For(Runspace.DefaultRunspace);

        /// <summary>The session of <paramref name="runspace"/>; with none (code outside any runspace), one per thread.</summary>
        public static CwSession For(Runspace runspace)
        {
            if (runspace == null) return _noRunspace ?? (_noRunspace = new CwSession());
            return Sessions.GetValue(runspace, _ => new CwSession());
        }

        /// <summary>The connection cmdlets use when no -Connection is given.</summary>
        public CwConnection Connection
        {
            get { lock (_gate) return _connection; }
            set { lock (_gate) _connection = value; }
        }

        /// <summary>Clears the current connection if it is <paramref name="connection"/>; true when it was.</summary>
        public bool Clear(CwConnection connection)
        {
            lock (_gate)
            {
                if (connection != null && !ReferenceEquals(_connection, connection)) return false;
                _connection = null;
                return true;
            }
        }
    }
}
