using System;
using System.Management.Automation;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>
    /// Connects to a ConnectWise PSA (Manage) tenant: validates every input, discovers the codebase,
    /// proves the key with /system/info and makes the connection current in this session.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "CwManage", DefaultParameterSetName = CredentialSet)]
    [OutputType(typeof(CwConnection))]
    public sealed class ConnectCwManageCommand : CwCmdletBase
    {
        internal const string CredentialSet = "Credential";
        internal const string ApiKeySet = "ApiKey";

        /// <summary>Site host (<c>na.myconnectwise.net</c>) or URL (<c>https://cw.contoso.com</c>, <c>http://127.0.0.1:5000</c>). With -ApiKey: default the key's.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = ApiKeySet)]
        [AllowEmptyString]
        public string Server { get; set; }

        /// <summary>The company ID typed at the ConnectWise login screen. With -ApiKey: default the key's.</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = ApiKeySet)]
        [AllowEmptyString]
        public string CompanyId { get; set; }

        /// <summary>An API key from New-CwApiKey: connect as the integration (its server, company, clientId, public and private key).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ApiKeySet, ValueFromPipeline = true)]
        [ApiKeyTransformation(false)]
        [ValidateNotNull]
        public CwApiKey ApiKey { get; set; }

        /// <summary>User name: the API key's public key; password: its private key.</summary>
        [Parameter(Mandatory = true, Position = 2, ParameterSetName = CredentialSet)]
        [ApiKeyTransformation]
        public PSCredential Credential { get; set; }

        /// <summary>The integrator clientId GUID; default: the CONNECTWISE_CLIENTID environment variable.</summary>
        [Parameter]
        [PSDefaultValue(Help = "$env:CONNECTWISE_CLIENTID")]
        public string ClientId { get; set; }

        /// <summary>Pin the API version (<c>2025.1</c>); default: the server's, from /system/info.</summary>
        [Parameter]
        [PSDefaultValue(Help = "The server's, from /system/info")]
        public string ApiVersion { get; set; }

        /// <summary>Skip discovery and use this codebase (<c>v2025_1</c>).</summary>
        [Parameter]
        [PSDefaultValue(Help = "Discovered from /login/companyinfo/{companyId}")]
        public string Codebase { get; set; }

        /// <summary>Per-request timeout in seconds (default 100).</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int TimeoutSec { get; set; } = 100;

        /// <summary>Most seconds spent retrying one request (429, 5xx, timeouts); 0: never retry (default 60).</summary>
        [Parameter]
        [ValidateRange(0, 86400)]
        public int MaxRetryTimeSec { get; set; } = 60;

        /// <summary>Write the connection to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            CwConnection connection = null;
            try
            {
                var options = BuildOptions();
                // Validation (inside, before any await) sends nothing when an input is wrong.
                connection = RunAsync(ct => CwConnector.ConnectAsync(options, ct));
            }
            catch (Exception e)
            {
                // A request failure concerns the server; a validation failure keeps its own target (the bad value, never a key).
                ThrowCwError(e, e is CwApiException ? ErrorMapping.WithoutUserInfo(Server ?? ApiKey?.Server) : null);
            }

            CwSession.Current.Connection = connection;
            WriteVerbose("Connected to " + connection + " at " + connection.BaseUri + " (API version " + (connection.ApiVersion ?? "server default") + ").");
            if (PassThru) WriteObject(connection);
        }

        internal ConnectionOptions BuildOptions()
        {
            var options = new ConnectionOptions
            {
                Server = Server,
                CompanyId = CompanyId,
                ClientId = ClientId,
                ApiVersion = ApiVersion,
                Codebase = Codebase,
                TimeoutSec = TimeoutSec,
                MaxRetryTimeSec = MaxRetryTimeSec,
            };
            if (ParameterSetName == CredentialSet && Credential != null)
            {
                options.PublicKey = Credential.UserName?.TrimStart('\\');
                options.PrivateKey = Credential.Password;
            }
            if (ParameterSetName == ApiKeySet && ApiKey != null)
            {
                options.Server = Server ?? ApiKey.Server;
                options.CompanyId = CompanyId ?? ApiKey.CompanyId;
                options.ClientId = ClientId ?? ApiKey.ClientId;
                options.PublicKey = ApiKey.PublicKey;
                options.PrivateKey = ApiKey.PrivateKey;
            }
            return options;
        }
    }
}
