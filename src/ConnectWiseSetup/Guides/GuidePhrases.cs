using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Guides
{
    /// <summary>
    /// The words of permission guides: levels (None, My, All), the four level columns (Add, Edit, Delete, Inquire,
    /// with or without "Level"), level phrases ("Inquire Level = All", "Add/Edit/Inquire (All)", "Add Level set to
    /// ALL", "Inquire - All"), header words, and the lexer that cuts a table cell (jammed or not) into tokens.
    /// </summary>
    internal static class GuidePhrases
    {
        const RegexOptions Opt = RegexOptions.CultureInvariant;

        // A column name: capitalised (Inquire, INQUIRE; "Inquiry" is a spelling guides use) alone, or in any case when "Level" follows ("inquire level").
        const string Column = @"(?:\b(?:Add|Edit|Delete|Inquire|Inquiry|ADD|EDIT|DELETE|INQUIRE|INQUIRY)\b(?:\s*(?i:levels?)\b)?|\b(?i:add|edit|delete|inquire|inquiry)\s+(?i:levels?)\b)";
        // A list of columns starts at its first column, never inside a list ("Add/Edit/..."): a long run that gives no level is
        // tried once, not once from each of its columns (which made a 32 KB line of "Add/" quadratic).
        const string NotInsideList = @"(?<!\b(?i:add|edit|delete|inquire|inquiry|levels?)\s*(?:,|/|&|\+|\b(?i:and|or))\s*)";
        // "add, edit and inquiry levels": columns in lower case, the list ending in "levels".
        const string LowerList = @"\b(?i:add|edit|delete|inquire|inquiry)(?:\s*(?:,\s*(?:and|or)\b|/|,|&|\+|\band\b|\bor\b)\s*(?i:add|edit|delete|inquire|inquiry)\b)+\s+(?i:levels)\b";
        const string Columns = NotInsideList + "(?<cols>" + LowerList + "|" + Column + @"(?:\s*(?:,\s*(?:and|or)\b|/|,|&|\+|\band\b|\bor\b)\s*" + Column + ")*)";
        const string Connector = @"(?:\s*(?:=|:|\||>|\u2192|\u203A|\u00BB|-|\u2013|\u2014|\(|\b(?i:set\s+to|set\s+at|set|to|is|are|at|as|should\s+be|must\s+be|of|levels?)\b))*";
        const string Value = @"\s*[""\u201C\u201D'\u2018\u2019]?(?<v>\b(?i:none|my|all)\b)[""\u201C\u201D'\u2018\u2019]?(?:\s*\))?";

        /// <summary>"Inquire Level = All", "Add/Edit/Inquire (All)", "Inquire - All", "Add Level set to ALL", "Inquire: All".</summary>
        public static readonly Regex Phrase = new Regex(Columns + Connector + Value, Opt);

        /// <summary>"Inquire level on the API Reports to All": the function between the column and the level.</summary>
        public static readonly Regex PhraseAround = new Regex(Columns + @"\s+(?i:on|for)\s+(?:(?i:the)\s+)?(?<target>(?:[^.;:\s]+\s+){0,4}?[^.;:\s]+)\s+(?i:to|=|:|at|as)" + Value, Opt);

        static readonly Regex ColumnWord = new Regex(@"(?i)\b(add|edit|delete|inquire|inquiry)\b", Opt);

        /// <summary>A line that names a level column (capitalised, or with "Level"): "looks like a permission".</summary>
        public static readonly Regex MentionsColumn = new Regex(@"\bInquir(?:e|y)\b|(?i:\b(?:add|edit|delete|inquire|inquiry)\s+levels?\b)|\b(?:Add|Edit|Delete|Inquire)\s*/\s*(?:Add|Edit|Delete|Inquire)\b", Opt);

        /// <summary>A level written so it stands out in prose: capitalised, upper case or quoted.</summary>
        public static readonly Regex MentionsLevel = new Regex(@"\b(?:None|NONE|All|ALL)\b|[""\u201C'](?i:none|my|all)[""\u201D']", Opt);

        /// <summary>Words of prose that speak of rights.</summary>
        public static readonly Regex MentionsAccess = new Regex(@"(?i)\b(?:access|permissions?|rights?|levels?|security\s+roles?)\b", Opt);

        // Glued cells: "Company MaintenanceNoneAllNoneAll", "Add LevelEdit Level", "AddEditDeleteInquire", "AllCustomize:".
        static readonly Regex Glue = new Regex(@"(?<=[a-z\)\]\.:;,'""\u201D\u2019])(?=(?:None|All|My|Add|Edit|Delete|Inquire|Inquiry|Customi[sz]e)(?:[A-Z\s:]|Levels?|$))|(?<=(?:None|All|NONE|ALL))(?=[A-Z][a-z]{2})", Opt);

        static readonly HashSet<string> HeaderWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "module", "modules", "function", "functions", "security", "permission", "permissions", "area", "name", "description", "purpose",
            "note", "notes", "customize", "customise", "customized", "customised", "level", "levels", "access", "comment", "comments",
            "why", "reason", "details", "required", "needed", "item", "setting", "settings", "right", "rights", "role", "section", "category", "for", "what",
            "action", "actions", "allow", "to", "sub", "subcategory", "categories",
        };

        /// <summary>The column a word names (0 Add, 1 Edit, 2 Delete, 3 Inquire), or -1.</summary>
        public static int ColumnOf(string word)
        {
            switch ((word ?? "").ToLowerInvariant())
            {
                case "add": return 0;
                case "edit": return 1;
                case "delete": return 2;
                case "inquire":
                case "inquiry": return 3;
                default: return -1;
            }
        }

        /// <summary>The columns a phrase's column list names, in its order ("Add/Edit/Inquire" gives 0, 1, 3).</summary>
        public static List<int> ColumnsIn(string cols) => ColumnWord.Matches(cols ?? "").Cast<Match>().Select(m => ColumnOf(m.Value)).Distinct().ToList();

        /// <summary>A level word in any case (a whole table cell, or a phrase's value).</summary>
        public static bool TryLevel(string word, out PermissionLevel level)
        {
            level = PermissionLevel.None;
            var w = (word ?? "").Trim().Trim('"', '\u201C', '\u201D', '\'', '\u2018', '\u2019', '(', ')', '.', ',', ';', '*');
            return PermissionLevelParser.TryParse(w, out level);
        }

        /// <summary>A level word as tables write it inside running text: None/NONE, My/MY, All/ALL.</summary>
        static bool TryStrictLevel(string word, out PermissionLevel level)
        {
            level = PermissionLevel.None;
            var w = (word ?? "").TrimEnd(',', ';', '.');
            switch (w)
            {
                case "None": case "NONE": level = PermissionLevel.None; return true;
                case "My": case "MY": level = PermissionLevel.My; return true;
                case "All": case "ALL": level = PermissionLevel.All; return true;
                default: return false;
            }
        }

        /// <summary>A cell that is only a dash or empty: no level given.</summary>
        public static bool IsEmptyCell(string cell)
        {
            var c = (cell ?? "").Trim();
            return c.Length == 0 || c == "-" || c == "\u2013" || c == "\u2014";
        }

        // Footnote marks on a name or a level: "All*", "All\u00B9", "Contacts\u2020", "All [1]", "All (2)".
        static readonly Regex FootnoteMark = new Regex(@"(?:\s*(?:\[\d{1,2}\]|\(\d{1,2}\)|[\*\u2020\u2021\u00B9\u00B2\u00B3\u2070-\u2079]+))+$", Opt);

        /// <summary>A text without the footnote marks at its end.</summary>
        public static string WithoutFootnote(string text) => FootnoteMark.Replace((text ?? "").Trim(), "").Trim();

        /// <summary>How a level cell of a table reads: a level, a mark that grants (Yes, a check mark), or nothing.</summary>
        public enum CellKind { Level, Granted, Empty, Unreadable }

        /// <summary>
        /// A level column's cell: None/My/All (any case, footnote marks dropped); empty, "-", "N/A", "No" or a cross is
        /// no level (None); "Yes" or a check mark grants the column without saying which level (read as All, and doubted).
        /// </summary>
        public static CellKind ReadCell(string cell, out PermissionLevel level)
        {
            level = PermissionLevel.None;
            var c = WithoutFootnote(cell).Trim('.', ' ');
            if (IsEmptyCell(c) || Regex.IsMatch(c, @"^(?i:n/?a|no|none|not\s+needed|\u2717|\u2718|\u00D7|\u274C|\u2573)$", Opt)) return CellKind.Empty;
            if (TryLevel(c, out level) && GuideLine.Words(c) == 1) return CellKind.Level;
            if (Regex.IsMatch(c, @"^(?i:yes|y|\u2713|\u2714|\u2705|\u2611|\u2714\uFE0F)$", Opt)) { level = PermissionLevel.All; return CellKind.Granted; }
            return CellKind.Unreadable;
        }

        /// <summary>Cells run together ("Company MaintenanceNoneAll", "Add: AllEdit: All", "Inquire Level = AllNeeded") cut apart.</summary>
        static readonly Regex CustomizeMention = new Regex(@"(?i)\bcustomi[sz](?:e|ed|ing|ation)\b|\ballow(?:ed)?\s+(?:access\s+)?only\b|\bonly\s+allow", Opt);

        /// <summary>A text that speaks of a Customize allow-list.</summary>
        public static bool MentionsCustomize(string text) => !string.IsNullOrEmpty(text) && CustomizeMention.IsMatch(text);

        public static bool HasGlue(string text) => !string.IsNullOrEmpty(text) && Glue.IsMatch(text);

        public static string Unglue(string text) => string.IsNullOrEmpty(text) ? text ?? "" : Glue.Replace(text, " ");

        // "All on Add Level, Edit Level and Inquire Level", "All for Edit and Inquire levels": the level before its columns.
        static readonly Regex LevelFirst = new Regex(@"(?<![A-Za-z])(?<v>(?i:none|my|all))\s+(?:(?i:on|for|in|at|to|as)\s+)(?:(?i:the)\s+)?(?<cols>" + Column + @"(?:\s*(?:,\s*(?:and|or)\b|/|,|&|\+|\band\b|\bor\b)\s*" + Column + @")*)(?:\s+(?i:levels?))?", Opt);
        // "every level", "all four levels", "each of the levels": the four columns.
        static readonly Regex EveryLevel = new Regex(@"\b(?i:every\s+level|each\s+level|all\s+(?:four\s+|4\s+)?levels|all\s+(?:four\s+|4\s+)?columns)\b", Opt);

        /// <summary>
        /// A line's level statements written the way <see cref="Phrase"/> reads them: a level before its columns ("All on
        /// Add Level and Inquire Level") put after them, "every level" written as the four columns. Other text is kept.
        /// </summary>
        public static string Canonical(string text)
        {
            if (string.IsNullOrEmpty(text)) return text ?? "";
            var t = EveryLevel.Replace(text, "Add/Edit/Delete/Inquire");
            return LevelFirst.Replace(t, m => m.Groups["cols"].Value + " " + m.Groups["v"].Value);
        }

        /// <summary>
        /// Cuts a cell into tokens: text, levels, column names and a Customize marker. Jammed words are cut where a
        /// level or column name starts after a lower-case letter ("MaintenanceNoneAll"), and catalogue labels that
        /// begin with a level word ("My Account") stay text.
        /// </summary>
        public static List<GuideToken> Lex(string cell)
        {
            var tokens = new List<GuideToken>();
            var s = Glue.Replace(cell ?? "", " ");
            s = ProtectedLazy.Value.Replace(s, m => m.Value.Replace(' ', '\u00A0'));
            var words = s.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            var text = new StringBuilder();
            void FlushText()
            {
                if (text.Length == 0) return;
                tokens.Add(new GuideToken { Kind = GuideTokenKind.Text, Text = text.ToString().Replace('\u00A0', ' ') });
                text.Clear();
            }
            for (var i = 0; i < words.Length; i++)
            {
                var w = words[i];
                if (CustomizeToken.IsMatch(w))
                {
                    FlushText();
                    tokens.Add(new GuideToken { Kind = GuideTokenKind.Customize, Text = string.Join(" ", words.Skip(i + 1)).Replace('\u00A0', ' ') });
                    return tokens;
                }
                if (TryStrictLevel(w, out var level))
                {
                    FlushText();
                    tokens.Add(new GuideToken { Kind = GuideTokenKind.Level, Level = level, Text = w });
                    continue;
                }
                var column = char.IsUpper(w[0]) ? ColumnOf(w.TrimEnd(':', ',')) : -1;
                if (column >= 0)
                {
                    FlushText();
                    if (i + 1 < words.Length && LevelWord.IsMatch(words[i + 1])) i++;
                    tokens.Add(new GuideToken { Kind = GuideTokenKind.Column, Column = column, Text = w });
                    continue;
                }
                if (text.Length > 0) text.Append(' ');
                text.Append(w);
            }
            FlushText();
            return tokens;
        }

        /// <summary>Whether a text is only header words ("Module", "Function", "Security Module", "Permission Level", "Notes").</summary>
        public static bool IsHeaderText(string text)
        {
            var words = Regex.Split(text ?? "", @"[^A-Za-z]+").Where(w => w.Length > 0).ToList();
            return words.All(w => HeaderWords.Contains(w) || IsJammedHeader(w));
        }

        static bool IsJammedHeader(string word)
        {
            // "ModuleFunction", "SecurityModule": header words written together.
            var rest = word.ToLowerInvariant();
            var at = 0;
            while (at < rest.Length)
            {
                var hit = HeaderWords.Where(h => h.Length <= rest.Length - at && string.CompareOrdinal(rest, at, h, 0, h.Length) == 0).OrderByDescending(h => h.Length).FirstOrDefault();
                if (hit == null) return false;
                at += hit.Length;
            }
            return true;
        }

        static readonly Regex CustomizeToken = new Regex(@"^(?:Customi[sz]e|CUSTOMI[SZ]E):?$", Opt);
        static readonly Regex LevelWord = new Regex(@"^(?i:levels?):?$", Opt);

        /// <summary>Catalogue labels that start with a level word or column name ("My Account"), as one pattern; the lexer keeps them whole.</summary>
        static readonly Lazy<Regex> ProtectedLazy = new Lazy<Regex>(() =>
        {
            var labels = FunctionCatalog.Functions.SelectMany(f => new[] { f.Function }.Concat(f.Aliases))
                .Where(l => l.Contains(' ') && (TryStrictLevel(l.Split(' ')[0], out _) || ColumnOf(l.Split(' ')[0]) >= 0))
                .Distinct(StringComparer.OrdinalIgnoreCase).OrderByDescending(l => l.Length).ToList();
            return labels.Count == 0
                ? new Regex(@"(?!)", Opt)
                : new Regex(@"\b(?:" + string.Join("|", labels.Select(Regex.Escape)) + @")\b", RegexOptions.IgnoreCase | Opt);
        });
    }
}
