using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Guides
{
    /// <summary>How a guide wrote a permission row (ConvertFrom-CwIntegrationGuide): the shape it was read from.</summary>
    public enum GuideShape
    {
        /// <summary>A markdown or pipe table (or tab-separated cells), read by its header.</summary>
        PipeTable,
        /// <summary>A table flattened to text: one cell per line, cells jammed together, rows broken across lines, or a whole table on one line.</summary>
        FlatTable,
        /// <summary>A level phrase beside or under the function: "Inquire Level = All", "Add/Edit/Inquire (All)", "Inquire - All", "Add Level set to ALL".</summary>
        LevelPhrase,
        /// <summary>A level stated once for a list of functions in prose: "set Inquire Level to All for: X, Y of the Z module".</summary>
        ProseList,
        /// <summary>A level stated once, then a (nested) list of modules and functions it applies to.</summary>
        NestedList,
    }
}
