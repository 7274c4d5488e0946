using System.Text.RegularExpressions;

namespace ConnectWiseSetup.Simulator;

/// <summary>
/// Every choice the simulator makes about ConnectWise's behaviour, in one place, each with its evidence or marked
/// UNCONFIRMED with what was searched. Evidence cited below (public sources; facts only, nothing copied):
/// <list type="bullet">
/// <item>[PS-ALL] christaylorcodes/ConnectWiseManageAPI, ConnectWiseManageAPI/Public/Invoke/Invoke-CWMAllResult.ps1 (0.4.16), the most
/// used PowerShell client, written against real servers: with pagination-type forward-only it requires a Link header on every
/// page (a missing one means "endpoint doesn't support forward-only"), stops when its value is empty, and takes the URL before
/// the first ';' as the next page.</item>
/// <item>[PY-LINK] HealthITAU/pyconnectwise, src/pyconnectwise/utils/helpers.py parse_link_headers: reads each link with
/// <c>page=(\d+)&gt;; rel="..."</c>, i.e. page is the last query parameter of a Link URL.</item>
/// <item>[LAZYADMIN] https://www.thelazyadministrator.com/2024/06/06/how-the-connectwise-manage-api-handles-pagination-with-powershell/ :
/// a real answer's header <c>Link: &lt;https://SERVER/v4_6_release/apis/3.0/company/companies?pageSize=1000&amp;page=2&gt;; rel="next", ...</c>;
/// pageSize at most 1,000; pageId acts as "id &gt; pageId".</item>
/// <item>[CT-30] christaylorcodes/ConnectWiseManageAPI issue #30: a real 400 <c>{"code":"InvalidObject","message":"configuration object is
/// invalid","errors":[{"code":"MissingRequiredField","message":"id or deviceIdentifier is required.","resource":"configuration","field":"id"}]}</c>.</item>
/// <item>[LT-4] LabtechConsulting/ConnectWise-Manage-Powershell issue #4: <c>ApiFindCondition</c> / "typeids is not a recognized name."; public
/// code comments quote real 400s <c>{"code":"ApiFindCondition","message":"invoiceDate is not a recognized name."}</c> and
/// "board/name is not a recognized name." for an unknown field in conditions (code index ids 67106515947, 70116277040).</item>
/// <item>[SEC-403] a public code comment quoting a real 403 <c>{"code":"Security","message":"You do not have security permission to perform this
/// action."}</c> for a role without Member Maintenance Inquire (code index id 67116424323; the index does not name its repository).</item>
/// <item>[KT-32] KelvinTegelaar/PowerShellWarrantyReports pull #32: a real /login/companyinfo answer: Codebase v2020_4/, VersionCode v2020.4,
/// VersionNumber v4.6.77997, CompanyID, IsCloud, SiteUrl api-na.myconnectwise.net, AllowedOrigins (a list of host patterns).</item>
/// <item>[CV-35] covenanttechnologysolutions/connectwise-rest issue #35: <c>{"code":"ConnectWiseApi","message":"The HTTP resource that matches
/// the request URI '...' does not support the API version '0.0'."}</c> for Accept version=3.0.0 (and for 2021.1 on a newer endpoint);
/// the maintainer: 3.0.0 "may have been disabled for hosted instances"; dropping the ConnectWise media type from Accept avoids it.</item>
/// <item>[PY-41] HealthITAU/pyconnectwise pull #41: ConnectWise's Cloudflare edge rate-limits the API with 429 and a wait to honour.</item>
/// <item>[CT-18] christaylorcodes/ConnectWiseManageAPI issue #18: bad key on /system/info: code ConnectWiseApi, message UserNotAuthenticated.</item>
/// <item>[SQ] public scripts run against real servers use single-quoted strings in conditions (<c>company/identifier='X' AND status/name='Y'</c>,
/// also in childConditions); one doubles an apostrophe to escape it (code index ids 38862464151, 15980260750, 39011969038, 51815874603).</item>
/// <item>[NOTES] public integration notes (code index ids 52581409960, 70458373079): a page past the last is an empty array, not an error;
/// contact types in conditions answer 400 ApiFindCondition and must go in childConditions.</item>
/// <item>[PY-23] HealthITAU/pyconnectwise issue #23: a user got 25 rows per page while asking for pageSize 1000 (not reproduced by the
/// maintainers): a server may honour fewer rows than asked.</item>
/// <item>[ISSUE-13] the project's issue 13 lists further forms as settled (MaxLengthField and its message, NotFound with field "x/id",
/// OutOfRange for pageSize, case-insensitive parameter names, a 200 null companyinfo body, 404 for bad credentials on cloud hosts).
/// Their public sources were not found again in the stored corpora (searched: issues and code for MaxLengthField, "must be a string
/// with a maximum length", OutOfRange pageSize, companyinfo null, 404 instead of 401): followed as the best reading, switchable where
/// ServerBehavior allows.</item>
/// <item>[DEVGUIDE] ConnectWise's developer guide as mirrored publicly (gitea.resolutionflow.com/chihlasm/resolutionflow, docs/connectwise/
/// Developer-Guide.md and best-practices/PSA-Pagination.md), facts recorded in the project's CW-API.md ("Evidence added 2026-12-06"): a
/// rate-limited request gets 429, Retry-After in seconds and a body keyed error, not code (<c>{"error": "ConnectWiseAPI", "message": "Too
/// many requests. Please try again in 30 seconds."}</c>); companyinfo's example writes <c>"IsCloud": "True"</c>; plain HTTP (or a cloud host
/// without the api- prefix) gets <c>{"code":"Security","message":"SSL is required.","errors":null}</c>; forward-only paging is asked for
/// with <c>pagination-type: forward-only</c>, ignores page, does not allow orderBy and always carries a Link header; a navigable list
/// that fits one page carries no Link and a last page has no rel="next".</item>
/// <item>[AUDIT] public clients read one record's trail with <c>GET /system/audittrail?type=Ticket&amp;id=N</c> (christaylorcodes/
/// ConnectWiseManageAPI Get-CWMAuditTrail: type from Ticket, Contact, Company, Opportunity, Time, Activity, ProductCatalog, ProjectTicket,
/// Purchasing, Configuration, Schedule, Agreement, AgreementAddition, Project, Invoice, PurchaseOrder, Expense, id and an optional
/// deviceIdentifier; code index ids 26327100813, 17722555813 and 37365949236 do the same for Ticket and Configuration).</item>
/// <item>[REPORTS] public scripts read standard reports by name: <c>GET /system/reports/ChargeCode</c> (LabtechConsulting's ConnectWise-Manage
/// PowerShell, code index id 29237501173: each column_definitions entry is an object with one property, the column's name; row_values
/// are arrays in column order; it keys charge codes by the Description column), <c>/system/reports/Company?conditions=Company_ID="X"
/// &amp;columns=Company_ID,...</c> (code index id 44957603859); christaylorcodes/ConnectWiseManageAPI Get-CWMReport and
/// Get-CWMReportColumn (<c>/system/reports/{name}/columns</c>). Report names and their columns with types Text, Numeric, Boolean, DateTime
/// and nullability: rjanicek/connectwise-action-api available-reports.md (the reports of ConnectWise v2015.1).</item>
/// <item>[SPEC] the project's spec facts (../shared/cw-spec): the 2025.1 models and operations, the 2026.4 catalogue.</item>
/// </list>
/// Forms a real server may vary are switchable per tenant through <see cref="ServerBehavior"/>, whose defaults are the members here.
/// </summary>
public static class Fidelity
{
    // ---------------------------------------------------------------- versions and discovery

