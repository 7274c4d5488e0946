using ConnectWiseSetup.Simulator.Store;
using Newtonsoft.Json.Linq;

namespace ConnectWiseSetup.Simulator;

/// <summary>Seeds a tenant: reference data, companies, the Admin role and administrator API member with a key.</summary>
internal static partial class Seeder
{
    internal const string AdminRoleName = "Admin";
    internal const string AdminIdentifier = "SimAdmin";

    private static JObject Rec(TenantState t, string collection, JObject o, bool stamp = true)
    {
        if (stamp) TenantState.Stamp(o, "Seed", true);
        if (o["id"] == null) o["id"] = 0;
        return t.Collection(collection).Add(o);
    }

    public static void SeedTenant(TenantState t, int index)
    {
        var rnd = new Random(t.CompanyId.GetHashCode(StringComparison.Ordinal) ^ index);
        t.CompanyName = index == 1 ? "Simulated MSP" : $"Simulated MSP {index}";
        t.ClientId = t.Options.Seed == null ? Guid.NewGuid().ToString() : GuidFrom(new Random(t.Options.Seed.Value + index));

        // reference data: one location, one department, one default time zone, corporate structure
        // CorporateStructureLevel is {id, name} (no _info); CorporateStructure's levelCount is "Level1".."Level5" (2025.1)
        var levels = new[] { "Corporate", "Territory", "Location", "Business Unit" };
        for (int i = 0; i < levels.Length; i++)
            Rec(t, "system/myCompany/corporateStructureLevels", new JObject { ["id"] = i + 1, ["name"] = levels[i] }, stamp: false);
        Rec(t, "system/myCompany/corporateStructure", new JObject
        {
            ["id"] = 1, ["levelCount"] = "Level" + levels.Length, ["level1Name"] = levels[0], ["level2Name"] = levels[1],
            ["level3Name"] = levels[2], ["level4Name"] = levels[3], ["level5Name"] = null,
            ["baseCurrency"] = new JObject { ["id"] = 1, ["symbol"] = "$", ["currencyCode"] = "USD", ["currencyIdentifier"] = "USD", ["name"] = "US Dollars" },
            ["fiscalYearStart"] = "January", ["groupCaption"] = "Group", ["locationCaption"] = "Location",
        });
        Rec(t, "system/locations", Location(1, "Main Office"));
        Rec(t, "system/departments", Department(1, "Services"));
        int tz = 0;
        foreach (var (name, offset, dflt) in new[] { ("Eastern Standard Time", -5.0m, true), ("Central Standard Time", -6.0m, false), ("Pacific Standard Time", -8.0m, false), ("GMT Standard Time", 0m, false) })
            Rec(t, "system/timeZoneSetups", new JObject { ["id"] = ++tz, ["name"] = name, ["offset"] = offset, ["defaultFlag"] = dflt, ["daylightSavingsFlag"] = true, ["timeZone"] = new JObject { ["id"] = tz, ["name"] = name } });

        // companies
        Rec(t, "company/companies", Company(t, 1, "SimulatedMSP", t.CompanyName, "Owner"));
        foreach (var (ident, name, type) in new[] { ("Contoso", "Contoso Ltd", "Customer"), ("Fabrikam", "Fabrikam Inc", "Customer"), ("Northwind", "Northwind Traders", "Prospect"), ("AdventureWorks", "Adventure Works", "Customer") })
            Rec(t, "company/companies", Company(t, 0, ident, name, type));

        // roles and the administrator API member
        var admin = t.CreateRole(new JObject { ["name"] = AdminRoleName, ["adminFlag"] = true, ["roleType"] = Fidelity.DefaultRoleType }, "Seed");
        var tech = t.CreateRole(new JObject { ["name"] = "Technician", ["adminFlag"] = false, ["roleType"] = Fidelity.DefaultRoleType }, "Seed");
        t.SetRoleLevels(tech.Value<int>("id"), new[]
        {
            new RoleSettingChange { Module = "Service Desk", Function = "Service Tickets", AddLevel = "All", EditLevel = "All", DeleteLevel = "My", InquireLevel = "All" },
            new RoleSettingChange { Module = "Time & Expense", Function = "Time Entry", AddLevel = "All", EditLevel = "My", DeleteLevel = "My", InquireLevel = "All" },
            new RoleSettingChange { Module = "Companies", Function = "Company Maintenance", InquireLevel = "All" },
        }, "Seed");

        var member = Validation_ApiMember(t, AdminIdentifier, "Simulator Administrator", admin.Value<int>("id"));
        var key = t.CreateApiKey(member.Value<int>("id"), "Simulator administrator key");

        if (t.Options.SeedSampleData) SeedSampleData(t);

        t.Info = new TenantInfo
        {
            CompanyId = t.CompanyId, CompanyName = t.CompanyName, ClientId = t.ClientId,
            PublicKey = key.PublicKey, PrivateKey = key.PrivateKey,
            AdminMemberIdentifier = AdminIdentifier, AdminMemberId = member.Value<int>("id"),
            AdminRoleName = AdminRoleName, AdminRoleId = admin.Value<int>("id"),
        };
    }

