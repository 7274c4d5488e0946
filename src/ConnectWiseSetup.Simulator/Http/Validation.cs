using Newtonsoft.Json.Linq;

namespace ConnectWiseSetup.Simulator.Http;

/// <summary>Validation of writable resources, answering 400 InvalidObject with errors[] naming each field.</summary>
internal static class Validation
{
    /// <summary>Where each reference field of an API member is looked up.</summary>
    internal static readonly (string Field, string Collection, bool Required)[] MemberRefs =
    {
        ("securityRole", TenantState.Roles, true),
        ("structureLevel", "system/myCompany/corporateStructureLevels", true),
        ("securityLocation", "system/locations", true),
        ("defaultLocation", "system/locations", true),
        ("salesDefaultLocation", "system/locations", false),
        ("defaultDepartment", "system/departments", true),
        ("timeZone", "system/timeZoneSetups", true),
        ("serviceDefaultBoard", "service/boards", false),
    };

    internal static JObject MemberTemplate() => new()
    {
        ["id"] = 0, ["identifier"] = null, ["name"] = null, ["emailAddress"] = null,
        ["securityRole"] = null, ["structureLevel"] = null, ["securityLocation"] = null, ["defaultLocation"] = null,
        ["salesDefaultLocation"] = null, ["defaultDepartment"] = null, ["timeZone"] = null, ["serviceDefaultBoard"] = null,
        ["notes"] = null, ["excludedServiceBoardIds"] = new JArray(), ["blockPriceFlag"] = false, ["blockCostFlag"] = false,
        ["inactiveFlag"] = false, ["inactiveDate"] = null,
    };

    private static JObject Err(string code, string msg, string field, string resource = "apiMember") =>
        CwApiException.FieldError(code, msg, resource, field);

    private static JToken Get(JObject o, string name) => o.Property(name, StringComparison.OrdinalIgnoreCase)?.Value;

    /// <summary>Validates a candidate API member (create: existing null) and returns the record to store.</summary>
    internal static JObject ApiMember(TenantState t, JObject cand, JObject existing)
    {
        var errors = new List<JObject>();
        var rec = MemberTemplate();
        int selfId = existing?.Value<int>("id") ?? 0;

        var ident = Get(cand, "identifier");
        string identifier = ident?.Type == JTokenType.String ? (string)ident : null;
        if (ident != null && ident.Type != JTokenType.String && ident.Type != JTokenType.Null)
            errors.Add(Err(Fidelity.InvalidFieldCode, "identifier must be a string", "identifier"));
        else if (string.IsNullOrWhiteSpace(identifier))
            errors.Add(Err(Fidelity.RequiredFieldCode, Fidelity.RequiredFieldMessage("identifier"), "identifier"));
        else if (identifier.Length > Fidelity.MemberIdentifierMax)
            errors.Add(Err(Fidelity.MaxLengthCode, Fidelity.MaxLengthMessage("identifier", Fidelity.MemberIdentifierMax), "identifier"));
        else if (!Fidelity.MemberIdentifierPattern.IsMatch(identifier))
            errors.Add(Err(Fidelity.InvalidFieldCode, "identifier may contain letters, digits, spaces, underscores, hyphens and periods only", "identifier"));
        else if (t.Collection(TenantState.Members).All.Any(m => m.Value<int>("id") != selfId && string.Equals(m.Value<string>("identifier"), identifier, StringComparison.OrdinalIgnoreCase))
                 || t.Collection("system/members").All.Any(m => string.Equals(m.Value<string>("identifier"), identifier, StringComparison.OrdinalIgnoreCase)))
            errors.Add(Err(Fidelity.ObjectExistsCode, $"A member with identifier '{identifier}' already exists", "identifier"));
        rec["identifier"] = identifier;

        var nameTok = Get(cand, "name");
        var name = nameTok?.Type == JTokenType.String ? ((string)nameTok).Trim() : null;
        if (string.IsNullOrEmpty(name)) errors.Add(Err(Fidelity.RequiredFieldCode, Fidelity.RequiredFieldMessage("name"), "name"));
        else if (name.Length > Fidelity.MemberNameMax) errors.Add(Err(Fidelity.MaxLengthCode, Fidelity.MaxLengthMessage("name", Fidelity.MemberNameMax), "name"));
        rec["name"] = name;

        var email = Get(cand, "emailAddress");
        if (email != null && email.Type != JTokenType.Null)
        {
            var e = email.ToString();
            if (e.Length > 250 || (e.Length > 0 && !e.Contains('@'))) errors.Add(Err(Fidelity.InvalidFieldCode, "emailAddress is not a valid e-mail address", "emailAddress"));
            rec["emailAddress"] = e;
        }
        foreach (var (field, collection, required) in MemberRefs)
        {
            var v = Get(cand, field);
            if (v == null || v.Type == JTokenType.Null)
            {
                if (required) errors.Add(Err(Fidelity.RequiredFieldCode, Fidelity.RequiredFieldMessage(field + "/id"), field));
                continue;
            }
            int? id = v is JObject o ? ReadId(Get(o, "id")) : ReadId(v);
            if (id == null) { errors.Add(Err(Fidelity.InvalidFieldCode, $"{field} must be a reference {{\"id\": n}}", field)); continue; }
            var target = t.Collection(collection).Get(id.Value);
            if (target == null) { errors.Add(Err(Fidelity.ReferenceNotFoundCode, Fidelity.ReferenceNotFoundMessage(field, id.Value), field + "/id")); continue; }
            rec[field] = TenantState.Ref(target);
        }
        foreach (var flag in new[] { "blockPriceFlag", "blockCostFlag", "inactiveFlag" })
        {
            var v = Get(cand, flag);
            if (v == null || v.Type == JTokenType.Null) continue;
            if (v.Type != JTokenType.Boolean) { errors.Add(Err(Fidelity.InvalidFieldCode, $"{flag} must be true or false", flag)); continue; }
            rec[flag] = v;
        }
        var notes = Get(cand, "notes");
        if (notes != null && notes.Type != JTokenType.Null) rec["notes"] = notes.ToString();
        var excluded = Get(cand, "excludedServiceBoardIds");
        if (excluded is JArray arr)
        {
            if (arr.Any(x => x.Type != JTokenType.Integer)) errors.Add(Err(Fidelity.InvalidFieldCode, "excludedServiceBoardIds must be a list of ids", "excludedServiceBoardIds"));
            else rec["excludedServiceBoardIds"] = arr.DeepClone();
        }
        if (errors.Count > 0) throw CwApiException.Invalid("apiMember", errors.ToArray());

        bool inactive = rec.Value<bool>("inactiveFlag");
        rec["inactiveDate"] = inactive ? (existing?.Value<bool?>("inactiveFlag") == true ? existing["inactiveDate"] : TenantState.Now()) : null;
        if (existing != null) rec["_info"] = existing["_info"]?.DeepClone();
        return rec;
    }

