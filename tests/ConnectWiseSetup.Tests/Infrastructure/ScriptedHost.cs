using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace ConnectWiseSetup.Tests.Infrastructure
{
    /// <summary>
    /// A small interactive host for tests: it answers prompts from queues (as a person at the
    /// keyboard would) and records everything written to it and every prompt it was shown.
    /// </summary>
    public sealed class ScriptedHost : PSHost
    {
        readonly ScriptedHostUI _ui;
        readonly Guid _id = Guid.NewGuid();

        public ScriptedHost() { _ui = new ScriptedHostUI(this); }

        /// <summary>Answers for ReadLine and for each field of Prompt (in order).</summary>
        public Queue<string> Lines { get; } = new();
        /// <summary>Answers for ReadLineAsSecureString and secure Prompt fields.</summary>
        public Queue<string> SecureLines { get; } = new();
        /// <summary>Answers for PromptForChoice (index).</summary>
        public Queue<int> Choices { get; } = new();
        /// <summary>Answers for PromptForCredential.</summary>
        public Queue<PSCredential> Credentials { get; } = new();
        /// <summary>Called before each prompt is answered (e.g. to play the administrator in the web UI).</summary>
        public Action<string> OnPrompt { get; set; }
        public List<string> PromptsShown { get; } = new();

        readonly StringBuilder _text = new();
        internal void Append(string s) { lock (_text) _text.Append(s); }
        public string TakeText() { lock (_text) { var s = _text.ToString(); _text.Clear(); return s; } }
        public string Text { get { lock (_text) return _text.ToString(); } }

        public override string Name => "ScriptedTestHost";
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

        internal void Shown(string what)
        {
            lock (PromptsShown) PromptsShown.Add(what);
            OnPrompt?.Invoke(what);
        }

        static SecureString Secure(string s)
        {
            var ss = new SecureString();
            foreach (var c in s) ss.AppendChar(c);
            ss.MakeReadOnly();
            return ss;
        }

        sealed class ScriptedHostUI : PSHostUserInterface
        {
            readonly ScriptedHost _h;
            readonly ConnectWiseSetup.Demo.FixedRawUI _raw = new();
            public ScriptedHostUI(ScriptedHost h) { _h = h; }
            public override PSHostRawUserInterface RawUI => _raw;

            public override string ReadLine()
            {
                _h.Shown("ReadLine");
                if (_h.Lines.Count == 0) throw new InvalidOperationException("the test host has no answer left for ReadLine");
                return _h.Lines.Dequeue();
            }

            public override SecureString ReadLineAsSecureString()
            {
                _h.Shown("ReadLineAsSecureString");
                if (_h.SecureLines.Count == 0) throw new InvalidOperationException("the test host has no answer left for ReadLineAsSecureString");
                return Secure(_h.SecureLines.Dequeue());
            }

            public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
            {
                _h.Shown("Prompt: " + caption + " | " + message);
                _h.Append(caption + "\n" + message + "\n");
                var answers = new Dictionary<string, PSObject>();
                foreach (var d in descriptions)
                {
                    var type = d.ParameterTypeFullName ?? "";
                    if (type.Contains("SecureString"))
                    {
                        if (_h.SecureLines.Count == 0) throw new InvalidOperationException("no secure answer left for " + d.Name);
                        answers[d.Name] = new PSObject(Secure(_h.SecureLines.Dequeue()));
                    }
                    else if (type.Contains("PSCredential"))
                    {
                        answers[d.Name] = new PSObject(_h.Credentials.Dequeue());
                    }
                    else
                    {
                        if (_h.Lines.Count == 0) throw new InvalidOperationException("no answer left for " + d.Name);
                        answers[d.Name] = new PSObject(_h.Lines.Dequeue());
                    }
                }
                return answers;
            }

            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName)
                => PromptForCredential(caption, message, userName, targetName, PSCredentialTypes.Default, PSCredentialUIOptions.Default);

            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options)
            {
                _h.Shown("PromptForCredential: " + caption + " | " + message);
                _h.Append(caption + "\n" + message + "\n");
                if (_h.Credentials.Count == 0) throw new InvalidOperationException("the test host has no credential left");
                return _h.Credentials.Dequeue();
            }

            public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
            {
                _h.Shown("PromptForChoice: " + caption + " | " + message);
                _h.Append(caption + "\n" + message + "\n");
                return _h.Choices.Count > 0 ? _h.Choices.Dequeue() : defaultChoice;
            }

            public override void Write(string value) => _h.Append(value);
            public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => _h.Append(value);
            public override void WriteLine(string value) => _h.Append(value + "\n");
            public override void WriteErrorLine(string value) => _h.Append("ERROR: " + value + "\n");
            public override void WriteDebugLine(string message) => _h.Append("DEBUG: " + message + "\n");
            public override void WriteProgress(long sourceId, ProgressRecord record) { }
            public override void WriteVerboseLine(string message) => _h.Append("VERBOSE: " + message + "\n");
            public override void WriteWarningLine(string message) => _h.Append("WARNING: " + message + "\n");
        }
    }
}
