using System;
using System.Management.Automation;
using System.Threading;

namespace ConnectWiseSetup.Client
{
    internal enum ClientLogKind { Verbose, Debug, Warning, Progress, Action }

    /// <summary>A message from background code, written later by the cmdlet on its pipeline thread.</summary>
    internal sealed class ClientLogEntry
    {
        public ClientLogEntry(ClientLogKind kind, string message, ProgressRecord progress = null, Action<Cmdlet> action = null)
        {
            Kind = kind; Message = message; Progress = progress; Action = action;
        }

        public ClientLogKind Kind { get; }
        public string Message { get; }
        public ProgressRecord Progress { get; }
        public Action<Cmdlet> Action { get; }

        public override string ToString() => Kind + ": " + Message;
    }

    /// <summary>
    /// Where the client's verbose/debug/warning lines go. The sink is an AsyncLocal, so it follows the
    /// async flow of one cmdlet's work (and never leaks into another runspace's). With no sink the lines
    /// are dropped. Background code never calls Cmdlet.Write* itself: it posts here and the cmdlet drains
    /// the queue on its pipeline thread.
    /// Never pass a secret to any of these methods.
    /// </summary>
    internal static class ClientLog
    {
        private static readonly AsyncLocal<Action<ClientLogEntry>> CurrentSink = new AsyncLocal<Action<ClientLogEntry>>();

        public static Action<ClientLogEntry> Sink
        {
            get => CurrentSink.Value;
            set => CurrentSink.Value = value;
        }

        public static void Verbose(string message) => Post(new ClientLogEntry(ClientLogKind.Verbose, message));

        public static void Debug(string message) => Post(new ClientLogEntry(ClientLogKind.Debug, message));

        public static void Warning(string message) => Post(new ClientLogEntry(ClientLogKind.Warning, message));

        public static void Progress(ProgressRecord record) => Post(new ClientLogEntry(ClientLogKind.Progress, record?.StatusDescription, record));

        /// <summary>Any other cmdlet call (WriteInformation, ...), run on the pipeline thread.</summary>
        public static void Post(Action<Cmdlet> action) => Post(new ClientLogEntry(ClientLogKind.Action, null, null, action));

        public static void Post(ClientLogEntry entry) => TryPost(entry);

        /// <summary>Posts <paramref name="entry"/>; false when no cmdlet is draining (nothing will run or write it).</summary>
        public static bool TryPost(ClientLogEntry entry)
        {
            var sink = CurrentSink.Value;
            if (sink == null) return false;
            try { sink(entry); return true; }
            catch (InvalidOperationException) { return false; /* the cmdlet has finished draining: drop the line */ }
        }
    }
}
