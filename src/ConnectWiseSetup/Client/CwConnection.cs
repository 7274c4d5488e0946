using System;

namespace ConnectWiseSetup.Client
{
    /// <summary>
    /// A connection to one ConnectWise tenant, the output of Connect-CwManage and the value of -Connection.
    /// Shows where and as whom; never holds the private key in a readable form (it lives only inside the
    /// client's prebuilt Authorization header).
    /// </summary>
    public sealed class CwConnection
    {
        internal CwConnection(ManageClient client, string codebase, string companyName, string siteUrl, bool? isCloud, string serverVersion, DateTime connectedAt)
        {
            Client = client ?? throw new ArgumentNullException(nameof(client));
            Codebase = codebase;
            CompanyName = companyName;
            SiteUrl = siteUrl;
            IsCloud = isCloud;
            ServerVersion = serverVersion;
            ConnectedAt = connectedAt;
        }

        /// <summary>The site as given (<c>na.myconnectwise.net</c>, <c>http://127.0.0.1:5000</c>).</summary>
        public string Server => Client.Server.ToString();

        /// <summary>The site ConnectWise reports for the company (from discovery; null with -Codebase).</summary>
        public string SiteUrl { get; }

        public string CompanyId => Client.CompanyId;

        public string CompanyName { get; }

        /// <summary><c>v2025_1</c>, <c>v4_6_release</c>.</summary>
        public string Codebase { get; }

        /// <summary>The API version pinned in the Accept header (<c>2025.1</c>), or null when the server chooses.</summary>
        public string ApiVersion => Client.ApiVersion;

        /// <summary>The server's version from /system/info (<c>v2025.1.10473</c>).</summary>
        public string ServerVersion { get; }

        /// <summary><c>https://{site}/{codebase}/apis/3.0/</c>.</summary>
        public Uri BaseUri => Client.BaseUri;

        public string PublicKey => Client.PublicKey;

        public string ClientId => Client.ClientId;

        /// <summary>When the connection was made (UTC).</summary>
        public DateTime ConnectedAt { get; }

        public bool? IsCloud { get; }

        /// <summary>False once Disconnect-CwManage has closed it.</summary>
        public bool IsOpen => !Client.IsDisposed;

        /// <summary>The per-request timeout.</summary>
        public TimeSpan Timeout => Client.Timeout;

        internal ManageClient Client { get; }

        public override string ToString() => CompanyId + "@" + Client.Server.Authority + " (" + Codebase + ")";
    }
}
