using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;

namespace ConnectWiseSetup.Tests.Infrastructure
{
    /// <summary>
    /// A hosted PowerShell runspace (engine commands only, as on CI: no pwsh) that has imported the
    /// built module folder. Run scripts and get every stream back.
    /// </summary>
    public sealed class PsSession : IDisposable
    {
        readonly Runspace _runspace;
        readonly ScriptedHost _host;
        PowerShell _current;

        public PsSession(ScriptedHost host = null, bool importModule = true)
        {
            _host = host;
            var iss = InitialSessionState.CreateDefault2();
            _runspace = host == null ? RunspaceFactory.CreateRunspace(iss) : RunspaceFactory.CreateRunspace(host, iss);
            _runspace.Open();
            if (importModule)
            {
                var r = Run("Import-Module -Name $ModulePath -ErrorAction Stop", new() { ["ModulePath"] = TestPaths.ModuleManifest });
                r.AssertNoErrors();
            }
        }

        public Runspace Runspace => _runspace;

        public void SetVariable(string name, object value) => _runspace.SessionStateProxy.SetVariable(name, value);

        public PsResult Run(string script, Dictionary<string, object> variables = null)
            => RunAsync(script, variables).GetAwaiter().GetResult();

        public async Task<PsResult> RunAsync(string script, Dictionary<string, object> variables = null)
        {
            if (variables != null)
                foreach (var kv in variables) SetVariable(kv.Key, kv.Value);
            var result = new PsResult();
            using var ps = PowerShell.Create();
            ps.Runspace = _runspace;
            ps.AddScript(script);
            ps.Streams.Error.DataAdded += (s, e) => { lock (result) result.Errors.Add(ps.Streams.Error[e.Index]); };
            ps.Streams.Verbose.DataAdded += (s, e) => { lock (result) result.Verbose.Add(ps.Streams.Verbose[e.Index]); };
            ps.Streams.Debug.DataAdded += (s, e) => { lock (result) result.Debug.Add(ps.Streams.Debug[e.Index]); };
            ps.Streams.Warning.DataAdded += (s, e) => { lock (result) result.Warnings.Add(ps.Streams.Warning[e.Index]); };
            ps.Streams.Information.DataAdded += (s, e) => { lock (result) result.Information.Add(ps.Streams.Information[e.Index]); };
            ps.Streams.Progress.DataAdded += (s, e) => { lock (result) result.Progress.Add(ps.Streams.Progress[e.Index]); };
            var output = new PSDataCollection<PSObject>();
            output.DataAdded += (s, e) => { lock (result) result.Output.Add(output[e.Index]); };
            _current = ps;
            try
            {
                await Task.Factory.FromAsync(ps.BeginInvoke<PSObject, PSObject>(null, output), ps.EndInvoke).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                result.Terminating = ex is RuntimeException || ex is PipelineStoppedException ? ex : ex;
            }
            finally
            {
                _current = null;
            }
            if (_host != null) result.HostText = _host.TakeText();
            return result;
        }

        /// <summary>Stops the pipeline that is running now (as Ctrl+C does).</summary>
        public void Stop()
        {
            var ps = _current;
            if (ps == null) return;
            try
            {
                ps.Stop();
            }
            catch (NullReferenceException) when (ps.InvocationStateInfo.State is PSInvocationState.Stopped or PSInvocationState.Completed or PSInvocationState.Failed)
            {
                // PowerShell.Stop() races with a pipeline that stops at once (its stop result is cleared by the
                // worker before Stop returns it): the pipeline did stop, which is all a caller asks.
            }
        }

        public void Dispose()
        {
            _runspace.Dispose();
        }
    }
}
