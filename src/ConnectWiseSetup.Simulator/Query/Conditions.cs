using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace ConnectWiseSetup.Simulator.Query;

/// <summary>A syntax error in a conditions string (answered as 400).</summary>
public sealed class ConditionSyntaxException : Exception
{
    public int Position { get; }
    public ConditionSyntaxException(string message, int position) : base($"{message} (at position {position})") { Position = position; }
}

/// <summary>A parsed ConnectWise conditions expression, evaluated against JSON records.</summary>
public abstract class Condition
{
    public abstract bool Matches(JObject record);
    /// <summary>Field paths the expression names (e.g. "securityRole/id").</summary>
    public abstract IEnumerable<string> Fields { get; }

    /// <summary>Every value "a/b/c" reaches, going through arrays (childConditions): one per array element on the way.</summary>
    public static IEnumerable<JToken> ResolveAll(JToken cur, string path)
    {
        var segs = path.Split('/');
        IEnumerable<JToken> level = new[] { cur };
        foreach (var seg in segs)
        {
            level = level.SelectMany(t => t is JArray a ? (IEnumerable<JToken>)a.Children() : new[] { t })
                .OfType<JObject>().Select(o => o.Property(seg, StringComparison.OrdinalIgnoreCase)?.Value).Where(v => v != null).ToList();
        }
        return level;
    }

    /// <summary>Resolves "a/b/c" case-insensitively; null when missing.</summary>
    public static JToken Resolve(JObject record, string path)
    {
        JToken cur = record;
        foreach (var seg in path.Split('/'))
        {
            if (cur is not JObject o) return null;
            var p = o.Property(seg, StringComparison.OrdinalIgnoreCase);
            if (p == null) return null;
            cur = p.Value;
        }
        return cur;
    }
}

internal sealed class AndCondition(Condition l, Condition r) : Condition
{
    public override bool Matches(JObject rec) => l.Matches(rec) && r.Matches(rec);
    public override IEnumerable<string> Fields => l.Fields.Concat(r.Fields);
}

internal sealed class OrCondition(Condition l, Condition r) : Condition
{
    public override bool Matches(JObject rec) => l.Matches(rec) || r.Matches(rec);
    public override IEnumerable<string> Fields => l.Fields.Concat(r.Fields);
}

internal sealed class NotCondition(Condition inner) : Condition
{
    public override bool Matches(JObject rec) => !inner.Matches(rec);
    public override IEnumerable<string> Fields => inner.Fields;
}

internal enum LiteralKind { String, Number, Boolean, Date, Null }

internal sealed record Literal(LiteralKind Kind, string Text, decimal Number, bool Bool, DateTimeOffset Date);

internal sealed class Comparison(string fieldPath, string op, bool negate, IReadOnlyList<Literal> values, bool anyElement) : Condition
{
    public override IEnumerable<string> Fields => new[] { fieldPath };

    public override bool Matches(JObject rec)
    {
        if (anyElement)
        {
            // childConditions: the record matches when one element of the array on the path does
            bool any = ResolveAll(rec, fieldPath).Any(v => op == "in" ? values.Any(l => Compare(v, "=", l)) : Compare(v, op, values[0]));
            return negate ? !any : any;
        }
        var v = Resolve(rec, fieldPath);
        bool result = op switch
        {
            "in" => values.Any(l => Compare(v, "=", l)),
            _ => Compare(v, op, values[0]),
        };
        return negate ? !result : result;
    }

    private static bool IsNull(JToken t) => t == null || t.Type == JTokenType.Null || t.Type == JTokenType.Undefined;

