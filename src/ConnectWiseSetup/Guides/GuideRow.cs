using System.Collections.Generic;
using System.Linq;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Guides
{
    /// <summary>
    /// One permission row read from a guide: the profile's row model (<see cref="PermissionRequirement"/>: labels, levels, note
    /// and the guide's line numbers) with how it was written and the condition the guide puts on it.
    /// </summary>
    public sealed class GuideRow : PermissionRequirement
    {
        public GuideShape Shape { get; set; }
        /// <summary>The condition the guide puts on the row ("If you use the time sync feature"): an optional row; null when required.</summary>
        public string Condition { get; set; }

        /// <summary>The row as the imported profile holds it: a conditional row says so first in its note.</summary>
        internal PermissionRequirement ForProfile()
        {
            var row = ToRequirement();
            if (Condition != null) row.Note = "conditional: " + Condition + (Note == null ? "" : "; " + Note);
            return row;
        }

        public override string ToString() => Module + " / " + Function + " " + Levels + " (line" + (Lines.Count == 1 ? " " : "s ") + GuideLines.Format(Lines) + ")";
    }
}
