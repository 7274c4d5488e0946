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
    /// member's role (pipe Get-CwApiMember: each distinct role is read once per pipeline, distinct roles concurrently), or the integration's own
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
        [ArgumentCompleter(typeof(SecurityRoleNameCompleter))]
        [ValidateCwIdentity(CwIdentityKind.SecurityRole)]
        public object Role { get; set; }

        /// <summary>An API member: an object (Get-CwApiMember, from the pipeline), an id or an identifier. Its role is tested.</summary>
        [Parameter(Mandatory = true, ParameterSetName = MemberSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Identifier")]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(ApiMemberIdentifierCompleter))]
        [ValidateCwIdentity(CwIdentityKind.ApiMember)]
        public object ApiMember { get; set; }

        /// <summary>The integration's own key (user name = public key, password = private key) on the tenant of the connection.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
        [ApiKeyTransformation]
        [ValidateNotNull]
        public PSCredential Credential { get; set; }

        /// <summary>The integration's own key as New-CwApiKey or Install-CwIntegration gave it.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ApiKeySet)]
        [ApiKeyTransformation(false)]
        [ValidateNotNull]
        public CwApiKey ApiKey { get; set; }

        /// <summary>With the key: call each endpoint of the profile as the integration (GET only; write endpoints are checked against the effective row).</summary>
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = ApiKeySet)]
        public SwitchParameter Live { get; set; }

        /// <summary>How many requests run at once: endpoints with -Live, roles' settings for piped API members (default 8).</summary>
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = ApiKeySet)]
        [Parameter(ParameterSetName = MemberSet)]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        /// <summary>Write only $true or $false (in the desired state or not).</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        // Each distinct role (per connection) read and compared once in this pipeline, however many members hold it.
        MemberAudit _audit;
        // Piped members, resolved together in EndProcessing: distinct roles read concurrently, results in input order.
        readonly List<KeyValuePair<CwConnection, object>> _piped = new List<KeyValuePair<CwConnection, object>>();

        protected override void BeginProcessing()
        {
            _audit = new MemberAudit(Profile, ThrottleLimit);
        }

        protected override void ProcessRecord()
        {
            try
            {
                IntegrationTestResult result;
                switch (ParameterSetName)
                {
                    case RoleSet:
                        var roleConnection = ResolveConnection(Role);
                        result = RunAsync(ct => _audit.TestRoleAsync(roleConnection, Role, ct));
                        break;
                    case MemberSet:
                        var memberConnection = MemberConnection.For(this, Connection, ApiMember);
                        if (MyInvocation.ExpectingInput)
                        {
                            // From the pipeline: one record at a time would read one role after another. Keep it for EndProcessing,
                            // and when the member names its role, start reading that role now, while the pipeline brings the next
                            // members (the audit reads each role once, at most -ThrottleLimit at a time).
                            _piped.Add(new KeyValuePair<CwConnection, object>(memberConnection, ApiMember));
                            if ((ApiMember is PSObject wrapped ? wrapped.BaseObject : ApiMember) is ApiMember named && named.SecurityRole?.Id > 0)
                                ReadAhead(ct => _audit.CompareRoleAsync(memberConnection, named.SecurityRole.Id, ct));
                            return;
                        }
                        result = RunAsync(ct => _audit.TestMemberAsync(memberConnection, ApiMember, ct));
                        break;
                    default: result = TestKey(); break;
                }
                Write(result);
            }
            catch (Exception e) { WriteCwError(e, (object)ApiMember ?? (object)Role ?? Profile); }
        }

        protected override void EndProcessing()
        {
            if (_piped.Count == 0) return;
            IReadOnlyList<AuditOutcome> outcomes;
            try { outcomes = RunAsync(ct => _audit.TestMembersAsync(_piped, ct)); }
            catch (Exception e) { WriteCwError(e, Profile); return; }
            foreach (var o in outcomes)
            {
                if (o.Error != null) WriteCwError(o.Error, o.Target);
                else Write(o.Result);
            }
        }

        void Write(IntegrationTestResult result)
        {
            if (Quiet) WriteObject(result.InDesiredState);
            else WriteObject(result);
        }

        IntegrationTestResult TestKey()
        {
            var options = ParameterSetName == CredentialSet
                ? KeyVerifier.OptionsFor(ResolveConnection(), KeyInstructions.PublicKeyOf(Credential), Credential.Password)
                : KeyVerifier.OptionsFor(ApiKey);
            // The probe completes its own progress bar (EndpointProbe).
            return RunAsync(ct => IntegrationVerifier.TestKeyAsync(options, Profile, Live, ThrottleLimit, ct));
        }
    }
}
