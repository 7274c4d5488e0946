using System.Text.RegularExpressions;

namespace ConnectWiseSetup.Simulator;

/// <summary>
/// Every choice the simulator makes where ConnectWise's real behaviour is UNCONFIRMED (see
/// shared/CW-API.md and CW-CATALOG.md). One place to change when a real tenant says otherwise.
/// Nothing here is a published ConnectWise fact; each member says what it stands for.
/// Members used by the code switch behaviour; boolean flags whose behaviour is written directly in the code
/// (routing case, trailing slash, paging validation, array paths, etc.) document the choice and where to change it.
/// </summary>
public static class Fidelity
{
    // ---------------------------------------------------------------- versions and discovery

    /// <summary>Codebase reported by /login/companyinfo (trailing slash as seen in the wild).</summary>
    public const string Codebase = "v2025_1/";
    /// <summary>The legacy codebase prefix every real server also answers under.</summary>
    public const string LegacyCodebase = "v4_6_release/";
    /// <summary>VersionCode of companyinfo. Format seen in clients: "v2025.1".</summary>
    public const string VersionCode = "v2025.1";
    /// <summary>VersionNumber of companyinfo: UNCONFIRMED format; a 4.6 build number style.</summary>
    public const string VersionNumber = "v4.6.2025.1.85001";
    /// <summary>/system/info version: "v2025.1.&lt;build&gt;".</summary>
    public const string SystemInfoVersion = "v2025.1.85001";
    /// <summary>api-current-version response header. The Accept header's requested version is read but any value is served as this version (UNCONFIRMED what CW does with unknown versions).</summary>
    public const string ApiCurrentVersion = "2025.1";
    /// <summary>serverTimeZone of /system/info.</summary>
    public const string ServerTimeZone = "Eastern Standard Time";
    /// <summary>cloudRegion of /system/info for an on-premises (IsCloud false) server: UNCONFIRMED, we send null.</summary>
    public const string CloudRegion = null;

    /// <summary>
    /// Unknown companyId on GET /login/companyinfo/{id}: UNCONFIRMED. The simulator answers
    /// 404 with a ConnectWise error body (code NotFound). A client must treat it as "no such company".
    /// </summary>
    public const int UnknownCompanyInfoStatus = 404;

    /// <summary>Company ids are matched case-insensitively (the login screen does not care about case): UNCONFIRMED.</summary>
    public static readonly StringComparer CompanyIdComparer = StringComparer.OrdinalIgnoreCase;

    /// <summary>Routing under /apis/3.0/ is case-insensitive (securityroles vs securityRoles both work): most likely as ConnectWise (IIS/ASP.NET); UNCONFIRMED.</summary>
    public const bool CaseInsensitiveRouting = true;
    /// <summary>A trailing slash on an API path is ignored (customizeItems/ is documented with one).</summary>
    public const bool TrailingSlashTolerant = true;

    // ---------------------------------------------------------------- authentication

    /// <summary>401 code when the Authorization header is missing or not Basic/parsable.</summary>
    public const string MissingAuthCode = "Unauthorized";
    public const string MissingAuthMessage = "Authorization has been denied for this request.";
    /// <summary>401 when credentials are wrong, the key was deleted, or the member is inactive: clients report code ConnectWiseApi / message UserNotAuthenticated.</summary>
    public const string BadCredentialsCode = "ConnectWiseApi";
    public const string BadCredentialsMessage = "UserNotAuthenticated";
    /// <summary>Bad credentials answer 401 (never 404 as some cloud hosts reportedly do): UNCONFIRMED which one a given host uses.</summary>
    public const int BadCredentialsStatus = 401;
    /// <summary>Missing clientId header: 401, code Unauthorized. Message text UNCONFIRMED.</summary>
    public const string MissingClientIdMessage = "clientId header is required. See https://developer.connectwise.com/ClientID";
    /// <summary>clientId must be a well-formed GUID; any GUID is accepted (the real server checks its integrator registry, which the simulator does not have).</summary>
    public const bool ClientIdMustBeGuid = true;
    /// <summary>
    /// A deleted key (operator channel DELETE .../keys/{id}) is refused from the next request on: UNCONFIRMED. Nothing public says
    /// whether ConnectWise caches a key's sign-in for a while after it is deleted (searched: client issue threads and vendor guides
    /// on deleting or rotating ConnectWise API keys; other products are seen to cache for minutes). Update-CwApiKey does not rely on
    /// it: it watches the old key until it is refused, for up to -WatchTimeout (30 minutes by default), and unattended runs check again.
    /// </summary>
    public const bool DeletedKeyRefusedAtOnce = true;
    /// <summary>API keys: 16 alphanumeric characters, like ConnectWise's.</summary>
    public const int ApiKeyLength = 16;
    public const string ApiKeyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    // ---------------------------------------------------------------- errors

