using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Guides
{
    /// <summary>
    /// A web page's HTML as the text a guide reader takes: a table row becomes one line of cells between pipes
    /// ("| Contacts | None | All |"), a list item a line starting with "- " (indented by its depth), a heading a line
    /// starting with '#', other blocks their own lines; scripts, styles and the head are dropped, entities decoded.
    /// A small tolerant reader, not a full HTML parser: broken markup gives text, never an error.
    /// </summary>
    public static class GuideHtml
    {
        const RegexOptions Opt = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.Singleline;
        static readonly Regex HtmlStart = new Regex(@"^\s*(?:<!doctype\s+html|<html\b|<head\b|<body\b)|<(?:table|tr|td|p|div|ul|ol|li|h[1-6]|br)\b[^<>]*>", Opt);
        static readonly HashSet<string> Skip = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas", "select" };
        static readonly HashSet<string> Block = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "blockquote", "pre", "form", "fieldset", "figure", "figcaption",
            "dl", "dt", "dd", "hr", "ul", "ol", "table", "caption", "details", "summary", "address", "center", "tbody", "thead", "tfoot",
        };

        /// <summary>Whether a text is HTML rather than text that mentions a tag: it starts as a page does, or has at least three block tags.</summary>
        public static bool LooksLikeHtml(string text)
        {
            if (string.IsNullOrEmpty(text)) return false;
            var head = text.Length > 2000 ? text.Substring(0, 2000) : text;
            if (Regex.IsMatch(head, @"^\s*(?:<!doctype\s+html|<html\b)", Opt)) return true;
            return HtmlStart.Matches(text).Count >= 3;
        }

        static readonly Regex MarkdownLine = new Regex(@"^\s{0,8}(?:#{1,6}\s|[*+-]\s+\S|\d{1,2}\.\s+\S|\|)", Opt & ~RegexOptions.Singleline);
        // Attributes stop at a '<': an unclosed tag is found once, not rescanned from every '<' after it.
        static readonly Regex AnyTag = new Regex(@"</?[a-zA-Z][a-zA-Z0-9]*(?:[^<>""']|""[^<""]*""|'[^<']*')*>", Opt);
        static readonly Regex BlockTag = new Regex(@"</?(?:table|tr|td|th|ul|ol|li|h[1-6]|p|div|section|article|details|summary|figure|figcaption|blockquote|pre|dl|dt|dd|hr)\b", Opt);

        /// <summary>
        /// Markdown with HTML blocks in it (a documentation site's page source: a table written as one line of HTML,
        /// &lt;details&gt; around a section), as opposed to a web page: at least three lines start as markdown does
        /// (a heading, a list item, a pipe row) outside any tag, and the text does not start as a page does.
        /// </summary>
        public static bool IsMarkdownWithHtml(string text)
        {
            if (string.IsNullOrEmpty(text) || Regex.IsMatch(text, @"^\s*(?:<!doctype\s+html|<html\b|<head\b|<body\b)", Opt)) return false;
            var markdown = 0;
            foreach (var line in text.Replace("\r\n", "\n").Split('\n'))
                if (MarkdownLine.IsMatch(line) && ++markdown >= 3) return true;
            return false;
        }

        /// <summary>
        /// A markdown text's HTML blocks turned into text, the markdown kept as it is: a line with a block element (or a
        /// table spanning lines) becomes the lines <see cref="ToText"/> gives for it, other tags on a line are dropped.
        /// </summary>
        public static string MarkdownToText(string text, CancellationToken cancel = default(CancellationToken))
        {
            var output = new List<string>();
            var lines = (text ?? "").Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
            var chunk = new StringBuilder();
            var open = 0;   // tables opened and not yet closed in the chunk
            foreach (var line in lines)
            {
                cancel.ThrowIfCancellationRequested();
                if (chunk.Length > 0 || Regex.IsMatch(line, @"<table\b", Opt))
                {
                    chunk.Append(line).Append('\n');
                    open += Regex.Matches(line, @"<table\b", Opt).Count - Regex.Matches(line, @"</table\s*>", Opt).Count;
                    if (open > 0) continue;
                    output.AddRange(ToText(chunk.ToString(), cancel).Split('\n'));
                    chunk.Clear();
                    open = 0;
                    continue;
                }
                if (!AnyTag.IsMatch(line)) { output.Add(line); continue; }
                if (BlockTag.IsMatch(line))
                {
                    var converted = ToText(line, cancel);
                    output.AddRange(converted.Length == 0 ? new[] { "" } : converted.Split('\n'));
                    continue;
                }
                // Inline tags (<br>, <img>, <a>, <strong>): dropped, the markdown around them kept.
                output.Add(WebUtility.HtmlDecode(AnyTag.Replace(line, "")).TrimEnd());
            }
            if (chunk.Length > 0) output.AddRange(ToText(chunk.ToString(), cancel).Split('\n'));
            return string.Join("\n", output);
        }

        /// <summary>A guide's text as the parser reads it: a web page turned into text, markdown's HTML blocks turned into text, other text as it is.</summary>
        public static string Readable(string text, CancellationToken cancel = default(CancellationToken)) => Readable(text, cancel, out _);

        /// <summary><see cref="Readable(string, CancellationToken)"/>; <paramref name="cut"/>: the page stops inside a table row or cell (a saved page cut off), so its last line is a broken row.</summary>
        public static string Readable(string text, CancellationToken cancel, out bool cut)
        {
            cut = false;
            if (IsMarkdownWithHtml(text)) return AnyTag.IsMatch(text) ? MarkdownToText(text, cancel) : text;
            return LooksLikeHtml(text) ? ToText(text, cancel, out cut) : text;
        }

        /// <summary>
        /// The page's text, line by line. One pass over the HTML, linear in its length whatever it holds: a tag ends at
        /// the first '&gt;' outside quotes and before the next '&lt;' (an unclosed "&lt;a " is text, found once, not
        /// rescanned), a comment or CDATA at its end or the page's end. <paramref name="cancel"/> is checked as it goes.
        /// </summary>
        public static string ToText(string html, CancellationToken cancel = default(CancellationToken)) => ToText(html, cancel, out _);

        /// <summary><see cref="ToText(string, CancellationToken)"/>; <paramref name="cut"/>: the page ends inside a table row (no closing tag after it).</summary>
        public static string ToText(string html, CancellationToken cancel, out bool cut)
        {
            html = html ?? "";
            var w = new Writer();
            var skipping = 0;
            string skipTag = null;
            var n = html.Length;
            var i = 0;
            var steps = 0;
            while (i < n)
            {
                if ((++steps & 255) == 0) cancel.ThrowIfCancellationRequested();
                var lt = html.IndexOf('<', i);
                if (lt < 0) lt = n;
                if (lt > i)
                {
                    if (skipping == 0) w.Text(WebUtility.HtmlDecode(html.Substring(i, lt - i)));
                    i = lt;
                    continue;
                }
                // A comment, CDATA, a declaration or processing instruction: dropped.
                if (At(html, i, "<!--")) { i = Past(html, "-->", i + 4); continue; }
                if (At(html, i, "<![CDATA[")) { i = Past(html, "]]>", i + 9); continue; }
                if (i + 1 < n && (html[i + 1] == '!' || html[i + 1] == '?'))
                {
                    var end = TagEnd(html, i + 2, quotes: false);
                    if (end >= 0) { i = end + 1; continue; }
                }
                else if (TryTag(html, i, out var tag, out var close, out var selfClosing, out var next))
                {
                    i = next;
                    if (skipping > 0)
                    {
                        if (tag == skipTag) skipping += close ? -1 : selfClosing ? 0 : 1;
                        continue;
                    }
                    if (Skip.Contains(tag))
                    {
                        if (close || selfClosing) continue;
                        if (tag == "script" || tag == "style")
                        {
                            // Raw text: whatever it holds ("<td>" in a string) is not markup; it ends at its closing tag.
                            var closing = html.IndexOf("</" + tag, i, StringComparison.OrdinalIgnoreCase);
                            i = closing < 0 ? n : Past(html, ">", closing);
                            continue;
                        }
                        skipping = 1;
                        skipTag = tag;
                        continue;
                    }
                    w.Tag(tag, close);
                    continue;
                }
                // A '<' that starts nothing: text.
                if (skipping == 0) w.Text("<");
                i++;
            }
            cut = w.EndsInsideRow;
            return w.Finish();
        }

        static bool At(string s, int at, string what) => string.CompareOrdinal(s, at, what, 0, what.Length) == 0 && at + what.Length <= s.Length;

        /// <summary>The index after <paramref name="end"/> found from <paramref name="from"/>, or the text's end.</summary>
        static int Past(string s, string end, int from)
        {
            var at = s.IndexOf(end, Math.Min(from, s.Length), StringComparison.Ordinal);
            return at < 0 ? s.Length : at + end.Length;
        }

        /// <summary>The '&gt;' that ends a tag begun before <paramref name="from"/>: outside quotes and before the next '&lt;'; -1 when there is none.</summary>
        static int TagEnd(string s, int from, bool quotes)
        {
            var quote = '\0';
            for (var j = from; j < s.Length; j++)
            {
                var c = s[j];
                if (c == '<') return -1;
                if (quote != '\0') { if (c == quote) quote = '\0'; continue; }
                if (quotes && (c == '"' || c == '\'')) { quote = c; continue; }
                if (c == '>') return j;
            }
            return -1;
        }

        /// <summary>A start or end tag at <paramref name="at"/>: its lower-case name, and the index after it.</summary>
        static bool TryTag(string s, int at, out string tag, out bool close, out bool selfClosing, out int next)
        {
            tag = null; close = false; selfClosing = false; next = at + 1;
            var j = at + 1;
            if (j < s.Length && s[j] == '/') { close = true; j++; }
            var nameStart = j;
            while (j < s.Length && (j == nameStart ? IsAsciiLetter(s[j]) : IsAsciiLetter(s[j]) || (s[j] >= '0' && s[j] <= '9'))) j++;
            if (j == nameStart) return false;
            var end = TagEnd(s, j, quotes: true);
            if (end < 0) return false;
            tag = s.Substring(nameStart, j - nameStart).ToLowerInvariant();
            var k = end - 1;
            while (k >= j && char.IsWhiteSpace(s[k])) k--;
            selfClosing = k >= j && s[k] == '/';
            next = end + 1;
            return true;
        }

        static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

        sealed class Writer
        {
            readonly List<string> _lines = new List<string>();
            readonly StringBuilder _line = new StringBuilder();
            readonly Stack<Table> _tables = new Stack<Table>();
            int _listDepth;
            int _pre;
            bool _pageClosed;

            /// <summary>The page stopped inside a table row: a row or cell open, and no closing body or html tag.</summary>
            public bool EndsInsideRow => !_pageClosed && _tables.Any(t => t.Row != null || t.Cell != null);

            sealed class Table
            {
                public List<string> Row;
                public StringBuilder Cell;
                public bool CellBlockEnded;
                /// <summary>The cell has text other than spaces (kept, not recomputed from the cell for each text).</summary>
                public bool CellHasText;
            }

            public void Text(string text)
            {
                if (_pre == 0) text = Regex.Replace(text, @"[\s\u00A0]+", m => m.Value.Contains("\u00A0") ? "\u00A0" : " ");
                var table = _tables.Count > 0 ? _tables.Peek() : null;
                if (table?.Cell != null)
                {
                    var hasText = text.Trim().Length > 0;
                    if (table.CellBlockEnded && hasText && table.CellHasText) table.Cell.Append("; ");
                    if (hasText) { table.CellBlockEnded = false; table.CellHasText = true; }
                    table.Cell.Append(text);
                    return;
                }
                if (_pre > 0)
                {
                    var parts = text.Replace("\r\n", "\n").Split('\n');
                    for (var i = 0; i < parts.Length; i++)
                    {
                        if (i > 0) Break();
                        _line.Append(parts[i]);
                    }
                    return;
                }
                if (_line.Length == 0) text = text.TrimStart();
                _line.Append(text);
            }

            public void Tag(string tag, bool close)
            {
                if (close && (tag == "body" || tag == "html")) _pageClosed = true;
                var table = _tables.Count > 0 ? _tables.Peek() : null;
                if (tag == "table")
                {
                    if (!close) { Paragraph(); _tables.Push(new Table()); }
                    else if (table != null) { EndRow(table); _tables.Pop(); Paragraph(); }
                    return;
                }
                if (table != null)
                {
                    switch (tag)
                    {
                        case "tr":
                            EndRow(table);
                            if (!close) table.Row = new List<string>();
                            return;
                        case "td":
                        case "th":
                            EndCell(table);
                            if (!close)
                            {
                                if (table.Row == null) table.Row = new List<string>();
                                table.Cell = new StringBuilder();
                                table.CellBlockEnded = false;
                                table.CellHasText = false;
                            }
                            return;
                        case "br":
                            table.Cell?.Append(' ');
                            return;
                    }
                    if (table.Cell == null && (tag == "thead" || tag == "tbody" || tag == "tfoot" || tag == "colgroup" || tag == "col")) return;
                    if (table.Cell != null)
                    {
                        if (Block.Contains(tag) || tag == "li" || tag.Length == 2 && tag[0] == 'h' && char.IsDigit(tag[1])) table.CellBlockEnded = true;
                        return;
                    }
                }
                switch (tag)
                {
                    case "br":
                        Break();
                        return;
                    case "ul":
                    case "ol":
                        if (_listDepth == 0 || close && _listDepth == 1) Paragraph(); else Break();
                        _listDepth = Math.Max(0, _listDepth + (close ? -1 : 1));
                        return;
                    case "li":
                        Break();
                        if (!close) _line.Append(new string(' ', 2 * Math.Max(0, _listDepth - 1))).Append("- ");
                        return;
                    case "pre":
                        Paragraph();
                        _pre = Math.Max(0, _pre + (close ? -1 : 1));
                        return;
                }
                if (tag.Length == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6')
                {
                    Paragraph();
                    if (!close) _line.Append(new string('#', tag[1] - '0')).Append(' ');
                    return;
                }
                if (Block.Contains(tag)) Paragraph();
            }

            static void EndCell(Table table)
            {
                if (table.Cell == null) return;
                table.Row?.Add(Regex.Replace(table.Cell.ToString().Replace('|', '/'), @"\s+", " ").Trim());
                table.Cell = null;
            }

            void EndRow(Table table)
            {
                EndCell(table);
                var row = table.Row;
                table.Row = null;
                if (row == null || row.All(c => c.Length == 0)) return;
                Break();
                _line.Append("| ").Append(string.Join(" | ", row)).Append(" |");
                Break();
            }

            /// <summary>Ends the line being written (an empty list item writes nothing).</summary>
            void Break()
            {
                var text = _line.ToString().TrimEnd();
                _line.Clear();
                if (text.Trim().Length == 0 || text.Trim() == "-") return;
                _lines.Add(text);
            }

            /// <summary>Ends a block: the line, then one empty line.</summary>
            void Paragraph()
            {
                Break();
                if (_lines.Count > 0 && _lines[_lines.Count - 1].Length > 0) _lines.Add("");
            }

            public string Finish()
            {
                while (_tables.Count > 0) EndRow(_tables.Pop());
                Break();
                while (_lines.Count > 0 && _lines[_lines.Count - 1].Length == 0) _lines.RemoveAt(_lines.Count - 1);
                return string.Join("\n", _lines);
            }
        }
    }
}
