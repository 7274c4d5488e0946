using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace ConnectWiseSetup.Simulator;

/// <summary>
/// The switchable forms a real ConnectWise server may answer in, for one tenant (or, as
/// <see cref="SimulatorOptions.Behavior"/>, for the whole server and for requests that name no known tenant).
/// Each default comes from <see cref="Fidelity"/>, where the evidence for it is written down. Mutable on purpose:
/// a test sets <c>server.GetTenant(id).Behavior.PageSizeAboveMax = OversizePage.Clamp</c>; the operator channel
/// (<c>GET|PUT|DELETE /_operator/tenants/{companyId}/behavior</c>) and <c>--fidelity file.json</c> do the same in JSON,
/// whose keys are the camelCase property names and whose values are the camelCase enum names.
/// </summary>
public sealed class ServerBehavior
{
    /// <summary>What a forward-only page that is the last one carries.</summary>
    public enum LastPageLink { Empty, Absent }
    /// <summary>Where the page parameter sits in a Link URL.</summary>
    public enum LinkForm { PageLast, PageFirst }
    /// <summary>The answer to /login/companyinfo/{id} for a company the server does not know.</summary>
    public enum CompanyInfoAnswer { NullBody, NotFound }
    /// <summary>What a pageSize above 1000 gets.</summary>
    public enum OversizePage { Reject, Clamp }
    /// <summary>The body of an error answer that is not always ConnectWise's JSON.</summary>
    public enum ErrorBody { Json, Empty, Html }
    /// <summary>Which rows /system/mySecurity lists for an API member.</summary>
    public enum MySecurityForm { Grid, OmitNone }
    /// <summary>The JSON body of a rate-limit 429: keyed error (the developer guide's form) or code (ConnectWise's usual error body).</summary>
    public enum RateLimitJsonForm { ErrorKey, CodeKey }
    /// <summary>How /login/companyinfo writes IsCloud: a JSON boolean or the string "True"/"False".</summary>
    public enum IsCloudForm { Boolean, String }

    internal static readonly JsonSerializer Json = JsonSerializer.Create(new JsonSerializerSettings
    {
        ContractResolver = new CamelCasePropertyNamesContractResolver(),
        Converters = { new StringEnumConverter(new CamelCaseNamingStrategy()) { AllowIntegerValues = false } },
        MissingMemberHandling = MissingMemberHandling.Ignore,
    });

    /// <summary>
    /// Status for a wrong key, deleted key, inactive member or unknown company: 401 (default) or 404. Evidence: issue 13 and CW-API.md say
    /// cloud hosts can answer 404; UNCONFIRMED which hosts (searched issues for "404 instead of 401", companyinfo and bad keys). Fidelity.BadCredentialsStatus.
    /// </summary>
    public int BadCredentialsStatus { get; set; } = Fidelity.BadCredentialsStatus;

    /// <summary>
    /// The last forward-only page: a Link header with an empty value (default) or none. Evidence for the default: the most used PowerShell
    /// client (christaylorcodes/ConnectWiseManageAPI Invoke-CWMAllResult.ps1) errors when a forward-only page has no Link header and stops on
    /// an empty one. "absent" is kept for servers that differ (UNCONFIRMED that any does). Fidelity.ForwardOnlyLastPageLink.
    /// </summary>
    public LastPageLink ForwardOnlyLastPageLink { get; set; } = Fidelity.ForwardOnlyLastPageLink;

    /// <summary>
    /// Link URLs: <c>...&amp;pageSize=N&amp;page=M</c> (default: page last, as a real answer quoted on thelazyadministrator.com shows and as
    /// HealthITAU/pyconnectwise parses) or the page parameter before pageSize (UNCONFIRMED that any server does). Applies to pageId too.
    /// Fidelity.NavigableLinkForm.
    /// </summary>
    public LinkForm NavigableLinkForm { get; set; } = Fidelity.NavigableLinkForm;

