using System;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;

namespace ConnectWiseSetup.Setup
{
    /// <summary>Automated: the module does it through the API. Guided: a person does it in the web UI (the API cannot), the module checks it.</summary>
    public enum InstallStepKind { Automated, Guided }

    /// <summary>Where a step stands.</summary>
    public enum InstallStepState { Done, ToDo, Skipped, Failed }

    /// <summary>One step of an installation: what it is, how it is done, where it stands and what it did.</summary>
    public sealed class InstallStep
    {
        public int Number { get; set; }
        public string Name { get; set; }
        public InstallStepKind Kind { get; set; }
        public InstallStepState State { get; set; }
        /// <summary>What the tenant shows, what the step will do, or what it did.</summary>
        public string Detail { get; set; }

        public override string ToString() => Number + ". " + Name + " [" + Kind + ", " + State + "]: " + Detail;
    }

    /// <summary>The plan of an installation, read from the tenant (what -WhatIf shows).</summary>
    public sealed class InstallPlan
    {
        public string Profile { get; set; }
        /// <summary>The tenant: "companyId@host (codebase)".</summary>
        public string Tenant { get; set; }
        public IReadOnlyList<InstallStep> Steps { get; set; } = Array.Empty<InstallStep>();

        /// <summary>The readiness checks read with the plan (Test-CwTenant's): the connection's, when the plan needed them, and the profile's.</summary>
        public IReadOnlyList<TenantCheckRow> Checks { get; set; } = Array.Empty<TenantCheckRow>();

        /// <summary>The failed checks that stop the install before its first write.</summary>
        public IReadOnlyList<TenantCheckRow> Blocking { get; set; } = Array.Empty<TenantCheckRow>();

        /// <summary>Steps still to do.</summary>
        public int ToDo => Steps.Count(s => s.State != InstallStepState.Done);

        /// <summary>What -WhatIf and -Confirm say, for a person: the steps still to do, then the checks that are not a Pass.</summary>
        public string Describe()
        {
            var lines = new List<string>();
            // A profile nobody has reviewed yet: what to read comes first.
            foreach (var c in Checks.Where(c => c.Id == TenantCheckIds.Review && c.Status != TenantCheckStatus.Pass))
                lines.Add(c.Detail);
            var todo = Steps.Where(s => s.State != InstallStepState.Done).ToList();
            lines.Add(todo.Count == 0
                ? "Install " + Profile + " on " + Tenant + ": every step is done; nothing would change."
                : "Install " + Profile + " on " + Tenant + ", " + todo.Count + " of " + Steps.Count + " steps to do:");
            foreach (var s in todo)
                lines.Add("  " + s.Number + ". " + s.Name + (s.Kind == InstallStepKind.Guided ? " (guided: you do it in the web UI)" : "") + ": " + s.Detail);
            foreach (var c in Checks.Where(c => c.Status != TenantCheckStatus.Pass && c.Id != TenantCheckIds.Review))
                lines.Add("  " + (c.Status == TenantCheckStatus.Fail ? "Stops the install" : "Note") + ": " + c.Check + ": " + c.Detail);
            return string.Join(Environment.NewLine, lines);
        }

        public override string ToString() => "Install " + Profile + " on " + Tenant + ": " + ToDo + " step(s) to do";
    }

    /// <summary>How an installation run ended.</summary>
    public enum InstallStatus
    {
        /// <summary>Every step done and verified with the integration's own key.</summary>
        Complete,
        /// <summary>Stopped at a guided step with nobody to do it: Instructions say what to do; the next run picks up from the tenant.</summary>
        ManualStepRequired,
        /// <summary>A step failed (the error says why).</summary>
        Failed,
    }

    /// <summary>
    /// A value the vendor's portal asks for; a secret one (the private key) is a SecureString that no view, ToString or message
    /// shows: <see cref="Reveal"/> gives its text when a person asks for it.
    /// </summary>
    public sealed class IntegrationVendorValue
    {
        /// <summary>What a secret value shows instead of its text, and how to get the text.</summary>
        public const string HiddenText = "(hidden: .Reveal() gives it)";

        public string Name { get; set; }
        /// <summary>A string, or a SecureString for a secret; null when not known yet (e.g. the key before it is made).</summary>
        public object Value { get; set; }
        public bool Secret { get; set; }
        public string Note { get; set; }

        /// <summary>
        /// The value as text to paste into the vendor's portal, the private key included: only this call shows a secret value.
        /// Copy it without printing it: <c>($r.VendorValues | Where-Object Secret).Reveal() | Set-Clipboard</c>.
        /// </summary>
        public string Reveal() => Value is SecureString secret ? SecretHelper.Reveal(secret) : Value?.ToString();

        public override string ToString() => Name + ": " + (Value == null ? "(not known yet)" : Secret ? HiddenText : Value.ToString());
    }

    /// <summary>What Install-CwIntegration did, and what the vendor's portal needs.</summary>
    public sealed class IntegrationInstallResult
    {
        public string Profile { get; set; }
        public string Tenant { get; set; }
        public InstallStatus Status { get; set; }
        public IReadOnlyList<InstallStep> Steps { get; set; } = Array.Empty<InstallStep>();
        public SecurityRole Role { get; set; }
        public ApiMember ApiMember { get; set; }
        /// <summary>The key, verified to be the member's (when it was captured or given).</summary>
        public CwApiKey ApiKey { get; set; }
        /// <summary>What a person has to do in the web UI (Status ManualStepRequired).</summary>
        public string Instructions { get; set; }
        /// <summary>When stopped at the permission step: the checklist as objects (rows by the tenant's labels, target levels, Customize lists).</summary>
        public IReadOnlyList<PermissionChecklistItem> Checklist { get; set; } = Array.Empty<PermissionChecklistItem>();
        public IReadOnlyList<IntegrationVendorValue> VendorValues { get; set; } = Array.Empty<IntegrationVendorValue>();
        /// <summary>The verification with the integration's key (step 5), when it ran.</summary>
        public IntegrationTestResult Verification { get; set; }

        /// <summary>The readiness checks the run read before its first write.</summary>
        public IReadOnlyList<TenantCheckRow> Checks { get; set; } = Array.Empty<TenantCheckRow>();

        /// <summary>Why the run failed (Status Failed): written as the cmdlet's error after the result.</summary>
        internal Exception Error { get; set; }

        /// <summary>Errors that did not stop the run (the vault could not store the key): written after the result.</summary>
        internal List<Exception> Errors { get; } = new List<Exception>();

        public override string ToString() => Profile + " on " + Tenant + ": " + Status;
    }
}
