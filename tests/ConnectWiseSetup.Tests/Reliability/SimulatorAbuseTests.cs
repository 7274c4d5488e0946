using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Tests.Simulator;
using Newtonsoft.Json.Linq;
using Xunit;

namespace ConnectWiseSetup.Tests.Reliability
{
    public sealed class SimulatorAbuseFixture : SimFixture
    {
        protected override SimulatorOptions Options => new() { Seed = 31337, TenantCount = 1 };
    }

    /// <summary>
    /// What tests/…/Simulator/RobustnessTests.cs and CoreApiTests.cs do not cover yet: malformed requests on the member,
    /// role and operator routes (not only companies), bodies of the wrong shape, wrong content types on PUT and PATCH,
    /// chunked bodies past the limit, odd methods, request lines and headers past Kestrel's limits, and a concurrent burst.
    /// Each gets a 4xx with ConnectWise's error body (code, message, errors) where the simulator answers, and after each
    /// the simulator still answers /system/info.
    /// </summary>
    public sealed class SimulatorAbuseTests : IClassFixture<SimulatorAbuseFixture>
    {
        readonly SimulatorServer _s;
        readonly TenantInfo _t;
        public SimulatorAbuseTests(SimulatorAbuseFixture f) { _s = f.Server; _t = f.Server.Tenants[0]; }

        public sealed record Bad(string Method, string Path, string ContentType, byte[] Body, HttpStatusCode Status);

        static Bad B(string method, string path, HttpStatusCode status, string body = null, string contentType = "application/json")
            => new(method, path, contentType, body == null ? null : Encoding.UTF8.GetBytes(body), status);

