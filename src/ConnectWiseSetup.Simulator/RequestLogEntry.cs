namespace ConnectWiseSetup.Simulator;

/// <summary>One request the server saw. Never holds headers, credentials or key material.</summary>
public sealed class RequestLogEntry
{
    public long Seq { get; init; }
    /// <summary>UTC, millisecond precision.</summary>
    public DateTimeOffset Time { get; init; }
    /// <summary>Tenant the request was addressed to (null when none could be told).</summary>
    public string CompanyId { get; set; }
    /// <summary>api, operator, companyinfo or other.</summary>
    public string Channel { get; set; }
    public string Method { get; init; }
    public string Path { get; init; }
    /// <summary>The query string (with a leading ?), values of secret-looking names redacted.</summary>
    public string Query { get; init; }
    /// <summary>HTTP status; 0 when the connection was dropped.</summary>
    public int Status { get; set; }
    public long DurationMs { get; set; }
    /// <summary>Bytes of the response body (0 for none), to measure what a poll costs.</summary>
    public long ResponseBytes { get; set; }
    public bool FaultInjected { get; set; }
    /// <summary>What fault: latency, 429, 500..504, drop, malformed, ratelimit (null: none).</summary>
    public string Fault { get; set; }
    /// <summary>The member the API key belongs to (identifier), when authenticated.</summary>
    public string Member { get; set; }
}
