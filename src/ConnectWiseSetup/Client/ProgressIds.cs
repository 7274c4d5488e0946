namespace ConnectWiseSetup.Client
{
    /// <summary>
    /// Every Write-Progress activity id the module uses, in one place (Client is the layer every other one can reach), so
    /// two bars never share an id by accident and whoever starts a bar completes it with the same id.
    /// </summary>
    internal static class ProgressIds
    {
        /// <summary>Waiting before a retry (Retry-After or back-off) of a second or more.</summary>
        public const int RetryWait = 0x43570001;
        /// <summary>Reading a list of more than one page.</summary>
        public const int ListPages = 0x43570002;
        /// <summary>Wait-CwSecurityRolePermission: the role's rows being set by a person.</summary>
        public const int PermissionWait = 4711;
        /// <summary>Install-CwIntegration's guided permission step (the same watch as <see cref="PermissionWait"/>, under the install's bar).</summary>
        public const int InstallPermissionWait = 4712;
        /// <summary>Install-CwIntegration's steps.</summary>
        public const int Install = 4713;
        /// <summary>Update-CwApiKey's steps.</summary>
        public const int Rotation = 4716;
        /// <summary>Update-CwApiKey waiting for the old key to be refused.</summary>
        public const int RotationWatch = 4717;
        /// <summary>Test-CwIntegrationPermission -Live: the endpoints being probed.</summary>
        public const int EndpointProbe = 0x0C57;
    }
}
