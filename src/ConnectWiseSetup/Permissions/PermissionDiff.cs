using System;
using System.Collections.Generic;
using System.Linq;
using ConnectWiseSetup.Model;

namespace ConnectWiseSetup.Permissions
{
    /// <summary>How one row, or one Customize list, stands against what is wanted.</summary>
    public enum DiffState
    {
        Match,
        /// <summary>A level below what is needed.</summary>
        Missing,
        /// <summary>A level above what is needed, or a right nobody asked for: over-privilege.</summary>
        Excess,
        /// <summary>Some levels below and others above.</summary>
        MissingAndExcess,
        /// <summary>Cannot be read from where we stand (Customize lists of another member's role).</summary>
        Unverified,
    }

    /// <summary>One permission row compared: module, function, wanted and actual levels.</summary>
    public sealed class PermissionRowDiff
    {
        public string Module { get; set; }
        public string Function { get; set; }
        public int SortOrder { get; set; }
        /// <summary>The settings row id (0 when the tenant has no such row).</summary>
        public int SettingId { get; set; }
        public bool InProfile { get; set; }
        public PermissionLevels Expected { get; set; }
        public PermissionLevels Actual { get; set; }
        public DiffState State { get; set; }
        /// <summary>Per level that differs: "Inquire: None -> All".</summary>
        public IReadOnlyList<string> Changes { get; set; } = Array.Empty<string>();
        public IReadOnlyList<string> MissingLevels { get; set; } = Array.Empty<string>();
        public IReadOnlyList<string> ExcessLevels { get; set; } = Array.Empty<string>();

        /// <summary>What to set, the levels that make the same move together: "Add, Edit, Inquire None -> All". Empty for a match.</summary>
        public string Change => PermissionLevels.DescribeChange(Actual, Expected);

        public override string ToString() => Module + " / " + Function + ": " + State + (Change.Length > 0 ? " (" + Change + ")" : "");
    }

    /// <summary>One Customize list compared.</summary>
    public sealed class CustomizeDiff
    {
        public string Module { get; set; }
        public string Function { get; set; }
        public string List { get; set; }
        public bool AllowAll { get; set; }
        public IReadOnlyList<string> Expected { get; set; } = Array.Empty<string>();
        public DiffState State { get; set; }
        public IReadOnlyList<string> MissingItems { get; set; } = Array.Empty<string>();
        public IReadOnlyList<string> ExcessItems { get; set; } = Array.Empty<string>();

        /// <summary>How many items a line names before it counts them instead (a list allowed in full has about 70 tables).</summary>
        public const int ItemsNamed = 5;

        /// <summary>
        /// <paramref name="items"/> for a line a person reads: all of them when a few, else a count with the first few and where the whole
        /// list is ("68 tables (first 5: ...; all in .MissingItems)").
        /// </summary>
        public static string Few(IReadOnlyList<string> items, string property)
        {
            if (items == null || items.Count == 0) return "";
            if (items.Count <= ItemsNamed) return string.Join(", ", items);
            return items.Count + " tables (first " + ItemsNamed + ": " + string.Join(", ", items.Take(ItemsNamed)) + "; all in ." + property + ")";
        }

        /// <summary>What to change in the list, in one short line: "add ...; remove ...", long lists counted.</summary>
        public string Changes()
        {
            var parts = new List<string>();
            if (MissingItems.Count > 0) parts.Add("add " + Few(MissingItems, nameof(MissingItems)));
            if (ExcessItems.Count > 0) parts.Add("remove " + Few(ExcessItems, nameof(ExcessItems)));
            return string.Join("; ", parts);
        }

        public override string ToString() => Module + " / " + Function + " customize: " + State
            + (MissingItems.Count > 0 ? "; missing " + Few(MissingItems, nameof(MissingItems)) : "")
            + (ExcessItems.Count > 0 ? "; excess " + Few(ExcessItems, nameof(ExcessItems)) : "");
    }

    /// <summary>The whole comparison. One engine serves Compare, Wait, Test and Install.</summary>
    public sealed class PermissionComparison
    {
        /// <summary>What was compared: the role (e.g. "Role 'MSP Process' (id 12) on 1234@host").</summary>
        public string Subject { get; set; }
        /// <summary>What it was compared against: "Profile MspProcess", or the reference role.</summary>
        public string Reference { get; set; }

        public IReadOnlyList<PermissionRowDiff> Rows { get; set; } = Array.Empty<PermissionRowDiff>();
        public IReadOnlyList<CustomizeDiff> Customize { get; set; } = Array.Empty<CustomizeDiff>();

