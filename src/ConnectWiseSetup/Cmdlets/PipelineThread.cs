using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ConnectWiseSetup.Client;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>
    /// Runs a piece of work that needs the pipeline thread (a prompt, a script in the caller's runspace) from engine code on the
    /// thread pool: it is posted through <see cref="ClientLog"/>, run by the cmdlet's <c>RunAsync</c> loop, and its result comes
    /// back as a task. Only for work started inside <c>RunAsync</c> (a read-ahead's posts wait for the next RunAsync).
    /// </summary>
    internal static class PipelineThread
    {
        public static Task<T> InvokeAsync<T>(Func<PSCmdlet, T> work, CancellationToken ct)
        {
            var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            var posted = ClientLog.TryPost(new ClientLogEntry(ClientLogKind.Action, null, null, cmdlet =>
            {
                if (ct.IsCancellationRequested) { done.TrySetCanceled(); return; }
                try { done.TrySetResult(work((PSCmdlet)cmdlet)); }
                catch (Exception e) { done.TrySetException(e); }
            }));
            if (!posted) throw new InvalidOperationException("No cmdlet is running this work: it cannot reach the pipeline thread.");
            if (ct.CanBeCanceled)
            {
                var registration = ct.Register(() => done.TrySetCanceled());
                done.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
            return done.Task;
        }
    }
}
