using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ConnectWiseSetup.Simulator;

/// <summary>
/// A small client for the simulator's operator channel (/_operator/, X-Operator-Token): what a
/// person does in the ConnectWise web UI (set a role's levels and Customize lists, create or delete
/// an API key) and the test controls (faults, real-server forms, request log). Tests, the demo and the benchmarks use
/// it to play the administrator; the module never does.
/// </summary>
public sealed class OperatorClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _tenantPath;

    public OperatorClient(Uri serverUrl, string operatorToken, string companyId)
    {
        _http = new HttpClient { BaseAddress = new Uri(serverUrl.GetLeftPart(UriPartial.Authority) + "/_operator/"), Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Add("X-Operator-Token", operatorToken);
        CompanyId = companyId;
        _tenantPath = "tenants/" + Uri.EscapeDataString(companyId) + "/";
    }

    public string CompanyId { get; }

    /// <summary>Sets levels on rows of a role, as a person does in System > Security Roles.</summary>
    public JArray SetRoleLevels(int roleId, IEnumerable<object> rows) => (JArray)Send(HttpMethod.Put, $"securityroles/{roleId}/settings", JArray.FromObject(rows));

    /// <summary>Sets one row's four levels.</summary>
    public JArray SetRoleLevel(int roleId, string module, string function, string add, string edit, string delete, string inquire)
        => SetRoleLevels(roleId, new[] { new { module, function, addLevel = add, editLevel = edit, deleteLevel = delete, inquireLevel = inquire } });

    /// <summary>Sets a role's Customize list (allowAll, or the items allowed, by "Category / Table" label or code).</summary>
    public JToken SetCustomize(int roleId, string customizeIdentifier, bool allowAll, IEnumerable<string> items = null)
        => Send(HttpMethod.Put, $"securityroles/{roleId}/customize", new JObject { [customizeIdentifier] = new JObject { ["allowAll"] = allowAll, ["items"] = new JArray((items ?? Array.Empty<string>()).ToArray()) } });

    public JToken GetCustomize(int roleId) => Send(HttpMethod.Get, $"securityroles/{roleId}/customize", null);

    /// <summary>Creates an API key for a member, as in the member's API Keys tab: the private key is in this answer only.</summary>
    public ApiKeyCreated CreateApiKey(int memberId, string description)
        => Send(HttpMethod.Post, $"apiMembers/{memberId}/keys", new JObject { ["description"] = description }).ToObject<ApiKeyCreated>();

    public JArray GetApiKeys(int memberId) => (JArray)Send(HttpMethod.Get, $"apiMembers/{memberId}/keys", null);

    public void DeleteApiKey(int memberId, int keyId) => Send(HttpMethod.Delete, $"apiMembers/{memberId}/keys/{keyId}", null);

    /// <summary>Fault settings (latency, 429/5xx rates, drops, a one-shot script), as JSON.</summary>
    public JToken SetFaults(object settings) => Send(HttpMethod.Put, "faults", JToken.FromObject(settings));

    public void ClearFaults() => Send(HttpMethod.Delete, "faults", null);

    /// <summary>The tenant's real-server forms (ServerBehavior as JSON).</summary>
    public JObject GetBehavior() => (JObject)Send(HttpMethod.Get, "behavior", null);

    /// <summary>Changes some of the tenant's real-server forms, e.g. <c>new { badCredentialsStatus = 404 }</c>; other keys keep their value.</summary>
    public JObject SetBehavior(object partial) => (JObject)Send(HttpMethod.Put, "behavior", JToken.FromObject(partial));

    /// <summary>Back to the server's defaults.</summary>
    public void ResetBehavior() => Send(HttpMethod.Delete, "behavior", null);

    public JArray GetRequests() => (JArray)Send(HttpMethod.Get, "requests", null);

    public void ClearRequests() => Send(HttpMethod.Delete, "requests", null);

    public JToken AddLocation(string name) => Send(HttpMethod.Post, "locations", new JObject { ["name"] = name });

    public JToken AddDepartment(string name) => Send(HttpMethod.Post, "departments", new JObject { ["name"] = name });

    public JToken AddCompanies(int count) => Send(HttpMethod.Post, "companies/bulk", new JObject { ["count"] = count });

    private JToken Send(HttpMethod method, string path, JToken body)
    {
        using var request = new HttpRequestMessage(method, _tenantPath + path);
        if (body != null) request.Content = new StringContent(body.ToString(Formatting.None), Encoding.UTF8, "application/json");
        using var response = _http.Send(request);
        var text = new StreamReader(response.Content.ReadAsStream()).ReadToEnd();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Operator {method} {path}: {(int)response.StatusCode} {text}");
        return string.IsNullOrWhiteSpace(text) ? null : JToken.Parse(text);
    }

    public void Dispose() => _http.Dispose();
}
