using System.Collections.Generic;
using System.Linq;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Guides
{
    /// <summary>One permission row read from a guide, with the lines it came from and how it was written.</summary>
    public sealed class GuideRow
    {
        public string Module { get; set; }
        public string Function { get; set; }
        public PermissionLevel Add { get; set; }
        public PermissionLevel Edit { get; set; }
        public PermissionLevel Delete { get; set; }
        public PermissionLevel Inquire { get; set; }
        public PermissionLevels Levels => new PermissionLevels(Add, Edit, Delete, Inquire);
        /// <summary>The guide's line numbers (1-based) the row was read from.</summary>
        public IReadOnlyList<int> Lines { get; set; } = new int[0];
        public GuideShape Shape { get; set; }
        /// <summary>What the guide says the row is for, when it says so beside the level.</summary>
        public string Note { get; set; }
        /// <summary>The condition the guide puts on the row ("If you use the time sync feature"): an optional row; null when required.</summary>
        public string Condition { get; set; }

        public override string ToString() => Module + " / " + Function + " " + Levels + " (line" + (Lines.Count == 1 ? " " : "s ") + GuideLines.Format(Lines) + ")";
    }
}