    /// <summary>
    /// Unknown company on /login/companyinfo: 200 with the body null (default: issue 13, "on at least some hosts") or 404 (the simulator's
    /// earlier choice). UNCONFIRMED which hosts do which (searched issues and code for companyinfo null). Fidelity.UnknownCompanyInfo.
    /// </summary>
    public CompanyInfoAnswer UnknownCompanyInfo { get; set; } = Fidelity.UnknownCompanyInfo;

    /// <summary>
    /// pageSize over 1000: 400 InvalidObject with errors[] OutOfRange on pageSize (default: issue 13) or served as 1000. The 1,000 limit is
    /// public (thelazyadministrator.com; ConnectWise's pagination guide); the refusal's exact body is UNCONFIRMED. Fidelity.PageSizeAboveMax.
    /// </summary>
    public OversizePage PageSizeAboveMax { get; set; } = Fidelity.PageSizeAboveMax;

    /// <summary>
    /// The most rows a page holds whatever pageSize asks (default 1000, the public limit). Below that, a page holds fewer rows than asked and
    /// still carries its next Link: HealthITAU/pyconnectwise issue #23 reports 25 rows per page for pageSize 1000 (not reproduced; UNCONFIRMED).
    /// </summary>
    public int MaxHonouredPageSize { get; set; } = Fidelity.MaxPageSize;

    /// <summary>
    /// Body of a 404: ConnectWise's JSON error (default), nothing, or an HTML page. UNCONFIRMED whether every 404 (unknown route, cloud sign-in)
    /// has the JSON body (searched issues for ConnectWise 404 bodies). Fidelity.NotFoundBody.
    /// </summary>
    public ErrorBody NotFoundBody { get; set; } = Fidelity.NotFoundBody;

    /// <summary>
    /// Send the api-current-version response header (default true: a real list answer quoted on thelazyadministrator.com carries it; its
    /// value's format is UNCONFIRMED). Fidelity.SendsApiCurrentVersion.
    /// </summary>
    public bool ApiCurrentVersionHeader { get; set; } = Fidelity.SendsApiCurrentVersion;

    /// <summary>
    /// Body of a rate-limit 429: ConnectWise's JSON error (default; UNCONFIRMED code) or an HTML page as the edge proxy sends
    /// (HealthITAU/pyconnectwise pull #41: ConnectWise's Cloudflare edge rate-limits the API). Fidelity.RateLimitBody.
    /// </summary>
    public ErrorBody RateLimitBody { get; set; } = Fidelity.RateLimitBody;

    /// <summary>
    /// /system/mySecurity: every settings row of the member's role (default) or without the rows whose four levels are None. UNCONFIRMED either
    /// way (searched issues and code for mySecurity rows); "omitNone" lets a read-only check detect that mySecurity is not the role's grid.
    /// Fidelity.MySecurityRows.
    /// </summary>
    public MySecurityForm MySecurityRows { get; set; } = Fidelity.MySecurityRows;

    /// <summary>
    /// The JSON body of a rate-limit 429 (when RateLimitBody is json): <c>{"error": "ConnectWiseAPI", "message": "Too many requests. Please try
    /// again in N seconds."}</c> (default: ConnectWise's developer guide, as mirrored publicly) or ConnectWise's usual error body keyed code
    /// (the simulator's earlier form; UNCONFIRMED that a server sends it). Fidelity.RateLimitJson.
    /// </summary>
    public RateLimitJsonForm RateLimitJson { get; set; } = Fidelity.RateLimitJson;

    /// <summary>
    /// companyinfo's IsCloud: a boolean (default: other clients' fixtures) or the string "True" as the developer guide's example writes it.
    /// Fidelity.CompanyInfoIsCloud.
    /// </summary>
    public IsCloudForm CompanyInfoIsCloud { get; set; } = Fidelity.CompanyInfoIsCloud;

    /// <summary>
    /// Refuse plain HTTP with <c>{"code":"Security","message":"SSL is required.","errors":null}</c>, as ConnectWise does (the developer guide,
    /// mirrored publicly). Off by default: the simulator's tests and demos talk plain HTTP on loopback. Fidelity.RequireHttps.
    /// </summary>
    public bool RequireHttps { get; set; } = Fidelity.RequireHttps;

