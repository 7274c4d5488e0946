using System.Text.RegularExpressions;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;

namespace ConnectWiseSetup.Tests.Foundation
{
    /// <summary>
    /// The module's layers point one way (docs/ARCHITECTURE.md): Cmdlets -> Setup -> (Guides, Permissions, Model) -> Client.
    /// A source scan (comments and string literals removed): a folder names no namespace above it, neither in a using nor
    /// as a qualified name (from inside ConnectWiseSetup.X, "Setup.ConnectionReadiness" reaches ConnectWiseSetup.Setup).
    /// </summary>
    public sealed class LayerTests
    {
        static readonly Regex CommentsAndStrings = new Regex(
            @"//[^\n]*|/\*.*?\*/|@""(?:[^""]|"""")*""|\$?""(?:[^""\\\n]|\\.)*""|'(?:[^'\\\n]|\\.)+'", RegexOptions.Singleline | RegexOptions.CultureInvariant);

        /// <summary>Each file of <paramref name="folder"/> that reaches one of <paramref name="above"/>, with the line.</summary>
        static List<string> Reaching(string folder, params string[] above)
        {
            var names = string.Join("|", above);
            var reach = new Regex(@"\busing\s+(?:static\s+)?ConnectWiseSetup\.(?:" + names + @")\b|(?<![\w.])(?:ConnectWiseSetup\.)?(?:" + names + @")\.[A-Z]\w*",
                RegexOptions.CultureInvariant);
            var found = new List<string>();
            var dir = TestPaths.InRepository("src", "ConnectWiseSetup", folder);
            Assert.True(Directory.Exists(dir), dir);
            foreach (var file in Directory.GetFiles(dir, "*.cs", SearchOption.AllDirectories))
            {
                var code = CommentsAndStrings.Replace(File.ReadAllText(file), m => new string('\n', m.Value.Count(c => c == '\n')));
                var lines = code.Split('\n');
                for (var i = 0; i < lines.Length; i++)
                    foreach (Match m in reach.Matches(lines[i]))
                        found.Add(folder + "/" + Path.GetFileName(file) + ":" + (i + 1) + " " + m.Value);
            }
            return found;
        }

        [Fact]
        public void Client_references_neither_Setup_nor_Cmdlets_nor_any_layer_above_it()
        {
            var found = Reaching("Client", "Setup", "Cmdlets", "Guides", "Permissions", "Model");
            Assert.True(found.Count == 0, string.Join("\n", found));
        }

        [Fact]
        public void Model_does_not_use_Permissions_nor_the_layers_above()
        {
            var found = Reaching("Model", "Permissions", "Guides", "Setup", "Cmdlets");
            Assert.True(found.Count == 0, string.Join("\n", found));
        }

        [Fact]
        public void No_engine_reaches_the_cmdlets()
        {
            var found = new[] { "Setup", "Permissions", "Guides" }.SelectMany(f => Reaching(f, "Cmdlets")).ToList();
            Assert.True(found.Count == 0, string.Join("\n", found));
        }

        [Fact]
        public void The_scan_finds_a_reference_when_there_is_one()
        {
            // The scan itself: Cmdlets do use Setup, and the base class names the Setup layer's ChangeText.
            Assert.NotEmpty(Reaching("Cmdlets", "Setup"));
        }
    }
}