    private static string GuidFrom(Random r)
    {
        var b = new byte[16]; r.NextBytes(b);
        b[7] = (byte)((b[7] & 0x0F) | 0x40); b[8] = (byte)((b[8] & 0x3F) | 0x80);
        return new Guid(b).ToString();
    }

    internal static JObject Validation_ApiMember(TenantState t, string identifier, string name, int roleId)
    {
        var cand = new JObject
        {
            ["identifier"] = identifier, ["name"] = name, ["securityRole"] = new JObject { ["id"] = roleId },
            ["structureLevel"] = new JObject { ["id"] = 1 }, ["securityLocation"] = new JObject { ["id"] = 1 },
            ["defaultLocation"] = new JObject { ["id"] = 1 }, ["defaultDepartment"] = new JObject { ["id"] = 1 },
            ["timeZone"] = new JObject { ["id"] = 1 },
        };
        var rec = Http.Validation.ApiMember(t, cand, null);
        return Rec(t, TenantState.Members, rec);
    }

    internal static JObject Location(int id, string name) => new()
    {
        ["id"] = id, ["name"] = name, ["ownerLevelId"] = 1,
        ["structureLevel"] = new JObject { ["id"] = 1, ["name"] = "Corporate" }, ["locationFlag"] = true, ["clientFlag"] = false,
    };

    /// <summary>A department: identifier (at most 15, 2025.1) from the name's letters and digits.</summary>
    internal static JObject Department(int id, string name)
    {
        var ident = new string(name.Where(char.IsLetterOrDigit).ToArray());
        return new() { ["id"] = id, ["identifier"] = ident.Length > 15 ? ident.Substring(0, 15) : ident, ["name"] = name };
    }

    private static readonly Dictionary<string, int> CompanyTypes = new() { ["Owner"] = 1, ["Customer"] = 2, ["Prospect"] = 3, ["Vendor"] = 4 };

    internal static JObject CompanyTemplate(TenantState t) => new()
    {
        ["id"] = 0, ["identifier"] = null, ["name"] = null,
        ["status"] = new JObject { ["id"] = 1, ["name"] = "Active" },
        ["types"] = new JArray(new JObject { ["id"] = 2, ["name"] = "Customer" }),
        ["addressLine1"] = null, ["addressLine2"] = null, ["city"] = null, ["state"] = null, ["zip"] = null,
        ["country"] = new JObject { ["id"] = 1, ["name"] = "United States" },
        ["phoneNumber"] = null, ["faxNumber"] = null, ["website"] = null,
        ["territory"] = new JObject { ["id"] = 1, ["name"] = "Main" },
        ["market"] = null, ["numberOfEmployees"] = null,
        ["dateAcquired"] = "2020-01-01T00:00:00Z", ["deletedFlag"] = false, ["leadFlag"] = false, ["unsubscribeFlag"] = false,
    };

    internal static JObject Company(TenantState t, int id, string identifier, string name, string type, int n = 0)
    {
        var c = CompanyTemplate(t);
        c["id"] = id;
        c["identifier"] = identifier;
        c["name"] = name;
        c["types"] = new JArray(new JObject { ["id"] = CompanyTypes[type], ["name"] = type });
        c["addressLine1"] = $"{100 + (n % 900)} Main Street";
        c["city"] = "Tampa"; c["state"] = "FL"; c["zip"] = "33602";
        c["phoneNumber"] = $"8135550{(n % 1000):000}";
        c["website"] = $"www.{identifier.ToLowerInvariant()}.example";
        c["dateAcquired"] = new DateTime(2020, 1, 1).AddDays(n % 1500).ToString("yyyy-MM-ddT00:00:00Z");
        return c;
    }

    /// <summary>Adds count companies BulkCo00001.. (operator bulk route, for paging tests).</summary>
    public static int AddBulkCompanies(TenantState t, int count)
    {
        var coll = t.Collection("company/companies");
        int start = coll.All.Count(c => c.Value<string>("identifier")?.StartsWith("BulkCo", StringComparison.Ordinal) == true);
        for (int i = 1; i <= count; i++)
        {
            int n = start + i;
            var c = Company(t, 0, $"BulkCo{n:00000}", $"Bulk Company {n:00000}", n % 3 == 0 ? "Prospect" : "Customer", n);
            Rec(t, "company/companies", c);
        }
        return coll.Count;
    }
}
