using System.Threading;

namespace ConnectWiseSetup.Client
{
    /// <summary>
    /// A bound on the requests in flight for the work that sets it (an audit's -ThrottleLimit): the client takes a slot for each
    /// attempt, from sending the request until its body has been read, and gives it back before the body is parsed, so parsing
    /// one answer never delays sending the next request; a retry's wait holds no slot. Ambient (flows with the async call, like
    /// <see cref="ClientLog.Sink"/>): set it in an async method and it applies to the requests that method awaits, and ends with it.
    /// </summary>
    internal static class RequestGate
    {
        private static readonly AsyncLocal<SemaphoreSlim> CurrentGate = new AsyncLocal<SemaphoreSlim>();

        /// <summary>The gate of the current async flow, or null (no bound).</summary>
        public static SemaphoreSlim Current
        {
            get => CurrentGate.Value;
            set => CurrentGate.Value = value;
        }
    }
}