    /// <summary>Codebase reported by /login/companyinfo, with the trailing slash real answers carry ([KT-32]: "v2020_4/").</summary>
    public const string Codebase = "v2025_1/";
    /// <summary>The legacy codebase prefix every real server also answers under (on-premises servers report it as their codebase [KT-32]).</summary>
    public const string LegacyCodebase = "v4_6_release/";
    /// <summary>VersionCode of companyinfo: "v&lt;year&gt;.&lt;release&gt;" ([KT-32]: "v2020.4").</summary>
    public const string VersionCode = "v2025.1";
    /// <summary>VersionNumber of companyinfo: "v4.6.&lt;build&gt;" ([KT-32]: "v4.6.77997"); the build number is invented.</summary>
    public const string VersionNumber = "v4.6.85001";
    /// <summary>AllowedOrigins of companyinfo: a list of host patterns ([KT-32] shows *.connectwisedev.com, *.myconnectwise.net, ...). The simulator's own list is invented.</summary>
    public static readonly string[] AllowedOrigins = { "127.0.0.1", "localhost" };
    /// <summary>/system/info version: "v2025.1.&lt;build&gt;" (clients read the year and release from it: [PS-ALL]'s Connect-CWM casts it to a version).</summary>
    public const string SystemInfoVersion = "v2025.1.85001";
    /// <summary>api-current-version response header value: UNCONFIRMED format (a real header of that name is seen in [LAZYADMIN], its value cut off).</summary>
    public const string ApiCurrentVersion = "2025.1";
    /// <summary>Default of ServerBehavior.ApiCurrentVersionHeader: every API answer carries api-current-version ([LAZYADMIN] shows it on a list answer).</summary>
    public const bool SendsApiCurrentVersion = true;
    /// <summary>serverTimeZone of /system/info.</summary>
    public const string ServerTimeZone = "Eastern Standard Time";
    /// <summary>
    /// The simulator is a cloud tenant: ConnectWise's developer guide (quoted in [KT-32]) says a cloud environment reports a codebase carrying
    /// the version (v2025_1/) while on-premises servers report v4_6_release/. So IsCloud is true in companyinfo and /system/info.
    /// </summary>
    public const bool IsCloud = true;
    /// <summary>Default of ServerBehavior.CompanyInfoIsCloud: a JSON boolean (other clients' fixtures); "string" writes "True" as [DEVGUIDE]'s example does.</summary>
    public const ServerBehavior.IsCloudForm CompanyInfoIsCloud = ServerBehavior.IsCloudForm.Boolean;
    /// <summary>cloudRegion of /system/info: UNCONFIRMED format (searched issues and code for cloudRegion values); "NA" for the North America hosts.</summary>
    public const string CloudRegion = "NA";

