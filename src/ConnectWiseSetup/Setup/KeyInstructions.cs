using System;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Text;
using ConnectWiseSetup.Client;

namespace ConnectWiseSetup.Setup
{
    /// <summary>
    /// The guided half of making an API key (the API has no key endpoint): the exact clicks and the description
    /// to type in the web UI, and the secure capture of the public and private key through the host's credential
    /// prompt (user name = public key, password = private key: nothing echoed, nothing in history). With nobody
    /// to answer, a CwManualStepRequired error carrying the same instructions. New-CwApiKey and
    /// Install-CwIntegration use it.
    /// </summary>
    internal static class KeyInstructions
    {
        /// <summary>The steps in the web UI, numbered, for member <paramref name="memberIdentifier"/> with <paramref name="description"/>.</summary>
        public static string Text(string memberIdentifier, string description, string site, bool unattended, string rerun = "New-CwApiKey")
        {
            var sb = new StringBuilder();
            sb.Append("Create an API key for API member '").Append(memberIdentifier).Append("' in the ConnectWise web UI");
            if (!string.IsNullOrEmpty(site)) sb.Append(" (").Append(site).Append(')');
            sb.AppendLine(":");
            sb.AppendLine("  1. Go to System > Members and open the API Members tab.");
            sb.Append("  2. Open the member '").Append(memberIdentifier).AppendLine("'.");
            sb.AppendLine("  3. Open its API Keys tab and click '+'.");
            sb.Append("  4. In Description, type: ").AppendLine(description);
            sb.AppendLine("  5. Click Save (not Save + Close): the private key is shown only now, once.");
            if (unattended)
            {
                sb.Append("  6. Copy the public key and the private key, then run ").Append(rerun).AppendLine(" again with -KeyPair (a PSCredential:");
                sb.AppendLine("     user name = the public key, password = the private key), e.g. -KeyPair (Get-Credential).");
            }
            else
            {
                sb.AppendLine("  6. Copy the public key and the private key into this prompt: user name = the public key,");
                sb.AppendLine("     password = the private key.");
            }
            sb.Append("If the screen was closed before the private key was copied, delete that key in the same tab and create a new one.");
            return sb.ToString();
        }

        /// <summary>The terminating error for a guided step with nobody at the keyboard; the message carries the instructions.</summary>
        public static CwException ManualStepRequired(string instructions, string why, string rerun = "New-CwApiKey", Exception inner = null)
            => new CwException(ErrorIds.ManualStepRequired, ErrorCategory.NotEnabled,
                "A person must create the API key in the ConnectWise web UI (" + why + ")." + Environment.NewLine + instructions, null, inner)
            { RecommendedAction = "Create the key as described above, then run " + rerun + " again with -KeyPair." };

        /// <summary>A key refusal a person at the prompt can fix by typing again (a wrong or mistyped key), as opposed to a member that is inactive.</summary>
        public static bool IsRetryable(CwException error)
        {
            switch (error?.ErrorId)
            {
                case ErrorIds.AuthenticationFailed:
                case ErrorIds.KeyBelongsToAnotherMember:
                case ErrorIds.InvalidPublicKey:
                case ErrorIds.InvalidPrivateKey:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>The public key of a captured or given credential (Windows prompts may prefix a backslash).</summary>
        public static string PublicKeyOf(PSCredential credential) => credential?.UserName?.TrimStart('\\');
    }
}
