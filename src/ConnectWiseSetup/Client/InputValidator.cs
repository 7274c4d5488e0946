using System;
using System.Globalization;
using System.Linq;
using System.Security;
using System.Text.RegularExpressions;

namespace ConnectWiseSetup.Client
{
    /// <summary>
    /// Checks of user input made before any request. Each failure is a <see cref="CwException"/> with a
    /// specific ErrorId (category InvalidArgument, or SecurityError for http) and a message that says
    /// what to pass instead. Later code (cmdlets for roles, members, profiles) reuses these.
    /// </summary>
    internal static class InputValidator
    {
        public const string ClientIdEnvironmentVariable = "CONNECTWISE_CLIENTID";

        private static readonly Regex CompanyIdPattern = new Regex("^[A-Za-z0-9_.-]+$", RegexOptions.CultureInvariant);
        private static readonly Regex ApiVersionPattern = new Regex(@"^[0-9]{4}\.[0-9]{1,2}$", RegexOptions.CultureInvariant);
        private static readonly Regex CodebasePattern = new Regex("^[A-Za-z0-9_.-]+$", RegexOptions.CultureInvariant);
        private static readonly Regex FieldNamePattern = new Regex("^[A-Za-z_][A-Za-z0-9_/]*$", RegexOptions.CultureInvariant);

        /// <summary>The company ID of the site (the one typed at the login screen), trimmed.</summary>
        public static string CompanyId(string companyId)
        {
            var value = companyId?.Trim();
            if (string.IsNullOrEmpty(value))
                throw CwException.Invalid(ErrorIds.InvalidCompanyId,
                    "The company ID is empty. Pass -CompanyId with the company name you type at the ConnectWise login screen, for example -CompanyId contoso.");
            if (!CompanyIdPattern.IsMatch(value))
                throw CwException.Invalid(ErrorIds.InvalidCompanyId,
                    "The company ID '" + Printable(value) + "' contains characters other than letters, digits, '_', '-' and '.'. Pass the company ID exactly as typed at the ConnectWise login screen.", value);
            return value;
        }

        /// <summary>The integrator's clientId GUID: the explicit value, else the CONNECTWISE_CLIENTID environment variable.</summary>
        public static string ClientId(string clientId, Func<string, string> environment = null)
        {
            var value = clientId?.Trim();
            var source = "-ClientId";
            if (string.IsNullOrEmpty(value))
            {
                value = (environment ?? Environment.GetEnvironmentVariable)(ClientIdEnvironmentVariable)?.Trim();
                source = "the " + ClientIdEnvironmentVariable + " environment variable";
            }
            if (string.IsNullOrEmpty(value))
                throw CwException.Invalid(ErrorIds.ClientIdRequired,
                    "A ConnectWise clientId is required. Use -ClientId <GUID> or set the " + ClientIdEnvironmentVariable +
                    " environment variable (get a clientId at the ConnectWise developer portal).");
            if (!Guid.TryParse(value, out var guid))
                throw CwException.Invalid(ErrorIds.InvalidClientId,
                    "The clientId from " + source + " ('" + Printable(value) + "') is not a GUID. A clientId looks like 00000000-0000-0000-0000-000000000000.", value);
            return guid.ToString("D");
        }

