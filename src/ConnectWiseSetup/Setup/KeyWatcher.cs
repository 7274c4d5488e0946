using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using ConnectWiseSetup.Client;

namespace ConnectWiseSetup.Setup
{
    /// <summary>How a watch of a key ended.</summary>
    internal sealed class KeyWatchResult
    {
        /// <summary>ConnectWise refused the key (401) on the last try.</summary>
        public bool Refused { get; set; }
        /// <summary>Sign-ins sent (one request each, not counting the client's retries of a 429 or 5xx).</summary>
        public int Tries { get; set; }
        public TimeSpan Elapsed { get; set; }
        /// <summary>While waiting: the time until the next sign-in (a countdown, told once a second).</summary>
        public TimeSpan NextTryIn { get; set; }
    }

    /// <summary>
    /// Watches a key until ConnectWise refuses it: each try is one sign-in with the key, a GET of /system/info (the smallest
    /// answer that needs the key) on one connection kept for the whole watch. The first 401 ends the watch: a refused key is
    /// never tried again (the client does not repeat a 401 either), so a watch sends at most one failed sign-in, whatever
    /// ConnectWise does about repeated failures. Any other failure, after the client's own retries, ends it with that error.
    /// </summary>
    internal sealed class KeyWatcher : IDisposable
    {
        public const string InfoPath = "system/info";

        readonly CwConnection _connection;
        readonly string _publicKey;

        KeyWatcher(CwConnection connection, string publicKey)
        {
            _connection = connection;
            _publicKey = publicKey;
        }

        /// <summary>A watcher with its own connection for the key (<see cref="KeyVerifier.OptionsFor(CwConnection, string, System.Security.SecureString)"/>:
        /// on a tenant already connected to, this sends nothing and each try is the sign-in).</summary>
        public static async Task<KeyWatcher> OpenAsync(ConnectionOptions keyOptions, CancellationToken ct)
            => new KeyWatcher(await CwConnector.ConnectAsync(keyOptions, ct).ConfigureAwait(false), keyOptions.PublicKey);

        /// <summary>One try: true when the key signs in, false when ConnectWise refuses it (401, or a cloud host's 404).</summary>
        public async Task<bool> SignsInAsync(CancellationToken ct)
        {
            try
            {
                await _connection.Client.GetAsync<SystemInfo>(InfoPath, ct).ConfigureAwait(false);
                return true;
            }
            catch (CwApiException e) when (e.ErrorId == ErrorIds.AuthenticationFailed)
            {
                // 401, or the 404 a cloud host answers for a refused key on /system/info (ErrorMapping reads both as a refusal).
                ClientLog.Verbose("ConnectWise refused the key with public key '" + _publicKey + "' (" + (string.IsNullOrEmpty(e.ApiMessage) ? e.StatusCode.ToString() : e.ApiMessage) + ").");
                return false;
            }
        }

        /// <summary>
        /// Tries the key every <paramref name="interval"/> (the first try after one interval: a person needs that long to delete it)
        /// until it is refused or <paramref name="timeout"/> has passed; the try that falls due at the timeout is the last.
        /// </summary>
        public async Task<KeyWatchResult> WaitRefusedAsync(TimeSpan interval, TimeSpan timeout, Action<KeyWatchResult> progress, CancellationToken ct)
        {
            if (interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval));
            interval = WatchPace.Paced(_connection.Client, interval);
            var clock = Stopwatch.StartNew();
            var result = new KeyWatchResult();
            while (true)
            {
                var left = timeout - clock.Elapsed;
                if (left <= TimeSpan.Zero) break;
                var last = left <= interval;
                // The wait is told once a second (a countdown to the next sign-in), never a blank wait.
                var wait = last ? left : interval;
                var due = clock.Elapsed + wait;
                while (true)
                {
                    var toGo = due - clock.Elapsed;
                    if (toGo <= TimeSpan.Zero) break;
                    result.NextTryIn = toGo;
                    result.Elapsed = clock.Elapsed;
                    progress?.Invoke(result);
                    await Task.Delay(toGo < TimeSpan.FromSeconds(1) ? toGo : TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
                }
                result.NextTryIn = TimeSpan.Zero;
                result.Tries++;
                var signsIn = await SignsInAsync(ct).ConfigureAwait(false);
                result.Elapsed = clock.Elapsed;
                if (!signsIn)
                {
                    result.Refused = true;
                    break;
                }
                if (last) break;
            }
            result.Elapsed = clock.Elapsed;
            ClientLog.Verbose("Watched the key with public key '" + _publicKey + "': " + result.Tries.ToString(CultureInfo.InvariantCulture) + " sign-in(s) in " +
                ((int)result.Elapsed.TotalSeconds).ToString(CultureInfo.InvariantCulture) + " s, " + (result.Refused ? "refused." : "still signs in."));
            return result;
        }

        public void Dispose() => KeyVerifier.Close(_connection);
    }
}
