using ConnectWiseSetup.Simulator.Query;
using Newtonsoft.Json.Linq;

namespace ConnectWiseSetup.Simulator.Http;

/// <summary>
/// The standard reports a public client reads by name (GET system/reports/{reportName}), in ReportDataResponse's shape: column_definitions,
/// one single-property object per column ({"Description": {"type", "isNullable", "identityColumn"}}), and row_values, arrays in column
/// order. Names, columns and types: Fidelity.StandardReportsAsListed. Rows come from the tenant's records.
/// </summary>
internal static class StandardReports
{
    internal sealed record Column(string Name, string Type, bool Nullable, bool Identity = false);

    internal sealed class Report
    {
        public string Name { get; init; }
        public Column[] Columns { get; init; }
        /// <summary>The rows, each a value per column (in column order).</summary>
        public Func<TenantState, IEnumerable<object[]>> Rows { get; init; }
    }

    private const string Updated = "2025-01-02T09:00:00Z";
    private const string Zone = "Eastern Standard Time";

    private static Column Id(string name) => new(name, "Numeric", false, true);
    private static Column Text(string name, bool nullable = true) => new(name, "Text", nullable);
    private static Column Num(string name, bool nullable = true) => new(name, "Numeric", nullable);
    private static Column Bool(string name, bool nullable = false) => new(name, "Boolean", nullable);
    private static Column Date(string name) => new(name, "DateTime", true);

    private static IEnumerable<JObject> Records(TenantState t, string collection) => t.Collection(collection).All;

    public static readonly IReadOnlyList<Report> All = new[]
    {
        new Report
        {
            Name = "ChargeCode",
            Columns = new[] { Text("Description"), Date("Last_Update"), Id("TE_Charge_Code_RecID"), Text("Time_Zone"), Text("Updated_By") },
            Rows = t => new[] { "Admin Time", "Holiday", "Sick Leave", "Training", "Vacation" }
                .Select((d, i) => new object[] { d, Updated, i + 1, Zone, "Seed" }),
        },
        new Report
        {
            Name = "BillingCycle",
            Columns = new[] { Text("Bill_Cycle_Desc", false), Text("Bill_Cycle_ID", false), Id("Bill_Cycle_RecID"), Bool("Default_Flag"), Bool("Inactive_Flag", true), Date("Last_Update"), Text("Time_Zone"), Text("Updated_By") },
            Rows = t => Records(t, "finance/billingCycles").Select(r => new object[]
                { (string)r["name"], (string)r["identifier"], (int)r["id"], (bool?)r["defaultFlag"] ?? false, false, Updated, Zone, "Seed" }),
        },
        new Report
        {
            Name = "BillingTerms",
            Columns = new[] { Id("Billing_Terms_RecID"), Bool("Default_Flag"), Text("Description") },
            Rows = t => Records(t, "finance/billingTerms").Select(r => new object[] { (int)r["id"], (bool?)r["defaultFlag"] ?? false, (string)r["name"] }),
        },
        new Report
        {
            Name = "CompanyStatus",
            Columns = new[] { Bool("Cancel_Track_Flag", true), Text("Company_Status_Desc"), Id("Company_Status_RecID"), Bool("CustomNote_Flag", true), Bool("Default_Flag"), Bool("Import_Flag"), Bool("Inactive_Flag"), Date("Last_Update"), Bool("NoService_Flag", true), Bool("Notify_Flag", true), Text("Notify_Message"), Bool("StandardNote_Flag", true), Text("Time_Zone"), Text("Updated_By"), Num("WF_Track_Header_RecID") },
            Rows = t => Records(t, "company/companies/statuses").Select(r => new object[]
                { false, (string)r["name"], (int)r["id"], false, (bool?)r["defaultFlag"] ?? false, false, (bool?)r["inactiveFlag"] ?? false, Updated, false, false, null, false, Zone, "Seed", null }),
        },
        new Report
        {
            Name = "CompanyType",
            Columns = new[] { Text("Company_Type_Desc", false), Id("Company_Type_RecID"), Bool("Default_Flag"), Bool("Import_Flag"), Date("Last_Update"), Text("Time_Zone"), Text("Updated_By") },
            Rows = t => Records(t, "company/companies/types").Select(r => new object[] { (string)r["name"], (int)r["id"], (bool?)r["defaultFlag"] ?? false, false, Updated, Zone, "Seed" }),
        },
        new Report
        {
            Name = "Company",
            Columns = new[] { Text("Account_Nbr"), Num("Annual_Revenue"), Bool("Billable_Flag"), Text("Billing_Terms_Desc"), Num("Billing_Terms_RecID"), Text("Company_Calendar"), Text("Company_ID"), Text("Company_Name"), Id("Company_RecID"), Text("Company_Status_Desc"), Num("Company_Status_RecID") },
            Rows = t => Records(t, "company/companies").Select(r => new object[]
                { null, null, true, "Net 30", 1, null, (string)r["identifier"], (string)r["name"], (int)r["id"], (string)r["status"]?["name"], (int?)r["status"]?["id"] }),
        },
    };

