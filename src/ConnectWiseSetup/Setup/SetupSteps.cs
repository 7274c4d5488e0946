using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;

namespace ConnectWiseSetup.Setup
{
    /// <summary>The host could not prompt after all (a NonInteractive console, no credential prompt): the step stops as unattended.</summary>
    internal sealed class PromptUnavailableException : Exception
    {
        public PromptUnavailableException(string message, Exception inner) : base(message, inner) { }
    }

    /// <summary>
    /// The guided permission step, one implementation for Install-CwIntegration and Wait-CwSecurityRolePermission: the checklist
    /// of only what differs (host text and objects), then the role watched (one small request per poll) until its levels match.
    /// </summary>
    internal static class PermissionWait
    {
        /// <summary>The Information tag of the checklist objects.</summary>
        public const string ChecklistTag = "CwChecklist";

        /// <param name="shown">The checklist already shown before the role was read (an install's role not made yet: see
        /// <see cref="PermissionChecklist.ForNewRole"/>); null: none. When given, the checklist is not shown again: only what the
        /// role's grid asks for otherwise (<see cref="PermissionChecklist.Differences"/>), then the watch's line.</param>
        public static async Task<RoleWatchResult> RunAsync(ISetupHost host, RoleWatcher watcher, string roleName, string profileName,
            TimeSpan pollInterval, TimeSpan timeout, int progressId, CancellationToken ct, IReadOnlyList<PermissionChecklistItem> shown = null)
        {
            if (watcher.Current == null) await watcher.CompareAsync(ct).ConfigureAwait(false);
            var checklist = PermissionChecklist.Build(roleName, watcher.Current);
            if (shown == null) host.Show(PermissionChecklist.Describe(roleName, checklist));
            else
            {
                var lines = PermissionChecklist.Differences(roleName, shown, checklist, IntegrationInstaller.LineWidth).ToList();
                if (checklist.Any(i => i.Kind == ChecklistItemKind.Levels)) lines.Add(PermissionChecklist.WatchingLine);
                host.Show(lines);
            }
            host.Checklist(checklist);
            var activity = "Waiting for the permissions of security role '" + roleName + "' (" + profileName + ")";
            try
            {
                return await watcher.WaitAsync(pollInterval, timeout, p => ClientLog.Progress(p.ToProgressRecord(progressId, activity)), ct).ConfigureAwait(false);
            }
            finally
            {
                ClientLog.Progress(new ProgressRecord(progressId, activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }

        /// <summary>The error for a watch that ended before the levels matched; <paramref name="rerun"/> is the command to run again.</summary>
        public static CwException TimedOut(SecurityRole role, string profileName, TimeSpan timeout, RoleWatchResult watch, string rerun)
            => new CwException(ErrorIds.WaitTimeout, ErrorCategory.OperationTimeout,
                "Security role '" + role.Name + "' did not get the permission levels of " + profileName + " within " + timeout +
                ". Still to change: " + PermissionChecklist.Remaining(watch.Comparison) + ".", role)
            { RecommendedAction = "Set those levels in " + PermissionChecklist.ScreenRoot + " > " + role.Name + ", then run " + rerun + " again." };
    }

    /// <summary>
    /// The key step, one implementation for Install-CwIntegration, New-CwApiKey and Update-CwApiKey: the key given (-KeyPair,
    /// -ApiKey), else the vault's secret, is proven as it is (a refusal is an error at once); else a person gives it at the host's
    /// credential prompt with the web UI's clicks, and a refusal they can fix (a wrong or mistyped key) gives a warning and another
    /// prompt, up to <see cref="MaxAttempts"/>; else nobody can answer here and the caller stops with its instructions.
    /// </summary>
    internal static class KeyCapture
    {
        public const int MaxAttempts = 3;

        /// <summary>Refuses a given key of the wrong shape (a stray newline from copying) before any request.</summary>
        public static void ValidateShape(PSCredential given)
        {
            if (given == null) return;
            InputValidator.PublicKey(KeyInstructions.PublicKeyOf(given));
            InputValidator.PrivateKey(given.Password);
        }

        /// <summary>The key to prove without a prompt: the one given, else the vault's secret when <paramref name="usable"/> (any, when null); null: none.</summary>
        public static PSCredential Choose(PSCredential given, VaultKey stored, Func<PSCredential, bool> usable = null)
        {
            if (given != null) return given;
            var fromVault = stored?.Credential;
            return fromVault != null && (usable == null || usable(fromVault)) ? fromVault : null;
        }

        /// <summary>
        /// The proven key: <paramref name="given"/> (see <see cref="Choose"/>) through <paramref name="verify"/>, else the key a person
        /// gives at the prompt. Null when nobody can answer at this host (<see cref="ISetupHost.CannotPromptReason"/>): the caller stops
        /// with its own instructions (<see cref="NobodyToAsk"/> is New-CwApiKey's). A prompt cancelled, left empty or unavailable after
        /// all is CwManualStepRequired with the instructions.
        /// </summary>
        public static async Task<CwApiKey> ObtainAsync(ISetupHost host, PSCredential given, string memberIdentifier, string description, string site, string rerun,
            Func<string, SecureString, Task<CwApiKey>> verify, CancellationToken ct)
        {
            if (given != null) return await verify(KeyInstructions.PublicKeyOf(given), given.Password).ConfigureAwait(false);
            if (!host.CanPrompt) return null;
            var unattended = KeyInstructions.Text(memberIdentifier, description, site, unattended: true, rerun: rerun);
            for (var attempt = 1; ; attempt++)
            {
                PSCredential captured;
                try
                {
                    captured = await host.PromptForKeyAsync("ConnectWise API key for '" + memberIdentifier + "'",
                        KeyInstructions.Text(memberIdentifier, description, site, unattended: false), ct).ConfigureAwait(false);
                }
                catch (PromptUnavailableException e) { throw KeyInstructions.ManualStepRequired(unattended, e.Message, rerun, e.InnerException); }
                if (captured == null || string.IsNullOrEmpty(captured.UserName) || captured.Password == null || captured.Password.Length == 0)
                    throw KeyInstructions.ManualStepRequired(unattended, "the prompt was cancelled or left empty", rerun);
                try
                {
                    return await verify(KeyInstructions.PublicKeyOf(captured), captured.Password).ConfigureAwait(false);
                }
                catch (CwException e) when (attempt < MaxAttempts && KeyInstructions.IsRetryable(e))
                {
                    ClientLog.Warning(e.Message + " Try again (attempt " + (attempt + 1) + " of " + MaxAttempts + ").");
                }
            }
        }

        /// <summary>The stop of a key step with no key and nobody to answer: CwManualStepRequired carrying the web UI's clicks.</summary>
        public static CwException NobodyToAsk(ISetupHost host, string memberIdentifier, string description, string site, string rerun)
            => KeyInstructions.ManualStepRequired(KeyInstructions.Text(memberIdentifier, description, site, unattended: true, rerun: rerun),
                host.CannotPromptReason + "; and no -KeyPair was given", rerun);
    }

    /// <summary>Creating a security role, one implementation for Install-CwIntegration and New-CwSecurityRole.</summary>
    internal static class RoleCreation
    {
        /// <summary>
        /// POSTs the role. When ConnectWise answers that one of that name exists (made since the lookup) and <paramref name="takeExisting"/>,
        /// that role is read and returned with Created false.
        /// </summary>
        public static async Task<(SecurityRole Role, bool Created)> CreateAsync(ManageClient client, string name, bool admin, bool takeExisting, CancellationToken ct)
        {
            try
            {
                var role = await client.PostAsync<SecurityRole>(RoleLookup.RolesPath, new { name, adminFlag = admin }, ct).ConfigureAwait(false);
                return (role, true);
            }
            catch (CwApiException e) when (takeExisting && e.ErrorId == ErrorIds.ResourceExists)
            {
                var role = await RoleLookup.FindByNameAsync(client, name, ct).ConfigureAwait(false) ?? throw e;
                return (role, false);
            }
        }
    }
}
