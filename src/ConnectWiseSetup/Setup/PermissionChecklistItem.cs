using System;
using System.Collections.Generic;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Setup
{
    /// <summary>What a checklist line asks the administrator to do.</summary>
    public enum ChecklistItemKind
    {
        /// <summary>Set the Add/Edit/Delete/Inquire levels of a row.</summary>
        Levels,
        /// <summary>Set a Customize allow-list ("customize" link beside the row).</summary>
        Customize,
    }

    /// <summary>
    /// One thing to change in the web UI's role screen, in the UI's order: where it is (System &gt; Security
    /// Roles &gt; role &gt; module &gt; function) and what to set. The guided permission step shows these.
    /// </summary>
    public sealed class PermissionChecklistItem
    {
        /// <summary>1-based position in the checklist.</summary>
        public int Step { get; set; }
        public ChecklistItemKind Kind { get; set; }
        public string Role { get; set; }
        public string Module { get; set; }
        public string Function { get; set; }
        /// <summary>Where it is in the web UI: System &gt; Security Roles &gt; role &gt; module &gt; function.</summary>
        public string ScreenPath { get; set; }
        /// <summary>The row's sortOrder (the UI's order); Customize items follow their row.</summary>
        public int SortOrder { get; set; }
        public int SettingId { get; set; }
        /// <summary>Levels to set (Levels items).</summary>
        public PermissionLevels Target { get; set; }
        /// <summary>Levels the role has now (Levels items).</summary>
        public PermissionLevels Current { get; set; }
        /// <summary>Per level that differs: "Inquire: None -> All".</summary>
        public IReadOnlyList<string> Changes { get; set; } = Array.Empty<string>();
        public DiffState State { get; set; }
        /// <summary>The Customize list (customizeIdentifier), for Customize items.</summary>
        public string List { get; set; }
        public bool AllowAll { get; set; }
        /// <summary>Items to allow, for Customize items ("Category / Table").</summary>
        public IReadOnlyList<string> Allow { get; set; } = Array.Empty<string>();
        /// <summary>Items allowed now that the profile does not want, for Customize items: to remove.</summary>
        public IReadOnlyList<string> Remove { get; set; } = Array.Empty<string>();
        /// <summary>False when the change cannot be read back from here (Customize lists: verified with the integration's own key).</summary>
        public bool Verifiable { get; set; } = true;
        /// <summary>What to do, from the role's screen: "Companies &gt; Contacts: Add, Edit, Inquire None -&gt; All" (the screen itself is in <see cref="ScreenPath"/>).</summary>
        public string Instruction { get; set; }

        public override string ToString() => Instruction;
    }
}
