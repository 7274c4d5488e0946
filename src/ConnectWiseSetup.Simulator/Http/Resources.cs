using ConnectWiseSetup.Simulator.Query;
using ConnectWiseSetup.Simulator.Store;
using Newtonsoft.Json.Linq;

namespace ConnectWiseSetup.Simulator.Http;

/// <summary>How a collection is exposed: its route template and which methods it has.</summary>
internal sealed class ResourceSpec
{
    /// <summary>Route template, e.g. "company/companies" or "service/tickets/{parentId}/notes".</summary>
    public string Template { get; init; }
    /// <summary>Collection name template (defaults to Template); {parentId} is replaced.</summary>
    public string Collection { get; init; }
    /// <summary>Collection the {parentId} must exist in (404 otherwise).</summary>
    public string ParentCollection { get; init; }
    /// <summary>Name used in messages and errors[].resource, e.g. "company".</summary>
    public string Resource { get; init; }
    /// <summary>The 2025.1 model writes are checked against (Data/models.json), e.g. "Company"; null: no spec check.</summary>
    public string Model { get; init; }
    public bool List { get; init; } = true;
    public bool Count { get; init; } = true;
    public bool GetById { get; init; } = true;
    public bool Post { get; init; }
    public bool Put { get; init; }
    public bool Patch { get; init; }
    public bool Delete { get; init; }
    /// <summary>A virtual source instead of a stored collection (e.g. mySecurity).</summary>
    public Func<ApiContext, RecordCollection> Source { get; init; }
    /// <summary>The view a client reads (references refreshed, ...).</summary>
    public Func<ApiContext, JObject, JObject> View { get; init; }
    /// <summary>Validates and normalises a candidate (existing null on create). Throws CwApiException.</summary>
    public Func<ApiContext, JObject, JObject, JObject> Validate { get; init; }
    public Func<ApiContext, JObject, JObject> Create { get; init; }
    public Action<ApiContext, JObject> BeforeDelete { get; init; }
    public Action<ApiContext, JObject> AfterDelete { get; init; }
}

internal static class Resources
{
    public static void Register(Router router, ResourceSpec s)
    {
        var t = s.Template.Trim('/');
        if (s.List) router.Add("GET", t, c => List(c, s));
        if (s.Count) router.Add("GET", t + "/count", c => Count(c, s));
        if (s.GetById) router.Add("GET", t + "/{id}", c => GetOne(c, s));
        if (s.Post) router.Add("POST", t, c => Post(c, s));
        if (s.Put) router.Add("PUT", t + "/{id}", c => Put(c, s));
        if (s.Patch) router.Add("PATCH", t + "/{id}", c => Patch(c, s));
        if (s.Delete) router.Add("DELETE", t + "/{id}", c => Delete(c, s));
    }

    public static RecordCollection CollectionFor(ApiContext c, ResourceSpec s)
    {
        if (s.Source != null) return s.Source(c);
        var name = (s.Collection ?? s.Template).Trim('/');
        if (c.Values.TryGetValue("parentId", out var pid))
        {
            if (s.ParentCollection != null && c.Tenant.Collection(s.ParentCollection).Get(int.Parse(pid)) == null)
                throw CwApiException.NotFound($"{Parent(s)} with id {pid} not found");
            name = name.Replace("{parentId}", pid);
        }
        return c.Tenant.Collection(name);
    }

    private static string Parent(ResourceSpec s) => s.ParentCollection?.Split('/').Last().TrimEnd('s') ?? "parent";

    private static JObject ViewOf(ApiContext c, ResourceSpec s, JObject r) => s.View != null ? s.View(c, r) : r;

    public static ApiResult List(ApiContext c, ResourceSpec s) => ListOf(c, CollectionFor(c, s), r => ViewOf(c, s, r));

