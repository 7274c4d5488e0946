using System.Collections;
using System.Management.Automation;
using System.Net;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;

namespace ConnectWiseSetup.Tests.Reliability
{
    /// <summary>
    /// A simulator of its own for the bad-input corpus: tenant 1 is a plain tenant (one location, one department),
    /// tenant 2 has a second location so a member's default location is ambiguous.
    /// </summary>
    public sealed class BadInputFixture : SimulatorFixture, IDisposable
    {
        protected override SimulatorOptions Options => new() { Port = 0, TenantCount = 2, Seed = 4242 };

        PsSession _ps;
        public string Folder { get; } = Path.Combine(Path.GetTempPath(), "cw-badinput-" + Guid.NewGuid().ToString("N"));

        /// <summary>A runspace connected to tenant 1 with the variables the corpus uses ($R role, $M member, $Ambiguous connection, profile files...).</summary>
        public PsSession Session
        {
            get
            {
                if (_ps != null) return _ps;
                Directory.CreateDirectory(Folder);
                var ps = ConnectedSession();
                foreach (var kv in ConnectVariables()) ps.SetVariable(kv.Key, kv.Value);
                var setup = ps.Run(
                    "$R = New-CwSecurityRole -Name 'Bad Input Role';" +
                    "$M = New-CwApiMember -Identifier BadInput -Name 'Bad Input' -SecurityRole $R;" +
                    "$R; $M");
                setup.AssertNoErrors();
                var second = Server.Tenants[1];
                using (var op = new OperatorClient(Server.BaseUrl, Server.OperatorToken, second.CompanyId)) op.AddLocation("Branch Office");
                var amb = ps.Run(ConnectScript + " -PassThru", ConnectVariables(second));
                amb.AssertNoErrors();
                ps.SetVariable("Ambiguous", amb.Output[0]);
                var ambRole = ps.Run("New-CwSecurityRole -Name 'Ambiguous Role' -Connection $Ambiguous");
                ambRole.AssertNoErrors();
                // the current connection is tenant 1 again
                ps.Run(ConnectScript, ConnectVariables()).AssertNoErrors();

                ps.SetVariable("BadPublicCred", Credential("pub:lic", "PrivateKey1"));
                ps.SetVariable("SpacePublicCred", Credential("pub lic", "PrivateKey1"));
                ps.SetVariable("SpacePrivateCred", Credential(Tenant.PublicKey, "private key"));
                ps.SetVariable("NewlinePrivateCred", Credential(Tenant.PublicKey, Tenant.PrivateKey + "\n"));
                ps.SetVariable("EmptyPrivateCred", new PSCredential(Tenant.PublicKey, new System.Security.SecureString()));
                ps.SetVariable("OtherCred", Credential("OtherPublicKey01", "OtherPrivate01"));
                ps.SetVariable("LongPublicCred", Credential(new string('P', 100_000), "PrivateKey1"));
                ps.SetVariable("LongPrivateCred", Credential(Tenant.PublicKey, new string('K', 65_536)));
                ps.SetVariable("Files", Files());
                ps.SetVariable("ExistingFile", File("existing.json", "{}"));
                _ps = ps;
                return ps;
            }
        }

        string File(string name, string text)
        {
            var path = Path.Combine(Folder, name);
            System.IO.File.WriteAllText(path, text);
            return path;
        }

        static string Profile(string name = "BadOne", string roleName = "Bad One", string rows = null, string member = "{ \"identifier\": \"BadOne\" }", string extra = "")
            => "{ \"name\": \"" + name + "\", \"role\": { \"name\": \"" + roleName + "\", \"permissions\": " +
               (rows ?? "[ { \"module\": \"Companies\", \"function\": \"Company Maintenance\", \"inquire\": \"All\" } ]") +
               " }, \"apiMember\": " + member + extra + " }";