    private static bool Compare(JToken v, string op, Literal lit)
    {
        if (lit.Kind == LiteralKind.Null)
            return op switch { "=" => IsNull(v), "!=" => !IsNull(v), _ => false };
        if (IsNull(v)) return false; // SQL semantics: NULL compared to a value is unknown
        if (v is JObject obj)
        {
            // a reference compared as a whole: ConnectWise compares its name or id; use name then id
            v = obj.Property("name", StringComparison.OrdinalIgnoreCase)?.Value ?? obj.Property("id", StringComparison.OrdinalIgnoreCase)?.Value;
            if (IsNull(v)) return false;
        }
        if (v is JArray) return false;
        string s = v.Type == JTokenType.Boolean ? ((bool)v ? "true" : "false")
                 : v.Type == JTokenType.Float || v.Type == JTokenType.Integer ? Convert.ToString(((JValue)v).Value, CultureInfo.InvariantCulture)
                 : v.ToString();
        switch (op)
        {
            case "like": return Like(s, lit.Text ?? LiteralText(lit));
            case "contains": return s.Contains(lit.Text ?? LiteralText(lit), Fidelity.ConditionStringComparison);
        }
        int cmp;
        switch (lit.Kind)
        {
            case LiteralKind.Number:
                if (!decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return op == "!=";
                cmp = d.CompareTo(lit.Number); break;
            case LiteralKind.Boolean:
                if (!bool.TryParse(s, out var b)) return op == "!=";
                cmp = b == lit.Bool ? 0 : (b ? 1 : -1); break;
            case LiteralKind.Date:
                if (!DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dt)) return op == "!=";
                cmp = dt.CompareTo(lit.Date); break;
            default:
                cmp = string.Compare(s, lit.Text, Fidelity.ConditionStringComparison); break;
        }
        return op switch
        {
            "=" => cmp == 0, "!=" => cmp != 0, "<" => cmp < 0, "<=" => cmp <= 0, ">" => cmp > 0, ">=" => cmp >= 0,
            _ => false,
        };
    }

    private static string LiteralText(Literal l) => l.Kind switch
    {
        LiteralKind.Number => l.Number.ToString(CultureInfo.InvariantCulture),
        LiteralKind.Boolean => l.Bool ? "true" : "false",
        LiteralKind.Date => l.Date.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        _ => l.Text ?? "",
    };

    internal static bool Like(string s, string pattern)
    {
        var sb = new StringBuilder("^");
        foreach (var ch in pattern)
        {
            if (ch == '%') sb.Append(".*");
            else if (ch == '_' && Fidelity.LikeUnderscoreIsWildcard) sb.Append('.');
            else sb.Append(Regex.Escape(ch.ToString()));
        }
        sb.Append('$');
        return Regex.IsMatch(s, sb.ToString(), RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant);
    }
}

/// <summary>
/// Parser for ConnectWise's conditions grammar: strings in double or single quotes ('' is an apostrophe inside single quotes), dates in [..], numbers, true/false/null;
/// = != &lt; &lt;= &gt; &gt;= contains like in, "not" before like/contains/in or before an expression; and/or; parentheses;
/// nested fields with "/". Keywords are case-insensitive.
/// </summary>
public static class ConditionParser
{
    private enum T { Ident, String, Date, Number, Op, LParen, RParen, Comma, End }
    private sealed record Tok(T Kind, string Text, int Pos, DateTimeOffset Date = default);

