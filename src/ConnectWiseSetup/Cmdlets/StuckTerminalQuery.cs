using System;
using System.Management.Automation.Host;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>
    /// Ctrl+C while pwsh draws a progress bar on Linux or macOS can hang pwsh for good: to draw, the console host asks the terminal
    /// where the cursor is (ESC[6n) and blocks, with no timeout, until the answer comes; the Ctrl+C makes the terminal driver
    /// discard its pending input and output, so a question or answer in flight at that moment is lost, the write never returns, and
    /// the stop waits for it for ever (pwsh's own Write-Progress does the same). At a stop while a write of ours is still in the host
    /// after a grace period, this asks the terminal again: its answer is the one the blocked read waits for. Windows consoles answer
    /// without a round trip: nothing to do there.
    /// </summary>
    internal static class StuckTerminalQuery
    {
        static readonly byte[] CursorPositionQuery = { 0x1B, (byte)'[', (byte)'6', (byte)'n' };

        /// <summary>How long a host write may take at a stop before the terminal is asked again (an answered query takes milliseconds).</summary>
        internal static TimeSpan Grace = TimeSpan.FromSeconds(1);

        /// <summary>How many times the terminal is asked again, a grace period apart, before giving up.</summary>
        internal const int Attempts = 5;

        /// <summary>Whether this host talks to a terminal that answers by round trip (tests replace it).</summary>
        internal static Func<PSHost, bool> Applies = DefaultApplies;

        /// <summary>Writes to the terminal (tests replace it).</summary>
        internal static Action<byte[]> WriteToTerminal = DefaultWrite;

        /// <summary>
        /// Called at a stop, off the pipeline thread: when <paramref name="stillWriting"/> holds after the grace period, asks the terminal
        /// again, up to <see cref="Attempts"/> times. Returns at once.
        /// </summary>
        public static void Rescue(PSHost host, Func<bool> stillWriting)
        {
            bool applies;
            try { applies = stillWriting() && Applies(host); }
            catch (Exception e) when (!(e is OutOfMemoryException)) { return; }
            if (!applies) return;
            var write = WriteToTerminal;
            var grace = Grace;
            Task.Run(async () =>
            {
                for (var attempt = 0; attempt < Attempts; attempt++)
                {
                    await Task.Delay(grace).ConfigureAwait(false);
                    if (!stillWriting()) return;
                    try { write(CursorPositionQuery); }
                    catch (Exception e) when (!(e is OutOfMemoryException)) { return; }
                }
            });
        }

        static bool DefaultApplies(PSHost host)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return false;
            if (host == null || !string.Equals(host.Name, "ConsoleHost", StringComparison.Ordinal)) return false;
            return !Console.IsInputRedirected && !Console.IsOutputRedirected;
        }

        static void DefaultWrite(byte[] bytes)
        {
            // The raw stream, not Console.Out: the blocked write may hold Console.Out's lock.
            using (var stdout = Console.OpenStandardOutput())
            {
                stdout.Write(bytes, 0, bytes.Length);
                stdout.Flush();
            }
        }
    }
}
