using System;
using System.Collections.Generic;
using System.Text;

namespace ConnectWiseSetup.Client
{
    /// <summary>
    /// The one scrubber of text that came back from a server (error bodies, field errors, codes, web page titles, reason phrases):
    /// it masks the connection's Authorization value in every form a server or proxy may echo. Every error the client builds
    /// from a response passes through it once, in <see cref="ErrorMapping"/>.
    /// </summary>
    /// <remarks>
    /// <para>What is masked, in any letter case: the base64 credential (with a <c>Basic</c> before it, the whole header value), its
    /// decoded form <c>company+public:private</c>, and so the private key, the public key and the <c>company+public</c> prefix.
    /// Not only whole copies: any run of <see cref="Window"/> or more characters that is part of one of those forms is masked, so a
    /// copy a proxy cut short, or a snippet that ends half-way through the credential, shows nothing of it. The company ID alone is
    /// not a secret and stays readable. A key part shorter than <see cref="Window"/> characters is masked where it appears whole.</para>
    /// <para>Cutting a long text to a snippet happens here too, after the marks are known (<see cref="Scrub(string, int)"/>): the
    /// characters up to the cut are judged with the text beyond it, so a cut never leaves the first half of a secret behind.</para>
    /// <para>The private key is never kept in plain text: the decoded form is rebuilt from the base64 credential for each call, in
    /// arrays cleared when it returns. Matching uses 8 characters packed into two integers, so the cost is linear in the text.</para>
    /// </remarks>
    internal sealed class SecretScrubber
    {
        /// <summary>The shortest run of a secret that is masked where only part of it appears.</summary>
        internal const int Window = 8;

        /// <summary>What a masked run becomes.</summary>
        public const string Mask = "***";

        private readonly string _credential;

        /// <param name="credential">base64("company+public:private"), the parameter of the Basic Authorization header.</param>
        public SecretScrubber(string credential)
        {
            _credential = credential;
        }

        /// <summary>The text with every secret run masked.</summary>
        public string Scrub(string text) => Scrub(text, int.MaxValue);

        /// <summary>
        /// The text with every secret run masked, cut to at most <paramref name="maxLength"/> of its characters ("..." added when
        /// cut). The marks are made before the cut, over the characters a run crossing the cut may reach.
        /// </summary>
        public string Scrub(string text, int maxLength)
        {
            if (string.IsNullOrEmpty(text)) return text;
            var keep = Math.Min(text.Length, Math.Max(0, maxLength));
            var cut = keep < text.Length;
            if (string.IsNullOrEmpty(_credential))
                return cut ? text.Substring(0, keep) + "..." : text;

            // Judge the kept characters with the ones a secret run crossing the cut may reach.
            var scan = (int)Math.Min(text.Length, (long)keep + Window - 1);
            var marks = new bool[scan];
            var any = Mark(text, scan, marks);
            if (!any) return cut ? text.Substring(0, keep) + "..." : text;

            var sb = new StringBuilder(keep + 8);
            for (var i = 0; i < keep; i++)
            {
                if (!marks[i]) { sb.Append(text[i]); continue; }
                sb.Append(Mask);
                while (i + 1 < keep && marks[i + 1]) i++;
            }
            if (cut) sb.Append("...");
            return sb.ToString();
        }

        /// <summary>True when the text holds a run of a secret (what <see cref="Scrub(string)"/> would mask).</summary>
        public bool Contains(string text)
        {
            if (string.IsNullOrEmpty(text) || string.IsNullOrEmpty(_credential)) return false;
            return Mark(text, text.Length, new bool[text.Length]);
        }

