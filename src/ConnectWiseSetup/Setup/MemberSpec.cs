namespace ConnectWiseSetup.Setup
{
    /// <summary>
    /// What a caller wants of an API member (New-CwApiMember, Set-CwApiMember, later Install-CwIntegration).
    /// Null means "not given": discovered on create, unchanged on update. Reference values are a name, an id,
    /// a <see cref="Model.Reference"/> (or, for the role, a <see cref="Model.SecurityRole"/>).
    /// </summary>
    internal sealed class MemberSpec
    {
        public string Identifier { get; set; }
        public string Name { get; set; }
        /// <summary>An address; "" clears it on update.</summary>
        public string EmailAddress { get; set; }
        public string Notes { get; set; }
        public object SecurityRole { get; set; }
        public object Level { get; set; }
        public object SecurityLocation { get; set; }
        public object DefaultLocation { get; set; }
        public object Department { get; set; }
        public object TimeZone { get; set; }
    }
}
