using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using ConnectWiseSetup.Cmdlets;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;

namespace ConnectWiseSetup.Tests.Foundation
{
    /// <summary>
    /// PromptCapability: who can answer a prompt. The real consoles, jobs and thread jobs are tried in real pwsh by
    /// tests/Pester/Unattended.Tests.ps1; here each rule is given its case, with stand-ins for the console host (same
    /// name, same private flag) and for a job's host, and the runspace hosts a hosted PowerShell really has.
    /// </summary>
    public sealed class PromptCapabilityTests
    {
        static readonly string[] Interactive = { "pwsh" };

        /// <summary>The host a cmdlet sees: the runspace's InternalHost wrapping <paramref name="host"/> (or the default host).</summary>
        static PSHost RunspaceHost(ScriptedHost host = null)
        {
            using var s = new PsSession(host, importModule: false);
            var r = s.Run("$ExecutionContext.Host");
            r.AssertNoErrors();
            return (PSHost)r.Output.Single().BaseObject;
        }

        [Fact]
        public void The_default_host_of_a_hosted_runspace_cannot_prompt()
        {
            var host = RunspaceHost();
            Assert.NotNull(host.UI); // the engine's wrapper has a UI object; the host under it has none
            Assert.False(PromptCapability.CanPrompt(host));
            Assert.Contains("no user interface", PromptCapability.ReasonNot(host, Interactive, false, true));
        }

        [Fact]
        public void A_host_with_a_user_interface_can_prompt_whatever_the_console_does()
        {
            var host = RunspaceHost(new ScriptedHost());
            Assert.True(PromptCapability.CanPrompt(host));
            // Not a console: the console's -NonInteractive switch and redirected input are not its business (an editor's
            // host is started with -NonInteractive and prompts through its own window).
            Assert.Null(PromptCapability.ReasonNot(host, new[] { "pwsh", "-NonInteractive", "-Command", "x" }, true, true));
            Assert.Contains("interactive desktop", PromptCapability.ReasonNot(host, Interactive, false, false));
        }

        [Fact]
        public void No_host_or_no_UI_cannot_prompt()
        {
            Assert.False(PromptCapability.CanPrompt(null));
            Assert.False(PromptCapability.CanPrompt(new FakeHost("ConsoleHost", ui: null)));
        }

        [Theory]
        [InlineData(true, "PowerShell was started with -NonInteractive")]
        [InlineData(false, null)]
        public void A_console_follows_its_own_NonInteractive_flag(bool flag, string reason)
        {
            var console = new FakeHost("ConsoleHost", new ConsoleLikeUI { _throwOnReadAndPrompt = flag });
            // The flag wins over the command line: here -NonInteractive is the script's argument, after -File.
            Assert.Equal(reason, PromptCapability.ReasonNot(console, new[] { "pwsh", "-File", "x.ps1", "-NonInteractive" }, false, true));
        }

        [Fact]
        public void A_console_whose_flag_has_the_Windows_PowerShell_name_is_read_too()
        {
            var console = new FakeHost("ConsoleHost", new OldConsoleLikeUI { throwOnReadAndPrompt = true });
            Assert.Contains("-NonInteractive", PromptCapability.ReasonNot(console, Interactive, false, true));
        }

        [Theory]
        [InlineData("pwsh -NoProfile -NonInteractive -File x.ps1", true)]
        [InlineData("powershell.exe -ExecutionPolicy Bypass -noni -File x.ps1", true)]
        [InlineData("powershell.exe /NonInteractive /File x.ps1", true)]
        [InlineData("pwsh --noninteractive -c Get-Date", true)]
        [InlineData("pwsh -NONINTERACTIVE", true)]
        [InlineData("pwsh -non -File x.ps1", false)]          // shorter than pwsh's shortest form, -noni
        [InlineData("pwsh -File x.ps1 -NonInteractive", false)] // the script's argument
        [InlineData("pwsh -Command Get-Date -NonInteractive", false)]
        [InlineData("pwsh -NoProfile", false)]
        public void Without_the_flag_a_console_reads_the_command_line_as_pwsh_parses_it(string commandLine, bool unattended)
        {
            var console = new FakeHost("ConsoleHost", new PlainUI());
            var reason = PromptCapability.ReasonNot(console, commandLine.Split(' '), false, true);
            Assert.Equal(unattended, reason != null);
        }

        [Fact]
        public void A_console_whose_input_is_redirected_cannot_prompt()
        {
            var console = new FakeHost("ConsoleHost", new ConsoleLikeUI());
            Assert.Contains("redirected", PromptCapability.ReasonNot(console, Interactive, true, true));
            Assert.Null(PromptCapability.ReasonNot(console, Interactive, false, true));
        }

        [Theory]
        [InlineData("pwsh.dll -s -NoLogo -NoProfile -wd /tmp", false)] // Start-Job's process
        [InlineData("powershell.exe -s -NoLogo -NoProfile", false)]
        [InlineData("wsmprovhost.exe -Embedding", true)]                // a remote session: prompts go to the client
        [InlineData("pwsh -sshs -NoLogo", true)]
        public void A_job_cannot_prompt_and_a_remote_session_can(string commandLine, bool canPrompt)
        {
            var remote = new FakeHost("ServerRemoteHost", new PlainUI());
            Assert.Equal(canPrompt, PromptCapability.ReasonNot(remote, commandLine.Split(' '), true, true) == null);
        }

        sealed class FakeHost : PSHost
        {
            readonly PSHostUserInterface _ui;
            public FakeHost(string name, PSHostUserInterface ui) { Name = name; _ui = ui; }
            public override string Name { get; }
            public override PSHostUserInterface UI => _ui;
            public override Version Version => new(7, 6);
            public override Guid InstanceId { get; } = Guid.NewGuid();
            public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
            public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
            public override void SetShouldExit(int exitCode) { }
            public override void EnterNestedPrompt() { }
            public override void ExitNestedPrompt() { }
            public override void NotifyBeginApplication() { }
            public override void NotifyEndApplication() { }
        }

        class PlainUI : PSHostUserInterface
        {
            public override PSHostRawUserInterface RawUI => null;
            public override string ReadLine() => throw new NotSupportedException();
            public override System.Security.SecureString ReadLineAsSecureString() => throw new NotSupportedException();
            public override void Write(string value) { }
            public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) { }
            public override void WriteLine(string value) { }
            public override void WriteErrorLine(string value) { }
            public override void WriteDebugLine(string message) { }
            public override void WriteProgress(long sourceId, ProgressRecord record) { }
            public override void WriteVerboseLine(string message) { }
            public override void WriteWarningLine(string message) { }
            public override Dictionary<string, PSObject> Prompt(string caption, string message, System.Collections.ObjectModel.Collection<FieldDescription> descriptions) => throw new NotSupportedException();
            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();
            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();
            public override int PromptForChoice(string caption, string message, System.Collections.ObjectModel.Collection<ChoiceDescription> choices, int defaultChoice) => throw new NotSupportedException();
        }

#pragma warning disable IDE1006, CS0414 // the names and the write-only use are the point: the console host's private field
        sealed class ConsoleLikeUI : PlainUI { internal bool _throwOnReadAndPrompt; }
        sealed class OldConsoleLikeUI : PlainUI { internal bool throwOnReadAndPrompt; }
#pragma warning restore IDE1006, CS0414
    }
}
