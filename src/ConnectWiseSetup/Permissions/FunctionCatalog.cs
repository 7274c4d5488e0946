using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using ConnectWiseSetup.Model;
using Newtonsoft.Json.Linq;

namespace ConnectWiseSetup.Permissions
{
    /// <summary>
    /// The rows of the security-role screen the module knows without a tenant: the simulator's catalogue
    /// (src/ConnectWiseSetup.Simulator/Data/catalog.json, embedded here as the same file, so there is one source
    /// of truth). Labels are matched as profiles are (<see cref="FunctionMatcher"/>: case, punctuation, "&amp;" and
    /// "and", the spellings guides use, the catalogue's aliases), then more loosely (singular or plural, a dropped
    /// word "Module") when that names exactly one row.
    /// </summary>
    public static class FunctionCatalog
    {
        const string Resource = "ConnectWiseSetup.FunctionCatalog.json";

        sealed class Data
        {
            public List<ModuleFunction> Functions;
            public List<SecurityRoleSetting> Rows;              // one per function: the labels the UI shows
            public FunctionMatcher.Index Index;                 // every spelling of module and function
            public Dictionary<ModuleFunction, string[]> LooseFunction;
            public Dictionary<string, string[]> LooseModule;    // module label -> loose keys of its spellings
            public Dictionary<string, string[]> ExactModule;    // module label -> normalised spellings
            // The same, keyed the other way, for lookups many times a line (the guide reader): key -> modules, rows in order.
            public Dictionary<string, List<string>> ModulesByExact;
            public Dictionary<string, List<string>> ModulesByLoose;
            public Dictionary<string, List<ModuleFunction>> FunctionsByExact;
            public Dictionary<string, List<ModuleFunction>> FunctionsByLoose;
        }

        static Dictionary<string, List<T>> Invert<T>(IEnumerable<(T Value, IEnumerable<string> Keys)> entries)
        {
            var map = new Dictionary<string, List<T>>(StringComparer.Ordinal);
            foreach (var (value, keys) in entries)
                foreach (var key in keys.Distinct())
                {
                    if (!map.TryGetValue(key, out var list)) map[key] = list = new List<T>();
                    if (!list.Contains(value)) list.Add(value);
                }
            return map;
        }

        static readonly Lazy<Data> Loaded = new Lazy<Data>(Load);

        /// <summary>Every row, in the web UI's order (module by module).</summary>
        public static IReadOnlyList<ModuleFunction> Functions => Loaded.Value.Functions;

        /// <summary>The module headings, in the web UI's order.</summary>
        public static IReadOnlyList<string> Modules => Loaded.Value.Functions.Select(f => f.Module).Distinct().ToList();

        static Data Load()
        {
            var asm = typeof(FunctionCatalog).GetTypeInfo().Assembly;
            JObject root;
            using (var stream = asm.GetManifestResourceStream(Resource))
            using (var reader = new StreamReader(stream))
                root = JObject.Parse(reader.ReadToEnd());

            var functions = new List<ModuleFunction>();
            var spellings = new List<SecurityRoleSetting>();
            foreach (JObject m in (JArray)root["modules"])
            {
                var module = (string)m["label"];
                var moduleAliases = Strings(m["aliases"]);
                foreach (JObject f in (JArray)m["functions"])
                {
                    var fn = new ModuleFunction(module, (string)f["label"], (string)f["customizeIdentifier"], Strings(f["aliases"]), moduleAliases, (string)f["sureness"]);
                    functions.Add(fn);
                    foreach (var ms in new[] { module, (string)m["code"] }.Concat(moduleAliases).Where(s => !string.IsNullOrEmpty(s)))
                        foreach (var fs in new[] { fn.Function }.Concat(fn.Aliases))
                            spellings.Add(new SecurityRoleSetting { ModuleDescription = module, ModuleName = ms, ModuleFunctionDescription = fn.Function, ModuleFunctionName = fs });
                }
            }
            var data = new Data
            {
                Functions = functions,
                Rows = functions.Select(f => new SecurityRoleSetting { ModuleDescription = f.Module, ModuleFunctionDescription = f.Function }).ToList(),
                Index = new FunctionMatcher.Index(spellings),
                LooseFunction = functions.ToDictionary(f => f, f => new[] { f.Function }.Concat(f.Aliases).Select(Loose).Distinct().ToArray()),
                LooseModule = functions.GroupBy(f => f.Module).ToDictionary(g => g.Key, g => new[] { g.Key }.Concat(g.First().ModuleAliases).Select(Loose).Distinct().ToArray(), StringComparer.Ordinal),
                ExactModule = functions.GroupBy(f => f.Module).ToDictionary(g => g.Key, g => new[] { g.Key }.Concat(g.First().ModuleAliases).Select(FunctionMatcher.Normalize).Distinct().ToArray(), StringComparer.Ordinal),
            };
            data.ModulesByExact = Invert(data.ExactModule.Select(kv => (kv.Key, (IEnumerable<string>)kv.Value)));
            data.ModulesByLoose = Invert(data.LooseModule.Select(kv => (kv.Key, (IEnumerable<string>)kv.Value)));
            data.FunctionsByExact = Invert(functions.Select(f => (f, new[] { f.Function }.Concat(f.Aliases).Select(FunctionMatcher.Normalize))));
            data.FunctionsByLoose = Invert(functions.Select(f => (f, (IEnumerable<string>)data.LooseFunction[f])));
            return data;
        }

