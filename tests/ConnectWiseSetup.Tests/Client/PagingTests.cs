#nullable enable
using System.Web;
using ConnectWiseSetup.Client;
using Newtonsoft.Json.Linq;
using Xunit;

namespace ConnectWiseSetup.Tests.Client;

public class PagingTests
{
    private sealed class Item { public int Id { get; set; } public string? Name { get; set; } }

    private static string Items(int from, int count)
        => "[" + string.Join(",", Enumerable.Range(from, count).Select(i => "{\"id\":" + i + ",\"name\":\"n" + i + "\",\"unknownField\":{\"x\":1}}")) + "]";

    [Fact]
    public async Task Follows_link_next_across_three_pages()
    {
        const string list = TestTenant.Base + "company/companies";
        var handler = new FakeHandler(r =>
        {
            var q = HttpUtility.ParseQueryString(r.Uri.Query);
            var page = int.Parse(q["page"] ?? "1");
            var link = page < 3
                ? $"<{list}?pageSize=1000&page={page + 1}>; rel=\"next\", <{list}?pageSize=1000&page=3>; rel=\"last\""
                : $"<{list}?pageSize=1000&page=1>; rel=\"first\"";
            return FakeHandler.Ok(Items((page - 1) * 1000 + 1, page < 3 ? 1000 : 5), ("Link", link));
        });
        using var client = TestTenant.Client(handler);
        var all = await client.GetListAsync<Item>("company/companies", new ListQuery
        {
            Conditions = Conditions.Like("name", "A*").ToString(),
            Fields = new[] { "id", "name" },
            OrderBy = "name asc",
        });
        Assert.Equal(2005, all.Count);
        Assert.Equal(Enumerable.Range(1, 2005), all.Select(i => i.Id));
        Assert.Equal(3, handler.Requests.Count);
        var first = HttpUtility.ParseQueryString(handler.Requests[0].Uri.Query);
        Assert.Equal("1000", first["pageSize"]);
        Assert.Equal("1", first["page"]);
        Assert.Equal("name like \"A%\"", first["conditions"]);
        Assert.Equal("id,name", first["fields"]);
        Assert.Equal("name asc", first["orderBy"]);
        Assert.Equal("2", HttpUtility.ParseQueryString(handler.Requests[1].Uri.Query)["page"]);
        Assert.Equal("3", HttpUtility.ParseQueryString(handler.Requests[2].Uri.Query)["page"]);
        Assert.All(handler.Requests, r => Assert.Null(r.Header("pagination-type")));
    }