        /// <summary>Profile files, by key, for $Files.key in the corpus.</summary>
        Hashtable Files() => new()
        {
            ["Malformed"] = File("malformed.json", "{ \"name\": \"Broken\", \"role\": { \"name\": \"Broken\", "),
            ["Empty"] = File("empty.json", ""),
            ["Array"] = File("array.json", "[ { \"name\": \"x\" } ]"),
            ["LevelAl"] = File("level-al.json", Profile(rows: "[ { \"module\": \"Companies\", \"function\": \"Company Maintenance\", \"inquire\": \"Al\" } ]")),
            ["LevelSome"] = File("level-some.json", Profile(rows: "[ { \"module\": \"Companies\", \"function\": \"Company Maintenance\", \"add\": \"Some\" } ]")),
            ["LevelNumber"] = File("level-number.json", Profile(rows: "[ { \"module\": \"Companies\", \"function\": \"Company Maintenance\", \"edit\": 3 } ]")),
            ["NoRoleName"] = File("no-role-name.json", "{ \"name\": \"NoRole\", \"role\": { \"permissions\": [] }, \"apiMember\": { \"identifier\": \"X\" } }"),
            ["LongRoleName"] = File("long-role-name.json", Profile(roleName: new string('R', 31))),
            ["LongIdentifier"] = File("long-identifier.json", Profile(member: "{ \"identifier\": \"" + new string('I', 16) + "\" }")),
            ["BadName"] = File("bad-name.json", Profile(name: "bad name!")),
            ["UnknownField"] = File("unknown-field.json", Profile(extra: ", \"permisions\": []")),
            ["NoModule"] = File("no-module.json", Profile(rows: "[ { \"function\": \"Company Maintenance\", \"inquire\": \"All\" } ]")),
            ["DuplicateRow"] = File("duplicate-row.json", Profile(rows: "[ { \"module\": \"Companies\", \"function\": \"Company Maintenance\", \"inquire\": \"All\" }, { \"module\": \"companies\", \"function\": \"company maintenance\", \"inquire\": \"My\" } ]")),
            ["UnknownFunction"] = File("unknown-function.json", Profile(name: "UnknownFunction", rows: "[ { \"module\": \"Companies\", \"function\": \"Company Maintenence Plus\", \"inquire\": \"All\" } ]")),
            ["UnknownModule"] = File("unknown-module.json", Profile(name: "UnknownModule", rows: "[ { \"module\": \"Warehouse\", \"function\": \"Company Maintenance\", \"inquire\": \"All\" } ]")),
            // The names rule in profile JSON (escapes, so the file itself is plain ASCII).
            ["ZeroWidthRole"] = File("zero-width-role.json", Profile(roleName: "Adm\\u200Bin")),
            ["RtlMemberName"] = File("rtl-member-name.json", Profile(member: "{ \"identifier\": \"BadOne\", \"name\": \"Vendor \\u202EX\" }")),
            ["CyrillicRole"] = File("cyrillic-role.json", Profile(roleName: "\\u0410dmin")),
            ["ControlKeyDescription"] = File("control-key-description.json", Profile(extra: ", \"apiKey\": { \"description\": \"Key\\u0007\" }")),
            ["LongRoleName100k"] = File("long-role-100k.json", Profile(roleName: new string('R', 100_000))),
            ["Missing"] = Path.Combine(Folder, "does-not-exist.json"),
            ["Out1"] = Path.Combine(Folder, "out1.json"),
            ["Out2"] = Path.Combine(Folder, "out2.json"),
        };


