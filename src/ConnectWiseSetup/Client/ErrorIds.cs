using System.Management.Automation;

namespace ConnectWiseSetup.Client
{
    /// <summary>
    /// The stable ErrorIds of the module (docs/ARCHITECTURE.md). Scripts and tests match on these,
    /// so a value never changes once released.
    /// </summary>
    public static class ErrorIds
    {
        // Mapped from ConnectWise responses and the transport.
        public const string AuthenticationFailed = "CwAuthenticationFailed";
        public const string PermissionDenied = "CwPermissionDenied";
        public const string NotFound = "CwNotFound";
        /// <summary>/login/companyinfo does not know the company ID (a 404, or a 200 whose body is null).</summary>
        public const string CompanyNotFound = "CwCompanyNotFound";
        public const string InvalidRequest = "CwInvalidRequest";
        public const string ResourceExists = "CwResourceExists";
        public const string MethodNotAllowed = "CwMethodNotAllowed";
        public const string RateLimited = "CwRateLimited";
        public const string ServerError = "CwServerError";
        public const string Timeout = "CwTimeout";
        public const string ConnectionFailed = "CwConnectionFailed";
        public const string InsecureRedirect = "CwInsecureRedirect";
        public const string InvalidResponse = "CwInvalidResponse";
        /// <summary>A response body larger than the client reads (ManageClient.MaxResponseBytes): an endless or huge answer, stopped at the cap.</summary>
        public const string ResponseTooLarge = "CwResponseTooLarge";
        /// <summary>Any other HTTP status ConnectWise answers with (415, 422, ...).</summary>
        public const string RequestFailed = "CwRequestFailed";

        // Session and local validation (before any request).
        public const string NotConnected = "CwNotConnected";
        public const string InvalidArgument = "CwInvalidArgument";
        public const string InsecureServer = "CwInsecureServer";
        public const string ManualStepRequired = "CwManualStepRequired";
        public const string InvalidServer = "CwInvalidServer";
        public const string InvalidCompanyId = "CwInvalidCompanyId";
        public const string ClientIdRequired = "CwClientIdRequired";
        public const string InvalidClientId = "CwInvalidClientId";
        public const string InvalidPublicKey = "CwInvalidPublicKey";
        public const string InvalidPrivateKey = "CwInvalidPrivateKey";
        public const string InvalidApiVersion = "CwInvalidApiVersion";
        public const string InvalidCodebase = "CwInvalidCodebase";
        public const string InvalidConditionValue = "CwInvalidConditionValue";
        public const string InvalidConditionField = "CwInvalidConditionField";
        public const string InvalidPath = "CwInvalidPath";
        public const string UnexpectedError = "CwUnexpectedError";

        // API members and keys.
        public const string InvalidIdentifier = "CwInvalidIdentifier";
        public const string InvalidMemberName = "CwInvalidMemberName";
        public const string InvalidEmailAddress = "CwInvalidEmailAddress";
        /// <summary>A default (location, department, level, time zone) cannot be chosen alone: several candidates, or none.</summary>
        public const string AmbiguousDefault = "CwAmbiguousDefault";
        /// <summary>The key given for a member authenticates as someone else (another member, or the administrator's own key).</summary>
        public const string KeyBelongsToAnotherMember = "CwKeyBelongsToAnotherMember";
        /// <summary>The API member is inactive: its keys cannot authenticate.</summary>
        public const string ApiMemberInactive = "CwApiMemberInactive";
        /// <summary>The key authenticated but whose it is could not be told (no /system/mySecurity rows).</summary>
        public const string KeyNotVerified = "CwKeyNotVerified";
        /// <summary>Update-CwApiKey: the new key signs in as the member but with other effective rights (rows or Customize items) than the old key.</summary>
        public const string KeyRightsDiffer = "CwKeyRightsDiffer";
        /// <summary>-Vault was given but SecretManagement's Set-Secret is not available.</summary>
        public const string SecretManagementMissing = "CwSecretManagementMissing";
        /// <summary>Set-Secret failed to store the key.</summary>
        public const string SecretStoreFailed = "CwSecretStoreFailed";
        /// <summary>Get-Secret failed for another reason than "no such secret" (a locked or broken vault).</summary>
        public const string SecretReadFailed = "CwSecretReadFailed";
        /// <summary>The administrator's key lacks a right an install needs (a readiness check failed before the first write).</summary>
        public const string AdminRightsMissing = "CwAdminRightsMissing";
        /// <summary>The install, uninstall or rotation would change the member whose key runs the session: never done.</summary>
        public const string ConnectedMemberRefused = "CwConnectedMemberRefused";
        /// <summary>The integration's role would be an administrator-like role (adminFlag, Admin, the connected member's role, or one that may manage roles or members): never done.</summary>
        public const string AdminRoleRefused = "CwAdminRoleRefused";
        /// <summary>The install would take over a role or member it does not own, and no person handed it over (unattended, declined, or not named with -TakeOverRole/-TakeOverMember).</summary>
        public const string TakeOverRefused = "CwTakeOverRefused";
        /// <summary>A readiness check other than the rights failed before the first write.</summary>
        public const string TenantNotReady = "CwTenantNotReady";

