using System.Globalization;
using ConnectWiseSetup.Simulator.Http;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace ConnectWiseSetup.Simulator.Query;

/// <summary>The query parameters of a list GET, parsed and validated (bad values: 400, never a crash).</summary>
public sealed class ListQuery
{
    public Condition Conditions { get; private set; }
    public List<(string Path, bool Desc)> OrderBy { get; } = new();
    public List<string> Fields { get; } = new();
    public int Page { get; private set; } = 1;
    public int PageSize { get; private set; } = Fidelity.DefaultPageSize;
    public bool ForwardOnly { get; private set; }
    public int? PageId { get; private set; }

    public static ListQuery Parse(IQueryCollection q, IHeaderDictionary headers, Func<string, bool> knownField = null)
    {
        var lq = new ListQuery();
        try { lq.Conditions = ConditionParser.Parse(q["conditions"].ToString()); }
        catch (ConditionSyntaxException e) { throw CwApiException.BadRequest("Invalid conditions: " + e.Message); }
        if (lq.Conditions != null && knownField != null && Fidelity.UnknownFieldIs400)
            foreach (var f in lq.Conditions.Fields)
                if (!knownField(f)) throw CwApiException.BadRequest($"Invalid conditions: unknown field '{f}'");
        // childConditions / customFieldConditions: accepted and ignored (Fidelity.IgnoreChildAndCustomFieldConditions)

        var ob = q["orderBy"].ToString();
        if (!string.IsNullOrWhiteSpace(ob))
        {
            foreach (var part in ob.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words.Length > 2) throw CwApiException.BadRequest($"Invalid orderBy '{part}'");
                bool desc = false;
                if (words.Length == 2)
                {
                    if (words[1].Equals("desc", StringComparison.OrdinalIgnoreCase)) desc = true;
                    else if (!words[1].Equals("asc", StringComparison.OrdinalIgnoreCase)) throw CwApiException.BadRequest($"Invalid orderBy direction '{words[1]}'");
                }
                if (knownField != null && !knownField(words[0])) throw CwApiException.BadRequest($"Invalid orderBy: unknown field '{words[0]}'");
                lq.OrderBy.Add((words[0], desc));
            }
        }

        var fields = q["fields"].ToString();
        if (!string.IsNullOrWhiteSpace(fields))
            lq.Fields.AddRange(fields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

        lq.Page = ParsePositive(q, "page", 1);
        lq.PageSize = ParsePositive(q, "pageSize", Fidelity.DefaultPageSize);
        if (lq.PageSize > Fidelity.MaxPageSize)
        {
            if (Fidelity.ClampPageSizeAboveMax) lq.PageSize = Fidelity.MaxPageSize;
            else throw CwApiException.BadRequest($"pageSize must be at most {Fidelity.MaxPageSize}");
        }
        lq.ForwardOnly = string.Equals(headers["pagination-type"].ToString().Trim(), "forward-only", StringComparison.OrdinalIgnoreCase);
        if (q.ContainsKey("pageId"))
        {
            if (!int.TryParse(q["pageId"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                throw CwApiException.BadRequest("pageId must be a non-negative integer");
            lq.PageId = pid;
        }
        if (lq.ForwardOnly && lq.OrderBy.Count > 0 && Fidelity.ForwardOnlyRejectsOrderBy)
            throw CwApiException.BadRequest("orderBy is not supported with forward-only pagination");
        return lq;
    }

    private static int ParsePositive(IQueryCollection q, string name, int dflt)
    {
        if (!q.ContainsKey(name)) return dflt;
        var raw = q[name].ToString();
        if (!int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) || v < 1)
            throw CwApiException.BadRequest($"{name} must be a positive integer, not '{raw}'");
        return v;
    }

    public IEnumerable<JObject> Filter(IEnumerable<JObject> records) =>
        Conditions == null ? records : records.Where(Conditions.Matches);

    public IEnumerable<JObject> Sort(IEnumerable<JObject> records)
    {
        if (OrderBy.Count == 0) return records.OrderBy(r => r.Value<int?>("id") ?? 0);
        IOrderedEnumerable<JObject> sorted = null;
        foreach (var (path, desc) in OrderBy)
        {
            Func<JObject, JToken> key = r => Condition.Resolve(r, path);
            sorted = sorted == null
                ? (desc ? records.OrderByDescending(key, TokenComparer.Instance) : records.OrderBy(key, TokenComparer.Instance))
                : (desc ? sorted.ThenByDescending(key, TokenComparer.Instance) : sorted.ThenBy(key, TokenComparer.Instance));
        }
        return sorted.ThenBy(r => r.Value<int?>("id") ?? 0);
    }

    /// <summary>Projects a record to the requested fields (nested with /); unknown names are left out.</summary>
    public JObject Project(JObject rec)
    {
        if (Fields.Count == 0) return rec;
        var o = new JObject();
        foreach (var f in Fields)
        {
            var v = Condition.Resolve(rec, f);
            if (v == null) continue;
            var segs = f.Split('/');
            JObject cur = o;
            JObject src = rec;
            for (int i = 0; i < segs.Length; i++)
            {
                var sp = src?.Property(segs[i], StringComparison.OrdinalIgnoreCase);
                var name = sp?.Name ?? segs[i];
                if (i == segs.Length - 1) { cur[name] = v.DeepClone(); break; }
                if (cur[name] is not JObject next) { next = new JObject(); cur[name] = next; }
                cur = next; src = sp?.Value as JObject;
            }
        }
        return o;
    }

    private sealed class TokenComparer : IComparer<JToken>
    {
        public static readonly TokenComparer Instance = new();
        public int Compare(JToken a, JToken b)
        {
            bool an = a == null || a.Type == JTokenType.Null, bn = b == null || b.Type == JTokenType.Null;
            if (an || bn) return an == bn ? 0 : (an ? -1 : 1);
            if (a is JObject ao) a = ao["name"] ?? ao["id"];
            if (b is JObject bo) b = bo["name"] ?? bo["id"];
            if (a is JValue av && b is JValue bv)
            {
                if ((av.Type is JTokenType.Integer or JTokenType.Float) && (bv.Type is JTokenType.Integer or JTokenType.Float))
                    return Convert.ToDecimal(av.Value, CultureInfo.InvariantCulture).CompareTo(Convert.ToDecimal(bv.Value, CultureInfo.InvariantCulture));
                if (av.Type == JTokenType.Boolean && bv.Type == JTokenType.Boolean) return ((bool)av).CompareTo((bool)bv);
            }
            return string.Compare(a?.ToString(), b?.ToString(), Fidelity.ConditionStringComparison);
        }
    }
}
