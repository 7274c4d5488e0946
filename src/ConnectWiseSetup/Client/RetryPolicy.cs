using System;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Polly;

namespace ConnectWiseSetup.Client
{
    /// <summary>What one attempt of a call ended with: a response, or the exception it failed with.</summary>
    internal readonly struct Outcome
    {
        private Outcome(RawResponse result, Exception exception) { Result = result; Exception = exception; }

        public RawResponse Result { get; }
        public Exception Exception { get; }

        public static Outcome FromResult(RawResponse result) => new Outcome(result, null);
        public static Outcome FromException(Exception exception) => new Outcome(null, exception);
    }

    /// <summary>
    /// When to repeat a request, and how long to wait: Polly 7 runs the loop, the decisions and the waits are the module's own
    /// (see docs/ARCHITECTURE.md, "Dependencies"). GET/PUT/PATCH/DELETE repeat on 429, 500, 502, 503, 504, timeouts and connection failures; POST only on 429
    /// (ConnectWise did not process it). A refused connection (nothing listening) is not repeated, unless an earlier attempt of the
    /// same call was answered (the server is restarting). Retry-After is honoured exactly; otherwise exponential back-off with jitter.
    /// Stops after <see cref="RetrySettings.MaxAttempts"/>, or when the next wait would pass <see cref="RetrySettings.MaxTotalTime"/>.
    /// Every wait goes through the connection's <see cref="TimeProvider"/> (tests read the waits instead of sleeping).
    /// </summary>
    internal sealed class RetryPolicy
    {
        private readonly RetrySettings _settings;
        private readonly TimeProvider _time;
        private readonly Func<double> _random;

        public RetryPolicy(RetrySettings settings, TimeProvider time, Func<double> random)
        {
            _settings = settings;
            _time = time;
            _random = random;
        }

        /// <summary>
        /// Runs <paramref name="attempt"/> until it succeeds, fails in a way not worth repeating, or the attempts or the time run out;
        /// returns the last outcome (never throws for a failed attempt). A cancellation before an attempt or during a wait ends it
        /// with an <see cref="OperationCanceledException"/> outcome.
        /// </summary>
        public async Task<Outcome> ExecuteAsync(CallState state, Func<CallState, CancellationToken, Task<RawResponse>> attempt, CancellationToken cancellationToken)
        {
            var maxRetries = Math.Max(1, _settings.MaxAttempts - 1);
            var attemptNumber = 0;
            // Polly 7 runs the loop; whether to repeat is the module's own decision (ShouldRetry, which runs on the last attempt too:
            // it records why retrying stopped), and the wait runs on the connection's clock in onRetryAsync. RetryAsync has no
            // wait of its own, so Polly's process-wide SystemClock never sleeps and a test's fake clock sees every wait.
            var policy = Policy<Outcome>
                .HandleResult(outcome => ShouldRetry(state, outcome, attemptNumber) && attemptNumber < maxRetries)
                .RetryAsync(maxRetries, async (result, retry, context) =>
                {
                    var delay = state.NextDelay;
                    OnRetry(state, result.Result, delay);
                    if (delay > TimeSpan.Zero) await _time.Delay(delay, cancellationToken).ConfigureAwait(false);
                    attemptNumber++;
                });
            try
            {
                return await policy.ExecuteAsync(async token =>
                {
                    CompleteProgress(state);
                    try { return Outcome.FromResult(await attempt(state, token).ConfigureAwait(false)); }
                    catch (Exception e) { return Outcome.FromException(e); }
                }, cancellationToken, continueOnCapturedContext: false).ConfigureAwait(false);
            }
            // A cancellation before an attempt (Polly checks the token) or during a wait ends the call.
            catch (OperationCanceledException e) { return Outcome.FromException(e); }
        }

        private void OnRetry(CallState state, Outcome outcome, TimeSpan delay)
        {
            state.Retries++;
            ClientLog.Verbose(Describe(outcome) + " on " + state.Method.Method + ", waiting " +
                delay.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s (" + state.NextDelayReason + "), retry " +
                state.Retries.ToString(CultureInfo.InvariantCulture) + " of " + (_settings.MaxAttempts - 1).ToString(CultureInfo.InvariantCulture));
            // A wait of a second or more (Retry-After, back-off) shows at the prompt, not only in -Verbose.
            if (delay >= TimeSpan.FromSeconds(1))
            {
                state.RetryProgressShown = true;
                ClientLog.Progress(new ProgressRecord(ProgressIds.RetryWait, "Waiting to retry a ConnectWise request",
                    Describe(outcome) + " on " + state.Method.Method + " " + state.Uri.AbsolutePath + " (" + state.NextDelayReason + "): retry " +
                    state.Retries.ToString(CultureInfo.InvariantCulture) + " of " + (_settings.MaxAttempts - 1).ToString(CultureInfo.InvariantCulture))
                { SecondsRemaining = (int)Math.Ceiling(delay.TotalSeconds) });
            }
        }

        /// <summary>Completes the retry-wait bar of a call, if one is showing.</summary>
        internal static void CompleteProgress(CallState state)
        {
            if (state == null || !state.RetryProgressShown) return;
            state.RetryProgressShown = false;
            ClientLog.Progress(new ProgressRecord(ProgressIds.RetryWait, "Waiting to retry a ConnectWise request", "done") { RecordType = ProgressRecordType.Completed });
        }