        public void Dispose()
        {
            _ps?.Dispose();
            try { Directory.Delete(Folder, true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// Bad input across the cmdlets: each case gets an ErrorRecord with its exact, stable ErrorId and a message that says what
    /// to fix, and the simulator's global request log proves that nothing was sent (or, where only the tenant can tell, e.g.
    /// an unknown permission row or an ambiguous default, that nothing was written).
    /// </summary>
    public sealed class BadInputTests : IClassFixture<BadInputFixture>
    {
        /// <summary>Nothing may reach the server, or only reads may.</summary>
        public enum Sent { Nothing, ReadsOnly }

        public sealed record Case(string Script, string ErrorId, string[] Hints, Sent Sent = Sent.Nothing);

        static Case C(string script, string id, params string[] hints) => new(script, id, hints);
        static Case Read(string script, string id, params string[] hints) => new(script, id, hints, Sent.ReadsOnly);

        const string Connect = "Connect-CwManage -Server $Server -CompanyId $CompanyId -ClientId $ClientId -Credential $Cred";
        static readonly string Long31 = new('R', 31);
        static readonly string Long16 = new('M', 16);

        /// <summary>The corpus: name → case. A new bad input is one line here.</summary>
        public static readonly IReadOnlyDictionary<string, Case> Corpus = new Dictionary<string, Case>
        {
            // ---- Connect-CwManage
            ["connect: empty company id"] = C("Connect-CwManage -Server $Server -CompanyId '' -ClientId $ClientId -Credential $Cred", "CwInvalidCompanyId", "-CompanyId"),
            ["connect: blank company id"] = C("Connect-CwManage -Server $Server -CompanyId '   ' -ClientId $ClientId -Credential $Cred", "CwInvalidCompanyId", "-CompanyId"),
            ["connect: company id with a space"] = C("Connect-CwManage -Server $Server -CompanyId 'con toso' -ClientId $ClientId -Credential $Cred", "CwInvalidCompanyId", "letters, digits"),
            ["connect: company id with a quote"] = C("Connect-CwManage -Server $Server -CompanyId 'a\"b' -ClientId $ClientId -Credential $Cred", "CwInvalidCompanyId", "letters, digits"),
            ["connect: company id with a plus"] = C("Connect-CwManage -Server $Server -CompanyId 'a+b' -ClientId $ClientId -Credential $Cred", "CwInvalidCompanyId", "letters, digits"),
            ["connect: clientId not a GUID"] = C("Connect-CwManage -Server $Server -CompanyId $CompanyId -ClientId 'my-client' -Credential $Cred", "CwInvalidClientId", "GUID"),
            ["connect: clientId a GUID with a letter too many"] = C("Connect-CwManage -Server $Server -CompanyId $CompanyId -ClientId '0f8fad5b-d9cb-469f-a165-70867728950ez' -Credential $Cred", "CwInvalidClientId", "00000000-0000-0000-0000-000000000000"),
            ["connect: http to a non-loopback host"] = C("Connect-CwManage -Server 'http://cw.contoso.com' -CompanyId $CompanyId -ClientId $ClientId -Credential $Cred", "CwInsecureServer", "https://"),
            ["connect: http to a private address"] = C("Connect-CwManage -Server 'http://10.0.0.5:8080' -CompanyId $CompanyId -ClientId $ClientId -Credential $Cred", "CwInsecureServer", "https://"),
            ["connect: ftp scheme"] = C("Connect-CwManage -Server 'ftp://cw.contoso.com' -CompanyId $CompanyId -ClientId $ClientId -Credential $Cred", "CwInvalidServer", "https://"),
            ["connect: server with a path"] = C("Connect-CwManage -Server 'https://na.myconnectwise.net/v4_6_release/apis/3.0' -CompanyId $CompanyId -ClientId $ClientId -Credential $Cred", "CwInvalidServer", "-Codebase"),
            ["connect: server with user info"] = C("Connect-CwManage -Server 'https://user:pass@na.myconnectwise.net' -CompanyId $CompanyId -ClientId $ClientId -Credential $Cred", "CwInvalidServer", "-Credential"),
            ["connect: empty server"] = C("Connect-CwManage -Server '' -CompanyId $CompanyId -ClientId $ClientId -Credential $Cred", "CwInvalidServer", "-Server"),
            ["connect: public key with a colon"] = C("Connect-CwManage -Server $Server -CompanyId $CompanyId -ClientId $ClientId -Credential $BadPublicCred", "CwInvalidPublicKey", "public key"),
            ["connect: public key with a space"] = C("Connect-CwManage -Server $Server -CompanyId $CompanyId -ClientId $ClientId -Credential $SpacePublicCred", "CwInvalidPublicKey", "public key"),
            ["connect: private key with a space"] = C("Connect-CwManage -Server $Server -CompanyId $CompanyId -ClientId $ClientId -Credential $SpacePrivateCred", "CwInvalidPrivateKey", "private key"),
            ["connect: private key with a stray newline"] = C("Connect-CwManage -Server $Server -CompanyId $CompanyId -ClientId $ClientId -Credential $NewlinePrivateCred", "CwInvalidPrivateKey", "newline"),
            ["connect: empty private key"] = C("Connect-CwManage -Server $Server -CompanyId $CompanyId -ClientId $ClientId -Credential $EmptyPrivateCred", "CwInvalidPrivateKey", "password of -Credential"),
            ["connect: api version not year.release"] = C(Connect + " -ApiVersion latest", "CwInvalidApiVersion", "2025.1"),
            ["connect: codebase with a slash inside"] = C(Connect + " -Codebase 'v2025_1/x'", "CwInvalidCodebase", "v2025_1"),

            // ---- security roles
            ["role: name over 30"] = C("New-CwSecurityRole -Name '" + Long31 + "'", "CwInvalidRoleName", "at most 30"),
            ["role: blank name"] = C("New-CwSecurityRole -Name '   '", "CwInvalidRoleName", "-Name"),
            ["role: name with a quote"] = C("New-CwSecurityRole -Name 'Vendor \"X\"'", "CwInvalidRoleName", "without"),
            ["role: name with a line break"] = C("New-CwSecurityRole -Name \"Vendor`nX\"", "CwInvalidRoleName", "without"),
            ["role: unknown profile"] = C("New-CwSecurityRole -Profile NoSuchVendor", "CwUnknownProfile", "MspProcess"),
            ["role: malformed profile JSON"] = C("New-CwSecurityRole -Profile $Files.Malformed", "CwInvalidProfile", "not valid JSON"),
            ["role: empty profile file"] = C("New-CwSecurityRole -Profile $Files.Empty", "CwInvalidProfile", "not valid JSON"),
            ["role: profile file that is an array"] = C("New-CwSecurityRole -Profile $Files.Array", "CwInvalidProfile", "one JSON object"),
            ["role: profile file missing"] = C("New-CwSecurityRole -Profile $Files.Missing", "CwInvalidProfile", "does not exist"),
            ["role: profile level Al"] = C("New-CwSecurityRole -Profile $Files.LevelAl", "CwInvalidProfile", "role.permissions[0].inquire", "None, My or All"),
            ["role: profile level Some"] = C("New-CwSecurityRole -Profile $Files.LevelSome", "CwInvalidProfile", "role.permissions[0].add", "None, My or All"),
            ["role: profile level a number"] = C("New-CwSecurityRole -Profile $Files.LevelNumber", "CwInvalidProfile", "role.permissions[0].edit"),
            ["role: profile without role name"] = C("New-CwSecurityRole -Profile $Files.NoRoleName", "CwInvalidProfile", "role.name"),
            ["role: profile role name over 30"] = C("New-CwSecurityRole -Profile $Files.LongRoleName", "CwInvalidProfile", "role.name", "30"),
            ["role: profile member identifier over 15"] = C("New-CwSecurityRole -Profile $Files.LongIdentifier", "CwInvalidProfile", "apiMember.identifier"),
            ["role: profile name with a space"] = C("New-CwSecurityRole -Profile $Files.BadName", "CwInvalidProfile", "name", "letters, digits"),
            ["role: profile with a misspelt field"] = C("New-CwSecurityRole -Profile $Files.UnknownField", "CwInvalidProfile", "permisions"),
            ["role: profile row without module"] = C("New-CwSecurityRole -Profile $Files.NoModule", "CwInvalidProfile", "role.permissions[0].module"),
            ["role: profile with a row twice"] = C("New-CwSecurityRole -Profile $Files.DuplicateRow", "CwInvalidProfile", "role.permissions[1]", "already given"),
            ["role: Get with a quote in the name"] = C("Get-CwSecurityRole -Name 'a\"b'", "CwInvalidConditionValue", "\""),
            ["role: permissions of a role named with a quote"] = C("Get-CwSecurityRolePermission -Role 'a\"b'", "CwInvalidConditionValue", "\""),
            ["role: remove a role named with a quote"] = C("Remove-CwSecurityRole -Role 'a\"b' -Confirm:$false", "CwInvalidConditionValue", "\""),
            ["role: compare with an unknown profile"] = C("Compare-CwSecurityRole -Role $R -Profile NoSuchVendor", "CwUnknownProfile", "MspProcess"),
            ["role: compare with a malformed profile"] = C("Compare-CwSecurityRole -Role $R -Profile $Files.Malformed", "CwInvalidProfile", "not valid JSON"),
            ["role: wait with an unknown profile"] = C("Wait-CwSecurityRolePermission -Role $R -Profile NoSuchVendor -Timeout 00:00:01", "CwUnknownProfile", "MspProcess"),
            ["role: wait with a level Al profile"] = C("Wait-CwSecurityRolePermission -Role $R -Profile $Files.LevelAl -Timeout 00:00:01", "CwInvalidProfile", "None, My or All"),
            ["role: compare, unknown function (only the tenant knows)"] = Read("Compare-CwSecurityRole -Role $R -Profile $Files.UnknownFunction", "CwUnknownPermissionRow", "Closest rows", "Company Maintenance"),
            ["role: wait, unknown module (only the tenant knows)"] = Read("Wait-CwSecurityRolePermission -Role $R -Profile $Files.UnknownModule -Timeout 00:00:01", "CwUnknownPermissionRow", "Closest rows", "Company Maintenance"),
            ["role: export with a bad profile name"] = C("Export-CwSecurityRole -Role $R -Path $Files.Out1 -Name 'bad name!'", "CwInvalidArgument", "letters, digits"),
            ["role: export with a member identifier over 15"] = C("Export-CwSecurityRole -Role $R -Path $Files.Out2 -MemberIdentifier '" + Long16 + "'", "CwInvalidArgument", "15"),
            ["role: export over an existing file"] = C("Export-CwSecurityRole -Role $R -Path $ExistingFile", "CwFileExists", "-Force"),
            ["profile: unknown built-in name"] = C("Get-CwIntegrationProfile -Name NoSuchVendor", "CwUnknownProfile", "MspProcess"),
            ["profile: malformed file"] = C("Get-CwIntegrationProfile -Path $Files.Malformed", "CwInvalidProfile", "not valid JSON"),

            // ---- API members
            ["member: identifier over 15"] = C("New-CwApiMember -Identifier '" + Long16 + "' -SecurityRole $R", "CwInvalidIdentifier", "at most 15"),
            ["member: identifier with a quote"] = C("New-CwApiMember -Identifier 'a\"b' -SecurityRole $R", "CwInvalidIdentifier", "only letters, digits"),
            ["member: identifier with a slash"] = C("New-CwApiMember -Identifier 'bad/id' -SecurityRole $R", "CwInvalidIdentifier", "only letters, digits"),
            ["member: identifier with a leading space"] = C("New-CwApiMember -Identifier ' Lead' -SecurityRole $R", "CwInvalidIdentifier", "start with a letter or digit"),
            ["member: identifier with a trailing space"] = C("New-CwApiMember -Identifier 'Trail ' -SecurityRole $R", "CwInvalidIdentifier", "not end with a space"),
            ["member: identifier with a tab"] = C("New-CwApiMember -Identifier \"Tab`tId\" -SecurityRole $R", "CwInvalidIdentifier", "only letters, digits"),
            ["member: identifier not ASCII"] = C("New-CwApiMember -Identifier 'Ünïcode' -SecurityRole $R", "CwInvalidIdentifier", "only letters, digits"),
            ["member: blank identifier"] = C("New-CwApiMember -Identifier '  ' -SecurityRole $R", "CwInvalidIdentifier", "-Identifier"),
            ["member: name over 30"] = C("New-CwApiMember -Identifier LongName -Name '" + Long31 + "' -SecurityRole $R", "CwInvalidMemberName", "at most 30"),
            ["member: blank name"] = C("New-CwApiMember -Identifier BlankName -Name '   ' -SecurityRole $R", "CwInvalidMemberName", "-Name"),
            ["member: name with a tab"] = C("New-CwApiMember -Identifier TabName -Name \"a`tb\" -SecurityRole $R", "CwInvalidMemberName", "control character"),
            ["member: email without @"] = C("New-CwApiMember -Identifier Mail1 -SecurityRole $R -EmailAddress 'integrations.contoso.com'", "CwInvalidEmailAddress", "integrations@contoso.com"),
            ["member: email with two @"] = C("New-CwApiMember -Identifier Mail2 -SecurityRole $R -EmailAddress 'a@b@contoso.com'", "CwInvalidEmailAddress", "integrations@contoso.com"),
            ["member: email with a space"] = C("New-CwApiMember -Identifier Mail3 -SecurityRole $R -EmailAddress 'a b@contoso.com'", "CwInvalidEmailAddress", "integrations@contoso.com"),
            ["member: email without a local part"] = C("New-CwApiMember -Identifier Mail4 -SecurityRole $R -EmailAddress '@contoso.com'", "CwInvalidEmailAddress", "integrations@contoso.com"),
            ["member: email without a domain"] = C("New-CwApiMember -Identifier Mail5 -SecurityRole $R -EmailAddress 'x@'", "CwInvalidEmailAddress", "integrations@contoso.com"),
            ["member: set name over 30"] = C("Set-CwApiMember -ApiMember $M -Name '" + Long31 + "'", "CwInvalidMemberName", "at most 30"),
            ["member: set blank name"] = C("Set-CwApiMember -ApiMember $M -Name ' '", "CwInvalidMemberName", "-Name"),
            ["member: set bad email"] = C("Set-CwApiMember -ApiMember $M -EmailAddress 'nobody'", "CwInvalidEmailAddress", "integrations@contoso.com"),
            ["member: Get with a quote in the identifier"] = C("Get-CwApiMember -Identifier 'a\"b'", "CwInvalidConditionValue", "\""),
            ["member: Get with a quote in a wildcard"] = C("Get-CwApiMember -Identifier 'a\"*'", "CwInvalidConditionValue", "\""),
            ["member: disable an identifier with a quote"] = C("Disable-CwApiMember -ApiMember 'a\"b' -Confirm:$false", "CwInvalidConditionValue", "\""),
            ["member: role named with a quote"] = C("New-CwApiMember -Identifier QuoteRole -SecurityRole 'a\"b'", "CwInvalidRoleName", "\""),
            ["member: ambiguous default location (only the tenant knows)"] = Read("New-CwApiMember -Identifier AmbMember -SecurityRole 'Ambiguous Role' -Connection $Ambiguous", "CwAmbiguousDefault", "-DefaultLocation", "Branch Office"),

            // ---- API keys
            ["key: description on two lines"] = C("New-CwApiKey -ApiMember $M -Description \"two`nlines\" -KeyPair $SpacePrivateCred", "CwInvalidKeyDescription", "control character", "position 4"),
            ["key: key pair with a bad public key"] = C("New-CwApiKey -ApiMember $M -KeyPair $BadPublicCred", "CwInvalidPublicKey", "public key"),
            ["key: key pair with a stray newline in the private key"] = C("New-CwApiKey -ApiMember $M -KeyPair $NewlinePrivateCred", "CwInvalidPrivateKey", "newline"),
            ["key: test a credential with a space in the private key"] = C("Test-CwApiKey -Credential $SpacePrivateCred", "CwInvalidPrivateKey", "private key"),
            ["key: member identifier with a quote"] = C("New-CwApiKey -ApiMember 'a\"b' -KeyPair $Cred", "CwInvalidConditionValue", "\""),

            // ---- integrations
            ["install: unknown profile"] = C("Install-CwIntegration -Profile NoSuchVendor -NonInteractive", "CwUnknownProfile", "MspProcess"),
            ["install: malformed profile JSON"] = C("Install-CwIntegration -Profile $Files.Malformed -NonInteractive", "CwInvalidProfile", "not valid JSON"),
            ["install: identifier over 15"] = C("Install-CwIntegration -Profile MspProcess -Identifier '" + Long16 + "' -NonInteractive", "CwInvalidIdentifier", "at most 15"),
            ["install: identifier with a quote"] = C("Install-CwIntegration -Profile MspProcess -Identifier 'a\"b' -NonInteractive", "CwInvalidIdentifier", "only letters, digits"),
            ["install: role name over 30"] = C("Install-CwIntegration -Profile MspProcess -RoleName '" + Long31 + "' -NonInteractive", "CwInvalidRoleName", "at most 30"),
            ["install: member name over 30"] = C("Install-CwIntegration -Profile MspProcess -MemberName '" + Long31 + "' -NonInteractive", "CwInvalidMemberName", "at most 30"),
            ["install: bad email"] = C("Install-CwIntegration -Profile MspProcess -EmailAddress 'nobody' -NonInteractive", "CwInvalidEmailAddress", "integrations@contoso.com"),
            ["install: poll interval zero"] = C("Install-CwIntegration -Profile MspProcess -PollInterval 00:00:00", "CwInvalidArgument", "-PollInterval"),
            ["install: key pair with a stray newline"] = C("Install-CwIntegration -Profile MspProcess -KeyPair $NewlinePrivateCred -NonInteractive", "CwInvalidPrivateKey", "newline"),
            ["install: unknown function (only the tenant knows)"] = Read("Install-CwIntegration -Profile $Files.UnknownFunction -NonInteractive", "CwUnknownPermissionRow", "Closest rows", "Company Maintenance"),
            ["test integration: unknown profile"] = C("Test-CwIntegrationPermission -Profile NoSuchVendor -Role $R", "CwUnknownProfile", "MspProcess"),
            ["test integration: role named with a quote"] = C("Test-CwIntegrationPermission -Profile MspProcess -Role 'a\"b'", "CwInvalidConditionValue", "\""),
            ["test integration: private key with a space"] = C("Test-CwIntegrationPermission -Profile MspProcess -Credential $SpacePrivateCred", "CwInvalidPrivateKey", "private key"),
            ["test integration: unknown function (only the tenant knows)"] = Read("Test-CwIntegrationPermission -Profile $Files.UnknownFunction -Role $R", "CwUnknownPermissionRow", "Closest rows"),
            ["uninstall: unknown profile"] = C("Uninstall-CwIntegration -Profile NoSuchVendor -Confirm:$false", "CwUnknownProfile", "MspProcess"),
            // ---- the names rule (issue 23): invisible, look-alike and over-long names, refused before any request
            ["names: role with a zero-width space (Adm ZWSP in)"] = C("New-CwSecurityRole -Name \"Adm`u{200B}in\"", "CwInvalidRoleName", "U+200B", "position 4"),
            ["names: role with a right-to-left mark"] = C("New-CwSecurityRole -Name \"Vendor`u{200F}X\"", "CwInvalidRoleName", "U+200F", "position 7"),
            ["names: role with a byte order mark"] = C("New-CwSecurityRole -Name \"`u{FEFF}Vendor\"", "CwInvalidRoleName", "U+FEFF", "position 1"),
            ["names: role with a Cyrillic A (look-alike)"] = C("New-CwSecurityRole -Name \"`u{0410}dmin\"", "CwInvalidRoleName", "mixes scripts", "Cyrillic", "position 1"),
            ["names: role in full-width letters"] = C("New-CwSecurityRole -Name \"`u{FF21}dmin\"", "CwInvalidRoleName", "U+FF21", "look-alike"),
            ["names: role of 100,000 characters"] = C("New-CwSecurityRole -Name ('R' * 100000)", "CwInvalidRoleName", "100000", "at most 30"),
            ["names: member identifier with a zero-width space"] = C("New-CwApiMember -Identifier \"Bad`u{200B}Id\" -SecurityRole $R", "CwInvalidIdentifier", "U+200B", "position 4"),
            ["names: member identifier of 100,000 characters"] = C("New-CwApiMember -Identifier ('I' * 100000) -SecurityRole $R", "CwInvalidIdentifier", "at most 15"),
            ["names: member name with a right-to-left override"] = C("New-CwApiMember -Identifier RtlName -Name \"Vendor `u{202E}X\" -SecurityRole $R", "CwInvalidMemberName", "U+202E", "position 8"),
            ["names: member name with a Cyrillic o"] = C("New-CwApiMember -Identifier CyrName -Name \"Vend`u{043E}r\" -SecurityRole $R", "CwInvalidMemberName", "Cyrillic", "position 5"),
            ["names: department of 100,000 characters"] = C("New-CwApiMember -Identifier LongDept -SecurityRole $R -Department ('D' * 100000)", "CwInvalidReferenceName", "at most 50"),
            ["names: department with a zero-width joiner"] = C("New-CwApiMember -Identifier ZwjDept -SecurityRole $R -Department \"Ser`u{200D}vice\"", "CwInvalidReferenceName", "U+200D"),
            ["names: set member name with a zero-width space"] = C("Set-CwApiMember -ApiMember $M -Name \"Bad`u{200B}Input\"", "CwInvalidMemberName", "U+200B"),
            ["names: key description over 100"] = C("New-CwApiKey -ApiMember $M -Description ('d' * 101) -KeyPair $Cred", "CwInvalidKeyDescription", "at most 100"),
            ["names: key secret name with a line break"] = C("New-CwApiKey -ApiMember $M -KeyPair $Cred -Vault NoSuchVault -SecretName \"a`nb\"", "CwInvalidSecretName", "control character"),
            ["names: public key of 100,000 characters"] = C("Connect-CwManage -Server $Server -CompanyId $CompanyId -ClientId $ClientId -Credential $LongPublicCred", "CwInvalidPublicKey", "100000", "16"),
            ["names: private key of 65,536 characters (a SecureString's most)"] = C("Test-CwApiKey -Credential $LongPrivateCred", "CwInvalidPrivateKey", "65536", "16"),
            ["names: install, role Adm ZWSP in"] = C("Install-CwIntegration -Profile MspProcess -RoleName \"Adm`u{200B}in\" -NonInteractive", "CwInvalidRoleName", "U+200B"),
            ["names: install, identifier of 100,000 characters"] = C("Install-CwIntegration -Profile MspProcess -Identifier ('I' * 100000) -NonInteractive", "CwInvalidIdentifier", "at most 15"),
            ["names: install, department of 100,000 characters"] = C("Install-CwIntegration -Profile MspProcess -Department ('D' * 100000) -NonInteractive", "CwInvalidReferenceName", "at most 50"),
            ["names: install, key description with a direction mark"] = C("Install-CwIntegration -Profile MspProcess -KeyDescription \"Key`u{202B}\" -NonInteractive", "CwInvalidKeyDescription", "U+202B"),
            ["names: install, secret name of 100,000 characters"] = C("Install-CwIntegration -Profile MspProcess -SecretName ('s' * 100000) -NonInteractive", "CwInvalidSecretName", "at most 128"),
            ["names: install, profile role Adm ZWSP in"] = C("Install-CwIntegration -Profile $Files.ZeroWidthRole -NonInteractive", "CwInvalidProfile", "role.name", "U+200B"),
            ["names: profile member name with a right-to-left override"] = C("Get-CwIntegrationProfile -Path $Files.RtlMemberName", "CwInvalidProfile", "apiMember.name", "U+202E"),
            ["names: profile role with a Cyrillic A"] = C("New-CwSecurityRole -Profile $Files.CyrillicRole", "CwInvalidProfile", "role.name", "Cyrillic"),
            ["names: profile key description with a bell"] = C("Get-CwIntegrationProfile -Path $Files.ControlKeyDescription", "CwInvalidProfile", "apiKey.description", "control character"),
            ["names: profile role name of 100,000 characters"] = C("Get-CwIntegrationProfile -Path $Files.LongRoleName100k", "CwInvalidProfile", "role.name", "at most 30"),
            ["names: tenant check, identifier with a zero-width space"] = C("Test-CwTenant -Profile MspProcess -Identifier \"MSP`u{200B}Process\"", "CwInvalidIdentifier", "U+200B"),
            ["names: tenant check, department of 100,000 characters"] = C("Test-CwTenant -Profile MspProcess -Department ('D' * 100000)", "CwInvalidReferenceName", "at most 50"),
            ["names: uninstall, role Adm ZWSP in"] = C("Uninstall-CwIntegration -Profile MspProcess -RoleName \"Adm`u{200B}in\" -Confirm:$false", "CwInvalidRoleName", "U+200B"),
            ["names: rotation, description with a zero-width space"] = C("Update-CwApiKey -ApiMember $M -OldKeyPair $OtherCred -Description \"Key`u{200B}\" -NonInteractive", "CwInvalidKeyDescription", "U+200B"),
            ["names: rotation, secret name of 100,000 characters"] = C("Update-CwApiKey -ApiMember $M -OldKeyPair $OtherCred -SecretName ('s' * 100000) -NonInteractive", "CwInvalidSecretName", "at most 128"),
            ["uninstall: identifier over 15"] = C("Uninstall-CwIntegration -Profile MspProcess -Identifier '" + Long16 + "' -Confirm:$false", "CwInvalidIdentifier", "at most 15"),
        };

        public static IEnumerable<object[]> Names => Corpus.Keys.Select(k => new object[] { k });

        readonly BadInputFixture _f;
        public BadInputTests(BadInputFixture f) { _f = f; }

        [Fact]
        public void The_corpus_has_at_least_60_cases_across_the_cmdlets()
        {
            Assert.True(Corpus.Count >= 60, "corpus: " + Corpus.Count);
            var cmdlets = Corpus.Values.Select(c => c.Script.Split(' ')[0]).Distinct().ToList();
            Assert.True(cmdlets.Count >= 12, string.Join(", ", cmdlets));
        }

        [Theory]
        [MemberData(nameof(Names))]
        public void Bad_input_gets_its_ErrorId_a_message_that_says_what_to_fix_and_sends_nothing(string name)
        {
            var c = Corpus[name];
            var ps = _f.Session;
            var before = _f.Server.GlobalRequestLog.Count;

            var r = ps.Run(c.Script);

            var sent = _f.Server.GlobalRequestLog.Skip(before).ToList();
            var e = r.SingleError();
            Assert.Equal(c.ErrorId, ErrorIdOf(e));
            var message = MessageOf(e);
            foreach (var hint in c.Hints) Assert.Contains(hint, message);
            if (c.Sent == Sent.Nothing)
                Assert.True(sent.Count == 0, "sent: " + string.Join(", ", sent.Select(s => s.Method + " " + s.Path + s.Query)));
            else
                Assert.True(sent.All(s => s.Method == "GET"), "wrote: " + string.Join(", ", sent.Where(s => s.Method != "GET").Select(s => s.Method + " " + s.Path)));
            Assert.Empty(r.Output);
        }

        /// <summary>
        /// The ErrorId: the record's own (FullyQualifiedErrorId "CwX,Command"), or, for a value refused while binding a
        /// parameter (a -Profile name or file), the CwException inside the binding error (docs/ARCHITECTURE.md).
        /// </summary>
        internal static string ErrorIdOf(ErrorRecord e)
        {
            var own = e.FullyQualifiedErrorId.Split(',')[0];
            if (own.StartsWith("Cw", StringComparison.Ordinal)) return own;
            Assert.IsAssignableFrom<ParameterBindingException>(e.Exception);
            for (var x = e.Exception; x != null; x = x.InnerException)
                if (x is CwException cw) return cw.ErrorId;
            return own;
        }

        static string MessageOf(ErrorRecord e) => e.ErrorDetails?.Message + " " + e.Exception.Message;
    }
}
