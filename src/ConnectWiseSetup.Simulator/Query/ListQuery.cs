using System.Globalization;
using ConnectWiseSetup.Simulator.Http;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ConnectWiseSetup.Simulator.Query;

/// <summary>The query parameters of a list GET, parsed and validated (bad values: 400, never a crash).</summary>
public sealed class ListQuery
{
    public Condition Conditions { get; private set; }
    /// <summary>childConditions: comparisons on paths through arrays, matched when one element matches (Fidelity.ChildConditionsFilterArrays).</summary>
    public Condition ChildConditions { get; private set; }
    public List<(string Path, bool Desc)> OrderBy { get; } = new();
    public List<string> Fields { get; } = new();
    public int Page { get; private set; } = 1;
    /// <summary>The pageSize asked for (after the over-1000 rule), as Link URLs repeat it.</summary>
    public int PageSize { get; private set; } = Fidelity.DefaultPageSize;
    /// <summary>The rows a page holds: PageSize, or fewer on a server that honours less (ServerBehavior.MaxHonouredPageSize).</summary>
    public int RowsPerPage { get; private set; } = Fidelity.DefaultPageSize;
    public bool ForwardOnly { get; private set; }
    public int? PageId { get; private set; }

    /// <param name="knownField">Field paths the resource has (null: no check).</param>
    /// <param name="arrayField">Field paths through arrays, for childConditions (null: none).</param>
    public static ListQuery Parse(IQueryCollection q, IHeaderDictionary headers, Func<string, bool> knownField = null, Func<string, bool> arrayField = null, ServerBehavior behavior = null)
    {
        behavior ??= new ServerBehavior();
        var lq = new ListQuery();
        try { lq.Conditions = ConditionParser.Parse(q["conditions"].ToString()); }
        catch (ConditionSyntaxException e) { throw CwApiException.FindCondition("Invalid conditions: " + e.Message); }
        if (lq.Conditions != null && knownField != null)
            foreach (var f in lq.Conditions.Fields)
                if (!knownField(f)) throw CwApiException.FindCondition(Fidelity.NotRecognizedMessage(f));

        try { lq.ChildConditions = ConditionParser.Parse(q["childConditions"].ToString(), childConditions: true); }
        catch (ConditionSyntaxException e) { throw CwApiException.FindCondition("Invalid childConditions: " + e.Message); }
        if (lq.ChildConditions != null)
            foreach (var f in lq.ChildConditions.Fields)
                if (arrayField == null || !arrayField(f)) throw CwApiException.FindCondition(Fidelity.NotRecognizedMessage(f));

        // Fidelity.CustomFieldConditionsNotEmulated: never silently ignored.
        if (!string.IsNullOrWhiteSpace(q["customFieldConditions"].ToString()))
            throw new CwApiException(501, Fidelity.NotEmulatedCode, "The simulator does not emulate custom fields, so it cannot apply customFieldConditions.");

        var ob = q["orderBy"].ToString();
        if (!string.IsNullOrWhiteSpace(ob))
        {
            foreach (var part in ob.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words.Length > 2) throw CwApiException.FindCondition($"Invalid orderBy '{part}'");
                bool desc = false;
                if (words.Length == 2)
                {
                    if (words[1].Equals("desc", StringComparison.OrdinalIgnoreCase)) desc = true;
                    else if (!words[1].Equals("asc", StringComparison.OrdinalIgnoreCase)) throw CwApiException.FindCondition($"Invalid orderBy direction '{words[1]}'");
                }
                if (knownField != null && !knownField(words[0])) throw CwApiException.FindCondition(Fidelity.NotRecognizedMessage(words[0]));
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
            if (behavior.PageSizeAboveMax == ServerBehavior.OversizePage.Clamp) lq.PageSize = Fidelity.MaxPageSize;
            else throw new CwApiException(400, Fidelity.BadRequestCode, Fidelity.InvalidObjectMessage("request"),
                new JArray(CwApiException.FieldError(Fidelity.OutOfRangeCode, Fidelity.PageSizeOutOfRangeMessage(Fidelity.MaxPageSize), "request", "pageSize")));
        }
        lq.RowsPerPage = Math.Min(lq.PageSize, Math.Max(1, behavior.MaxHonouredPageSize));
        lq.ForwardOnly = string.Equals(headers["pagination-type"].ToString().Trim(), "forward-only", StringComparison.OrdinalIgnoreCase);
        if (q.ContainsKey("pageId"))
        {
            if (!int.TryParse(q["pageId"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                throw CwApiException.BadRequest("pageId must be a non-negative integer");
            lq.PageId = pid;
        }
        if (lq.ForwardOnly && lq.OrderBy.Count > 0 && Fidelity.ForwardOnlyRejectsOrderBy)
            throw CwApiException.BadRequest(Fidelity.ForwardOnlyOrderByMessage);
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
        records.Where(r => (Conditions == null || Conditions.Matches(r)) && (ChildConditions == null || ChildConditions.Matches(r)));

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

    /// <summary>
    /// Writes a record as <see cref="Project"/> gives it: top-level fields straight from the record (no copy), each once, in the
    /// order first asked for; a nested field (with /) goes through Project.
    /// </summary>
    public void WriteProjected(JsonWriter w, JObject rec)
    {
        if (Fields.Count == 0) { rec.WriteTo(w); return; }
        if (Fields.Any(f => f.IndexOf('/') >= 0)) { Project(rec).WriteTo(w); return; }
        w.WriteStartObject();
        List<string> written = null;
        foreach (var f in Fields)
        {
            var top = rec.Property(f, StringComparison.OrdinalIgnoreCase);
            if (top == null) continue;
            if (written != null && written.Contains(top.Name)) continue;
            (written ??= new List<string>(Fields.Count)).Add(top.Name);
            w.WritePropertyName(top.Name);
            top.Value.WriteTo(w);
        }
        w.WriteEndObject();
    }

    /// <summary>Projects a record to the requested fields (nested with /); unknown names are left out.</summary>
    public JObject Project(JObject rec)
    {
        if (Fields.Count == 0) return rec;
        var o = new JObject();
        foreach (var f in Fields)
        {
            if (f.IndexOf('/') < 0)
            {
                // A top-level field (the common case, e.g. a role grid's twelve): one lookup, no path to walk.
                var top = rec.Property(f, StringComparison.OrdinalIgnoreCase);
                if (top != null) o[top.Name] = top.Value.DeepClone();
                continue;
            }
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
