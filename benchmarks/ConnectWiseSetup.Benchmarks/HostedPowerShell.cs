using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;
using System.Reflection;

namespace ConnectWiseSetup.Benchmarks;

/// <summary>A runspace with the engine's commands that imports the built module folder, as the tests and the demo do.</summary>
public sealed class HostedPowerShell : IDisposable
{
    static string ModuleManifest => Path.Combine(typeof(HostedPowerShell).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "ModuleDirectory").Value, "ConnectWiseSetup.psd1");

    readonly Runspace _runspace;

    HostedPowerShell(PSHost host)
    {
        _runspace = host == null ? RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2()) : RunspaceFactory.CreateRunspace(host, InitialSessionState.CreateDefault2());
        _runspace.Open();
    }

    /// <summary>A fresh runspace without the module (with <paramref name="host"/>'s UI when given), and the time Import-Module then takes in it.</summary>
    public static (HostedPowerShell Shell, TimeSpan ImportTime) CreateAndImport(PSHost host = null)
    {
        var shell = new HostedPowerShell(host);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        shell.Invoke("Import-Module -Name $args[0] -ErrorAction Stop", ModuleManifest);
        watch.Stop();
        return (shell, watch.Elapsed);
    }

    public void Set(string name, object value) => _runspace.SessionStateProxy.SetVariable(name, value);

    /// <summary>Runs a script; any error (terminating or not) is an exception: a benchmark must not measure a failure.</summary>
    public List<PSObject> Invoke(string script, params object[] args)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        foreach (var a in args) ps.AddArgument(a);
        var output = ps.Invoke().ToList();
        if (ps.Streams.Error.Count > 0)
            throw new InvalidOperationException("The benchmark script failed: " + string.Join(" | ", ps.Streams.Error.Select(e => e.FullyQualifiedErrorId + ": " + e)));
        return output;
    }

    public void Dispose() => _runspace.Dispose();
}
