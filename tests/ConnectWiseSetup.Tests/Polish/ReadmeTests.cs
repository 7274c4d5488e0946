using System.Reflection;
using System.Text.RegularExpressions;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;

namespace ConnectWiseSetup.Tests.Polish
{
    public sealed class ReadmeTests
    {
        static string Section(string readme, string heading)
        {
            var start = readme.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
            Assert.True(start >= 0, "README has no section " + heading);
            var end = readme.IndexOf("\n## ", start + heading.Length + 1, StringComparison.Ordinal);
            return end < 0 ? readme.Substring(start) : readme.Substring(start, end - start);
        }

        [Fact]
        public void Every_ErrorId_has_a_troubleshooting_row()
        {
            var table = Section(File.ReadAllText(TestPaths.InRepository("README.md")), "## Troubleshooting by ErrorId");
            var ids = typeof(ErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()).ToList();
            Assert.True(ids.Count > 40);
            // Not in ErrorIds: the id the cmdlet base gives a stopped pipeline.
            ids.Add("CwCancelled");
            var missing = ids.Where(id => !table.Contains("`" + id + "`", StringComparison.Ordinal)).ToList();
            Assert.True(missing.Count == 0, "README's troubleshooting table lacks: " + string.Join(", ", missing));
        }

        [Fact]
        public void Every_cmdlet_the_module_exports_has_a_row_in_the_cmdlet_table()
        {
            var table = Section(File.ReadAllText(TestPaths.InRepository("README.md")), "## Cmdlets");
            var missing = ManifestTests.CmdletsInDll().Where(c => !Regex.IsMatch(table, @"\|\s*`" + Regex.Escape(c) + "`")).ToList();
            Assert.True(missing.Count == 0, "README's cmdlet table lacks: " + string.Join(", ", missing));
        }
    }
}
