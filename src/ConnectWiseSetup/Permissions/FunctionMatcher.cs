using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ConnectWiseSetup.Model;

namespace ConnectWiseSetup.Permissions
{
    /// <summary>
    /// Matches the module and function labels a guide or profile writes to the rows ConnectWise
    /// serves, tolerant of case, punctuation and the spellings guides use ("CRM Sales Activities",
    /// "Service Ticket - Dependancies", "Projects"). Rows are matched in both the name and the
    /// description fields, since which of them carries the UI label is unconfirmed.
    /// </summary>
    public static class FunctionMatcher
    {
        // Normalised spelling variants seen in vendor guides, mapped to the catalogue's spelling.
        static readonly Dictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["projects"] = "project",
            ["serviceticketdependancies"] = "serviceticketdependencies",
            ["projectticketdependancies"] = "projectticketdependencies",
            ["closeproject"] = "closeprojects",
            ["expensereimbursement"] = "expensereimbursements",
            ["timeandexpenses"] = "timeandexpense",
            ["servicedesks"] = "servicedesk",
        };

        // Labels recur: every role's grid carries the same catalogue labels, and an audit compares many roles.
        static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Normalized =
            new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        const int NormalizedMax = 20000;
        static int _normalizedCount;

        /// <summary>Lower case, '&amp;' as "and", letters and digits only, known variants folded.</summary>
        public static string Normalize(string label)
        {
            if (string.IsNullOrEmpty(label)) return "";
            if (Normalized.TryGetValue(label, out var known)) return known;
            var value = NormalizeOnce(label);
            // ConcurrentDictionary.Count takes every lock: count additions instead.
            if (System.Threading.Volatile.Read(ref _normalizedCount) < NormalizedMax && Normalized.TryAdd(label, value))
                System.Threading.Interlocked.Increment(ref _normalizedCount);
            return value;
        }

        static string NormalizeOnce(string label)
        {
            var sb = new StringBuilder(label.Length);
            foreach (var c in label)
            {
                if (c == '&') sb.Append("and");
                else if (char.IsLetterOrDigit(c)) sb.Append(char.ToLowerInvariant(c));
            }
            var s = sb.ToString();
            return Aliases.TryGetValue(s, out var canonical) ? canonical : s;
        }

        static IEnumerable<string> ModuleKeys(SecurityRoleSetting s)
        {
            yield return Normalize(s.ModuleDescription);
            yield return Normalize(s.ModuleName);
            yield return Normalize(s.ModuleIdentifier);
        }

        /// <summary>
        /// <see cref="Find"/> over the same rows many times: each row's labels are normalised once, not once per lookup
        /// (a profile of 30 rows against a grid of 100 normalised 9,000 labels per comparison, and an audit compares many roles).
        /// </summary>
        internal sealed class Index
        {
            readonly List<(SecurityRoleSetting Row, string[] Modules, string FunctionDescription, string FunctionName, string FunctionIdentifier)> _rows;

            // Row indexes by each function key (description, name, identifier), in the rows' order: a lookup looks at the few
            // rows that carry the function's name, not at every row (the guide reader looks labels up many times a line).
            readonly Dictionary<string, List<int>> _byFunction = new Dictionary<string, List<int>>(StringComparer.Ordinal);

            public Index(IEnumerable<SecurityRoleSetting> rows)
            {
                _rows = rows.Select(r => (r, ModuleKeys(r).ToArray(), Normalize(r.ModuleFunctionDescription), Normalize(r.ModuleFunctionName), Normalize(r.ModuleFunctionIdentifier))).ToList();
                for (var i = 0; i < _rows.Count; i++)
                    foreach (var key in new[] { _rows[i].FunctionDescription, _rows[i].FunctionName, _rows[i].FunctionIdentifier })
                    {
                        if (!_byFunction.TryGetValue(key, out var list)) _byFunction[key] = list = new List<int>();
                        if (list.Count == 0 || list[list.Count - 1] != i) list.Add(i);
                    }
            }

            /// <summary>The row for a module and function among these rows, or null (the rules of <see cref="FunctionMatcher.Find"/>).</summary>
            public SecurityRoleSetting Find(string module, string function)
            {
                var m = Normalize(module);
                var f = Normalize(function);
                if (m.Length == 0 || f.Length == 0) return null;
                if (!_byFunction.TryGetValue(f, out var indexes)) return null;
                var candidates = indexes.Select(i => _rows[i]).Where(r => Array.IndexOf(r.Modules, m) >= 0).ToList();
                if (candidates.Count <= 1) return candidates.Count == 0 ? null : candidates[0].Row;
                return (candidates.FirstOrDefault(r => r.FunctionDescription == f).Row
                        ?? candidates.FirstOrDefault(r => r.FunctionName == f).Row)
                       ?? candidates[0].Row;
            }
        }

        /// <summary>
        /// The row for a module and function, or null. The UI's label (the description) wins over another row whose
        /// name or identifier happens to match: "Agreements" is the row labelled Agreements, not a row labelled
        /// "Agreement Sales" whose identifier is Agreements. For many lookups over one grid, build an <see cref="Index"/>.
        /// </summary>
        public static SecurityRoleSetting Find(IEnumerable<SecurityRoleSetting> rows, string module, string function)
            => new Index(rows).Find(module, function);

        /// <summary>The closest rows to a label that matched none, for the error message.</summary>
        public static IReadOnlyList<string> Closest(IEnumerable<SecurityRoleSetting> rows, string module, string function, int count = 3)
        {
            var wanted = Normalize(module) + "/" + Normalize(function);
            var wantedFunction = Normalize(function);
            return rows
                .Select(r => new
                {
                    Label = r.Module + " / " + r.Function,
                    Score = Math.Min(Distance(wanted, Normalize(r.Module) + "/" + Normalize(r.Function)),
                                     Distance(wantedFunction, Normalize(r.Function)) + 2),
                })
                .GroupBy(x => x.Label).Select(g => g.OrderBy(x => x.Score).First())
                .OrderBy(x => x.Score).ThenBy(x => x.Label, StringComparer.Ordinal)
                .Take(count).Select(x => x.Label).ToList();
        }

        /// <summary>Levenshtein distance.</summary>
        public static int Distance(string a, string b)
        {
            var prev = new int[b.Length + 1];
            var cur = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++) prev[j] = j;
            for (var i = 1; i <= a.Length; i++)
            {
                cur[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                }
                var t = prev; prev = cur; cur = t;
            }
            return prev[b.Length];
        }
    }
}
