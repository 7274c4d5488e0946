using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ConnectWiseSetup.Client
{
    /// <summary>
    /// Builds ConnectWise <c>conditions</c> strings safely: <c>Conditions.Eq("identifier", "MMB API").And(Conditions.Like("name", "MMB*"))</c>
    /// gives <c>identifier = "MMB API" and name like "MMB%"</c>. Strings go in double quotes, dates as
    /// <c>[2025-01-31T00:00:00Z]</c> (UTC), numbers in invariant culture, booleans lowercase, <c>null</c> bare.
    /// A value it cannot express safely (a <c>"</c> inside a string: ConnectWise's escape is unconfirmed, or a
    /// control character) is refused with <see cref="ErrorIds.InvalidConditionValue"/> before any request.
    /// </summary>
    internal sealed class Conditions
    {
        private enum Kind { Leaf, And, Or, Not }

        private readonly Kind _kind;
        private readonly string _text;

        private Conditions(Kind kind, string text)
        {
            _kind = kind;
            _text = text;
        }

        public static Conditions Eq(string field, object value) => Compare(field, "=", value);
        public static Conditions Lt(string field, object value) => Compare(field, "<", value);
        public static Conditions Gt(string field, object value) => Compare(field, ">", value);
        public static Conditions Ge(string field, object value) => Compare(field, ">=", value);

        /// <summary><c>field like "pattern"</c>; <c>*</c> in the pattern becomes ConnectWise's <c>%</c>.</summary>
        public static Conditions Like(string field, string pattern)
        {
            if (pattern == null) throw InvalidValue(field, null, "a like pattern cannot be null");
            return Compare(field, "like", pattern.Replace('*', '%'));
        }

        /// <summary><c>field contains "text"</c>.</summary>
        public static Conditions Contains(string field, string text)
        {
            if (text == null) throw InvalidValue(field, null, "contains needs a text");
            return Compare(field, "contains", text);
        }

        /// <summary><c>field in (v1, v2, ...)</c>; at least one value.</summary>
        public static Conditions In(string field, IEnumerable values)
        {
            InputValidator.FieldName(field);
            if (values == null || values is string) throw InvalidValue(field, values, "'in' needs a list of values");
            var parts = new List<string>();
            foreach (var v in values) parts.Add(FormatValue(field, v));
            if (parts.Count == 0) throw InvalidValue(field, values, "'in' needs at least one value");
            return new Conditions(Kind.Leaf, field + " in (" + string.Join(",", parts) + ")");
        }

        public static Conditions Compare(string field, string op, object value)
        {
            InputValidator.FieldName(field);
            switch (op)
            {
                case "=": case "!=": case "<": case "<=": case ">": case ">=": case "like": case "contains": case "not like": case "not contains":
                    break;
                default:
                    throw CwException.Invalid(ErrorIds.InvalidArgument, "'" + InputValidator.Printable(op) + "' is not a ConnectWise conditions operator (= != < <= > >= like contains).", op);
            }
            return new Conditions(Kind.Leaf, field + " " + op + " " + FormatValue(field, value));
        }

        /// <summary>All of the given conditions (nulls skipped); null when none.</summary>
        public static Conditions All(params Conditions[] items) => Combine(Kind.And, items);

        /// <summary>Any of the given conditions (nulls skipped); null when none.</summary>
        public static Conditions Any(params Conditions[] items) => Combine(Kind.Or, items);

        public Conditions And(Conditions other) => Combine(Kind.And, new[] { this, other });

        public Conditions Or(Conditions other) => Combine(Kind.Or, new[] { this, other });

        public Conditions Not() => new Conditions(Kind.Not, "not (" + _text + ")");

        public override string ToString() => _text;

        /// <summary>A value as ConnectWise's conditions grammar writes it.</summary>
        public static string FormatValue(string field, object value)
        {
            switch (value)
            {
                case null: return "null";
                case string s: return Quote(field, s);
                case char c: return Quote(field, c.ToString());
                case Guid g: return "\"" + g.ToString("D") + "\"";
                case bool b: return b ? "true" : "false";
                case DateTime dt: return FormatDate(dt);
                case DateTimeOffset dto: return "[" + dto.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + "]";
                case Enum e: return Quote(field, e.ToString());
                case double d:
                    if (double.IsNaN(d) || double.IsInfinity(d)) throw InvalidValue(field, value, "NaN and infinity cannot be compared");
                    return d.ToString("R", CultureInfo.InvariantCulture);
                case float f:
                    if (float.IsNaN(f) || float.IsInfinity(f)) throw InvalidValue(field, value, "NaN and infinity cannot be compared");
                    return f.ToString("R", CultureInfo.InvariantCulture);
                case decimal m: return m.ToString(CultureInfo.InvariantCulture);
                case int _: case long _: case short _: case byte _: case sbyte _: case uint _: case ulong _: case ushort _:
                    return ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture);
                default:
                    throw InvalidValue(field, value, "values of type " + value.GetType().Name + " cannot be written in conditions (use a string, number, boolean, date or null)");
            }
        }

        private static string FormatDate(DateTime dt)
        {
            // Unspecified is taken as UTC: ConnectWise dates are UTC, and converting would shift them by the local offset.
            var utc = dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime() : dt;
            return "[" + utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + "]";
        }

        private static string Quote(string field, string s)
        {
            foreach (var c in s)
            {
                if (c == '"')
                    throw InvalidValue(field, s, "it contains a double quote (\"), which ConnectWise conditions cannot safely express; search with like and * instead of the quote");
                if (char.IsControl(c))
                    throw InvalidValue(field, s, "it contains a control character (a tab or line break?)");
            }
            return "\"" + s + "\"";
        }

        private static Conditions Combine(Kind kind, IEnumerable<Conditions> items)
        {
            var list = items.Where(i => i != null).ToList();
            if (list.Count == 0) return null;
            if (list.Count == 1) return list[0];
            var sb = new StringBuilder();
            var word = kind == Kind.And ? " and " : " or ";
            for (var i = 0; i < list.Count; i++)
            {
                if (i > 0) sb.Append(word);
                var item = list[i];
                // Same operator chains flatten; a different composite keeps its own parentheses.
                if (item._kind == Kind.Leaf || item._kind == Kind.Not || item._kind == kind) sb.Append(item._text);
                else sb.Append('(').Append(item._text).Append(')');
            }
            return new Conditions(kind, sb.ToString());
        }

        private static CwException InvalidValue(string field, object value, string why)
            => CwException.Invalid(ErrorIds.InvalidConditionValue,
                "Cannot compare field '" + InputValidator.Printable(field) + "' with " +
                (value is string s ? "'" + InputValidator.Printable(s) + "'" : "this value") + ": " + why + ".", value);
    }
}