    /// <summary>A paged, filtered, ordered, projected list with ConnectWise's Link header (forms: Fidelity's list section, ServerBehavior).</summary>
    /// <param name="query">The list parameters when they are not only the URL's (a search's body merged in); Link URLs repeat the URL's own.</param>
    public static ApiResult ListOf(ApiContext c, RecordCollection coll, Func<JObject, JObject> view, Microsoft.AspNetCore.Http.IQueryCollection query = null)
    {
        var behavior = c.Tenant.Behavior;
        var q = ListQuery.Parse(query ?? c.Query, c.Http.Request.Headers, coll.HasPath, coll.HasArrayPath, behavior);
        var result = new ApiResult();
        var filtered = q.Filter(coll.All.Where(r => c.RowFilter == null || c.RowFilter(r)).Select(view));
        var rows = q.RowsPerPage;
        List<JObject> page;
        if (q.ForwardOnly)
        {
            var after = q.PageId ?? 0;
            var rest = filtered.Where(r => (r.Value<int?>("id") ?? 0) > after).OrderBy(r => r.Value<int?>("id") ?? 0).Take(rows + 1).ToList();
            page = rest.Take(rows).ToList();
            if (rest.Count > rows)
                result.Headers["Link"] = $"<{LinkUrl(c, "pageId", page.Last().Value<int>("id"), q.PageSize, behavior.NavigableLinkForm)}>; rel=\"next\"";
            else if (behavior.ForwardOnlyLastPageLink == ServerBehavior.LastPageLink.Empty)
                result.Headers["Link"] = ""; // the last page: present, empty (Fidelity.ForwardOnlyLastPageLink)
        }
        else
        {
            var all = q.Sort(filtered).ToList();
            int lastPage = Math.Max(1, (all.Count + rows - 1) / rows);
            page = all.Skip((int)Math.Min(int.MaxValue, (long)(q.Page - 1) * rows)).Take(rows).ToList();
            var links = new List<string>();
            string L(int p, string rel) => $"<{LinkUrl(c, "page", p, q.PageSize, behavior.NavigableLinkForm)}>; rel=\"{rel}\"";
            if (q.Page < lastPage) { links.Add(L(q.Page + 1, "next")); links.Add(L(lastPage, "last")); }
            if (q.Page > 1) { links.Add(L(1, "first")); links.Add(L(Math.Min(q.Page - 1, lastPage), "prev")); }
            if (links.Count > 0) result.Headers["Link"] = string.Join(", ", links);
        }
        result.Json = JsonBody.Utf8(w =>
        {
            w.WriteStartArray();
            foreach (var row in page) q.WriteProjected(w, row);
            w.WriteEndArray();
        });
        return result;
    }

    private static readonly string[] PagingParameters = { "page", "pageSize", "pageId" };

    /// <summary>
    /// This request's URL with its paging parameters replaced: the other parameters as sent (each spelling once, names being
    /// case-insensitive), then pageSize and the page parameter, page last unless the form says first.
    /// </summary>
    private static string LinkUrl(ApiContext c, string pageParameter, int pageValue, int pageSize, ServerBehavior.LinkForm form)
    {
        var pairs = new List<string>();
        foreach (var kv in c.Query)
        {
            if (PagingParameters.Any(p => p.Equals(kv.Key, StringComparison.OrdinalIgnoreCase))) continue;
            foreach (var v in kv.Value) pairs.Add(Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(v ?? ""));
        }
        var size = "pageSize=" + pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var at = pageParameter + "=" + pageValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (form == ServerBehavior.LinkForm.PageFirst) { pairs.Add(at); pairs.Add(size); }
        else { pairs.Add(size); pairs.Add(at); }
        return c.ApiBase + c.ApiPath + "?" + string.Join("&", pairs);
    }

    public static ApiResult Count(ApiContext c, ResourceSpec s)
    {
        var coll = CollectionFor(c, s);
        var q = ListQuery.Parse(c.Query, c.Http.Request.Headers, coll.HasPath, coll.HasArrayPath, c.Tenant.Behavior);
        return ApiResult.Ok(new JObject { ["count"] = q.Filter(coll.All.Where(r => c.RowFilter == null || c.RowFilter(r)).Select(r => ViewOf(c, s, r))).Count() });
    }

    private static JObject Find(ApiContext c, ResourceSpec s, RecordCollection coll)
    {
        var id = c.Int("id");
        var rec = coll.Get(id);
        if (rec == null || (c.RowFilter != null && !c.RowFilter(rec))) throw CwApiException.NotFound($"{Title(s.Resource)} with id {id} not found");
        return rec;
    }

    private static string Title(string r) => string.IsNullOrEmpty(r) ? "Record" : char.ToUpperInvariant(r[0]) + r.Substring(1);

    public static ApiResult GetOne(ApiContext c, ResourceSpec s)
    {
        var coll = CollectionFor(c, s);
        var rec = ViewOf(c, s, Find(c, s, coll));
        var q = ListQuery.Parse(c.Query, c.Http.Request.Headers, behavior: c.Tenant.Behavior);
        return ApiResult.Ok(q.Project(rec));
    }

    private static readonly string[] ReadOnly = { "id", "_info" };

    public static ApiResult Post(ApiContext c, ResourceSpec s)
    {
        var coll = CollectionFor(c, s);
        var body = (JObject)c.BodyObject(s.Resource).DeepClone();
        foreach (var ro in ReadOnly) body.Property(ro, StringComparison.OrdinalIgnoreCase)?.Remove();
        if (s.Model != null) SpecValidation.Check(c.Tenant, s.Model, s.Resource, body, update: false);
        JObject rec;
        if (s.Create != null) rec = s.Create(c, body);
        else
        {
            rec = s.Validate != null ? s.Validate(c, body, null) : body;
            rec["id"] = 0;
            TenantState.Stamp(rec, c.By, true);
            coll.Add(rec);
        }
        return ApiResult.Created(ViewOf(c, s, rec));
    }

