#nullable enable
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;
using System.Security;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Cmdlets;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;

namespace ConnectWiseSetup.Tests.Client;

/// <summary>A CwCmdletBase for the tests: a countdown bar posted from the thread pool until the pipeline stops.</summary>
[Cmdlet("Invoke", "CwTestCountdown")]
public sealed class InvokeCwTestCountdownCommand : CwCmdletBase
{
    protected override void ProcessRecord()
    {
        RunAsync(async ct =>
        {
            for (var i = 0; ; i++)
            {
                ClientLog.Progress(new ProgressRecord(4711, "Waiting", "tick " + i));
                await Task.Delay(5, ct).ConfigureAwait(false);
            }
        });
    }
}

/// <summary>
/// Ctrl+C in a terminal on Linux/macOS while the console host draws a progress bar: the terminal driver discards the cursor-position
/// answer the host waits for, and the host's write blocks until the terminal is asked again. The stop must still end.
/// </summary>
[Collection(RunAlone.Name)]
public sealed class StopDuringProgressTests
{
    [Fact]
    public void A_stop_while_a_progress_write_waits_for_the_terminal_ends_the_invocation()
    {
        var host = new TerminalHost();
        var (applies, write, grace) = (StuckTerminalQuery.Applies, StuckTerminalQuery.WriteToTerminal, StuckTerminalQuery.Grace);
        StuckTerminalQuery.Applies = h => h?.Name == host.Name;   // the cmdlet sees the runspace's wrapper of this host
        StuckTerminalQuery.WriteToTerminal = bytes => { if (bytes.SequenceEqual(new byte[] { 0x1B, (byte)'[', (byte)'6', (byte)'n' })) host.Answer.Set(); };
        StuckTerminalQuery.Grace = TimeSpan.FromMilliseconds(50);
        try
        {
            var iss = InitialSessionState.CreateDefault2();
            iss.Commands.Add(new SessionStateCmdletEntry("Invoke-CwTestCountdown", typeof(InvokeCwTestCountdownCommand), null));
            using var rs = RunspaceFactory.CreateRunspace(host, iss);
            rs.Open();
            using var ps = PowerShell.Create();
            ps.Runspace = rs;
            ps.AddCommand("Invoke-CwTestCountdown");
            var invocation = ps.BeginInvoke();
            Assert.True(host.Drawn.Wait(TimeSpan.FromSeconds(30)), "no progress record reached the host");

            host.LoseNextAnswer = true;                       // the Ctrl+C lands while the next bar is drawn
            Assert.True(host.Blocked.Wait(TimeSpan.FromSeconds(30)), "no progress write started");
            var stop = ps.BeginStop(null, null);

            Assert.True(stop.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(20)), "the stop did not end while a progress write waited for the terminal");
            ps.EndStop(stop);
            Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
            Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(invocation));
            Assert.True(host.Answer.IsSet, "the terminal was not asked again");
        }
        finally
        {
            host.Answer.Set();                                // never leave the runspace's thread blocked
            (StuckTerminalQuery.Applies, StuckTerminalQuery.WriteToTerminal, StuckTerminalQuery.Grace) = (applies, write, grace);
        }
    }

    /// <summary>A host whose progress write, once told, blocks like a console host whose cursor question was lost (bounded, for the test's sake).</summary>
    sealed class TerminalHost : PSHost
    {
        readonly HostUI _ui;
        public TerminalHost() { _ui = new HostUI(this); }
        public volatile bool LoseNextAnswer;
        public readonly ManualResetEventSlim Drawn = new();
        public readonly ManualResetEventSlim Blocked = new();
        public readonly ManualResetEventSlim Answer = new();
        public override string Name => "TerminalTestHost";
        public override Version Version => new(1, 0);
        public override Guid InstanceId { get; } = Guid.NewGuid();
        public override PSHostUserInterface UI => _ui;
        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
        public override void SetShouldExit(int exitCode) { }
        public override void EnterNestedPrompt() => throw new NotSupportedException();
        public override void ExitNestedPrompt() => throw new NotSupportedException();
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }

        sealed class HostUI : PSHostUserInterface
        {
            readonly TerminalHost _h;
            public HostUI(TerminalHost h) { _h = h; }
            public override PSHostRawUserInterface? RawUI => null;
            public override void WriteProgress(long sourceId, ProgressRecord record)
            {
                _h.Drawn.Set();
                if (!_h.LoseNextAnswer) return;
                _h.LoseNextAnswer = false;
                _h.Blocked.Set();
                _h.Answer.Wait(TimeSpan.FromSeconds(60));     // the real one waits for ever
            }
            public override string ReadLine() => throw new NotSupportedException();
            public override SecureString ReadLineAsSecureString() => throw new NotSupportedException();
            public override void Write(string value) { }
            public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) { }
            public override void WriteLine(string value) { }
            public override void WriteErrorLine(string value) { }
            public override void WriteDebugLine(string message) { }
            public override void WriteVerboseLine(string message) { }
            public override void WriteWarningLine(string message) { }
            public override Dictionary<string, PSObject> Prompt(string caption, string message, System.Collections.ObjectModel.Collection<FieldDescription> descriptions) => throw new NotSupportedException();
            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();
            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();
            public override int PromptForChoice(string caption, string message, System.Collections.ObjectModel.Collection<ChoiceDescription> choices, int defaultChoice) => throw new NotSupportedException();
        }
    }
}
