#nullable enable
using System.Diagnostics;
using ConnectWiseSetup.Client;
using Newtonsoft.Json.Linq;
using Xunit;

namespace ConnectWiseSetup.Tests.Client;

public class CancellationTests
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Cancelling_a_slow_response_ends_promptly()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new FakeHandler(async (r, ct) =>
        {
            started.TrySetResult();
            await Task.Delay(TimeSpan.FromMinutes(5), ct);
            return FakeHandler.Ok("{}");
        });
        using var client = TestTenant.Client(handler, TimeProvider.System);
        using var cts = new CancellationTokenSource();
        var call = client.GetAsync<JObject>("system/info", cts.Token);
        await started.Task;
        var watch = Stopwatch.StartNew();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.True(watch.Elapsed < Prompt, "took " + watch.Elapsed);
        Assert.Single(handler.Requests); // cancellation is not retried
    }

    [Fact]
    public async Task Cancelling_a_retry_wait_ends_promptly()
    {
        var handler = new FakeHandler(_ => FakeHandler.Status(429, "", ("Retry-After", "30")));
        using var client = TestTenant.Client(handler, TimeProvider.System);
        using var cts = new CancellationTokenSource();
        var call = client.GetAsync<JObject>("system/info", cts.Token);
        while (handler.Requests.Count == 0) await Task.Delay(10);
        await Task.Delay(50);
        var watch = Stopwatch.StartNew();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.True(watch.Elapsed < Prompt, "took " + watch.Elapsed);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Cancelling_while_the_body_is_read_ends_promptly()
    {
        var handler = new FakeHandler(_ => new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StreamContent(new StallingStream()) });
        using var client = TestTenant.Client(handler, TimeProvider.System);
        using var cts = new CancellationTokenSource();
        var call = client.GetAsync<JObject>("system/info", cts.Token);
        while (handler.Requests.Count == 0) await Task.Delay(10);
        await Task.Delay(50);
        var watch = Stopwatch.StartNew();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.True(watch.Elapsed < Prompt, "took " + watch.Elapsed);
    }

    [Fact]
    public async Task An_already_cancelled_token_sends_nothing()
    {
        var handler = new FakeHandler(_ => FakeHandler.Ok("{}"));
        using var client = TestTenant.Client(handler);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync<JObject>("x", new CancellationToken(true)));
        Assert.Empty(handler.Requests);
    }

    /// <summary>A body that never arrives (until cancelled).</summary>
    private sealed class StallingStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => 0; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) { Thread.Sleep(Timeout.Infinite); return 0; }
        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) { await Task.Delay(Timeout.Infinite, ct); return 0; }
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) { await Task.Delay(Timeout.Infinite, ct); return 0; }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
