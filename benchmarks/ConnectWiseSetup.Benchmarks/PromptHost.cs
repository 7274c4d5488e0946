using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace ConnectWiseSetup.Benchmarks;

/// <summary>
/// A console as a person has it, for P7: a host that can prompt (so the module runs its prompt path), that tells each line it
/// is written (<see cref="OnLine"/>, on the pipeline thread, when the person would see it) and answers the key prompt with
/// <see cref="OnKeyPrompt"/>. Nothing is shown anywhere; no other prompt is expected.
/// </summary>
public sealed class PromptHost : PSHost
{
    readonly Guid _id = Guid.NewGuid();
    readonly HostUI _ui;

    public PromptHost() { _ui = new HostUI(this); }

    /// <summary>Each whole line written to the host, as it is written.</summary>
    public Action<string> OnLine { get; set; }
    /// <summary>The answer to the credential prompt (the key the person made in the web UI).</summary>
    public Func<PSCredential> OnKeyPrompt { get; set; }

    public override string Name => "BenchmarkPromptHost";
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
        readonly PromptHost _h;
        readonly StringBuilder _line = new();
        readonly Raw _raw = new();
        public HostUI(PromptHost h) { _h = h; }
        public override PSHostRawUserInterface RawUI => _raw;

        void Append(string s)
        {
            foreach (var c in s ?? "")
            {
                if (c == '\r') continue;
                if (c != '\n') { _line.Append(c); continue; }
                var line = _line.ToString();
                _line.Clear();
                _h.OnLine?.Invoke(line);
            }
        }

        public override void Write(string value) => Append(value);
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Append(value);
        public override void WriteLine(string value) => Append(value + "\n");
        public override void WriteErrorLine(string value) => Append(value + "\n");
        public override void WriteDebugLine(string message) { }
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteVerboseLine(string message) { }
        public override void WriteWarningLine(string message) => Append(message + "\n");

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName)
            => _h.OnKeyPrompt?.Invoke() ?? throw new InvalidOperationException("the benchmark has no key to give");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options)
            => PromptForCredential(caption, message, userName, targetName);
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
            => throw new InvalidOperationException("the benchmark expects no prompt: " + caption);
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
            => throw new InvalidOperationException("the benchmark expects no question: " + caption);
        public override string ReadLine() => throw new InvalidOperationException("the benchmark expects no input");
        public override SecureString ReadLineAsSecureString() => throw new InvalidOperationException("the benchmark expects no input");
    }

    /// <summary>An 80-column console that draws nothing.</summary>
    sealed class Raw : PSHostRawUserInterface
    {
        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
        public override Coordinates CursorPosition { get; set; }
        public override Coordinates WindowPosition { get; set; }
        public override int CursorSize { get; set; }
        public override Size BufferSize { get; set; } = new(80, 300);
        public override Size WindowSize { get; set; } = new(80, 40);
        public override Size MaxWindowSize => new(80, 40);
        public override Size MaxPhysicalWindowSize => new(80, 40);
        public override bool KeyAvailable => false;
        public override string WindowTitle { get; set; } = "";
        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new InvalidOperationException("the benchmark expects no key press");
        public override void FlushInputBuffer() { }
        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => new BufferCell[0, 0];
        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
    }
}
