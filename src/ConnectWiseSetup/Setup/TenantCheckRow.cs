using System;
using System.Collections.Generic;

namespace ConnectWiseSetup.Setup
{
    /// <summary>How a readiness check came out.</summary>
    public enum TenantCheckStatus
    {
        /// <summary>As the module needs it.</summary>
        Pass,
        /// <summary>Not as expected, but the module works around it (the Detail says how), or only another command is affected.</summary>
        Warn,
        /// <summary>An install would not finish: it stops before its first write (the Fix says what to do).</summary>
        Fail,
    }

    /// <summary>
    /// One read-only check of a tenant (Test-CwTenant, and Install-CwIntegration before its first write): what was checked,
    /// how it came out, what the tenant showed, and what to do when it is not a Pass.
    /// </summary>
    public sealed class TenantCheckRow
    {
        /// <summary>Connection, Rights, Assumption or Profile.</summary>
        public string Area { get; set; }

        /// <summary>What was checked, in a few words.</summary>
        public string Check { get; set; }

        public TenantCheckStatus Status { get; set; }

        /// <summary>What the tenant showed.</summary>
        public string Detail { get; set; }

        /// <summary>What to do about a Warn or a Fail (empty for a Pass).</summary>
        public string Fix { get; set; }

        /// <summary>A stable id for reports and tests, e.g. "rights.createRole" or "assumption.mySecurityIsTheRolesGrid".</summary>
        public string Id { get; set; }

        /// <summary>The error an install stops with when this check fails (ErrorId, category, message with the fix).</summary>
        internal Client.CwException Error { get; set; }

        /// <summary>For a failed Rights check: the operations it stops (an install stops only when it would do one of them).</summary>
        internal AdminOperation Blocks { get; set; } = (AdminOperation)(-1);

        /// <summary>For a Rights check: the rights missing, as "System / Security: Add level My or All".</summary>
        internal IReadOnlyList<string> Missing { get; set; } = Array.Empty<string>();

        public override string ToString() => Status + " " + Area + ": " + Check + ": " + Detail;
    }

    /// <summary>The areas of <see cref="TenantCheckRow.Area"/>.</summary>
    internal static class TenantCheckArea
    {
        public const string Connection = "Connection";
        public const string Rights = "Rights";
        public const string Assumption = "Assumption";
        public const string Profile = "Profile";
    }

    /// <summary>A check's stable ids.</summary>
    internal static class TenantCheckIds
    {
        public const string Connection = "connection";
        public const string AdminRole = "rights.adminRole";
        public const string MySecurityIsTheRolesGrid = "assumption.mySecurityIsTheRolesGrid";
        public const string LinkHeaders = "assumption.linkHeaders";
        public const string PageSize = "assumption.pageSize1000";
        public const string NotFoundBody = "assumption.notFoundBody";
        public const string VersionHeader = "assumption.apiCurrentVersion";
        public const string UnknownCompany = "assumption.unknownCompany";
        public const string Catalogue = "profile.catalogue";
        public const string RoleName = "profile.roleName";
        public const string MemberIdentifier = "profile.memberIdentifier";
        public const string MemberDefaults = "profile.memberDefaults";
        public const string Review = "profile.review";
    }
}
