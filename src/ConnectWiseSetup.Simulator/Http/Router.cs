using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace ConnectWiseSetup.Simulator.Http;

/// <summary>What a handler sees: the tenant, the authenticated member, route values, query and parsed body.</summary>
internal sealed class ApiContext
{
    public HttpContext Http { get; init; }
    public TenantState Tenant { get; init; }
    public JObject Member { get; init; }
    public ApiKeyRecord Key { get; init; }
    public Route Route { get; set; }
    public Dictionary<string, string> Values { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public JToken Body { get; set; }
    /// <summary>The API path relative to /apis/3.0, with a leading slash.</summary>
    public string ApiPath { get; init; }
    /// <summary>scheme://host/{codebase}/apis/3.0 of this request (for Link headers and hrefs).</summary>
    public string ApiBase { get; init; }
    public string Method => Http.Request.Method;
    public IQueryCollection Query => Http.Request.Query;
    public string By => Member?.Value<string>("identifier") ?? "operator";
    /// <summary>Set by a My level: only the caller's own records are visible.</summary>
    public Func<JObject, bool> RowFilter { get; set; }

    public int Int(string name) => int.Parse(Values[name]);

    public JObject BodyObject(string resource)
    {
        if (Body is JObject o) return o;
        throw CwApiException.BadRequest($"The request body must be a JSON object ({resource})");
    }
}

internal sealed class ApiResult
{
    public int Status { get; set; } = 200;
    /// <summary>A JSON body (a JSON null is the literal <c>null</c>); ignored when <see cref="Text"/> or <see cref="Json"/> is set.</summary>
    public JToken Body { get; set; }
    /// <summary>
    /// The JSON body already written as UTF-8 (a list page writes its rows as it projects them; the server writes every API body
    /// while it holds the tenant's lock, so no answer reads a record a later request changes).
    /// </summary>
    public byte[] Json { get; set; }
    /// <summary>A body that is not JSON (an HTML page, or "" for none), sent with <see cref="ContentType"/>.</summary>
    public string Text { get; set; }
    public string ContentType { get; set; }
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static ApiResult Ok(JToken body) => new() { Body = body };
    public static ApiResult Created(JToken body) => new() { Status = 201, Body = body };
    public static ApiResult NoContent() => new() { Status = 204 };

    /// <summary>Writes <see cref="Body"/> into <see cref="Json"/> (nothing to do for no body, a text body or one already written).</summary>
    public void WriteJson()
    {
        if (Json != null || Text != null || Body == null) return;
        Json = JsonBody.Utf8(Body.WriteTo);
        Body = null;
    }
}

/// <summary>JSON as the simulator sends it: compact UTF-8, without a BOM, written straight to bytes (a list of hundreds of records is not first a string).</summary>
internal static class JsonBody
{
    private static readonly System.Text.UTF8Encoding Utf8NoBom = new(false);

    public static byte[] Utf8(Action<Newtonsoft.Json.JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var text = new StreamWriter(buffer, Utf8NoBom, 16384, leaveOpen: true))
        using (var writer = new Newtonsoft.Json.JsonTextWriter(text) { Formatting = Newtonsoft.Json.Formatting.None })
            write(writer);
        return buffer.ToArray();
    }
}

internal delegate ApiResult ApiHandler(ApiContext c);

/// <summary>A permission a route needs: any one of the functions at the method's level.</summary>
internal sealed class PermissionRule
{
    public string Path { get; init; }
    public List<Store.CatalogFunction> AnyOf { get; init; } = new();
    /// <summary>"none": authenticated callers need nothing more.</summary>
    public bool None { get; init; }
    /// <summary>Field that names the owner member for My levels (e.g. "member/id"); null: My counts as All.</summary>
    public string OwnerField { get; init; }
    public string Note { get; init; }
    /// <summary>Method → level field overrides (a POST that only reads needs Inquire).</summary>
    public Dictionary<string, string> MethodLevels { get; init; } = new(StringComparer.OrdinalIgnoreCase);
}

