using Newtonsoft.Json.Linq;

namespace ConnectWiseSetup.Simulator.Http;

/// <summary>The endpoints the vendor integrations call (seed 001's list and CW-API.md's last section).</summary>
internal static class SampleRoutes
{
    private static void Read(Router r, string template, string resource) =>
        Resources.Register(r, new ResourceSpec { Template = template, Resource = resource });

    private static void Child(Router r, string template, string parent, string resource, bool post = false, bool patch = false, bool put = false, bool delete = false) =>
        Resources.Register(r, new ResourceSpec { Template = template, ParentCollection = parent, Resource = resource, Post = post, Patch = patch, Put = put, Delete = delete });

    /// <summary>Records created by a member default their owner field to the caller.</summary>
    private static JObject OwnedBy(ApiContext c, JObject cand, string field)
    {
        if (cand[field] == null || cand[field].Type == JTokenType.Null)
            cand[field] = new JObject { ["id"] = c.Member["id"], ["identifier"] = c.Member["identifier"], ["name"] = c.Member["name"] };
        return cand;
    }

    public static void Register(Router r)
    {
        // companies and contacts
        Read(r, "company/companies/statuses", "companyStatus");
        Read(r, "company/companies/types", "companyType");
        Resources.Register(r, new ResourceSpec { Template = "company/configurations", Resource = "configuration", Post = true, Patch = true, Put = true });
        Read(r, "company/configurations/statuses", "configurationStatus");
        Read(r, "company/configurations/types", "configurationType");
        Read(r, "company/communicationTypes", "communicationType");
        Resources.Register(r, new ResourceSpec { Template = "company/communicationTypes/info", Collection = "company/communicationTypes", Resource = "communicationType", GetById = false,
            View = (c, rec) => new JObject { ["id"] = rec["id"], ["description"] = rec["description"], ["_info"] = rec["_info"] } });
        Read(r, "company/noteTypes", "noteType");
        Resources.Register(r, new ResourceSpec { Template = "company/contacts", Resource = "contact", Post = true, Patch = true, Put = true });
        Child(r, "company/contacts/{parentId}/notes", "company/contacts", "contactNote", post: true, patch: true);
        r.Add("POST", "company/contacts/validatePortalCredentials", c =>
        {
            var b = c.BodyObject("portalCredentials");
            var email = b.Value<string>("email");
            var ok = c.Tenant.Collection("company/contacts").All.Any(x => x["communicationItems"] is JArray items && items.Any(i => string.Equals((string)i["value"], email, StringComparison.OrdinalIgnoreCase)));
            return ApiResult.Ok(new JObject { ["success"] = ok && b.Value<string>("password") == "portal-pass", ["contactId"] = ok ? 1 : 0 });
        });
        r.Add("POST", "company/contacts/requestPassword", c =>
        {
            c.BodyObject("requestPassword");
            return ApiResult.Ok(new JObject { ["success"] = true });
        });

        // system
        Resources.Register(r, new ResourceSpec { Template = "system/members", Resource = "member" });
        Read(r, "system/audittrail", "auditTrailEntry");
        Resources.Register(r, new ResourceSpec { Template = "system/callbacks", Resource = "callback", Post = true, Delete = true, Put = true, Patch = true,
            Validate = (c, cand, existing) =>
            {
                var url = cand.Value<string>("url");
                if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out _))
                    throw CwApiException.Invalid("callback", CwApiException.FieldError(Fidelity.RequiredFieldCode, "url is required and must be absolute", "callback", "url"));
                cand["memberId"] = c.Member["id"];
                return cand;
            } });
        Read(r, "system/reports", "report");

        // finance
        Read(r, "finance/invoices", "invoice");
        Resources.Register(r, new ResourceSpec { Template = "finance/agreements", Resource = "agreement", Post = true, Patch = true, Put = true });
        Child(r, "finance/agreements/{parentId}/additions", "finance/agreements", "addition", post: true, patch: true, put: true, delete: true);
        Read(r, "finance/billingCycles", "billingCycle");
        Read(r, "finance/billingStatuses", "billingStatus");
        Read(r, "finance/taxCodes", "taxCode");
        Read(r, "finance/billingTerms", "billingTerm");
        Read(r, "procurement/categories", "category");
        Read(r, "expense/types", "expenseType");

        // procurement
        Resources.Register(r, new ResourceSpec { Template = "procurement/catalog", Resource = "catalogItem", Post = true, Patch = true, Put = true });
        Resources.Register(r, new ResourceSpec { Template = "procurement/products", Resource = "productItem", Post = true, Patch = true, Put = true });

        // service desk
        Resources.Register(r, new ResourceSpec { Template = "service/tickets", Resource = "ticket", Post = true, Patch = true, Put = true,
            Validate = (c, cand, existing) =>
            {
                if (string.IsNullOrWhiteSpace(cand.Value<string>("summary")))
                    throw CwApiException.Invalid("ticket", CwApiException.FieldError(Fidelity.RequiredFieldCode, "summary is required", "ticket", "summary"));
                return existing == null ? OwnedBy(c, cand, "owner") : cand;
            } });
        Child(r, "service/tickets/{parentId}/notes", "service/tickets", "ticketNote", post: true, patch: true);
        Child(r, "service/tickets/{parentId}/allnotes", "service/tickets", "ticketNote");
        Child(r, "service/tickets/{parentId}/timeentries", "service/tickets", "timeEntry");
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
        Resources.Register(r, new ResourceSpec { Template = "time/entries", Resource = "timeEntry", Post = true, Patch = true, Put = true, Delete = true,
            Validate = (c, cand, existing) => existing == null ? OwnedBy(c, cand, "member") : cand });
        Read(r, "time/workTypes", "workType");
        Read(r, "time/workRoles", "workRole");
        Resources.Register(r, new ResourceSpec { Template = "schedule/entries", Resource = "scheduleEntry", Post = true, Patch = true, Put = true, Delete = true,
            Validate = (c, cand, existing) => existing == null ? OwnedBy(c, cand, "member") : cand });
        Read(r, "schedule/statuses", "scheduleStatus");
        Resources.Register(r, new ResourceSpec { Template = "expense/entries", Resource = "expenseEntry", Post = true, Patch = true, Put = true,
            Validate = (c, cand, existing) => existing == null ? OwnedBy(c, cand, "member") : cand });

        // sales and project
        Resources.Register(r, new ResourceSpec { Template = "sales/opportunities", Resource = "opportunity", Post = true, Patch = true, Put = true });
        Resources.Register(r, new ResourceSpec { Template = "sales/orders", Resource = "order", Post = true, Patch = true, Put = true });
        Resources.Register(r, new ResourceSpec { Template = "sales/activities", Resource = "activity", Post = true, Patch = true, Put = true });
        Resources.Register(r, new ResourceSpec { Template = "project/tickets", Resource = "ticket", Post = true, Patch = true, Put = true });
    }
}
