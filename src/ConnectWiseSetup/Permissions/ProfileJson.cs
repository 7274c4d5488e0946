using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ConnectWiseSetup.Model;

namespace ConnectWiseSetup.Permissions
{
    /// <summary>
    /// Reads and writes the profile JSON format (docs/profile-format.md). Reading validates every
    /// field and reports the first bad one by its path ("role.permissions[3].inquire") and reason.
    /// </summary>
    public static class ProfileJson
    {
        static readonly string[] TopFields = { "$schema", "name", "displayName", "source", "sourceRead", "importResult", "needsReview", "role", "apiMember", "apiKey", "vendorValues", "endpoints", "notes" };
        static readonly string[] RoleFields = { "name", "permissions", "customize" };
        static readonly string[] RowFields = { "module", "function", "add", "edit", "delete", "inquire", "note", "lines" };
        static readonly string[] CustomizeFields = { "module", "function", "list", "allowAll", "allow", "note", "lines" };
        static readonly string[] MemberFields = { "identifier", "name", "note" };
        static readonly string[] KeyFields = { "description" };
        static readonly string[] ValueFields = { "name", "source", "value", "secret", "note" };
        static readonly string[] EndpointFields = { "method", "path", "module", "function", "purpose", "optional", "implied", "note" };
        static readonly string[] Methods = { "GET", "POST", "PUT", "PATCH", "DELETE" };

