using System.Text.RegularExpressions;

namespace ConnectWiseSetup.HelpGen
{
    /// <summary>One cmdlet's help as people write it: src/ConnectWiseSetup/Help/Verb-Noun.md.</summary>
    public sealed class MarkdownHelp
    {
        public string File { get; set; }
        public string Name { get; set; }
        public string Synopsis { get; set; }
        public string Description { get; set; }
        /// <summary>Parameter name (without the dash) to its description, and the line it starts on.</summary>
        public List<(string Name, string Text, int Line)> Parameters { get; } = new();
        public List<(string Title, string Code, string Remarks, int Line)> Examples { get; } = new();
        public string Inputs { get; set; }
        /// <summary>The line of ## INPUTS (for errors).</summary>
        public int InputsLine { get; set; }
        public string Outputs { get; set; }
        public string Notes { get; set; }

        static readonly string[] Known = { "SYNOPSIS", "SYNTAX", "DESCRIPTION", "PARAMETERS", "EXAMPLES", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS" };

        /// <summary>
        /// The structure: <c># Verb-Noun</c>, <c>## SYNOPSIS</c>, <c>## DESCRIPTION</c>, <c>## PARAMETERS</c> with
        /// <c>### -Name</c> per parameter, <c>## EXAMPLES</c> with <c>### Example N: Title</c>, a ```powershell block, then
        /// remarks; <c>## OUTPUTS</c>; optional <c>## INPUTS</c> and <c>## NOTES</c>. Anything else is an error that names the line.
        /// </summary>
        public static MarkdownHelp Parse(string path)
        {
            var lines = System.IO.File.ReadAllLines(path);
            var help = new MarkdownHelp { File = path };
            string section = null;
            string sub = null; int subLine = 0;
            var buffer = new List<string>();
            var firstHeading = true;

            void Flush()
            {
                var text = string.Join("\n", buffer).Trim();
                buffer.Clear();
                if (section == null) return;
                switch (section)
                {
                    case "SYNOPSIS": help.Synopsis = text; break;
                    case "DESCRIPTION": help.Description = text; break;
                    case "INPUTS": help.Inputs = text; help.InputsLine = subLine; break;
                    case "OUTPUTS": help.Outputs = text; break;
                    case "NOTES": help.Notes = text; break;
                    case "PARAMETERS":
                        if (sub != null) help.Parameters.Add((sub, text, subLine));
                        else if (text.Length > 0) throw new HelpSourceException(path, subLine, "text under ## PARAMETERS before the first ### -Name");
                        break;
                    case "EXAMPLES":
                        if (sub == null) { if (text.Length > 0) throw new HelpSourceException(path, subLine, "text under ## EXAMPLES before the first ### Example"); break; }
                        var m = Regex.Match(text, "^```(?:powershell|ps1|pwsh)?[ \\t]*\\n(.*?)\\n```[ \\t]*(?:\\n|$)(.*)$", RegexOptions.Singleline);
                        if (!m.Success) throw new HelpSourceException(path, subLine, "an example needs a ```powershell fenced block right after its ### heading");
                        help.Examples.Add((sub, m.Groups[1].Value.TrimEnd(), m.Groups[2].Value.Trim(), subLine));
                        break;
                }
            }

            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                var lineNo = i + 1;
                if (line.StartsWith("```", StringComparison.Ordinal))
                {
                    // A fenced block is copied whole: a '#' comment inside it is not a heading.
                    buffer.Add(line);
                    for (i++; i < lines.Length; i++)
                    {
                        buffer.Add(lines[i]);
                        if (lines[i].StartsWith("```", StringComparison.Ordinal)) break;
                    }
                    if (i >= lines.Length) throw new HelpSourceException(path, lineNo, "a ``` block is not closed");
                    continue;
                }
                if (line.StartsWith("# ", StringComparison.Ordinal))
                {
                    if (!firstHeading) throw new HelpSourceException(path, lineNo, "only the first heading may be '# Verb-Noun'");
                    help.Name = line.Substring(2).Trim();
                    firstHeading = false;
                    continue;
                }
                if (line.StartsWith("## ", StringComparison.Ordinal))
                {
                    Flush();
                    var name = line.Substring(3).Trim().ToUpperInvariant();
                    if (!Known.Contains(name)) throw new HelpSourceException(path, lineNo, "unknown section '## " + line.Substring(3).Trim() + "' (known: " + string.Join(", ", Known) + ")");
                    section = name; sub = null; subLine = lineNo;
                    continue;
                }
                if (line.StartsWith("### ", StringComparison.Ordinal))
                {
                    Flush();
                    var heading = line.Substring(4).Trim();
                    subLine = lineNo;
                    if (section == "PARAMETERS")
                    {
                        if (!heading.StartsWith("-", StringComparison.Ordinal) || heading.Length < 2)
                            throw new HelpSourceException(path, lineNo, "a parameter heading is '### -Name', not '### " + heading + "'");
                        sub = heading.Substring(1).Trim();
                    }
                    else if (section == "EXAMPLES")
                    {
                        var m = Regex.Match(heading, @"^Example\s+\d+\s*:\s*(.+)$");
                        if (!m.Success) throw new HelpSourceException(path, lineNo, "an example heading is '### Example N: Title'");
                        sub = "Example " + Regex.Match(heading, @"\d+").Value + ": " + m.Groups[1].Value.Trim();
                    }
                    else throw new HelpSourceException(path, lineNo, "### headings belong under ## PARAMETERS or ## EXAMPLES");
                    continue;
                }
                if (firstHeading && line.Trim().Length > 0) throw new HelpSourceException(path, lineNo, "the file starts with '# Verb-Noun'");
                buffer.Add(line);
            }
            Flush();

            var expected = Path.GetFileNameWithoutExtension(path);
            if (!string.Equals(help.Name, expected, StringComparison.OrdinalIgnoreCase))
                throw new HelpSourceException(path, 1, "the heading '# " + help.Name + "' does not match the file name " + expected);
            if (string.IsNullOrWhiteSpace(help.Synopsis)) throw new HelpSourceException(path, 1, "## SYNOPSIS is missing or empty");
            if (string.IsNullOrWhiteSpace(help.Description)) throw new HelpSourceException(path, 1, "## DESCRIPTION is missing or empty");
            foreach (var dup in help.Parameters.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
                throw new HelpSourceException(path, dup.Last().Line, "parameter -" + dup.Key + " is described twice");
            return help;
        }
    }
}