    /// <summary>The JSON keys this class reads (camelCase property names).</summary>
    public static IReadOnlyList<string> Keys { get; } = typeof(ServerBehavior).GetProperties()
        .Where(p => p.CanWrite).Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name.Substring(1)).ToList();

    public ServerBehavior Clone() => (ServerBehavior)MemberwiseClone();

    /// <summary>Why these settings cannot be served (a status other than 401/404, a page size below 1), or null.</summary>
    public string Problem()
    {
        if (BadCredentialsStatus is not (401 or 404)) return "badCredentialsStatus must be 401 or 404; " + BadCredentialsStatus + " was given.";
        if (MaxHonouredPageSize < 1 || MaxHonouredPageSize > Fidelity.MaxPageSize) return "maxHonouredPageSize must be 1.." + Fidelity.MaxPageSize + "; " + MaxHonouredPageSize + " was given.";
        foreach (var p in GetType().GetProperties().Where(p => p.PropertyType.IsEnum))
            if (!Enum.IsDefined(p.PropertyType, p.GetValue(this)!)) return Key(p.Name) + " has no value " + p.GetValue(this) + ".";
        return null;
    }

    public JObject ToJson() => JObject.FromObject(this, Json);

    /// <summary>
    /// These settings with the keys of <paramref name="partial"/> applied (absent keys keep their value). Unknown keys are
    /// listed in <paramref name="unknown"/> and left out; a bad value throws <see cref="ArgumentException"/> naming the key.
    /// </summary>
    public ServerBehavior Merge(JObject partial, out List<string> unknown)
    {
        unknown = new List<string>();
        var copy = Clone();
        foreach (var p in partial.Properties())
        {
            var prop = GetType().GetProperties().FirstOrDefault(x => x.CanWrite && string.Equals(Key(x.Name), p.Name, StringComparison.OrdinalIgnoreCase));
            if (prop == null) { unknown.Add(p.Name); continue; }
            try { prop.SetValue(copy, p.Value.ToObject(prop.PropertyType, Json)); }
            catch (Exception e) when (e is JsonException or FormatException or InvalidCastException or ArgumentException or OverflowException)
            {
                throw new ArgumentException(Key(prop.Name) + ": " + Describe(p.Value) + " is not " + Expected(prop.PropertyType) + ".");
            }
        }
        if (copy.Problem() is string problem) throw new ArgumentException(problem);
        return copy;
    }

    /// <summary>
    /// Reads a --fidelity file: the bare settings object, or a document with a top-level <c>serverBehavior</c> object (the
    /// shape a read-only tenant check writes). Unknown keys come back as warnings; a bad value or a file that is not such
    /// JSON throws <see cref="ArgumentException"/>.
    /// </summary>
    public static ServerBehavior FromFileText(string text, out List<string> warnings)
    {
        JToken doc;
        try { doc = JToken.Parse(text); }
        catch (JsonException e) { throw new ArgumentException("not valid JSON: " + e.Message); }
        if (doc is not JObject o) throw new ArgumentException("the file must hold a JSON object.");
        if (o.Property("serverBehavior", StringComparison.OrdinalIgnoreCase) is { } wrapped)
        {
            if (wrapped.Value is not JObject inner) throw new ArgumentException("serverBehavior must be an object.");
            o = inner;
        }
        var result = new ServerBehavior().Merge(o, out var unknown);
        warnings = unknown.Select(k => "unknown key '" + k + "' ignored (known: " + string.Join(", ", Keys) + ")").ToList();
        return result;
    }

    private static string Key(string propertyName) => char.ToLowerInvariant(propertyName[0]) + propertyName.Substring(1);

    private static string Describe(JToken t) => t.Type == JTokenType.String ? "'" + (string)t + "'" : t.ToString(Formatting.None);

    private static string Expected(Type t) =>
        t.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(t).Select(n => "\"" + Key(n) + "\"")) : t == typeof(bool) ? "true or false" : "a whole number";
}