        static readonly System.Text.RegularExpressions.Regex NamePattern = new System.Text.RegularExpressions.Regex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        /// <summary>An importResult: the day it was measured, then how many of the guide's rows the importer read exactly.</summary>
        internal static readonly System.Text.RegularExpressions.Regex ImportResultPattern = new System.Text.RegularExpressions.Regex(@"^\d{4}-\d{2}-\d{2}: \d+ of \d+ rows exact\b", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        /// <summary>Whether a profile name can be typed after -Profile: letters, digits, '_', '-', '.', at most 64.</summary>
        public static bool IsName(string name) => name != null && NamePattern.IsMatch(name);

        /// <summary>What a profile name must be, said once (a profile file's name, and -Name of the cmdlets that make a profile).</summary>
        internal const string NameRule = "must be letters, digits, '_', '-' or '.' (at most 64), so it can be typed after -Profile";

        /// <summary>A -Name for a new profile: CwInvalidArgument when it breaks <see cref="NameRule"/> (null is fine: a default is made).</summary>
        public static void CheckName(string name)
        {
            if (name != null && !IsName(name))
                throw Client.CwException.Invalid(Client.ErrorIds.InvalidArgument, "-Name '" + Client.InputValidator.Printable(name) + "' " + NameRule + ".", name);
        }

        public static PermissionProfile Parse(string json, string origin)
        {
            JObject root;
            try
            {
                using (var reader = new JsonTextReader(new System.IO.StringReader(json ?? "")) { DateParseHandling = DateParseHandling.None })
                {
                    var token = JToken.ReadFrom(reader);
                    root = token as JObject ?? throw Fail(origin, "(root)", "the file must hold one JSON object");
                }
            }
            catch (JsonReaderException ex)
            {
                throw Fail(origin, string.IsNullOrEmpty(ex.Path) ? "(root)" : ex.Path, "not valid JSON at line " + ex.LineNumber + ", position " + ex.LinePosition + ": " + FirstSentence(ex.Message));
            }

            Known(root, TopFields, "", origin);
            var p = new PermissionProfile { Origin = origin };
            p.Name = Str(root, "name", "name", origin, required: true);
            if (!IsName(p.Name))
                throw Fail(origin, "name", "'" + p.Name + "' " + NameRule);
            p.DisplayName = Str(root, "displayName", "displayName", origin) ?? p.Name;
            p.Source = Str(root, "source", "source", origin);
            p.SourceRead = Str(root, "sourceRead", "sourceRead", origin);
            if (p.SourceRead != null && !DateTime.TryParseExact(p.SourceRead, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                throw Fail(origin, "sourceRead", "'" + p.SourceRead + "' is not a date like 2026-11-30");
            p.ImportResult = Str(root, "importResult", "importResult", origin);
            if (p.ImportResult != null && !ImportResultPattern.IsMatch(p.ImportResult))
                throw Fail(origin, "importResult", "'" + p.ImportResult + "' must start with the date it was measured and the rows read exactly, like '2026-12-06: 12 of 12 rows exact'");
            p.NeedsReview = Bool(root, "needsReview", "needsReview", origin);

            var role = Obj(root, "role", "role", origin, required: true);
            Known(role, RoleFields, "role.", origin);
            p.RoleName = NameField(Client.NameKind.RoleName, Str(role, "name", "role.name", origin, required: true), "role.name", origin);

            var rows = Arr(role, "permissions", "role.permissions", origin, required: true);
            for (var i = 0; i < rows.Count; i++)
            {
                var path = "role.permissions[" + i + "]";
                var o = rows[i] as JObject ?? throw Fail(origin, path, "each permission must be an object with module, function and levels");
                Known(o, RowFields, path + ".", origin);
                var row = new PermissionRequirement
                {
                    Module = Str(o, "module", path + ".module", origin, required: true),
                    Function = Str(o, "function", path + ".function", origin, required: true),
                    Add = Level(o, "add", path, origin),
                    Edit = Level(o, "edit", path, origin),
                    Delete = Level(o, "delete", path, origin),
                    Inquire = Level(o, "inquire", path, origin),
                    Note = Str(o, "note", path + ".note", origin),
                    Lines = Lines(o, path + ".lines", origin),
                };
                var dup = p.Permissions.FindIndex(r => FunctionMatcher.Normalize(r.Module) == FunctionMatcher.Normalize(row.Module)
                                                     && FunctionMatcher.Normalize(r.Function) == FunctionMatcher.Normalize(row.Function));
                if (dup >= 0)
                    throw Fail(origin, path, "'" + row.Module + " / " + row.Function + "' is already given at role.permissions[" + dup + "]");
                p.Permissions.Add(row);
            }

            var customize = Arr(role, "customize", "role.customize", origin);
            for (var i = 0; customize != null && i < customize.Count; i++)
            {
                var path = "role.customize[" + i + "]";
                var o = customize[i] as JObject ?? throw Fail(origin, path, "each customize entry must be an object");
                Known(o, CustomizeFields, path + ".", origin);
                var c = new CustomizeRequirement
                {
                    Module = Str(o, "module", path + ".module", origin, required: true),
                    Function = Str(o, "function", path + ".function", origin, required: true),
                    List = Str(o, "list", path + ".list", origin, required: true),
                    AllowAll = Bool(o, "allowAll", path + ".allowAll", origin),
                    Note = Str(o, "note", path + ".note", origin),
                    Lines = Lines(o, path + ".lines", origin),
                };
                var allow = Arr(o, "allow", path + ".allow", origin);
                if (allow != null)
                    for (var j = 0; j < allow.Count; j++)
                    {
                        if (allow[j].Type != JTokenType.String || string.IsNullOrWhiteSpace((string)allow[j]))
                            throw Fail(origin, path + ".allow[" + j + "]", "must be a non-empty string such as \"Company / Company Status\"");
                        c.Allow.Add(((string)allow[j]).Trim());
                    }
                if (c.AllowAll && c.Allow.Count > 0)
                    throw Fail(origin, path, "give either allowAll: true or an allow list, not both");
                if (!c.AllowAll && c.Allow.Count == 0)
                    throw Fail(origin, path, "give allowAll: true or a non-empty allow list");
                if (!p.Permissions.Any(r => FunctionMatcher.Normalize(r.Module) == FunctionMatcher.Normalize(c.Module) && FunctionMatcher.Normalize(r.Function) == FunctionMatcher.Normalize(c.Function)))
                    throw Fail(origin, path, "'" + c.Module + " / " + c.Function + "' has a customize list but no row in role.permissions");
                p.Customize.Add(c);
            }

            var member = Obj(root, "apiMember", "apiMember", origin, required: true);
            Known(member, MemberFields, "apiMember.", origin);
            p.MemberIdentifier = NameField(Client.NameKind.MemberIdentifier, Str(member, "identifier", "apiMember.identifier", origin, required: true), "apiMember.identifier", origin);
            p.MemberName = NameField(Client.NameKind.MemberName, Str(member, "name", "apiMember.name", origin) ?? p.MemberIdentifier, "apiMember.name", origin);
            p.MemberNote = Str(member, "note", "apiMember.note", origin);

            var key = Obj(root, "apiKey", "apiKey", origin);
            if (key != null) Known(key, KeyFields, "apiKey.", origin);
            p.KeyDescription = (key == null ? null : Str(key, "description", "apiKey.description", origin)) ?? p.DisplayName;
            if (p.KeyDescription != null) p.KeyDescription = NameField(Client.NameKind.KeyDescription, p.KeyDescription, key?["description"] != null ? "apiKey.description" : "displayName", origin);

            var values = Arr(root, "vendorValues", "vendorValues", origin);
            for (var i = 0; values != null && i < values.Count; i++)
            {
                var path = "vendorValues[" + i + "]";
                var o = values[i] as JObject ?? throw Fail(origin, path, "each vendor value must be an object with name and source or value");
                Known(o, ValueFields, path + ".", origin);
                var v = new VendorValue
                {
                    Name = Str(o, "name", path + ".name", origin, required: true),
                    Source = Str(o, "source", path + ".source", origin),
                    Value = Str(o, "value", path + ".value", origin),
                    Secret = Bool(o, "secret", path + ".secret", origin),
                    Note = Str(o, "note", path + ".note", origin),
                };
                if (v.Source == null && v.Value == null)
                    throw Fail(origin, path, "give a source (" + string.Join(", ", VendorValueSources.All) + ") or a fixed value");
                if (v.Source != null && !VendorValueSources.IsKnown(v.Source))
                    throw Fail(origin, path + ".source", "'" + v.Source + "' is not a known source; use one of " + string.Join(", ", VendorValueSources.All));
                p.VendorValues.Add(v);
            }

            var endpoints = Arr(root, "endpoints", "endpoints", origin);
            for (var i = 0; endpoints != null && i < endpoints.Count; i++)
            {
                var path = "endpoints[" + i + "]";
                var o = endpoints[i] as JObject ?? throw Fail(origin, path, "each endpoint must be an object with method and path");
                Known(o, EndpointFields, path + ".", origin);
                var e = new EndpointRequirement
                {
                    Method = Str(o, "method", path + ".method", origin, required: true).ToUpperInvariant(),
                    Path = Str(o, "path", path + ".path", origin, required: true),
                    Module = Str(o, "module", path + ".module", origin),
                    Function = Str(o, "function", path + ".function", origin),
                    Purpose = Str(o, "purpose", path + ".purpose", origin),
                    Optional = Bool(o, "optional", path + ".optional", origin),
                    Implied = Bool(o, "implied", path + ".implied", origin),
                    Note = Str(o, "note", path + ".note", origin),
                };
                if (!Methods.Contains(e.Method))
                    throw Fail(origin, path + ".method", "'" + e.Method + "' is not one of " + string.Join(", ", Methods));
                if (!e.Path.StartsWith("/", StringComparison.Ordinal) || e.Path.Contains("?") || e.Path.Contains("://"))
                    throw Fail(origin, path + ".path", "'" + e.Path + "' must be a path below apis/3.0 starting with '/', without a query (e.g. /company/companies)");
                if ((e.Module == null) != (e.Function == null))
                    throw Fail(origin, path, "give both module and function of the permission row the endpoint needs, or neither");
                p.Endpoints.Add(e);
            }

            var notes = Arr(root, "notes", "notes", origin);
            for (var i = 0; notes != null && i < notes.Count; i++)
            {
                if (notes[i].Type != JTokenType.String) throw Fail(origin, "notes[" + i + "]", "must be a string");
                p.Notes.Add((string)notes[i]);
            }
            return p;
        }

        /// <summary>Writes a profile in the documented format.</summary>
        public static string Serialize(PermissionProfile p)
        {
            var role = new JObject
            {
                ["name"] = p.RoleName,
                ["permissions"] = new JArray(p.Permissions.Select(r => Clean(new JObject
                {
                    ["module"] = r.Module,
                    ["function"] = r.Function,
                    ["add"] = r.Add.ToString(),
                    ["edit"] = r.Edit.ToString(),
                    ["delete"] = r.Delete.ToString(),
                    ["inquire"] = r.Inquire.ToString(),
                    ["note"] = r.Note,
                    ["lines"] = LinesJson(r.Lines),
                }))),
            };
            if (p.Customize.Count > 0)
                role["customize"] = new JArray(p.Customize.Select(c => Clean(new JObject
                {
                    ["module"] = c.Module,
                    ["function"] = c.Function,
                    ["list"] = c.List,
                    ["allowAll"] = c.AllowAll,
                    ["allow"] = c.AllowAll ? null : new JArray(c.Allow),
                    ["note"] = c.Note,
                    ["lines"] = LinesJson(c.Lines),
                })));
            var root = Clean(new JObject
            {
                ["name"] = p.Name,
                ["displayName"] = p.DisplayName,
                ["source"] = p.Source,
                ["sourceRead"] = p.SourceRead,
                ["importResult"] = p.ImportResult,
                ["needsReview"] = p.NeedsReview ? (JToken)true : null,
                ["role"] = role,
                ["apiMember"] = Clean(new JObject { ["identifier"] = p.MemberIdentifier, ["name"] = p.MemberName, ["note"] = p.MemberNote }),
                ["apiKey"] = new JObject { ["description"] = p.KeyDescription },
                ["vendorValues"] = new JArray(p.VendorValues.Select(v => Clean(new JObject { ["name"] = v.Name, ["source"] = v.Source, ["value"] = v.Value, ["secret"] = v.Secret ? (JToken)true : null, ["note"] = v.Note }))),
                ["endpoints"] = new JArray(p.Endpoints.Select(e => Clean(new JObject
                {
                    ["method"] = e.Method, ["path"] = e.Path, ["module"] = e.Module, ["function"] = e.Function, ["purpose"] = e.Purpose,
                    ["optional"] = e.Optional ? (JToken)true : null, ["implied"] = e.Implied ? (JToken)true : null, ["note"] = e.Note,
                }))),
                ["notes"] = new JArray(p.Notes),
            });
            return root.ToString(Formatting.Indented);
        }

        static JToken LinesJson(IReadOnlyList<int> lines) => lines == null || lines.Count == 0 ? null : new JArray(lines);

        /// <summary>A row's guide line numbers: positive integers.</summary>
        static IReadOnlyList<int> Lines(JObject o, string path, string origin)
        {
            var t = o["lines"];
            if (t == null || t.Type == JTokenType.Null) return new int[0];
            var a = t as JArray ?? throw Fail(origin, path, "must be an array of line numbers, e.g. [12, 13]");
            var lines = new List<int>();
            for (var i = 0; i < a.Count; i++)
            {
                if (a[i].Type != JTokenType.Integer || (long)a[i] < 1 || (long)a[i] > int.MaxValue)
                    throw Fail(origin, path + "[" + i + "]", "must be a line number (1 or more)");
                lines.Add((int)(long)a[i]);
            }
            return lines;
        }

        static JObject Clean(JObject o)
        {
            foreach (var prop in o.Properties().ToList())
                if (prop.Value.Type == JTokenType.Null) prop.Remove();
            return o;
        }

        static void Known(JObject o, string[] fields, string prefix, string origin)
        {
            foreach (var prop in o.Properties())
                if (!fields.Contains(prop.Name, StringComparer.Ordinal))
                {
                    var close = fields.OrderBy(f => FunctionMatcher.Distance(f.ToLowerInvariant(), prop.Name.ToLowerInvariant())).First();
                    throw Fail(origin, prefix + prop.Name, "is not a known field" + (FunctionMatcher.Distance(close.ToLowerInvariant(), prop.Name.ToLowerInvariant()) <= 3 ? "; did you mean '" + close + "'?" : "; known fields here: " + string.Join(", ", fields)));
                }
        }

        static string Str(JObject o, string name, string path, string origin, bool required = false)
        {
            var t = o[name];
            if (t == null || t.Type == JTokenType.Null)
            {
                if (required) throw Fail(origin, path, "is required");
                return null;
            }
            if (t.Type != JTokenType.String) throw Fail(origin, path, "must be a string, not " + t.Type.ToString().ToLowerInvariant());
            var s = ((string)t).Trim();
            if (required && s.Length == 0) throw Fail(origin, path, "must not be empty");
            return s;
        }

        /// <summary>A name the module writes, checked by the one names rule (InputValidator.Name): the profile's error names the field.</summary>
        static string NameField(Client.NameKind kind, string value, string path, string origin)
        {
            var problem = Client.InputValidator.NameProblem(kind, value, out var cleaned);
            if (problem != null) throw Fail(origin, path, problem.TrimEnd('.'));
            return cleaned;
        }

        static bool Bool(JObject o, string name, string path, string origin)
        {
            var t = o[name];
            if (t == null || t.Type == JTokenType.Null) return false;
            if (t.Type != JTokenType.Boolean) throw Fail(origin, path, "must be true or false");
            return (bool)t;
        }

        static JObject Obj(JObject o, string name, string path, string origin, bool required = false)
        {
            var t = o[name];
            if (t == null || t.Type == JTokenType.Null)
            {
                if (required) throw Fail(origin, path, "is required");
                return null;
            }
            return t as JObject ?? throw Fail(origin, path, "must be an object");
        }

        static JArray Arr(JObject o, string name, string path, string origin, bool required = false)
        {
            var t = o[name];
            if (t == null || t.Type == JTokenType.Null)
            {
                if (required) throw Fail(origin, path, "is required");
                return null;
            }
            return t as JArray ?? throw Fail(origin, path, "must be an array");
        }

        static PermissionLevel Level(JObject o, string name, string rowPath, string origin)
        {
            var t = o[name];
            if (t == null || t.Type == JTokenType.Null) return PermissionLevel.None;
            if (t.Type == JTokenType.String && PermissionLevelParser.TryParse((string)t, out var level)) return level;
            throw Fail(origin, rowPath + "." + name, "'" + t.ToString(Formatting.None).Trim('"') + "' is not a permission level; use None, My or All");
        }

        static string FirstSentence(string message)
        {
            var i = message.IndexOf(". Path", StringComparison.Ordinal);
            return i > 0 ? message.Substring(0, i) : message;
        }

        static ProfileFormatException Fail(string origin, string field, string reason) => new ProfileFormatException(origin, field, reason);
    }

    /// <summary>A profile file that is not in the documented format: which field, and why.</summary>
    public sealed class ProfileFormatException : Client.CwException
    {
        public ProfileFormatException(string origin, string field, string reason)
            : base(Client.ErrorIds.InvalidProfile, System.Management.Automation.ErrorCategory.InvalidData,
                   "Profile " + (origin ?? "") + ": " + field + ": " + reason + ".", origin)
        {
            Origin = origin; Field = field; Reason = reason;
        }

        public string Origin { get; }
        public string Field { get; }
        public string Reason { get; }
    }
}
