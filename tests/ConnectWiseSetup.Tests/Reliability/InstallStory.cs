using System.Management.Automation;
using ConnectWiseSetup.Permissions;
using ConnectWiseSetup.Setup;
using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Tests.Infrastructure;
using Newtonsoft.Json.Linq;
using Xunit;

namespace ConnectWiseSetup.Tests.Reliability
{
    /// <summary>How big the reliability runs are: CWSETUP_RELIABILITY_SCALE (installs in the fault storm; default 20 for CI).</summary>
    internal static class ReliabilityScale
    {
        public const string Variable = "CWSETUP_RELIABILITY_SCALE";

        public static int StormInstalls => int.TryParse(Environment.GetEnvironmentVariable(Variable), out var n) && n > 0 ? n : 20;

        /// <summary>At scale 100 and more, the crash test runs every built-in profile, not one.</summary>
        public static bool Large => StormInstalls >= 100;
    }

    /// <summary>
    /// One integration installed unattended, run after run, with the simulator's operator channel playing the administrator:
    /// Install-CwIntegration -NonInteractive; at the permission step the operator sets what the checklist says; at the key
    /// step the operator makes the key (once) and the next run passes it with -KeyPair; until Complete.
    /// </summary>
    internal sealed class InstallStory
    {
        readonly SimulatorFixture _f;
        readonly TenantInfo _t;
        readonly PsSession _s;
        public string Profile { get; }
        public ApiKeyCreated Key { get; private set; }
        public int Runs { get; private set; }
        public List<ErrorRecord> Errors { get; } = new();
        public IntegrationInstallResult Last { get; private set; }

        public InstallStory(SimulatorFixture f, TenantInfo t, PsSession s, string profile) { _f = f; _t = t; _s = s; Profile = profile; }

        OperatorClient Operator() => new(_f.Server.BaseUrl, _f.Server.OperatorToken, _t.CompanyId);

        /// <summary>Runs until Complete (true), until <paramref name="maxRuns"/> runs (false), or, with <paramref name="stopAtError"/>, until a run fails.</summary>
        public bool Drive(int maxRuns, bool stopAtError = false)
        {
            for (var i = 0; i < maxRuns; i++)
            {
                Runs++;
                var r = _s.Run("Install-CwIntegration -Profile $P -NonInteractive" + (Key != null ? " -KeyPair $K" : ""), new()
                {
                    ["P"] = Profile,
                    ["K"] = Key == null ? null : SimulatorFixture.Credential(Key.PublicKey, Key.PrivateKey),
                });
                Last = r.OfType<IntegrationInstallResult>().LastOrDefault();
                var errors = r.AllErrors.ToList();
                if (errors.Count > 0)
                {
                    Errors.AddRange(errors);
                    if (stopAtError) return false;
                    continue;
                }
                Assert.NotNull(Last);
                if (Last.Status == InstallStatus.Complete) return true;
                Assert.Equal(InstallStatus.ManualStepRequired, Last.Status);
                using var op = Operator();
                if (Last.Steps[1].State != InstallStepState.Done)
                    SetFromChecklist(op, Last.Role.Id, Last.Checklist);
                else if (Key == null)
                    Key = op.CreateApiKey(Last.ApiMember.Id, ProfileCatalog.Resolve(Profile).KeyDescription ?? Profile);
                else
                    throw new Xunit.Sdk.XunitException("the install asks for a key although one was given: " + Last.Instructions);
            }
            return false;
        }

        static void SetFromChecklist(OperatorClient op, int roleId, IEnumerable<PermissionChecklistItem> checklist)
        {
            var items = checklist.ToList();
            Assert.NotEmpty(items);
            op.SetRoleLevels(roleId, items.Where(i => i.Kind == ChecklistItemKind.Levels).Select(i => new
            {
                module = i.Module, function = i.Function, addLevel = i.Target.Add.ToString(), editLevel = i.Target.Edit.ToString(),
                deleteLevel = i.Target.Delete.ToString(), inquireLevel = i.Target.Inquire.ToString(),
            }));
            foreach (var c in items.Where(i => i.Kind == ChecklistItemKind.Customize)) op.SetCustomize(roleId, c.List, c.AllowAll, c.Allow);
        }

        /// <summary>
        /// What an install leaves on a tenant for a profile, without ids: how many roles and members carry its names, the
        /// role's flags, every settings row's levels and its Customize lists, the member's fields by reference name, its keys.
        /// Two tenants installed the same way give the same text.
        /// </summary>
        public static string Snapshot(SimulatorFixture f, TenantInfo t, string profileName)
        {
            var profile = ProfileCatalog.Resolve(profileName);
            var state = f.Server.GetTenant(t.CompanyId);
            var lines = new List<string>();
            var roles = state.Collection("system/securityroles").All.Where(r => string.Equals((string)r["name"], profile.RoleName, StringComparison.OrdinalIgnoreCase)).ToList();
            var members = state.Collection("system/apiMembers").All.Where(m => string.Equals((string)m["identifier"], profile.MemberIdentifier, StringComparison.OrdinalIgnoreCase)).ToList();
            lines.Add("roles named '" + profile.RoleName + "': " + roles.Count);
            lines.Add("members '" + profile.MemberIdentifier + "': " + members.Count);
            using var op = new OperatorClient(f.Server.BaseUrl, f.Server.OperatorToken, t.CompanyId);
            foreach (var role in roles)
            {
                var id = (int)role["id"];
                lines.Add("role " + role["name"] + " admin=" + role["adminFlag"] + " inactive=" + role["inactiveFlag"]);
                foreach (var row in state.Collection(TenantState.SettingsOf(id)).All
                             .Select(r => r["moduleFunctionIdentifier"] + "/" + r["moduleFunctionName"] + " " + r["addLevel"] + " " + r["editLevel"] + " " + r["deleteLevel"] + " " + r["inquireLevel"])
                             .Where(x => !x.EndsWith(" None None None None")).OrderBy(x => x, StringComparer.Ordinal))
                    lines.Add("  " + row);
                lines.Add("  customize " + Canonical(op.GetCustomize(id)));
            }
            foreach (var m in members)
            {
                string Ref(string field) => (string)m[field]?["name"];
                lines.Add("member " + m["identifier"] + " name=" + m["name"] + " role=" + Ref("securityRole") + " inactive=" + m["inactiveFlag"] +
                          " level=" + Ref("structureLevel") + " location=" + Ref("securityLocation") + "/" + Ref("defaultLocation") +
                          " department=" + Ref("defaultDepartment") + " timeZone=" + Ref("timeZone") + " email=" + m["emailAddress"]);
                lines.Add("  keys " + op.GetApiKeys((int)m["id"]).Count);
            }
            return string.Join("\n", lines);
        }

        static string Canonical(JToken t)
        {
            if (t is JObject o) return "{" + string.Join(",", o.Properties().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Name + ":" + Canonical(p.Value))) + "}";
            if (t is JArray a) return "[" + string.Join(",", a.Select(Canonical).OrderBy(x => x, StringComparer.Ordinal)) + "]";
            return t?.ToString(Newtonsoft.Json.Formatting.None) ?? "null";
        }
    }
}