        // Profiles, roles and guided steps.
        /// <summary>A profile file not in the documented format (the message names the field and why), or no such file.</summary>
        public const string InvalidProfile = "CwInvalidProfile";
        /// <summary>No built-in profile of that name (the message lists the names).</summary>
        public const string UnknownProfile = "CwUnknownProfile";
        /// <summary>A profile row that matches no row of the tenant's role settings (the message names the closest rows).</summary>
        public const string UnknownPermissionRow = "CwUnknownPermissionRow";
        /// <summary>A security role name refused by the names rule (InputValidator.Name): empty, over 30 characters, invisible or look-alike characters.</summary>
        public const string InvalidRoleName = "CwInvalidRoleName";
        /// <summary>An API key description refused by the names rule.</summary>
        public const string InvalidKeyDescription = "CwInvalidKeyDescription";
        /// <summary>A department, location, level or time zone name refused by the names rule (before it is looked up).</summary>
        public const string InvalidReferenceName = "CwInvalidReferenceName";
        /// <summary>A SecretManagement secret name refused by the names rule.</summary>
        public const string InvalidSecretName = "CwInvalidSecretName";
        /// <summary>A security role ConnectWise will not delete because members use it (409).</summary>
        public const string RoleInUse = "CwRoleInUse";
        /// <summary>A guided step was not done before the wait's timeout (the message lists what is still missing).</summary>
        public const string WaitTimeout = "CwWaitTimeout";

        /// <summary>Install-CwIntegration's last step: the integration's own key shows rights that differ from the profile, or a required endpoint failed.</summary>
        public const string IntegrationNotInDesiredState = "CwIntegrationNotInDesiredState";
        /// <summary>A file the command would write exists already (pass -Force to replace it).</summary>
        public const string FileExists = "CwFileExists";
        /// <summary>A file path a command would write to that is not on the file system (variable:/x), names a folder, or is in a folder that does not exist.</summary>
        public const string InvalidFilePath = "CwInvalidFilePath";
        /// <summary>A vendor guide that cannot be read: no such file, not text, too large (ConvertFrom-CwIntegrationGuide).</summary>
        public const string GuideUnreadable = "CwGuideUnreadable";
        /// <summary>Install-CwIntegration: the profile is marked for review (needsReview) and nobody said it was read (-Force, a prompt, or a reviewed copy).</summary>
        public const string ProfileNeedsReview = "CwProfileNeedsReview";

        /// <summary>The ErrorCategory and ErrorId for an HTTP status (and ConnectWise's errors[].code values).</summary>
        internal static void ForStatus(int status, bool objectExists, out string errorId, out ErrorCategory category)
        {
            if (objectExists || status == 409) { errorId = ResourceExists; category = ErrorCategory.ResourceExists; return; }
            switch (status)
            {
                case 400: errorId = InvalidRequest; category = ErrorCategory.InvalidArgument; return;
                case 401: errorId = AuthenticationFailed; category = ErrorCategory.AuthenticationError; return;
                case 403: errorId = PermissionDenied; category = ErrorCategory.PermissionDenied; return;
                case 404: errorId = NotFound; category = ErrorCategory.ObjectNotFound; return;
                case 405: errorId = MethodNotAllowed; category = ErrorCategory.InvalidOperation; return;
                case 408: errorId = Timeout; category = ErrorCategory.OperationTimeout; return;
                case 429: errorId = RateLimited; category = ErrorCategory.LimitsExceeded; return;
            }
            if (status >= 500) { errorId = ServerError; category = ErrorCategory.ConnectionError; return; }
            if (status >= 300 && status < 400) { errorId = InsecureRedirect; category = ErrorCategory.SecurityError; return; }
            errorId = RequestFailed; category = ErrorCategory.InvalidOperation;
        }
    }
}
