using System.Diagnostics;
using ConnectWiseSetup.Simulator;
using Xunit;

namespace ConnectWiseSetup.Tests.Simulator;

/// <summary>The simulator's latency: never shorter than asked, due ones in order, cancellation and shutdown honoured.</summary>
public class LatencyClockTests
{
    [Fact]
    public async Task A_delay_does_not_end_before_it_is_due_and_its_continuation_runs_on_the_clocks_thread()
    {
        using var clock = new LatencyClock();
        var caller = Environment.CurrentManagedThreadId;
        var watch = Stopwatch.StartNew();
        // As the server awaits it (no context to go back to). Long enough that the await is in place before the delay ends,
        // even when a loaded machine pauses this thread (a delay already over would continue on this thread).
        await clock.DelayAsync(250, CancellationToken.None).ConfigureAwait(false);
        var elapsed = watch.Elapsed.TotalMilliseconds;
        Assert.True(elapsed >= 250, "ended after " + elapsed + " ms");
        // Not a pool thread: the request goes on, on the clock's own thread, when it is due.
        Assert.False(Thread.CurrentThread.IsThreadPoolThread);
        Assert.Equal("simulator latency", Thread.CurrentThread.Name);
        Assert.NotEqual(caller, Environment.CurrentManagedThreadId);
    }

    [Fact]
    public async Task Delays_end_in_the_order_they_are_due_whatever_the_order_they_were_asked_in()
    {
        using var clock = new LatencyClock();
        var ended = new List<int>();
        // Due times 100 ms apart: the order asked in must not decide, even when a loaded machine pauses this thread between two asks.
        var tasks = new[] { 300, 100, 200, 0 }.Select(async ms =>
        {
            await clock.DelayAsync(ms, CancellationToken.None);
            lock (ended) ended.Add(ms);
        }).ToList();
        await Task.WhenAll(tasks);
        Assert.Equal(new[] { 0, 100, 200, 300 }, ended);
    }

    [Fact]
    public async Task A_canceled_delay_ends_canceled_at_once_and_the_others_still_end()
    {
        using var clock = new LatencyClock();
        using var cts = new CancellationTokenSource();
        var canceled = clock.DelayAsync(60_000, cts.Token);
        var other = clock.DelayAsync(10, CancellationToken.None);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => canceled);
        Assert.True(canceled.IsCanceled);
        await other;
        Assert.True(other.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Stopping_the_clock_cancels_what_waits_and_refuses_new_delays()
    {
        var clock = new LatencyClock();
        var waiting = clock.DelayAsync(60_000, CancellationToken.None);
        clock.Dispose();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        var later = clock.DelayAsync(10, CancellationToken.None);
        Assert.True(later.IsCanceled);
    }

    [Fact]
    public void No_delay_costs_nothing()
    {
        using var clock = new LatencyClock();
        Assert.True(clock.DelayAsync(0, CancellationToken.None).IsCompletedSuccessfully);
    }
}
