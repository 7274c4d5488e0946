#nullable enable
using ConnectWiseSetup.Client;
using Newtonsoft.Json.Linq;
using Xunit;

namespace ConnectWiseSetup.Tests.Client;

public class WriteTests
{
    private sealed class Role
    {
        public int Id { get; set; }
        public string? Name { get; set; }
        public bool AdminFlag { get; set; }
        public string? RoleType { get; set; }
        public DateTime? InactiveDate { get; set; }
    }

    [Fact]
    public async Task Post_sends_camel_case_json_without_nulls_and_reads_the_record()
    {
        var handler = new FakeHandler(r => FakeHandler.Status(201, "{\"id\":12,\"name\":\"MMB API\",\"adminFlag\":false,\"roleType\":\"Custom\"}"));
        using var client = TestTenant.Client(handler);
        var created = await client.PostAsync<Role>("system/securityroles", new Role { Name = "MMB API", InactiveDate = new DateTime(2025, 1, 31, 0, 0, 0, DateTimeKind.Utc) });
        Assert.Equal(12, created.Id);
        var sent = handler.Requests[0];
        Assert.Equal("POST", sent.Method);
        Assert.StartsWith("application/json", sent.Header("Content-Type"));
        var body = JObject.Parse(sent.Body!);
        Assert.Equal("MMB API", (string?)body["name"]);
        Assert.False(body.ContainsKey("roleType"));
        Assert.False((bool)body["adminFlag"]!);
        Assert.Contains("\"inactiveDate\":\"2025-01-31T00:00:00Z\"", sent.Body);
    }

    [Fact]
    public async Task Patch_sends_an_operation_array_with_reference_values()
    {
        var handler = new FakeHandler(r => FakeHandler.Ok("{\"id\":3,\"name\":\"X\"}"));
        using var client = TestTenant.Client(handler);
        await client.PatchAsync<JObject>("system/apiMembers/3", new[]
        {
            PatchOperation.Replace("name", "X"),
            PatchOperation.ReplaceReference("securityRole", 17),
            PatchOperation.Replace("inactiveFlag", true),
            PatchOperation.Replace("notes", null),
            PatchOperation.Remove("emailAddress"),
        });
        var sent = handler.Requests[0];
        Assert.Equal("PATCH", sent.Method);
        Assert.Equal(
            "[{\"op\":\"replace\",\"path\":\"name\",\"value\":\"X\"},{\"op\":\"replace\",\"path\":\"securityRole\",\"value\":{\"id\":17}}," +
            "{\"op\":\"replace\",\"path\":\"inactiveFlag\",\"value\":true},{\"op\":\"replace\",\"path\":\"notes\",\"value\":null},{\"op\":\"remove\",\"path\":\"emailAddress\"}]",
            sent.Body);
    }

    [Fact]
    public void Patch_path_is_validated()
        => Assert.Equal("CwInvalidConditionField", Assert.Throws<CwException>(() => PatchOperation.Replace("name\"", 1)).ErrorId);

    [Fact]
    public async Task Put_and_delete_use_their_verbs()
    {
        var handler = new FakeHandler(r => r.Method == "DELETE" ? FakeHandler.Status(204) : FakeHandler.Ok("{\"id\":3}"));
        using var client = TestTenant.Client(handler);
        await client.PutAsync<JObject>("system/apiMembers/3", new { id = 3, identifier = "MMBAPI" });
        await client.DeleteAsync("system/securityroles/9");
        Assert.Equal("PUT", handler.Requests[0].Method);
        Assert.Equal("{\"id\":3,\"identifier\":\"MMBAPI\"}", handler.Requests[0].Body);
        Assert.Equal("DELETE", handler.Requests[1].Method);
        Assert.Equal("/v2025_1/apis/3.0/system/securityroles/9", handler.Requests[1].Uri.AbsolutePath);
    }
}
