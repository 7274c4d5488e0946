using System.Collections.Generic;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;

namespace ConnectWiseSetup.Setup
{
    /// <summary>Who a key is, as ConnectWise says with the key itself: whether it authenticates, and the member on its /system/mySecurity rows.</summary>
    internal sealed class KeyIdentity
    {
        /// <summary>False when ConnectWise refused the key (401: wrong, deleted, or its member inactive).</summary>
        public bool Authenticated { get; set; }

        /// <summary>ConnectWise's reason when it refused the key (no secret in it).</summary>
        public string Failure { get; set; }

        /// <summary>The member on the mySecurity rows; null when not authenticated or no rows.</summary>
        public MemberReference Member { get; set; }

        /// <summary>The caller's effective rows (every page of /system/mySecurity).</summary>
        public IReadOnlyList<SecurityRoleSetting> Rights { get; set; } = new List<SecurityRoleSetting>();

        /// <summary>An open connection made with the key (authenticated only); the caller disposes it.</summary>
        public CwConnection Connection { get; set; }
    }
}
