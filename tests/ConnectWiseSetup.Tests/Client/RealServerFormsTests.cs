using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Setup;
using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;

namespace ConnectWiseSetup.Tests.Client
{
    public class RealServerFormsFixture : SimulatorFixture
    {
        protected override SimulatorOptions Options => new() { Port = 0, TenantCount = 3, Seed = 77 };
    }

    /// <summary>
    /// The module against every form a real ConnectWise server may send (the simulator's ServerBehavior switches, and what public evidence
    /// settles): Link forms and an empty or absent last Link, fewer rows than asked, a refused page size, a 404 for a bad key on a cloud
    /// host, a null or 404 companyinfo, a refused API version, a 429 with an HTML body, 403s by status, ConnectWise's 400 codes, and a
    /// connection refused outright.
    /// </summary>
    public class RealServerFormsTests : IClassFixture<RealServerFormsFixture>
    {
        readonly RealServerFormsFixture _sim;
        public RealServerFormsTests(RealServerFormsFixture sim) { _sim = sim; }

        TenantInfo Paging => _sim.Server.Tenants[0];
        TenantInfo Auth => _sim.Server.Tenants[1];
        TenantInfo Errors => _sim.Server.Tenants[2];

        ConnectionOptions Options(TenantInfo t, string publicKey = null, string privateKey = null) => new()
        {
            Server = _sim.ServerUrl,
            CompanyId = t.CompanyId,
            PublicKey = publicKey ?? t.PublicKey,
            PrivateKey = new NetworkCredential("", privateKey ?? t.PrivateKey).SecurePassword,
            ClientId = t.ClientId,
        };

        CwConnection Connect(TenantInfo t) => CwConnector.ConnectAsync(Options(t), CancellationToken.None).GetAwaiter().GetResult();

        TenantState State(TenantInfo t) => _sim.Server.GetTenant(t.CompanyId);

        int Requests(TenantInfo t) => State(t).RequestLog.Count;

        void EnsureCompanies(TenantInfo t, int total)
        {
            var have = State(t).GetRecords("company/companies").Count;
            if (have >= total) return;
            using var op = new OperatorClient(_sim.Server.BaseUrl, _sim.Server.OperatorToken, t.CompanyId);
            op.AddCompanies(total - have);
        }

        async Task<T> With<T>(TenantInfo t, Action<ServerBehavior> set, Func<Task<T>> run)
        {
            set(State(t).Behavior);
            try { return await run(); }
            finally { State(t).ResetBehavior(); }
        }

        // ------------------------------------------------------------------ paging

        [Theory]
        [InlineData(ServerBehavior.LinkForm.PageLast, false)]
        [InlineData(ServerBehavior.LinkForm.PageFirst, false)]
        [InlineData(ServerBehavior.LinkForm.PageLast, true)]
        [InlineData(ServerBehavior.LinkForm.PageFirst, true)]
        public async Task Every_page_is_read_whatever_the_order_of_the_Link_parameters(ServerBehavior.LinkForm form, bool forwardOnly)
        {
            EnsureCompanies(Paging, 2500);
            var conn = Connect(Paging);
            var all = await With(Paging, b => b.NavigableLinkForm = form, async () =>
            {
                var before = Requests(Paging);
                var list = await conn.Client.GetListAsync<JObject>("company/companies", new ListQuery { ForwardOnly = forwardOnly, Fields = new[] { "id" } }, default);
                Assert.Equal(3, Requests(Paging) - before);
                return list;
            });
            Assert.Equal(2500, all.Count);
            Assert.Equal(2500, all.Select(c => (int)c["id"]).Distinct().Count());
        }

