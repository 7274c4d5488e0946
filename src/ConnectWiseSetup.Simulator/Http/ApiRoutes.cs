using ConnectWiseSetup.Simulator.Query;
using ConnectWiseSetup.Simulator.Store;
using Newtonsoft.Json.Linq;

namespace ConnectWiseSetup.Simulator.Http;

/// <summary>The API surface: every route under /{codebase}/apis/3.0/.</summary>
internal static class ApiRoutes
{
    public static void Register(Router r)
    {
        // ------------------------------------------------------------------ system
        r.Add("GET", "system/info", c => ApiResult.Ok(new JObject
        {
            ["version"] = Fidelity.SystemInfoVersion,
            ["isCloud"] = Fidelity.IsCloud,
            ["serverTimeZone"] = Fidelity.ServerTimeZone,
            ["licenseBits"] = new JArray(),
            ["cloudRegion"] = Fidelity.CloudRegion,
            ["maxWorkFlowRecordsAllowed"] = 1000,
        }));

        Resources.Register(r, new ResourceSpec { Template = "system/locations", Resource = "location" });
        Resources.Register(r, new ResourceSpec { Template = "system/departments", Resource = "department" });
        Resources.Register(r, new ResourceSpec { Template = "system/timeZoneSetups", Resource = "timeZoneSetup" });
        // an array of CorporateStructure (2025.1), levelCount "Level1".."Level5"
        Resources.Register(r, new ResourceSpec { Template = "system/myCompany/corporateStructure", Resource = "corporateStructure" });
        Resources.Register(r, new ResourceSpec { Template = "system/myCompany/corporateStructureLevels", Resource = "corporateStructureLevel" });

        // ------------------------------------------------------------------ companies
        Resources.Register(r, new ResourceSpec
        {
            Template = "company/companies", Resource = "company", Model = "Company", Post = true, Put = true, Patch = true, Delete = true,
            Validate = (c, cand, existing) => Validation.Company(c, cand, existing),
        });

        // ------------------------------------------------------------------ security roles (no PUT/PATCH: 405)
        Resources.Register(r, new ResourceSpec
        {
            Template = "system/securityroles", Resource = "securityRole", Model = "SecurityRole", Post = true, Delete = true,
            Create = (c, body) => c.Tenant.CreateRole(body, c.By),
        });
        // DELETE goes through the tenant (in-use check, settings removal)
        ReplaceHandler(r, "DELETE", "system/securityroles/{id}", c => { c.Tenant.DeleteRole(c.Int("id")); return ApiResult.NoContent(); });
        Resources.Register(r, new ResourceSpec
        {
            Template = "system/securityroles/info", Resource = "securityRole", GetById = false,
            Collection = TenantState.Roles,
            View = (c, rec) => new JObject { ["id"] = rec["id"], ["name"] = rec["name"], ["roleType"] = rec["roleType"], ["inactiveFlag"] = rec["inactiveFlag"], ["_info"] = rec["_info"] },
        });
        Resources.Register(r, new ResourceSpec
        {
            Template = "system/securityRoles/{parentId}/settings", ParentCollection = TenantState.Roles, Resource = "securityRoleSetting",
        });

        // ------------------------------------------------------------------ API members (no DELETE: 405)
        Resources.Register(r, new ResourceSpec
        {
            Template = TenantState.Members, Resource = "apiMember", Model = "ApiMember", Post = true, Put = true, Patch = true,
            Validate = (c, cand, existing) => Validation.ApiMember(c.Tenant, cand, existing),
            View = (c, rec) => Validation.MemberView(c.Tenant, rec),
        });
        r.Add("GET", "system/apiMembers/default", c => ApiResult.Ok(Validation.DefaultMember(c.Tenant)));
        // the caller's own member record, one MyMember object (Fidelity.MyMembersIsTheCaller)
        r.Add("GET", "system/myMembers", c => ApiResult.Ok(ListQuery.Parse(c.Query, c.Http.Request.Headers, behavior: c.Tenant.Behavior).Project(MyMember(c))));

        // ------------------------------------------------------------------ my security
        // lists only: the 2026.4 catalogue has no /{id} for these, and the 2022.1 spec no /count
        Resources.Register(r, new ResourceSpec
        {
            Template = "system/mySecurity", Resource = "mySecurity", Source = MySecurity, GetById = false, Count = false,
        });
        Resources.Register(r, new ResourceSpec
        {
            Template = "system/mySecurity/customizeItems", Resource = "customizeItem", Source = MyCustomizeItems, GetById = false, Count = false,
        });

        SampleRoutes.Register(r);
        Permissions.Bind(r);
    }

