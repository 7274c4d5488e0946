using System.Reflection;

namespace ConnectWiseSetup.Tests.Infrastructure
{
    /// <summary>Where the built module folder and the repository are, as the test project's build recorded them.</summary>
    public static class TestPaths
    {
        static string Metadata(string key) =>
            typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == key).Value;

        public static string ModuleDirectory => Metadata("ModuleDirectory");
        public static string ModuleManifest => Path.Combine(ModuleDirectory, "ConnectWiseSetup.psd1");
        public static string RepositoryRoot => Metadata("RepositoryRoot");
        public static string InRepository(params string[] parts) => Path.Combine(new[] { RepositoryRoot }.Concat(parts).ToArray());
    }
}