        [Theory]
        [InlineData(ServerBehavior.LastPageLink.Empty, 1000, 3)]
        [InlineData(ServerBehavior.LastPageLink.Absent, 1000, 3)]
        [InlineData(ServerBehavior.LastPageLink.Empty, 500, 5)]
        // With no Link on the last page and that page full, the module cannot tell the end: it asks once more (an empty page).
        [InlineData(ServerBehavior.LastPageLink.Absent, 500, 6)]
        public async Task Forward_only_ends_on_an_empty_or_an_absent_last_Link(ServerBehavior.LastPageLink last, int pageSize, int requests)
        {
            EnsureCompanies(Paging, 2500);
            var conn = Connect(Paging);
            await With(Paging, b => b.ForwardOnlyLastPageLink = last, async () =>
            {
                var before = Requests(Paging);
                var all = await conn.Client.GetListAsync<JObject>("company/companies", new ListQuery { ForwardOnly = true, PageSize = pageSize, Fields = new[] { "id" } }, default);
                Assert.Equal(2500, all.Count);
                Assert.Equal(requests, Requests(Paging) - before);
                Assert.All(State(Paging).RequestLog.Skip(before), e => Assert.Equal(200, e.Status));
                return 0;
            });
        }

        [Fact]
        public async Task A_server_that_gives_fewer_rows_than_asked_is_followed_to_the_end()
        {
            EnsureCompanies(Paging, 2500);
            var conn = Connect(Paging);
            var all = await With(Paging, b => b.MaxHonouredPageSize = 250, () =>
                conn.Client.GetListAsync<JObject>("company/companies", new ListQuery { Fields = new[] { "id" } }, default));
            Assert.Equal(2500, all.Select(c => (int)c["id"]).Distinct().Count());
        }

        [Fact]
        public async Task The_module_never_asks_for_more_than_1000_so_a_server_that_refuses_more_answers()
        {
            EnsureCompanies(Paging, 2500);
            var conn = Connect(Paging);
            Assert.Equal(ServerBehavior.OversizePage.Reject, State(Paging).Behavior.PageSizeAboveMax);
            var before = Requests(Paging);
            var all = await conn.Client.GetListAsync<JObject>("company/companies", new ListQuery { PageSize = 5000, Fields = new[] { "id" } }, default);
            Assert.Equal(2500, all.Count);
            Assert.All(State(Paging).RequestLog.Skip(before), e => Assert.Contains("pageSize=1000", e.Query));
        }

        // ------------------------------------------------------------------ sign-in and discovery

        [Fact]
        public async Task A_404_for_a_bad_key_on_a_cloud_host_is_CwAuthenticationFailed_that_says_so()
        {
            await With(Auth, b => b.BadCredentialsStatus = 404, async () =>
            {
                var e = await Assert.ThrowsAsync<CwApiException>(() => CwConnector.ConnectAsync(Options(Auth, privateKey: "WRONGWRONGWRONG1"), default));
                Assert.Equal(ErrorIds.AuthenticationFailed, e.ErrorId);
                Assert.Equal(ErrorCategory.AuthenticationError, e.Category);
                Assert.Equal(404, e.StatusCode);
                Assert.Contains("cloud hosts answer 404 for a wrong key or company ID", e.Message);
                Assert.DoesNotContain("WRONGWRONGWRONG1", e.Message);
                // a key checked on a tenant already connected to (its mySecurity read is the sign-in) is refused, not "not found"
                var admin = Connect(Auth);
                var options = KeyVerifier.OptionsFor(admin, Auth.PublicKey, new NetworkCredential("", "WRONGWRONGWRONG1").SecurePassword);
                var identity = await KeyVerifier.IdentifyAsync(options, default);
                Assert.False(identity.Authenticated);
                Assert.Contains("cloud hosts answer 404", identity.Failure);
                return 0;
            });
            // 401 keeps its own message
            var e401 = await Assert.ThrowsAsync<CwApiException>(() => CwConnector.ConnectAsync(Options(Auth, privateKey: "WRONGWRONGWRONG1"), default));
            Assert.Equal(ErrorIds.AuthenticationFailed, e401.ErrorId);
            Assert.Contains("UserNotAuthenticated", e401.Message);
        }

