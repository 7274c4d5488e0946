using System.Collections.Generic;
using System.Linq;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Guides
{
    /// <summary>A line of a guide that looks like a permission but was not understood, and why.</summary>
    public sealed class GuideUnreadLine
    {
        public int Line { get; set; }
        public string Text { get; set; }
        public string Reason { get; set; }
        public override string ToString() => "line " + Line + ": " + Reason;
    }
}
