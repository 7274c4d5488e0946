using System;
using System.Collections.Generic;
using System.Linq;
using ConnectWiseSetup.Model;

namespace ConnectWiseSetup.Setup
{
    /// <summary>The plan of a key rotation, read from the tenant and the vault (what -WhatIf shows): the five steps, each Done or to do.</summary>
    public sealed class KeyRotationPlan
    {
        /// <summary>The tenant: "companyId@host (codebase)".</summary>
        public string Tenant { get; set; }
        /// <summary>The API member whose key is rotated.</summary>
        public MemberReference ApiMember { get; set; }
        /// <summary>The public key of the key being retired.</summary>
        public string OldPublicKey { get; set; }
        /// <summary>The public key of the new key, when one was given or found in the vault.</summary>
        public string NewPublicKey { get; set; }
        public IReadOnlyList<InstallStep> Steps { get; set; } = Array.Empty<InstallStep>();

        /// <summary>Steps still to do (a failed step counts).</summary>
        public int ToDo => Steps.Count(s => s.State != InstallStepState.Done && s.State != InstallStepState.Skipped);

        /// <summary>What -WhatIf and -Confirm say: the steps still to do; the only write a rotation makes is to the vault.</summary>
        public string Describe()
        {
            var lines = new List<string>();
            var open = Steps.Where(s => s.State != InstallStepState.Done && s.State != InstallStepState.Skipped).ToList();
            lines.Add(open.Count == 0
                ? "Rotate the API key of '" + ApiMember + "' on " + Tenant + ": every step is done; the rotation completes without a change."
                : "Rotate the API key of '" + ApiMember + "' on " + Tenant + ", " + open.Count + " of " + Steps.Count + " steps to do:");
            foreach (var s in open)
                lines.Add("  " + s.Number + ". " + s.Name + (s.State == InstallStepState.Failed ? " (fails)" : s.Kind == InstallStepKind.Guided ? " (guided: you do it)" : "") + ": " + s.Detail);
            lines.Add("  ConnectWise is only read (sign-ins with both keys); the only write is to the vault, when -Vault is given.");
            return string.Join(Environment.NewLine, lines);
        }

        public override string ToString() => "Rotate the API key of '" + ApiMember + "' on " + Tenant + ": " + ToDo + " step(s) to do";
    }
}