    private static void ReplaceHandler(Router r, string method, string template, ApiHandler h)
    {
        var list = (List<Route>)r.Routes;
        var i = list.FindIndex(x => x.Method == method && x.Template.Equals(template, StringComparison.OrdinalIgnoreCase));
        list[i] = new Route { Method = method, Template = list[i].Template, Segments = list[i].Segments, Handler = h };
    }

    private static readonly JObject MySecurityTemplate = new()
    {
        ["id"] = 0, ["member"] = new JObject { ["id"] = 0, ["identifier"] = "" },
        ["moduleIdentifier"] = "", ["moduleName"] = "", ["moduleDescription"] = "", ["moduleFunctionIdentifier"] = "",
        ["moduleFunctionName"] = "", ["moduleFunctionDescription"] = "", ["addLevel"] = "", ["editLevel"] = "",
        ["deleteLevel"] = "", ["inquireLevel"] = "", ["myAllFlag"] = false, ["customFlag"] = false, ["reportFlag"] = false,
        ["restrictFlag"] = false, ["sortOrder"] = 0,
    };

    /// <summary>The caller as MyMember (2025.1): an API member's name is its firstName; references as the member record has them.</summary>
    private static JObject MyMember(ApiContext c)
    {
        var m = Validation.MemberView(c.Tenant, c.Member);
        var o = new JObject
        {
            ["id"] = m["id"], ["identifier"] = m["identifier"], ["firstName"] = m["name"] ?? "", ["lastName"] = "",
            ["officeEmail"] = m["emailAddress"], ["defaultEmail"] = "Office", ["defaultPhone"] = "Office",
            ["inactiveFlag"] = m["inactiveFlag"] ?? false, ["licenseClass"] = "A",
            ["invoicingDisplayOptions"] = Fidelity.InvoicingDisplayOption, ["agreementInvoicingDisplayOptions"] = Fidelity.InvoicingDisplayOption,
            ["invoiceScreenDefaultTabFormat"] = Fidelity.InvoiceScreenDefaultTab,
        };
        foreach (var f in new[] { "timeZone", "defaultLocation", "defaultDepartment", "securityLocation", "structureLevel", "serviceDefaultBoard", "excludedServiceBoardIds", "_info" })
            if (m[f] != null && m[f].Type != JTokenType.Null) o[f] = m[f].DeepClone();
        return o;
    }

    private static int RoleOf(ApiContext c) => c.Member["securityRole"]?.Value<int?>("id") ?? 0;

    // Fidelity.MySecurityIsTheRolesGrid: the member's role's rows, each carrying the member (ServerBehavior.MySecurityRows "omitNone":
    // without the rows whose four levels are None).
    private static RecordCollection MySecurity(ApiContext c)
    {
        var coll = new RecordCollection("system/mySecurity", MySecurityTemplate);
        var member = new JObject { ["id"] = c.Member["id"], ["identifier"] = c.Member["identifier"], ["name"] = c.Member["name"] };
        var omitNone = c.Tenant.Behavior.MySecurityRows == ServerBehavior.MySecurityForm.OmitNone;
        foreach (var row in c.Tenant.Collection(TenantState.SettingsOf(RoleOf(c))).All)
        {
            if (omitNone && new[] { "addLevel", "editLevel", "deleteLevel", "inquireLevel" }.All(l => row.Value<string>(l) == "None")) continue;
            var o = new JObject { ["id"] = row["id"], ["member"] = member.DeepClone() };
            foreach (var p in row.Properties()) if (p.Name != "id" && p.Name != "_info") o[p.Name] = p.Value.DeepClone();
            coll.Add(o);
        }
        return coll;
    }

    private static RecordCollection MyCustomizeItems(ApiContext c)
    {
        var coll = new RecordCollection("system/mySecurity/customizeItems",
            new JObject { ["id"] = 0, ["customizeIdentifier"] = "", ["itemIdentifier"] = "" });
        foreach (var item in c.Tenant.GetCustomizeItems(RoleOf(c)))
            coll.Add(new JObject { ["id"] = item.Id, ["customizeIdentifier"] = item.CustomizeIdentifier, ["itemIdentifier"] = item.ItemIdentifier });
        return coll;
    }
}
