using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ConnectWiseSetup.Simulator;
using Newtonsoft.Json.Linq;
using Xunit;

namespace ConnectWiseSetup.Tests.Simulator;

/// <summary>Starts a simulator on 127.0.0.1:0 for a test class and stops it afterwards.</summary>
public class SimFixture : IAsyncLifetime
{
    public SimulatorServer Server { get; private set; }
    protected virtual SimulatorOptions Options => new() { Seed = 1234, TenantCount = 2 };

    public async Task InitializeAsync() => Server = await SimulatorServer.StartAsync(Options);
    public async Task DisposeAsync() { if (Server != null) await Server.DisposeAsync(); }
}

/// <summary>HTTP helpers shared by the simulator tests.</summary>
public static class Sim
{
    public const string Api = "/v2025_1/apis/3.0/";

    public static string BasicAuth(string companyId, string publicKey, string privateKey) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{companyId}+{publicKey}:{privateKey}"));

    /// <summary>A client authenticated as the tenant's administrator, base address .../apis/3.0/.</summary>
    public static HttpClient Client(SimulatorServer s, TenantInfo t, string publicKey = null, string privateKey = null, string codebase = "v2025_1")
    {
        var c = new HttpClient { BaseAddress = new Uri(s.BaseUrl, $"/{codebase}/apis/3.0/") };
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", BasicAuth(t.CompanyId, publicKey ?? t.PublicKey, privateKey ?? t.PrivateKey));
        c.DefaultRequestHeaders.Add("clientId", t.ClientId);
        c.DefaultRequestHeaders.Accept.ParseAdd("application/vnd.connectwise.com+json; version=2025.1");
        return c;
    }

    public static HttpClient Operator(SimulatorServer s)
    {
        var c = new HttpClient { BaseAddress = new Uri(s.BaseUrl, "/_operator/") };
        c.DefaultRequestHeaders.Add("X-Operator-Token", s.OperatorToken);
        return c;
    }

    public static StringContent Json(object o) =>
        new(o is string str ? str : JToken.FromObject(o).ToString(), Encoding.UTF8, "application/json");

    public static async Task<JToken> ReadJson(HttpResponseMessage r)
    {
        var text = await r.Content.ReadAsStringAsync();
        return JToken.Parse(text);
    }

    /// <summary>Asserts the status and a ConnectWise error body {code, message, errors}; returns the body.</summary>
    public static async Task<JObject> AssertError(HttpResponseMessage r, HttpStatusCode status, string code = null)
    {
        Assert.Equal(status, r.StatusCode);
        Assert.StartsWith("application/json", r.Content.Headers.ContentType?.MediaType);
        var body = (JObject)await ReadJson(r);
        Assert.True(body.ContainsKey("code") && body.ContainsKey("message") && body.ContainsKey("errors"), body.ToString());
        Assert.False(string.IsNullOrEmpty((string)body["message"]));
        if (code != null) Assert.Equal(code, (string)body["code"]);
        return body;
    }

    /// <summary>Asserts a rate-limit 429 in the documented form: Retry-After in seconds and {"error", "message"} naming that wait.</summary>
    public static async Task<JObject> AssertRateLimited(HttpResponseMessage r)
    {
        Assert.Equal((HttpStatusCode)429, r.StatusCode);
        var seconds = (int)r.Headers.RetryAfter.Delta.Value.TotalSeconds;
        var body = (JObject)await ReadJson(r);
        Assert.Equal("ConnectWiseAPI", (string)body["error"]);
        Assert.Equal($"Too many requests. Please try again in {seconds} seconds.", (string)body["message"]);
        return body;
    }

    public static async Task<JArray> GetArray(HttpClient c, string url)
    {
        var r = await c.GetAsync(url);
        Assert.True(r.IsSuccessStatusCode, $"{url}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        return (JArray)await ReadJson(r);
    }

    public static async Task<JObject> GetObject(HttpClient c, string url)
    {
        var r = await c.GetAsync(url);
        Assert.True(r.IsSuccessStatusCode, $"{url}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        return (JObject)await ReadJson(r);
    }

    /// <summary>The Link header's value: null when absent, "" when present and empty (the last forward-only page).</summary>
    public static string LinkValue(HttpResponseMessage r) =>
        r.Headers.TryGetValues("Link", out var values) ? string.Join(",", values) : null;

    /// <summary>Parses a Link header into rel → url (empty when absent or empty).</summary>
    public static Dictionary<string, string> Links(HttpResponseMessage r)
    {
        var d = new Dictionary<string, string>();
        var value = LinkValue(r);
        if (string.IsNullOrWhiteSpace(value)) return d;
        foreach (var part in value.Split(", <"))
        {
            var p = part.TrimStart('<');
            var url = p.Substring(0, p.IndexOf('>'));
            var rel = p.Substring(p.IndexOf("rel=\"") + 5).TrimEnd('"');
            d[rel] = url;
        }
        return d;
    }

    public static string Q(string s) => Uri.EscapeDataString(s);
}
