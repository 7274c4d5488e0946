using System;
using System.Globalization;
using ConnectWiseSetup.Client;

namespace ConnectWiseSetup.Setup
{
    /// <summary>
    /// The bounds of every watch (Wait-CwSecurityRolePermission and the install's permission step: -PollInterval and -Timeout /
    /// -PermissionTimeout; Update-CwApiKey's old-key watch: -WatchInterval and -WatchTimeout), in one place.
    /// </summary>
    /// <remarks>
    /// <para>The cmdlets check their values in BeginProcessing, before any pipeline input, request or confirmation
    /// (<see cref="CheckInterval"/>, <see cref="CheckTimeout"/>): an interval from 10 ms to 1 hour, a timeout from 0 to 24 days
    /// (a timer holds at most int.MaxValue milliseconds, 24.8 days; a longer value would fail only once the watch began).</para>
    /// <para>Against a server that is not this computer a watch sends at most one request every <see cref="ServerFloor"/> (2 s),
    /// whatever the interval (<see cref="Paced"/>): each poll is a request with the administrator's key, each key try a sign-in,
    /// and they share that key's rate limit with everything else the key does; a person's change in the role screen or a key's
    /// deletion takes seconds anyway. So a 10 ms interval cannot make 100 sign-ins a second. On this computer (the simulator, a
    /// test server) the interval is kept as given, so tests and demos do not wait.</para>
    /// </remarks>
    internal static class WatchPace
    {
        public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(10);
        public static readonly TimeSpan MaxInterval = TimeSpan.FromHours(1);
        public static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(24);
        public static readonly TimeSpan ServerFloor = TimeSpan.FromSeconds(2);

        /// <summary>Refuses an interval outside 10 ms .. 1 hour (CwInvalidArgument, naming the parameter).</summary>
        public static void CheckInterval(string parameter, TimeSpan value, string defaultText)
        {
            if (value < MinInterval || value > MaxInterval)
                throw CwException.Invalid(ErrorIds.InvalidArgument,
                    parameter + " must be between 10 milliseconds and 1 hour (default " + defaultText + "); " + value.ToString("c", CultureInfo.InvariantCulture) +
                    " was given. Against a ConnectWise server the watch sends at most one request every " + Seconds(ServerFloor) + " whatever the interval.", value);
        }

        /// <summary>Refuses a timeout outside 0 .. 24 days (CwInvalidArgument, naming the parameter).</summary>
        public static void CheckTimeout(string parameter, TimeSpan value)
        {
            if (value < TimeSpan.Zero)
                throw CwException.Invalid(ErrorIds.InvalidArgument, parameter + " cannot be negative.", value);
            if (value > MaxTimeout)
                throw CwException.Invalid(ErrorIds.InvalidArgument,
                    parameter + " must be at most 24 days (" + value.ToString("c", CultureInfo.InvariantCulture) + " was given): a watch that long is a scheduled job's work; run the command again instead.", value);
        }

        /// <summary>The interval a watch on <paramref name="client"/> waits: at least <see cref="ServerFloor"/> unless the server is this computer.</summary>
        public static TimeSpan Paced(ManageClient client, TimeSpan requested)
        {
            if (client == null || client.Server.IsLoopback || requested >= ServerFloor) return requested;
            ClientLog.Verbose("The watch asks ConnectWise at most once every " + Seconds(ServerFloor) + " (the interval given was " + Seconds(requested) + ").");
            return ServerFloor;
        }

        static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
    }
}
