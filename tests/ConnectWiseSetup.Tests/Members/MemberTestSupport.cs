using System.Management.Automation;
using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace ConnectWiseSetup.Tests.Members
{
    /// <summary>Helpers for the member and key tests: roles and members made directly in the simulator's state, and request log reads.</summary>
    internal static class MemberTestSupport
    {
        public static TenantState State(SimulatorFixture f, TenantInfo t) => f.Server.GetTenant(t.CompanyId);

        /// <summary>A role made as a person would in the web UI (the role cmdlets live on another branch).</summary>
        public static int CreateRole(SimulatorFixture f, TenantInfo t, string name)
        {
            var existing = State(f, t).Collection("system/securityroles").All.FirstOrDefault(r => string.Equals((string)r["name"], name, StringComparison.OrdinalIgnoreCase));
            if (existing != null) return (int)existing["id"];
            return (int)State(f, t).CreateRole(new JObject { ["name"] = name, ["adminFlag"] = false }, "Test")["id"];
        }

        public static JObject Member(SimulatorFixture f, TenantInfo t, string identifier)
            => State(f, t).Collection("system/apiMembers").All.SingleOrDefault(m => string.Equals((string)m["identifier"], identifier, StringComparison.OrdinalIgnoreCase));

        public static int MemberCount(SimulatorFixture f, TenantInfo t) => State(f, t).Collection("system/apiMembers").All.Count();

        public static long LastSeq(SimulatorFixture f, TenantInfo t) => State(f, t).RequestLog.Select(e => e.Seq).DefaultIfEmpty(0).Max();

        /// <summary>API requests of the tenant after <paramref name="seq"/>.</summary>
        public static List<RequestLogEntry> Since(SimulatorFixture f, TenantInfo t, long seq)
            => State(f, t).RequestLog.Where(e => e.Seq > seq && e.Channel == "api").ToList();

        public static List<RequestLogEntry> Writes(IEnumerable<RequestLogEntry> log) => log.Where(e => e.Method != "GET").ToList();

        public static OperatorClient Operator(SimulatorFixture f, TenantInfo t) => new(f.Server.BaseUrl, f.Server.OperatorToken, t.CompanyId);
    }
}