        private bool Mark(string text, int length, bool[] marks)
        {
            byte[] bytes = null;
            char[] decoded = null;
            var grams = new HashSet<Gram>();
            var whole = new List<char[]>();
            try
            {
                AddForm(_credential.ToCharArray(), 0, _credential.Length, grams, whole, clear: true);
                try { bytes = Convert.FromBase64String(_credential); }
                catch (FormatException) { bytes = null; }
                if (bytes != null)
                {
                    decoded = Encoding.UTF8.GetChars(bytes);
                    var plus = Array.IndexOf(decoded, '+');
                    var colon = plus < 0 ? -1 : Array.IndexOf(decoded, ':', plus + 1);
                    // Every run of the decoded form, except those inside the company ID alone (not a secret).
                    AddGrams(decoded, 0, decoded.Length, Math.Max(0, plus), grams);
                    if (plus >= 0 && colon > plus)
                    {
                        // Key parts too short for a run of Window characters are masked where they appear whole.
                        AddShort(decoded, plus + 1, colon - plus - 1, whole);            // public key
                        AddShort(decoded, colon + 1, decoded.Length - colon - 1, whole); // private key
                        AddShort(decoded, 0, colon, whole);                              // company+public
                    }
                }

                var any = false;
                for (var i = 0; i + Window <= length; i++)
                {
                    if (!TryGram(text, i, out var g) || !grams.Contains(g)) continue;
                    for (var k = i; k < i + Window; k++) marks[k] = true;
                    any = true;
                }
                foreach (var w in whole)
                    any |= MarkWhole(text, length, w, marks);
                if (any) MarkBasicPrefix(text, length, marks);
                return any;
            }
            finally
            {
                if (bytes != null) Array.Clear(bytes, 0, bytes.Length);
                if (decoded != null) Array.Clear(decoded, 0, decoded.Length);
                foreach (var w in whole) Array.Clear(w, 0, w.Length);
                grams.Clear();
            }
        }

        private static void AddForm(char[] form, int start, int count, HashSet<Gram> grams, List<char[]> whole, bool clear)
        {
            try
            {
                AddGrams(form, start, count, 0, grams);
                AddShort(form, start, count, whole);
            }
            finally { if (clear) Array.Clear(form, 0, form.Length); }
        }

        /// <summary>Every run of <see cref="Window"/> characters of form[start..start+count) that does not lie within its first <paramref name="skipInside"/> characters.</summary>
        private static void AddGrams(char[] form, int start, int count, int skipInside, HashSet<Gram> grams)
        {
            for (var i = start; i + Window <= start + count; i++)
            {
                if (i + Window <= start + skipInside) continue;
                if (TryGram(form, i, out var g)) grams.Add(g);
            }
        }

        private static void AddShort(char[] form, int start, int count, List<char[]> whole)
        {
            if (count <= 0 || count >= Window) return;
            var part = new char[count];
            Array.Copy(form, start, part, 0, count);
            whole.Add(part);
        }

        private static bool MarkWhole(string text, int length, char[] part, bool[] marks)
        {
            var any = false;
            for (var i = 0; i + part.Length <= length; i++)
            {
                var k = 0;
                while (k < part.Length && char.ToLowerInvariant(text[i + k]) == char.ToLowerInvariant(part[k])) k++;
                if (k < part.Length) continue;
                for (k = 0; k < part.Length; k++) marks[i + k] = true;
                any = true;
            }
            return any;
        }

        /// <summary>"Basic" (and the spaces after it) before a masked run goes with it: the whole header value is the secret.</summary>
        private static void MarkBasicPrefix(string text, int length, bool[] marks)
        {
            const string basic = "basic";
            for (var i = 0; i < length; i++)
            {
                if (!marks[i] || (i > 0 && marks[i - 1])) continue;
                var j = i - 1;
                while (j >= 0 && (text[j] == ' ' || text[j] == '\t')) j--;
                if (j == i - 1 || j + 1 < basic.Length) continue;
                if (string.Compare(text, j + 1 - basic.Length, basic, 0, basic.Length, StringComparison.OrdinalIgnoreCase) != 0) continue;
                for (var k = j + 1 - basic.Length; k < i; k++) marks[k] = true;
            }
        }

        private static bool TryGram(string s, int at, out Gram gram)
        {
            ulong a = 0, b = 0;
            for (var k = 0; k < 4; k++) a = (a << 16) | char.ToLowerInvariant(s[at + k]);
            for (var k = 4; k < 8; k++) b = (b << 16) | char.ToLowerInvariant(s[at + k]);
            gram = new Gram(a, b);
            return true;
        }

        private static bool TryGram(char[] s, int at, out Gram gram)
        {
            ulong a = 0, b = 0;
            for (var k = 0; k < 4; k++) a = (a << 16) | char.ToLowerInvariant(s[at + k]);
            for (var k = 4; k < 8; k++) b = (b << 16) | char.ToLowerInvariant(s[at + k]);
            gram = new Gram(a, b);
            return true;
        }

        /// <summary>Eight characters, lower-cased, 16 bits each.</summary>
        private struct Gram : IEquatable<Gram>
        {
            private readonly ulong _a, _b;
            public Gram(ulong a, ulong b) { _a = a; _b = b; }
            public bool Equals(Gram other) => _a == other._a && _b == other._b;
            public override bool Equals(object obj) => obj is Gram g && Equals(g);
            public override int GetHashCode() => (_a * 31UL ^ _b).GetHashCode();
        }
    }
}