    public static ApiResult Put(ApiContext c, ResourceSpec s)
    {
        var coll = CollectionFor(c, s);
        var existing = Find(c, s, coll);
        var body = (JObject)c.BodyObject(s.Resource).DeepClone();
        foreach (var ro in ReadOnly) body.Property(ro, StringComparison.OrdinalIgnoreCase)?.Remove();
        if (s.Model != null) SpecValidation.Check(c.Tenant, s.Model, s.Resource, body, update: true);
        var rec = s.Validate != null ? s.Validate(c, body, existing) : body;
        rec["id"] = existing["id"];
        rec["_info"] = existing["_info"]?.DeepClone();
        TenantState.Stamp(rec, c.By, false);
        coll.Replace(Reorder(rec));
        return ApiResult.Ok(ViewOf(c, s, rec));
    }

    private static JObject Reorder(JObject rec)
    {
        var id = rec.Property("id");
        if (rec.Properties().First() != id) { id.Remove(); rec.AddFirst(id); }
        return rec;
    }

    public static ApiResult Patch(ApiContext c, ResourceSpec s)
    {
        var coll = CollectionFor(c, s);
        var existing = Find(c, s, coll);
        if (c.Body is not JArray ops)
            throw CwApiException.BadRequest("A PATCH body must be a JSON array of operations, e.g. [{\"op\":\"replace\",\"path\":\"name\",\"value\":\"x\"}]");
        var candidate = (JObject)existing.DeepClone();
        JsonPatch.Apply(candidate, ops, s.Resource, coll.HasPath);
        // A PATCH keeps what the record has: only fields required on create are checked (a PUT replaces all, so those required on updates too).
        if (s.Model != null) SpecValidation.Check(c.Tenant, s.Model, s.Resource, candidate, update: false);
        var rec = s.Validate != null ? s.Validate(c, candidate, existing) : candidate;
        rec["id"] = existing["id"];
        TenantState.Stamp(rec, c.By, false);
        coll.Replace(Reorder(rec));
        return ApiResult.Ok(ViewOf(c, s, rec));
    }

    public static ApiResult Delete(ApiContext c, ResourceSpec s)
    {
        var coll = CollectionFor(c, s);
        var existing = Find(c, s, coll);
        s.BeforeDelete?.Invoke(c, existing);
        coll.Remove(existing.Value<int>("id"));
        s.AfterDelete?.Invoke(c, existing);
        return ApiResult.NoContent();
    }
}

/// <summary>ConnectWise's PATCH: [{op: add|replace|remove, path: "name" | "/securityRole/id", value}].</summary>
internal static class JsonPatch
{
    public static void Apply(JObject target, JArray ops, string resource, Func<string, bool> knownPath)
    {
        if (ops.Count == 0) throw CwApiException.BadRequest("The PATCH body has no operations.");
        foreach (var tok in ops)
        {
            if (tok is not JObject op) throw CwApiException.BadRequest("Each PATCH operation must be an object with op, path and value.");
            var kind = op.Value<string>("op")?.ToLowerInvariant();
            var path = op.Value<string>("path");
            if (kind is not ("add" or "replace" or "remove"))
                throw CwApiException.BadRequest($"PATCH op '{op.Value<string>("op")}' is not supported (add, replace, remove).");
            if (string.IsNullOrWhiteSpace(path)) throw CwApiException.BadRequest("A PATCH operation needs a path.");
            var segs = path.Trim().Trim('/').Split('/');
            var top = segs[0];
            if (top.Equals("id", StringComparison.OrdinalIgnoreCase) || top.Equals("_info", StringComparison.OrdinalIgnoreCase))
                throw CwApiException.Invalid(resource, CwApiException.FieldError(Fidelity.InvalidFieldCode, $"{top} cannot be changed", resource, top));
            if (!knownPath(string.Join('/', segs)) && !knownPath(top))
                throw CwApiException.Invalid(resource, CwApiException.FieldError(Fidelity.InvalidFieldCode, $"'{path}' is not a field of {resource}", resource, path));
            if (kind != "remove" && !op.ContainsKey("value"))
                throw CwApiException.BadRequest($"PATCH operation '{kind}' on '{path}' needs a value.");
            JObject cur = target;
            for (int i = 0; i < segs.Length - 1; i++)
            {
                var p = cur.Property(segs[i], StringComparison.OrdinalIgnoreCase);
                if (p?.Value is not JObject next)
                {
                    next = new JObject();
                    if (p != null) p.Value = next; else cur[segs[i]] = next;
                }
                cur = next;
            }
            var leaf = segs[^1];
            var prop = cur.Property(leaf, StringComparison.OrdinalIgnoreCase);
            var name = prop?.Name ?? leaf;
            cur[name] = kind == "remove" ? JValue.CreateNull() : op["value"].DeepClone();
        }
    }
}