    /// <summary>
    /// API versions a 2025.1 server serves in the Accept header: "yyyy.r" from 2019.1 to 2025.1. Anything else (3.0.0, a newer release, a
    /// malformed value) is refused with <see cref="UnsupportedApiVersionMessage"/> ([CV-35]). The range is UNCONFIRMED (searched: issues
    /// for "does not support the API version"; one thread, [CV-35]); per-endpoint minimum versions are not emulated.
    /// </summary>
    public static bool ServesApiVersion(string version)
    {
        var m = Regex.Match(version ?? "", @"^(\d{4})\.(\d{1,2})$");
        if (!m.Success) return false;
        var v = int.Parse(m.Groups[1].Value) * 100 + int.Parse(m.Groups[2].Value);
        return v >= 201901 && v <= 202501;
    }
    /// <summary>Status of a refused API version: UNCONFIRMED ([CV-35] quotes the body only); 400 as ASP.NET's API versioning answers.</summary>
    public const int UnsupportedApiVersionStatus = 400;
    public const string UnsupportedApiVersionCode = "ConnectWiseApi";
    /// <summary>[CV-35]'s message. It quoted '0.0' for a request of 3.0.0; the simulator quotes the requested text (UNCONFIRMED how a server renders it).</summary>
    public static string UnsupportedApiVersionMessage(string url, string version) =>
        $"The HTTP resource that matches the request URI '{url}' does not support the API version '{version}'.";
    /// <summary>The version in Accept is read only when ConnectWise's media type is the first one listed ([CV-35]: with the media type removed, the same request works).</summary>
    public const string CwMediaType = "application/vnd.connectwise.com+json";

