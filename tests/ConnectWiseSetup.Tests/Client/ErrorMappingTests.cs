#nullable enable
using System.Management.Automation;
using ConnectWiseSetup.Client;
using Newtonsoft.Json.Linq;
using Xunit;

namespace ConnectWiseSetup.Tests.Client;

public class ErrorMappingTests
{
    private static async Task<CwApiException> Fail(int status, string body, string method = "GET", params (string, string)[] headers)
    {
        var handler = new FakeHandler(r => FakeHandler.Status(status, body, headers));
        using var client = TestTenant.Client(handler, configure: o => o.Retry.MaxAttempts = 1);
        return method switch
        {
            "POST" => await Assert.ThrowsAsync<CwApiException>(() => client.PostAsync<JObject>("system/securityroles", new { name = "x" })),
            _ => await Assert.ThrowsAsync<CwApiException>(() => client.GetAsync<JObject>("system/securityroles/5")),
        };
    }

    [Theory]
    [InlineData(400, "CwInvalidRequest", ErrorCategory.InvalidArgument)]
    [InlineData(401, "CwAuthenticationFailed", ErrorCategory.AuthenticationError)]
    [InlineData(403, "CwPermissionDenied", ErrorCategory.PermissionDenied)]
    [InlineData(404, "CwNotFound", ErrorCategory.ObjectNotFound)]
    [InlineData(405, "CwMethodNotAllowed", ErrorCategory.InvalidOperation)]
    [InlineData(409, "CwResourceExists", ErrorCategory.ResourceExists)]
    [InlineData(415, "CwRequestFailed", ErrorCategory.InvalidOperation)]
    [InlineData(429, "CwRateLimited", ErrorCategory.LimitsExceeded)]
    [InlineData(500, "CwServerError", ErrorCategory.ConnectionError)]
    [InlineData(502, "CwServerError", ErrorCategory.ConnectionError)]
    [InlineData(503, "CwServerError", ErrorCategory.ConnectionError)]
    [InlineData(504, "CwServerError", ErrorCategory.ConnectionError)]
    public async Task Status_maps_to_error_id_and_category(int status, string errorId, ErrorCategory category)
    {
        var e = await Fail(status, "{\"code\":\"Code" + status + "\",\"message\":\"Message " + status + "\"}");
        Assert.Equal(errorId, e.ErrorId);
        Assert.Equal(category, e.Category);
        Assert.Equal(status, e.StatusCode);
        Assert.Equal("Code" + status, e.Code);
        Assert.Equal("Message " + status, e.ApiMessage);
        Assert.Contains("Message " + status, e.Message);
        Assert.Equal("GET", e.Method);
        Assert.Equal(TestTenant.Base + "system/securityroles/5", e.Url);
        var record = e.ToErrorRecord();
        Assert.Equal(errorId, record.FullyQualifiedErrorId);
        Assert.Equal(category, record.CategoryInfo.Category);
    }

    [Fact]
    public async Task Field_errors_are_parsed_and_object_exists_means_resource_exists()
    {
        var e = await Fail(400, "{\"code\":\"InvalidObject\",\"message\":\"securityRole object is invalid\",\"errors\":[{\"code\":\"ObjectExists\",\"message\":\"The name is already in use.\",\"resource\":\"securityRole\",\"field\":\"name\"}]}", "POST");
        Assert.Equal("CwResourceExists", e.ErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, e.Category);
        var f = Assert.Single(e.FieldErrors);
        Assert.Equal(("ObjectExists", "The name is already in use.", "securityRole", "name"), (f.Code, f.Message, f.Resource, f.Field));
        Assert.Contains("securityRole object is invalid", e.Message);
        Assert.Contains("name: The name is already in use.", e.Message);
        Assert.Equal("POST", e.Method);
    }

