using System;
using System.Collections.Generic;
using System.Linq;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Setup
{
    /// <summary>What the administrator's key does with a right: the install's writes and reads, or the uninstall's.</summary>
    [Flags]
    internal enum AdminOperation
    {
        None = 0,
        ReadRoles = 1,
        CreateRole = 2,
        ReadMembers = 4,
        CreateMember = 8,
        EditMember = 16,
        ReadReferenceLists = 32,
        DeleteRole = 64,
    }

    /// <summary>One right the administrator's key needs: a module function's level, for what.</summary>
    internal sealed class RequiredRight
    {
        public string Id { get; set; }
        /// <summary>The readiness check it belongs to (one per screen of rights): its id.</summary>
        public string Group { get; set; }
        public AdminOperation Operation { get; set; }
        /// <summary>Any one of these (module, function) rows suffices.</summary>
        public IReadOnlyList<(string Module, string Function)> Functions { get; set; }
        /// <summary>0 Add, 1 Edit, 2 Delete, 3 Inquire (PermissionLevels' index).</summary>
        public int Level { get; set; }
        /// <summary>What it allows, for a person.</summary>
        public string For { get; set; }
        /// <summary>The endpoints it guards (the module's reading: UNCONFIRMED, ConnectWise publishes no such table).</summary>
        public string Endpoints { get; set; }
        /// <summary>Only Uninstall-CwIntegration needs it: a missing one is a Warn, not a Fail.</summary>
        public bool UninstallOnly { get; set; }

        public string LevelName => PermissionLevels.Names[Level];

        public string Describe() => string.Join(" or ", Functions.Select(f => f.Module + " / " + f.Function)) + ": " + LevelName + " level My or All";

        /// <summary>Whether <paramref name="rows"/> (effective rows) grant it: a row of one of the functions with the level above None. An absent row is None.</summary>
        public bool IsGrantedBy(FunctionMatcher.Index rows)
            => Functions.Any(f => rows.Find(f.Module, f.Function) is SecurityRoleSetting row && row.Levels[Level] != PermissionLevel.None);
    }

    /// <summary>
    /// The rights the administrator's key needs for Install- and Uninstall-CwIntegration, by module function. Which
    /// function guards which endpoint is the module's reading of the UI and the vendor guides, UNCONFIRMED for
    /// ConnectWise (it publishes no table); the simulator enforces the same reading (its Data/permissions.json; a test
    /// keeps the two in agreement).
    /// </summary>
    internal static class RequiredRights
    {
        const int Add = 0, Edit = 1, Delete = 2, Inquire = 3;
        static readonly (string, string) Security = ("System", "Security");
        static readonly (string, string) MemberMaintenance = ("System", "Member Maintenance");
        static readonly (string, string) TableSetup = ("System", "Table Setup");
        static readonly (string, string) MyCompany = ("System", "My Company");

        /// <summary>The readiness checks the rights are grouped in: id and title.</summary>
        public static readonly IReadOnlyList<(string Id, string Title)> Groups = new[]
        {
            ("rights.securityRoles", "Admin: security roles"),
            ("rights.apiMembers", "Admin: API members"),
            ("rights.referenceLists", "Admin: member defaults"),
            ("rights.deleteRole", "Admin: delete roles"),
        };

        public static readonly IReadOnlyList<RequiredRight> All = new[]
        {
            new RequiredRight { Id = "rights.readRoles", Group = "rights.securityRoles", Operation = AdminOperation.ReadRoles, Functions = new[] { Security }, Level = Inquire,
                For = "find security roles and read their settings", Endpoints = "GET system/securityroles, GET system/securityRoles/{id}/settings" },
            new RequiredRight { Id = "rights.createRole", Group = "rights.securityRoles", Operation = AdminOperation.CreateRole, Functions = new[] { Security }, Level = Add,
                For = "create the integration's security role", Endpoints = "POST system/securityroles" },
            new RequiredRight { Id = "rights.readMembers", Group = "rights.apiMembers", Operation = AdminOperation.ReadMembers, Functions = new[] { MemberMaintenance }, Level = Inquire,
                For = "find API members", Endpoints = "GET system/apiMembers" },
            new RequiredRight { Id = "rights.createMember", Group = "rights.apiMembers", Operation = AdminOperation.CreateMember, Functions = new[] { MemberMaintenance }, Level = Add,
                For = "create the integration's API member", Endpoints = "POST system/apiMembers" },
            new RequiredRight { Id = "rights.editMember", Group = "rights.apiMembers", Operation = AdminOperation.EditMember, Functions = new[] { MemberMaintenance }, Level = Edit,
                For = "give an existing API member the role, re-activate it, retire it (uninstall)", Endpoints = "PATCH system/apiMembers/{id}" },
            new RequiredRight { Id = "rights.readReferenceLists", Group = "rights.referenceLists", Operation = AdminOperation.ReadReferenceLists, Functions = new[] { TableSetup }, Level = Inquire,
                For = "read locations, departments and time zones for a new API member's defaults", Endpoints = "GET system/locations, system/departments, system/timeZoneSetups" },
            new RequiredRight { Id = "rights.readLevels", Group = "rights.referenceLists", Operation = AdminOperation.ReadReferenceLists, Functions = new[] { MyCompany, TableSetup }, Level = Inquire,
                For = "read the corporate structure levels for a new API member's level", Endpoints = "GET system/myCompany/corporateStructureLevels" },
            new RequiredRight { Id = "rights.deleteRole", Group = "rights.deleteRole", Operation = AdminOperation.DeleteRole, Functions = new[] { Security }, Level = Delete, UninstallOnly = true,
                For = "delete the integration's role (Uninstall-CwIntegration)", Endpoints = "DELETE system/securityroles/{id}" },
        };
    }
}