    public static Report Find(string name) => All.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));

    private static Report Named(ApiContext c) =>
        Find(c.Values["reportName"]) ?? throw CwApiException.NotFound($"Report '{c.Values["reportName"]}' was not found.");

    private static JObject Definition(Column col) => new()
    {
        [col.Name] = new JObject { ["type"] = col.Type, ["isNullable"] = col.Nullable, ["identityColumn"] = col.Identity },
    };

    /// <summary>GET system/reports/{reportName}/columns: the column definitions alone.</summary>
    public static ApiResult Columns(ApiContext c) => ApiResult.Ok(new JArray(Named(c).Columns.Select(Definition)));

    /// <summary>GET system/reports/{reportName}/count: the rows the conditions keep, as {"count": n}.</summary>
    public static ApiResult Count(ApiContext c)
    {
        var report = Named(c);
        var names = new HashSet<string>(report.Columns.Select(x => x.Name), StringComparer.OrdinalIgnoreCase);
        var q = ListQuery.Parse(c.Query, c.Http.Request.Headers, names.Contains, behavior: c.Tenant.Behavior);
        return ApiResult.Ok(new JObject { ["count"] = q.Filter(RowObjects(c, report)).Count() });
    }

    private static IEnumerable<JObject> RowObjects(ApiContext c, Report report) => report.Rows(c.Tenant).Select(values =>
    {
        var o = new JObject();
        for (int i = 0; i < report.Columns.Length; i++) o[report.Columns[i].Name] = values[i] == null ? JValue.CreateNull() : JToken.FromObject(values[i]);
        return o;
    });

    /// <summary>GET system/reports/{reportName}: conditions, orderBy, page and pageSize on the columns, and columns= to choose some of them.</summary>
    public static ApiResult Data(ApiContext c)
    {
        var report = Named(c);
        var names = new HashSet<string>(report.Columns.Select(x => x.Name), StringComparer.OrdinalIgnoreCase);
        var q = ListQuery.Parse(c.Query, c.Http.Request.Headers, names.Contains, behavior: c.Tenant.Behavior);
        var wanted = report.Columns.ToList();
        var asked = c.Query["columns"].ToString();
        if (!string.IsNullOrWhiteSpace(asked))
        {
            var list = asked.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var n in list)
                if (!names.Contains(n)) throw CwApiException.FindCondition(Fidelity.NotRecognizedMessage(n));
            wanted = list.Select(n => report.Columns.First(x => x.Name.Equals(n, StringComparison.OrdinalIgnoreCase))).Distinct().ToList();
        }
        var rows = RowObjects(c, report);
        var page = q.Sort(q.Filter(rows)).Skip((int)Math.Min(int.MaxValue, (long)(q.Page - 1) * q.RowsPerPage)).Take(q.RowsPerPage);
        return ApiResult.Ok(new JObject
        {
            ["column_definitions"] = new JArray(wanted.Select(Definition)),
            ["row_values"] = new JArray(page.Select(o => new JArray(wanted.Select(col => o[col.Name].DeepClone())))),
        });
    }
}
