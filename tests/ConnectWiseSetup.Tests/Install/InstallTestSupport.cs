using System.Management.Automation;
using ConnectWiseSetup.Permissions;
using ConnectWiseSetup.Setup;
using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;

namespace ConnectWiseSetup.Tests.Install
{
    /// <summary>A simulator with a clean tenant for each install test (installs change tenant-wide state).</summary>
    public sealed class InstallFixture : SimulatorFixture
    {
        /// <summary>Tenants 0-17 serve the install tests' own cases; each built-in profile beyond the five seeds installs on one from here on.</summary>
        public const int FirstProfileTenant = 18;

        protected override SimulatorOptions Options => new() { Port = 0, TenantCount = FirstProfileTenant + ProfileCatalog.BuiltIn.Count, Seed = 4321 };
    }

    /// <summary>The operator channel playing the administrator in the web UI, and request log reads.</summary>
    internal static class InstallKit
    {
        public static OperatorClient Operator(SimulatorFixture f, TenantInfo t) => new(f.Server.BaseUrl, f.Server.OperatorToken, t.CompanyId);

        public static TenantState State(SimulatorFixture f, TenantInfo t) => f.Server.GetTenant(t.CompanyId);

        public static long LastSeq(SimulatorFixture f, TenantInfo t) => State(f, t).RequestLog.Select(e => e.Seq).DefaultIfEmpty(0).Max();

        public static List<RequestLogEntry> Since(SimulatorFixture f, TenantInfo t, long seq)
            => State(f, t).RequestLog.Where(e => e.Seq > seq && e.Channel == "api").ToList();

        public static List<RequestLogEntry> Writes(IEnumerable<RequestLogEntry> log) => log.Where(e => e.Method != "GET").ToList();

        /// <summary>What a person does following the checklist an unattended run returned: each row's target levels, each Customize list.</summary>
        public static void SetFromChecklist(OperatorClient op, int roleId, IEnumerable<PermissionChecklistItem> checklist)
        {
            var items = checklist.ToList();
            Assert.NotEmpty(items);
            op.SetRoleLevels(roleId, items.Where(i => i.Kind == ChecklistItemKind.Levels).Select(i => new { module = i.Module, function = i.Function,
                addLevel = i.Target.Add.ToString(), editLevel = i.Target.Edit.ToString(), deleteLevel = i.Target.Delete.ToString(), inquireLevel = i.Target.Inquire.ToString() }));
            foreach (var c in items.Where(i => i.Kind == ChecklistItemKind.Customize)) op.SetCustomize(roleId, c.List, c.AllowAll, c.Allow);
        }

        /// <summary>The profile's rows by the tenant's labels (as the checklist shows them), for tests that play the administrator without a checklist object.</summary>
        public static void SetPermissions(SimulatorFixture f, TenantInfo t, OperatorClient op, int roleId, PermissionProfile profile)
        {
            var rows = State(f, t).Collection(TenantState.SettingsOf(roleId)).All.Select(r => r.ToObject<ConnectWiseSetup.Model.SecurityRoleSetting>()).ToList();
            op.SetRoleLevels(roleId, profile.Permissions.Select(p =>
            {
                var row = FunctionMatcher.Find(rows, p.Module, p.Function);
                return new { module = row.Module, function = row.Function, addLevel = p.Add.ToString(), editLevel = p.Edit.ToString(), deleteLevel = p.Delete.ToString(), inquireLevel = p.Inquire.ToString() };
            }));
            foreach (var c in profile.Customize) op.SetCustomize(roleId, c.List, c.AllowAll, c.Allow);
        }

        public static int Count(SimulatorFixture f, TenantInfo t, string collection, string field, string value)
            => State(f, t).Collection(collection).All.Count(r => string.Equals((string)r[field], value, StringComparison.OrdinalIgnoreCase));

        public static string Id(ErrorRecord e) => e.FullyQualifiedErrorId.Split(',')[0];

        /// <summary>Install-CwIntegration of <paramref name="profileName"/> with a key made earlier (-KeyPair) and <paramref name="extra"/> parameters.</summary>
        public static PsResult InstallWithKey(PsSession s, string profileName, ApiKeyCreated key, string extra = "")
            => s.Run("Install-CwIntegration -Profile $P -KeyPair $K " + extra, new() { ["P"] = profileName, ["K"] = SimulatorFixture.Credential(key.PublicKey, key.PrivateKey) });

        /// <summary>The unattended story to its end, asserted Complete: the last result and the key made.</summary>
        public static (IntegrationInstallResult Done, ApiKeyCreated Key) Installed(SimulatorFixture f, PsSession s, TenantInfo t, string profileName)
        {
            var (done, key, _, _) = InstallUnattended(f, s, t, profileName);
            Assert.Equal(InstallStatus.Complete, done.Status);
            return (done, key);
        }

        /// <summary>
        /// The unattended story: run → ManualStepRequired (permissions) → the operator sets them → run → ManualStepRequired
        /// (key) → the operator makes the key → run with -KeyPair → Complete. Returns the last result and the key made.
        /// </summary>
        public static (IntegrationInstallResult Result, ApiKeyCreated Key, int Requests, int WritesSent) InstallUnattended(SimulatorFixture f, PsSession s, TenantInfo t, string profileName, string extra = "")
        {
            var profile = ProfileCatalog.Resolve(profileName);
            var start = LastSeq(f, t);
            var r1 = s.Run("Install-CwIntegration -Profile $P -NonInteractive " + extra, new() { ["P"] = profileName });
            r1.AssertNoErrors();
            var first = r1.Single<IntegrationInstallResult>();
            Assert.Equal(InstallStatus.ManualStepRequired, first.Status);
            Assert.Equal(InstallStepState.ToDo, first.Steps[1].State);
            Assert.Contains("System > Security Roles", first.Instructions);
            using var op = Operator(f, t);
            SetFromChecklist(op, first.Role.Id, first.Checklist);

            var r2 = s.Run("Install-CwIntegration -Profile $P -NonInteractive " + extra, new() { ["P"] = profileName });
            r2.AssertNoErrors();
            var second = r2.Single<IntegrationInstallResult>();
            Assert.Equal(InstallStatus.ManualStepRequired, second.Status);
            Assert.True(second.Steps[1].State == InstallStepState.Done, second.Steps[1].Detail);
            Assert.Equal(InstallStepState.Done, second.Steps[2].State);
            Assert.Contains("API Keys tab", second.Instructions);
            var key = op.CreateApiKey(second.ApiMember.Id, profile.KeyDescription ?? profile.DisplayName);

            var r3 = InstallWithKey(s, profileName, key, "-NonInteractive -Live -Verbose " + extra);
            r3.AssertNoErrors();
            // The private key: in no stream (verbose included) and no request log.
            Assert.NotEmpty(r3.Verbose);
            Assert.DoesNotContain(key.PrivateKey, r1.AllText() + r2.AllText() + r3.AllText());
            Assert.DoesNotContain(key.PrivateKey, string.Join("\n", f.Server.GlobalRequestLog.Select(e => e.Method + " " + e.Path + e.Query + " " + e.Member)));
            var third = r3.Single<IntegrationInstallResult>();
            var log = Since(f, t, start);
            return (third, key, log.Count, Writes(log).Count);
        }
    }
}
