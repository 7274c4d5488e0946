using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Collections.ObjectModel;

namespace ConnectWiseSetup.Demo
{
    /// <summary>
    /// A minimal non-interactive PowerShell host that writes what the demo shows to a TextWriter
    /// (the console, or a test's buffer). It cannot prompt: the demo's guided steps are played by
    /// the simulator's operator channel instead, and the output says so.
    /// </summary>
    public sealed class TextWriterHost : PSHost
    {
        readonly HostUI _ui;
        readonly Guid _id = Guid.NewGuid();

        public TextWriterHost(TextWriter writer) { _ui = new HostUI(writer, this); }

        /// <summary>Strip the formatter's colour escape sequences (for a redirected console or a test's buffer).</summary>
        public bool PlainText { get; set; }

        static readonly System.Text.RegularExpressions.Regex Escapes = new(@"\x1b\[[0-9;?]*[A-Za-z]", System.Text.RegularExpressions.RegexOptions.Compiled);

        public override string Name => "ConnectWiseSetupDemoHost";
        public override Version Version => new(1, 0);
        public override Guid InstanceId => _id;
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
            readonly TextWriter _w;
            readonly TextWriterHost _host;
            readonly FixedRawUI _raw = new();
            public HostUI(TextWriter w, TextWriterHost host) { _w = w; _host = host; }
            string Clean(string s) => _host.PlainText && s != null ? Escapes.Replace(s, "") : s;
            public override PSHostRawUserInterface RawUI => _raw;
            const string NoPrompt = "The demo host cannot prompt; guided steps are played by the simulator's operator channel.";
            public override string ReadLine() => throw new PSInvalidOperationException(NoPrompt);
            public override SecureString ReadLineAsSecureString() => throw new PSInvalidOperationException(NoPrompt);
            public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw new PSInvalidOperationException(NoPrompt);
            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new PSInvalidOperationException(NoPrompt);
            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new PSInvalidOperationException(NoPrompt);
            public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => throw new PSInvalidOperationException(NoPrompt);
            public override void Write(string value) { lock (_w) _w.Write(Clean(value)); }
            public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);
            public override void WriteLine(string value) { lock (_w) _w.WriteLine(Clean(value)); }
            public override void WriteErrorLine(string value) => WriteLine("ERROR: " + value);
            public override void WriteDebugLine(string message) => WriteLine("DEBUG: " + message);
            public override void WriteProgress(long sourceId, ProgressRecord record) { }
            public override void WriteVerboseLine(string message) => WriteLine("VERBOSE: " + message);
            public override void WriteWarningLine(string message) => WriteLine("WARNING: " + message);
        }
    }
}
