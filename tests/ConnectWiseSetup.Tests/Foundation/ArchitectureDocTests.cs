using System.Text.RegularExpressions;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;

namespace ConnectWiseSetup.Tests.Foundation
{
    /// <summary>docs/ARCHITECTURE.md names the source folders as they are: none it names is missing, none that exists is left out.</summary>
    public sealed class ArchitectureDocTests
    {
        static string Doc() => File.ReadAllText(TestPaths.InRepository("docs", "ARCHITECTURE.md"));

        /// <summary>Every folder under src/ (not bin or obj), as "project" and "path inside the project".</summary>
        static List<(string Project, string Inside)> SourceFolders()
        {
            var src = TestPaths.InRepository("src");
            return Directory.GetDirectories(src, "*", SearchOption.AllDirectories)
                .Select(d => Path.GetRelativePath(src, d).Replace('\\', '/'))
                .Where(r => !r.Split('/').Any(p => p == "bin" || p == "obj"))
                .Select(r => { var i = r.IndexOf('/'); return i < 0 ? (r, "") : (r.Substring(0, i), r.Substring(i + 1)); })
                .ToList();
        }

        [Fact]
        public void Every_source_folder_is_named()
        {
            var doc = Doc();
            var missing = SourceFolders()
                .Where(f => f.Inside.Length == 0
                    ? !doc.Contains("`src/" + f.Project + "`", StringComparison.Ordinal)
                    : !doc.Contains("`" + f.Inside + "/", StringComparison.Ordinal) && !doc.Contains("src/" + f.Project + "/" + f.Inside, StringComparison.Ordinal))
                .Select(f => "src/" + f.Project + (f.Inside.Length == 0 ? "" : "/" + f.Inside)).ToList();
            Assert.True(missing.Count == 0, "docs/ARCHITECTURE.md does not name: " + string.Join(", ", missing));
        }

        [Fact]
        public void Every_folder_it_names_exists()
        {
            var doc = Doc();
            var wrong = new List<string>();
            // Paths from the repository root: `src/...`, `tests/...`, `benchmarks/...`, `examples/...` (placeholders like <Configuration> aside).
            foreach (Match m in Regex.Matches(doc, @"`((?:src|tests|benchmarks|examples|build|docs)/[^`<>*\s]*)`"))
            {
                var path = m.Groups[1].Value.TrimEnd('/');
                if (path.Contains("/.../", StringComparison.Ordinal)) continue;
                var full = TestPaths.InRepository(path.Split('/'));
                if (!Directory.Exists(full) && !File.Exists(full)) wrong.Add(path);
            }
            // The module layout: "- `Folder/`" bullets are folders of src/ConnectWiseSetup.
            foreach (Match m in Regex.Matches(doc, @"^- `([A-Z]\w*)/`", RegexOptions.Multiline))
                if (!Directory.Exists(TestPaths.InRepository("src", "ConnectWiseSetup", m.Groups[1].Value))) wrong.Add("src/ConnectWiseSetup/" + m.Groups[1].Value);
            // The simulator's layout: "`Folder/`" in its layout line.
            var layout = Regex.Match(doc, @"Layout of `src/ConnectWiseSetup\.Simulator`:[^\n]*(\n[^\n]+)*");
            Assert.True(layout.Success, "docs/ARCHITECTURE.md has no simulator layout line");
            foreach (Match m in Regex.Matches(layout.Value, @"`([A-Z]\w*)/`"))
                if (!Directory.Exists(TestPaths.InRepository("src", "ConnectWiseSetup.Simulator", m.Groups[1].Value))) wrong.Add("src/ConnectWiseSetup.Simulator/" + m.Groups[1].Value);
            Assert.True(wrong.Count == 0, "docs/ARCHITECTURE.md names folders or files that do not exist: " + string.Join(", ", wrong));
        }
    }
}