    private static int? ReadId(JToken t) =>
        t == null ? null : t.Type == JTokenType.Integer ? (int)t : t.Type == JTokenType.String && int.TryParse((string)t, out var i) ? i : null;

    /// <summary>The member as read: reference names refreshed from the current records.</summary>
    internal static JObject MemberView(TenantState t, JObject rec)
    {
        // The stored record itself while every reference names its target as it is now (the server writes the answer under the
        // tenant's lock); a copy with the current names once one was renamed.
        JObject v = null;
        foreach (var (field, collection, _) in MemberRefs)
        {
            if (rec[field] is not JObject o) continue;
            var target = t.Collection(collection).Get(o.Value<int>("id"));
            if (target == null || JToken.DeepEquals(o["name"], target["name"])) continue;
            v ??= (JObject)rec.DeepClone();
            ((JObject)v[field])["name"] = target["name"]?.DeepClone();
        }
        return v ?? rec;
    }

    internal static JObject DefaultMember(TenantState t)
    {
        var m = MemberTemplate();
        if (Fidelity.DefaultMemberFillsObviousDefaults)
        {
            var tz = t.Collection("system/timeZoneSetups").All.FirstOrDefault(z => z.Value<bool?>("defaultFlag") == true);
            m["timeZone"] = TenantState.Ref(tz);
            var loc = t.Collection("system/locations").All.FirstOrDefault();
            m["securityLocation"] = TenantState.Ref(loc);
            m["defaultLocation"] = TenantState.Ref(loc);
            m["defaultDepartment"] = TenantState.Ref(t.Collection("system/departments").All.FirstOrDefault());
            m["structureLevel"] = TenantState.Ref(t.Collection("system/myCompany/corporateStructureLevels").All.FirstOrDefault());
        }
        return m;
    }

    /// <summary>Companies: the model's rules (SpecValidation: identifier and name required, at most 30 and 50) and a unique identifier.</summary>
    internal static JObject Company(ApiContext c, JObject cand, JObject existing)
    {
        int selfId = existing?.Value<int>("id") ?? 0;
        var identifier = Get(cand, "identifier")?.ToString();
        if (c.Tenant.Collection("company/companies").All.Any(x => x.Value<int>("id") != selfId && string.Equals(x.Value<string>("identifier"), identifier, StringComparison.OrdinalIgnoreCase)))
            throw CwApiException.Invalid("company", Err(Fidelity.ObjectExistsCode, $"A company with identifier '{identifier}' already exists", "identifier", "company"));
        var rec = Seeder.CompanyTemplate(c.Tenant);
        foreach (var p in cand.Properties()) rec[p.Name] = p.Value.DeepClone();
        return rec;
    }
}
