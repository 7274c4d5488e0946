using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Newtonsoft.Json.Linq;

namespace ConnectWiseSetup.Permissions
{
    /// <summary>
    /// The Customize lists the module knows (Permissions/CustomizeCatalog.json, embedded): which
    /// items "allow all" means, and how an itemIdentifier maps to the label a person sees. The
    /// itemIdentifier format is UNCONFIRMED; this file is the one place to change it.
    /// </summary>
    public static class CustomizeCatalog
    {
        sealed class Item
        {
            public string Label;
            public List<string> Identifiers = new List<string>();
        }

        static readonly Lazy<Dictionary<string, List<Item>>> Lists = new Lazy<Dictionary<string, List<Item>>>(Load);

        static Dictionary<string, List<Item>> Load()
        {
            var asm = typeof(CustomizeCatalog).GetTypeInfo().Assembly;
            using (var stream = asm.GetManifestResourceStream("ConnectWiseSetup.CustomizeCatalog.json"))
            using (var reader = new StreamReader(stream))
            {
                var root = JObject.Parse(reader.ReadToEnd());
                var result = new Dictionary<string, List<Item>>(StringComparer.OrdinalIgnoreCase);
                foreach (var list in ((JObject)root["lists"]).Properties())
                {
                    result[list.Name] = ((JArray)list.Value["items"]).Select(i => new Item
                    {
                        Label = (string)i["label"],
                        Identifiers = i["identifiers"] is JArray ids ? ids.Select(x => (string)x).ToList() : new List<string>(),
                    }).ToList();
                }
                return result;
            }
        }

        public static IEnumerable<string> KnownLists => Lists.Value.Keys;

        /// <summary>Every item of a list ("allow all" means these), or an empty list for a list the module does not know.</summary>
        public static IReadOnlyList<string> ItemsOf(string list)
            => Lists.Value.TryGetValue(list ?? "", out var items) ? items.Select(i => i.Label).ToList() : (IReadOnlyList<string>)Array.Empty<string>();

        /// <summary>The label of an item as ConnectWise returns it (by code or by label), or the identifier itself.</summary>
        public static string Label(string list, string itemIdentifier)
        {
            if (itemIdentifier == null) return "";
            if (!Lists.Value.TryGetValue(list ?? "", out var items)) return itemIdentifier;
            var key = FunctionMatcher.Normalize(itemIdentifier);
            var hit = items.FirstOrDefault(i => i.Identifiers.Any(id => string.Equals(id, itemIdentifier, StringComparison.OrdinalIgnoreCase)))
                   ?? items.FirstOrDefault(i => FunctionMatcher.Normalize(i.Label) == key)
                   ?? items.FirstOrDefault(i => FunctionMatcher.Normalize(TablePart(i.Label)) == key);
            return hit?.Label ?? itemIdentifier;
        }

        /// <summary>"Company / Company Status" gives "Company Status".</summary>
        static string TablePart(string label)
        {
            var i = label.IndexOf(" / ", StringComparison.Ordinal);
            return i < 0 ? label : label.Substring(i + 3);
        }

        /// <summary>Whether the module knows an item of a list (profile validation).</summary>
        public static bool IsKnownItem(string list, string label)
            => Lists.Value.TryGetValue(list ?? "", out var items) && items.Any(i => FunctionMatcher.Normalize(i.Label) == FunctionMatcher.Normalize(label));
    }
}
