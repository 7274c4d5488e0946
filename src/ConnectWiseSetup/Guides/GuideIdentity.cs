using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Guides
{
    /// <summary>
    /// The names a guide gives: the role's name ("name it MSP Process", "Role name: X"), the Member ID ("Member ID: X",
    /// "enter X as the Member ID"), the member's name and the key's description ("In the Description field, enter X",
    /// "name the description X"). A field described rather than filled ("Member ID - unique identifier") gives nothing.
    /// </summary>
    internal static class GuideIdentity
    {
        public const string Role = "role";
        public const string Member = "member";
        public const string MemberName = "memberName";
        public const string Key = "key";

        const RegexOptions Opt = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;
        // A name not in quotes ends at a comma, a full stop, a bracket, or " and ", " then ", " to ", " with ".
        const string Plain = @"(?<v>(?:(?!\s(?:and|then|to|with|for)\s)[^,.;:()])+)";
        const string Quoted = @"[""\u201C'\u2018](?<v>[^""\u201D'\u2019]{1,60})[""\u201D'\u2019]";

        static readonly (string Kind, Regex Pattern)[] Patterns =
        {
            (Role, new Regex(@"\b(?:security\s+)?role(?:'s)?\s+name\s*[:=]\s*(?<v>.+)$", Opt)),
            (Role, new Regex(@"\bname\s+(?:it|the\s+(?:new\s+)?(?:security\s+)?role|this\s+role)\s+(?:as\s+)?(?:" + Quoted + @"|" + Plain + ")", Opt)),
            (Role, new Regex(@"\b(?:security\s+)?role\s+(?:called|named)\s+(?:" + Quoted + @"|" + Plain + ")", Opt)),
            (Role, new Regex(@"\bcall\s+(?:it|the\s+(?:new\s+)?(?:security\s+)?role|this\s+role)\s+(?:" + Quoted + @"|" + Plain + ")", Opt)),
            (Member, new Regex(@"\bmember\s+id\s*[:=]\s*(?<v>.+)$", Opt)),
            (Member, new Regex(@"\bmember\s+id\s+(?:should|must)\s+be\s+(?:" + Quoted + @"|(?<v>[^,.;()\s]+))", Opt)),
            (Member, new Regex(@"\bmember\s+id\s+field,?\s+(?:enter|type)\s+(?:" + Quoted + @"|(?<v>[^,;()]+?))\.?$", Opt)),
            (Member, new Regex(@"\b(?:enter|type|use)\s+" + Quoted + @"\s+(?:as|for)\s+the\s+member\s+id\b", Opt)),
            (MemberName, new Regex(@"\bmember\s+name\s*[:=]\s*(?<v>.+)$", Opt)),
            (MemberName, new Regex(@"\bmember\s+name\s+field,?\s+(?:enter|type)\s+(?:" + Quoted + @"|(?<v>[^,;()]+?))\.?$", Opt)),
            (Key, new Regex(@"\bdescription\s+field,?\s+(?:enter|type)\s+(?:" + Quoted + @"|(?<v>[^,;()]+?))\.?$", Opt)),
            (Key, new Regex(@"\bname\s+the\s+(?:key'?s?\s+)?description\s+(?:" + Quoted + @"|(?<v>[^,;()]+?))(?:,|\.|$)", Opt)),
            (Key, new Regex(@"\bdescription\b[^.:]*?\bfor\s+example\s*:?\s*(?:" + Quoted + @"|(?<v>[^;()]+?))\.?$", Opt)),
            (Key, new Regex(@"\b(?:key\s+)?description\s*[:=]\s*(?<v>.+)$", Opt)),
            (Key, new Regex(@"\b(?:enter|type|use)\s+" + Quoted + @"\s+as\s+the\s+(?:key'?s?\s+)?description\b", Opt)),
        };

        // Values that describe the field instead of filling it.
        static readonly Regex NotAValue = new Regex(@"^(?:a|an|the|any|some|your|whatever|something|anything|e\.g\.|for example|unique|descriptive|optional|required|in|on|at|into|under|from)\b", Opt);

        /// <summary>The names a line gives, by kind (a line gives at most one of each).</summary>
        public static IEnumerable<(string Kind, string Value)> Read(string text)
        {
            if (string.IsNullOrWhiteSpace(text)) yield break;
            var seen = new HashSet<string>();
            foreach (var (kind, pattern) in Patterns)
            {
                if (seen.Contains(kind)) continue;
                var m = pattern.Match(text);
                if (!m.Success) continue;
                var value = CleanValue(m.Groups["v"].Value);
                if (value == null) continue;
                seen.Add(kind);
                yield return (kind, value);
            }
        }

        static string CleanValue(string v)
        {
            v = (v ?? "").Trim().Trim('"', '\u201C', '\u201D', '\'', '\u2018', '\u2019', '*').Trim();
            v = Regex.Replace(v, @"\s*\([^)]*\)\s*$", "");
            v = v.TrimEnd('.', ',', ';', ':').Trim();
            if (v.Length == 0 || v.Length > 60 || NotAValue.IsMatch(v)) return null;
            if (v.Split(' ').Length > 6) return null;
            return v;
        }

        /// <summary>A two-cell table row "Member ID | MMB API": the field and its value.</summary>
        public static (string Kind, string Value)? ReadCells(IReadOnlyList<string> cells)
        {
            var filled = cells.Where(c => c.Length > 0).ToList();
            if (filled.Count != 2) return null;
            var field = filled[0].TrimEnd(':').Trim().ToLowerInvariant();
            var kind = field == "member id" ? Member : field == "member name" ? MemberName
                     : field == "role name" || field == "security role name" ? Role
                     : field == "description" || field == "key description" || field == "api key description" ? Key : null;
            var value = kind == null ? null : CleanValue(filled[1]);
            return value == null ? ((string, string)?)null : (kind, value);
        }

        // Words of a guide's title that name no product: the title "Acme Backup - ConnectWise PSA integration guide" names Acme Backup.
        static readonly HashSet<string> TitleWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "connectwise", "manage", "psa", "cw", "integration", "integrations", "integrating", "integrate", "guide", "setup", "set", "up",
            "setting", "configuring", "configure", "configuration", "how", "to", "the", "a", "an", "api", "member", "members", "key", "keys",
            "role", "roles", "security", "permissions", "permission", "instructions", "installation", "install", "installing", "creating",
            "create", "connect", "connecting", "connection", "documentation", "kb", "article", "overview", "requirements", "required",
            "step", "steps", "by", "of", "your", "our", "new", "with", "for", "and", "in", "on", "getting", "started", "page", "home", "connector",
        };
        static readonly Regex TitleParts = new Regex(@"\s+(?:-|\u2013|\u2014|\||:|\u00B7)\s+|:\s+|\s+(?i:with|for|and|to|in|into|on)\s+", RegexOptions.CultureInvariant);

        /// <summary>
        /// The product a guide names in its title or first heading ("Acme Backup - ConnectWise PSA setup", "Integrating
        /// Acme Backup with ConnectWise Manage"), or null: the first heading among the first lines, else the first line
        /// when it is short; the part of it that is not ConnectWise's or setup words.
        /// </summary>
        public static string Product(IReadOnlyList<GuideLine> lines)
        {
            var first = lines.Take(40).FirstOrDefault(l => l.IsHeading && l.Text.Length > 0)
                        ?? lines.FirstOrDefault(l => !l.IsBlank && !l.IsSeparator);
            if (first == null || first.Cells != null || first.IsBullet) return null;
            var title = first.NameText;
            if (title.Length == 0 || title.Length > 120 || GuideLine.Words(title) > 14 || GuidePhrases.Phrase.IsMatch(title) || Read(title).Any()) return null;
            foreach (var part in TitleParts.Split(title))
            {
                var words = part.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('"', '\u201C', '\u201D', '\'', '(', ')', ',', '.', '!', '?', '*')).Where(w => w.Length > 0).ToList();
                while (words.Count > 0 && TitleWords.Contains(words[0])) words.RemoveAt(0);
                while (words.Count > 0 && TitleWords.Contains(words[words.Count - 1])) words.RemoveAt(words.Count - 1);
                if (words.Count == 0 || words.Count > 6) continue;
                var product = string.Join(" ", words);
                return product.Length > 60 ? null : product;
            }
            return null;
        }
    }
}
