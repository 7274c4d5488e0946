using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
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

        /// <summary>
        /// The most characters of a line the reader looks at. Every pattern the reader runs on a line is at worst
        /// quadratic in the line's length, so a bound on the line keeps the whole read linear in the guide's length; a
        /// longer line (none in any guide seen: the longest paragraph is about 1,300 characters) is read up to the bound
        /// and reported.
        /// </summary>
        public const int MaxChars = 4000;

        public int Number;
        /// <summary>The line was longer than <see cref="MaxChars"/>: only its start was read.</summary>
        public bool Cut;
        /// <summary>
        /// The text as <see cref="Text"/>, but with the zero-width and format characters the guide has: names (role, member,
        /// key) are read from it, so a name that hides such a character ("Adm&lt;U+200B&gt;in") is refused by the names rule,
        /// never folded into another name.
        /// </summary>
        public string NameText = "";
        /// <summary>The cells as <see cref="Cells"/>, with the format characters the guide has (see <see cref="NameText"/>).</summary>
        public List<string> NameCells;
        /// <summary>The line as the guide has it.</summary>
        public string Raw;
        /// <summary>Leading spaces (a tab counts 4).</summary>
        public int Indent;
        public bool IsBullet;
        public bool IsHeading;
        /// <summary>A heading's rank (1 for '#', 6 for '######'); 0 when the line is no heading.</summary>
        public int HeadingLevel;
        /// <summary>A markdown table's separator row (|---|---|).</summary>
        public bool IsSeparator;
        /// <summary>The text without bullet, heading marks and markup; for a table row, the cells joined by " | ".</summary>
        public string Text = "";
        /// <summary>The cells of a pipe or tab-separated row (two or more), or null.</summary>
        public List<string> Cells;

        public bool IsBlank => Text.Length == 0 && Cells == null;

        public override string ToString() => Number + ": " + Text;

        /// <summary>Splits a guide's text into lines (1-based numbers; CR LF, CR or LF).</summary>
        public static List<GuideLine> Split(string text, CancellationToken cancel = default(CancellationToken))
        {
            var raw = (text ?? "").Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
            var lines = new List<GuideLine>(raw.Length);
            for (var i = 0; i < raw.Length; i++)
            {
                cancel.ThrowIfCancellationRequested();
                var line = raw[i].Length > MaxChars ? raw[i].Substring(0, MaxChars) : raw[i];
                var parsed = Parse(i + 1, line);
                parsed.Raw = raw[i];
                parsed.Cut = raw[i].Length > MaxChars;
                if (HasFormat(line) || GuidePhrases.HasGlue(line))
                {
                    var kept = Parse(i + 1, line, keepFormat: true);
                    parsed.NameText = kept.Text;
                    parsed.NameCells = kept.Cells;
                }
                else
                {
                    parsed.NameText = parsed.Text;
                    parsed.NameCells = parsed.Cells;
                }
                lines.Add(parsed);
            }
            return lines;
        }

        static bool IsFormat(char c) => c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\uFEFF';

        static bool HasFormat(string s)
        {
            foreach (var c in s) if (IsFormat(c)) return true;
            return false;
        }

        static GuideLine Parse(int number, string raw, bool keepFormat = false)
        {
            var line = new GuideLine { Number = number, Raw = raw };
            var s = keepFormat || !HasFormat(raw) ? raw : new string(raw.Where(c => !IsFormat(c)).ToArray());
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
                line.HeadingLevel = s.TakeWhile(c => c == '#').Count();
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
                // Cells run together ("Add: AllEdit: All") are cut apart for reading; names keep the guide's text.
                if (!keepFormat) cells = cells.Select(GuidePhrases.Unglue).ToList();
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
            line.Text = keepFormat ? Clean(s) : GuidePhrases.Unglue(Clean(s));
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
