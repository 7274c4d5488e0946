using System;

namespace ConnectWiseSetup.Client
{
    /// <summary>How hard a connection retries: attempts, back-off, and a cap on the total time spent.</summary>
    internal sealed class RetrySettings
    {
        /// <summary>Attempts in all, the first included (1: no retry).</summary>
        public int MaxAttempts { get; set; } = 6;

        /// <summary>First back-off delay; doubles each retry, with ±20 % jitter.</summary>
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

        /// <summary>Longest single back-off wait (Retry-After is honoured as sent, within <see cref="MaxTotalTime"/>).</summary>
        public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>When the time since the first attempt plus the next wait would pass this, stop and report the error.</summary>
        public TimeSpan MaxTotalTime { get; set; } = TimeSpan.FromSeconds(60);

        public RetrySettings Clone() => (RetrySettings)MemberwiseClone();
    }
}
