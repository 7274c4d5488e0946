using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Setup
{
    /// <summary>
    /// A profile marked for review (<see cref="PermissionProfile.NeedsReview"/>: a guide's import with lines it could not
    /// read) is installed only when a person says they read it: -Force, a yes at the prompt, or a reviewed copy whose
    /// needsReview was removed. Otherwise the install stops before its first write and says why (a failed profile check).
    /// </summary>
    internal static class ProfileReview
    {
        /// <summary>The check: Fail until the person says they read the profile; its detail names what to read.</summary>
        public static TenantCheckRow Check(PermissionProfile profile, bool reviewed)
        {
            var lines = Lines(profile);
            var check = new TenantCheckRow { Id = TenantCheckIds.Review, Area = TenantCheckArea.Profile, Check = "Profile review" };
            if (reviewed)
            {
                check.Status = TenantCheckStatus.Pass;
                check.Detail = "Profile '" + profile.Name + "' is marked for review; -Force says it was read.";
                return check;
            }
            check.Status = TenantCheckStatus.Fail;
            check.Detail = "Profile '" + profile.Name + "' is marked for review (needsReview): " + string.Join(" ", lines);
            check.Fix = "Read the guide at the lines named and compare the profile's rows with it; then install with -Force, or write a copy with ConvertFrom-CwIntegrationGuide -AsJson, settle the lines, remove \"needsReview\" and install that file.";
            check.Error = new CwException(ErrorIds.ProfileNeedsReview, ErrorCategory.InvalidOperation,
                "Nothing was changed: profile '" + profile.Name + "' is marked for review and nobody said it was read. " + string.Join(" ", lines), profile.Name)
            { RecommendedAction = check.Fix };
            return check;
        }

        /// <summary>At a prompt, asks whether the person read the profile; a yes passes the check.</summary>
        public static async Task AskAsync(ISetupHost host, PermissionProfile profile, IReadOnlyList<TenantCheckRow> checks, CancellationToken ct)
        {
            var check = checks.FirstOrDefault(c => c.Id == TenantCheckIds.Review && c.Status == TenantCheckStatus.Fail);
            if (check == null || !host.CanPrompt) return;
            var question = string.Join(Environment.NewLine, Lines(profile)) + Environment.NewLine + "Have you read these lines of the guide and checked the profile's rows? Install it as it is?";
            if (!await host.ConfirmAsync("Profile '" + profile.Name + "' needs review", question, ct).ConfigureAwait(false)) return;
            check.Status = TenantCheckStatus.Pass;
            check.Detail = "Profile '" + profile.Name + "' is marked for review; confirmed at the prompt as read.";
            check.Error = null;
            check.Fix = null;
        }

        /// <summary>What to read: the profile's review note and the lines it names (the first eight).</summary>
        static List<string> Lines(PermissionProfile profile)
        {
            var notes = profile.Notes.Where(n => n.StartsWith("NEEDS REVIEW: ", StringComparison.Ordinal) || n.StartsWith("Line ", StringComparison.Ordinal)).ToList();
            var lines = notes.Take(8).ToList();
            if (notes.Count > 8) lines.Add("(" + (notes.Count - 8) + " more in the profile's Notes.)");
            if (lines.Count == 0) lines.Add("Its notes say what to check.");
            return lines;
        }
    }
}
