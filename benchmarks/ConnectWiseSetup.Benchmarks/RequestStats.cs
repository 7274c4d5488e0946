using ConnectWiseSetup.Simulator;

namespace ConnectWiseSetup.Benchmarks;

/// <summary>What a stretch of a tenant's request log says: requests, writes, bytes, and the critical path.</summary>
public sealed class RequestStats
{
    public int Requests { get; init; }
    public int Writes { get; init; }
    public long Bytes { get; init; }
    /// <summary>The longest chain of requests each starting after the previous one ended: the round trips nothing could overlap.</summary>
    public int CriticalPath { get; init; }

    public static RequestStats Of(IReadOnlyList<RequestLogEntry> entries)
    {
        var api = entries.Where(e => e.Channel != "operator").ToList();
        return new RequestStats
        {
            Requests = api.Count,
            Writes = api.Count(e => e.Method is not "GET" and not "HEAD"),
            Bytes = api.Sum(e => e.ResponseBytes),
            CriticalPath = LongestChain(api),
        };
    }

    static int LongestChain(List<RequestLogEntry> entries)
    {
        // Intervals sorted by end; chain[i] = 1 + the longest chain ending before entry i starts.
        var items = entries.Select(e => (Start: e.Time, End: e.Time.AddMilliseconds(e.DurationMs))).OrderBy(x => x.End).ToList();
        var chain = new int[items.Count];
        var best = 0;
        for (var i = 0; i < items.Count; i++)
        {
            chain[i] = 1;
            for (var j = 0; j < i; j++)
                if (items[j].End <= items[i].Start && chain[j] + 1 > chain[i]) chain[i] = chain[j] + 1;
            best = Math.Max(best, chain[i]);
        }
        return best;
    }
}
