using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace ConnectWiseSetup.Simulator.Http;

/// <summary>
/// /_operator/: what a person does in the web UI (permission levels, Customize lists, API keys) and test controls
/// (faults, behaviour, request log, bulk data). Requires X-Operator-Token; API credentials never grant access. No faults apply here.
/// </summary>
internal sealed class OperatorChannel
{
    private readonly SimulatorServer _server;
    private static readonly JsonSerializer Camel = JsonSerializer.Create(new JsonSerializerSettings
    {
        ContractResolver = new CamelCasePropertyNamesContractResolver(),
        DateFormatString = "yyyy-MM-ddTHH:mm:ss.fffZ",
        DateTimeZoneHandling = DateTimeZoneHandling.Utc,
    });

    public OperatorChannel(SimulatorServer server) => _server = server;

    private static JToken J(object o) => JToken.FromObject(o, Camel);

    public async Task<ApiResult> HandleAsync(HttpContext ctx, string[] segs, Action<TenantState> setTenant)
    {
        var token = ctx.Request.Headers["X-Operator-Token"].ToString();
        if (string.IsNullOrEmpty(token) || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(_server.OperatorToken)))
            throw new CwApiException(401, "Unauthorized", "The operator channel requires a valid X-Operator-Token header.");
        var method = ctx.Request.Method.ToUpperInvariant();
        JToken body = null;
        if (method is "POST" or "PUT" or "PATCH") body = await SimulatorServer.ReadJsonBodyAsync(ctx, required: false).ConfigureAwait(false);

        bool Is(int i, string s) => segs.Length > i && segs[i].Equals(s, StringComparison.OrdinalIgnoreCase);
        ApiResult NotAllowed() => throw new CwApiException(405, Fidelity.MethodNotAllowedCode, $"The operator resource does not support http method '{method}'.");

        if (segs.Length == 1 && Is(0, "requests"))
            return method == "GET" ? ApiResult.Ok(J(_server.GlobalRequestLog)) : NotAllowed();
        if (segs.Length == 1 && Is(0, "tenants"))
            return method == "GET" ? ApiResult.Ok(new JArray(_server.Tenants.Select(TenantJson))) : NotAllowed();
        if (segs.Length == 1 && Is(0, "behavior"))
        {
            // The server's defaults: what requests naming no known tenant get (an unknown company), not the tenants' own behaviour.
            if (method == "GET") return ApiResult.Ok(_server.Options.Behavior.ToJson());
            if (method == "DELETE") { _server.Options.Behavior = new ServerBehavior(); return ApiResult.NoContent(); }
            if (method == "PUT") { _server.Options.Behavior = MergeBehavior(_server.Options.Behavior, body); return ApiResult.Ok(_server.Options.Behavior.ToJson()); }
            return NotAllowed();
        }
        if (segs.Length < 3 || !Is(0, "tenants")) throw CwApiException.NotFound("No operator resource at " + ctx.Request.Path);

        var tenant = _server.FindTenant(Uri.UnescapeDataString(segs[1])) ?? throw CwApiException.NotFound($"No tenant '{segs[1]}'");
        setTenant(tenant);
        var rest = segs.Skip(2).ToArray();
        bool R(int i, string s) => rest.Length > i && rest[i].Equals(s, StringComparison.OrdinalIgnoreCase);
        int Id(int i) => int.TryParse(rest[i], out var v) ? v : throw CwApiException.NotFound($"'{rest[i]}' is not an id");

