namespace ConnectWiseSetup.Simulator;

/// <summary>How to start a <see cref="SimulatorServer"/>. Defaults: loopback, free port, one tenant, no faults, no limits.</summary>
public sealed class SimulatorOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; set; }
    /// <summary>Number of tenants to seed (at least 1).</summary>
    public int TenantCount { get; set; } = 1;
    /// <summary>Serve TLS with a self-signed certificate (SAN 127.0.0.1 and localhost).</summary>
    public bool Https { get; set; }
    /// <summary>Where the certificate's PEM is written when Https is on (null: not written).</summary>
    public string CertificateDirectory { get; set; }
    /// <summary>Seed for keys, identifiers and fault randomness; null picks one at random.</summary>
    public int? Seed { get; set; }
    /// <summary>Latency added to every API request (ms), before faults.</summary>
    public int LatencyMs { get; set; }
    /// <summary>Prefix of generated company ids: prefix + 1..N.</summary>
    public string CompanyIdPrefix { get; set; } = "cwsim";
    /// <summary>Explicit company ids (overrides prefix and TenantCount when not empty).</summary>
    public IList<string> CompanyIds { get; set; } = new List<string>();
    /// <summary>Requests allowed per tenant per window before 429 (0: no limit).</summary>
    public int RateLimitRequests { get; set; } = Fidelity.DefaultRateLimitRequests;
    /// <summary>The rate-limit window in seconds.</summary>
    public int RateLimitWindowSeconds { get; set; } = Fidelity.DefaultRateLimitWindowSeconds;
    /// <summary>Retry-After seconds sent with a rate-limit 429 (null: the time left in the window).</summary>
    public int? RateLimitRetryAfterSeconds { get; set; }
    /// <summary>Seed the data behind the vendor endpoints (tickets, agreements, ...). On by default.</summary>
    public bool SeedSampleData { get; set; } = true;
    /// <summary>
    /// The real-server forms every tenant starts with (each tenant gets its own copy: change one with
    /// <c>server.GetTenant(id).Behavior</c>), and the forms used for requests that name no known tenant (an unknown company in
    /// /login/companyinfo or in the credentials). Defaults: <see cref="Fidelity"/>.
    /// </summary>
    public ServerBehavior Behavior { get; set; } = new();
}
