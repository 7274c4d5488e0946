using System;
using System.Collections.Generic;
using System.Linq;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Setup
{
    /// <summary>
    /// Turns a comparison into the checklist of the guided permission step: only the rows that differ
    /// (missing and excess), and the Customize lists to set, in the UI's order, each with the path to the
    /// screen and what to set. Used by Wait-CwSecurityRolePermission and Install-CwIntegration.
    /// </summary>
    internal static class PermissionChecklist
    {
        public const string ScreenRoot = "System > Security Roles";

        /// <summary>The line that says the watch starts (the last line of <see cref="Describe"/> when there are levels to set).</summary>
        public const string WatchingLine = "Watching the role until the levels are set (Ctrl+C stops watching).";

        public static string ScreenPath(string role, string module, string function)
            => ScreenRoot + " > " + role + " > " + module + " > " + function;

        /// <summary>The checklist for <paramref name="comparison"/> of the role named <paramref name="roleName"/>.</summary>
        public static IReadOnlyList<PermissionChecklistItem> Build(string roleName, PermissionComparison comparison)
        {
            if (comparison == null) throw new ArgumentNullException(nameof(comparison));
            var items = new List<PermissionChecklistItem>();
            foreach (var row in comparison.ToChange)
                items.Add(new PermissionChecklistItem
                {
                    Kind = ChecklistItemKind.Levels,
                    Role = roleName,
                    Module = row.Module,
                    Function = row.Function,
                    ScreenPath = ScreenPath(roleName, row.Module, row.Function),
                    SortOrder = row.SortOrder,
                    SettingId = row.SettingId,
                    Target = row.Expected,
                    Current = row.Actual,
                    Changes = row.Changes,
                    State = row.State,
                    Instruction = row.Module + " > " + row.Function + ": " + LevelInstruction(row),
                });
            foreach (var c in comparison.Customize.Where(c => c.State != DiffState.Match))
            {
                // Place the list beside its row (the customize link sits on the row); matched by the UI labels.
                var row = comparison.Rows.FirstOrDefault(r => FunctionMatcher.Normalize(r.Module) == FunctionMatcher.Normalize(c.Module)
                                                           && FunctionMatcher.Normalize(r.Function) == FunctionMatcher.Normalize(c.Function));
                var module = row?.Module ?? c.Module;
                var function = row?.Function ?? c.Function;
                items.Add(new PermissionChecklistItem
                {
                    Kind = ChecklistItemKind.Customize,
                    Role = roleName,
                    Module = module,
                    Function = function,
                    ScreenPath = ScreenPath(roleName, module, function) + " > customize",
                    SortOrder = row?.SortOrder ?? int.MaxValue,
                    SettingId = row?.SettingId ?? 0,
                    State = c.State,
                    List = c.List,
                    AllowAll = c.AllowAll,
                    Allow = c.AllowAll ? Array.Empty<string>() : c.Expected,
                    Remove = c.ExcessItems,
                    Verifiable = c.State != DiffState.Unverified,
                    Instruction = module + " > " + function + " > customize: " + CustomizeInstruction(c),
                });
            }
            var ordered = items.OrderBy(i => i.SortOrder).ThenBy(i => i.Kind).ToList();
            for (var i = 0; i < ordered.Count; i++) ordered[i].Step = i + 1;
            return ordered;
        }

        /// <summary>
        /// The lines to show the administrator: the screen once (System &gt; Security Roles &gt; role), then the items under their
        /// module's heading as the screen groups them, each "function: what to set", and a note on Customize lists. Short enough
        /// for an 80-column console.
        /// </summary>
        /// <param name="watching">False: without the <see cref="WatchingLine"/> (a run that stops here, or a role not made yet).</param>
        public static IReadOnlyList<string> Describe(string roleName, IReadOnlyList<PermissionChecklistItem> items, bool watching = true)
        {
            var lines = new List<string>();
            var levels = items.Count(i => i.Kind == ChecklistItemKind.Levels);
            if (items.Count == 0)
            {
                lines.Add("Security role '" + roleName + "' already has exactly the permissions wanted; nothing to change.");
                return lines;
            }
            lines.Add("In ConnectWise, open " + ScreenRoot + " > " + roleName + ".");
            lines.Add("Make " + (items.Count == 1 ? "this change" : "these " + items.Count + " changes") +
                      (levels > 0 && levels != items.Count ? " (" + levels + " of them levels)" : "") + ", then Save:");
            var width = items.Max(i => i.Step).ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
            string module = null;
            foreach (var i in items)
            {
                if (!string.Equals(i.Module, module, StringComparison.Ordinal))
                {
                    module = i.Module;
                    lines.Add("  " + module);
                }
                var number = "    " + i.Step.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width) + ". ";
                if (i.Kind == ChecklistItemKind.Customize)
                {
                    // The customize link beside the row; an allow-list one table per line, as they are ticked in the screen.
                    if (i.AllowAll) { lines.Add(number + i.Function + " > customize: allow access to all"); continue; }
                    lines.Add(number + i.Function + " > customize: allow access to only these:");
                    foreach (var table in i.Allow) lines.Add(new string(' ', number.Length + 2) + table);
                    foreach (var table in i.Remove) lines.Add(new string(' ', number.Length + 2) + "(remove " + table + ")");
                    continue;
                }
                lines.Add(number + ShortInstruction(i));
            }
            if (items.Any(i => !i.Verifiable))
            {
                lines.Add("Customize lists cannot be read for another member's role: the integration's own");
                lines.Add("key verifies them (Test-CwIntegrationPermission -ApiKey or -Credential).");
            }
            if (levels > 0 && watching)
                lines.Add(WatchingLine);
            return lines;
        }

        /// <summary>
        /// The checklist of a role not made yet, from the tenant's catalogue (every role has the same rows: the checks read the
        /// administrator's role), the new role counted as every level None and no Customize item. UNCONFIRMED: that ConnectWise
        /// gives a role made through the API every level None (the simulator's Fidelity.NewRoleLevel says so; a real tenant's
        /// defaults were never read). Whoever shows it reads the real grid right after the POST: see <see cref="Differences"/>.
        /// </summary>
        public static IReadOnlyList<PermissionChecklistItem> ForNewRole(string roleName, IEnumerable<PermissionRequirement> wanted,
            IEnumerable<CustomizeRequirement> wantedCustomize, IEnumerable<SecurityRoleSetting> catalogue)
        {
            var none = catalogue.Select(r => new SecurityRoleSetting
            {
                Id = r.Id, SortOrder = r.SortOrder,
                ModuleIdentifier = r.ModuleIdentifier, ModuleName = r.ModuleName, ModuleDescription = r.ModuleDescription,
                ModuleFunctionIdentifier = r.ModuleFunctionIdentifier, ModuleFunctionName = r.ModuleFunctionName, ModuleFunctionDescription = r.ModuleFunctionDescription,
                AddLevel = PermissionLevel.None, EditLevel = PermissionLevel.None, DeleteLevel = PermissionLevel.None, InquireLevel = PermissionLevel.None,
            }).ToList();
            return Build(roleName, PermissionDiff.Compare(wanted, wantedCustomize, none, null));
        }

        /// <summary>Most differences <see cref="Differences"/> names one by one (the checklist objects hold every item).</summary>
        public const int DifferencesNamed = 5;

        /// <summary>
        /// What differs between a checklist already shown (<paramref name="shown"/>, e.g. <see cref="ForNewRole"/>'s) and the one the
        /// role's grid gives now (<paramref name="actual"/>), in a few lines of at most <paramref name="width"/> columns: each item to
        /// do otherwise or also, and each shown item with nothing to do after all. Empty when they ask for the same changes.
        /// </summary>
        public static IReadOnlyList<string> Differences(string roleName, IReadOnlyList<PermissionChecklistItem> shown, IReadOnlyList<PermissionChecklistItem> actual, int width)
        {
            string Key(PermissionChecklistItem i) => i.Kind + "|" + i.Module + "|" + i.Function + "|" + i.List;
            var before = shown.GroupBy(Key).ToDictionary(g => g.Key, g => g.First());
            var now = new HashSet<string>(actual.Select(Key));
            var differ = new List<string>();
            foreach (var i in actual)
                if (!before.TryGetValue(Key(i), out var was) || !string.Equals(was.Instruction, i.Instruction, StringComparison.Ordinal))
                    differ.Add(i.Instruction + (was == null ? " (also)" : " (instead)"));
            foreach (var i in shown.Where(i => !now.Contains(Key(i))))
                differ.Add(i.Module + " > " + i.Function + (i.Kind == ChecklistItemKind.Customize ? " > customize" : "") + ": already as wanted, nothing to do");
            var lines = new List<string>();
            if (differ.Count == 0) return lines;
            lines.AddRange(TextWrap.Lines("Role '" + roleName + "' as made differs from the checklist above in " + differ.Count + " item(s):", width));
            foreach (var d in differ.Take(DifferencesNamed))
                lines.AddRange(TextWrap.Lines(d, width - 4).Select(l => "    " + l));
            if (differ.Count > DifferencesNamed)
                lines.Add("    and " + (differ.Count - DifferencesNamed) + " more (the checklist objects list each).");
            return lines;
        }

        /// <summary>An item's instruction under its module's heading: without "Module &gt; ".</summary>
        static string ShortInstruction(PermissionChecklistItem item)
        {
            var prefix = item.Module + " > ";
            return item.Instruction != null && item.Instruction.StartsWith(prefix, StringComparison.Ordinal) ? item.Instruction.Substring(prefix.Length) : item.Instruction;
        }

        /// <summary>What still differs, in one sentence (for a timeout or a plan).</summary>
        public static string Remaining(PermissionComparison comparison)
            => string.Join("; ", comparison.ToChange.Select(r => r.Module + " > " + r.Function + " (" + r.Change + ")"));

        static string LevelInstruction(PermissionRowDiff row)
        {
            var why = row.State == DiffState.Excess ? (row.InProfile ? " (more than needed)" : " (not needed: set to None)") : "";
            return row.Change + why;
        }

        static string CustomizeInstruction(CustomizeDiff c)
        {
            var what = c.AllowAll
                ? "allow access to all (" + c.List + ")"
                : "under 'Allow access to these' put " + CustomizeDiff.Few(c.Expected, nameof(PermissionChecklistItem.Allow)) + " (" + c.List + ")";
            if (c.ExcessItems.Count > 0) what += "; remove " + CustomizeDiff.Few(c.ExcessItems, nameof(PermissionChecklistItem.Remove));
            return what;
        }
    }
}