    [Fact]
    public async Task Forward_only_sends_the_header_and_follows_the_link()
    {
        var handler = new FakeHandler(r =>
        {
            var q = HttpUtility.ParseQueryString(r.Uri.Query);
            return q["pageId"] switch
            {
                null => FakeHandler.Ok(Items(1, 2), ("Link", $"<{TestTenant.Base}system/members?pageSize=2&pageId=2>; rel=\"next\"")),
                "2" => FakeHandler.Ok(Items(3, 2), ("Link", $"<{TestTenant.Base}system/members?pageSize=2&pageId=4>; rel=\"next\"")),
                _ => FakeHandler.Ok(Items(5, 1)),
            };
        });
        using var client = TestTenant.Client(handler);
        var all = await client.GetListAsync<Item>("system/members", new ListQuery { ForwardOnly = true, PageSize = 2 });
        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, all.Select(i => i.Id));
        Assert.All(handler.Requests, r => Assert.Equal("forward-only", r.Header("pagination-type")));
        Assert.Null(HttpUtility.ParseQueryString(handler.Requests[0].Uri.Query)["page"]);
    }

    [Fact]
    public async Task Max_items_stops_early()
    {
        var handler = new FakeHandler(r => FakeHandler.Ok(Items(1, 10), ("Link", $"<{TestTenant.Base}x?page=2>; rel=\"next\"")));
        using var client = TestTenant.Client(handler);
        var some = await client.GetListAsync<Item>("x", new ListQuery { MaxItems = 3 });
        Assert.Equal(3, some.Count);
        Assert.Single(handler.Requests);
        Assert.Equal("3", HttpUtility.ParseQueryString(handler.Requests[0].Uri.Query)["pageSize"]);
    }

    [Fact]
    public async Task Link_to_another_host_is_refused()
    {
        var handler = new FakeHandler(r => FakeHandler.Ok(Items(1, 1), ("Link", "<https://evil.example.net/v2025_1/apis/3.0/x?page=2>; rel=\"next\"")));
        using var client = TestTenant.Client(handler);
        var e = await Assert.ThrowsAsync<CwException>(() => client.GetListAsync<Item>("x"));
        Assert.Equal("CwInsecureRedirect", e.ErrorId);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Link_from_https_to_http_on_the_same_host_is_refused()
    {
        var handler = new FakeHandler(r => FakeHandler.Ok(Items(1, 1), ("Link", "<http://cw.example.com/v2025_1/apis/3.0/x?page=2>; rel=\"next\"")));
        using var client = TestTenant.Client(handler);
        Assert.Equal("CwInsecureRedirect", (await Assert.ThrowsAsync<CwException>(() => client.GetListAsync<Item>("x"))).ErrorId);
    }

    [Fact]
    public async Task Without_link_header_a_full_page_asks_for_the_next_by_number()
    {
        var handler = new FakeHandler(r =>
        {
            var page = int.Parse(HttpUtility.ParseQueryString(r.Uri.Query)["page"]!);
            return FakeHandler.Ok(page == 1 ? Items(1, 2) : Items(3, 1));
        });
        using var client = TestTenant.Client(handler);
        var all = await client.GetListAsync<Item>("x", new ListQuery { PageSize = 2 });
        Assert.Equal(new[] { 1, 2, 3 }, all.Select(i => i.Id));
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task A_link_loop_is_stopped()
    {
        var handler = new FakeHandler(r => FakeHandler.Ok(Items(1, 1), ("Link", $"<{TestTenant.Base}x?page=2>; rel=\"next\"")));
        using var client = TestTenant.Client(handler);
        var e = await Assert.ThrowsAsync<CwApiException>(() => client.GetListAsync<Item>("x"));
        Assert.Equal("CwInvalidResponse", e.ErrorId);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task Get_page_returns_one_page_and_its_next()
    {
        var handler = new FakeHandler(r => FakeHandler.Ok(Items(51, 25), ("Link", $"<{TestTenant.Base}x?page=4&pageSize=25>; rel=\"next\"")));
        using var client = TestTenant.Client(handler);
        var page = await client.GetPageAsync<Item>("x", new ListQuery { PageSize = 25 }, 3);
        Assert.Equal(25, page.Items.Count);
        Assert.Equal(TestTenant.Base + "x?page=4&pageSize=25", page.Next!.AbsoluteUri);
        Assert.Equal("3", HttpUtility.ParseQueryString(handler.Requests[0].Uri.Query)["page"]);
    }

    [Fact]
    public async Task Count_reads_the_count_endpoint()
    {
        var handler = new FakeHandler(r => FakeHandler.Ok("{\"count\": 42}"));
        using var client = TestTenant.Client(handler);
        Assert.Equal(42, await client.CountAsync("system/securityroles", Conditions.Eq("name", "MMB API")));
        Assert.Equal("/v2025_1/apis/3.0/system/securityroles/count", handler.Requests[0].Uri.AbsolutePath);
        Assert.Equal("name = \"MMB API\"", HttpUtility.ParseQueryString(handler.Requests[0].Uri.Query)["conditions"]);
    }

    [Fact]
    public async Task Get_reads_a_record_ignoring_unknown_fields()
    {
        var handler = new FakeHandler(r => FakeHandler.Ok("{\"id\":7,\"name\":\"Seven\",\"_info\":{\"lastUpdated\":\"2025-01-31T00:00:00Z\"}}"));
        using var client = TestTenant.Client(handler);
        var item = await client.GetAsync<Item>("/system/members/7");
        Assert.Equal(7, item.Id);
        Assert.Equal("Seven", item.Name);
        Assert.Equal(TestTenant.Base + "system/members/7", handler.Requests[0].Uri.AbsoluteUri);
    }

    [Theory]
    [InlineData("https://evil.example.net/x")]
    [InlineData("../../login/x")]
    [InlineData("x\\..\\y")]
    [InlineData(" ")]
    public async Task Paths_that_leave_the_api_base_are_refused(string path)
    {
        var handler = new FakeHandler(r => FakeHandler.Ok("{}"));
        using var client = TestTenant.Client(handler);
        var e = await Assert.ThrowsAnyAsync<CwException>(() => client.GetAsync<JObject>(path));
        Assert.Equal("CwInvalidPath", e.ErrorId);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task A_protocol_relative_path_stays_under_the_api_base()
    {
        var handler = new FakeHandler(r => FakeHandler.Ok("{}"));
        using var client = TestTenant.Client(handler);
        await client.GetAsync<JObject>("//evil.example.net/x");
        Assert.Equal(TestTenant.Base + "evil.example.net/x", Assert.Single(handler.Requests).Uri.AbsoluteUri);
    }

    [Fact]
    public void Link_header_forms_are_understood()
    {
        var uri = new Uri(TestTenant.Base + "x?page=1");
        Uri? Next(string link) => ManageClient.NextLink(new RawResponse("GET", uri, 200, "OK", MakeHeaders(link), null, "[]"));
        Assert.Equal(TestTenant.Base + "x?page=2", Next("<" + TestTenant.Base + "x?page=2>; rel=\"next\"")!.AbsoluteUri);
        Assert.Equal(TestTenant.Base + "x?page=2", Next("<x?page=2>;rel=next")!.AbsoluteUri);
        Assert.Equal(TestTenant.Base + "x?conditions=id%20in%20(1,2)&page=2", Next("<" + TestTenant.Base + "x?conditions=id%20in%20(1,2)&page=2>; rel=\"next\", <" + TestTenant.Base + "x?page=9>; rel=\"last\"")!.AbsoluteUri);
        Assert.Null(Next("<" + TestTenant.Base + "x?page=1>; rel=\"first\""));
    }

    private static System.Net.Http.Headers.HttpResponseHeaders MakeHeaders(string link)
    {
        var m = new System.Net.Http.HttpResponseMessage();
        m.Headers.TryAddWithoutValidation("Link", link);
        return m.Headers;
    }
}
