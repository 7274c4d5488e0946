using Newtonsoft.Json.Linq;

namespace ConnectWiseSetup.Simulator.Store;

/// <summary>
/// ConnectWise's 2026.4 catalogue of paths and methods (embedded Data/paths2026.json): what a real server has, so the simulator
/// answers 501 for a method it does not emulate and 405 only where ConnectWise has no such method.
/// </summary>
public sealed class ApiCatalogue
{
    private readonly List<(string Template, string[] Segments, string[] Methods)> _paths = new();

    public static ApiCatalogue Instance { get; } = Load();

    /// <summary>Every template (leading slash, no trailing slash) and its methods.</summary>
    public IEnumerable<(string Template, IReadOnlyList<string> Methods)> Paths => _paths.Select(p => (p.Template, (IReadOnlyList<string>)p.Methods));

    private static ApiCatalogue Load()
    {
        var doc = Catalog.ReadEmbedded("paths2026.json");
        var c = new ApiCatalogue();
        foreach (var p in ((JObject)doc["paths"]).Properties())
        {
            var template = "/" + p.Name.Trim('/');
            c._paths.Add((template, template.Trim('/').Split('/'), p.Value.Values<string>().Select(m => m.ToUpperInvariant()).ToArray()));
        }
        return c;
    }

    /// <summary>
    /// The methods ConnectWise has for an API path (relative to /apis/3.0, e.g. "/system/members/5"), from the most specific templates
    /// that match it (most literal segments; a {parameter} matches any one segment), and how many literal segments those have;
    /// (-1, empty) when the catalogue has no such path.
    /// </summary>
    public (int Literals, IReadOnlyList<string> Methods) MethodsFor(string apiPath)
    {
        var segs = apiPath.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        int best = -1;
        var methods = new List<string>();
        foreach (var (_, t, m) in _paths)
        {
            if (t.Length != segs.Length) continue;
            int literals = 0;
            bool ok = true;
            for (int i = 0; i < t.Length && ok; i++)
            {
                if (t[i].StartsWith('{')) continue;
                if (string.Equals(t[i], segs[i], StringComparison.OrdinalIgnoreCase)) literals++;
                else ok = false;
            }
            if (!ok || literals < best) continue;
            if (literals > best) { best = literals; methods.Clear(); }
            methods.AddRange(m);
        }
        return (best, methods.Distinct().ToList());
    }
}