        public IReadOnlyList<PermissionRowDiff> Missing => Rows.Where(r => r.State == DiffState.Missing || r.State == DiffState.MissingAndExcess).ToList();
        public IReadOnlyList<PermissionRowDiff> Excess => Rows.Where(r => r.State == DiffState.Excess || r.State == DiffState.MissingAndExcess).ToList();
        public IReadOnlyList<PermissionRowDiff> Matching => Rows.Where(r => r.State == DiffState.Match && r.InProfile).ToList();
        /// <summary>Rows that differ, in the UI's order: what an administrator has to change.</summary>
        public IReadOnlyList<PermissionRowDiff> ToChange => Rows.Where(r => r.State != DiffState.Match).ToList();

        public IReadOnlyList<CustomizeDiff> CustomizeMissing => Customize.Where(c => c.State == DiffState.Missing || c.State == DiffState.MissingAndExcess).ToList();
        public IReadOnlyList<CustomizeDiff> CustomizeExcess => Customize.Where(c => c.State == DiffState.Excess || c.State == DiffState.MissingAndExcess).ToList();
        public IReadOnlyList<CustomizeDiff> Unverified => Customize.Where(c => c.State == DiffState.Unverified).ToList();

        /// <summary>The level grid is exactly what is wanted (nothing missing, nothing in excess).</summary>
        public bool RowsMatch => Rows.All(r => r.State == DiffState.Match);
        /// <summary>Nothing missing or in excess anywhere that could be read.</summary>
        public bool InDesiredState => RowsMatch && Customize.All(c => c.State == DiffState.Match || c.State == DiffState.Unverified);
        /// <summary>In the desired state, and every Customize list was verified too.</summary>
        public bool FullyVerified => InDesiredState && Customize.All(c => c.State == DiffState.Match);

        /// <summary>One line for a prompt: "3 row(s) missing, 1 in excess, 1 Customize list unverified".</summary>
        public string Summary
        {
            get
            {
                if (RowsMatch && Customize.Count == 0) return "in the desired state";
                var parts = new List<string>();
                if (Missing.Count > 0) parts.Add(Missing.Count + " row(s) missing rights");
                if (Excess.Count > 0) parts.Add(Excess.Count + " row(s) with excess rights");
                if (RowsMatch) parts.Add("rows in the desired state");
                if (CustomizeMissing.Count > 0 || CustomizeExcess.Count > 0) parts.Add((CustomizeMissing.Count + CustomizeExcess.Count) + " Customize list(s) differ");
                if (Unverified.Count > 0) parts.Add(Unverified.Count + " Customize list(s) unverified (need the integration's key)");
                return string.Join(", ", parts);
            }
        }

        public override string ToString() => (Subject ?? "role") + " vs " + (Reference ?? "wanted") + ": " + Summary;
    }

    /// <summary>A profile row that matches no row the tenant serves.</summary>
    /// <summary>ErrorId CwUnknownPermissionRow; the message names the closest rows.</summary>
    public sealed class UnknownPermissionRowException : Client.CwException
    {
        public UnknownPermissionRowException(string module, string function, IReadOnlyList<string> closest)
            : base(Client.ErrorIds.UnknownPermissionRow, System.Management.Automation.ErrorCategory.ObjectNotFound,
                   "The permission row '" + module + " / " + function + "' matches no row of the role's settings." +
                   (closest.Count > 0 ? " Closest rows: " + string.Join("; ", closest) + "." : ""), module + " / " + function)
        {
            Module = module; Function = function; Closest = closest;
        }

        public string Module { get; }
        public string Function { get; }
        public IReadOnlyList<string> Closest { get; }
    }

