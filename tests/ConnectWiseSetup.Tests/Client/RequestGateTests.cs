#nullable enable
using ConnectWiseSetup.Client;
using Newtonsoft.Json;
using Xunit;

namespace ConnectWiseSetup.Tests.Client;

/// <summary>
/// RequestGate: the bound an audit's -ThrottleLimit puts on requests in flight. A request holds a slot from sending until its
/// body is read; parsing the body and waiting to retry hold none.
/// </summary>
public class RequestGateTests
{
    /// <summary>A body whose parsing records how many slots of the flow's gate were free at that moment.</summary>
    private sealed class Probe
    {
        private int _id;
        public int? FreeWhileParsed { get; private set; }
        [JsonProperty("id")]
        public int Id { get => _id; set { _id = value; FreeWhileParsed = RequestGate.Current?.CurrentCount; } }
    }

    private static async Task<T> Gated<T>(SemaphoreSlim gate, Func<Task<T>> work)
    {
        RequestGate.Current = gate;
        return await work();
    }

    [Fact]
    public async Task A_request_holds_a_slot_while_it_is_answered_and_gives_it_back_before_its_body_is_parsed()
    {
        using var gate = new SemaphoreSlim(1);
        int? freeWhileAnswered = null;
        var handler = new FakeHandler(_ => { freeWhileAnswered = gate.CurrentCount; return FakeHandler.Ok("{\"id\":7}"); });
        using var client = TestTenant.Client(handler);

        var probe = await Gated(gate, () => client.GetAsync<Probe>("system/info"));

        Assert.Equal(7, probe.Id);
        Assert.Equal(0, freeWhileAnswered);   // the one slot was the request's
        Assert.Equal(1, probe.FreeWhileParsed); // and was free again while the body was parsed
        Assert.Equal(1, gate.CurrentCount);
    }

    [Fact]
    public async Task No_more_requests_are_in_flight_than_the_gate_has_slots()
    {
        using var gate = new SemaphoreSlim(2);
        var inFlight = 0;
        var most = 0;
        var handler = new FakeHandler(async (_, ct) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            lock (gate) most = Math.Max(most, now);
            await Task.Delay(40, ct);
            Interlocked.Decrement(ref inFlight);
            return FakeHandler.Ok("{\"id\":1}");
        });
        using var client = TestTenant.Client(handler);

        var all = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Gated(gate, () => client.GetAsync<Probe>("system/info"))));

        Assert.Equal(6, all.Length);
        Assert.Equal(6, handler.Requests.Count);
        Assert.Equal(2, most);
        Assert.Equal(2, gate.CurrentCount);
    }

    [Fact]
    public async Task A_retry_wait_holds_no_slot_and_a_failed_request_gives_its_slot_back()
    {
        using var gate = new SemaphoreSlim(1);
        var time = new GateWatchingTime(gate);
        var seen = new List<int>();
        var handler = FakeHandler.Sequence(
            _ => { lock (seen) seen.Add(gate.CurrentCount); return FakeHandler.Status(429, "", ("Retry-After", "3")); },
            _ => { lock (seen) seen.Add(gate.CurrentCount); return FakeHandler.Status(404, "{\"code\":\"NotFound\",\"message\":\"gone\"}"); });
        using var client = TestTenant.Client(handler, time);

        await Assert.ThrowsAsync<CwApiException>(() => Gated(gate, () => client.GetAsync<Probe>("system/info")));

        Assert.Equal(new[] { 0, 0 }, seen);                      // each attempt in the slot
        Assert.Contains(TimeSpan.FromSeconds(3), time.Waits.Keys); // the Retry-After wait happened
        Assert.Equal(1, time.Waits[TimeSpan.FromSeconds(3)]);      // with the slot free
        Assert.Equal(1, gate.CurrentCount);                      // and the refused request gave it back
    }

    /// <summary>A fake clock that also records, for each wait started, how many slots of the gate were free.</summary>
    private sealed class GateWatchingTime : TimeProvider
    {
        private readonly FakeTime _time = new();
        private readonly SemaphoreSlim _gate;
        public GateWatchingTime(SemaphoreSlim gate) { _gate = gate; }
        public Dictionary<TimeSpan, int> Waits { get; } = new();
        public override DateTimeOffset GetUtcNow() => _time.GetUtcNow();
        public override long GetTimestamp() => _time.GetTimestamp();
        public override long TimestampFrequency => _time.TimestampFrequency;
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime != Timeout.InfiniteTimeSpan) lock (Waits) Waits[dueTime] = _gate.CurrentCount;
            return _time.CreateTimer(callback, state, dueTime, period);
        }
    }
}
