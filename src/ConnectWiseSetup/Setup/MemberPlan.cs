using System.Collections.Generic;
using ConnectWiseSetup.Model;

namespace ConnectWiseSetup.Setup
{
    /// <summary>A validated API member ready to POST, with how each default was chosen.</summary>
    internal sealed class MemberPlan
    {
        public MemberPlan(ApiMember member, IReadOnlyList<string> decisions)
        {
            Member = member;
            Decisions = decisions;
        }

        /// <summary>The body to POST: identifier, name, e-mail and every reference as {id, name}.</summary>
        public ApiMember Member { get; }

        /// <summary>One line per reference: what was chosen and why ("Level: Corporate (discovered: the corporate level)").</summary>
        public IReadOnlyList<string> Decisions { get; }

        /// <summary>For -WhatIf and -Confirm.</summary>
        public ChangeText Change(Client.CwConnection connection) => new ChangeText(
            "Create API member '" + Member.Identifier + "' (name '" + Member.Name + "') on " + connection + ": role '" + Member.SecurityRole + "', level '" + Member.StructureLevel +
            "', security location '" + Member.SecurityLocation + "', default location '" + Member.DefaultLocation + "', department '" + Member.DefaultDepartment +
            "', time zone '" + Member.TimeZone + "'.");
    }
}
