using System;
using System.Collections.Generic;
using System.Text;

namespace ConnectWiseSetup.Setup
{
    /// <summary>
    /// Text wrapped between words to a width, for the views: PowerShell wraps a table cell wherever its width ends, in the middle of
    /// a word. A word longer than the width (a path, a URL) breaks after one of its separators (/ \\ - . ? &amp; _), and is cut only
    /// when it has none within the width. Line breaks in the text are kept.
    /// </summary>
    public static class TextWrap
    {
        /// <summary>Where a word longer than the width may break: after a path's or an address's separators.</summary>
        public static readonly char[] Separators = { '/', '\\', '-', '.', '?', '&', '_' };

        public static string Wrap(string text, int width)
        {
            if (string.IsNullOrEmpty(text) || width < 1) return text;
            var sb = new StringBuilder();
            var lines = text.Replace("\r\n", "\n").Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (i > 0) sb.Append('\n');
                AppendWrapped(sb, lines[i], width);
            }
            return sb.ToString().Replace("\n", Environment.NewLine);
        }

        /// <summary>The lines of <paramref name="line"/> wrapped to <paramref name="width"/>.</summary>
        public static IReadOnlyList<string> Lines(string text, int width) => Wrap(text ?? "", width).Split(new[] { Environment.NewLine }, StringSplitOptions.None);

        static void AppendWrapped(StringBuilder sb, string line, int width)
        {
            var current = 0;
            foreach (var word in line.Split(' '))
            {
                if (word.Length == 0) continue;
                if (current > 0 && current + 1 + word.Length > width) { sb.Append('\n'); current = 0; }
                else if (current > 0) { sb.Append(' '); current++; }
                var rest = word;
                while (rest.Length > width)
                {
                    // A path or an address longer than the width breaks after one of its separators, else where the width ends.
                    var at = rest.LastIndexOfAny(Separators, width - 1) + 1;
                    if (at <= 0) at = width;
                    sb.Append(rest, 0, at).Append('\n');
                    rest = rest.Substring(at);
                }
                sb.Append(rest);
                current += rest.Length;
            }
        }
    }
}
