using System.Net;
using System.Text.RegularExpressions;
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

    private ServerBehavior Behavior => _s.GetTenant(_t.CompanyId).Behavior;

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
                // ConnectWise's form: page is the last parameter, after pageSize (Fidelity.NavigableLinkForm)
                Assert.EndsWith("?orderBy=id%20asc&pageSize=1000&page=2", links["next"]);
                Assert.EndsWith("pageSize=1000&page=3", links["last"]);
                Assert.False(links.ContainsKey("prev"));
                Assert.StartsWith("<", Sim.LinkValue(r));
                Assert.Contains("page=2>; rel=\"next\"", Sim.LinkValue(r));
            }
            if (pages == 2) { Assert.EndsWith("page=1", links["prev"]); Assert.EndsWith("page=1", links["first"]); }
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
    public async Task TheOtherLinkFormPutsThePageBeforePageSize()
    {
        Behavior.NavigableLinkForm = ServerBehavior.LinkForm.PageFirst;
        try
        {
            using var c = Sim.Client(_s, _t);
            var r = await c.GetAsync("company/companies?pageSize=1000");
            Assert.EndsWith("?page=2&pageSize=1000", Sim.Links(r)["next"]);
            c.DefaultRequestHeaders.Add("pagination-type", "forward-only");
            r = await c.GetAsync("company/companies?pageSize=1000");
            Assert.Matches("\\?pageId=[0-9]+&pageSize=1000$", Sim.Links(r)["next"]);
        }
        finally { _s.GetTenant(_t.CompanyId).ResetBehavior(); }
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
    public async Task ParameterNamesAreCaseInsensitiveAndLinksSpellEachOnce()
    {
        using var c = Sim.Client(_s, _t);
        var r = await c.GetAsync("company/companies?PageSize=5&PAGE=2&Conditions=" + Sim.Q("id > 0"));
        var rows = (JArray)await Sim.ReadJson(r);
        Assert.Equal(5, rows.Count);
        Assert.Equal(6, (int)rows[0]["id"]);
        var next = Sim.Links(r)["next"];
        Assert.EndsWith("pageSize=5&page=3", next);
        Assert.Equal(1, Regex.Matches(next, "pagesize=", RegexOptions.IgnoreCase).Count);
        Assert.Equal(1, Regex.Matches(next, "[?&]page=", RegexOptions.IgnoreCase).Count);
        Assert.Contains("Conditions=", next);
    }

    [Fact]
    public async Task ForwardOnlyPagingUsesPageIdAndEndsWithAnEmptyLink()
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
            // every forward-only page carries a Link header; the last one's is empty (Fidelity.ForwardOnlyLastPageLink)
            var raw = Sim.LinkValue(r);
            Assert.NotNull(raw);
            var links = Sim.Links(r);
            Assert.True(links.Keys.All(k => k == "next"), string.Join(",", links.Keys));
            url = links.TryGetValue("next", out var n) ? n : null;
            if (url != null) Assert.EndsWith("?pageSize=1000&pageId=" + ids.Last(), url);
            else Assert.Equal("", raw.Trim());
            pages++;
            Assert.True(pages <= 3);
        }
        Assert.Equal(3, pages);
        Assert.Equal(_total, ids.Count);
        Assert.Equal(ids.OrderBy(i => i), ids);
    }

    [Fact]
    public async Task ForwardOnlySinglePageCarriesAnEmptyLinkOrNoneWhenTheServerSaysSo()
    {
        using var c = Sim.Client(_s, _t);
        c.DefaultRequestHeaders.Add("pagination-type", "forward-only");
        var r = await c.GetAsync("company/companies?pageSize=10&conditions=" + Sim.Q("identifier = \"Contoso\""));
        Assert.Single((JArray)await Sim.ReadJson(r));
        Assert.Equal("", Sim.LinkValue(r)?.Trim());
        Behavior.ForwardOnlyLastPageLink = ServerBehavior.LastPageLink.Absent;
        try
        {
            r = await c.GetAsync("company/companies?pageSize=10&conditions=" + Sim.Q("identifier = \"Contoso\""));
            Assert.Null(Sim.LinkValue(r));
        }
        finally { _s.GetTenant(_t.CompanyId).ResetBehavior(); }
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

    [Fact]
    public async Task PageSizeOver1000IsOutOfRangeOrServedAs1000WhenTheServerClamps()
    {
        using var c = Sim.Client(_s, _t);
        var body = await Sim.AssertError(await c.GetAsync("company/companies?pageSize=1001"), HttpStatusCode.BadRequest, "InvalidObject");
        var e = Assert.Single(body["errors"]);
        Assert.Equal("OutOfRange", (string)e["code"]);
        Assert.Equal("pageSize", (string)e["field"]);
        Behavior.PageSizeAboveMax = ServerBehavior.OversizePage.Clamp;
        try
        {
            var r = await c.GetAsync("company/companies?pageSize=5000");
            Assert.Equal(1000, ((JArray)await Sim.ReadJson(r)).Count);
            Assert.EndsWith("pageSize=1000&page=2", Sim.Links(r)["next"]);
        }
        finally { _s.GetTenant(_t.CompanyId).ResetBehavior(); }
    }

    [Fact]
    public async Task AServerThatHonoursFewerRowsStillLinksToTheNextPage()
    {
        Behavior.MaxHonouredPageSize = 400;
        try
        {
            using var c = Sim.Client(_s, _t);
            var ids = new List<int>();
            string url = "company/companies?pageSize=1000";
            int pages = 0;
            while (url != null && pages < 10)
            {
                var r = await c.GetAsync(url);
                var rows = (JArray)await Sim.ReadJson(r);
                Assert.True(rows.Count <= 400);
                ids.AddRange(rows.Select(x => (int)x["id"]));
                url = Sim.Links(r).TryGetValue("next", out var n) ? n : null;
                if (url != null) Assert.Contains("pageSize=1000", url);
                pages++;
            }
            Assert.Equal(7, pages);
            Assert.Equal(_total, ids.Distinct().Count());
        }
        finally { _s.GetTenant(_t.CompanyId).ResetBehavior(); }
    }
}
