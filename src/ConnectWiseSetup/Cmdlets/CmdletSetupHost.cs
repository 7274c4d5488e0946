using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Setup;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>
    /// What a cmdlet lends a Setup engine (<see cref="ISetupHost"/>): its host's prompts and the Information stream, reached
    /// from the engine's thread-pool work through the pipeline thread (<see cref="PipelineThread"/>), and the -Vault.
    /// </summary>
    internal sealed class CmdletSetupHost : ISetupHost
    {
        readonly PSCmdlet _cmdlet;

        /// <param name="nonInteractive">The cmdlet's own -NonInteractive: never prompt, whatever the host can do.</param>
        public CmdletSetupHost(PSCmdlet cmdlet, bool nonInteractive, string vault = null)
        {
            _cmdlet = cmdlet ?? throw new ArgumentNullException(nameof(cmdlet));
            CannotPromptReason = nonInteractive ? "-NonInteractive was given" : PromptCapability.ReasonNot(cmdlet.Host);
            Vault = vault == null ? null : new SecretVault(vault);
        }

        public bool CanPrompt => CannotPromptReason == null;

        public string CannotPromptReason { get; }

        public IKeyVault Vault { get; }

        public void Show(IEnumerable<string> lines)
        {
            var copy = new List<string>(lines);
            ClientLog.Post(c => { foreach (var line in copy) c.WriteInformation(new HostInformationMessage { Message = line }, new[] { "PSHOST" }); });
        }

        public void Checklist(IReadOnlyList<PermissionChecklistItem> items)
            => ClientLog.Post(c => { foreach (var item in items) c.WriteInformation(item, new[] { PermissionWait.ChecklistTag }); });

        public Task<PSCredential> PromptForKeyAsync(string caption, string message, CancellationToken ct)
            => PipelineThread.InvokeAsync(c =>
            {
                try
                {
                    return c.Host.UI.PromptForCredential(caption, message, "", "");
                }
                catch (Exception e) when (!(e is OutOfMemoryException) && !CwCmdletBase.IsStop(e))
                {
                    // A host that said it could prompt and then could not (a NonInteractive console, no credential prompt).
                    throw new PromptUnavailableException("the host could not prompt: " + e.GetType().Name, e);
                }
            }, ct);

        public Task<bool> ConfirmAsync(string caption, string question, CancellationToken ct)
            => PipelineThread.InvokeAsync(c =>
            {
                try
                {
                    return c.ShouldContinue(question, caption);
                }
                catch (Exception e) when (!(e is OutOfMemoryException) && !CwCmdletBase.IsStop(e))
                {
                    // As for the key prompt: a host that said it could prompt and then could not (pwsh -NonInteractive).
                    throw new PromptUnavailableException("the host could not ask: " + e.GetType().Name, e);
                }
            }, ct);
    }
}