    /// <summary>
    /// Default of ServerBehavior.UnknownCompanyInfo: an unknown company on GET /login/companyinfo/{id} answers 200 with the body
    /// <c>null</c> on at least some hosts [ISSUE-13]; <c>NotFound</c> answers 404 instead (what other hosts may do: UNCONFIRMED).
    /// </summary>
    public const ServerBehavior.CompanyInfoAnswer UnknownCompanyInfo = ServerBehavior.CompanyInfoAnswer.NullBody;

    /// <summary>Company ids are matched case-insensitively (the login screen does not care about case): UNCONFIRMED.</summary>
    public static readonly StringComparer CompanyIdComparer = StringComparer.OrdinalIgnoreCase;

    /// <summary>Routing under /apis/3.0/ is case-insensitive (securityroles vs securityRoles both work): most likely as ConnectWise (IIS/ASP.NET); UNCONFIRMED.</summary>
    public const bool CaseInsensitiveRouting = true;
    /// <summary>A trailing slash on an API path is ignored (customizeItems/ is documented with one).</summary>
    public const bool TrailingSlashTolerant = true;
    /// <summary>Query parameter names are case-insensitive (PageSize=5 is pageSize) [ISSUE-13]; a Link URL spells each once, as the server does.</summary>
    public const bool QueryNamesCaseInsensitive = true;

    // ---------------------------------------------------------------- authentication

    /// <summary>401 code when the Authorization header is missing or not Basic/parsable.</summary>
    public const string MissingAuthCode = "Unauthorized";
    public const string MissingAuthMessage = "Authorization has been denied for this request.";
    /// <summary>Wrong credentials, a deleted key, an inactive member: code ConnectWiseApi, message UserNotAuthenticated [CT-18].</summary>
    public const string BadCredentialsCode = "ConnectWiseApi";
    public const string BadCredentialsMessage = "UserNotAuthenticated";
    /// <summary>
    /// Default of ServerBehavior.BadCredentialsStatus: 401. Cloud hosts can answer 404 for a wrong key or company [ISSUE-13]
    /// (CW-API.md: "404 not found (on cloud, sometimes bad auth)"); which hosts do is UNCONFIRMED, so it is a per-tenant switch.
    /// </summary>
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

