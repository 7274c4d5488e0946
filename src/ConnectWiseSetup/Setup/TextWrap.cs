using System;
using System.Collections.Generic;
using System.Text;

namespace ConnectWiseSetup.Setup
{
    /// <summary>
    /// Text wrapped between words to a width, for the views: PowerShell wraps a table cell wherever its width ends, in the middle of
    /// a word. A word longer than the width (a URL) is the one thing still cut. Line breaks in the text are kept.
    /// </summary>
    public static class TextWrap
    {
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
                while (rest.Length > width) { sb.Append(rest, 0, width).Append('\n'); rest = rest.Substring(width); }
                sb.Append(rest);
                current += rest.Length;
            }
        }
    }
}
