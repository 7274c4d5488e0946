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
            foreach (var c in publicKey)
                if (c == ':' || char.IsWhiteSpace(c) || char.IsControl(c))
                    throw CwException.Invalid(ErrorIds.InvalidPublicKey,
                        "The public key contains ':', a space or a control character. Pass the API key's public key exactly as ConnectWise shows it, as the user name of -Credential.");
            return publicKey;
        }

        public static void PrivateKey(SecureString privateKey)
        {
            if (privateKey == null || privateKey.Length == 0)
                throw CwException.Invalid(ErrorIds.InvalidPrivateKey,
                    "The private key is empty. Pass the API key's private key as the password of -Credential.");
            if (SecretHelper.Any(privateKey, c => char.IsWhiteSpace(c) || char.IsControl(c)))
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

        /// <summary>A field name for conditions, orderBy, fields or a patch path: <c>name</c>, <c>securityRole/id</c>.</summary>
        /// <summary>ConnectWise's limit on a security role's name.</summary>
        public const int RoleNameMax = 30;

        /// <summary>A security role name, trimmed: required, at most 30 characters, no control characters or '"' (which conditions cannot carry).</summary>
        public static string RoleName(string name)
        {
            var value = name?.Trim();
            if (string.IsNullOrEmpty(value))
                throw CwException.Invalid(ErrorIds.InvalidRoleName, "The security role name is empty. Pass -Name with the role's name (at most " + RoleNameMax + " characters).", name);
            if (value.Length > RoleNameMax)
                throw CwException.Invalid(ErrorIds.InvalidRoleName,
                    "The security role name '" + Printable(value) + "' is " + value.Length + " characters; ConnectWise allows at most " + RoleNameMax + ". Pass a shorter -Name.", value);
            foreach (var c in value)
                if (char.IsControl(c) || c == '"')
                    throw CwException.Invalid(ErrorIds.InvalidRoleName,
                        "The security role name '" + Printable(value) + "' contains a control character or '\"'. Pass a name without them.", value);
            return value;
        }

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

        /// <summary>An API member identifier: required, at most 15 characters, allowed characters only; not trimmed (" X" is refused, not changed).</summary>
        public static string MemberIdentifier(string identifier)
        {
            if (string.IsNullOrWhiteSpace(identifier))
                throw CwException.Invalid(ErrorIds.InvalidIdentifier,
                    "An API member identifier (the Member ID of the web UI) is required, for example -Identifier MSPProcess.", identifier);
            if (identifier.Length > MemberIdentifierMax)
                throw CwException.Invalid(ErrorIds.InvalidIdentifier,
                    "The API member identifier '" + Printable(identifier) + "' has " + identifier.Length.ToString(CultureInfo.InvariantCulture) +
                    " characters; ConnectWise allows at most " + MemberIdentifierMax.ToString(CultureInfo.InvariantCulture) + ".", identifier);
            if (!MemberIdentifierPattern.IsMatch(identifier))
                throw CwException.Invalid(ErrorIds.InvalidIdentifier,
                    "The API member identifier '" + Printable(identifier) + "' may contain only letters, digits, spaces, '_', '-' and '.', must start with a letter or digit and must not end with a space.", identifier);
            return identifier;
        }

        /// <summary>An API member name: required, trimmed, at most 30 characters.</summary>
        public static string MemberName(string name)
        {
            var value = name?.Trim();
            if (string.IsNullOrEmpty(value))
                throw CwException.Invalid(ErrorIds.InvalidMemberName, "An API member name is required, for example -Name 'MSP Process'.", name);
            if (value.Length > MemberNameMax)
                throw CwException.Invalid(ErrorIds.InvalidMemberName,
                    "The API member name '" + Printable(value) + "' has " + value.Length.ToString(CultureInfo.InvariantCulture) +
                    " characters; ConnectWise allows at most " + MemberNameMax.ToString(CultureInfo.InvariantCulture) + ".", name);
            foreach (var c in value)
                if (char.IsControl(c))
                    throw CwException.Invalid(ErrorIds.InvalidMemberName, "The API member name contains a control character (a tab or line break?).", name);
            return value;
        }

        /// <summary>An e-mail address, or null when not given. UNCONFIRMED: ConnectWise's own rule; we ask for one '@' with text on both sides, at most 250 characters.</summary>
        public static string EmailAddress(string email)
        {
            if (email == null) return null;
            var value = email.Trim();
            var at = value.IndexOf('@');
            if (value.Length == 0 || value.Length > 250 || at <= 0 || at != value.LastIndexOf('@') || at == value.Length - 1 || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
                throw CwException.Invalid(ErrorIds.InvalidEmailAddress, "'" + Printable(email) + "' is not an e-mail address like integrations@contoso.com.", email);
            return value;
        }

        /// <summary>A value shortened and with control characters shown escaped, safe to put in a message.</summary>
        internal static string Printable(string value)
        {
            if (value == null) return "(null)";
            var sb = new System.Text.StringBuilder();
            foreach (var c in value)
            {
                if (sb.Length >= 80) { sb.Append("..."); break; }
                if (char.IsControl(c)) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                else sb.Append(c);
            }
            return sb.ToString();
        }

        /// <summary>A refused -Server; the value shown and kept as the target is without user info (a password typed into the URL is never echoed).</summary>
        private static CwException InvalidServer(string value, string why)
        {
            var shown = ErrorMapping.WithoutUserInfo(value);
            return CwException.Invalid(ErrorIds.InvalidServer,
                "The server '" + Printable(shown) + "' is not usable: " + why + ". Pass a host such as na.myconnectwise.net or a URL such as https://cw.contoso.com.", shown);
        }
    }
}