    /// <summary>Code for a 400 from a malformed request (bad JSON, bad query parameter): UNCONFIRMED ([CT-30] shows InvalidObject for a bad record).</summary>
    public const string BadRequestCode = "InvalidObject";
    /// <summary>Code for a 404: "NotFound" as seen in client error handling.</summary>
    public const string NotFoundCode = "NotFound";
    /// <summary>Default of ServerBehavior.NotFoundBody: ConnectWise's JSON error body. Whether every 404 has one (a route the server does not know, a cloud 404) is UNCONFIRMED.</summary>
    public const ServerBehavior.ErrorBody NotFoundBody = ServerBehavior.ErrorBody.Json;
    /// <summary>403 (the role lacks the function or level): code Security and this exact message, which names no module or level [SEC-403].</summary>
    public const string ForbiddenCode = "Security";
    public const string ForbiddenMessage = "You do not have security permission to perform this action.";
    /// <summary>405 code (ConnectWise's catalogue has no such method on the path): UNCONFIRMED code and message (ASP.NET's wording).</summary>
    public const string MethodNotAllowedCode = "MethodNotAllowed";
    /// <summary>501: a method ConnectWise has (2026.4 catalogue) that the simulator does not emulate. The simulator's own answer, not ConnectWise's.</summary>
    public const string NotEmulatedCode = "NotImplemented";
    public static string NotEmulatedMessage(string method, string path) =>
        $"The simulator does not emulate {method} {path}. ConnectWise has this method; the simulator serves only what the module and the profiles' endpoints need.";
    /// <summary>409 when deleting a record in use (e.g. a role assigned to a member): UNCONFIRMED code/message.</summary>
    public const string ConflictCode = "Conflict";
    public const string InUseErrorCode = "RecordInUse";
    /// <summary>415 for a body whose Content-Type is not JSON.</summary>
    public const string UnsupportedMediaTypeCode = "UnsupportedMediaType";
    /// <summary>429 from the server itself: UNCONFIRMED code. An edge proxy's 429 has an HTML body [PY-41]: ServerBehavior.RateLimitBody.</summary>
    public const string TooManyRequestsCode = "TooManyRequests";
    /// <summary>Default of ServerBehavior.RateLimitBody: JSON; "html" plays the edge proxy's page [PY-41].</summary>
    public const ServerBehavior.ErrorBody RateLimitBody = ServerBehavior.ErrorBody.Json;
    /// <summary>Default of ServerBehavior.RateLimitJson: the body keyed error, as [DEVGUIDE] documents; "codeKey" keeps the usual error body.</summary>
    public const ServerBehavior.RateLimitJsonForm RateLimitJson = ServerBehavior.RateLimitJsonForm.ErrorKey;
    /// <summary>The value of "error" in a rate-limit 429 [DEVGUIDE].</summary>
    public const string RateLimitErrorValue = "ConnectWiseAPI";
    /// <summary>The message of a rate-limit 429, N the Retry-After seconds [DEVGUIDE].</summary>
    public static string RateLimitMessage(int seconds) => $"Too many requests. Please try again in {seconds} seconds.";
    /// <summary>Default of ServerBehavior.RequireHttps: off, so tests and demos can talk plain HTTP on loopback; on, plain HTTP is refused [DEVGUIDE].</summary>
    public const bool RequireHttps = false;
    public const string SslRequiredCode = "Security";
    public const string SslRequiredMessage = "SSL is required.";
    /// <summary>Status of the "SSL is required." answer: UNCONFIRMED ([DEVGUIDE] quotes the body only; searched pages and code for the message); 403 like the other Security answer [SEC-403].</summary>
    public const int SslRequiredStatus = 403;
    /// <summary>500: code ConnectWiseApi with the server's message (christaylorcodes/ConnectWiseManageAPI issue #1).</summary>
    public const string ServerErrorCode = "ConnectWiseApi";
    /// <summary>Request bodies over this size answer 413 with an error body.</summary>
    public const int MaxBodyBytes = 1024 * 1024;
    /// <summary>errors[].code for a required field that is missing or empty: MissingRequiredField [CT-30].</summary>
    public const string RequiredFieldCode = "MissingRequiredField";
    /// <summary>Its message: "The {field} field is required." (a real 400 quoted in a public code comment: "The assignTo/id field is required.", code index id 67116424323).</summary>
    public static string RequiredFieldMessage(string field) => $"The {field} field is required.";
    /// <summary>errors[].code for a field over its maximum length: MaxLengthField [ISSUE-13].</summary>
    public const string MaxLengthCode = "MaxLengthField";
    /// <summary>Its message [ISSUE-13].</summary>
    public static string MaxLengthMessage(string field, int max) => $"The field {field} must be a string with a maximum length of {max}.";
    /// <summary>errors[].code for a reference ({id}) that does not exist: NotFound, with field "x/id" [ISSUE-13]; message UNCONFIRMED.</summary>
    public const string ReferenceNotFoundCode = "NotFound";
    public static string ReferenceNotFoundMessage(string field, int id) => $"{field}/id {id} was not found.";
    /// <summary>errors[].code for a value of the wrong kind (a string for a boolean, a bad e-mail, bad identifier characters): UNCONFIRMED.</summary>
    public const string InvalidFieldCode = "InvalidField";
    /// <summary>errors[].code for a duplicate: "ObjectExists" (documented in CW-API.md).</summary>
    public const string ObjectExistsCode = "ObjectExists";
    /// <summary>The top-level message of a 400 InvalidObject: "{resource} object is invalid" [CT-30].</summary>
    public static string InvalidObjectMessage(string resource) => $"{resource} object is invalid";

    // ---------------------------------------------------------------- lists and queries

