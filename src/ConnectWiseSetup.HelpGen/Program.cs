using System.Reflection;

namespace ConnectWiseSetup.HelpGen
{
    /// <summary>dotnet ConnectWiseSetup.HelpGen.dll --help-dir DIR --module DLL --out FILE  |  --skeleton (print each cmdlet's parameters)</summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            string Arg(string name) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : null; }
            var module = Arg("--module");
            if (module == null) { Console.Error.WriteLine("usage: --help-dir DIR --module DLL --out FILE"); return 2; }
            var assembly = Assembly.LoadFrom(Path.GetFullPath(module));
            try
            {
                if (args.Contains("--skeleton"))
                {
                    foreach (var c in CmdletReflector.Read(assembly))
                        Console.WriteLine(c.Name + ": " + string.Join(", ", c.Parameters.Select(p => p.Name + ":" + p.TypeName)));
                    return 0;
                }
                var docs = Directory.GetFiles(Arg("--help-dir"), "*-*.md").OrderBy(f => f, StringComparer.Ordinal).Select(MarkdownHelp.Parse).ToList();
                var xml = MamlWriter.Write(docs, CmdletReflector.Read(assembly));
                var output = Path.GetFullPath(Arg("--out"));
                Directory.CreateDirectory(Path.GetDirectoryName(output));
                File.WriteAllText(output, xml);
                Console.WriteLine("help: " + docs.Count + " cmdlets -> " + output);
                return 0;
            }
            catch (HelpSourceException ex)
            {
                // MSBuild turns "file(line): error CODE: text" into a build error that names the file.
                Console.Error.WriteLine(ex.File + "(" + ex.Line + "): error CWHELP: " + ex.Message);
                return 1;
            }
        }
    }

    public sealed class HelpSourceException : Exception
    {
        public HelpSourceException(string file, int line, string message) : base(message) { File = file; Line = line; }
        public string File { get; }
        public int Line { get; }
    }
}
