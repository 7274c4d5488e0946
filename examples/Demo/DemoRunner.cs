using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using ConnectWiseSetup.Simulator;

namespace ConnectWiseSetup.Demo
{
    /// <summary>Starts a fresh simulator, imports the built module and runs examples/demo.ps1 in a hosted runspace.</summary>
    public static class DemoRunner
    {
        static string Metadata(string key) =>
            typeof(DemoRunner).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == key).Value;

        public static string ModuleManifest => Path.Combine(Metadata("ModuleDirectory"), "ConnectWiseSetup.psd1");
        public static string DemoScript => Metadata("DemoScript");

        /// <summary>Runs the demo; returns 0 when it finished without an error.</summary>
        public static async Task<int> RunAsync(TextWriter output, string scriptPath = null, CancellationToken ct = default)
        {
            await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions { Port = 0, TenantCount = 1 }, ct);
            var tenant = sim.Tenants[0];
            output.WriteLine($"ConnectWise simulator on {sim.BaseUrl} (loopback), tenant '{tenant.CompanyId}'.");

            // Colour escapes only for a real terminal; a test's buffer or a redirected console gets plain text.
            var host = new TextWriterHost(output) { PlainText = !ReferenceEquals(output, Console.Out) || Console.IsOutputRedirected };
            using var runspace = RunspaceFactory.CreateRunspace(host, InitialSessionState.CreateDefault2());
            runspace.Open();
            // The demo plays the administrator with the CwSimulator script module, as a pwsh user would, from the
            // simulator's connection file.
            var dir = Path.Combine(Path.GetTempPath(), "cwdemo-" + Guid.NewGuid().ToString("N"));
            var connectionFile = Path.Combine(dir, "sim.json");
            ConnectionFile.Write(sim, connectionFile);
            runspace.SessionStateProxy.SetVariable("SimulatorFile", connectionFile);
            runspace.SessionStateProxy.SetVariable("SimulatorModule", Metadata("SimulatorModule"));

            using var ps = PowerShell.Create();
            ps.Runspace = runspace;
            ps.AddCommand("Import-Module").AddParameter("Name", ModuleManifest).AddParameter("ErrorAction", "Stop").AddStatement();
            ps.AddCommand(scriptPath ?? DemoScript).AddCommand("Out-Default");
            using var reg = ct.Register(() => ps.Stop());
            try
            {
                await Task.Factory.FromAsync(ps.BeginInvoke(), ps.EndInvoke);
            }
            catch (RuntimeException ex)
            {
                output.WriteLine("The demo stopped: " + ex.Message);
                return 1;
            }
            finally
            {
                try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
            }
            foreach (var error in ps.Streams.Error) output.WriteLine("ERROR: " + error);
            return ps.HadErrors ? 1 : 0;
        }
    }
}