        public RetrySettings Settings => _settings;

        /// <summary>The retry decision; records the delay (and why it gave up) on the call.</summary>
        internal bool ShouldRetry(CallState state, Outcome outcome, int attemptNumber)
        {
            if (state == null) return false;
            if (!IsRetryable(state.Method, outcome, out var what)) return false;
            // Nothing listens there: the same on every attempt. One clear error at once, not five retries.
            if (outcome.Exception != null && IsConnectionRefused(outcome.Exception) && !state.Answered) return false;

            if (attemptNumber + 1 >= _settings.MaxAttempts)
            {
                // With retries turned off (one attempt) there is nothing to explain.
                if (_settings.MaxAttempts > 1)
                    state.GaveUpReason = "gave up after " + _settings.MaxAttempts.ToString(CultureInfo.InvariantCulture) + " attempts";
                return false;
            }

            TimeSpan delay;
            var retryAfter = outcome.Result != null ? ParseRetryAfter(outcome.Result.RetryAfter, _time.GetUtcNow()) : null;
            if (retryAfter.HasValue)
            {
                delay = retryAfter.Value;
                state.NextDelayReason = "Retry-After";
            }
            else
            {
                delay = Backoff(attemptNumber);
                state.NextDelayReason = "back-off";
            }

            var elapsed = _time.GetElapsedTime(state.StartTimestamp);
            if (elapsed + delay > _settings.MaxTotalTime)
            {
                state.GaveUpReason = "the next wait of " + Seconds(delay) + " s (" + state.NextDelayReason + ") would pass the " +
                    Seconds(_settings.MaxTotalTime) + " s retry time limit";
                ClientLog.Verbose(what + " on " + state.Method.Method + ": not retrying, " + state.GaveUpReason);
                return false;
            }
            state.NextDelay = delay;
            return true;
        }

        internal static bool IsRetryable(HttpMethod method, Outcome outcome, out string what)
        {
            var post = method == HttpMethod.Post;
            if (outcome.Exception != null)
            {
                what = Describe(outcome);
                if (outcome.Exception is AttemptTimeoutException) return !post;
                if (outcome.Exception is OperationCanceledException) return false;
                // A certificate the machine does not trust is the same on every attempt: report it at once.
                return !post && IsTransportFailure(outcome.Exception) && !IsCertificateFailure(outcome.Exception);
            }
            var status = outcome.Result?.StatusCode ?? 0;
            what = Describe(outcome);
            if (status == 429) return true;
            if (status == 500 || status == 502 || status == 503 || status == 504) return !post;
            return false;
        }

        /// <summary>The TLS handshake failed (an untrusted, expired or mismatched certificate): not a transient failure.</summary>
        internal static bool IsCertificateFailure(Exception e)
        {
            for (var x = e; x != null; x = x.InnerException)
                if (x is System.Security.Authentication.AuthenticationException) return true;
            return false;
        }

        /// <summary>The connection was refused: nothing listens at that address and port (no answer was ever received).</summary>
        internal static bool IsConnectionRefused(Exception e)
        {
            for (var x = e; x != null; x = x.InnerException)
                if (x is SocketException s && s.SocketErrorCode == SocketError.ConnectionRefused) return true;
            return false;
        }

        internal static bool IsTransportFailure(Exception e)
            => e is HttpRequestException || e is IOException || e is WebException || e is SocketException;

        internal TimeSpan Backoff(int attemptNumber)
        {
            var exponent = Math.Min(attemptNumber, 20);
            var ms = _settings.BaseDelay.TotalMilliseconds * Math.Pow(2, exponent);
            ms = Math.Min(ms, _settings.MaxBackoff.TotalMilliseconds);
            var jitter = 0.8 + 0.4 * _random();
            return TimeSpan.FromMilliseconds(Math.Max(0, ms * jitter));
        }

        /// <summary>Retry-After as delta seconds or an HTTP date; null when absent or unreadable.</summary>
        internal static TimeSpan? ParseRetryAfter(string value, DateTimeOffset now)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            value = value.Trim();
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                return seconds >= 0 && seconds < 86400 * 7 ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var date) ||
                DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date))
            {
                var wait = date - now;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
            return null;
        }

        internal static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);

        private static string Describe(Outcome outcome)
        {
            if (outcome.Exception is AttemptTimeoutException) return "timeout";
            if (outcome.Exception != null) return "connection failure (" + outcome.Exception.GetType().Name + ")";
            var r = outcome.Result;
            return r == null ? "no response" : r.StatusCode.ToString(CultureInfo.InvariantCulture) + (string.IsNullOrEmpty(r.ReasonPhrase) ? "" : " " + r.ReasonPhrase);
        }
    }

    /// <summary>One attempt ran past the per-request timeout (not a cancellation by the caller).</summary>
    internal sealed class AttemptTimeoutException : Exception
    {
        public AttemptTimeoutException(TimeSpan timeout, Exception inner)
            : base("The request did not complete within " + RetryPolicy.Seconds(timeout) + " s.", inner)
        {
            Timeout = timeout;
        }

        public TimeSpan Timeout { get; }
    }
}