        static readonly Dictionary<string, Bad> Cases = new()
        {
            ["member POST: not JSON"] = B("POST", "system/apiMembers", HttpStatusCode.BadRequest, "identifier=X"),
            ["member POST: truncated JSON"] = B("POST", "system/apiMembers", HttpStatusCode.BadRequest, "{\"identifier\":\"X\",\"securityRole\":{\"id\":"),
            ["member POST: identifier a number"] = B("POST", "system/apiMembers", HttpStatusCode.BadRequest, "{\"identifier\":12345,\"name\":\"N\"}"),
            ["member POST: identifier an object"] = B("POST", "system/apiMembers", HttpStatusCode.BadRequest, "{\"identifier\":{\"a\":1},\"name\":\"N\"}"),
            ["member POST: role id not a number"] = B("POST", "system/apiMembers", HttpStatusCode.BadRequest, "{\"identifier\":\"Shape1\",\"name\":\"N\",\"securityRole\":{\"id\":\"x\"}}"),
            ["member POST: role id past int"] = B("POST", "system/apiMembers", HttpStatusCode.BadRequest, "{\"identifier\":\"Shape2\",\"name\":\"N\",\"securityRole\":{\"id\":1e400}}"),
            ["member POST: a JSON string"] = B("POST", "system/apiMembers", HttpStatusCode.BadRequest, "\"member\""),
            ["member POST: null"] = B("POST", "system/apiMembers", HttpStatusCode.BadRequest, "null"),
            ["member POST: text/plain"] = B("POST", "system/apiMembers", HttpStatusCode.UnsupportedMediaType, "{\"identifier\":\"X\"}", "text/plain"),
            ["member POST: not UTF-8"] = new("POST", "system/apiMembers", "application/json", new byte[] { 0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D }, HttpStatusCode.BadRequest),
            ["member PATCH: an object, not an array"] = B("PATCH", "system/apiMembers/1", HttpStatusCode.BadRequest, "{\"op\":\"replace\",\"path\":\"name\",\"value\":\"x\"}"),
            ["member PATCH: op missing"] = B("PATCH", "system/apiMembers/1", HttpStatusCode.BadRequest, "[{\"path\":\"name\",\"value\":\"x\"}]"),
            ["member PATCH: path missing"] = B("PATCH", "system/apiMembers/1", HttpStatusCode.BadRequest, "[{\"op\":\"replace\",\"value\":\"x\"}]"),
            ["member PATCH: form content type"] = B("PATCH", "system/apiMembers/1", HttpStatusCode.UnsupportedMediaType, "[]", "application/x-www-form-urlencoded"),
            ["member PATCH: empty body"] = B("PATCH", "system/apiMembers/1", HttpStatusCode.BadRequest, ""),
            ["member PUT: broken JSON"] = B("PUT", "system/apiMembers/1", HttpStatusCode.BadRequest, "{\"identifier\":"),
            ["member PUT: xml"] = B("PUT", "system/apiMembers/1", HttpStatusCode.UnsupportedMediaType, "<member/>", "application/xml"),
            ["member GET: id not a number"] = B("GET", "system/apiMembers/abc", HttpStatusCode.NotFound),
            ["member GET: id past int"] = B("GET", "system/apiMembers/99999999999999999999", HttpStatusCode.NotFound),
            ["member DELETE: no such method"] = B("DELETE", "system/apiMembers/1", HttpStatusCode.MethodNotAllowed),
            ["role POST: an array"] = B("POST", "system/securityroles", HttpStatusCode.BadRequest, "[{\"name\":\"x\"}]"),
            ["role POST: name null"] = B("POST", "system/securityroles", HttpStatusCode.BadRequest, "{\"name\":null}"),
            ["role POST: adminFlag a string"] = B("POST", "system/securityroles", HttpStatusCode.BadRequest, "{\"name\":\"Flag Role\",\"adminFlag\":\"yes please\"}"),
            ["role POST: name over 30"] = B("POST", "system/securityroles", HttpStatusCode.BadRequest, "{\"name\":\"" + new string('r', 31) + "\"}"),
            ["role settings: paging nonsense"] = B("GET", "system/securityRoles/1/settings?page=0&pageSize=-5", HttpStatusCode.BadRequest),
            ["role settings: bad conditions"] = B("GET", "system/securityRoles/1/settings?conditions=" + Uri.EscapeDataString("inquireLevel = \"All"), HttpStatusCode.BadRequest),
            ["roles: conditions with an unknown operator"] = B("GET", "system/securityroles?conditions=" + Uri.EscapeDataString("name ~ \"x\""), HttpStatusCode.BadRequest),
            ["roles: conditions all parentheses"] = B("GET", "system/securityroles?conditions=" + Uri.EscapeDataString("((((()))))"), HttpStatusCode.BadRequest),
            ["roles: count with bad conditions"] = B("GET", "system/securityroles/count?conditions=" + Uri.EscapeDataString("id in (1,"), HttpStatusCode.BadRequest),
            ["roles: PUT (no such method)"] = B("PUT", "system/securityroles/1", HttpStatusCode.MethodNotAllowed, "{\"name\":\"x\"}"),
            ["unknown route deep"] = B("GET", "system/nosuch/thing/1/2/3", HttpStatusCode.NotFound),
            ["unknown method"] = B("BREW", "system/info", HttpStatusCode.MethodNotAllowed),
        };

        public static IEnumerable<object[]> Names => Cases.Keys.Select(k => new object[] { k });