internal sealed class Route
{
    public string Method { get; init; }
    public string Template { get; init; }
    public string[] Segments { get; init; }
    public ApiHandler Handler { get; init; }
    public PermissionRule Permission { get; set; }
    public int Literals => Segments.Count(s => !s.StartsWith('{'));
}

/// <summary>Case-insensitive route table; {name} segments match integers only, {name:any} any one segment.</summary>
internal sealed class Router
{
    private readonly List<Route> _routes = new();
    public IReadOnlyList<Route> Routes => _routes;

    public Route Add(string method, string template, ApiHandler handler)
    {
        var r = new Route { Method = method, Template = template.Trim('/'), Segments = template.Trim('/').Split('/'), Handler = handler };
        _routes.Add(r);
        return r;
    }

    /// <summary>What the route table says about a request.</summary>
    internal sealed class MatchResult
    {
        /// <summary>The route to run, or null.</summary>
        public Route Route;
        public Dictionary<string, string> Values;
        /// <summary>Some route has this path (for another method: a 405 or a 501).</summary>
        public bool PathKnown;
        /// <summary>Literal segments of the most specific routes of this path (-1 when none).</summary>
        public int Literals = -1;
        /// <summary>The methods those routes serve.</summary>
        public string[] Allowed = Array.Empty<string>();
        /// <summary>A route of this method has the path's shape, but a {parameter} is not a number (a 404, not a 501).</summary>
        public bool ShapeOnly;
        /// <summary>Literal segments of that route.</summary>
        public int ShapeLiterals = -1;
    }

    /// <summary>Finds the route, or says why there is none.</summary>
    public MatchResult Match(string method, string path)
    {
        var segs = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var result = new MatchResult();
        Route best = null; Dictionary<string, string> bestValues = null;
        var allowed = new List<string>();
        int bestLiterals = -1, bestLiteralsAny = -1;
        foreach (var r in _routes)
        {
            var values = TryMatch(r, segs, numbersOnly: true);
            if (values == null)
            {
                if (string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase) && TryMatch(r, segs, numbersOnly: false) != null)
                {
                    result.ShapeOnly = true;
                    result.ShapeLiterals = Math.Max(result.ShapeLiterals, r.Literals);
                }
                continue;
            }
            if (r.Literals > bestLiteralsAny) { bestLiteralsAny = r.Literals; allowed.Clear(); }
            if (r.Literals == bestLiteralsAny) allowed.Add(r.Method);
            if (!string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase)) continue;
            if (r.Literals > bestLiterals) { best = r; bestValues = values; bestLiterals = r.Literals; }
        }
        result.PathKnown = bestLiteralsAny >= 0;
        result.Literals = bestLiteralsAny;
        result.Allowed = allowed.Distinct().ToArray();
        // a more specific path for another method (e.g. POST .../count) is a 405, not the {id} route
        if (best != null && bestLiterals == bestLiteralsAny) { result.Route = best; result.Values = bestValues; }
        return result;
    }

    private static Dictionary<string, string> TryMatch(Route r, string[] segs, bool numbersOnly)
    {
        if (r.Segments.Length != segs.Length) return null;
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < segs.Length; i++)
        {
            var t = r.Segments[i];
            if (t.StartsWith('{'))
            {
                var name = t.Trim('{', '}');
                var anyText = name.EndsWith(":any", StringComparison.Ordinal);
                if (anyText) name = name.Substring(0, name.Length - 4);
                if (numbersOnly && !anyText && !int.TryParse(segs[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)) return null;
                values[name] = anyText ? Uri.UnescapeDataString(segs[i]) : segs[i];
            }
            else if (!string.Equals(t, segs[i], StringComparison.OrdinalIgnoreCase)) return null;
        }
        return values;
    }
}
