using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Guides
{
    /// <summary>
    /// What a label in a guide names: a module heading, a row of the catalogue (with its module written before it,
    /// after it, or known from the heading above), a list of rows ("Contacts, Notes and Team Members of the Companies
    /// module"), or nothing the catalogue knows.
    /// </summary>
    internal sealed class GuideLabel
    {
        const RegexOptions Opt = RegexOptions.CultureInvariant;
        static readonly Regex Footnote = new Regex(@"^[\*\u2020\u2021#]+|[\*\u2020\u2021\u00B9\u00B2\u00B3\u2070-\u2079]+$|[\*\u2020\u2021]+(?=\s)", Opt);
        static readonly Regex Trailing = new Regex(@"[\s:;,\.\-\u2013\u2014=>\u2192\u203A\u00BB]+$", Opt);
        static readonly Regex Leading = new Regex(@"^(?:[\s:;,\.\-\u2013\u2014]+|(?i:and|the|&)(?:\s+|$))+", Opt);
        static readonly Regex Parenthetical = new Regex(@"\s*\(([^()]*)\)\s*$", Opt);
        static readonly Regex ModuleAfter = new Regex(@"^(?<f>.+?)\s+(?i:in|of|under|from|within)\s+(?:(?i:the)\s+)?(?<m>.+?)(?:\s+(?i:module|area|section|entity))?$", Opt);
        static readonly string[] Separators = { " | ", ">", "\u203A", "\u00BB", "\u2192", "->", "/", ":", " - ", " \u2013 ", " \u2014 " };

        /// <summary>The row named, or null.</summary>
        public ModuleFunction Function;
        /// <summary>The module named (alone, or before/after the function).</summary>
        public string Module;
        /// <summary>Several rows of different modules carry the name ("Reports") and no module says which.</summary>
        public bool Ambiguous;

        public bool IsModuleOnly => Function == null && Module != null;

        /// <summary>The longest text <see cref="Resolve"/> reads as a label.</summary>
        public const int MaxChars = 120;

        /// <summary>Footnote marks, quotes, a trailing colon or dash removed.</summary>
        public static string Clean(string text)
        {
            var t = (text ?? "").Trim().Trim('"', '\u201C', '\u201D', '\'', '\u2018', '\u2019');
            t = Footnote.Replace(t, "");
            t = Trailing.Replace(t, "");
            t = Leading.Replace(t, "");
            return t.Trim();
        }

        static readonly Regex ModuleWords = new Regex(@"\s+(?i:(?:security\s+)?(?:modules?|entity|entities|section|area|permissions?|functions?|settings))$", Opt);

        /// <summary>The module a label names: "Companies", "Companies Security Module", "the Finance entity", "Procurement section".</summary>
        public static string ModuleOf(string label)
        {
            var m = FunctionCatalog.FindModule(label);
            if (m != null || string.IsNullOrEmpty(label)) return m;
            var t = Regex.Replace(label.Trim(), @"^(?i:the)\s+", "", Opt);
            var stripped = ModuleWords.Replace(t, "");
            m = stripped.Length > 0 && stripped.Length < t.Length || t.Length < label.Trim().Length ? FunctionCatalog.FindModule(stripped) : null;
            return m ?? Misspelt(stripped);
        }

        /// <summary>
        /// A module name with one letter wrong, missing or extra ("Comanies"; two in a name of eight letters or more), when
        /// exactly one module is that close: spelling, not another word.
        /// </summary>
        static string Misspelt(string label)
        {
            var n = FunctionMatcher.Normalize(label);
            if (n.Length < 5 || n.Length > 20) return null;
            var hits = ModuleKeys.Value.Where(x => Math.Abs(x.Key.Length - n.Length) <= 2 && FunctionMatcher.Distance(x.Key, n) <= (x.Key.Length >= 8 ? 2 : 1)).ToList();
            return hits.Count == 1 ? hits[0].Module : null;
        }

        static readonly Lazy<List<(string Key, string Module)>> ModuleKeys = new Lazy<List<(string, string)>>(() =>
            FunctionCatalog.Modules.Select(m => (FunctionMatcher.Normalize(m), m)).ToList());

        /// <summary>What <paramref name="text"/> names, the heading above being <paramref name="module"/> (or null).</summary>
        public static GuideLabel Resolve(string text, string module)
        {
            // A text far longer than any label is no label: not even cleaned (cleaning a long text for each of its words was quadratic).
            if (text == null || text.Length > 4 * MaxChars) return new GuideLabel();
            var t = Clean(text);
            // An API path (/company/contacts) or an address names no row.
            if (t.Length == 0 || t.Length > MaxChars || t.StartsWith("/", StringComparison.Ordinal) || t.IndexOf("://", StringComparison.Ordinal) >= 0 || t.IndexOf('{') >= 0) return new GuideLabel();

            if (module != null)
            {
                var inModule = FunctionCatalog.Find(module, t);
                if (inModule != null) return new GuideLabel { Function = inModule };
            }
            var m = ModuleOf(t);
            if (m != null) return new GuideLabel { Module = m };

            // "Module > Function", "Module / Function", "Module: Function", "Module | Function", "Module - Function".
            foreach (var sep in Separators)
                for (var at = t.IndexOf(sep, 1, StringComparison.Ordinal); at > 0; at = t.IndexOf(sep, at + sep.Length, StringComparison.Ordinal))
                {
                    var left = ModuleOf(Clean(t.Substring(0, at)));
                    if (left == null) continue;
                    var right = Clean(t.Substring(at + sep.Length));
                    var f = FunctionCatalog.Find(left, right);
                    if (f != null) return new GuideLabel { Function = f, Module = left };
                }

            // "Companies Company Maintenance", "Finance Agreements": a module heading written before the function.
            var words = t.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            for (var k = 1; k < words.Length && k <= 3; k++)
            {
                var left = ModuleOf(string.Join(" ", words.Take(k)));
                if (left == null) continue;
                var f = FunctionCatalog.Find(left, string.Join(" ", words.Skip(k)));
                if (f != null) return new GuideLabel { Function = f, Module = left };
            }

            // "Contacts (Companies)", "Contacts in the Companies module".
            var paren = Parenthetical.Match(t);
            if (paren.Success)
            {
                var pm = ModuleOf(paren.Groups[1].Value);
                var rest = t.Substring(0, paren.Index);
                if (pm != null)
                {
                    var f = FunctionCatalog.Find(pm, rest);
                    if (f != null) return new GuideLabel { Function = f, Module = pm };
                }
            }
            var after = ModuleAfter.Match(t);
            if (after.Success)
            {
                var am = ModuleOf(after.Groups["m"].Value);
                var f = am == null ? null : FunctionCatalog.Find(am, Clean(after.Groups["f"].Value));
                if (f != null) return new GuideLabel { Function = f, Module = am };
            }

            // No module written: a name only one module has.
            var any = FunctionCatalog.FindInAnyModule(t);
            if (any.Count == 1) return new GuideLabel { Function = any[0] };
            if (any.Count > 1) return new GuideLabel { Ambiguous = true };

            // "Table Setup (customize)": the label without a remark in brackets.
            if (paren.Success && paren.Index > 0) return Resolve(t.Substring(0, paren.Index), module);
            return new GuideLabel();
        }

        /// <summary>
        /// The rows a list names: "Company Maintenance, Contacts and Notes of the Companies module", "Companies:
        /// Contacts, Notes", "Contacts; Service Tickets". Names it cannot place are returned as unknown.
        /// </summary>
        public static (List<ModuleFunction> Functions, List<string> Unknown, string Module) ResolveList(string text, string module)
        {
            var found = new List<ModuleFunction>();
            var unknown = new List<string>();
            var t = Clean(text);
            if (t.Length == 0) return (found, unknown, null);

            string listModule = null;
            var after = Regex.Match(t, @"^(?<items>.+?)\s+(?i:of|in|under|from|within)\s+(?:(?i:the)\s+)?(?<m>[^,;]+?)\s+(?i:module|area|section|entity)$", Opt);
            if (after.Success && ModuleOf(after.Groups["m"].Value) != null)
            {
                listModule = ModuleOf(after.Groups["m"].Value);
                t = after.Groups["items"].Value;
            }
            else
            {
                var before = Regex.Match(t, @"^(?<m>[^:,;]+?)\s*:\s*(?<items>.+)$", Opt);
                if (before.Success && ModuleOf(before.Groups["m"].Value) != null)
                {
                    listModule = ModuleOf(before.Groups["m"].Value);
                    t = before.Groups["items"].Value;
                }
            }
            var context = listModule ?? module;

            foreach (var piece in t.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries).Select(Clean).Where(p => p.Length > 0))
            {
                var whole = Resolve(piece, context);
                if (whole.Function != null) { found.Add(whole.Function); continue; }
                if (whole.IsModuleOnly) { context = whole.Module; continue; }
                var parts = Regex.Split(piece, @"\s+(?:and|&)\s+", RegexOptions.IgnoreCase | Opt).Select(Clean).Where(p => p.Length > 0).ToList();
                if (parts.Count > 1)
                {
                    foreach (var part in parts)
                    {
                        var r = Resolve(part, context);
                        if (r.Function != null) found.Add(r.Function);
                        else if (r.IsModuleOnly) context = r.Module;
                        else unknown.Add(part);
                    }
                    continue;
                }
                unknown.Add(piece);
            }
            return (found.Distinct().ToList(), unknown, listModule);
        }

        /// <summary>The rows a sentence mentions by name (labels of two words or more in any case; one-word labels capitalised).</summary>
        public static List<ModuleFunction> Mentioned(string text, Func<ModuleFunction, bool> filter = null)
        {
            var index = Labels.Value;
            var hits = new List<(List<ModuleFunction> F, int At, int Length)>();
            text = text ?? "";
            // Each pattern is every label at once, longest first: one pass over the text per pattern, not one Regex per label.
            for (var m = index.Multi.Match(text); m.Success; m = m.NextMatch())
                if (index.ByMulti.TryGetValue(m.Value, out var fs)) hits.Add((fs, m.Index, m.Length));
            var covered = new bool[text.Length];
            foreach (var h in hits) for (var k = h.At; k < h.At + h.Length; k++) covered[k] = true;
            for (var m = index.Single.Match(text); m.Success; m = m.NextMatch())
            {
                // A longer label wins over one inside it ("Service Tickets - Finance" over "Service Tickets").
                if (covered[m.Index]) continue;
                if (index.BySingle.TryGetValue(m.Value, out var fs)) hits.Add((fs, m.Index, m.Length));
            }
            return hits.SelectMany(h => h.F).Where(f => filter == null || filter(f)).Distinct()
                       .OrderBy(f => index.Order[f]).ToList();
        }

        sealed class LabelIndex
        {
            public Regex Multi;
            public Regex Single;
            public Dictionary<string, List<ModuleFunction>> ByMulti;
            public Dictionary<string, List<ModuleFunction>> BySingle;
            public Dictionary<ModuleFunction, int> Order;
        }

        static readonly Lazy<LabelIndex> Labels = new Lazy<LabelIndex>(() =>
        {
            var multi = new Dictionary<string, List<ModuleFunction>>(StringComparer.OrdinalIgnoreCase);
            var single = new Dictionary<string, List<ModuleFunction>>(StringComparer.Ordinal);
            var order = new Dictionary<ModuleFunction, int>();
            foreach (var f in FunctionCatalog.Functions)
            {
                order[f] = order.Count;
                foreach (var label in new[] { f.Function }.Concat(f.Aliases).Distinct())
                {
                    var map = label.IndexOf(' ') > 0 ? multi : single;
                    if (!map.TryGetValue(label, out var list)) map[label] = list = new List<ModuleFunction>();
                    if (!list.Contains(f)) list.Add(f);
                }
            }
            string Alternation(IEnumerable<string> labels) => string.Join("|", labels.OrderByDescending(l => l.Length).ThenBy(l => l, StringComparer.Ordinal).Select(Regex.Escape));
            return new LabelIndex
            {
                Multi = new Regex(@"(?<![A-Za-z])(?:" + Alternation(multi.Keys) + @")(?![A-Za-z])", RegexOptions.IgnoreCase | Opt),
                // A one-word label counts alone, not inside a longer name ("Security Role", "New Contacts Report").
                Single = new Regex(@"(?<![A-Za-z]|[A-Z][A-Za-z]*\s)(?:" + Alternation(single.Keys) + @")(?![A-Za-z]|\s[A-Z]|\s(?i:roles?|modules?)\b)", Opt),
                ByMulti = multi,
                BySingle = single,
                Order = order,
            };
        });
    }
}
