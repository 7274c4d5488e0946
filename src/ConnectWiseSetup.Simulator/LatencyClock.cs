using System.Diagnostics;

namespace ConnectWiseSetup.Simulator;

/// <summary>
/// The latency the simulator adds (latencyMs), kept by a thread of its own. Task.Delay ends on the thread pool: on a busy machine
/// the end of a 50 ms delay waited in the pool's queue behind the client's own work (2-4 ms late at the median in the audit
/// benchmark on 2 cores, up to 24), so a simulated round trip cost more than the latency it stands for. Here a request goes on
/// as soon as it is due, on this thread (its handler runs here; handlers take the tenant's lock one at a time anyway): a real
/// server does not wait for its client's CPU.
/// </summary>
internal sealed class LatencyClock : IDisposable
{
    private readonly object _gate = new();
    private readonly PriorityQueue<Waiter, long> _due = new();
    private bool _stopped;
    private Thread _thread;

    private sealed class Waiter
    {
        // Continuations inline: what follows the delay runs when it is due, on the clock's thread, not when the pool gets to it.
        public readonly TaskCompletionSource Done = new();
        public CancellationTokenRegistration Registration;
    }

    /// <summary>A task that completes <paramref name="ms"/> from now, or is canceled with <paramref name="ct"/>.</summary>
    public Task DelayAsync(int ms, CancellationToken ct)
    {
        if (ms <= 0) return Task.CompletedTask;
        var w = new Waiter();
        var due = Stopwatch.GetTimestamp() + ms * Stopwatch.Frequency / 1000;
        if (ct.CanBeCanceled) w.Registration = ct.Register(() => w.Done.TrySetCanceled(ct));
        lock (_gate)
        {
            if (_stopped) w.Done.TrySetCanceled();
            else
            {
                _due.Enqueue(w, due);
                if (_thread == null) (_thread = new Thread(Run) { IsBackground = true, Name = "simulator latency" }).Start();
                Monitor.Pulse(_gate);
            }
        }
        return w.Done.Task;
    }

    private void Run()
    {
        var ready = new List<Waiter>();
        while (true)
        {
            bool stopped;
            lock (_gate)
            {
                while (!_stopped)
                {
                    if (!_due.TryPeek(out _, out var due)) { Monitor.Wait(_gate); continue; }
                    var ticks = due - Stopwatch.GetTimestamp();
                    if (ticks <= 0) break;
                    // Whole milliseconds, rounded up: at most 1 ms late, and no spinning.
                    Monitor.Wait(_gate, (int)Math.Min(int.MaxValue, (ticks * 1000 + Stopwatch.Frequency - 1) / Stopwatch.Frequency));
                }
                stopped = _stopped;
                var now = Stopwatch.GetTimestamp();
                while (_due.TryPeek(out _, out var due) && (stopped || due <= now)) ready.Add(_due.Dequeue());
            }
            foreach (var w in ready)
            {
                w.Registration.Dispose();
                if (stopped) w.Done.TrySetCanceled();
                else w.Done.TrySetResult();
            }
            ready.Clear();
            if (stopped) return;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stopped = true;
            Monitor.Pulse(_gate);
        }
    }
}