        /// <summary>
        /// A host (<c>na.myconnectwise.net</c>, <c>127.0.0.1:5000</c>: https) or a URL with scheme and authority only
        /// (<c>https://api-na.myconnectwise.net</c>, <c>http://127.0.0.1:5000</c>). http only to loopback.
        /// </summary>
        public static ServerAddress Server(string server)
        {
            var value = server?.Trim();
            if (string.IsNullOrEmpty(value))
                throw CwException.Invalid(ErrorIds.InvalidServer,
                    "The server is empty. Pass -Server with your ConnectWise site, for example -Server na.myconnectwise.net or -Server https://cw.contoso.com.");

            var explicitScheme = value.IndexOf("://", StringComparison.Ordinal) >= 0;
            var text = explicitScheme ? value : "https://" + value;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
                throw InvalidServer(value, "it is not a host name or URL");
            var scheme = uri.Scheme.ToLowerInvariant();
            if (scheme != "https" && scheme != "http")
                throw InvalidServer(value, "only https:// (or http:// to this computer) is supported");
            if (!string.IsNullOrEmpty(uri.UserInfo))
                throw InvalidServer(value, "it contains user information; pass credentials with -Credential");
            if (uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
                throw InvalidServer(value, "it has a path or query; pass only the site (the codebase is discovered, or use -Codebase)");

            var address = new ServerAddress(scheme, uri.Host, uri.IsDefaultPort ? -1 : uri.Port, explicitScheme);
            if (scheme == "http" && !address.IsLoopback)
                throw new CwException(ErrorIds.InsecureServer, System.Management.Automation.ErrorCategory.SecurityError,
                    "Refusing to send credentials over plain http to '" + address.Authority + "'. Use https:// (http is allowed only to this computer: localhost, 127.0.0.1, ::1).",
                    ErrorMapping.WithoutUserInfo(value));
            return address;
        }

        public static string PublicKey(string publicKey)
        {
            if (string.IsNullOrEmpty(publicKey) || publicKey.Trim().Length == 0)
                throw CwException.Invalid(ErrorIds.InvalidPublicKey,
                    "The public key is empty. Pass the API key's public key as the user name of -Credential.");
            if (publicKey.Length > KeyMax)
                throw CwException.Invalid(ErrorIds.InvalidPublicKey,
                    "The public key has " + publicKey.Length.ToString(CultureInfo.InvariantCulture) + " characters; a ConnectWise key has 16 (at most " +
                    KeyMax.ToString(CultureInfo.InvariantCulture) + " are accepted). Pass the API key's public key as the user name of -Credential.");
            foreach (var c in publicKey)
                if (c == ':' || char.IsWhiteSpace(c) || char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
                    throw CwException.Invalid(ErrorIds.InvalidPublicKey,
                        "The public key contains ':', a space, a control or an invisible format character. Pass the API key's public key exactly as ConnectWise shows it, as the user name of -Credential.");
            return publicKey;
        }

        public static void PrivateKey(SecureString privateKey)
        {
            if (privateKey == null || privateKey.Length == 0)
                throw CwException.Invalid(ErrorIds.InvalidPrivateKey,
                    "The private key is empty. Pass the API key's private key as the password of -Credential.");
            if (privateKey.Length > KeyMax)
                throw CwException.Invalid(ErrorIds.InvalidPrivateKey,
                    "The private key has " + privateKey.Length.ToString(CultureInfo.InvariantCulture) + " characters; a ConnectWise key has 16 (at most " +
                    KeyMax.ToString(CultureInfo.InvariantCulture) + " are accepted). Pass the API key's private key as the password of -Credential.");
            if (SecretHelper.Any(privateKey, c => char.IsWhiteSpace(c) || char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format))
                throw CwException.Invalid(ErrorIds.InvalidPrivateKey,
                    "The private key contains a space or a control character (often a stray newline from copying). Pass the API key's private key exactly as ConnectWise showed it.");
        }

        /// <summary>null when not given; else like <c>2025.1</c>.</summary>
        public static string ApiVersion(string apiVersion)
        {
            if (apiVersion == null) return null;
            var value = apiVersion.Trim();
            if (!ApiVersionPattern.IsMatch(value))
                throw CwException.Invalid(ErrorIds.InvalidApiVersion,
                    "The API version '" + Printable(value) + "' is not like 2025.1. Pass -ApiVersion as year.release, for example -ApiVersion 2025.1, or leave it out to use the server's version.", value);
            return value;
        }

        /// <summary>null when not given; else the codebase without slashes (<c>v2025_1/</c> and <c>/v4_6_release/</c> become <c>v2025_1</c>, <c>v4_6_release</c>).</summary>
        public static string Codebase(string codebase)
        {
            if (codebase == null) return null;
            var value = NormalizeCodebase(codebase);
            if (value.Length == 0 || !CodebasePattern.IsMatch(value))
                throw CwException.Invalid(ErrorIds.InvalidCodebase,
                    "The codebase '" + Printable(codebase) + "' is not like v2025_1 or v4_6_release. Leave -Codebase out to discover it.", codebase);
            return value;
        }

        public static string NormalizeCodebase(string codebase) => (codebase ?? string.Empty).Trim().Trim('/', '\\', ' ');

        public static TimeSpan TimeoutSeconds(int seconds)
        {
            if (seconds < 1 || seconds > 86400)
                throw CwException.Invalid(ErrorIds.InvalidArgument, "-TimeoutSec must be between 1 and 86400 seconds; " + seconds.ToString(CultureInfo.InvariantCulture) + " was given.", seconds);
            return TimeSpan.FromSeconds(seconds);
        }

        /// <summary>ConnectWise's limit on a security role's name (cw-spec SecurityRole.name maxLength 30).</summary>
        public const int RoleNameMax = 30;

        /// <summary>A security role name, trimmed: the names rule (<see cref="Name"/>) for <see cref="NameKind.RoleName"/>.</summary>
        public static string RoleName(string name) => Name(NameKind.RoleName, name);

        /// <summary>A field name for conditions, orderBy, fields or a patch path: <c>name</c>, <c>securityRole/id</c>.</summary>
        public static string FieldName(string field)
        {
            if (field == null || !FieldNamePattern.IsMatch(field))
                throw CwException.Invalid(ErrorIds.InvalidConditionField,
                    "'" + Printable(field) + "' is not a ConnectWise field name: use letters, digits and '_', with '/' for nested fields (for example securityRole/id).", field);
            return field;
        }

        // ------------------------------------------------------------------ API members

        /// <summary>Most characters of an API member's identifier (the Member ID): CW-API.md, "max 15".</summary>
        public const int MemberIdentifierMax = 15;

        /// <summary>Most characters of an API member's name: CW-API.md, "max 30".</summary>
        public const int MemberNameMax = 30;

        /// <summary>
        /// UNCONFIRMED: which characters ConnectWise allows in a member identifier is not published. This rule
        /// (letters, digits, space, '_', '-', '.'; starting with a letter or digit; not ending with a space) admits
        /// every identifier the seed guides use ("MMB API", "MSPProcess") and matches the simulator's Fidelity rule.
        /// Change it here when a real tenant says otherwise.
        /// </summary>
        private static readonly Regex MemberIdentifierPattern = new Regex("^[A-Za-z0-9](?:[A-Za-z0-9 _.\\-]*[A-Za-z0-9_.\\-])?$", RegexOptions.CultureInvariant);

        /// <summary>An API member identifier: the names rule for <see cref="NameKind.MemberIdentifier"/> (not trimmed: " X" is refused, not changed).</summary>
        public static string MemberIdentifier(string identifier) => Name(NameKind.MemberIdentifier, identifier);

        /// <summary>An API member name, trimmed: the names rule for <see cref="NameKind.MemberName"/>.</summary>
        public static string MemberName(string name) => Name(NameKind.MemberName, name);

        /// <summary>An e-mail address, or null when not given. UNCONFIRMED: ConnectWise's own rule; we ask for one '@' with text on both sides, at most 250 characters.</summary>
        public static string EmailAddress(string email)
        {
            if (email == null) return null;
            var value = email.Trim();
            var at = value.IndexOf('@');
            if (value.Length == 0 || value.Length > 250 || at <= 0 || at != value.LastIndexOf('@') || at == value.Length - 1 || value.Any(c => char.IsWhiteSpace(c) || IsInvisible(c)))
                throw CwException.Invalid(ErrorIds.InvalidEmailAddress, "'" + Printable(email) + "' is not an e-mail address like integrations@contoso.com.", email);
            return value;
        }

        /// <summary>
        /// A value shortened and with every invisible or ambiguous character (control, format such as zero-width and
        /// direction marks, separators other than the plain space, surrogates) shown as <c>\uXXXX</c>: safe to put in a message.
        /// </summary>
        internal static string Printable(string value)
        {
            if (value == null) return "(null)";
            var sb = new System.Text.StringBuilder();
            foreach (var c in value)
            {
                if (sb.Length >= 80) { sb.Append("..."); break; }
                if (IsInvisible(c)) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                else sb.Append(c);
            }
            return sb.ToString();
        }

        private static bool IsInvisible(char c)
        {
            if (c == ' ') return false;
            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.Control:
                case UnicodeCategory.Format:
                case UnicodeCategory.LineSeparator:
                case UnicodeCategory.ParagraphSeparator:
                case UnicodeCategory.SpaceSeparator:
                case UnicodeCategory.Surrogate:
                case UnicodeCategory.PrivateUse:
                case UnicodeCategory.OtherNotAssigned:
                    return true;
                default:
                    return false;
            }
        }

        // ------------------------------------------------------------------ the names rule

        /// <summary>ConnectWise's limit on a department, location, level or time zone name (cw-spec Department.name, Location.name, TimeZoneSetup.name: 50).</summary>
        public const int ReferenceNameMax = 50;

        /// <summary>UNCONFIRMED: API keys are made in the web UI and the spec gives no limit on their description; we bound it at 100.</summary>
        public const int KeyDescriptionMax = 100;

        /// <summary>Our bound on a SecretManagement secret name (the vaults' own limits differ; none we know is lower in practice).</summary>
        public const int SecretNameMax = 128;

        /// <summary>Our bound on a public or private key: ConnectWise's keys have 16 characters; anything over this is not a key.</summary>
        public const int KeyMax = 128;

        /// <summary>
        /// THE names rule: one check for every name the module writes or looks up by name (role names, API member
        /// identifiers and names, key descriptions, department/location/level/time zone names, secret names), run before any
        /// request. Profile JSON and the guide reader call it too; there is no second copy. Returns the value to use
        /// (trimmed, except identifiers, which must come without surrounding spaces), or throws a <see cref="CwException"/>
        /// whose ErrorId belongs to <paramref name="kind"/> (<see cref="ErrorIdOf"/>) and whose message names the refused
        /// character and its position (1-based, in the trimmed value). The rule:
        /// <list type="number">
        /// <item>Required: not null, empty or only spaces.</item>
        /// <item>At most <see cref="MaxLength"/> UTF-16 characters (ConnectWise's own limits where the spec gives one).</item>
        /// <item>No control characters (Cc), no format characters (Cf: zero-width space/joiners, direction marks and
        /// embeddings, the byte order mark, the soft hyphen), no line or paragraph separators, no space other than U+0020,
        /// no private-use, unassigned or lone surrogate code points.</item>
        /// <item>Every character is NFKC-stable: a compatibility form (full-width letters, ligatures, mathematical letters,
        /// 'ſ', superscripts, circled letters) is refused and the plain character it stands for is named.</item>
        /// <item>No free-standing combining marks (U+0300-036F and the other "inherited" blocks): type the accented letter.</item>
        /// <item>Letters come from one script: Latin, Greek, Cyrillic, Armenian, Georgian, Hebrew, Arabic, Devanagari, Thai,
        /// or CJK (Han, Kana, Hangul), and Latin may be mixed only with CJK (as Japanese and Korean names are written;
        /// UTS #39's "highly restrictive" level, simplified). A letter of a script not listed here is refused.</item>
        /// <item>A name written wholly in Greek or Cyrillic letters that all look like Latin letters ("АТМ", "ΑΡΙ") is refused
        /// as a whole-script look-alike.</item>
        /// <item>Digits are 0-9 only; punctuation and symbols come from ASCII or Latin-1 (and '€'): typographic quotes, dashes
        /// and other look-alikes of ASCII punctuation are refused.</item>
        /// <item>Kind rules: role and reference names may not hold '"' (a lookup condition cannot carry it); a member
        /// identifier is ASCII letters, digits, space, '_', '-', '.', starting with a letter or digit and not ending with a space.</item>
        /// </list>
        /// </summary>
        public static string Name(NameKind kind, string value)
        {
            var problem = NameProblem(kind, value, out var cleaned);
            if (problem == null) return cleaned;
            throw CwException.Invalid(ErrorIdOf(kind), problem, value == null || value.Length <= 200 ? (object)value : value.Substring(0, 200) + "...");
        }

        /// <summary>
        /// The names rule without throwing: null when <paramref name="value"/> is a good name of <paramref name="kind"/> (then
        /// <paramref name="cleaned"/> is the value to use), else the sentence that says why not (for a profile's or a guide's
        /// own error, which names its field).
        /// </summary>
        public static string NameProblem(NameKind kind, string value, out string cleaned)
        {
            cleaned = null;
            var what = Describe(kind);
            var v = kind == NameKind.MemberIdentifier ? value : value?.Trim();
            if (string.IsNullOrWhiteSpace(v))
                return "The " + what + " is empty. " + Example(kind);
            var max = MaxLength(kind);
            if (v.Length > max)
                return "The " + what + " '" + Printable(v) + "' has " + v.Length.ToString(CultureInfo.InvariantCulture) +
                       " characters; " + (kind == NameKind.SecretName || kind == NameKind.KeyDescription ? "the module allows" : "ConnectWise allows") +
                       " at most " + max.ToString(CultureInfo.InvariantCulture) + ".";

            var scripts = new string[v.Length];
            for (var i = 0; i < v.Length; i++)
            {
                var c = v[i];
                int cp = c;
                var width = 1;
                if (char.IsHighSurrogate(c) && i + 1 < v.Length && char.IsLowSurrogate(v[i + 1])) { cp = char.ConvertToUtf32(c, v[i + 1]); width = 2; }
                var category = CharUnicodeInfo.GetUnicodeCategory(v, i);
                var why = CharacterProblem(kind, v, i, cp, width, category, out var script);
                if (why != null)
                    return "The " + what + " '" + Printable(v) + "' has " + why + " at position " + (i + 1).ToString(CultureInfo.InvariantCulture) +
                           ". " + Advice(kind);
                scripts[i] = script;
                if (width == 2) i++;
            }

            string normalized;
            try { normalized = v.Normalize(System.Text.NormalizationForm.FormKC); }
            catch (ArgumentException) { normalized = null; }
            if (!string.Equals(normalized, v, StringComparison.Ordinal))
                return "The " + what + " '" + Printable(v) + "' is not in Unicode's normal form (NFKC), so it can look like another name. " + Advice(kind);

            var mixing = ScriptProblem(v, scripts);
            if (mixing != null) return "The " + what + " '" + Printable(v) + "' " + mixing + " " + Advice(kind);

            if (kind == NameKind.MemberIdentifier && !MemberIdentifierPattern.IsMatch(v))
                return "The API member identifier '" + Printable(v) + "' may contain only letters, digits, spaces, '_', '-' and '.', must start with a letter or digit and must not end with a space.";

            cleaned = v;
            return null;
        }

        /// <summary>The most characters a name of <paramref name="kind"/> may have.</summary>
        public static int MaxLength(NameKind kind)
        {
            switch (kind)
            {
                case NameKind.RoleName: return RoleNameMax;
                case NameKind.MemberIdentifier: return MemberIdentifierMax;
                case NameKind.MemberName: return MemberNameMax;
                case NameKind.KeyDescription: return KeyDescriptionMax;
                case NameKind.ReferenceName: return ReferenceNameMax;
                default: return SecretNameMax;
            }
        }

        /// <summary>The stable ErrorId of a refused name of <paramref name="kind"/>.</summary>
        public static string ErrorIdOf(NameKind kind)
        {
            switch (kind)
            {
                case NameKind.RoleName: return ErrorIds.InvalidRoleName;
                case NameKind.MemberIdentifier: return ErrorIds.InvalidIdentifier;
                case NameKind.MemberName: return ErrorIds.InvalidMemberName;
                case NameKind.KeyDescription: return ErrorIds.InvalidKeyDescription;
                case NameKind.ReferenceName: return ErrorIds.InvalidReferenceName;
                default: return ErrorIds.InvalidSecretName;
            }
        }

        private static string Describe(NameKind kind)
        {
            switch (kind)
            {
                case NameKind.RoleName: return "security role name";
                case NameKind.MemberIdentifier: return "API member identifier";
                case NameKind.MemberName: return "API member name";
                case NameKind.KeyDescription: return "API key description";
                case NameKind.ReferenceName: return "name";
                default: return "secret name";
            }
        }

        private static string Example(NameKind kind)
        {
            switch (kind)
            {
                case NameKind.RoleName: return "Pass the role's name (-Name, at most " + RoleNameMax.ToString(CultureInfo.InvariantCulture) + " characters), for example 'MSP Process'.";
                case NameKind.MemberIdentifier: return "An API member identifier (the Member ID of the web UI) is required, for example -Identifier MSPProcess.";
                case NameKind.MemberName: return "An API member name is required, for example -Name 'MSP Process'.";
                case NameKind.KeyDescription: return "Pass a description such as 'MSP Process'.";
                case NameKind.ReferenceName: return "Pass a name or an id.";
                default: return "Pass a secret name such as 'contoso-MSPProcess'.";
            }
        }

        private static string Advice(NameKind kind)
            => kind == NameKind.MemberIdentifier
                ? "Type it again without that character: an identifier may contain only letters, digits, spaces, '_', '-' and '.'."
                : "Type it again without that character, with plain letters, digits, spaces and ASCII punctuation" +
                  (kind == NameKind.RoleName || kind == NameKind.ReferenceName ? " (no '\"')" : "") + ".";

        /// <summary>Why the character at <paramref name="i"/> is refused (null when it is allowed); the script of a letter or mark.</summary>
        private static string CharacterProblem(NameKind kind, string v, int i, int cp, int width, UnicodeCategory category, out string script)
        {
            script = null;
            var code = "U+" + cp.ToString("X4", CultureInfo.InvariantCulture);
            switch (category)
            {
                case UnicodeCategory.Control:
                    return "a control character (" + code + ", a tab, line break or similar)";
                case UnicodeCategory.Format:
                    return "an invisible format character (" + code + ": a zero-width character, direction mark, byte order mark or soft hyphen)";
                case UnicodeCategory.LineSeparator:
                case UnicodeCategory.ParagraphSeparator:
                    return "a line or paragraph separator (" + code + ")";
                case UnicodeCategory.SpaceSeparator:
                    return cp == ' ' ? null : "a space other than the ordinary space (" + code + ")";
                case UnicodeCategory.Surrogate:
                case UnicodeCategory.PrivateUse:
                case UnicodeCategory.OtherNotAssigned:
                    return "a code point that is not a character names may use (" + code + ")";
            }
            if (cp == '"' && (kind == NameKind.RoleName || kind == NameKind.ReferenceName))
                return "a '\"' (a ConnectWise lookup cannot carry it)";

            var text = v.Substring(i, width);
            string folded;
            try { folded = text.Normalize(System.Text.NormalizationForm.FormKC); }
            catch (ArgumentException) { folded = null; }
            if (!string.Equals(folded, text, StringComparison.Ordinal))
                return "'" + text + "' (" + code + "), a look-alike (compatibility) form of '" + Printable(folded) + "'";

            if (category == UnicodeCategory.NonSpacingMark || category == UnicodeCategory.EnclosingMark || category == UnicodeCategory.SpacingCombiningMark)
            {
                script = ScriptOf(cp);
                if (script == null) return "a combining mark (" + code + "); type the accented letter itself";
                return null;
            }
            if (char.IsLetter(v, i))
            {
                script = ScriptOf(cp);
                return script == null ? "'" + text + "' (" + code + "), a letter of a script names here may not use" : null;
            }
            if (category == UnicodeCategory.DecimalDigitNumber)
                return cp >= '0' && cp <= '9' ? null : "'" + text + "' (" + code + "), a digit other than 0-9";
            if (cp < 0x7F || (cp >= 0xA1 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 || cp == 0x20AC) return null;
            return "'" + text + "' (" + code + "), punctuation or a symbol outside ASCII and Latin-1 (a look-alike of a plain one?)";
        }

        /// <summary>The script of a letter or a script's own mark; null for letters of other scripts and for inherited marks.</summary>
        private static string ScriptOf(int cp)
        {
            if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= 0xC0 && cp <= 0x24F) || (cp >= 0x1E00 && cp <= 0x1EFF)) return "Latin";
            if ((cp >= 0x370 && cp <= 0x3FF) || (cp >= 0x1F00 && cp <= 0x1FFF)) return "Greek";
            if (cp >= 0x400 && cp <= 0x52F) return "Cyrillic";
            if (cp >= 0x530 && cp <= 0x58F) return "Armenian";
            if (cp >= 0x590 && cp <= 0x5FF) return "Hebrew";
            if ((cp >= 0x600 && cp <= 0x6FF) || (cp >= 0x750 && cp <= 0x77F)) return "Arabic";
            if (cp >= 0x900 && cp <= 0x97F) return "Devanagari";
            if (cp >= 0xE00 && cp <= 0xE7F) return "Thai";
            if (cp >= 0x10A0 && cp <= 0x10FF) return "Georgian";
            if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3130 && cp <= 0x318F) ||
                (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF)) return "CJK";
            return null;
        }

        // Greek and Cyrillic letters that look like Latin ones: a name made only of them reads as a Latin name.
        private const string LatinLookAlikes =
            "\u0391\u0392\u0395\u0396\u0397\u0399\u039A\u039C\u039D\u039F\u03A1\u03A4\u03A5\u03A7\u03B9\u03BF\u03BD\u03C1\u03C5" +
            "\u0405\u0406\u0408\u0410\u0412\u0415\u041A\u041C\u041D\u041E\u0420\u0421\u0422\u0425\u0430\u0435\u043E\u0440\u0441\u0443\u0445\u0455\u0456\u0458\u04AE\u04AF\u04BB\u0501\u051B\u051D";

        private static string ScriptProblem(string v, string[] scripts)
        {
            var counts = new System.Collections.Generic.Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var s in scripts)
                if (s != null) counts[s] = counts.TryGetValue(s, out var n) ? n + 1 : 1;
            if (counts.Count == 0) return null;
            if (counts.Count > 1 && !(counts.Count == 2 && counts.ContainsKey("Latin") && counts.ContainsKey("CJK")))
            {
                // The script most letters use (Latin on a tie) is the name's; the first letter of another one is named.
                var main = counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key == "Latin" ? 0 : 1).First().Key;
                for (var i = 0; i < v.Length; i++)
                    if (scripts[i] != null && scripts[i] != main && !(main == "Latin" && scripts[i] == "CJK") && !(main == "CJK" && scripts[i] == "Latin"))
                        return "mixes scripts: '" + v[i] + "' (U+" + ((int)v[i]).ToString("X4", CultureInfo.InvariantCulture) + ", " + scripts[i] +
                               ") at position " + (i + 1).ToString(CultureInfo.InvariantCulture) + " among " + main + " letters, so it can look like another name.";
            }
            if (counts.Count == 1 && (counts.ContainsKey("Greek") || counts.ContainsKey("Cyrillic")))
            {
                var all = true;
                for (var i = 0; i < v.Length && all; i++)
                    if (scripts[i] != null && LatinLookAlikes.IndexOf(v[i]) < 0) all = false;
                if (all)
                    return "is written in " + counts.Keys.First() + " letters that all look like Latin ones, so it reads as another name.";
            }
            return null;
        }

        /// <summary>A refused -Server; the value shown and kept as the target is without user info (a password typed into the URL is never echoed).</summary>
        private static CwException InvalidServer(string value, string why)
        {
            var shown = ErrorMapping.WithoutUserInfo(value);
            return CwException.Invalid(ErrorIds.InvalidServer,
                "The server '" + Printable(shown) + "' is not usable: " + why + ". Pass a host such as na.myconnectwise.net or a URL such as https://cw.contoso.com.", shown);
        }
    }

    /// <summary>What a name checked by <see cref="InputValidator.Name"/> names: it sets the length limit and the ErrorId.</summary>
    internal enum NameKind
    {
        /// <summary>A security role's name (max 30; CwInvalidRoleName).</summary>
        RoleName,
        /// <summary>An API member's identifier, the Member ID (max 15, ASCII; CwInvalidIdentifier).</summary>
        MemberIdentifier,
        /// <summary>An API member's name (max 30; CwInvalidMemberName).</summary>
        MemberName,
        /// <summary>An API key's description (max 100; CwInvalidKeyDescription).</summary>
        KeyDescription,
        /// <summary>A department, location, level or time zone looked up by name (max 50; CwInvalidReferenceName).</summary>
        ReferenceName,
        /// <summary>A SecretManagement secret name (max 128; CwInvalidSecretName).</summary>
        SecretName,
    }
}