    /// <summary>
    /// The diff between what a profile (or a reference role) wants and what a role grants.
    /// Levels are ordered None &lt; My &lt; All. A row the profile does not list must be None;
    /// anything else on it is Excess. Customize lists are compared only when they can be read
    /// (with the integration's own key); otherwise they are Unverified.
    /// </summary>
    public static class PermissionDiff
    {
        /// <param name="wanted">The rows wanted.</param>
        /// <param name="wantedCustomize">The Customize lists wanted (may be empty).</param>
        /// <param name="actual">The role's settings rows, or the caller's effective rows.</param>
        /// <param name="actualCustomize">The caller's Customize items, or null when they cannot be read.</param>
        /// <param name="absentRowsAreNone">The rows are a key's effective rows (/system/mySecurity), where a server may leave out the
        /// rows that grant nothing: a wanted row not among them is compared as every level None instead of being unknown.</param>
        public static PermissionComparison Compare(
            IEnumerable<PermissionRequirement> wanted,
            IEnumerable<CustomizeRequirement> wantedCustomize,
            IReadOnlyList<SecurityRoleSetting> actual,
            IReadOnlyList<CustomizeItem> actualCustomize,
            bool absentRowsAreNone = false)
        {
            var wantedByRow = new Dictionary<SecurityRoleSetting, PermissionRequirement>();
            var absent = new List<PermissionRowDiff>();
            var index = new FunctionMatcher.Index(actual);
            foreach (var w in wanted)
            {
                var row = index.Find(w.Module, w.Function);
                if (row == null && absentRowsAreNone)
                {
                    absent.Add(CompareRow(w.Module, w.Function, int.MaxValue, 0, true, w.Levels, PermissionLevels.None));
                    continue;
                }
                wantedByRow[row ?? throw new UnknownPermissionRowException(w.Module, w.Function, FunctionMatcher.Closest(actual, w.Module, w.Function))] = w;
            }

            var rows = new List<PermissionRowDiff>(absent);
            foreach (var row in actual.OrderBy(r => r.SortOrder).ThenBy(r => r.Id))
            {
                var inProfile = wantedByRow.TryGetValue(row, out var w);
                var expected = inProfile ? w.Levels : PermissionLevels.None;
                rows.Add(CompareRow(row.Module, row.Function, row.SortOrder, row.Id, inProfile, expected, row.Levels));
            }
            if (absent.Count > 0) rows = rows.OrderBy(r => r.SortOrder).ToList();

            var customize = new List<CustomizeDiff>();
            foreach (var c in wantedCustomize ?? Enumerable.Empty<CustomizeRequirement>())
                customize.Add(CompareCustomize(c, actualCustomize));

            return new PermissionComparison { Rows = rows, Customize = customize };
        }

        /// <summary>Turns a reference role's settings into wanted rows, to compare two roles (or two tenants).</summary>
        public static IReadOnlyList<PermissionRequirement> FromSettings(IEnumerable<SecurityRoleSetting> reference)
            => reference.Where(s => !s.IsNone).Select(s => new PermissionRequirement
            {
                Module = s.Module,
                Function = s.Function,
                Add = s.AddLevel,
                Edit = s.EditLevel,
                Delete = s.DeleteLevel,
                Inquire = s.InquireLevel,
            }).ToList();

        internal static PermissionRowDiff CompareRow(string module, string function, int sortOrder, int id, bool inProfile, PermissionLevels expected, PermissionLevels actual)
        {
            var changes = new List<string>();
            var missing = new List<string>();
            var excess = new List<string>();
            for (var i = 0; i < 4; i++)
            {
                var e = expected[i];
                var a = actual[i];
                if (e == a) continue;
                changes.Add(PermissionLevels.Names[i] + ": " + a + " -> " + e);
                if (a < e) missing.Add(PermissionLevels.Names[i]);
                else excess.Add(PermissionLevels.Names[i]);
            }
            var state = missing.Count > 0 && excess.Count > 0 ? DiffState.MissingAndExcess
                      : missing.Count > 0 ? DiffState.Missing
                      : excess.Count > 0 ? DiffState.Excess
                      : DiffState.Match;
            return new PermissionRowDiff
            {
                Module = module,
                Function = function,
                SortOrder = sortOrder,
                SettingId = id,
                InProfile = inProfile,
                Expected = expected,
                Actual = actual,
                State = state,
                Changes = changes,
                MissingLevels = missing,
                ExcessLevels = excess,
            };
        }

        static CustomizeDiff CompareCustomize(CustomizeRequirement c, IReadOnlyList<CustomizeItem> actualCustomize)
        {
            var diff = new CustomizeDiff
            {
                Module = c.Module,
                Function = c.Function,
                List = c.List,
                AllowAll = c.AllowAll,
                Expected = c.AllowAll ? CustomizeCatalog.ItemsOf(c.List) : c.Allow,
            };
            if (actualCustomize == null)
            {
                diff.State = DiffState.Unverified;
                return diff;
            }
            var have = actualCustomize
                .Where(i => string.Equals(i.CustomizeIdentifier, c.List, StringComparison.OrdinalIgnoreCase))
                .Select(i => CustomizeCatalog.Label(c.List, i.ItemIdentifier))
                .ToList();
            var haveKeys = new HashSet<string>(have.Select(FunctionMatcher.Normalize));
            var expectedKeys = new HashSet<string>(diff.Expected.Select(FunctionMatcher.Normalize));
            diff.MissingItems = diff.Expected.Where(e => !haveKeys.Contains(FunctionMatcher.Normalize(e))).ToList();
            diff.ExcessItems = c.AllowAll ? Array.Empty<string>() : have.Where(h => !expectedKeys.Contains(FunctionMatcher.Normalize(h))).Distinct().ToList();
            diff.State = diff.MissingItems.Count > 0 && diff.ExcessItems.Count > 0 ? DiffState.MissingAndExcess
                       : diff.MissingItems.Count > 0 ? DiffState.Missing
                       : diff.ExcessItems.Count > 0 ? DiffState.Excess
                       : DiffState.Match;
            return diff;
        }
    }
}