        [Fact]
        public async Task Any_other_404_stays_CwNotFound()
        {
            var conn = Connect(Auth);
            await With(Auth, b => b.NotFoundBody = ServerBehavior.ErrorBody.Html, async () =>
            {
                var e = await Assert.ThrowsAsync<CwApiException>(() => conn.Client.GetAsync<JObject>("company/companies/99999", default));
                Assert.Equal(ErrorIds.NotFound, e.ErrorId);
                Assert.Contains("web page", e.Message);
                return 0;
            });
            await With(Auth, b => b.NotFoundBody = ServerBehavior.ErrorBody.Empty, async () =>
            {
                var e = await Assert.ThrowsAsync<CwApiException>(() => conn.Client.GetAsync<JObject>("company/companies/99999", default));
                Assert.Equal(ErrorIds.NotFound, e.ErrorId);
                return 0;
            });
        }

        [Theory]
        [InlineData(ServerBehavior.CompanyInfoAnswer.NullBody, 200)]
        [InlineData(ServerBehavior.CompanyInfoAnswer.NotFound, 404)]
        public async Task An_unknown_company_is_CwCompanyNotFound_whether_the_server_answers_null_or_404(ServerBehavior.CompanyInfoAnswer form, int status)
        {
            var server = _sim.Server.Options.Behavior;
            var was = server.UnknownCompanyInfo;
            server.UnknownCompanyInfo = form;
            try
            {
                var options = Options(Auth);
                options.CompanyId = "nosuchcompany";
                var e = await Assert.ThrowsAsync<CwApiException>(() => CwConnector.ConnectAsync(options, default));
                Assert.Equal(ErrorIds.CompanyNotFound, e.ErrorId);
                Assert.Equal(ErrorCategory.ObjectNotFound, e.Category);
                Assert.Equal(status, e.StatusCode);
                Assert.Contains("does not know company 'nosuchcompany'", e.Message);
                Assert.Contains("-CompanyId", e.Message);
                Assert.Equal("nosuchcompany", e.TargetObject);
            }
            finally { server.UnknownCompanyInfo = was; }
        }

        [Fact]
        public async Task A_refused_API_version_is_a_clear_error_that_suggests_ApiVersion()
        {
            var options = Options(Auth);
            options.ApiVersion = "2026.1";
            var e = await Assert.ThrowsAsync<CwApiException>(() => CwConnector.ConnectAsync(options, default));
            Assert.Equal(ErrorIds.InvalidApiVersion, e.ErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, e.Category);
            Assert.Equal(400, e.StatusCode);
            Assert.Contains("does not serve the API version the connection asks for ('2026.1')", e.Message);
            Assert.Contains("-ApiVersion", e.Message);
            Assert.Contains("-ApiVersion", e.RecommendedAction);
            // the version the server reports works
            options = Options(Auth);
            options.ApiVersion = "2025.1";
            var conn = await CwConnector.ConnectAsync(options, default);
            Assert.Equal("2025.1", conn.ApiVersion);
        }

        // ------------------------------------------------------------------ 429, 403, 400

        /// <summary>An API member body from the tenant's defaults, with this identifier (as name too) and role.</summary>
        static async Task<JObject> NewMember(CwConnection conn, string identifier, int roleId)
        {
            var member = await conn.Client.GetAsync<JObject>("system/apiMembers/default", default);
            member.Remove("id");
            member["identifier"] = identifier;
            member["name"] = identifier;
            member["securityRole"] = new JObject { ["id"] = roleId };
            return member;
        }

