using Newtonsoft.Json;

namespace ConnectWiseSetup.Simulator;

/// <summary>Fault settings of one tenant (PUT /_operator/tenants/{companyId}/faults). Rates are 0..1.</summary>
public sealed class FaultSettings
{
    [JsonProperty("latencyMs")] public int LatencyMs { get; set; }
    [JsonProperty("rate429")] public double Rate429 { get; set; }
    /// <summary>Retry-After for random 429s: seconds ("2") or an HTTP date; see RetryAfterAsDate.</summary>
    [JsonProperty("retryAfter")] public string RetryAfter { get; set; } = "1";
    /// <summary>Send Retry-After as an HTTP date (now + the seconds of RetryAfter).</summary>
    [JsonProperty("retryAfterAsDate")] public bool RetryAfterAsDate { get; set; }
    [JsonProperty("rate500")] public double Rate500 { get; set; }
    [JsonProperty("rate502")] public double Rate502 { get; set; }
    [JsonProperty("rate503")] public double Rate503 { get; set; }
    [JsonProperty("rate504")] public double Rate504 { get; set; }
    [JsonProperty("dropRate")] public double DropRate { get; set; }
    [JsonProperty("malformedRate")] public double MalformedRate { get; set; }
    [JsonProperty("seed")] public int? Seed { get; set; }
    /// <summary>Only these HTTP methods (null/empty: all).</summary>
    [JsonProperty("methods")] public List<string> Methods { get; set; }
    /// <summary>Only API paths starting with this (relative to /apis/3.0, e.g. "/system/info").</summary>
    [JsonProperty("pathPrefix")] public string PathPrefix { get; set; }
    /// <summary>Also apply to GET /login/companyinfo/{this tenant} (off by default).</summary>
    [JsonProperty("includeCompanyInfo")] public bool IncludeCompanyInfo { get; set; }
    /// <summary>One-shot faults consumed one per matching request before the random rates apply.</summary>
    [JsonProperty("script")] public List<ScriptedFault> Script { get; set; } = new();

    /// <summary>Why these settings cannot be applied (a rate outside 0..1, a negative latency), or null when they can.</summary>
    public string Problem()
    {
        foreach (var (name, rate) in new[] { ("rate429", Rate429), ("rate500", Rate500), ("rate502", Rate502), ("rate503", Rate503), ("rate504", Rate504), ("dropRate", DropRate), ("malformedRate", MalformedRate) })
            if (double.IsNaN(rate) || rate < 0 || rate > 1) return name + " must be between 0 and 1; " + rate.ToString(System.Globalization.CultureInfo.InvariantCulture) + " was given.";
        if (LatencyMs < 0) return "latencyMs must be 0 or more.";
        if (Script != null)
            for (var i = 0; i < Script.Count; i++)
                if (Script[i] == null || Script[i].LatencyMs < 0) return "script[" + i + "] must be an object with no negative latencyMs.";
        return null;
    }
}

/// <summary>One scripted fault: a status (429 with RetryAfter, 5xx, anything), a drop, a malformed body, or latency.</summary>
public sealed class ScriptedFault
{
    [JsonProperty("status")] public int? Status { get; set; }
    /// <summary>The body of the status answer: "json" (ConnectWise's error), "html" (an edge proxy's page, e.g. a 429 from the CDN), "empty"; null: the tenant's behaviour.</summary>
    [JsonProperty("body"), JsonConverter(typeof(Newtonsoft.Json.Converters.StringEnumConverter), typeof(Newtonsoft.Json.Serialization.CamelCaseNamingStrategy))]
    public ServerBehavior.ErrorBody? Body { get; set; }
    [JsonProperty("retryAfter")] public string RetryAfter { get; set; }
    [JsonProperty("retryAfterAsDate")] public bool RetryAfterAsDate { get; set; }
    [JsonProperty("drop")] public bool Drop { get; set; }
    [JsonProperty("malformed")] public bool Malformed { get; set; }
    [JsonProperty("latencyMs")] public int? LatencyMs { get; set; }
}

internal sealed class FaultDecision
{
    public int LatencyMs;
    public int? Status;
    public ServerBehavior.ErrorBody? Body;
    public string RetryAfter;
    public bool Drop;
    public bool Malformed;
    public bool Any => Status != null || Drop || Malformed || LatencyMs > 0;
    public string Describe() => Drop ? "drop" : Malformed ? "malformed" : Status != null ? Status.ToString() : LatencyMs > 0 ? "latency" : null;
}
