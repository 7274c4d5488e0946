using System.Collections.Generic;
using System.Linq;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;

namespace ConnectWiseSetup.Setup
{
    /// <summary>
    /// The values a vendor's portal asks for, filled in for one key: the profile's list (its names, in its order) or the four most
    /// portals ask for. Install-CwIntegration and Update-CwApiKey give them to the person; the private key stays a SecureString.
    /// </summary>
    internal static class VendorValueList
    {
        /// <summary>Site URL, Company ID, Public Key and Private Key: what a portal asks for when no profile says otherwise.</summary>
        public static IReadOnlyList<VendorValue> Standard => VendorValue.Standard();

        /// <summary>Each wanted value from its source; the keys are null while <paramref name="key"/> is.</summary>
        public static IReadOnlyList<IntegrationVendorValue> Build(IEnumerable<VendorValue> wanted, string site, string companyId, CwApiKey key, string memberIdentifier)
            => wanted.Select(v =>
            {
                object value;
                switch (v.Source ?? "")
                {
                    case VendorValueSources.SiteUrl: value = site; break;
                    case VendorValueSources.CompanyId: value = companyId; break;
                    case VendorValueSources.PublicKey: value = key?.PublicKey; break;
                    case VendorValueSources.PrivateKey: value = key?.PrivateKey; break;
                    case VendorValueSources.MemberIdentifier: value = memberIdentifier; break;
                    default: value = v.Value; break;
                }
                return new IntegrationVendorValue { Name = v.Name, Value = value, Secret = v.Secret || v.Source == VendorValueSources.PrivateKey, Note = v.Note };
            }).ToList();
    }
}
