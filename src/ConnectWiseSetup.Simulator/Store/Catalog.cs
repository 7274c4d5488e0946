using Newtonsoft.Json.Linq;

namespace ConnectWiseSetup.Simulator.Store;

/// <summary>One row of the security-role catalogue (a module function as the UI lists it).</summary>
public sealed class CatalogFunction
{
    public string ModuleLabel { get; init; }
    public string ModuleCode { get; init; }
    public string Label { get; init; }
    public string Sureness { get; init; }
    public bool MyAllFlag { get; init; }
    public string CustomizeIdentifier { get; init; }
    public IReadOnlyList<string> Aliases { get; init; }
    public IReadOnlyList<string> ModuleAliases { get; init; }
    public int SortOrder { get; init; }
    public int IndexInModule { get; init; }
    public string ModuleIdentifier => Fidelity.ModuleIdentifier(ModuleCode);
    public string FunctionIdentifier => Fidelity.ModuleFunctionIdentifier(ModuleCode, IndexInModule);
    public string FunctionName => Fidelity.ModuleFunctionName(Label);
    public bool CustomFlag => CustomizeIdentifier != null;

    public bool ModuleMatches(string s)
    {
        var n = Fidelity.NormalizeLabel(s);
        return n == Fidelity.NormalizeLabel(ModuleLabel) || n == Fidelity.NormalizeLabel(ModuleCode) || ModuleAliases.Any(a => Fidelity.NormalizeLabel(a) == n);
    }

    public bool FunctionMatches(string s)
    {
        var n = Fidelity.NormalizeLabel(s);
        return n == Fidelity.NormalizeLabel(Label) || Aliases.Any(a => Fidelity.NormalizeLabel(a) == n);
    }
}

public sealed class CustomizeItem
{
    public int Id { get; init; }
    public string CustomizeIdentifier { get; init; }
    public string Label { get; init; }
    public string ItemIdentifier { get; init; }
    public string Sureness { get; init; }
}

public sealed class CustomizeList
{
    public string CustomizeIdentifier { get; init; }
    public string Function { get; init; }
    public IReadOnlyList<CustomizeItem> Items { get; init; }
}

/// <summary>The catalogue of modules, functions and Customize lists, loaded from the embedded Data/catalog.json.</summary>
public sealed class Catalog
{
    public IReadOnlyList<CatalogFunction> Functions { get; }
    public IReadOnlyDictionary<string, CustomizeList> CustomizeLists { get; }

    public static Catalog Instance { get; } = Load();

    private Catalog(List<CatalogFunction> functions, Dictionary<string, CustomizeList> lists)
    {
        Functions = functions; CustomizeLists = lists;
    }

    public static JObject ReadEmbedded(string name)
    {
        var asm = typeof(Catalog).Assembly;
        var res = asm.GetManifestResourceNames().Single(n => n.EndsWith(name, StringComparison.OrdinalIgnoreCase));
        using var s = asm.GetManifestResourceStream(res);
        using var r = new StreamReader(s);
        return JObject.Parse(r.ReadToEnd());
    }

    private static Catalog Load()
    {
        var doc = ReadEmbedded("catalog.json");
        var funcs = new List<CatalogFunction>();
        int sort = 0;
        foreach (JObject m in doc["modules"])
        {
            int idx = 0;
            var modAliases = m["aliases"]?.Values<string>().ToList() ?? new List<string>();
            foreach (JObject f in m["functions"])
            {
                funcs.Add(new CatalogFunction
                {
                    ModuleLabel = (string)m["label"], ModuleCode = (string)m["code"], Label = (string)f["label"],
                    Sureness = (string)f["sureness"], MyAllFlag = (bool?)f["myAllFlag"] ?? false,
                    CustomizeIdentifier = (string)f["customizeIdentifier"],
                    Aliases = f["aliases"]?.Values<string>().ToList() ?? new List<string>(), ModuleAliases = modAliases,
                    SortOrder = ++sort, IndexInModule = idx++,
                });
            }
        }
        var lists = new Dictionary<string, CustomizeList>(StringComparer.OrdinalIgnoreCase);
        int itemId = 0;
        foreach (JObject l in doc["customizeLists"])
        {
            var ident = (string)l["customizeIdentifier"];
            lists[ident] = new CustomizeList
            {
                CustomizeIdentifier = ident, Function = (string)l["function"],
                Items = l["items"].Select(i => new CustomizeItem
                {
                    Id = ++itemId, CustomizeIdentifier = ident, Label = (string)i["label"],
                    ItemIdentifier = (string)i["itemIdentifier"], Sureness = (string)i["sureness"],
                }).ToList(),
            };
        }
        return new Catalog(funcs, lists);
    }

    /// <summary>
    /// A Customize list by its customizeIdentifier (SystemTableSetup) or by the name the checklist and the web UI show:
    /// "Table Setup", "System > Table Setup", "Table Setup > customize", "System / Table Setup". Null when none or several
    /// match; <paramref name="problem"/> then says why, with the lists' names.
    /// </summary>
    public CustomizeList FindCustomizeList(string name, out string problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(name)) { problem = "A Customize list needs a name."; return null; }
        if (CustomizeLists.TryGetValue(name.Trim(), out var byId)) return byId;
        var parts = name.Split(new[] { '>', '/' }, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (parts.Count > 1 && Fidelity.NormalizeLabel(parts[^1]) == Fidelity.NormalizeLabel("customize")) parts.RemoveAt(parts.Count - 1);
        var known = string.Join(", ", Functions.Where(f => f.CustomizeIdentifier != null).Select(f => $"{f.ModuleLabel} > {f.Label} ({f.CustomizeIdentifier})"));
        if (parts.Count == 0) { problem = $"'{name}' names no Customize list. The lists: {known}."; return null; }
        var matches = Functions.Where(f => f.CustomizeIdentifier != null && f.FunctionMatches(parts[^1]) && (parts.Count < 2 || f.ModuleMatches(parts[^2]))).ToList();
        if (matches.Count == 1) return CustomizeLists.TryGetValue(matches[0].CustomizeIdentifier, out var list) ? list : null;
        problem = matches.Count == 0
            ? $"'{name}' names no Customize list. The lists: {known}."
            : $"'{name}' names several Customize lists: {string.Join(", ", matches.Select(f => $"{f.ModuleLabel} > {f.Label} ({f.CustomizeIdentifier})"))}. Name the module too, e.g. '{matches[0].ModuleLabel} > {matches[0].Label}'.";
        return null;
    }

    /// <summary>Finds a function by module and function label (case- and punctuation-tolerant, aliases too).</summary>
    public CatalogFunction Find(string module, string function) =>
        Functions.FirstOrDefault(f => f.ModuleMatches(module) && f.FunctionMatches(function));
}