        lock (tenant.Sync)
        {
            switch (rest.Length)
            {
                case 1 when R(0, "requests"):
                    if (method == "GET") return ApiResult.Ok(J(tenant.RequestLog));
                    if (method == "DELETE") { tenant.ClearRequestLog(); return ApiResult.NoContent(); }
                    return NotAllowed();
                case 1 when R(0, "faults"):
                    if (method == "GET") return ApiResult.Ok(FaultsJson(tenant));
                    if (method == "DELETE") { tenant.ClearFaults(); return ApiResult.NoContent(); }
                    if (method == "PUT")
                    {
                        if (body is not JObject) throw CwApiException.BadRequest("Fault settings must be a JSON object.");
                        FaultSettings fs;
                        try { fs = body.ToObject<FaultSettings>(); }
                        catch (Exception e) when (e is JsonException or FormatException or InvalidCastException or ArgumentException)
                        { throw CwApiException.BadRequest("Invalid fault settings: " + e.Message); }
                        // A rate of 1.5 or -0.1 was taken silently and acted as 1 or 0: say so instead.
                        if (fs.Problem() is string problem) throw CwApiException.BadRequest("Invalid fault settings: " + problem);
                        tenant.SetFaults(fs);
                        return ApiResult.Ok(FaultsJson(tenant));
                    }
                    return NotAllowed();
                case 1 when R(0, "behavior"):
                    if (method == "GET") return ApiResult.Ok(tenant.Behavior.ToJson());
                    if (method == "DELETE") { tenant.ResetBehavior(); return ApiResult.NoContent(); }
                    if (method == "PUT") { tenant.Behavior = MergeBehavior(tenant.Behavior, body); return ApiResult.Ok(tenant.Behavior.ToJson()); }
                    return NotAllowed();
                case 2 when R(0, "companies") && R(1, "bulk"):
                    if (method != "POST") return NotAllowed();
                    var count = body?.Value<int?>("count") ?? 0;
                    if (count < 1 || count > 100_000) throw CwApiException.BadRequest("count must be 1..100000");
                    return ApiResult.Created(new JObject { ["added"] = count, ["total"] = Seeder.AddBulkCompanies(tenant, count) });
                case 1 when R(0, "locations") || R(0, "departments"):
                    if (method != "POST") return NotAllowed();
                    var name = body?.Value<string>("name");
                    if (string.IsNullOrWhiteSpace(name)) throw CwApiException.BadRequest("name is required");
                    var coll = tenant.Collection("system/" + rest[0].ToLowerInvariant());
                    var rec = R(0, "locations") ? Seeder.Location(0, name) : Seeder.Department(0, name);
                    TenantState.Stamp(rec, "operator", true);
                    return ApiResult.Created(coll.Add(rec));
                case 1 when R(0, "securityroles"):
                    // The roles' ids and names, so a person can name a role as the web UI lists it.
                    if (method != "GET") return NotAllowed();
                    return ApiResult.Ok(new JArray(tenant.Collection(TenantState.Roles).All.Select(r => new JObject { ["id"] = r["id"], ["name"] = r["name"] })));
                case 3 when R(0, "securityroles") && R(2, "settings"):
                    if (method != "PUT") return NotAllowed();
                    if (body is not JArray changes) throw CwApiException.BadRequest("Settings must be a JSON array of {module, function, addLevel, editLevel, deleteLevel, inquireLevel}.");
                    var list = new List<RoleSettingChange>();
                    foreach (var ch in changes)
                    {
                        if (ch is not JObject o || o.Value<string>("module") == null || o.Value<string>("function") == null)
                            throw CwApiException.BadRequest("Each setting needs module and function.");
                        list.Add(o.ToObject<RoleSettingChange>());
                    }
                    tenant.SetRoleLevels(Id(1), list);
                    return ApiResult.Ok(new JArray(tenant.Collection(TenantState.SettingsOf(Id(1))).All.Select(r => r.DeepClone())));
                case 3 when R(0, "securityroles") && R(2, "customize"):
                    if (method == "GET") return ApiResult.Ok(J(tenant.GetCustomizeItems(Id(1))));
                    if (method != "PUT") return NotAllowed();
                    if (body is not JObject lists) throw CwApiException.BadRequest("Customize must be an object: { \"SystemTableSetup\": { \"allowAll\": false, \"items\": [...] } }");
                    foreach (var p in lists.Properties())
                    {
                        if (p.Value is not JObject setting) throw CwApiException.BadRequest($"{p.Name} must be an object with allowAll and items");
                        var items = setting["items"] is JArray a ? a.Values<string>().ToList() : new List<string>();
                        tenant.SetCustomize(Id(1), p.Name, setting.Value<bool?>("allowAll") ?? false, items);
                    }
                    return ApiResult.Ok(J(tenant.GetCustomizeItems(Id(1))));
                case 3 when R(0, "apiMembers") && R(2, "keys"):
                    if (method == "GET") return ApiResult.Ok(new JArray(tenant.GetApiKeys(Id(1)).Select(KeyJson)));
                    if (method != "POST") return NotAllowed();
                    var created = tenant.CreateApiKey(Id(1), body?.Value<string>("description") ?? "");
                    return ApiResult.Created(J(created));
                case 4 when R(0, "apiMembers") && R(2, "keys"):
                    if (method != "DELETE") return NotAllowed();
                    if (!tenant.DeleteApiKey(Id(1), Id(3))) throw CwApiException.NotFound($"No key {rest[3]} for member {rest[1]}");
                    return ApiResult.NoContent();
            }
        }
        throw CwApiException.NotFound("No operator resource at " + ctx.Request.Path);
    }

    /// <summary>A partial behaviour object applied to <paramref name="current"/> (absent keys keep their value); unknown keys or bad values: 400.</summary>
    private static ServerBehavior MergeBehavior(ServerBehavior current, JToken body)
    {
        if (body is not JObject o) throw CwApiException.BadRequest("The behaviour must be a JSON object, e.g. { \"badCredentialsStatus\": 404 }.");
        ServerBehavior merged;
        List<string> unknown;
        try { merged = current.Merge(o, out unknown); }
        catch (ArgumentException e) { throw CwApiException.BadRequest("Invalid behaviour: " + e.Message); }
        if (unknown.Count > 0)
            throw CwApiException.BadRequest("Unknown behaviour key(s): " + string.Join(", ", unknown) + ". Known: " + string.Join(", ", ServerBehavior.Keys) + ".");
        return merged;
    }

    private static JObject KeyJson(ApiKeyRecord k) => new()
    {
        ["id"] = k.Id, ["memberId"] = k.MemberId, ["publicKey"] = k.PublicKey, ["description"] = k.Description,
        ["createdDate"] = k.CreatedDate.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"),
    };

    private static JObject TenantJson(TenantInfo t) => new()
    {
        ["companyId"] = t.CompanyId, ["companyName"] = t.CompanyName, ["clientId"] = t.ClientId,
        ["adminMemberIdentifier"] = t.AdminMemberIdentifier, ["adminMemberId"] = t.AdminMemberId,
        ["adminRoleName"] = t.AdminRoleName, ["adminRoleId"] = t.AdminRoleId, ["publicKey"] = t.PublicKey,
    };

    private static JObject FaultsJson(TenantState t)
    {
        var o = (JObject)J(t.Faults);
        o["pendingScript"] = t.PendingScriptedFaults;
        return o;
    }
}
