using System.Management.Automation;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>Which connection a member cmdlet works on: -Connection, else the piped member's own, else the session's.</summary>
    internal static class MemberConnection
    {
        public static CwConnection For(CwCmdlet cmdlet, CwConnection explicitConnection, object member)
        {
            if (explicitConnection != null) return cmdlet.Resolve();
            if (member is PSObject pso) member = pso.BaseObject;
            if (member is ApiMember m && m.Connection != null && m.Connection.IsOpen) return m.Connection;
            return cmdlet.Resolve();
        }
    }
}
