#nullable enable
using System.Collections;
using System.Reflection;
using System.Text;
using ConnectWiseSetup.Tests.Client;
using Xunit;

namespace ConnectWiseSetup.Tests.Hostile;

/// <summary>
/// Asserts that no form of the test tenant's credential is in a text, and says where without printing it: the base64
/// Authorization value and any 8 characters of it, the decoded <c>company+public:private</c> and any 8 characters of it that
/// reach past the company ID, the private key, the public key (unless allowed) and the <c>company+public</c> prefix, in any case.
/// </summary>
internal static class SecretAssert
{
    private static readonly string Base64 = TestTenant.Basic.Substring("Basic ".Length);
    private static readonly string Decoded = TestTenant.CompanyId + "+" + TestTenant.PublicKey + ":" + TestTenant.PrivateKey;

    /// <summary>(label, text) pairs: the label is what a failure prints.</summary>
    private static IEnumerable<(string Label, string Text)> Forms(bool allowPublicKey)
    {
        yield return ("the base64 credential", Base64);
        yield return ("the decoded credential", Decoded);
        yield return ("the private key", TestTenant.PrivateKey);
        yield return ("the company+public prefix", TestTenant.CompanyId + "+" + TestTenant.PublicKey);
        if (!allowPublicKey) yield return ("the public key", TestTenant.PublicKey);
        for (var i = 0; i + 8 <= Base64.Length; i++) yield return ("8 characters of the base64 credential at " + i, Base64.Substring(i, 8));
        for (var i = TestTenant.CompanyId.Length - 7; i + 8 <= Decoded.Length; i++)
        {
            var part = Decoded.Substring(i, 8);
            // With the public key allowed, its own runs are allowed too (the '+' or ':' next to it is not).
            if (allowPublicKey && TestTenant.PublicKey.Contains(part, StringComparison.OrdinalIgnoreCase)) continue;
            yield return ("8 characters of the decoded credential at " + i, part);
        }
    }

    /// <summary>The first secret form found in <paramref name="text"/>, as a label; null when clean.</summary>
    public static string? Find(string? text, bool allowPublicKey = false)
    {
        if (string.IsNullOrEmpty(text)) return null;
        foreach (var (label, form) in Forms(allowPublicKey))
            if (text.Contains(form, StringComparison.OrdinalIgnoreCase)) return label;
        return null;
    }

    public static void Clean(string? text, string where, bool allowPublicKey = false)
    {
        var found = Find(text, allowPublicKey);
        Assert.True(found == null, where + " holds " + found + " (text not printed)");
    }

    /// <summary>
    /// Every string reachable from an exception: its public properties (strings, string-like values, collections, nested
    /// objects of the module), inner exceptions, Data, ToString().
    /// </summary>
    public static void CleanException(Exception e, string where, bool allowPublicKey = false)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Walk(e, where, allowPublicKey, seen, 0);
    }

    private static void Walk(object? value, string where, bool allowPublicKey, HashSet<object> seen, int depth)
    {
        if (value == null || depth > 6) return;
        if (value is string s) { Clean(s, where, allowPublicKey); return; }
        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || value is DateTime || value is TimeSpan || value is Guid || value is decimal) return;
        if (!seen.Add(value)) return;
        if (value is MemberInfo || value is Assembly || value is Type) return;
        Clean(value.ToString(), where + ".ToString()", allowPublicKey);
        if (value is IDictionary dict)
        {
            foreach (DictionaryEntry kv in dict)
            {
                Walk(kv.Key, where + "[key]", allowPublicKey, seen, depth + 1);
                Walk(kv.Value, where + "[" + kv.Key + "]", allowPublicKey, seen, depth + 1);
            }
            return;
        }
        if (value is IEnumerable list)
        {
            var i = 0;
            foreach (var item in list) Walk(item, where + "[" + i++ + "]", allowPublicKey, seen, depth + 1);
            return;
        }
        if (!(value is Exception) && type.Namespace?.StartsWith("ConnectWiseSetup", StringComparison.Ordinal) != true &&
            type.Namespace?.StartsWith("System.Management.Automation", StringComparison.Ordinal) != true) return;
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0) continue;
            object? v;
            try { v = p.GetValue(value); }
            catch { continue; }
            Walk(v, where + "." + p.Name, allowPublicKey, seen, depth + 1);
        }
    }

    /// <summary>The text of many lines, for one check.</summary>
    public static string Join(IEnumerable<object?> items)
    {
        var sb = new StringBuilder();
        foreach (var item in items) sb.Append(item).Append('\n');
        return sb.ToString();
    }
}