    /// <summary>Code for a 400 from a malformed request (bad JSON, bad query parameter, bad conditions): UNCONFIRMED.</summary>
    public const string BadRequestCode = "InvalidObject";
    /// <summary>Code for a 404: "NotFound" as seen in client error handling.</summary>
    public const string NotFoundCode = "NotFound";
    /// <summary>Code and message for 403 (role lacks the function/level): UNCONFIRMED wording.</summary>
    public const string ForbiddenCode = "Forbidden";
    public static string ForbiddenMessage(string module, string function, string level) =>
        $"You do not have permission to perform this action. Security requires {level} level on {module} / {function}.";
    /// <summary>405 code: UNCONFIRMED.</summary>
    public const string MethodNotAllowedCode = "MethodNotAllowed";
    /// <summary>409 when deleting a record in use (e.g. a role assigned to a member): UNCONFIRMED code/message.</summary>
    public const string ConflictCode = "Conflict";
    public const string InUseErrorCode = "RecordInUse";
    /// <summary>415 for a body whose Content-Type is not JSON.</summary>
    public const string UnsupportedMediaTypeCode = "UnsupportedMediaType";
    public const string TooManyRequestsCode = "TooManyRequests";
    public const string ServerErrorCode = "ConnectWiseApi";
    /// <summary>Request bodies over this size answer 413 with an error body.</summary>
    public const int MaxBodyBytes = 1024 * 1024;
    /// <summary>errors[].code for a required field that is missing/empty: UNCONFIRMED.</summary>
    public const string RequiredFieldCode = "NullOrEmpty";
    /// <summary>errors[].code for a field over its maximum length: UNCONFIRMED.</summary>
    public const string MaxLengthCode = "InvalidField";
    /// <summary>errors[].code for a reference ({id}) that does not exist, or a bad value: UNCONFIRMED.</summary>
    public const string InvalidFieldCode = "InvalidField";
    /// <summary>errors[].code for a duplicate: "ObjectExists" (documented in CW-API.md).</summary>
    public const string ObjectExistsCode = "ObjectExists";
    public static string InvalidObjectMessage(string resource) => $"{resource} object is invalid";

    // ---------------------------------------------------------------- lists and queries

    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 1000;
    /// <summary>pageSize above 1000: UNCONFIRMED whether CW clamps or rejects. The simulator clamps to 1000 (a client asking for more gets pages of 1000 and must follow Link).</summary>
    public const bool ClampPageSizeAboveMax = true;
    /// <summary>pageSize &lt; 1, page &lt; 1, or non-numeric values answer 400.</summary>
    public const bool RejectNonPositivePaging = true;
    /// <summary>
    /// Link header order and content for page/pageSize paging: first, prev (when page &gt; 1), next, last (when
    /// more pages), each <c>&lt;url&gt;; rel="x"</c>, comma separated. Order UNCONFIRMED: parse by rel.
    /// The last page carries first/prev only; a single page carries no Link header.
    /// </summary>
    public const bool LinkHeaderOnSinglePage = false;
    /// <summary>forward-only paging orders by id; an orderBy with forward-only answers 400 (UNCONFIRMED whether CW ignores it instead).</summary>
    public const bool ForwardOnlyRejectsOrderBy = true;
    /// <summary>String comparisons in conditions and orderBy ignore case (SQL Server default collation).</summary>
    public static readonly StringComparison ConditionStringComparison = StringComparison.OrdinalIgnoreCase;
    /// <summary>like: only % is a wildcard; _ is literal (UNCONFIRMED; SQL Server would treat _ as one character).</summary>
    public const bool LikeUnderscoreIsWildcard = false;
    /// <summary>A double quote inside a string value cannot be escaped (UNCONFIRMED how): \" in conditions answers 400.</summary>
    public const bool RejectEscapedQuotes = true;
    /// <summary>A field in conditions/orderBy that the resource does not have answers 400 (UNCONFIRMED message).</summary>
    public const bool UnknownFieldIs400 = true;
    /// <summary>childConditions and customFieldConditions are accepted and ignored (no child collections or custom fields are emulated).</summary>
    public const bool IgnoreChildAndCustomFieldConditions = true;
    /// <summary>A path through an array (e.g. types/name on companies) is unknown to conditions (400): ConnectWise filters arrays with childConditions, which the simulator ignores.</summary>
    public const bool ArrayPathsInConditionsAre400 = true;
    /// <summary>Unknown names in fields= are left out silently (UNCONFIRMED whether CW answers 400).</summary>
    public const bool UnknownFieldsInFieldsIgnored = true;

