using System.Globalization;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;

namespace ConnectWiseSetup.Setup
{
    /// <summary>
    /// What a change will do, in one sentence for a person: -WhatIf prints it after "What if: ", -Confirm asks it as a
    /// question. Plans carry their own (<see cref="MemberPlan.Change"/>, <see cref="MemberUpdatePlan.Change"/>); the one-step
    /// changes get theirs here, so every changing cmdlet speaks the same way: the verb, the object with its id, the tenant,
    /// and what follows from it.
    /// </summary>
    internal sealed class ChangeText
    {
        public ChangeText(string description) { Description = description; }

        /// <summary>"Create security role 'MSP Process' on contoso@na.myconnectwise.net (v2025_1)."</summary>
        public string Description { get; }

        /// <summary>The -Confirm question: the description asked.</summary>
        public string Query => Description.TrimEnd('.') + "?";

        /// <summary>The -Confirm prompt's caption.</summary>
        public const string Caption = "Confirm";

        public override string ToString() => Description;

        public static ChangeText CreateRole(CwConnection connection, string name, bool admin, string profile)
            => new ChangeText("Create " + (admin ? "admin " : "") + "security role '" + name + "'" + (profile == null ? "" : " for profile " + profile) +
                              " on " + connection + "; its permission levels are set in the web UI (Wait-CwSecurityRolePermission guides it).");

        public static ChangeText DeleteRole(CwConnection connection, SecurityRole role)
            => new ChangeText("Delete security role '" + role.Name + "' (id " + Id(role.Id) + ") on " + connection +
                              "; a deleted role cannot be restored.");

        public static ChangeText DisableMember(CwConnection connection, ApiMember member)
            => new ChangeText("Disable API member '" + member.Identifier + "' (id " + Id(member.Id) + ") on " + connection +
                              ": it becomes inactive and its API keys stop signing in.");

        public static ChangeText GuideKey(CwConnection connection, ApiMember member, string description)
            => new ChangeText("Guide the creation of an API key for API member '" + member.Identifier + "' on " + connection +
                              " (description '" + description + "'), then prove that the key signs in as that member.");

        public static ChangeText WriteProfile(string file, bool replace, string profile, string role, int rows)
            => new ChangeText((replace ? "Replace the file " : "Write the file ") + file + " with profile '" + profile + "': the " + Id(rows) +
                              " row(s) of security role '" + role + "'.");

        static string Id(int n) => n.ToString(CultureInfo.InvariantCulture);
    }
}
