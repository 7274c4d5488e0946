namespace ConnectWiseSetup.Client
{
    /// <summary>Write-Progress activity ids of the client, distinct from the cmdlets' own (a wait, a probe).</summary>
    internal static class ProgressIds
    {
        /// <summary>Waiting before a retry (Retry-After or back-off) of a second or more.</summary>
        public const int RetryWait = 0x43570001;
        /// <summary>Reading a list of more than one page.</summary>
        public const int ListPages = 0x43570002;
    }
}
