using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Tests.Infrastructure;

namespace ConnectWiseSetup.Tests.Roles
{
    /// <summary>Small helpers the role tests share: unique role names, the operator channel, the request log.</summary>
    static class RoleTestKit
    {
        static int _n;

        /// <summary>A role name no other test uses (at most 30 characters).</summary>
        public static string UniqueName(string prefix) => prefix + " " + Interlocked.Increment(ref _n);

        public static OperatorClient Operator(SimulatorFixture f, TenantInfo t) => new(f.Server.BaseUrl, f.Server.OperatorToken, t.CompanyId);

        public static TenantState State(SimulatorFixture f, TenantInfo t) => f.Server.GetTenant(t.CompanyId);

        /// <summary>API requests (not the operator channel) since the log was last cleared.</summary>
        public static List<RequestLogEntry> ApiRequests(SimulatorFixture f, TenantInfo t)
            => State(f, t).RequestLog.Where(e => e.Channel == "api").ToList();

        public static bool IsWrite(RequestLogEntry e) => e.Method != "GET";

        // One temp folder for this test run's profile files, removed when the run ends (a folder per file was left behind by every run).
        static readonly Lazy<string> Folder = new(() =>
        {
            var dir = Directory.CreateTempSubdirectory("cwroles-").FullName;
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try { Directory.Delete(dir, true); }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            };
            return dir;
        });

        /// <summary>A profile file with the given permission rows (JSON objects), in a folder of its own inside this run's temp folder.</summary>
        public static string WriteProfile(string name, string roleName, string permissionsJson, string customizeJson = null)
        {
            var dir = Path.Combine(Folder.Value, Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            var path = Path.Combine(dir, name + ".json");
            File.WriteAllText(path, "{ \"name\": \"" + name + "\", \"role\": { \"name\": \"" + roleName + "\", \"permissions\": " + permissionsJson +
                (customizeJson == null ? "" : ", \"customize\": " + customizeJson) + " }, \"apiMember\": { \"identifier\": \"T" + name.Length + "\" } }");
            return path;
        }
    }
}
