using System;
using System.Collections.Generic;
using System.Management.Automation;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;
using ConnectWiseSetup.Setup;

namespace ConnectWiseSetup.Cmdlets
{
    /// <summary>
    /// Does an integration have exactly what its profile needs, and nothing more? Tests a role's settings, an API
    /// member's role (pipe Get-CwApiMember: each distinct role is read once per pipeline), or the integration's own
    /// key: its effective rights and its Customize items, and with -Live each endpoint of the profile called as the
    /// integration (GET only). One IntegrationTestResult per subject; -Quiet gives $true or $false.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "CwIntegrationPermission", DefaultParameterSetName = RoleSet)]
    [OutputType(typeof(IntegrationTestResult), typeof(bool))]
    public sealed class TestCwIntegrationPermissionCommand : CwCmdlet
    {
        const string RoleSet = "Role";
        const string MemberSet = "ApiMember";
        const string CredentialSet = "Credential";
        const string ApiKeySet = "ApiKey";

        /// <summary>What the integration needs: a built-in profile name, a profile object or a profile JSON path.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ProfileTransformation]
        [ArgumentCompleter(typeof(ProfileNameCompleter))]
        public PermissionProfile Profile { get; set; }

        /// <summary>A security role: a SecurityRole (Get-CwSecurityRole), an id or a name.</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = RoleSet)]
        [ValidateNotNull]
        public object Role { get; set; }

        /// <summary>An API member: an object (Get-CwApiMember, from the pipeline), an id or an identifier. Its role is tested.</summary>
        [Parameter(Mandatory = true, ParameterSetName = MemberSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Identifier")]
        [ValidateNotNull]
        public object ApiMember { get; set; }

        /// <summary>The integration's own key (user name = public key, password = private key) on the tenant of the connection.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
        [Credential]
        [ValidateNotNull]
        public PSCredential Credential { get; set; }

        /// <summary>The integration's own key as New-CwApiKey or Install-CwIntegration gave it.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ApiKeySet)]
        [ValidateNotNull]
        public CwApiKey ApiKey { get; set; }

        /// <summary>With the key: call each endpoint of the profile as the integration (GET only; write endpoints are checked against the effective row).</summary>
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = ApiKeySet)]
        public SwitchParameter Live { get; set; }

        /// <summary>How many endpoints are called at once with -Live (default 8).</summary>
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = ApiKeySet)]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        /// <summary>Write only $true or $false (in the desired state or not).</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        // Role settings read in this pipeline, by connection and role id: an audit of many members reads each role once.
        readonly Dictionary<string, IReadOnlyList<SecurityRoleSetting>> _settings = new Dictionary<string, IReadOnlyList<SecurityRoleSetting>>(StringComparer.Ordinal);

        protected override void ProcessRecord()
        {
            try
            {
                IntegrationTestResult result;
                switch (ParameterSetName)
                {
                    case RoleSet: result = TestRole(); break;
                    case MemberSet: result = TestMember(); if (result == null) return; break;
                    default: result = TestKey(); break;
                }
                if (Quiet) WriteObject(result.InDesiredState);
                else WriteObject(result);
            }
            catch (PipelineStoppedException) { throw; }
            catch (Exception e) { WriteCwError(e, (object)ApiMember ?? (object)Role ?? Profile); }
        }

        IntegrationTestResult TestRole()
        {
            var connection = ResolveConnection(Role);
            return RunAsync(async ct =>
            {
                var role = await RoleLookup.ResolveAsync(connection.Client, Role, ct).ConfigureAwait(false);
                var settings = await SettingsAsync(connection, role.Id, ct).ConfigureAwait(false);
                return IntegrationVerifier.FromRoleSettings(Profile, role, settings, IntegrationSubjectKind.Role, "role '" + role.Name + "' (id " + role.Id + ") on " + connection);
            });
        }

        IntegrationTestResult TestMember()
        {
            var connection = MemberConnection.For(this, Connection, ApiMember);
            return RunAsync(async ct =>
            {
                var given = ApiMember is PSObject pso ? pso.BaseObject : ApiMember;
                // A member object from Get-CwApiMember names its role: no request for the member itself.
                var member = given is ApiMember m && m.SecurityRole != null ? m : await MemberLookup.ResolveAsync(connection.Client, given, ct).ConfigureAwait(false);
                if (member.SecurityRole == null || member.SecurityRole.Id <= 0)
                    throw new CwException(ErrorIds.NotFound, ErrorCategory.ObjectNotFound, "API member '" + member.Identifier + "' has no security role.", member.Identifier);
                var settings = await SettingsAsync(connection, member.SecurityRole.Id, ct).ConfigureAwait(false);
                var role = new SecurityRole { Id = member.SecurityRole.Id, Name = member.SecurityRole.Name };
                var result = IntegrationVerifier.FromRoleSettings(Profile, role, settings, IntegrationSubjectKind.ApiMember,
                    "API member '" + member.Identifier + "' (role '" + role.Name + "')" + (member.InactiveFlag ? ", inactive" : ""));
                result.ApiMember = member.Identifier;
                return result;
            });
        }

        IntegrationTestResult TestKey()
        {
            ConnectionOptions options;
            if (ParameterSetName == CredentialSet)
            {
                var basis = ResolveConnection();
                options = KeyVerifier.OptionsFor(basis, KeyGuide.PublicKeyOf(Credential), Credential.Password);
            }
            else
            {
                options = KeyVerifier.OptionsFor(ApiKey.Server, ApiKey.CompanyId, ApiKey.ClientId, ApiKey.Codebase, null, null, ApiKey.PublicKey, ApiKey.PrivateKey);
            }
            var result = RunAsync(ct => IntegrationVerifier.TestKeyAsync(options, Profile, Live, ThrottleLimit, ct));
            if (Live) WriteProgress(new ProgressRecord(0x0C57, "Probing the integration's endpoints", "Done") { RecordType = ProgressRecordType.Completed });
            return result;
        }

        async System.Threading.Tasks.Task<IReadOnlyList<SecurityRoleSetting>> SettingsAsync(CwConnection connection, int roleId, System.Threading.CancellationToken ct)
        {
            var key = connection.GetHashCode() + "/" + roleId;
            lock (_settings)
                if (_settings.TryGetValue(key, out var cached)) return cached;
            var settings = await RoleSettings.ReadAsync(connection.Client, roleId, ct).ConfigureAwait(false);
            lock (_settings) _settings[key] = settings;
            return settings;
        }
    }
}
