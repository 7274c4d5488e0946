namespace ConnectWiseSetup.Client
{
    /// <summary>The body of <c>GET /login/companyinfo/{companyId}</c> (PascalCase on the wire; read case-insensitively).</summary>
    internal sealed class CompanyInfo
    {
        public string CompanyName { get; set; }
        public string Codebase { get; set; }
        public string VersionCode { get; set; }
        public string VersionNumber { get; set; }
        public string CompanyId { get; set; }
        public bool? IsCloud { get; set; }
        public string SiteUrl { get; set; }
    }
}
