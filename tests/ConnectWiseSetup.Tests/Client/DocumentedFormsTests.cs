using System.Management.Automation;
using System.Net;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;

namespace ConnectWiseSetup.Tests.Client
{
    public class DocumentedFormsFixture : SimulatorFixture
    {
        protected override SimulatorOptions Options => new() { Port = 0, TenantCount = 2, Seed = 2626, SeedSampleData = false };
    }

    /// <summary>
    /// The module against the forms ConnectWise's developer guide documents and other servers may vary (issue 26): IsCloud as a string or a
    /// boolean, a rate-limit 429 keyed error or code or not JSON at all (Retry-After honoured each time), and plain HTTP refused with
    /// "SSL is required." turned into a clear error that says to use https.
    /// </summary>
    public class DocumentedFormsTests : IClassFixture<DocumentedFormsFixture>
    {
        readonly DocumentedFormsFixture _sim;
        public DocumentedFormsTests(DocumentedFormsFixture sim) { _sim = sim; }

        TenantInfo T => _sim.Server.Tenants[0];
        TenantState State => _sim.Server.GetTenant(T.CompanyId);

        ConnectionOptions Options(TenantInfo t, int? maxRetrySec = null)
        {
            var o = new ConnectionOptions
            {
                Server = _sim.ServerUrl, CompanyId = t.CompanyId, PublicKey = t.PublicKey,
                PrivateKey = new NetworkCredential("", t.PrivateKey).SecurePassword, ClientId = t.ClientId,
            };
            if (maxRetrySec != null) o.MaxRetryTimeSec = maxRetrySec.Value;
            return o;
        }

        [Theory]
        [InlineData(ServerBehavior.IsCloudForm.Boolean)]
        [InlineData(ServerBehavior.IsCloudForm.String)]
        public async Task IsCloud_is_read_from_a_string_or_a_boolean(ServerBehavior.IsCloudForm form)
        {
            var t = _sim.Server.Tenants[1];
            _sim.Server.GetTenant(t.CompanyId).Behavior.CompanyInfoIsCloud = form;
            try
            {
                var conn = await CwConnector.ConnectAsync(Options(t), default);
                Assert.True(conn.IsCloud);
            }
            finally { _sim.Server.GetTenant(t.CompanyId).ResetBehavior(); }
        }

        [Theory]
        [InlineData(ServerBehavior.RateLimitJsonForm.ErrorKey, "json")]
        [InlineData(ServerBehavior.RateLimitJsonForm.CodeKey, "json")]
        [InlineData(ServerBehavior.RateLimitJsonForm.ErrorKey, "empty")]
        public async Task A_429_keyed_error_or_code_or_without_json_honours_Retry_After_and_says_what_ConnectWise_said(ServerBehavior.RateLimitJsonForm json, string body)
        {
            var conn = await CwConnector.ConnectAsync(Options(T), default);
            using var op = new OperatorClient(_sim.Server.BaseUrl, _sim.Server.OperatorToken, T.CompanyId);
            State.Behavior.RateLimitJson = json;
            try
            {
                // retried after the wait Retry-After names
                op.SetFaults(new { script = new object[] { new { status = 429, retryAfter = "1", body } }, pathPrefix = "/system/info" });
                var before = State.RequestLog.Count;
                Assert.NotNull((await conn.Client.GetAsync<JObject>("system/info", default))["version"]);
                var log = State.RequestLog.Skip(before).ToList();
                Assert.Equal(new[] { 429, 200 }, log.Select(r => r.Status));
                Assert.True(log[1].Time - log[0].Time >= TimeSpan.FromMilliseconds(950), "waited only " + (log[1].Time - log[0].Time));

                // no retry left: CwRateLimited, with ConnectWise's words when there were any
                var single = await CwConnector.ConnectAsync(Options(T, maxRetrySec: 0), default);
                op.SetFaults(new { script = new object[] { new { status = 429, retryAfter = "1", body } }, pathPrefix = "/system/info" });
                var e = await Assert.ThrowsAsync<CwApiException>(() => single.Client.GetAsync<JObject>("system/info", default));
                Assert.Equal(ErrorIds.RateLimited, e.ErrorId);
                Assert.Equal(ErrorCategory.LimitsExceeded, e.Category);
                if (body == "json" && json == ServerBehavior.RateLimitJsonForm.ErrorKey)
                {
                    Assert.Equal("ConnectWiseAPI", e.Code);
                    Assert.Contains("Too many requests. Please try again in 1 seconds.", e.Message);
                }
                else if (body == "json") Assert.Equal("TooManyRequests", e.Code);
                else Assert.Null(e.Code);
            }
            finally { op.ClearFaults(); State.ResetBehavior(); }
        }

        [Fact]
        public async Task Plain_http_refused_with_ssl_is_required_is_a_clear_error_that_says_to_use_https()
        {
            var t = _sim.Server.Tenants[1];
            _sim.Server.GetTenant(t.CompanyId).Behavior.RequireHttps = true;
            try
            {
                var e = await Assert.ThrowsAnyAsync<CwException>(() => CwConnector.ConnectAsync(Options(t), default));
                Assert.Equal(ErrorIds.InsecureServer, e.ErrorId);
                Assert.Equal(ErrorCategory.SecurityError, e.Category);
                Assert.Contains("SSL is required.", e.Message);
                Assert.Contains("https://", e.Message);
            }
            finally { _sim.Server.GetTenant(t.CompanyId).ResetBehavior(); }
        }
    }
}
