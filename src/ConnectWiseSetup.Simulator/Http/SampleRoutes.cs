using Newtonsoft.Json.Linq;

namespace ConnectWiseSetup.Simulator.Http;

/// <summary>
/// The endpoints the vendor integrations call (seed 001's list and CW-API.md's last section), in the 2025.1 shapes, methods as the 2026.4
/// catalogue has them. One route is served beyond the catalogue: POST service/ticketNote/{id}/markAs, which the MSP Process guide lists
/// (the 2022.1, 2025.1 and 2026.4 specs have only project/ticketNote/{id}/markAs/): UNCONFIRMED whether ConnectWise still answers it.
/// </summary>
internal static class SampleRoutes
{
    private static void Read(Router r, string template, string resource) =>
        Resources.Register(r, new ResourceSpec { Template = template, Resource = resource });

    private static void Child(Router r, string template, string parent, string resource, bool post = false, bool patch = false, bool put = false, bool delete = false, string model = null) =>
        Resources.Register(r, new ResourceSpec { Template = template, ParentCollection = parent, Resource = resource, Model = model, Post = post, Patch = patch, Put = put, Delete = delete });

    /// <summary>Records created by a member default their owner field to the caller.</summary>
    private static JObject OwnedBy(ApiContext c, JObject cand, string field)
    {
        if (cand[field] == null || cand[field].Type == JTokenType.Null)
            cand[field] = new JObject { ["id"] = c.Member["id"], ["identifier"] = c.Member["identifier"], ["name"] = c.Member["name"] };
        return cand;
    }

    private static JObject WithoutId(JObject rec)
    {
        var o = (JObject)rec.DeepClone();
        o.Remove("id");
        return o;
    }

    private static readonly JObject AuditTemplate = new()
    {
        ["text"] = "", ["enteredDate"] = "", ["enteredBy"] = "", ["auditType"] = "", ["auditSubType"] = "", ["auditSource"] = "",
    };