        static IReadOnlyList<string> Strings(JToken t) => t is JArray a ? a.Select(x => (string)x).ToList() : (IReadOnlyList<string>)Array.Empty<string>();

        /// <summary>
        /// A looser key than <see cref="FunctionMatcher.Normalize"/>: each word singular ("Entries" = "Entry", "Tickets" =
        /// "Ticket"), the word "module" dropped, '&amp;' as "and".
        /// </summary>
        public static string Loose(string label)
        {
            if (string.IsNullOrEmpty(label)) return "";
            if (LooseCache.TryGetValue(label, out var known)) return known;
            var value = LooseOnce(label);
            if (System.Threading.Volatile.Read(ref _looseCount) < LooseCacheMax && LooseCache.TryAdd(label, value))
                System.Threading.Interlocked.Increment(ref _looseCount);
            return value;
        }

        // Labels recur (the guide reader looks the same words up many times); bounded like FunctionMatcher.Normalize's.
        static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> LooseCache =
            new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        const int LooseCacheMax = 20000;
        static int _looseCount;

        static bool IsLooseSeparator(char c)
            => c == ' ' || c == '\t' || c == '/' || c == '-' || c == '\u2013' || c == '\u2014' || c == '_' || c == ',' || c == '.' || c == '(' || c == ')' || c == ':' || c == '\'' || c == '"' || c == '&';

        static string LooseOnce(string label)
        {
            var sb = new StringBuilder(label.Length);
            var word = new StringBuilder();
            void EndWord()
            {
                var w = word.ToString();
                word.Clear();
                if (w.Length == 0 || w == "module" || w == "modules") return;
                if (w.Length > 4 && w.EndsWith("ies", StringComparison.Ordinal)) w = w.Substring(0, w.Length - 3) + "y";
                else if (w.Length > 3 && w.EndsWith("s", StringComparison.Ordinal) && !w.EndsWith("ss", StringComparison.Ordinal)) w = w.Substring(0, w.Length - 1);
                sb.Append(w);
            }
            foreach (var c in label)
            {
                if (IsLooseSeparator(c))
                {
                    EndWord();
                    // '&' is the word "and".
                    if (c == '&') { word.Append("and"); EndWord(); }
                }
                else if (char.IsLetterOrDigit(c)) word.Append(char.ToLowerInvariant(c));
            }
            EndWord();
            return FunctionMatcher.Normalize(sb.ToString());
        }

        /// <summary>The module heading a label names ("Projects", "Service", "Companies Module"), or null.</summary>
        public static string FindModule(string label)
        {
            var d = Loaded.Value;
            var exact = FunctionMatcher.Normalize(label);
            if (exact.Length == 0) return null;
            if (d.ModulesByExact.TryGetValue(exact, out var hit) && hit.Count == 1) return hit[0];
            return d.ModulesByLoose.TryGetValue(Loose(label), out hit) && hit.Count == 1 ? hit[0] : null;
        }

        /// <summary>The row a module and function label name, or null.</summary>
        public static ModuleFunction Find(string module, string function)
        {
            var d = Loaded.Value;
            var row = d.Index.Find(module, function);
            if (row != null) return d.FunctionsByExact[FunctionMatcher.Normalize(row.ModuleFunctionDescription)].First(f => f.Module == row.ModuleDescription && f.Function == row.ModuleFunctionDescription);
            var m = FindModule(module);
            if (m == null) return null;
            var loose = Loose(function);
            if (loose.Length == 0) return null;
            var hits = d.FunctionsByLoose.TryGetValue(loose, out var all) ? all.Where(f => f.Module == m).ToList() : new List<ModuleFunction>();
            return hits.Count == 1 ? hits[0] : null;
        }

        /// <summary>The rows of any module a function label names (several for "Reports"; none for an unknown label).</summary>
        public static IReadOnlyList<ModuleFunction> FindInAnyModule(string function)
        {
            var d = Loaded.Value;
            var exact = FunctionMatcher.Normalize(function);
            if (exact.Length == 0) return Array.Empty<ModuleFunction>();
            if (d.FunctionsByExact.TryGetValue(exact, out var hits)) return hits.ToList();
            return d.FunctionsByLoose.TryGetValue(Loose(function), out hits) ? hits.ToList() : new List<ModuleFunction>();
        }

        /// <summary>The closest rows to a label that matched none ("Module / Function"), for a message.</summary>
        public static IReadOnlyList<string> Closest(string module, string function, int count = 3)
            => FunctionMatcher.Closest(Loaded.Value.Rows, module ?? "", function, count);
    }
}
