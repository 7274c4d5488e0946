using System;
using System.Management.Automation;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace ConnectWiseSetup.Client
{
    /// <summary>
    /// Makes a <see cref="CwConnection"/>: validates every input (no request before that), discovers the
    /// codebase (unless given), then proves the credentials with /system/info and learns the API version.
    /// </summary>
    internal static class CwConnector
    {
        /// <summary>Validates and builds the client; sends nothing.</summary>
        public static ManageClient CreateClient(ConnectionOptions options, out string codebase)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            var server = InputValidator.Server(options.Server);
            var companyId = InputValidator.CompanyId(options.CompanyId);
            var publicKey = InputValidator.PublicKey(options.PublicKey);
            InputValidator.PrivateKey(options.PrivateKey);
            var clientId = InputValidator.ClientId(options.ClientId, options.Environment);
            var apiVersion = InputValidator.ApiVersion(options.ApiVersion);
            codebase = InputValidator.Codebase(options.Codebase);
            var timeout = options.TimeoutSec.HasValue ? InputValidator.TimeoutSeconds(options.TimeoutSec.Value) : TimeSpan.FromSeconds(100);
            var retry = (options.Retry ?? new RetrySettings()).Clone();
            if (options.MaxRetryTimeSec.HasValue)
            {
                if (options.MaxRetryTimeSec.Value < 0)
                    throw CwException.Invalid(ErrorIds.InvalidArgument, "-MaxRetryTimeSec must be 0 (no retries) or more.", options.MaxRetryTimeSec.Value);
                retry.MaxTotalTime = TimeSpan.FromSeconds(options.MaxRetryTimeSec.Value);
                if (options.MaxRetryTimeSec.Value == 0) retry.MaxAttempts = 1;
            }
            var client = new ManageClient(server, companyId, publicKey, options.PrivateKey, clientId, new ClientOptions
            {
                Timeout = timeout,
                Retry = retry,
                Handler = options.Handler,
                TimeProvider = options.TimeProvider,
                Random = options.Random,
            });
            client.ApiVersion = apiVersion;
            return client;
        }

        public static async Task<CwConnection> ConnectAsync(ConnectionOptions options, CancellationToken cancellationToken)
        {
            var client = CreateClient(options, out var codebase);
            if (options.SignInOnFirstRequest && codebase != null && client.ApiVersion != null)
            {
                // Nothing to discover: the first request made with the connection is the credential check.
                client.BaseUri = BaseUriFor(client.Server, codebase);
                return new CwConnection(client, codebase, null, null, null, null, DateTime.UtcNow);
            }
            try
            {
                CompanyInfo info = null;
                if (codebase == null)
                {
                    info = await DiscoverAsync(client, cancellationToken).ConfigureAwait(false);
                    codebase = InputValidator.NormalizeCodebase(info.Codebase);
                }
                client.BaseUri = BaseUriFor(client.Server, codebase);

                var system = await CheckAsync(client, cancellationToken).ConfigureAwait(false);
                if (client.ApiVersion == null)
                {
                    client.ApiVersion = SystemInfo.ApiVersionOf(system?.Version);
                    ClientLog.Verbose(client.ApiVersion != null
                        ? "Server version " + system.Version + ": using API version " + client.ApiVersion + "."
                        : "Server version '" + (system?.Version ?? "") + "' does not name an API version; the server's default will be used (pin one with -ApiVersion).");
                }
                return new CwConnection(client, codebase, info?.CompanyName, ErrorMapping.WithoutUserInfo(info?.SiteUrl), info?.IsCloud ?? system?.IsCloud, system?.Version, DateTime.UtcNow);
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }

        /// <summary><c>{scheme}://{host}/{codebase}/apis/3.0/</c>.</summary>
        public static Uri BaseUriFor(ServerAddress server, string codebase)
            => new Uri(server.Root, InputValidator.NormalizeCodebase(codebase) + "/apis/3.0/");

        /// <summary><c>GET /login/companyinfo/{companyId}</c>, without credentials.</summary>
        internal static async Task<CompanyInfo> DiscoverAsync(ManageClient client, CancellationToken cancellationToken)
        {
            var uri = new Uri(client.Server.Root, "login/companyinfo/" + Uri.EscapeDataString(client.CompanyId));
            RawResponse response;
            try
            {
                response = await client.SendAsync(HttpMethod.Get, uri, null, RequestKind.Anonymous, cancellationToken).ConfigureAwait(false);
            }
            catch (CwApiException e) when (e.StatusCode == 404)
            {
                throw CompanyNotFound(client, "answered 404", 404, e.Url, e);
            }
            CompanyInfo info;
            try { info = string.IsNullOrWhiteSpace(response.Body) ? null : CwJson.Deserialize<CompanyInfo>(response.Body); }
            catch (FormatException e) { throw ErrorMapping.InvalidResponse(response, e.Message, client.Scrubber); }
            // Some hosts answer an unknown company with 200 and the body null (others with 404): the same "no such company".
            if (info == null && response.Body.Trim() == "null")
                throw CompanyNotFound(client, "answered null", response.StatusCode, ErrorMapping.SafeUrl(uri), null);
            var codebase = InputValidator.NormalizeCodebase(info?.Codebase);
            if (codebase.Length == 0)
                throw new CwApiException(ErrorIds.NotFound, ErrorCategory.ObjectNotFound,
                    "ConnectWise at " + client.Server.Authority + " reported no codebase for company '" + client.CompanyId + "'. Check -CompanyId and -Server, or pass -Codebase (for example v2025_1).",
                    response.StatusCode, "GET", ErrorMapping.SafeUrl(uri));
            try { InputValidator.Codebase(codebase); }
            catch (CwException) { throw ErrorMapping.InvalidResponse(response, "the codebase '" + InputValidator.Printable(codebase) + "' is not like v2025_1.", client.Scrubber); }
            ClientLog.Verbose("Company '" + client.CompanyId + "' is on codebase " + codebase + (string.IsNullOrEmpty(info.VersionCode) ? "" : " (" + info.VersionCode + ")") + ".");
            return info;
        }

        private static CwApiException CompanyNotFound(ManageClient client, string how, int status, string url, CwApiException inner)
            => new CwApiException(ErrorIds.CompanyNotFound, ErrorCategory.ObjectNotFound,
                "ConnectWise at " + client.Server.Authority + " does not know company '" + client.CompanyId + "' (GET /login/companyinfo " + how +
                "). Check -CompanyId (the company you type at the ConnectWise login screen) and -Server, or pass -Codebase.",
                status, "GET", url, inner?.Code, inner?.ApiMessage, inner?.FieldErrors, inner?.RetryCount ?? 0, inner)
            { TargetObject = client.CompanyId, RecommendedAction = "Check -CompanyId and -Server." };

        /// <summary><c>GET /system/info</c> with the credentials: the connection check.</summary>
        internal static async Task<SystemInfo> CheckAsync(ManageClient client, CancellationToken cancellationToken)
        {
            try
            {
                return await client.GetAsync<SystemInfo>("system/info", cancellationToken).ConfigureAwait(false);
            }
            catch (CwApiException e) when (e.ErrorId == ErrorIds.AuthenticationFailed)
            {
                // 401, or the 404 a cloud host answers for a wrong key or company ID (ErrorMapping: /system/info exists everywhere)
                var why = e.StatusCode == 404
                    ? "404 Not Found: cloud hosts answer 404 for a wrong key or company ID, as does a wrong -Codebase"
                    : string.IsNullOrEmpty(e.ApiMessage) ? "401 Unauthorized" : e.ApiMessage;
                throw new CwApiException(ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError,
                    "ConnectWise refused the credentials for company '" + client.CompanyId + "' with public key '" + client.PublicKey + "' (" + why + ").",
                    e.StatusCode, e.Method, e.Url, e.Code, e.ApiMessage, e.FieldErrors, e.RetryCount, e)
                { RecommendedAction = "Check -CompanyId, -Credential (public key as user name, private key as password) and -ClientId." };
            }
        }
    }
}
