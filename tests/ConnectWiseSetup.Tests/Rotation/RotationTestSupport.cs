using System.Management.Automation;
using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;
using static ConnectWiseSetup.Tests.Install.InstallKit;

namespace ConnectWiseSetup.Tests.Rotation
{
    /// <summary>A simulator with a clean tenant per rotation test (a rotation deletes keys and may change a role).</summary>
    public sealed class RotationFixture : SimulatorFixture
    {
        protected override SimulatorOptions Options => new() { Port = 0, TenantCount = 16, Seed = 1717 };
    }

    /// <summary>An integration as the rotation tests find it: a role with some rights and a Customize item, its API member, the key in use.</summary>
    internal sealed record Integration(int RoleId, int MemberId, string Identifier, ApiKeyCreated OldKey);

    /// <summary>Setting an integration up, the vault stand-in and the secret check, for the rotation tests (the operator and the request log: InstallKit).</summary>
    internal static class RotationKit
    {
        /// <summary>"GET system/info", without the codebase prefix.</summary>
        public static string Endpoint(RequestLogEntry e) => e.Method + " " + e.Path.Substring(e.Path.IndexOf("/apis/3.0/", StringComparison.Ordinal) + "/apis/3.0/".Length);

        /// <summary>
        /// A role (Company Maintenance Inquire All, Contacts Edit and Inquire All, one Table Setup table), an API member holding it and
        /// its key, made as an administrator does in the web UI.
        /// </summary>
        public static Integration SetUp(SimulatorFixture f, TenantInfo t, PsSession s, string identifier)
        {
            var roleName = identifier + " Role";
            var role = State(f, t).CreateRole(new Newtonsoft.Json.Linq.JObject { ["name"] = roleName, ["adminFlag"] = false }, "Test");
            var roleId = (int)role["id"];
            using var op = Operator(f, t);
            op.SetRoleLevel(roleId, "Companies", "Company Maintenance", "None", "None", "None", "All");
            op.SetRoleLevel(roleId, "Companies", "Contacts", "None", "All", "None", "All");
            op.SetCustomize(roleId, "SystemTableSetup", false, new[] { "Company / Company Status" });
            var r = s.Run("New-CwApiMember -Identifier $I -Name $N -SecurityRole $R", new() { ["I"] = identifier, ["N"] = identifier + " Member", ["R"] = roleName });
            r.AssertNoErrors();
            var memberId = r.Single<ConnectWiseSetup.Model.ApiMember>().Id;
            return new Integration(roleId, memberId, identifier, op.CreateApiKey(memberId, identifier + " first key"));
        }

        public static PSCredential Credential(ApiKeyCreated key) => SimulatorFixture.Credential(key.PublicKey, key.PrivateKey);

        /// <summary>Update-CwApiKey for <paramref name="i"/> with its old key, the new key when given, and more parameters.</summary>
        public static PsResult Rotate(PsSession s, Integration i, ApiKeyCreated newKey, string extra = "")
        {
            var vars = new Dictionary<string, object> { ["I"] = i.Identifier, ["Old"] = Credential(i.OldKey), ["New"] = newKey == null ? null : Credential(newKey) };
            return s.Run("Update-CwApiKey -ApiMember $I -OldKeyPair $Old " + (newKey != null ? "-KeyPair $New " : "") + extra, vars);
        }

        /// <summary>Neither private key in any stream, error, host text, or the simulator's request log.</summary>
        public static void AssertNoSecret(SimulatorFixture f, string text, params ApiKeyCreated[] keys)
        {
            var log = string.Join("\n", f.Server.GlobalRequestLog.Select(e => e.Method + " " + e.Path + e.Query + " " + e.Member));
            foreach (var k in keys.Where(k => k != null))
            {
                Assert.False(string.IsNullOrEmpty(k.PrivateKey));
                Assert.DoesNotContain(k.PrivateKey, text);
                Assert.DoesNotContain(k.PrivateKey, log);
            }
        }

        /// <summary>The vault stand-in's secret: (public key, metadata) or null.</summary>
        public static (string PublicKey, Dictionary<string, string> Metadata)? Vault(PsSession s, string name)
        {
            var r = s.Run("$e = $global:CwTestVault[$Name]; if ($e) { $e.Secret.UserName; if ($e.Metadata) { $e.Metadata.GetEnumerator() | ForEach-Object { $_.Key + '=' + $_.Value } } }",
                new() { ["Name"] = name });
            r.AssertNoErrors();
            if (r.Output.Count == 0) return null;
            var metadata = r.Output.Skip(1).Select(o => o.ToString().Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
            return (r.Output[0].ToString(), metadata);
        }

        /// <summary>Stores a key in the vault stand-in as a person would with Set-Secret (no metadata unless given).</summary>
        public static void PutInVault(PsSession s, string name, ApiKeyCreated key, Dictionary<string, string> metadata = null)
        {
            var table = new System.Collections.Hashtable();
            if (metadata != null) foreach (var kv in metadata) table[kv.Key] = kv.Value;
            s.Run("$global:CwTestVault[$Name] = @{ Secret = $K; Metadata = $(if ($M.Count) { $M } else { $null }); Vault = 'TestVault' }",
                new() { ["Name"] = name, ["K"] = Credential(key), ["M"] = table }).AssertNoErrors();
        }
    }
}