    // ---------------------------------------------------------------- security roles

    public const int RoleNameMax = 30;
    /// <summary>roleType of roles created through the API: UNCONFIRMED value.</summary>
    public const string DefaultRoleType = "Standard";
    /// <summary>Every role has one settings row per catalogue function (UNCONFIRMED: CW may omit rows).</summary>
    public const bool SettingsRowForEveryFunction = true;
    /// <summary>
    /// A new role: every level None. A role created with adminFlag true: every level All (never My).
    /// </summary>
    public const string NewRoleLevel = "None";
    public const string AdminRoleLevel = "All";

    /// <summary>
    /// moduleIdentifier: invented; the prefixes of the API's customizeIdentifier values suggest
    /// internal module codes like "Company", "Finance", "Service", "System" (max 20).
    /// moduleName: the UI label as well (CW-API.md's reading puts the label in moduleDescription; moduleName's
    /// real content is UNCONFIRMED, we repeat the label there). moduleDescription: the UI label ("Companies").
    /// </summary>
    public static string ModuleIdentifier(string moduleCode) => moduleCode;
    public static string ModuleName(string moduleLabel) => moduleLabel;

    /// <summary>Two-letter module prefixes of the invented moduleFunctionIdentifier.</summary>
    public static readonly IReadOnlyDictionary<string, string> ModulePrefixes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Company"] = "CO", ["Finance"] = "FI", ["Marketing"] = "MK", ["Procurement"] = "PC", ["Project"] = "PJ",
        ["Sales"] = "SA", ["Service"] = "SD", ["System"] = "SY", ["TimeExpense"] = "TE",
    };

    /// <summary>
    /// moduleFunctionIdentifier (max 5): a two-letter module prefix plus the 3-digit position in the module,
    /// e.g. "CO001" for Companies / Company Maintenance. Invented.
    /// </summary>
    public static string ModuleFunctionIdentifier(string moduleCode, int indexInModule) =>
        (ModulePrefixes.TryGetValue(moduleCode, out var p) ? p : moduleCode.Substring(0, 2).ToUpperInvariant()) + (indexInModule + 1).ToString("000");

    /// <summary>
    /// moduleFunctionName (max 10): the label's letters and digits, truncated to 10, e.g. "CompanyMai". Invented, so a
    /// client matching only moduleFunctionName fails as it would against real short codes;
    /// the UI label is moduleFunctionDescription.
    /// </summary>
    public static string ModuleFunctionName(string functionLabel)
    {
        var s = Regex.Replace(functionLabel, "[^A-Za-z0-9]", "");
        return s.Length > 10 ? s.Substring(0, 10) : s;
    }

    /// <summary>Labels are matched (operator channel) after lower-casing and removing everything but letters and digits, plus catalogue aliases.</summary>
    public static string NormalizeLabel(string s) => Regex.Replace((s ?? "").ToLowerInvariant(), "[^a-z0-9]", "");

    /// <summary>
    /// Customize items: a list's allowAll gives the role every item of that list (mySecurity/customizeItems returns
    /// them all, not a wildcard row): UNCONFIRMED. Table Setup itemIdentifier: the table label in PascalCase
    /// without category (e.g. "Company / Company Status" -&gt; "CompanyStatus"), kept in Data/catalog.json.
    /// </summary>
    public const bool AllowAllExpandsToEveryItem = true;
    /// <summary>mySecurity and mySecurity/customizeItems are paged like every list (default 25; follow Link): UNCONFIRMED.</summary>
    public const bool MySecurityIsPaged = true;
    /// <summary>
    /// An API member's /system/mySecurity rows are its security role's settings rows, levels as the grid shows them, each
    /// carrying the member: UNCONFIRMED (documents ApiRoutes.MySecurity, written in code). Install-CwIntegration's rerun
    /// relies on it: a key whose effective rows match the profile stands for the role's grid, which is then not read.
    /// </summary>
    public const bool MySecurityIsTheRolesGrid = true;
    /// <summary>
    /// A refused key (wrong, deleted, inactive member) gets 401 on any API request, /system/mySecurity included, not only on
    /// /system/info: UNCONFIRMED (written in code: authentication happens before routing). A key checked on a tenant the
    /// module is connected to signs in with its mySecurity read.
    /// </summary>
    public const bool AnyRequestAuthenticates = true;
    /// <summary>A new non-admin role has no Customize items; an adminFlag role has allowAll on every list: UNCONFIRMED.</summary>
    public const bool NewRoleHasNoCustomizeItems = true;

    // ---------------------------------------------------------------- API members

    public const int MemberIdentifierMax = 15;
    public const int MemberNameMax = 30;
    /// <summary>Member identifier characters: letters, digits, space, underscore, hyphen, period; must start with a letter or digit and not end with a space; it is not trimmed, so " X" is rejected rather than silently changed (UNCONFIRMED; one guide uses "MMB API").</summary>
    public static readonly Regex MemberIdentifierPattern = new("^[A-Za-z0-9](?:[A-Za-z0-9 _.\\-]*[A-Za-z0-9_.\\-])?$", RegexOptions.CultureInvariant);
    /// <summary>Fields an API member POST/PUT must carry (what the UI demands): UNCONFIRMED for the API.</summary>
    public static readonly string[] MemberRequiredReferences =
        { "securityRole", "structureLevel", "securityLocation", "defaultLocation", "defaultDepartment", "timeZone" };
    /// <summary>
    /// /system/apiMembers/default: a template with id 0, no identifier/name/role, and defaults where the tenant has an
    /// obvious one (the default time zone, the first location, department and corporate level). UNCONFIRMED content.
    /// </summary>
    public const bool DefaultMemberFillsObviousDefaults = true;

    // ---------------------------------------------------------------- faults and limits

    /// <summary>Rate limiting: off unless configured (no published number). Window counts per tenant.</summary>
    public const int DefaultRateLimitRequests = 0;
    public const int DefaultRateLimitWindowSeconds = 60;
    /// <summary>A fault that drops the connection happens before the request is processed; a malformed body fault happens after (the change is made, the answer is broken).</summary>
    public const bool MalformedAfterProcessing = true;

    // ---------------------------------------------------------------- permissions (phase D)

    /// <summary>403 comes before 404 (the role is checked before the record is looked up): UNCONFIRMED order.</summary>
    public const bool PermissionCheckedBeforeLookup = true;
    /// <summary>Customize allow-lists are stored and reported (mySecurity/customizeItems) but not enforced on endpoints.</summary>
    public const bool CustomizeListsEnforced = false;
    /// <summary>A My level limits a caller to records whose owner field (member/identifier, owner/identifier) is its own identifier; elsewhere My counts as All. Others' records answer 404.</summary>
    public const bool MyLevelFiltersOwnRecords = true;
    /// <summary>GET needs Inquire, POST Add, PUT/PATCH Edit, DELETE Delete; the mapping endpoint -&gt; function is in Data/permissions.json (best reading, not a published table).</summary>
    public static string LevelFor(string method) => method.ToUpperInvariant() switch
    {
        "GET" => "inquireLevel",
        "POST" => "addLevel",
        "PUT" or "PATCH" => "editLevel",
        "DELETE" => "deleteLevel",
        _ => "inquireLevel",
    };
}
