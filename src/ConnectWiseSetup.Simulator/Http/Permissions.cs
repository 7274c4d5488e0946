using ConnectWiseSetup.Simulator.Store;
using Newtonsoft.Json.Linq;

namespace ConnectWiseSetup.Simulator.Http;

/// <summary>
/// Enforces the caller's role on API routes from Data/permissions.json (the simulator's best reading of which module
/// function guards which endpoint; not ConnectWise's published table). GET needs Inquire, POST Add, PUT/PATCH Edit,
/// DELETE Delete, at My or All (any one of the rule's functions suffices).
/// </summary>
internal static class Permissions
{
    public static IReadOnlyList<PermissionRule> Rules { get; } = Load();

    private static List<PermissionRule> Load()
    {
        var doc = Catalog.ReadEmbedded("permissions.json");
        var rules = new List<PermissionRule>();
        foreach (JObject r in doc["rules"])
        {
            var fs = new List<CatalogFunction>();
            foreach (var f in r["functions"]?.Values<string>() ?? Enumerable.Empty<string>())
            {
                var parts = f.Split(" / ", 2);
                fs.Add(Catalog.Instance.Find(parts[0], parts[1]) ?? throw new InvalidOperationException($"permissions.json: unknown function '{f}'"));
            }
            rules.Add(new PermissionRule
            {
                Path = ((string)r["path"]).Trim('/'), AnyOf = fs, None = fs.Count == 0,
                OwnerField = (string)r["ownerField"], Note = (string)r["note"],
                MethodLevels = (r["methodLevels"] as JObject)?.Properties().ToDictionary(p => p.Name, p => (string)p.Value, StringComparer.OrdinalIgnoreCase)
                               ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase),
            });
        }
        return rules;
    }

    /// <summary>Gives every route the rule with the longest path prefix of its template.</summary>
    public static void Bind(Router router)
    {
        foreach (var route in router.Routes)
        {
            route.Permission = Rules
                .Where(r => route.Template.Equals(r.Path, StringComparison.OrdinalIgnoreCase) || route.Template.StartsWith(r.Path + "/", StringComparison.OrdinalIgnoreCase))
                .Where(r => r.Path.Contains('{') == false || route.Template.StartsWith(r.Path, StringComparison.OrdinalIgnoreCase))
                .OrderByDescending(r => r.Path.Length).FirstOrDefault();
        }
    }

    /// <summary>403 unless the caller's role has the level the method needs on one of the rule's functions.</summary>
    public static void Check(ApiContext c)
    {
        var rule = c.Route.Permission;
        if (rule == null || rule.None) return;
        var roleId = c.Member["securityRole"]?.Value<int?>("id") ?? 0;
        var field = rule.MethodLevels.TryGetValue(c.Method, out var lf) ? lf : Fidelity.LevelFor(c.Method);
        int best = 0;
        foreach (var f in rule.AnyOf) best = Math.Max(best, TenantState.LevelRank(c.Tenant.LevelOf(roleId, f, field)));
        if (best == 2) return;
        if (best == 1)
        {
            if (rule.OwnerField != null)
            {
                var me = c.Member.Value<string>("identifier");
                var path = rule.OwnerField;
                c.RowFilter = rec => string.Equals(Query.Condition.Resolve(rec, path)?.ToString(), me, StringComparison.OrdinalIgnoreCase);
            }
            return;
        }
        // Fidelity.ForbiddenMessage: ConnectWise's 403 names no module, function or level.
        throw new CwApiException(403, Fidelity.ForbiddenCode, Fidelity.ForbiddenMessage);
    }
}
