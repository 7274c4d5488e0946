using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Guides
{
    /// <summary>
    /// One line of a guide, cleaned for reading: its number, its indent, whether it is a list item or a heading,
    /// its text without the bullet and markup, and its cells when it is a row of a pipe or tab-separated table.
    /// </summary>
    internal sealed class GuideLine
    {
        static readonly Regex Bullet = new Regex(@"^(?:[-*+]\s+|[\u2022\u25CF\u25E6\u25AA\u00B7\u2023\u2043\u2013\u2014]\s*|\(?\d{1,2}[.)]\s+|\(?[a-z][.)]\s+)", RegexOptions.CultureInvariant);
        static readonly Regex Heading = new Regex(@"^#{1,6}\s+", RegexOptions.CultureInvariant);
        static readonly Regex Separator = new Regex(@"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$", RegexOptions.CultureInvariant);
        static readonly Regex Markup = new Regex(@"\*\*|__|`", RegexOptions.CultureInvariant);
        static readonly Regex Spaces = new Regex(@"[ \u00A0\u2007\u202F]+", RegexOptions.CultureInvariant);

        public int Number;
        /// <summary>The line as the guide has it.</summary>
        public string Raw;
        /// <summary>Leading spaces (a tab counts 4).</summary>
        public int Indent;
        public bool IsBullet;
        public bool IsHeading;
        /// <summary>A markdown table's separator row (|---|---|).</summary>
        public bool IsSeparator;
        /// <summary>The text without bullet, heading marks and markup; for a table row, the cells joined by " | ".</summary>
        public string Text = "";
        /// <summary>The cells of a pipe or tab-separated row (two or more), or null.</summary>
        public List<string> Cells;

        public bool IsBlank => Text.Length == 0 && Cells == null;

        public override string ToString() => Number + ": " + Text;

        /// <summary>Splits a guide's text into lines (1-based numbers; CR LF, CR or LF).</summary>
        public static List<GuideLine> Split(string text)
        {
            var raw = (text ?? "").Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
            var lines = new List<GuideLine>(raw.Length);
            for (var i = 0; i < raw.Length; i++) lines.Add(Parse(i + 1, raw[i]));
            return lines;
        }

        static GuideLine Parse(int number, string raw)
        {
            var line = new GuideLine { Number = number, Raw = raw };
            var s = new string(raw.Where(c => c != '\u200B' && c != '\u200C' && c != '\u200D' && c != '\uFEFF').ToArray());
            var indent = 0;
            foreach (var c in s)
            {
                if (c == ' ' || c == '\u00A0') indent++;
                else if (c == '\t') indent += 4;
                else break;
            }
            line.Indent = indent;
            s = s.Trim();

            if (Separator.IsMatch(s) && s.Contains("-"))
            {
                line.IsSeparator = true;
                return line;
            }
            if (Heading.IsMatch(s))
            {
                line.IsHeading = true;
                s = Heading.Replace(s, "");
            }

            // A table row: cells between pipes (a leading or trailing pipe is optional), or tab-separated cells.
            List<string> cells = null;
            if (s.IndexOf('|') >= 0)
            {
                var inner = s;
                if (inner.StartsWith("|", StringComparison.Ordinal)) inner = inner.Substring(1);
                if (inner.EndsWith("|", StringComparison.Ordinal)) inner = inner.Substring(0, inner.Length - 1);
                cells = inner.Split('|').Select(Clean).ToList();
            }
            else if (s.IndexOf('\t') > 0)
            {
                cells = s.Split('\t').Select(Clean).ToList();
            }
            if (cells != null && cells.Count(c => c.Length > 0) >= 2)
            {
                line.Cells = cells;
                line.Text = string.Join(" | ", cells.Where(c => c.Length > 0));
                return line;
            }
            if (cells != null) s = cells.FirstOrDefault(c => c.Length > 0) ?? "";

            var bullet = Bullet.Match(s);
            if (bullet.Success && bullet.Length < s.Length)
            {
                line.IsBullet = true;
                s = s.Substring(bullet.Length);
            }
            line.Text = Clean(s);
            return line;
        }

        /// <summary>Markup removed, spaces collapsed, typographic quotes and dashes kept (the matcher ignores them).</summary>
        public static string Clean(string s)
        {
            s = Markup.Replace(s ?? "", "");
            s = Spaces.Replace(s, " ").Trim();
            return s;
        }

        /// <summary>The word count of a text.</summary>
        public static int Words(string s) => string.IsNullOrWhiteSpace(s) ? 0 : s.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries).Length;
    }
}
