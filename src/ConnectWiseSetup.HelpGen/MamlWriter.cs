using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ConnectWiseSetup.HelpGen
{
    /// <summary>MAML (the XML Get-Help reads) from the markdown text and the cmdlets' reflected syntax.</summary>
    public static class MamlWriter
    {
        static readonly XNamespace Msh = "http://msh";
        static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

        const string WhatIfText = "Shows what would happen if the cmdlet runs. The cmdlet is not run and nothing is changed in ConnectWise.";
        const string ConfirmText = "Prompts you for confirmation before running the cmdlet.";

        /// <summary>
        /// Checks each markdown file against the cmdlet it documents (the cmdlet exists; every parameter it names exists)
        /// and writes one MAML document. Throws <see cref="HelpSourceException"/> on a mismatch.
        /// </summary>
        public static string Write(IReadOnlyList<MarkdownHelp> docs, IReadOnlyList<CmdletInfoModel> cmdlets)
        {
            var root = new XElement(Msh + "helpItems", new XAttribute("schema", "maml"),
                new XAttribute(XNamespace.Xmlns + "maml", Maml), new XAttribute(XNamespace.Xmlns + "command", Command), new XAttribute(XNamespace.Xmlns + "dev", Dev));
            foreach (var doc in docs)
            {
                var cmdlet = cmdlets.FirstOrDefault(c => string.Equals(c.Name, doc.Name, StringComparison.OrdinalIgnoreCase))
                    ?? throw new HelpSourceException(doc.File, 1, "the module has no cmdlet " + doc.Name);
                var described = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var (name, text, line) in doc.Parameters)
                {
                    var known = cmdlet.Parameters.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                        || (cmdlet.SupportsShouldProcess && (name.Equals("WhatIf", StringComparison.OrdinalIgnoreCase) || name.Equals("Confirm", StringComparison.OrdinalIgnoreCase)));
                    if (!known)
                        throw new HelpSourceException(doc.File, line, doc.Name + " has no parameter -" + name + " (its parameters: " + string.Join(", ", cmdlet.Parameters.Select(p => "-" + p.Name)) + ")");
                    if (string.IsNullOrWhiteSpace(text)) throw new HelpSourceException(doc.File, line, "parameter -" + name + " has no description");
                    described[name] = text;
                }
                foreach (var (title, code, remarks, line) in doc.Examples)
                    if (string.IsNullOrWhiteSpace(code)) throw new HelpSourceException(doc.File, line, title + " has an empty code block");
                root.Add(CommandElement(doc, cmdlet, described));
            }
            return new XDocument(new XDeclaration("1.0", "utf-8", null), root).ToString(SaveOptions.None).Insert(0, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        }

        static IEnumerable<XElement> Paras(string text)
        {
            if (string.IsNullOrWhiteSpace(text)) { yield return new XElement(Maml + "para"); yield break; }
            foreach (var para in Regex.Split(text.Trim(), @"\n\s*\n"))
                yield return new XElement(Maml + "para", Regex.Replace(para.Trim(), @"\s*\n\s*(?![-*] )", " "));
        }

        static XElement CommandElement(MarkdownHelp doc, CmdletInfoModel c, Dictionary<string, string> described)
        {
            var all = c.Parameters.Select(p => (Model: p, Name: p.Name)).ToList();
            string Description(string name) => described.TryGetValue(name, out var t) ? t : null;

            var syntax = new XElement(Command + "syntax");
            foreach (var set in c.Sets())
            {
                var item = new XElement(Command + "syntaxItem", new XElement(Maml + "name", c.Name));
                foreach (var p in c.Parameters.Where(p => p.Sets.ContainsKey(set) || p.Sets.ContainsKey(ParameterAttribute.AllParameterSets))
                                              .OrderBy(p => p.In(set).Position < 0 ? int.MaxValue : p.In(set).Position))
                    item.Add(ParameterElement(p.Name, p, p.In(set), Description(p.Name), forSyntax: true));
                if (c.SupportsShouldProcess)
                {
                    item.Add(SwitchElement("WhatIf", Description("WhatIf") ?? WhatIfText, "wi"));
                    item.Add(SwitchElement("Confirm", Description("Confirm") ?? ConfirmText, "cf"));
                }
                syntax.Add(item);
            }

            var parameters = new XElement(Command + "parameters");
            foreach (var p in c.Parameters)
            {
                // One entry per parameter: required if required in any set, position and pipeline input from its first set.
                var attrs = p.Sets.Values.ToList();
                var merged = new ParameterAttribute
                {
                    Mandatory = attrs.Any(a => a.Mandatory),
                    Position = attrs.Select(a => a.Position).FirstOrDefault(x => x >= 0, -1) is var pos ? pos : -1,
                    ValueFromPipeline = attrs.Any(a => a.ValueFromPipeline),
                    ValueFromPipelineByPropertyName = attrs.Any(a => a.ValueFromPipelineByPropertyName),
                };
                parameters.Add(ParameterElement(p.Name, p, merged, Description(p.Name), forSyntax: false));
            }
            if (c.SupportsShouldProcess)
            {
                parameters.Add(SwitchElement("WhatIf", Description("WhatIf") ?? WhatIfText, "wi"));
                parameters.Add(SwitchElement("Confirm", Description("Confirm") ?? ConfirmText, "cf"));
            }

            var examples = new XElement(Command + "examples");
            foreach (var (title, code, remarks, _) in doc.Examples)
                examples.Add(new XElement(Command + "example",
                    new XElement(Maml + "title", "-------------------------- " + title + " --------------------------"),
                    new XElement(Dev + "code", code),
                    new XElement(Dev + "remarks", Paras(remarks))));

            var returns = new XElement(Command + "returnValues");
            if (!string.IsNullOrWhiteSpace(doc.Outputs))
                returns.Add(new XElement(Command + "returnValue",
                    new XElement(Dev + "type", new XElement(Maml + "name", FirstLine(doc.Outputs)), new XElement(Maml + "uri")),
                    new XElement(Maml + "description", Paras(AfterFirstLine(doc.Outputs)))));
            var inputs = new XElement(Command + "inputTypes");
            foreach (var (type, text) in Inputs(doc, c))
                inputs.Add(new XElement(Command + "inputType",
                    new XElement(Dev + "type", new XElement(Maml + "name", type), new XElement(Maml + "uri")),
                    new XElement(Maml + "description", Paras(text))));

            var element = new XElement(Command + "command",
                new XElement(Command + "details",
                    new XElement(Command + "name", c.Name),
                    new XElement(Command + "verb", c.Verb),
                    new XElement(Command + "noun", c.Noun),
                    new XElement(Maml + "description", Paras(doc.Synopsis))),
                new XElement(Maml + "description", Paras(doc.Description)),
                syntax, parameters, inputs, returns);
            if (!string.IsNullOrWhiteSpace(doc.Notes))
                element.Add(new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paras(doc.Notes))));
            // No online version: the module owns no web address, and inventing one would send people to a page nobody keeps.
            // Get-Help -Online then says no address is given; these links say where the full help is instead.
            element.Add(examples, new XElement(Command + "relatedLinks",
                new XElement(Maml + "navigationLink", new XElement(Maml + "linkText", "about_ConnectWiseSetup"), new XElement(Maml + "uri")),
                new XElement(Maml + "navigationLink", new XElement(Maml + "linkText", NoOnlineHelp(c.Name)), new XElement(Maml + "uri"))));
            return element;
        }

        /// <summary>The related link that answers Get-Help -Online: there is no online version, and where the full help is.</summary>
        public static string NoOnlineHelp(string cmdlet) => "No online version (Get-Help -Online has no address to open): Get-Help " + cmdlet + " -Full";

        /// <summary>
        /// The INPUTS entries: the markdown's (one per paragraph: the type on its first line, then what binds and how), or, when the
        /// markdown has none, one per parameter that takes pipeline input, from its type and binding. A cmdlet without pipeline input
        /// gets "None". The markdown's INPUTS must name every parameter that takes pipeline input.
        /// </summary>
        public static List<(string Type, string Text)> Inputs(MarkdownHelp doc, CmdletInfoModel c)
        {
            var piped = c.Parameters.Where(p => p.FromPipeline).ToList();
            var entries = new List<(string, string)>();
            if (!string.IsNullOrWhiteSpace(doc.Inputs))
            {
                foreach (var p in piped)
                    if (!Regex.IsMatch(doc.Inputs, "-" + Regex.Escape(p.Name) + @"\b", RegexOptions.IgnoreCase))
                        throw new HelpSourceException(doc.File, doc.InputsLine, doc.Name + ": ## INPUTS does not name -" + p.Name + ", which takes " + Binding(p) + " from the pipeline");
                foreach (var para in Regex.Split(doc.Inputs.Trim(), @"\n\s*\n"))
                    entries.Add((FirstLine(para), AfterFirstLine(para)));
                return entries;
            }
            foreach (var p in piped)
                entries.Add((p.Type.IsArray ? p.Type.GetElementType().FullName : p.Type.FullName, "-" + p.Name + ", " + Binding(p) + "."));
            if (entries.Count == 0) entries.Add(("None", "This cmdlet takes no input from the pipeline."));
            return entries;
        }

        static string Binding(ParameterModel p)
        {
            var byValue = p.Sets.Values.Any(a => a.ValueFromPipeline);
            var byName = p.Sets.Values.Any(a => a.ValueFromPipelineByPropertyName);
            return byValue && byName ? "by value and by property name" : byValue ? "by value" : "by property name";
        }

        static string FirstLine(string text) => text.Trim().Split('\n')[0].Trim().Trim('`');
        static string AfterFirstLine(string text) { var i = text.Trim().IndexOf('\n'); return i < 0 ? "" : text.Trim().Substring(i + 1); }

        static XElement ParameterElement(string name, ParameterModel p, ParameterAttribute a, string description, bool forSyntax)
        {
            var pipeline = a.ValueFromPipeline && a.ValueFromPipelineByPropertyName ? "True (ByValue, ByPropertyName)"
                : a.ValueFromPipeline ? "True (ByValue)" : a.ValueFromPipelineByPropertyName ? "True (ByPropertyName)" : "False";
            var e = new XElement(Command + "parameter",
                new XAttribute("required", a.Mandatory ? "true" : "false"),
                new XAttribute("variableLength", p.Type.IsArray ? "true" : "false"),
                new XAttribute("globbing", p.Globbing ? "true" : "false"),
                new XAttribute("pipelineInput", pipeline),
                new XAttribute("position", a.Position >= 0 ? a.Position.ToString(System.Globalization.CultureInfo.InvariantCulture) : "named"),
                new XAttribute("aliases", p.Aliases.Count > 0 ? string.Join(", ", p.Aliases) : "none"),
                new XElement(Maml + "name", name),
                new XElement(Maml + "description", Paras(description)));
            if (!p.IsSwitch)
                e.Add(new XElement(Command + "parameterValue", new XAttribute("required", "true"), new XAttribute("variableLength", p.Type.IsArray ? "true" : "false"), p.TypeName));
            e.Add(new XElement(Dev + "type", new XElement(Maml + "name", p.TypeName), new XElement(Maml + "uri")));
            if (!forSyntax) e.Add(new XElement(Dev + "defaultValue", p.DefaultValue));
            return e;
        }

        static XElement SwitchElement(string name, string description, string alias) =>
            new XElement(Command + "parameter",
                new XAttribute("required", "false"), new XAttribute("variableLength", "false"), new XAttribute("globbing", "false"),
                new XAttribute("pipelineInput", "False"), new XAttribute("position", "named"), new XAttribute("aliases", alias),
                new XElement(Maml + "name", name),
                new XElement(Maml + "description", Paras(description)),
                new XElement(Dev + "type", new XElement(Maml + "name", "SwitchParameter"), new XElement(Maml + "uri")),
                new XElement(Dev + "defaultValue", "False"));
    }
}
