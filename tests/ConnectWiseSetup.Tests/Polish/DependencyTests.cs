using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;

namespace ConnectWiseSetup.Tests.Polish
{
    /// <summary>
    /// The one netstandard2.0 build on Windows PowerShell 5.1: what each assembly of the module folder references, against
    /// what the folder ships, and the resolver that stands in for binding redirects on .NET Framework.
    /// </summary>
    public sealed class DependencyTests
    {
        static (Version Version, List<(string Name, Version Version)> References) Read(string path)
        {
            using var s = File.OpenRead(path);
            using var pe = new PEReader(s);
            var md = pe.GetMetadataReader();
            var refs = md.AssemblyReferences.Select(h => md.GetAssemblyReference(h)).Select(r => (md.GetString(r.Name), r.Version)).ToList();
            return (md.GetAssemblyDefinition().Version, refs);
        }

        static Dictionary<string, Version> Shipped() => Directory.GetFiles(TestPaths.ModuleDirectory, "*.dll")
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => Read(f).Version, StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// The folder's assemblies, exactly (docs/ARCHITECTURE.md, Dependencies): the module, Newtonsoft.Json, and the clock
        /// (Microsoft.Bcl.TimeProvider) with what it needs on netstandard2.0, Polly 7 (one assembly), and never PowerShell itself.
        /// </summary>
        internal static readonly string[] ExpectedAssemblies =
        {
            "ConnectWiseSetup", "Microsoft.Bcl.AsyncInterfaces", "Microsoft.Bcl.TimeProvider", "Newtonsoft.Json", "Polly",
            "System.Runtime.CompilerServices.Unsafe", "System.Threading.Tasks.Extensions",
        };

        [Fact]
        public void The_module_folder_holds_exactly_the_expected_assemblies_and_never_PowerShell()
        {
            var shipped = Directory.GetFiles(TestPaths.ModuleDirectory, "*.dll", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(TestPaths.ModuleDirectory, f).Replace('\\', '/')).OrderBy(f => f, StringComparer.Ordinal).ToList();
            Assert.Equal(ExpectedAssemblies.Select(a => a + ".dll").OrderBy(f => f, StringComparer.Ordinal), shipped);
            Assert.DoesNotContain("System.Management.Automation.dll", shipped);
            // Polly 7 alone: Polly 8 brought Polly.Core and System.ComponentModel.Annotations with it.
            Assert.DoesNotContain("Polly.Core.dll", shipped);
        }

        [Fact]
        public void The_module_references_only_netstandard_PowerShell_and_what_its_folder_ships()
        {
            var shipped = Shipped();
            var refs = Read(Path.Combine(TestPaths.ModuleDirectory, "ConnectWiseSetup.dll")).References;
            foreach (var (name, version) in refs)
            {
                if (name == "netstandard") { Assert.Equal(new Version(2, 0, 0, 0), version); continue; }
                // PowerShellStandard.Library's reference assembly: Windows PowerShell 5.1 and PowerShell 7 both answer it.
                if (name == "System.Management.Automation") { Assert.Equal(3, version.Major); continue; }
                Assert.True(shipped.ContainsKey(name), "the module references " + name + " " + version + ", which its folder does not ship");
                Assert.Equal(shipped[name], version);
            }
            // Newtonsoft.Json's assembly version is 13.0.0.0 for every 13.x: the copy PowerShell 7 loads satisfies the module's reference.
            Assert.Equal(new Version(13, 0, 0, 0), shipped["Newtonsoft.Json"]);
        }

        [Fact]
        public void Every_dependency_reference_the_folder_answers_with_another_version_is_resolved_by_the_resolver()
        {
            var folder = TestPaths.ModuleDirectory;
            var shipped = Shipped();
            var redirected = new List<string>();
            foreach (var file in Directory.GetFiles(folder, "*.dll"))
                foreach (var (name, version) in Read(file).References.Where(r => shipped.ContainsKey(r.Name)))
                {
                    Assert.True(shipped[name] >= version, Path.GetFileName(file) + " needs " + name + " " + version + " but the folder ships " + shipped[name]);
                    if (shipped[name] == version) continue;
                    redirected.Add(name + " " + version + " -> " + shipped[name]);
                    var requested = name + ", Version=" + version + ", Culture=neutral, PublicKeyToken=null";
                    Assert.Equal(Path.Combine(folder, name + ".dll"), DependencyResolver.PathFor(requested, file, folder));
                }
            // Every reference inside the folder names the version the folder ships: Windows PowerShell 5.1 needs no redirect today
            // (with Polly 8, Polly.Core asked for three older versions). The resolver stays for a future dependency that does.
            Assert.True(redirected.Count == 0, "references that need a redirect: " + string.Join("; ", redirected));
        }

        [Fact]
        public void The_resolver_answers_only_for_the_module_folder_and_its_own_files()
        {
            var folder = TestPaths.ModuleDirectory;
            var dependency = Path.Combine(folder, "Microsoft.Bcl.TimeProvider.dll");
            const string asyncInterfaces = "Microsoft.Bcl.AsyncInterfaces, Version=6.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51";
            Assert.Equal(Path.Combine(folder, "Microsoft.Bcl.AsyncInterfaces.dll"), DependencyResolver.PathFor(asyncInterfaces, dependency, folder));
            Assert.Equal(Path.Combine(folder, "Microsoft.Bcl.AsyncInterfaces.dll"), DependencyResolver.PathFor(asyncInterfaces, null, folder));
            // Another module's Newtonsoft request is that module's business.
            var other = Path.Combine(Path.GetTempPath(), "OtherModule", "Other.dll");
            Assert.Null(DependencyResolver.PathFor("Newtonsoft.Json, Version=12.0.0.0, Culture=neutral, PublicKeyToken=30ad4fe6b2a6aeed", other, folder));
            Assert.Null(DependencyResolver.PathFor("Some.Unknown.Assembly, Version=1.0.0.0", dependency, folder));
            Assert.Null(DependencyResolver.PathFor("Newtonsoft.Json.resources, Version=13.0.0.0, Culture=de", dependency, folder));
            Assert.Null(DependencyResolver.PathFor("not an assembly name,,,", dependency, folder));
            // On .NET (PowerShell 7) the handler is not registered: the runtime takes a higher version itself.
            Assert.False(DependencyResolver.IsNetFramework);
        }
    }
}
