using System.Net;
using ConnectWiseSetup.Simulator;
using Newtonsoft.Json.Linq;
using Xunit;

namespace ConnectWiseSetup.Tests.Simulator;

public class PagingFixture : SimFixture
{
    protected override SimulatorOptions Options => new() { Seed = 7, TenantCount = 1, SeedSampleData = false };
}

public class PagingTests : IClassFixture<PagingFixture>, IAsyncLifetime
{
    private readonly SimulatorServer _s;
    private readonly TenantInfo _t;
    private int _total;
    public PagingTests(PagingFixture f) { _s = f.Server; _t = f.Server.Tenants[0]; }

    public async Task InitializeAsync()
    {
        using var op = Sim.Operator(_s);
        var have = _s.GetTenant(_t.CompanyId).GetRecords("company/companies").Count;
        if (have < 2500)
        {
            var r = await op.PostAsync($"tenants/{_t.CompanyId}/companies/bulk", Sim.Json(new { count = 2500 - have }));
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            Assert.Equal(2500, (int)(await Sim.ReadJson(r))["total"]);
        }
        _total = 2500;
    }
    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ThreePagesOf1000FollowingLinkNext()
    {
        using var c = Sim.Client(_s, _t);
        var ids = new List<int>();
        string url = "company/companies?pageSize=1000&orderBy=" + Sim.Q("id asc");
        int pages = 0;
        Dictionary<string, string> lastLinks = null;
        while (url != null)
        {
            var r = await c.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var rows = (JArray)await Sim.ReadJson(r);
            ids.AddRange(rows.Select(x => (int)x["id"]));
            pages++;
            var links = Sim.Links(r);
            if (pages == 1)
            {
                Assert.Equal(1000, rows.Count);
                Assert.Contains("page=2", links["next"]);
                Assert.Contains("page=3", links["last"]);
                Assert.False(links.ContainsKey("prev"));
            }
            if (pages == 2) { Assert.Contains("page=1", links["prev"]); Assert.Contains("page=1", links["first"]); }
            lastLinks = links;
            url = links.TryGetValue("next", out var next) ? next : null;
            Assert.True(pages <= 3);
        }
        Assert.Equal(3, pages);
        Assert.Equal(_total, ids.Count);
        Assert.Equal(_total, ids.Distinct().Count());
        Assert.False(lastLinks.ContainsKey("next"));
        Assert.False(lastLinks.ContainsKey("last"));
        Assert.Contains("pageSize=1000", lastLinks["first"]);
    }

    [Fact]
    public async Task LinkKeepsConditionsAndBaseUrl()
    {
        using var c = Sim.Client(_s, _t, codebase: "v4_6_release");
        var cond = "name like \"Bulk%\"";
        var r = await c.GetAsync("company/companies?pageSize=100&conditions=" + Sim.Q(cond));
        var next = Sim.Links(r)["next"];
        Assert.StartsWith(_s.BaseUrl + "v4_6_release/apis/3.0/company/companies?", next);
        Assert.Contains("conditions=" + Sim.Q(cond), next);
        var count = (int)(await Sim.GetObject(c, "company/companies/count?conditions=" + Sim.Q(cond)))["count"];
        Assert.Equal(_total - 5, count);
    }

    [Fact]
    public async Task ForwardOnlyPagingUsesPageIdAndOnlyNextLinks()
    {
        using var c = Sim.Client(_s, _t);
        c.DefaultRequestHeaders.Add("pagination-type", "forward-only");
        var ids = new List<int>();
        string url = "company/companies?pageSize=1000";
        int pages = 0;
        while (url != null)
        {
            var r = await c.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var rows = (JArray)await Sim.ReadJson(r);
            ids.AddRange(rows.Select(x => (int)x["id"]));
            var links = Sim.Links(r);
            Assert.True(links.Keys.All(k => k == "next"), string.Join(",", links.Keys));
            url = links.TryGetValue("next", out var n) ? n : null;
            if (url != null) { Assert.Contains("pageId=" + ids.Last(), url); Assert.DoesNotContain("page=", url.Replace("pageId=", "").Replace("pageSize=", "")); }
            pages++;
            Assert.True(pages <= 3);
        }
        Assert.Equal(3, pages);
        Assert.Equal(_total, ids.Count);
        Assert.Equal(ids.OrderBy(i => i), ids);
    }

    [Fact]
    public async Task ForwardOnlyRejectsOrderBy()
    {
        using var c = Sim.Client(_s, _t);
        c.DefaultRequestHeaders.Add("pagination-type", "forward-only");
        await Sim.AssertError(await c.GetAsync("company/companies?orderBy=name"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PageBeyondTheLastIsEmpty()
    {
        using var c = Sim.Client(_s, _t);
        Assert.Empty(await Sim.GetArray(c, "company/companies?pageSize=1000&page=4"));
    }
}
