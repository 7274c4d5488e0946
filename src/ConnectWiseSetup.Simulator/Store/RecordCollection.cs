using Newtonsoft.Json.Linq;

namespace ConnectWiseSetup.Simulator.Store;

/// <summary>A generic collection of JSON records keyed by integer id. Not thread-safe: callers hold the tenant lock.</summary>
public sealed class RecordCollection
{
    private readonly SortedDictionary<int, JObject> _records = new();
    private readonly HashSet<string> _paths = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _arrayPaths = new(StringComparer.OrdinalIgnoreCase);

    public string Name { get; }
    public int NextId { get; set; } = 1;

    public RecordCollection(string name, JObject template = null)
    {
        Name = name;
        if (template != null) AddPaths(template, "");
    }

    public int Count => _records.Count;
    public IEnumerable<JObject> All => _records.Values;

    public JObject Get(int id) => _records.TryGetValue(id, out var r) ? r : null;

    /// <summary>Adds; assigns the next id when the record has none (or 0).</summary>
    public JObject Add(JObject record)
    {
        int id = record.Value<int?>("id") ?? 0;
        if (id <= 0) { id = NextId; record["id"] = id; }
        // keep id as the first property
        if (record.Properties().First().Name != "id")
        {
            var idProp = record.Property("id"); idProp.Remove(); record.AddFirst(idProp);
        }
        if (id >= NextId) NextId = id + 1;
        _records[id] = record;
        AddPaths(record, "");
        return record;
    }

    public void Replace(JObject record)
    {
        _records[record.Value<int>("id")] = record;
        AddPaths(record, "");
    }

    public bool Remove(int id) => _records.Remove(id);

    /// <summary>True when a field path (a/b) is known for this collection (from its template or any record).</summary>
    public bool HasPath(string path) => _paths.Contains(path);

    /// <summary>True when a field path goes through an array of objects (types/name, communicationItems/value): what childConditions filters on.</summary>
    public bool HasArrayPath(string path) => _arrayPaths.Contains(path);

    private void AddPaths(JObject o, string prefix)
    {
        foreach (var p in o.Properties())
        {
            var path = prefix + p.Name;
            _paths.Add(path);
            if (p.Value is JObject child) AddPaths(child, path + "/");
            else if (p.Value is JArray array)
                foreach (var element in array.OfType<JObject>()) AddArrayPaths(element, path + "/");
            else if (p.Value.Type == JTokenType.Null && ReferenceNames.Contains(p.Name))
            { _paths.Add(path + "/id"); _paths.Add(path + "/name"); _paths.Add(path + "/identifier"); }
        }
    }

    private void AddArrayPaths(JObject o, string prefix)
    {
        foreach (var p in o.Properties())
        {
            _arrayPaths.Add(prefix + p.Name);
            if (p.Value is JObject child) AddArrayPaths(child, prefix + p.Name + "/");
        }
    }

    /// <summary>Fields that hold references {id, name} even when null in a template.</summary>
    internal static readonly HashSet<string> ReferenceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "securityRole", "structureLevel", "securityLocation", "defaultLocation", "salesDefaultLocation", "defaultDepartment",
        "timeZone", "serviceDefaultBoard", "company", "contact", "board", "status", "type", "subType", "item", "priority",
        "member", "owner", "location", "department", "site", "agreement", "product", "workType", "workRole", "territory",
    };
}