        [Theory]
        [MemberData(nameof(Names))]
        public async Task A_malformed_request_gets_a_ConnectWise_error_and_the_simulator_stays_up(string name)
        {
            var c = Cases[name];
            using var client = Sim.Client(_s, _t);
            using var request = new HttpRequestMessage(new HttpMethod(c.Method), c.Path);
            if (c.Body != null)
            {
                request.Content = new ByteArrayContent(c.Body);
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(c.ContentType);
            }
            var r = await client.SendAsync(request);
            await Sim.AssertError(r, c.Status);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("system/info")).StatusCode);
        }

        [Fact]
        public async Task A_chunked_body_past_the_limit_is_413_and_the_simulator_stays_up()
        {
            using var client = Sim.Client(_s, _t);
            var content = new StreamContent(new RepeatingStream((byte)'a', 10L * 1024 * 1024)); // no Content-Length: chunked
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            HttpResponseMessage r;
            try { r = await client.PostAsync("system/apiMembers", content); }
            catch (HttpRequestException) { r = null; } // the server may close the connection once it has answered
            if (r != null) Assert.Equal(HttpStatusCode.RequestEntityTooLarge, r.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("system/info")).StatusCode);
            Assert.Contains(_s.GlobalRequestLog, e => e.Path.EndsWith("/system/apiMembers") && e.Status == 413);
        }

        [Fact]
        public async Task A_request_line_or_header_past_the_server_limits_is_refused_and_the_simulator_stays_up()
        {
            using var client = Sim.Client(_s, _t);
            var longQuery = await client.GetAsync("company/companies?conditions=" + new string('a', 64 * 1024));
            Assert.InRange((int)longQuery.StatusCode, 400, 499);
            using var request = new HttpRequestMessage(HttpMethod.Get, "system/info");
            request.Headers.TryAddWithoutValidation("X-Padding", new string('p', 64 * 1024));
            var bigHeader = await client.SendAsync(request);
            Assert.InRange((int)bigHeader.StatusCode, 400, 499);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("system/info")).StatusCode);
        }

        [Fact]
        public async Task A_concurrent_burst_of_malformed_requests_leaves_the_simulator_answering()
        {
            using var client = Sim.Client(_s, _t);
            var bodies = new[] { "{", "[1,", "null", "\"x\"", "{\"identifier\":[]}", "{\"identifier\":\"" + new string('x', 5000) + "\"}" };
            var tasks = Enumerable.Range(0, 200).Select(async i =>
            {
                var r = await client.PostAsync("system/apiMembers", new StringContent(bodies[i % bodies.Length], Encoding.UTF8, "application/json"));
                return (int)r.StatusCode;
            }).ToList();
            var statuses = await Task.WhenAll(tasks);
            Assert.All(statuses, s => Assert.InRange(s, 400, 499));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("system/info")).StatusCode);
            Assert.Empty((await Sim.GetArray(client, "system/apiMembers?conditions=" + Uri.EscapeDataString("identifier like \"xxxx%\""))));
        }

        [Fact]
        public async Task The_operator_channel_refuses_malformed_settings_with_an_error_body()
        {
            using var op = Sim.Operator(_s);
            var t = "tenants/" + _t.CompanyId + "/";
            await Sim.AssertError(await op.PutAsync(t + "faults", Sim.Json("{\"rate429\":")), HttpStatusCode.BadRequest);
            await Sim.AssertError(await op.PutAsync(t + "faults", Sim.Json("{\"rate429\": 1.5}")), HttpStatusCode.BadRequest);
            await Sim.AssertError(await op.PutAsync(t + "faults", Sim.Json("{\"dropRate\": -0.1}")), HttpStatusCode.BadRequest);
            await Sim.AssertError(await op.PutAsync(t + "faults", Sim.Json("{\"script\": \"not a list\"}")), HttpStatusCode.BadRequest);
            await Sim.AssertError(await op.PutAsync(t + "securityroles/1/settings", Sim.Json("{\"not\":\"a list\"}")), HttpStatusCode.BadRequest);
            await Sim.AssertError(await op.PutAsync(t + "securityroles/1/settings", Sim.Json("[{\"module\":\"Companies\",\"function\":\"Company Maintenance\",\"inquireLevel\":\"Al\"}]")), HttpStatusCode.BadRequest);
            await Sim.AssertError(await op.PostAsync(t + "apiMembers/999999/keys", Sim.Json("{\"description\":\"x\"}")), HttpStatusCode.NotFound);
            await Sim.AssertError(await op.PostAsync(t + "companies/bulk", Sim.Json("{\"count\":-3}")), HttpStatusCode.BadRequest);
            using var client = Sim.Client(_s, _t);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("system/info")).StatusCode);
            var faults = await op.GetAsync(t + "requests");
            Assert.Equal(HttpStatusCode.OK, faults.StatusCode);
        }

        /// <summary>A body of one byte repeated, of unknown length to the client (so it is sent chunked).</summary>
        sealed class RepeatingStream : Stream
        {
            readonly byte _b; long _left;
            public RepeatingStream(byte b, long length) { _b = b; _left = length; }
            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => 0; set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override int Read(byte[] buffer, int offset, int count)
            {
                var n = (int)Math.Min(count, _left);
                for (var i = 0; i < n; i++) buffer[offset + i] = _b;
                _left -= n;
                return n;
            }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