    public const int DefaultPageSize = 25;
    /// <summary>The most records a page may hold [LAZYADMIN].</summary>
    public const int MaxPageSize = 1000;
    /// <summary>
    /// Default of ServerBehavior.PageSizeAboveMax: a pageSize over 1000 is refused, 400 InvalidObject with errors[] code OutOfRange and
    /// field pageSize [ISSUE-13]; "clamp" serves 1000 instead (the simulator's earlier choice).
    /// </summary>
    public const ServerBehavior.OversizePage PageSizeAboveMax = ServerBehavior.OversizePage.Reject;
    public const string OutOfRangeCode = "OutOfRange";
    public static string PageSizeOutOfRangeMessage(int max) => $"pageSize must be between 1 and {max}.";
    /// <summary>pageSize &lt; 1, page &lt; 1, or non-numeric values answer 400.</summary>
    public const bool RejectNonPositivePaging = true;
    /// <summary>A page after the last is an empty array, not an error [NOTES].</summary>
    public const bool PageBeyondLastIsEmpty = true;
    /// <summary>
    /// Navigable paging's Link header: first and prev (page &gt; 1), next and last (more pages), each <c>&lt;url&gt;; rel="x"</c>, comma
    /// separated; the request's other parameters first, then pageSize, then page [LAZYADMIN], [PY-LINK] (ServerBehavior.NavigableLinkForm
    /// "pageFirst" swaps the last two). The rel order is UNCONFIRMED ([LAZYADMIN] shows next first on page 1): parse by rel.
    /// A single page carries no Link header (UNCONFIRMED).
    /// </summary>
    public const ServerBehavior.LinkForm NavigableLinkForm = ServerBehavior.LinkForm.PageLast;
    public const bool LinkHeaderOnSinglePage = false;
    /// <summary>
    /// Forward-only paging (pagination-type: forward-only): every page carries a Link header, <c>&lt;url&gt;; rel="next"</c> whose URL
    /// ends in <c>pageSize=N&amp;pageId=M</c> (M the last id of the page) [ISSUE-13], and the last page carries the header with an empty
    /// value [PS-ALL]. ServerBehavior.ForwardOnlyLastPageLink "absent" leaves it out instead.
    /// </summary>
    public const ServerBehavior.LastPageLink ForwardOnlyLastPageLink = ServerBehavior.LastPageLink.Empty;
    /// <summary>
    /// forward-only paging orders by id and does not allow orderBy [DEVGUIDE]: an orderBy with forward-only answers 400 InvalidObject with
    /// <see cref="ForwardOnlyOrderByMessage"/>. The real code and message are UNCONFIRMED (searched issues, code and pages for forward-only
    /// with orderBy; the guide says only that it is not allowed).
    /// </summary>
    public const bool ForwardOnlyRejectsOrderBy = true;
    public const string ForwardOnlyOrderByMessage = "orderBy is not supported with forward-only pagination";
    /// <summary>String comparisons in conditions and orderBy ignore case (SQL Server default collation).</summary>
    public static readonly StringComparison ConditionStringComparison = StringComparison.OrdinalIgnoreCase;
    /// <summary>like: only % is a wildcard; _ is literal (UNCONFIRMED; SQL Server would treat _ as one character).</summary>
    public const bool LikeUnderscoreIsWildcard = false;
    /// <summary>A double quote inside a double-quoted value cannot be escaped (UNCONFIRMED how): \" in conditions answers 400.</summary>
    public const bool RejectEscapedQuotes = true;
    /// <summary>Strings may be single-quoted too [SQ]; inside single quotes, '' stands for one apostrophe (one client does so [SQ]; UNCONFIRMED).</summary>
    public const bool SingleQuotedStrings = true;
    /// <summary>
    /// A field in conditions or orderBy that the resource does not have answers 400 <c>{"code":"ApiFindCondition","message":"X is not a
    /// recognized name."}</c> [LT-4]. Other conditions errors (syntax) use the same code with the parser's message (UNCONFIRMED message).
    /// </summary>
    public const string FindConditionCode = "ApiFindCondition";
    public static string NotRecognizedMessage(string field) => $"{field} is not a recognized name.";
    /// <summary>
    /// A path through an array (companies' types/name, contacts' communicationItems/value) is not a name conditions recognize (400
    /// ApiFindCondition [NOTES]); childConditions filters on it instead: a record matches when one element of the array does.
    /// </summary>
    public const bool ChildConditionsFilterArrays = true;
    /// <summary>customFieldConditions: the simulator emulates no custom fields, so it answers 501 rather than ignoring the filter.</summary>
    public const bool CustomFieldConditionsNotEmulated = true;
    /// <summary>Unknown names in fields= are left out silently (UNCONFIRMED whether CW answers 400).</summary>
    public const bool UnknownFieldsInFieldsIgnored = true;

