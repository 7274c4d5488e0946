using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json.Linq;

namespace ConnectWiseSetup.Benchmarks;

/// <summary>
/// The baseline: how common ConnectWise clients work. One request at a time, the API's default
/// page size (25) with pages fetched by number until a short page, and nothing reused: a list is
/// read again each time it is needed. Same requests, same answers; only the way of asking differs.
/// </summary>
public sealed class NaiveClient : IDisposable
{
    readonly HttpClient _http;

    public NaiveClient(Uri server, string companyId, string publicKey, string privateKey, string clientId, string codebase = "v2025_1")
    {
        _http = new HttpClient { BaseAddress = new Uri(server, "/" + codebase.Trim('/') + "/apis/3.0/") };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(companyId + "+" + publicKey + ":" + privateKey)));
        _http.DefaultRequestHeaders.Add("clientId", clientId);
        _http.DefaultRequestHeaders.Accept.ParseAdd("application/vnd.connectwise.com+json; version=2025.1");
    }

    public int Requests { get; private set; }

    public async Task<JToken> GetAsync(string path, string query = null)
    {
        Requests++;
        using var response = await _http.GetAsync(path.TrimStart('/') + (query == null ? "" : "?" + query));
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JToken.Parse(text) : new JObject { ["status"] = (int)response.StatusCode };
    }

    /// <summary>Status only (a probe).</summary>
    public async Task<int> StatusAsync(string path)
    {
        Requests++;
        using var response = await _http.GetAsync(path.TrimStart('/'));
        await response.Content.ReadAsStringAsync();
        return (int)response.StatusCode;
    }

    /// <summary>Every page of a list at the default page size of 25.</summary>
    public async Task<List<JObject>> GetAllAsync(string path, string conditions = null)
    {
        var all = new List<JObject>();
        for (var page = 1; ; page++)
        {
            var q = "page=" + page + (conditions == null ? "" : "&conditions=" + Uri.EscapeDataString(conditions));
            var items = await GetAsync(path, q) as JArray;
            if (items == null) return all;
            all.AddRange(items.OfType<JObject>());
            if (items.Count < 25) return all;
        }
    }

    public async Task<JObject> PostAsync(string path, JObject body)
    {
        Requests++;
        using var response = await _http.PostAsync(path.TrimStart('/'), new StringContent(body.ToString(), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException("baseline POST " + path + ": " + (int)response.StatusCode + " " + text);
        return JObject.Parse(text);
    }

    public void Dispose() => _http.Dispose();
}