    /// <summary>
    /// Parses; null or blank input gives null (no filter). Throws <see cref="ConditionSyntaxException"/>. With <paramref name="childConditions"/>
    /// a comparison whose path goes through an array matches when any element does.
    /// </summary>
    public static Condition Parse(string text, bool childConditions = false)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var toks = Lex(text);
        int i = 0;
        var c = ParseOr(toks, ref i, childConditions);
        if (toks[i].Kind != T.End) throw new ConditionSyntaxException($"Unexpected '{toks[i].Text}'", toks[i].Pos);
        return c;
    }

    private static List<Tok> Lex(string s)
    {
        var list = new List<Tok>();
        int i = 0;
        while (i < s.Length)
        {
            char c = s[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            int start = i;
            if (c == '(') { list.Add(new(T.LParen, "(", i++)); continue; }
            if (c == ')') { list.Add(new(T.RParen, ")", i++)); continue; }
            if (c == ',') { list.Add(new(T.Comma, ",", i++)); continue; }
            if (c == '"')
            {
                i++;
                var sb = new StringBuilder();
                while (true)
                {
                    if (i >= s.Length) throw new ConditionSyntaxException("Unterminated string", start);
                    if (s[i] == '\\' && i + 1 < s.Length && s[i + 1] == '"' && Fidelity.RejectEscapedQuotes)
                        throw new ConditionSyntaxException("A double quote cannot be escaped inside a string value", i);
                    if (s[i] == '"') { i++; break; }
                    sb.Append(s[i++]);
                }
                list.Add(new(T.String, sb.ToString(), start));
                continue;
            }
            if (c == '\'' && Fidelity.SingleQuotedStrings)
            {
                i++;
                var sb = new StringBuilder();
                while (true)
                {
                    if (i >= s.Length) throw new ConditionSyntaxException("Unterminated string", start);
                    if (s[i] == '\'')
                    {
                        if (i + 1 < s.Length && s[i + 1] == '\'') { sb.Append('\''); i += 2; continue; }
                        i++; break;
                    }
                    sb.Append(s[i++]);
                }
                list.Add(new(T.String, sb.ToString(), start));
                continue;
            }
            if (c == '[')
            {
                int end = s.IndexOf(']', i);
                if (end < 0) throw new ConditionSyntaxException("Unterminated date", start);
                var raw = s.Substring(i + 1, end - i - 1).Trim();
                if (!DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var dt))
                    throw new ConditionSyntaxException($"Invalid date [{raw}]", start);
                list.Add(new(T.Date, raw, start, dt));
                i = end + 1;
                continue;
            }
            if (c == '=' ) { list.Add(new(T.Op, "=", i++)); continue; }
            if (c == '!')
            {
                if (i + 1 < s.Length && s[i + 1] == '=') { list.Add(new(T.Op, "!=", i)); i += 2; continue; }
                throw new ConditionSyntaxException("Unexpected '!'", i);
            }
            if (c == '<' || c == '>')
            {
                if (i + 1 < s.Length && s[i + 1] == '=') { list.Add(new(T.Op, c + "=", i)); i += 2; continue; }
                if (c == '<' && i + 1 < s.Length && s[i + 1] == '>') throw new ConditionSyntaxException("Operator <> is not supported; use !=", i);
                list.Add(new(T.Op, c.ToString(), i++)); continue;
            }
            if (char.IsDigit(c) || (c == '-' && i + 1 < s.Length && char.IsDigit(s[i + 1])))
            {
                i++;
                while (i < s.Length && (char.IsDigit(s[i]) || s[i] == '.')) i++;
                var num = s.Substring(start, i - start);
                if (!decimal.TryParse(num, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
                    throw new ConditionSyntaxException($"Invalid number {num}", start);
                if (i < s.Length && (char.IsLetter(s[i]) || s[i] == '_')) throw new ConditionSyntaxException($"Invalid number {num}{s[i]}", start);
                list.Add(new(T.Number, num, start));
                continue;
            }
            if (char.IsLetter(c) || c == '_')
            {
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_' || s[i] == '/' || s[i] == '.')) i++;
                var word = s.Substring(start, i - start);
                if (word.EndsWith('/') || word.Contains("//")) throw new ConditionSyntaxException($"Invalid field '{word}'", start);
                list.Add(new(T.Ident, word, start));
                continue;
            }
            throw new ConditionSyntaxException($"Unexpected character '{c}'", i);
        }
        list.Add(new(T.End, "end of conditions", s.Length));
        return list;
    }

    private static bool IsWord(Tok t, string w) => t.Kind == T.Ident && string.Equals(t.Text, w, StringComparison.OrdinalIgnoreCase);

    private static Condition ParseOr(List<Tok> t, ref int i, bool child)
    {
        var left = ParseAnd(t, ref i, child);
        while (IsWord(t[i], "or")) { i++; left = new OrCondition(left, ParseAnd(t, ref i, child)); }
        return left;
    }

    private static Condition ParseAnd(List<Tok> t, ref int i, bool child)
    {
        var left = ParseUnary(t, ref i, child);
        while (IsWord(t[i], "and")) { i++; left = new AndCondition(left, ParseUnary(t, ref i, child)); }
        return left;
    }

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
        { "and", "or", "not", "like", "contains", "in", "true", "false", "null" };

    private static Condition ParseUnary(List<Tok> t, ref int i, bool child)
    {
        if (IsWord(t[i], "not")) { i++; return new NotCondition(ParseUnary(t, ref i, child)); }
        if (t[i].Kind == T.LParen)
        {
            i++;
            var inner = ParseOr(t, ref i, child);
            if (t[i].Kind != T.RParen) throw new ConditionSyntaxException("Expected ')'", t[i].Pos);
            i++;
            return inner;
        }
        if (t[i].Kind != T.Ident || Reserved.Contains(t[i].Text))
            throw new ConditionSyntaxException($"Expected a field name but found '{t[i].Text}'", t[i].Pos);
        var field = t[i++].Text;
        bool negate = false;
        string op;
        if (IsWord(t[i], "not"))
        {
            negate = true; i++;
            if (!(IsWord(t[i], "like") || IsWord(t[i], "contains") || IsWord(t[i], "in")))
                throw new ConditionSyntaxException("Expected like, contains or in after not", t[i].Pos);
        }
        if (t[i].Kind == T.Op && !negate) op = t[i++].Text;
        else if (IsWord(t[i], "like") || IsWord(t[i], "contains") || IsWord(t[i], "in")) op = t[i++].Text.ToLowerInvariant();
        else throw new ConditionSyntaxException($"Expected an operator after '{field}' but found '{t[i].Text}'", t[i].Pos);

        var values = new List<Literal>();
        if (op == "in")
        {
            if (t[i].Kind != T.LParen) throw new ConditionSyntaxException("Expected '(' after in", t[i].Pos);
            i++;
            values.Add(ParseLiteral(t, ref i));
            while (t[i].Kind == T.Comma) { i++; values.Add(ParseLiteral(t, ref i)); }
            if (t[i].Kind != T.RParen) throw new ConditionSyntaxException("Expected ')' to close in list", t[i].Pos);
            i++;
        }
        else
        {
            var lit = ParseLiteral(t, ref i);
            if ((op == "like" || op == "contains") && lit.Kind != LiteralKind.String)
                throw new ConditionSyntaxException($"{op} needs a string value", t[i - 1].Pos);
            if (lit.Kind == LiteralKind.Null && op != "=" && op != "!=")
                throw new ConditionSyntaxException("null can only be compared with = or !=", t[i - 1].Pos);
            values.Add(lit);
        }
        return new Comparison(field, op, negate, values, child);
    }

    private static Literal ParseLiteral(List<Tok> t, ref int i)
    {
        var tok = t[i];
        switch (tok.Kind)
        {
            case T.String: i++; return new Literal(LiteralKind.String, tok.Text, 0, false, default);
            case T.Number: i++; return new Literal(LiteralKind.Number, null, decimal.Parse(tok.Text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture), false, default);
            case T.Date: i++; return new Literal(LiteralKind.Date, null, 0, false, tok.Date);
            case T.Ident when IsWord(tok, "true"): i++; return new Literal(LiteralKind.Boolean, null, 0, true, default);
            case T.Ident when IsWord(tok, "false"): i++; return new Literal(LiteralKind.Boolean, null, 0, false, default);
            case T.Ident when IsWord(tok, "null"): i++; return new Literal(LiteralKind.Null, null, 0, false, default);
            case T.Ident: throw new ConditionSyntaxException($"Value '{tok.Text}' must be quoted (strings in double quotes, dates in [ ])", tok.Pos);
            default: throw new ConditionSyntaxException($"Expected a value but found '{tok.Text}'", tok.Pos);
        }
    }
}
