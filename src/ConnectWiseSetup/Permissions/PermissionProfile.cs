using System;
using System.Collections.Generic;
using System.Linq;
using ConnectWiseSetup.Guides;
using ConnectWiseSetup.Model;

namespace ConnectWiseSetup.Permissions
{
    /// <summary>
    /// What one integration needs: its security role (permission rows and Customize allow-lists),
    /// its API member, its key description, the values the vendor asks for, and the endpoints it
    /// calls. Data, not code: built-in profiles are embedded JSON; users add their own files.
    /// The JSON format is documented in docs/profile-format.md.
    /// </summary>
    public sealed class PermissionProfile
    {
        public string Name { get; set; }
        public string DisplayName { get; set; }
        /// <summary>Where the requirements come from: the vendor guide's address for a built-in profile.</summary>
        public string Source { get; set; }
        /// <summary>When <see cref="Source"/> was read (yyyy-MM-dd), when known.</summary>
        public string SourceRead { get; set; }
        /// <summary>What ConvertFrom-CwIntegrationGuide made of <see cref="Source"/> when the profile was checked against it: "yyyy-MM-dd: N of M rows exact, ..." (built-in profiles).</summary>
        public string ImportResult { get; set; }
        /// <summary>Where it was loaded from: "built-in: address, read date", a file path, or "imported from ..." (ConvertFrom-CwIntegrationGuide).</summary>
        public string Origin { get; set; }
        public bool BuiltIn { get; set; }
        /// <summary>The profile was made from a guide with lines not understood, unknown names or no rows: a person must review it (the notes say what).</summary>
        public bool NeedsReview { get; set; }
        /// <summary>For a profile made by ConvertFrom-CwIntegrationGuide: what was read, from which lines, and what was not understood. Null otherwise.</summary>
        public GuideImportReport Import { get; set; }

        public string RoleName { get; set; }
        public List<PermissionRequirement> Permissions { get; set; } = new List<PermissionRequirement>();
        public List<CustomizeRequirement> Customize { get; set; } = new List<CustomizeRequirement>();

        public string MemberIdentifier { get; set; }
        public string MemberName { get; set; }
        public string MemberNote { get; set; }
        public string KeyDescription { get; set; }

        public List<VendorValue> VendorValues { get; set; } = new List<VendorValue>();
        public List<EndpointRequirement> Endpoints { get; set; } = new List<EndpointRequirement>();
        public List<string> Notes { get; set; } = new List<string>();

        public override string ToString() => Name;

        /// <summary>A copy with another role name, identifier, member name or key description (Install's overrides).</summary>
        public PermissionProfile With(string roleName = null, string identifier = null, string memberName = null, string keyDescription = null)
        {
            var copy = (PermissionProfile)MemberwiseClone();
            copy.RoleName = roleName ?? RoleName;
            copy.MemberIdentifier = identifier ?? MemberIdentifier;
            copy.MemberName = memberName ?? MemberName;
            copy.KeyDescription = keyDescription ?? KeyDescription;
            return copy;
        }
    }

    /// <summary>
    /// One permission row a profile asks for, by the labels the web UI shows. The one row model: a row read from a guide
    /// (<c>Guides.GuideRow</c>) is one of these with what the reading found beside it.
    /// </summary>
    public class PermissionRequirement
    {
        public PermissionRequirement() { }

        /// <summary>A copy of <paramref name="other"/>'s row (labels, levels, note, lines): the one place a row is copied field by field.</summary>
        protected PermissionRequirement(PermissionRequirement other)
        {
            Module = other.Module; Function = other.Function;
            Add = other.Add; Edit = other.Edit; Delete = other.Delete; Inquire = other.Inquire;
            Note = other.Note; Lines = other.Lines;
        }

        /// <summary>The row alone, as a profile holds it (a plain PermissionRequirement, whatever this one is).</summary>
        public PermissionRequirement ToRequirement() => new PermissionRequirement(this);