    [Theory]
    [InlineData("<html><body>Bad gateway</body></html>")]
    [InlineData("{not json")]
    [InlineData("")]
    [InlineData("[1,2]")]
    public async Task Non_json_error_bodies_still_give_the_status(string body)
    {
        var e = await Fail(400, body);
        Assert.Equal("CwInvalidRequest", e.ErrorId);
        Assert.Equal(400, e.StatusCode);
        Assert.Null(e.Code);
        Assert.Empty(e.FieldErrors);
    }

    [Theory]
    [InlineData("{\"id\":")]
    [InlineData("<html>oops</html>")]
    [InlineData("")]
    [InlineData("{\"id\":1} trailing")]
    public async Task Malformed_success_body_is_invalid_response_not_json_exception(string body)
    {
        var handler = new FakeHandler(r => FakeHandler.Ok(body));
        using var client = TestTenant.Client(handler);
        var e = await Assert.ThrowsAsync<CwApiException>(() => client.GetAsync<JObject>("system/info"));
        Assert.Equal("CwInvalidResponse", e.ErrorId);
        Assert.Equal(ErrorCategory.InvalidResult, e.Category);
        Assert.Equal(200, e.StatusCode);
    }

    [Fact]
    public async Task Wrong_shape_is_invalid_response()
    {
        var handler = new FakeHandler(r => FakeHandler.Ok("{\"id\":\"not a number\"}"));
        using var client = TestTenant.Client(handler);
        Assert.Equal("CwInvalidResponse", (await Assert.ThrowsAsync<CwApiException>(() => client.GetAsync<Dictionary<string, int>>("x"))).ErrorId);
    }

    [Fact]
    public async Task Connection_failure_is_never_a_bare_http_request_exception()
    {
        var handler = new FakeHandler((r, ct) => Task.FromException<HttpResponseMessage>(new HttpRequestException("Name or service not known", new System.Net.Sockets.SocketException(11001))));
        using var client = TestTenant.Client(handler, configure: o => o.Retry.MaxAttempts = 2);
        var e = await Assert.ThrowsAsync<CwApiException>(() => client.GetAsync<JObject>("system/info"));
        Assert.Equal("CwConnectionFailed", e.ErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, e.Category);
        Assert.Null(e.StatusCode);
        Assert.Equal(1, e.RetryCount);
        Assert.IsType<HttpRequestException>(e.InnerException);
        Assert.Contains("cw.example.com", e.Message);
    }

    [Fact]
    public async Task Timeout_is_cw_timeout()
    {
        var handler = new FakeHandler(async (r, ct) => { await Task.Delay(Timeout.Infinite, ct); return FakeHandler.Ok("{}"); });
        using var client = TestTenant.Client(handler, configure: o => { o.TimeoutSec = 1; o.Retry.MaxAttempts = 1; });
        var e = await Assert.ThrowsAsync<CwApiException>(() => client.GetAsync<JObject>("system/info"));
        Assert.Equal("CwTimeout", e.ErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, e.Category);
        Assert.Contains("-TimeoutSec", e.Message);
    }

    [Fact]
    public void Error_record_targets_the_given_object()
    {
        var e = new CwException("CwInvalidRoleName", ErrorCategory.InvalidArgument, "bad", "target-a") { RecommendedAction = "Use a shorter name." };
        var r = e.ToErrorRecord("target-b");
        Assert.Equal("target-b", r.TargetObject);
        Assert.Equal("Use a shorter name.", r.ErrorDetails.RecommendedAction);
        Assert.Equal("target-a", e.ToErrorRecord().TargetObject);
    }

    [Theory]
    [InlineData("https://h/x?conditions=a&privateKey=abc&token=t", "https://h/x?conditions=a&privateKey=***&token=***")]
    [InlineData("https://user:pw@h/x", "https://h/x")]
    public void Urls_in_errors_hide_secrets(string url, string expected)
        => Assert.Equal(expected, ErrorMapping.SafeUrl(new Uri(url)));
}
