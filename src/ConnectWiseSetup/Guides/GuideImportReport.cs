using System.Collections.Generic;
using System.Linq;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Guides
{
    /// <summary>
    /// What ConvertFrom-CwIntegrationGuide read from a guide and what it did not understand; a profile made from a
    /// guide carries it as <see cref="PermissionProfile.Import"/>.
    /// </summary>
    public sealed class GuideImportReport
    {
        /// <summary>The guide: a file path, an address, or "text".</summary>
        public string Source { get; set; }
        /// <summary>The guide's lines as read (a web page's HTML turned into text); line numbers refer to these.</summary>
        public IReadOnlyList<string> Lines { get; set; } = new string[0];
        /// <summary>Every permission row read, with its line numbers and shape.</summary>
        public List<GuideRow> Rows { get; } = new List<GuideRow>();
        /// <summary>Customize allow-lists read, attached to their rows.</summary>
        public List<CustomizeRequirement> Customize { get; } = new List<CustomizeRequirement>();
        /// <summary>Lines that look like permissions but were not understood.</summary>
        public List<GuideUnreadLine> Unread { get; } = new List<GuideUnreadLine>();
        /// <summary>Functions and Customize items the module's catalogue does not know, with the closest it knows.</summary>
        public List<GuideUnknownName> Unknown { get; } = new List<GuideUnknownName>();
        /// <summary>Where the guide gives one level of a row two different values.</summary>
        public List<string> Conflicts { get; } = new List<string>();
        /// <summary>Rows read as the guide writes them that are unlikely as written (Add, Edit or Delete without Inquire): check the guide's columns.</summary>
        public List<string> Doubts { get; } = new List<string>();
        /// <summary>
        /// Optional rows and levels, one entry each: "conditional: Module / Function: the condition". A row only conditions
        /// reach is in <see cref="Rows"/> with its <see cref="GuideRow.Condition"/>; a condition's levels beyond a required
        /// row's are here only, never merged into the row.
        /// </summary>
        public List<string> Conditional { get; } = new List<string>();

        /// <summary>The product the guide names in its title or first heading, or null.</summary>
        public string Product { get; set; }
        public string RoleName { get; set; }
        public string MemberIdentifier { get; set; }
        public string MemberName { get; set; }
        public string KeyDescription { get; set; }

        /// <summary>Anything not understood, unknown, contradictory, doubtful or optional, or no row at all: a person must review the profile.</summary>
        public bool NeedsReview => Unread.Count > 0 || Unknown.Count > 0 || Conflicts.Count > 0 || Doubts.Count > 0 || Conditional.Count > 0 || Rows.Count == 0;

        /// <summary>The shapes the rows were read from, e.g. "FlatTable 14, LevelPhrase 2".</summary>
        public string Shapes => string.Join(", ", Rows.GroupBy(r => r.Shape).OrderBy(g => g.Key).Select(g => g.Key + " " + g.Count()));

        public override string ToString() => Rows.Count + " rows (" + Shapes + "), " + Unread.Count + " unread, " + Unknown.Count + " unknown";
    }
}
