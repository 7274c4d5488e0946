using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace ConnectWiseSetup.Setup
{
    /// <summary>
    /// The guided halves of a key rotation that only a person can do: giving the vendor the new key (step 4) and deleting the old
    /// key in the web UI (step 5; the API cannot delete keys). Never a private key: the text points at where it is kept.
    /// </summary>
    internal static class RotationInstructions
    {
        public const string Rerun = "Update-CwApiKey";

        /// <summary>Step 4: the values to paste into the vendor's portal.</summary>
        public static string Vendor(IReadOnlyList<IntegrationVendorValue> values, string privateKeyIsIn)
        {
            var sb = new StringBuilder();
            sb.AppendLine("Give the vendor the new key: in the vendor's portal, where this integration's ConnectWise connection is set, enter these values and save:");
            foreach (var v in values)
            {
                sb.Append("  ").Append(v.Name).Append(": ");
                if (v.Secret) sb.Append("(the new key's private key: ").Append(privateKeyIsIn).Append(')');
                else sb.Append(v.Value == null ? "(not known yet)" : v.Value.ToString());
                sb.AppendLine();
            }
            sb.Append("Check that the vendor's connection test passes (or that its next sync works) before the old key is deleted.");
            return sb.ToString();
        }

        /// <summary>Step 5: the exact clicks that delete the old key, telling it from the new one by public key.</summary>
        public static string Delete(string memberIdentifier, string site, string oldPublicKey, string newPublicKey)
        {
            var sb = new StringBuilder();
            sb.Append("Delete the old key in the ConnectWise web UI");
            if (!string.IsNullOrEmpty(site)) sb.Append(" (").Append(site).Append(')');
            sb.AppendLine(":");
            sb.AppendLine("  1. Go to System > Members and open the API Members tab.");
            sb.Append("  2. Open the member '").Append(memberIdentifier).AppendLine("'.");
            sb.Append("  3. Open its API Keys tab and find the key with public key '").Append(oldPublicKey).AppendLine("'.");
            sb.Append("     Keep the new key, public key '").Append(newPublicKey).AppendLine("'.");
            sb.Append("  4. Delete the old key (select it, click Delete, confirm). ConnectWise then refuses it, and that is what is checked.");
            return sb.ToString();
        }

        /// <summary>Unattended: steps 4 and 5 together, in order; deleting the old key is the person's confirmation that the vendor uses the new one.</summary>
        public static string VendorThenDelete(string vendor, string delete)
            => "Two things for a person, in this order:" + Environment.NewLine +
               "Step 4. " + vendor + Environment.NewLine +
               "Step 5. " + delete + Environment.NewLine +
               "Deleting the old key says the vendor uses the new one: do not delete it before. Then run " + Rerun +
               " again with the same -OldKeyPair: it checks the old key once and completes when ConnectWise refuses it.";

        /// <summary>Step 2 with nobody at a prompt: the clicks that make the new key, and how to give it to the next run.</summary>
        public static string Create(string memberIdentifier, string description, string site)
            => KeyInstructions.Text(memberIdentifier, description, site, unattended: true, rerun: Rerun) + Environment.NewLine +
               "Give the same -OldKeyPair again: the old key keeps working until step 5, when you delete it.";

        /// <summary>The lines of a text, for the host.</summary>
        public static IEnumerable<string> Lines(string text) => text.Split(new[] { Environment.NewLine, "\n" }, StringSplitOptions.None).Select(l => l.TrimEnd('\r'));
    }
}