    /// <summary>
    /// The audit trail, or one record's trail when type and id are given (Fidelity.AuditTrailFiltersByTypeAndId). Entries keep the record
    /// they belong to in _recordType and _recordId, which the view leaves out (AuditTrailEntry has no such fields).
    /// </summary>
    private static Store.RecordCollection AuditTrail(ApiContext c)
    {
        var all = c.Tenant.Collection("system/audittrail");
        var type = c.Query["type"].ToString();
        var idText = c.Query["id"].ToString();
        if (string.IsNullOrWhiteSpace(type) && string.IsNullOrWhiteSpace(idText)) return all;
        int? id = null;
        if (!string.IsNullOrWhiteSpace(idText))
        {
            if (!int.TryParse(idText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
                throw CwApiException.BadRequest($"id must be a record id (a whole number), not '{idText}'");
            id = n;
        }
        var trail = new Store.RecordCollection("system/audittrail", AuditTemplate);
        foreach (var e in all.All)
            if ((string.IsNullOrWhiteSpace(type) || string.Equals((string)e["_recordType"], type.Trim(), StringComparison.OrdinalIgnoreCase))
                && (id == null || (int?)e["_recordId"] == id))
                trail.Add(e);
        return trail;
    }

    private static JObject AuditView(JObject rec)
    {
        var o = WithoutId(rec);
        o.Remove("_recordType");
        o.Remove("_recordId");
        return o;
    }

    /// <summary>
    /// POST service/tickets/search: FilterValues in the body (conditions, childConditions, customFieldConditions, orderBy), paging and fields
    /// in the query; answered as the ticket list with those parameters (Fidelity.TicketSearchIsAListRead).
    /// </summary>
    private static ApiResult TicketSearch(ApiContext c)
    {
        var merged = new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>(StringComparer.OrdinalIgnoreCase);
        foreach (var kv in c.Query) merged[kv.Key] = kv.Value;
        var body = c.Body switch
        {
            null => new JObject(),
            JObject o => o,
            _ => throw CwApiException.BadRequest("The search body must be a JSON object: {\"conditions\": \"...\", \"childConditions\": \"...\", \"orderBy\": \"...\"}"),
        };
        foreach (var p in body.Properties())
        {
            var name = new[] { "conditions", "childConditions", "customFieldConditions", "orderBy" }.FirstOrDefault(n => n.Equals(p.Name, StringComparison.OrdinalIgnoreCase))
                ?? throw CwApiException.BadRequest($"'{p.Name}' is not a search field (conditions, childConditions, customFieldConditions, orderBy).");
            if (p.Value.Type == JTokenType.Null) continue;
            if (p.Value.Type != JTokenType.String) throw CwApiException.BadRequest($"{name} must be a string.");
            merged[name] = (string)p.Value;
        }
        var coll = c.Tenant.Collection("service/tickets");
        return Resources.ListOf(c, coll, r => r, new Microsoft.AspNetCore.Http.QueryCollection(merged));
    }

    public static void Register(Router r)
    {
        // companies and contacts
        Read(r, "company/companies/statuses", "companyStatus");
        Read(r, "company/companies/types", "companyType");
        Resources.Register(r, new ResourceSpec { Template = "company/configurations", Resource = "configuration", Model = "CompanyConfiguration", Post = true, Patch = true, Put = true });
        Read(r, "company/configurations/statuses", "configurationStatus");
        Read(r, "company/configurations/types", "configurationType");
        Read(r, "company/communicationTypes", "communicationType");
        Resources.Register(r, new ResourceSpec { Template = "company/communicationTypes/info", Collection = "company/communicationTypes", Resource = "communicationType", GetById = false,
            View = (c, rec) => new JObject
            {
                ["id"] = rec["id"], ["description"] = rec["description"], ["phoneFlag"] = rec["phoneFlag"], ["faxFlag"] = rec["faxFlag"],
                ["emailFlag"] = rec["emailFlag"], ["defaultFlag"] = rec["defaultFlag"], ["_info"] = rec["_info"],
            } });
        Read(r, "company/noteTypes", "noteType");
        Resources.Register(r, new ResourceSpec { Template = "company/contacts", Resource = "contact", Model = "Contact", Post = true, Patch = true, Put = true });
        Child(r, "company/contacts/{parentId}/notes", "company/contacts", "contactNote", post: true, patch: true, model: "ContactNote");
        Read(r, "company/contacts/types", "contactType");
        // a company's sites (CompanySite)
        Child(r, "company/companies/{parentId}/sites", "company/companies", "companySite");
        r.Add("POST", "company/contacts/validatePortalCredentials", c =>
        {
            var b = c.BodyObject("portalCredentials");
            SpecValidation.Check(c.Tenant, "ValidatePortalRequest", "validatePortalRequest", b, update: false);
            var email = b.Value<string>("email");
            var ok = c.Tenant.Collection("company/contacts").All.Any(x => x["communicationItems"] is JArray items && items.Any(i => string.Equals((string)i["value"], email, StringComparison.OrdinalIgnoreCase)));
            return ApiResult.Ok(new JObject { ["success"] = ok && b.Value<string>("password") == "portal-pass", ["contactId"] = ok ? 1 : 0 });
        });
        r.Add("POST", "company/contacts/requestPassword", c =>
        {
            SpecValidation.Check(c.Tenant, "RequestPasswordRequest", "requestPasswordRequest", c.BodyObject("requestPassword"), update: false);
            return ApiResult.Ok(new JObject { ["success"] = true });
        });

        // system
        Resources.Register(r, new ResourceSpec { Template = "system/members", Resource = "member" });
        // AuditTrailEntry has no id (2025.1); the catalogue has no /{id}
        Resources.Register(r, new ResourceSpec { Template = "system/audittrail", Resource = "auditTrailEntry", GetById = false, Source = AuditTrail, View = (c, rec) => AuditView(rec) });
        Resources.Register(r, new ResourceSpec { Template = "system/callbacks", Resource = "callback", Model = "CallbackEntry", Post = true, Delete = true, Put = true, Patch = true,
            Validate = (c, cand, existing) =>
            {
                var url = cand.Value<string>("url");
                if (!Uri.TryCreate(url, UriKind.Absolute, out _))
                    throw CwApiException.Invalid("callback", CwApiException.FieldError(Fidelity.InvalidFieldCode, "url must be an absolute URL.", "callback", "url"));
                cand["memberId"] = c.Member["id"];
                return cand;
            } });
        // Report is {name} only (2025.1); a report's data by name (ReportDataResponse); the 2022.1 spec has no /count
        Resources.Register(r, new ResourceSpec { Template = "system/reports", Resource = "report", GetById = false, Count = false,
            View = (c, rec) => new JObject { ["name"] = rec["name"] } });
        r.Add("GET", "system/reports/{reportName:any}", StandardReports.Data);
        r.Add("GET", "system/reports/{reportName:any}/columns", StandardReports.Columns);
        r.Add("GET", "system/reports/{reportName:any}/count", StandardReports.Count);
        // a department's locations (DepartmentLocation)
        Child(r, "system/departments/{parentId}/locations", "system/departments", "departmentLocation");

        // finance
        Read(r, "finance/invoices", "invoice");
        Resources.Register(r, new ResourceSpec { Template = "finance/agreements", Resource = "agreement", Model = "Agreement", Post = true, Patch = true, Put = true });
        Child(r, "finance/agreements/{parentId}/additions", "finance/agreements", "addition", post: true, patch: true, put: true, delete: true, model: "Addition");
        Read(r, "finance/billingCycles", "billingCycle");
        Read(r, "finance/billingStatuses", "billingStatus");
        Read(r, "finance/taxCodes", "taxCode");
        Read(r, "finance/billingTerms", "billingTerm");
        Read(r, "procurement/categories", "category");
        Read(r, "expense/types", "expenseType");

        // procurement
        Resources.Register(r, new ResourceSpec { Template = "procurement/catalog", Resource = "catalogItem", Model = "CatalogItem", Post = true, Patch = true, Put = true });
        Resources.Register(r, new ResourceSpec { Template = "procurement/products", Resource = "productItem", Model = "ProductItem", Post = true, Patch = true, Put = true });

        // service desk
        Resources.Register(r, new ResourceSpec { Template = "service/tickets", Resource = "ticket", Model = "Ticket", Post = true, Patch = true, Put = true,
            Validate = (c, cand, existing) => existing == null ? OwnedBy(c, cand, "owner") : cand });
        Child(r, "service/tickets/{parentId}/notes", "service/tickets", "ticketNote", post: true, patch: true, model: "ServiceNote");
        r.Add("POST", "service/tickets/search", TicketSearch);
        // allNotes (ServiceTicketNote) and timeentries (TimeEntryReference: {id, _info}) are lists only in the catalogue
        Resources.Register(r, new ResourceSpec { Template = "service/tickets/{parentId}/allNotes", ParentCollection = "service/tickets", Resource = "ticketNote", GetById = false, Count = false });
        Resources.Register(r, new ResourceSpec { Template = "service/tickets/{parentId}/timeentries", ParentCollection = "service/tickets", Resource = "timeEntry", GetById = false,
            View = (c, rec) => new JObject { ["id"] = rec["id"], ["_info"] = rec["_info"] } });
        r.Add("POST", "service/ticketNote/{id}/markAs", c =>
        {
            var id = c.Int("id");
            foreach (var t in c.Tenant.Collection("service/tickets").All.ToList())
            {
                var note = c.Tenant.Collection($"service/tickets/{t["id"]}/notes").Get(id);
                if (note == null) continue;
                var b = c.Body as JObject ?? new JObject();
                foreach (var flag in new[] { "detailDescriptionFlag", "internalAnalysisFlag", "resolutionFlag" })
                    if (b[flag] != null) note[flag] = b[flag];
                TenantState.Stamp(note, c.By, false);
                return ApiResult.Ok(note);
            }
            throw CwApiException.NotFound($"Ticket note with id {id} not found");
        });
        foreach (var (t, res) in new[] { ("service/priorities", "priority"), ("service/impacts", "impact"), ("service/severities", "severity"), ("service/sources", "source"), ("service/locations", "serviceLocation"), ("service/boards", "board") })
            Read(r, t, res);
        foreach (var sub in new[] { "types", "subtypes", "items", "statuses" })
            Child(r, $"service/boards/{{parentId}}/{sub}", "service/boards", "board" + sub);

        // time, schedule, expense
        Resources.Register(r, new ResourceSpec { Template = "time/entries", Resource = "timeEntry", Model = "TimeEntry", Post = true, Patch = true, Put = true, Delete = true,
            Validate = (c, cand, existing) => existing == null ? OwnedBy(c, cand, "member") : cand });
        Read(r, "time/workTypes", "workType");
        Read(r, "time/workRoles", "workRole");
        Resources.Register(r, new ResourceSpec { Template = "schedule/entries", Resource = "scheduleEntry", Model = "ScheduleEntry", Post = true, Patch = true, Put = true, Delete = true,
            Validate = (c, cand, existing) => existing == null ? OwnedBy(c, cand, "member") : cand });
        Read(r, "schedule/statuses", "scheduleStatus");
        Resources.Register(r, new ResourceSpec { Template = "expense/entries", Resource = "expenseEntry", Model = "ExpenseEntry", Post = true, Patch = true, Put = true,
            Validate = (c, cand, existing) => existing == null ? OwnedBy(c, cand, "member") : cand });

        // sales and project
        Resources.Register(r, new ResourceSpec { Template = "sales/opportunities", Resource = "opportunity", Model = "Opportunity", Post = true, Patch = true, Put = true });
        Resources.Register(r, new ResourceSpec { Template = "sales/orders", Resource = "order", Model = "Order", Post = true, Patch = true, Put = true });
        Resources.Register(r, new ResourceSpec { Template = "sales/activities", Resource = "activity", Model = "Activity", Post = true, Patch = true, Put = true });
        Resources.Register(r, new ResourceSpec { Template = "project/tickets", Resource = "ticket", Model = "ProjectTicket", Post = true, Patch = true, Put = true });
    }
}
