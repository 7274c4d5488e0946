using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ConnectWiseSetup.Client;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>
    /// The bridge between PowerShell's synchronous pipeline and the async client: cancellation from
    /// StopProcessing (Ctrl+C), work on the thread pool whose messages are written on the pipeline thread,
    /// and CwException → ErrorRecord. Cmdlets that talk to a tenant derive from <see cref="CwCmdlet"/>.
    /// </summary>
    public abstract class CwCmdletBase : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();

        /// <summary>Cancelled when the pipeline is stopped.</summary>
        protected CancellationToken CancellationToken => _stop.Token;

        // Messages of work started ahead (ReadAhead), written on the pipeline thread by the next RunAsync.
        private readonly ConcurrentQueue<ClientLogEntry> _aheadLog = new ConcurrentQueue<ClientLogEntry>();

        // Non-zero while the pipeline thread is inside a host write of Dispatch (read by StopProcessing on the stopping thread).
        private int _inHostWrite;

        protected override void StopProcessing()
        {
            try { _stop.Cancel(); } catch (ObjectDisposedException) { }
            // A write in the host when Ctrl+C came may wait for ever for the terminal's answer the Ctrl+C discarded.
            StuckTerminalQuery.Rescue(Host, () => Volatile.Read(ref _inHostWrite) != 0);
            base.StopProcessing();
        }

        /// <summary>
        /// Runs <paramref name="work"/> on the thread pool and, until it ends, writes what it posts to
        /// <see cref="ClientLog"/> (verbose, debug, warning, progress, actions) on this, the pipeline thread.
        /// Returns its result or rethrows its exception; a stop (Ctrl+C) becomes PipelineStoppedException.
        /// </summary>
        protected T RunAsync<T>(Func<CancellationToken, Task<T>> work)
        {
            if (work == null) throw new ArgumentNullException(nameof(work));
            NoQuestionsWithoutAPerson();
            var token = _stop.Token;
            var queue = new BlockingCollection<ClientLogEntry>();
            Action<ClientLogEntry> sink = queue.Add;
            var task = Task.Run(() =>
            {
                ClientLog.Sink = sink;
                return work(token);
            });
            task.ContinueWith(_ => queue.CompleteAdding(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            try
            {
                foreach (var entry in queue.GetConsumingEnumerable(token))
                {
                    DispatchAhead();
                    Dispatch(entry);
                }
                DispatchAhead();
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // Stopping: the work sees the same token; do not wait for it, and observe its end.
                task.ContinueWith(t => { _ = t.Exception; }, TaskContinuationOptions.OnlyOnFaulted);
                throw new PipelineStoppedException();
            }
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>
        /// <see cref="RunAsync{T}(Func{CancellationToken, Task{T}})"/>, and at a stop (Ctrl+C, at a prompt too) <paramref name="onStop"/>
        /// first, on the pipeline thread (e.g. to say what exists now); the stop then passes on as it is.
        /// </summary>
        protected T RunAsync<T>(Func<CancellationToken, Task<T>> work, Action onStop)
        {
            try { return RunAsync(work); }
            catch (Exception e) when (IsStop(e))
            {
                onStop?.Invoke();
                throw;
            }
        }

        /// <summary>
        /// Starts <paramref name="work"/> on the thread pool and returns at once, so it runs while the pipeline brings the next
        /// records (a read-ahead); a later <see cref="RunAsync{T}"/> awaits what it produced and writes its messages. A stop
        /// cancels it; a failure is for whoever awaits it (observed here so an abandoned one is not reported as unobserved).
        /// </summary>
        protected Task<T> ReadAhead<T>(Func<CancellationToken, Task<T>> work)
        {
            if (work == null) throw new ArgumentNullException(nameof(work));
            var token = _stop.Token;
            Action<ClientLogEntry> sink = _aheadLog.Enqueue;
            var task = Task.Run(() =>
            {
                ClientLog.Sink = sink;
                return work(token);
            });
            task.ContinueWith(t => { _ = t.Exception; }, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return task;
        }

        private void DispatchAhead()
        {
            while (_aheadLog.TryDequeue(out var entry)) Dispatch(entry);
        }

        /// <summary>The void form of <see cref="RunAsync{T}"/>.</summary>
        protected void RunAsync(Func<CancellationToken, Task> work)
        {
            if (work == null) throw new ArgumentNullException(nameof(work));
            RunAsync<bool>(async ct => { await work(ct).ConfigureAwait(false); return true; });
        }

        bool _questionsChecked;

        /// <summary>
        /// Under -Debug a compiled cmdlet's warnings (and verbose lines, without -Verbose) become questions ("Continue with this
        /// operation?"), which a host nobody can answer (pwsh -NonInteractive, a job) turns into a terminating error: an RMM job run
        /// with -Debug to get a fuller log would fail at its first warning. There, they are written as with Continue. PowerShell
        /// offers no public way to say so: the runtime's preferences are set by reflection, guarded (nothing changes if it fails).
        /// </summary>
        private void NoQuestionsWithoutAPerson()
        {
            if (_questionsChecked) return;
            _questionsChecked = true;
            try
            {
                var bound = MyInvocation.BoundParameters;
                if (!(bound.TryGetValue("Debug", out var debug) && debug is SwitchParameter d && d.IsPresent)) return;
                if (PromptCapability.CanPrompt(Host)) return;
                var runtime = CommandRuntime;
                var type = runtime.GetType();
                const System.Reflection.BindingFlags Any = System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public;
                void Set(string name, object value)
                {
                    var p = type.GetProperty(name, Any);
                    if (p != null && p.CanWrite) p.SetValue(runtime, value, null);
                }
                if (!bound.ContainsKey("WarningAction")) Set("WarningPreference", ActionPreference.Continue);
                Set("DebugPreference", ActionPreference.Continue);
                if (!bound.ContainsKey("Verbose") && type.GetProperty("VerbosePreference", Any)?.GetValue(runtime, null) is ActionPreference v && v == ActionPreference.Inquire)
                    Set("Verbose", true);
            }
            catch (Exception e) when (!(e is OutOfMemoryException))
            {
                // The runtime's shape differs: PowerShell's own behaviour stands.
            }
        }

        /// <summary>Writes a message that background code posted; pipeline thread only.</summary>
        internal void Dispatch(ClientLogEntry entry)
        {
            NoQuestionsWithoutAPerson();
            // A prompt (an Action) reads the terminal itself: only the writes are watched at a stop.
            var write = entry.Kind != ClientLogKind.Action;
            if (write) Interlocked.Increment(ref _inHostWrite);
            try
            {
                switch (entry.Kind)
                {
                    case ClientLogKind.Verbose: WriteVerbose(entry.Message); break;
                    case ClientLogKind.Debug: WriteDebug(entry.Message); break;
                    case ClientLogKind.Warning: WriteWarning(entry.Message); break;
                    case ClientLogKind.Progress: if (entry.Progress != null) WriteProgress(entry.Progress); break;
                    case ClientLogKind.Action: entry.Action?.Invoke(this); break;
                }
            }
            finally
            {
                if (write) Interlocked.Decrement(ref _inHostWrite);
            }
        }

        /// <summary>
        /// Whether this call runs under -WhatIf (given, or $WhatIfPreference): a cmdlet that writes its plan as an object then says it
        /// once, as that object, without ShouldProcess's "What if:" text as well.
        /// </summary>
        internal bool WhatIfActive()
        {
            if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var given)) return given is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(given);
            try { return LanguagePrimitives.IsTrue(SessionState?.PSVariable.GetValue("WhatIfPreference")); }
            catch (Exception e) when (!(e is OutOfMemoryException)) { return false; }
        }

        /// <summary>-WhatIf and -Confirm for <paramref name="change"/>: its sentence after "What if: ", its question at the prompt.</summary>
        internal bool ShouldProcess(Setup.ChangeText change) => ShouldProcess(change.Description, change.Query, Setup.ChangeText.Caption);

        /// <summary>
        /// The module's one stop guard. A stop (Ctrl+C, and also what ThrowTerminatingError raises to end the pipeline) is a
        /// PipelineStoppedException: it must pass on as it is, never be reported as an error or wrapped. <see cref="WriteCwError"/>
        /// and <see cref="ThrowCwError"/> pass it on, so a cmdlet's <c>catch (Exception e) { WriteCwError(e, target); }</c> needs no
        /// guard of its own; code that handles failures otherwise filters with this.
        /// </summary>
        internal static bool IsStop(Exception error) => error is PipelineStoppedException;

        private static void PassOnStop(Exception error)
        {
            if (IsStop(error)) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
        }

        /// <summary>A non-terminating error for <paramref name="target"/>; a stop is passed on, not reported.</summary>
        protected void WriteCwError(Exception error, object target)
        {
            error = Unwrap(error);
            PassOnStop(error);
            if (error is OperationCanceledException && _stop.IsCancellationRequested) return;
            WriteError(ToErrorRecord(error, target, ViewShowsRecommendation()));
        }

        /// <summary>
        /// The one way a cmdlet ends with an error: a terminating error for <paramref name="target"/> (null: the error's own target);
        /// a stop becomes PipelineStoppedException.
        /// </summary>
        protected void ThrowCwError(Exception error, object target)
        {
            error = Unwrap(error);
            PassOnStop(error);
            if (error is OperationCanceledException && _stop.IsCancellationRequested) throw new PipelineStoppedException();
            ThrowTerminatingError(ToErrorRecord(error, target, ViewShowsRecommendation()));
        }

        /// <summary>
        /// True when this session's error view prints ErrorDetails.RecommendedAction on a line of its own: ConciseView (PowerShell 7's
        /// default) from PowerShell 7.5 on. Windows PowerShell, NormalView and the others show only the message.
        /// </summary>
        internal bool ViewShowsRecommendation()
        {
            var engine = typeof(PSObject).Assembly.GetName().Version;
            if (engine.Major < 7 || (engine.Major == 7 && engine.Minor < 5)) return false;
            object view;
            // The host prints errors with the session's (global) view, whatever scope the command runs in.
            try { view = SessionState?.PSVariable.GetValue("global:ErrorView"); }
            catch (Exception) { return false; }
            return view == null || string.Equals(view.ToString(), "ConciseView", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>A CwException keeps its ErrorId, category and message (ConnectWise's message and field errors); anything else is wrapped.</summary>
        internal static ErrorRecord ToErrorRecord(Exception error, object target, bool viewShowsRecommendation = false)
        {
            error = Unwrap(error);
            switch (error)
            {
                case CwException cw:
                    return cw.ToErrorRecord(target ?? cw.TargetObject, viewShowsRecommendation);
                case OperationCanceledException oce:
                    return new ErrorRecord(oce, "CwCancelled", ErrorCategory.OperationStopped, target);
                case RuntimeException rt when rt.ErrorRecord != null && !(rt is PipelineStoppedException):
                    return new ErrorRecord(rt.ErrorRecord, rt);
                default:
                    return new ErrorRecord(error, ErrorIds.UnexpectedError, ErrorCategory.NotSpecified, target);
            }
        }

        private static Exception Unwrap(Exception error)
        {
            while (error is AggregateException agg && agg.InnerExceptions.Count == 1) error = agg.InnerExceptions[0];
            return error ?? new InvalidOperationException("Unknown error.");
        }

        public void Dispose()
        {
            _stop.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