        public string Module { get; set; }
        public string Function { get; set; }
        public PermissionLevel Add { get; set; }
        public PermissionLevel Edit { get; set; }
        public PermissionLevel Delete { get; set; }
        public PermissionLevel Inquire { get; set; }
        public string Note { get; set; }
        /// <summary>The lines of the guide the row was read from (ConvertFrom-CwIntegrationGuide); empty otherwise.</summary>
        public IReadOnlyList<int> Lines { get; set; } = new int[0];

        public PermissionLevels Levels => new PermissionLevels(Add, Edit, Delete, Inquire);

        public override string ToString() => Module + " / " + Function + " " + Levels;
    }

    /// <summary>A Customize allow-list a profile asks for (e.g. Table Setup tables, all agreements).</summary>
    public sealed class CustomizeRequirement
    {
        public string Module { get; set; }
        public string Function { get; set; }
        /// <summary>ConnectWise's customizeIdentifier, e.g. SystemTableSetup or FinanceAgreements.</summary>
        public string List { get; set; }
        public bool AllowAll { get; set; }
        /// <summary>The items to allow ("Category / Table" for Table Setup) when not AllowAll.</summary>
        public List<string> Allow { get; set; } = new List<string>();
        public string Note { get; set; }
        /// <summary>The lines of the guide the list was read from (ConvertFrom-CwIntegrationGuide); empty otherwise.</summary>
        public IReadOnlyList<int> Lines { get; set; } = new int[0];

        public override string ToString() => Module + " / " + Function + " customize: " + (AllowAll ? "allow all" : string.Join(", ", Allow));
    }

    /// <summary>A value the vendor's portal asks for, and where it comes from.</summary>
    public sealed class VendorValue
    {
        public string Name { get; set; }
        /// <summary>SiteUrl, CompanyId, PublicKey, PrivateKey, MemberIdentifier; or null with a fixed <see cref="Value"/>.</summary>
        public string Source { get; set; }
        public string Value { get; set; }
        public bool Secret { get; set; }
        public string Note { get; set; }
        public override string ToString() => Name;

        /// <summary>Site URL, Company ID, Public Key and Private Key: what a portal asks for when no profile says otherwise (a new list each time).</summary>
        internal static List<VendorValue> Standard() => new List<VendorValue>
        {
            new VendorValue { Name = "Site URL", Source = VendorValueSources.SiteUrl },
            new VendorValue { Name = "Company ID", Source = VendorValueSources.CompanyId },
            new VendorValue { Name = "Public Key", Source = VendorValueSources.PublicKey },
            new VendorValue { Name = "Private Key", Source = VendorValueSources.PrivateKey, Secret = true },
        };
    }

    /// <summary>An endpoint the integration calls, and the permission row it needs.</summary>
    public sealed class EndpointRequirement
    {
        public string Method { get; set; }
        public string Path { get; set; }
        public string Module { get; set; }
        public string Function { get; set; }
        public string Purpose { get; set; }
        /// <summary>Not needed for the integration's core use; a Forbidden answer does not fail the test.</summary>
        public bool Optional { get; set; }
        /// <summary>The guide does not list it; it follows from the guide's permissions or purposes.</summary>
        public bool Implied { get; set; }
        public string Note { get; set; }

        public bool IsRead => string.Equals(Method, "GET", StringComparison.OrdinalIgnoreCase);

        public override string ToString() => Method + " " + Path;
    }

    /// <summary>Names of the sources a <see cref="VendorValue"/> may take.</summary>
    public static class VendorValueSources
    {
        public const string SiteUrl = "SiteUrl";
        public const string CompanyId = "CompanyId";
        public const string PublicKey = "PublicKey";
        public const string PrivateKey = "PrivateKey";
        public const string MemberIdentifier = "MemberIdentifier";

        public static readonly string[] All = { SiteUrl, CompanyId, PublicKey, PrivateKey, MemberIdentifier };

        public static bool IsKnown(string s) => All.Contains(s, StringComparer.OrdinalIgnoreCase);
    }
}
