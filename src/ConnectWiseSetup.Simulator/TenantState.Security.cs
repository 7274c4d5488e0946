using ConnectWiseSetup.Simulator.Http;
using ConnectWiseSetup.Simulator.Store;
using Newtonsoft.Json.Linq;

namespace ConnectWiseSetup.Simulator;

/// <summary>One level change a person makes in the role screen (labels as the UI shows them; null: unchanged).</summary>
public sealed class RoleSettingChange
{
    public string Module { get; set; }
    public string Function { get; set; }
    public string AddLevel { get; set; }
    public string EditLevel { get; set; }
    public string DeleteLevel { get; set; }
    public string InquireLevel { get; set; }
}

public sealed partial class TenantState
{
    internal const string Roles = "system/securityroles";
    internal const string Members = "system/apiMembers";
    internal static string SettingsOf(int roleId) => $"system/securityRoles/{roleId}/settings";

    // roleId -> customizeIdentifier -> (allowAll, item ids)
    private readonly Dictionary<int, Dictionary<string, (bool AllowAll, HashSet<int> Items)>> _customize = new();

    private static readonly string[] LevelFields = { "addLevel", "editLevel", "deleteLevel", "inquireLevel" };
    private static readonly string[] Levels = { "None", "My", "All" };

    internal static int LevelRank(string level) => Array.FindIndex(Levels, l => l.Equals(level, StringComparison.OrdinalIgnoreCase));

    /// <summary>Validates and creates a role with one settings row per catalogue function (None; All for adminFlag).</summary>
    internal JObject CreateRole(JObject body, string by)
    {
        var name = body.Value<string>("name")?.Trim();
        var errors = new List<JObject>();
        if (string.IsNullOrEmpty(name))
            errors.Add(CwApiException.FieldError(Fidelity.RequiredFieldCode, Fidelity.RequiredFieldMessage("name"), "securityRole", "name"));
        else if (name.Length > Fidelity.RoleNameMax)
            errors.Add(CwApiException.FieldError(Fidelity.MaxLengthCode, Fidelity.MaxLengthMessage("name", Fidelity.RoleNameMax), "securityRole", "name"));
        else if (Collection(Roles).All.Any(r => string.Equals(r.Value<string>("name"), name, StringComparison.OrdinalIgnoreCase)))
            errors.Add(CwApiException.FieldError(Fidelity.ObjectExistsCode, $"A security role named '{name}' already exists", "securityRole", "name"));
        var roleType = body.Value<string>("roleType") ?? Fidelity.DefaultRoleType;
        if (roleType.Length > 30)
            errors.Add(CwApiException.FieldError(Fidelity.MaxLengthCode, Fidelity.MaxLengthMessage("roleType", 30), "securityRole", "roleType"));
        if (errors.Count > 0) throw CwApiException.Invalid("securityRole", errors.ToArray());

        bool admin = ReadBool(body, "adminFlag", "securityRole");
        bool inactive = ReadBool(body, "inactiveFlag", "securityRole");
        var role = new JObject
        {
            ["id"] = 0, ["name"] = name, ["roleType"] = roleType, ["adminFlag"] = admin, ["inactiveFlag"] = inactive,
        };
        Stamp(role, by, true);
        Collection(Roles).Add(role);
        var settings = Collection(SettingsOf(role.Value<int>("id")));
        var level = admin ? Fidelity.AdminRoleLevel : Fidelity.NewRoleLevel;
        foreach (var f in Catalog.Functions)
        {
            var row = new JObject
            {
                ["id"] = NextSettingId(),
                ["moduleIdentifier"] = f.ModuleIdentifier,
                ["moduleName"] = Fidelity.ModuleName(f.ModuleLabel),
                ["moduleDescription"] = f.ModuleLabel,
                ["moduleFunctionIdentifier"] = f.FunctionIdentifier,
                ["moduleFunctionName"] = f.FunctionName,
                ["moduleFunctionDescription"] = f.Label,
                ["addLevel"] = level, ["editLevel"] = level, ["deleteLevel"] = level, ["inquireLevel"] = level,
                ["myAllFlag"] = f.MyAllFlag,
                ["customFlag"] = f.CustomFlag,
                ["reportFlag"] = f.Label.EndsWith("Reports", StringComparison.Ordinal),
                ["restrictFlag"] = false,
                ["sortOrder"] = f.SortOrder,
            };
            Stamp(row, by, true);
            settings.Add(row);
        }
        if (admin)
        {
            var all = new Dictionary<string, (bool, HashSet<int>)>(StringComparer.OrdinalIgnoreCase);
            foreach (var l in Catalog.CustomizeLists.Values) all[l.CustomizeIdentifier] = (true, new HashSet<int>());
            _customize[role.Value<int>("id")] = all;
        }
        return role;
    }

    private static bool ReadBool(JObject body, string field, string resource)
    {
        var t = body[field];
        if (t == null || t.Type == JTokenType.Null) return false;
        if (t.Type == JTokenType.Boolean) return (bool)t;
        throw CwApiException.Invalid(resource, CwApiException.FieldError(Fidelity.InvalidFieldCode, $"{field} must be true or false", resource, field));
    }