        [Fact]
        public async Task A_429_with_an_html_body_still_honours_Retry_After_and_reads_as_a_web_page()
        {
            var conn = Connect(Errors);
            using var op = new OperatorClient(_sim.Server.BaseUrl, _sim.Server.OperatorToken, Errors.CompanyId);
            try
            {
                op.SetFaults(new { script = new object[] { new { status = 429, retryAfter = "1", body = "html" } }, pathPrefix = "/system/info" });
                var before = Requests(Errors);
                Assert.NotNull((await conn.Client.GetAsync<JObject>("system/info", default))["version"]);
                var log = State(Errors).RequestLog.Skip(before).ToList();
                Assert.Equal(new[] { 429, 200 }, log.Select(r => r.Status));
                Assert.True(log[1].Time - log[0].Time >= TimeSpan.FromMilliseconds(950), "waited only " + (log[1].Time - log[0].Time));

                // with no retry left: CwRateLimited, and the message says a web page answered, not ConnectWise
                var once = Options(Errors);
                once.MaxRetryTimeSec = 0;
                var single = await CwConnector.ConnectAsync(once, default);
                op.SetFaults(new { script = new object[] { new { status = 429, retryAfter = "1", body = "html" } }, pathPrefix = "/company" });
                var e = await Assert.ThrowsAsync<CwApiException>(() => single.Client.GetAsync<JArray>("company/companies", default));
                Assert.Equal(ErrorIds.RateLimited, e.ErrorId);
                Assert.Equal(ErrorCategory.LimitsExceeded, e.Category);
                Assert.Contains("web page", e.Message);
                Assert.Contains("429 Too Many Requests", e.Message);
                Assert.DoesNotContain("<", e.Message);
            }
            finally { op.ClearFaults(); }
        }

        [Fact]
        public async Task A_403_is_CwPermissionDenied_by_its_status_whatever_the_message()
        {
            var admin = Connect(Errors);
            var role = await admin.Client.PostAsync<SecurityRole>("system/securityroles", new { name = "Forms No Rights" }, default);
            var created = await admin.Client.PostAsync<JObject>("system/apiMembers", await NewMember(admin, "FormsNoRights", role.Id), default);
            using var op = new OperatorClient(_sim.Server.BaseUrl, _sim.Server.OperatorToken, Errors.CompanyId);
            var key = op.CreateApiKey((int)created["id"], "forms");
            var conn = CwConnector.ConnectAsync(Options(Errors, key.PublicKey, key.PrivateKey), default).GetAwaiter().GetResult();
            var e = await Assert.ThrowsAsync<CwApiException>(() => conn.Client.GetAsync<JArray>("company/companies", default));
            Assert.Equal(ErrorIds.PermissionDenied, e.ErrorId);
            Assert.Equal(ErrorCategory.PermissionDenied, e.Category);
            Assert.Equal("Security", e.Code);
            Assert.Contains("You do not have security permission to perform this action.", e.Message);
            Assert.Contains("security role", e.RecommendedAction);
            // the live probe sorts it by status too
            var rows = await conn.Client.GetListAsync<SecurityRoleSetting>("system/mySecurity", new ListQuery(), default);
            var results = await new EndpointProbe(conn.Client).ProbeAsync(new[] { new ConnectWiseSetup.Permissions.EndpointRequirement { Method = "GET", Path = "/company/companies" } }, rows, 1, default);
            Assert.Equal(ProbeOutcome.Forbidden, Assert.Single(results).Outcome);
        }

        [Fact]
        public async Task ConnectWises_400_codes_become_clear_errors_that_name_the_field()
        {
            var conn = Connect(Errors);
            var missing = await Assert.ThrowsAsync<CwApiException>(() => conn.Client.PostAsync<JObject>("system/securityroles", new { roleType = "Standard" }, default));
            Assert.Equal(ErrorIds.InvalidRequest, missing.ErrorId);
            Assert.Contains("name: The name field is required.", missing.Message);
            Assert.Equal("MissingRequiredField", Assert.Single(missing.FieldErrors).Code);

            var tooLong = await Assert.ThrowsAsync<CwApiException>(() => conn.Client.PostAsync<JObject>("system/securityroles", new { name = new string('r', 31) }, default));
            Assert.Contains("name: The field name must be a string with a maximum length of 30.", tooLong.Message);

            var member = await NewMember(conn, "FormsRef", 987654);
            var reference = await Assert.ThrowsAsync<CwApiException>(() => conn.Client.PostAsync<JObject>("system/apiMembers", member, default));
            Assert.Equal(ErrorIds.InvalidRequest, reference.ErrorId);
            Assert.Contains("securityRole/id: securityRole/id 987654 was not found.", reference.Message);
            Assert.Equal("NotFound", Assert.Single(reference.FieldErrors).Code);

            var condition = await Assert.ThrowsAsync<CwApiException>(() => conn.Client.GetListAsync<JObject>("company/companies", new ListQuery { Conditions = "invoiceDate > [2025-01-01]" }, default));
            Assert.Equal(ErrorIds.InvalidRequest, condition.ErrorId);
            Assert.Equal("ApiFindCondition", condition.Code);
            Assert.Contains("invoiceDate is not a recognized name.", condition.Message);
            Assert.Contains("not a field of this endpoint", condition.Message);

            var range = await Assert.ThrowsAsync<CwApiException>(() => conn.Client.GetAsync<JArray>("company/companies", new[] { new KeyValuePair<string, string>("pageSize", "5000") }, default));
            Assert.Equal(ErrorIds.InvalidRequest, range.ErrorId);
            Assert.Contains("pageSize: pageSize must be between 1 and 1000.", range.Message);
        }

