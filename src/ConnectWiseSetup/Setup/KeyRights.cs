using System;
using System.Collections.Generic;
using System.Linq;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Setup
{
    /// <summary>
    /// Whether two keys have the same effective rights: the new key's /system/mySecurity rows and Customize items compared with
    /// the old key's, through the one diff (<see cref="PermissionDiff"/>). The old key's rows that grant something are what is
    /// wanted; a row either key's answer leaves out counts as None (a server may omit rows that grant nothing), so a row listed
    /// as None by one key and absent from the other is no difference. Every Customize list either key has is compared item by item.
    /// </summary>
    internal static class KeyRights
    {
        public static PermissionComparison Compare(IReadOnlyList<SecurityRoleSetting> oldRows, IReadOnlyList<CustomizeItem> oldItems,
            IReadOnlyList<SecurityRoleSetting> newRows, IReadOnlyList<CustomizeItem> newItems)
        {
            oldItems = oldItems ?? Array.Empty<CustomizeItem>();
            newItems = newItems ?? Array.Empty<CustomizeItem>();
            var lists = oldItems.Concat(newItems).Select(i => i.CustomizeIdentifier ?? "")
                .Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(l => l, StringComparer.OrdinalIgnoreCase);
            var wantedCustomize = lists.Select(list => new CustomizeRequirement
            {
                Module = "Customize",
                Function = list,
                List = list,
                Allow = oldItems.Where(i => string.Equals(i.CustomizeIdentifier ?? "", list, StringComparison.OrdinalIgnoreCase))
                    .Select(i => CustomizeCatalog.Label(list, i.ItemIdentifier)).Distinct().ToList(),
            }).ToList();
            return PermissionDiff.Compare(PermissionDiff.FromSettings(oldRows), wantedCustomize, newRows, newItems, absentRowsAreNone: true);
        }

        /// <summary>What differs, for a person: each row as the new key has it against the old key, each Customize list's extra and missing items.</summary>
        public static string Describe(PermissionComparison c, int max = 8)
        {
            var parts = new List<string>();
            foreach (var r in c.ToChange)
                parts.Add(r.Module + " / " + r.Function + ": the new key has " + r.Actual + ", the old key " + r.Expected + " (Add/Edit/Delete/Inquire)");
            foreach (var l in c.Customize.Where(l => l.State != DiffState.Match))
                parts.Add("Customize " + l.List + ":" + (l.ExcessItems.Count > 0 ? " only the new key has " + string.Join(", ", l.ExcessItems) : "") +
                    (l.MissingItems.Count > 0 ? " only the old key has " + string.Join(", ", l.MissingItems) : ""));
            var shown = parts.Take(max).ToList();
            if (parts.Count > max) shown.Add("and " + (parts.Count - max) + " more");
            return string.Join("; ", shown);
        }

        /// <summary>How many rows and Customize lists differ.</summary>
        public static int Differences(PermissionComparison c) => c.ToChange.Count + c.Customize.Count(l => l.State != DiffState.Match);
    }
}
