using System.Diagnostics;
using System.IO.Compression;
using System.Management.Automation;
using System.Xml.Linq;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;

namespace ConnectWiseSetup.Tests.Polish
{
    /// <summary>The PackModule target (build/PackModule.targets): the module folder as a gallery-ready .nupkg without pwsh.</summary>
    public sealed class PackageTests
    {
        [Fact]
        public async Task PackModule_makes_a_nupkg_with_the_module_at_its_root_and_a_nuspec_from_the_manifest()
        {
            var configuration = new DirectoryInfo(TestPaths.ModuleDirectory.TrimEnd('/', '\\')).Parent!.Name;
            var outDir = Directory.CreateTempSubdirectory("cwpack").FullName;
            var extracted = Path.Combine(outDir, "x");
            try
            {
                var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
                if (string.IsNullOrEmpty(dotnet) || !File.Exists(dotnet)) dotnet = "dotnet";
                var psi = new ProcessStartInfo(dotnet)
                {
                    RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
                    WorkingDirectory = TestPaths.RepositoryRoot,
                };
                foreach (var a in new[] { "msbuild", TestPaths.InRepository("src", "ConnectWiseSetup", "ConnectWiseSetup.csproj"), "-nologo", "-nodeReuse:false",
                    "-t:PackModule", "-p:Configuration=" + configuration, "-p:ModulePackageDir=" + outDir + Path.DirectorySeparatorChar })
                    psi.ArgumentList.Add(a);
                using var p = Process.Start(psi)!;
                var stdoutRead = p.StandardOutput.ReadToEndAsync();
                var stderrRead = p.StandardError.ReadToEndAsync();
                using (var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3)))
                    await p.WaitForExitAsync(limit.Token);
                var stdout = await stdoutRead;
                var stderr = await stderrRead;
                Assert.True(p.ExitCode == 0, stdout + stderr);

                var manifest = File.ReadAllText(TestPaths.ModuleManifest);
                var version = System.Text.RegularExpressions.Regex.Match(manifest, @"ModuleVersion\s*=\s*'([^']+)'").Groups[1].Value;
                var nupkg = Path.Combine(outDir, "ConnectWiseSetup." + version + ".nupkg");
                Assert.True(File.Exists(nupkg), stdout);

                using (var zip = ZipFile.OpenRead(nupkg))
                {
                    var names = zip.Entries.Select(e => e.FullName).ToList();
                    foreach (var must in new[] { "ConnectWiseSetup.nuspec", "[Content_Types].xml", "_rels/.rels", "ConnectWiseSetup.psd1", "ConnectWiseSetup.dll",
                        "Newtonsoft.Json.dll", "Microsoft.Bcl.TimeProvider.dll", "LICENSE", "en-US/ConnectWiseSetup.dll-Help.xml", "en-US/about_ConnectWiseSetup.help.txt" })
                        Assert.Contains(must, names);
                    // Every format file the manifest lists, and every about topic the build copies.
                    foreach (var format in System.Text.RegularExpressions.Regex.Matches(
                        System.Text.RegularExpressions.Regex.Match(File.ReadAllText(TestPaths.ModuleManifest), @"FormatsToProcess\s*=\s*@\(([^)]*)\)").Groups[1].Value, "'([^']+)'"))
                        Assert.Contains(((System.Text.RegularExpressions.Match)format).Groups[1].Value, names);
                    foreach (var about in Directory.GetFiles(TestPaths.InRepository("src", "ConnectWiseSetup", "Help"), "about_*.help.txt"))
                        Assert.Contains("en-US/" + Path.GetFileName(about), names);
                    Assert.DoesNotContain(names, n => n.EndsWith(".pdb") || n.EndsWith(".deps.json") || n.Contains('\\'));
                    // Nothing from the tests or the tools: no test assembly, no test framework, no Pester file, no simulator.
                    Assert.DoesNotContain(names, n => n.Contains("Tests", StringComparison.OrdinalIgnoreCase) || n.Contains("xunit", StringComparison.OrdinalIgnoreCase)
                        || n.Contains("Pester", StringComparison.OrdinalIgnoreCase) || n.Contains("Simulator", StringComparison.OrdinalIgnoreCase)
                        || n.EndsWith(".ps1", StringComparison.OrdinalIgnoreCase) || n.Contains("Benchmarks", StringComparison.OrdinalIgnoreCase));
                    using (var license = new StreamReader(zip.GetEntry("LICENSE")!.Open()))
                        Assert.Equal(File.ReadAllText(TestPaths.InRepository("LICENSE")), license.ReadToEnd());

                    XNamespace ns = "http://schemas.microsoft.com/packaging/2011/08/nuspec.xsd";
                    using var s = zip.GetEntry("ConnectWiseSetup.nuspec")!.Open();
                    var meta = XDocument.Load(s).Root!.Element(ns + "metadata")!;
                    Assert.Equal("ConnectWiseSetup", meta.Element(ns + "id")!.Value);
                    Assert.Equal(version, meta.Element(ns + "version")!.Value);
                    Assert.False(string.IsNullOrWhiteSpace(meta.Element(ns + "description")!.Value));
                    // No invented addresses in the package either.
                    Assert.Null(meta.Element(ns + "projectUrl"));
                    Assert.Null(meta.Element(ns + "licenseUrl"));
                    Assert.False(string.IsNullOrWhiteSpace(meta.Element(ns + "releaseNotes")!.Value));
                    var tags = meta.Element(ns + "tags")!.Value.Split(' ');
                    foreach (var t in new[] { "PSModule", "PSEdition_Desktop", "PSEdition_Core", "ConnectWise" }) Assert.Contains(t, tags);
                    foreach (var c in ManifestTests.CmdletsInDll()) Assert.Contains("PSCmdlet_" + c, tags);
                    zip.ExtractToDirectory(extracted);
                }

                // The package's content is a module as it stands: Import-Module from it works.
                using var ps = new PsSession(importModule: false);
                var r = ps.Run("Import-Module $p -PassThru -ErrorAction Stop | ForEach-Object { $_.ExportedCmdlets.Count }", new() { ["p"] = Path.Combine(extracted, "ConnectWiseSetup.psd1") });
                r.AssertNoErrors();
                Assert.Equal(ManifestTests.CmdletsInDll().Count, (int)r.Output.Single().BaseObject);
            }
            finally
            {
                try { Directory.Delete(outDir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }
    }
}
