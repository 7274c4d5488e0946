#nullable enable
using System.Diagnostics;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Tests.Client;
using Newtonsoft.Json.Linq;
using Xunit;
using Xunit.Abstractions;

namespace ConnectWiseSetup.Tests.Hostile;

/// <summary>
/// Every ConnectWise response body is read up to <see cref="ManageClient.MaxResponseBytes"/> and no further: an endless 200, a
/// body that announces more, and a small gzip body that unpacks past the cap each end with CwResponseTooLarge, after one request.
/// </summary>
public sealed class BodyCapTests : IDisposable
{
    private readonly HostileCw _cw = new();
    private readonly ITestOutputHelper _output;

    public BodyCapTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _cw.Dispose();

    private async Task<ManageClient> ConnectAsync()
    {
        var options = TestTenant.Options(handler: null!, server: _cw.Url, time: TimeProvider.System);
        options.MaxRetryTimeSec = 0;
        options.TimeoutSec = 60;
        var connection = await CwConnector.ConnectAsync(options, CancellationToken.None);
        return connection.Client;
    }

    [Fact]
    public async Task An_endless_200_stops_at_the_cap_with_its_error_and_is_not_retried()
    {
        using var client = await ConnectAsync();
        var before = _cw.Requests.Count;
        var watch = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<CwApiException>(() => client.GetAsync<JArray>("hostile/endless"));
        watch.Stop();
        Assert.Equal(ErrorIds.ResponseTooLarge, e.ErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.LimitsExceeded, e.Category);
        Assert.Equal(200, e.StatusCode);
        Assert.Contains("at most 32 MB", e.Message);
        Assert.Equal(1, _cw.Requests.Count - before);

        // The server stops when the client has gone: what it wrote is the cap plus what the sockets held, not gigabytes.
        await _cw.EndlessEnded.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var written = _cw.EndlessBytesWritten;
        Assert.InRange(written, ManageClient.MaxResponseBytes - 256 * 1024, ManageClient.MaxResponseBytes + 16L * 1024 * 1024);
        _output.WriteLine("endless body: stopped after " + (written / (1024.0 * 1024)).ToString("0.0") + " MB written by the server, " +
                          watch.Elapsed.TotalSeconds.ToString("0.00") + " s");
    }

    [Fact]
    public async Task A_body_announcing_more_than_the_cap_is_refused_before_it_is_read()
    {
        using var client = await ConnectAsync();
        var e = await Assert.ThrowsAsync<CwApiException>(() => client.GetAsync<JArray>("hostile/huge-length"));
        Assert.Equal(ErrorIds.ResponseTooLarge, e.ErrorId);
        Assert.Contains("of 1024 MB", e.Message);
    }

    [Fact]
    public async Task A_gzip_body_is_capped_after_it_is_unpacked()
    {
        using var client = await ConnectAsync();
        var e = await Assert.ThrowsAsync<CwApiException>(() => client.GetAsync<JArray>("hostile/gzip-bomb"));
        Assert.Equal(ErrorIds.ResponseTooLarge, e.ErrorId);
    }
}