    internal void DeleteRole(int id)
    {
        var role = Collection(Roles).Get(id) ?? throw CwApiException.NotFound($"SecurityRole with id {id} not found");
        var users = Collection(Members).All.Where(m => m["securityRole"]?.Value<int?>("id") == id).ToList();
        if (users.Count > 0)
            throw new CwApiException(409, Fidelity.ConflictCode,
                $"Security role '{role.Value<string>("name")}' cannot be deleted: it is assigned to {users.Count} member(s).",
                new JArray(CwApiException.FieldError(Fidelity.InUseErrorCode, "The security role is in use by member " + users[0].Value<string>("identifier"), "securityRole", "id")));
        Collection(Roles).Remove(id);
        _collections.Remove(SettingsOf(id));
        _customize.Remove(id);
    }

    /// <summary>Sets permission levels as a person does in the role screen. Unknown rows or levels not allowed → 400.</summary>
    public void SetRoleLevels(int roleId, IEnumerable<RoleSettingChange> changes, string by = "operator")
    {
        lock (Sync)
        {
            if (Collection(Roles).Get(roleId) == null) throw CwApiException.NotFound($"SecurityRole with id {roleId} not found");
            var rows = Collection(SettingsOf(roleId));
            var plan = new List<(JObject Row, string Field, string Level)>();
            foreach (var c in changes)
            {
                var f = Catalog.Find(c.Module, c.Function)
                    ?? throw CwApiException.BadRequest($"No function '{c.Function}' in module '{c.Module}'");
                var row = rows.All.First(r => r.Value<string>("moduleFunctionIdentifier") == f.FunctionIdentifier);
                foreach (var (field, value) in new[] { ("addLevel", c.AddLevel), ("editLevel", c.EditLevel), ("deleteLevel", c.DeleteLevel), ("inquireLevel", c.InquireLevel) })
                {
                    if (value == null) continue;
                    int rank = LevelRank(value);
                    if (rank < 0) throw CwApiException.BadRequest($"{field} '{value}' is not one of None, My, All");
                    if (rank == 1 && !f.MyAllFlag) throw CwApiException.BadRequest($"{f.ModuleLabel} / {f.Label} offers no My level ({field})");
                    plan.Add((row, field, Levels[rank]));
                }
            }
            foreach (var (row, field, level) in plan) { row[field] = level; Stamp(row, by, false); }
        }
    }

    /// <summary>Sets a role's Customize list (allowAll, or the allowed items by label or itemIdentifier).</summary>
    public void SetCustomize(int roleId, string customizeIdentifier, bool allowAll, IEnumerable<string> items)
    {
        lock (Sync)
        {
            if (Collection(Roles).Get(roleId) == null) throw CwApiException.NotFound($"SecurityRole with id {roleId} not found");
            // By its identifier (SystemTableSetup) or by the name the checklist prints (Table Setup > customize).
            var list = Catalog.FindCustomizeList(customizeIdentifier, out var problem) ?? throw CwApiException.BadRequest(problem);
            customizeIdentifier = list.CustomizeIdentifier;
            var ids = new HashSet<int>();
            foreach (var label in items ?? Enumerable.Empty<string>())
            {
                var n = Fidelity.NormalizeLabel(label);
                var item = list.Items.FirstOrDefault(i => Fidelity.NormalizeLabel(i.Label) == n || Fidelity.NormalizeLabel(i.ItemIdentifier) == n)
                    ?? throw CwApiException.BadRequest($"'{label}' is not an item of {customizeIdentifier}");
                ids.Add(item.Id);
            }
            if (!_customize.TryGetValue(roleId, out var perRole)) _customize[roleId] = perRole = new(StringComparer.OrdinalIgnoreCase);
            perRole[list.CustomizeIdentifier] = (allowAll, ids);
        }
    }

    /// <summary>The Customize items a role is allowed (allowAll expands to every item of the list).</summary>
    public IReadOnlyList<CustomizeItem> GetCustomizeItems(int roleId)
    {
        lock (Sync)
        {
            var result = new List<CustomizeItem>();
            if (!_customize.TryGetValue(roleId, out var perRole)) return result;
            foreach (var list in Catalog.CustomizeLists.Values)
            {
                if (!perRole.TryGetValue(list.CustomizeIdentifier, out var setting)) continue;
                result.AddRange(list.Items.Where(i => setting.AllowAll || setting.Items.Contains(i.Id)));
            }
            return result;
        }
    }

    /// <summary>The role's level for a catalogue function and method ("None" when no row).</summary>
    internal string LevelOf(int roleId, CatalogFunction f, string levelField)
    {
        var row = Collection(SettingsOf(roleId)).All.FirstOrDefault(r => r.Value<string>("moduleFunctionIdentifier") == f.FunctionIdentifier);
        return row?.Value<string>(levelField) ?? "None";
    }
}