        [Fact]
        public async Task A_method_ConnectWise_has_that_the_simulator_does_not_emulate_is_not_reported_as_405()
        {
            var conn = Connect(Errors);
            var e = await Assert.ThrowsAsync<CwApiException>(() => conn.Client.PostAsync<JObject>("system/members", new { identifier = "x" }, default));
            Assert.Equal(501, e.StatusCode);
            Assert.NotEqual(ErrorIds.MethodNotAllowed, e.ErrorId);
            Assert.Contains("does not emulate POST", e.Message);
            var put = await Assert.ThrowsAsync<CwApiException>(() => conn.Client.PutAsync<JObject>("system/securityroles/1", new { name = "x" }, default));
            Assert.Equal(ErrorIds.MethodNotAllowed, put.ErrorId);
        }

        // ------------------------------------------------------------------ transport

        [Fact]
        public async Task A_refused_connection_is_one_clear_CwConnectionFailed_at_once()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop(); // nothing listens on that port now
            var options = Options(Auth);
            options.Server = "http://127.0.0.1:" + port;
            var e = await Assert.ThrowsAsync<CwApiException>(() => CwConnector.ConnectAsync(options, default));
            Assert.Equal(ErrorIds.ConnectionFailed, e.ErrorId);
            Assert.Equal(ErrorCategory.ConnectionError, e.Category);
            Assert.Equal(0, e.RetryCount);
            Assert.Contains("nothing is listening at 127.0.0.1:" + port, e.Message);
            Assert.Contains("-Server", e.RecommendedAction);
        }

        [Fact]
        public async Task A_refused_connection_after_the_server_answered_is_retried_and_a_drop_is_retried_too()
        {
            var refused = new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused));
            var handler = FakeHandler.Sequence(_ => FakeHandler.Status(503), _ => throw refused, _ => FakeHandler.Ok("{\"version\":\"v2025.1.1\"}"));
            using var client = TestTenant.Client(handler);
            await client.GetAsync<JObject>("system/info");
            Assert.Equal(3, handler.Requests.Count);

            var never = new FakeHandler((r, ct) => Task.FromException<HttpResponseMessage>(refused));
            using var fresh = TestTenant.Client(never);
            var e = await Assert.ThrowsAsync<CwApiException>(() => fresh.GetAsync<JObject>("system/info"));
            Assert.Single(never.Requests);
            Assert.Equal(ErrorIds.ConnectionFailed, e.ErrorId);

            // a connection dropped by the simulator before it answered: a GET is repeated
            var conn = Connect(Errors);
            using var op = new OperatorClient(_sim.Server.BaseUrl, _sim.Server.OperatorToken, Errors.CompanyId);
            try
            {
                op.SetFaults(new { script = new object[] { new { drop = true } }, pathPrefix = "/system/info" });
                var before = Requests(Errors);
                Assert.NotNull((await conn.Client.GetAsync<JObject>("system/info", default))["version"]);
                Assert.Equal(new[] { 0, 200 }, State(Errors).RequestLog.Skip(before).Select(r => r.Status));
            }
            finally { op.ClearFaults(); }
        }
    }
}