    // ---------------------------------------------------------------- records the vendor endpoints read

    /// <summary>
    /// /system/audittrail filters by the query parameters type and id (the record's trail) [AUDIT]; type is matched case-insensitively, id
    /// must be a number (400 otherwise). Without type and id the simulator lists every entry (UNCONFIRMED: a real server may demand them;
    /// searched code for audittrail calls, all of which pass both). deviceIdentifier is accepted and not applied (UNCONFIRMED meaning).
    /// </summary>
    public const bool AuditTrailFiltersByTypeAndId = true;
    /// <summary>
    /// Standard reports: a subset of the standard names [REPORTS] (ChargeCode, BillingCycle, BillingTerms, CompanyStatus, CompanyType,
    /// Company), their columns as listed there (Company: the first of its columns only), column types Text/Numeric/Boolean/DateTime as that
    /// list writes them (UNCONFIRMED that the REST API spells the types the same way), identityColumn true for the record id column
    /// (UNCONFIRMED). Rows come from the tenant's records where one exists (billing cycles, companies, ...). conditions, orderBy, page,
    /// pageSize and columns apply; a report name the server has not is 404.
    /// </summary>
    public const bool StandardReportsAsListed = true;
    /// <summary>
    /// POST /service/tickets/search: the body is FilterValues (conditions, childConditions, customFieldConditions, orderBy; names
    /// case-insensitive) [SPEC]; page, pageSize and fields stay in the query (christaylorcodes/ConnectWiseManageAPI Invoke-CWMSearchMaster);
    /// it answers like GET /service/tickets with those conditions, Link header included, and needs Service Tickets Inquire, not Add
    /// (UNCONFIRMED; a search reads). An empty object {} is a search without conditions; a POST with no body at all is 400 like any
    /// other POST (UNCONFIRMED either way).
    /// </summary>
    public const bool TicketSearchIsAListRead = true;
    /// <summary>
    /// GET /system/myMembers: one MyMember object (not an array) for the caller [SPEC]; for an API member its name becomes firstName (the
    /// spec's MyMember has no name field), lastName is empty and licenseClass is "A": UNCONFIRMED what a real server fills for an API
    /// member (searched code for system/myMembers answers). Being one object, it carries no Link header, so a client that pages it
    /// forward-only (christaylorcodes/ConnectWiseManageAPI Get-CWMMyMember -all) stops with its own "doesn't support forward-only" error.
    /// </summary>
    public const bool MyMembersIsTheCaller = true;
    /// <summary>
    /// Member rows carry invoicingDisplayOptions and agreementInvoicingDisplayOptions "RemainOnInvoicingScreen" and
    /// invoiceScreenDefaultTabFormat "ShowInvoicingTab" (the first value of each enum in the 2025.1 Member model [SPEC]; the issue cites an
    /// older spec that requires them and a real server's sample; which value a new member gets is UNCONFIRMED).
    /// </summary>
    public const string InvoicingDisplayOption = "RemainOnInvoicingScreen";
    public const string InvoiceScreenDefaultTab = "ShowInvoicingTab";
    /// <summary>Which function guards company/contacts/types: Table Setup, like the other Table Setup lists (UNCONFIRMED, permissions.json).</summary>
    public const bool ContactTypesAreTableSetup = true;

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
    /// Default of ServerBehavior.MySecurityRows: Grid (every settings row of the role, as above). "omitNone" leaves out rows whose four
    /// levels are None: a form a real server might use (UNCONFIRMED either way; searched issues and code for mySecurity rows), so a
    /// read-only check can tell whether mySecurity is the role's grid.
    /// </summary>
    public const ServerBehavior.MySecurityForm MySecurityRows = ServerBehavior.MySecurityForm.Grid;
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
