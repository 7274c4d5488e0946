using System.Collections.Generic;
using System.Linq;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;

namespace ConnectWiseSetup.Setup
{
    /// <summary>
    /// What Set-CwApiMember will change: the PATCH operations (only fields given that differ) and, for a person, each field's
    /// old and new value.
    /// </summary>
    internal sealed class MemberUpdatePlan
    {
        public MemberUpdatePlan(ApiMember member, IReadOnlyList<PatchOperation> operations, IReadOnlyList<string> changes)
        {
            Member = member;
            Operations = operations;
            Changes = changes;
        }

        /// <summary>The member as it is now.</summary>
        public ApiMember Member { get; }

        public IReadOnlyList<PatchOperation> Operations { get; }

        /// <summary>One per operation: "security role 'Old Role' (id 3) -> 'New Role' (id 4)".</summary>
        public IReadOnlyList<string> Changes { get; }

        public bool IsEmpty => Operations.Count == 0;

        /// <summary>For -WhatIf and -Confirm.</summary>
        public ChangeText Change(CwConnection connection)
            => new ChangeText("Change API member '" + Member.Identifier + "' (id " + Member.Id + ") on " + connection + ": " + string.Join("; ", Changes) + ".");
    }
}
