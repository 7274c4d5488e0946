using ConnectWiseSetup.Setup;
using Xunit;

namespace ConnectWiseSetup.Tests.Setup
{
    /// <summary>
    /// The rights the readiness checks ask of the administrator's key are the module's reading of which function guards which
    /// endpoint; the simulator enforces its own reading (Data/permissions.json). Both are guesses (ConnectWise publishes no
    /// table), but they must be the same guess, or the checks would pass a key the simulator refuses, or the reverse.
    /// </summary>
    public sealed class RequiredRightsTests
    {
        static readonly string[] Levels = { "addLevel", "editLevel", "deleteLevel", "inquireLevel" };

        [Fact]
        public void Every_right_names_the_functions_and_level_the_simulator_demands_for_its_endpoints()
        {
            Assert.NotEmpty(RequiredRights.All);
            foreach (var right in RequiredRights.All)
            {
                foreach (var endpoint in right.Endpoints.Split(", "))
                {
                    var space = endpoint.IndexOf(' ');
                    var method = space > 0 ? endpoint.Substring(0, space) : "GET";
                    var path = (space > 0 ? endpoint.Substring(space + 1) : endpoint).Trim();
                    if (!path.StartsWith("system/", StringComparison.Ordinal)) path = "system/" + path;
                    var template = path.Replace("{id}", "{id}");
                    var rule = ConnectWiseSetup.Simulator.Http.Permissions.Rules
                        .Where(r => template.Equals(r.Path, StringComparison.OrdinalIgnoreCase) || template.StartsWith(r.Path + "/", StringComparison.OrdinalIgnoreCase))
                        .OrderByDescending(r => r.Path.Length).FirstOrDefault();
                    Assert.True(rule != null, right.Id + ": no simulator rule for " + path);
                    var simulator = rule.AnyOf.Select(f => f.ModuleLabel + " / " + f.Label).OrderBy(x => x).ToList();
                    var module = right.Functions.Select(f => f.Module + " / " + f.Function).OrderBy(x => x).ToList();
                    Assert.True(simulator.SequenceEqual(module), right.Id + " " + endpoint + ": module " + string.Join(", ", module) + " vs simulator " + string.Join(", ", simulator));
                    var level = rule.MethodLevels.TryGetValue(method, out var l) ? l : ConnectWiseSetup.Simulator.Fidelity.LevelFor(method);
                    Assert.Equal(Levels[right.Level], level);
                }
            }
        }

        [Fact]
        public void Every_operation_an_install_does_has_a_right_and_only_deleting_a_role_is_for_uninstall_alone()
        {
            foreach (AdminOperation op in Enum.GetValues(typeof(AdminOperation)))
                if (op != AdminOperation.None) Assert.Contains(RequiredRights.All, r => r.Operation == op);
            Assert.Equal(new[] { "rights.deleteRole" }, RequiredRights.All.Where(r => r.UninstallOnly).Select(r => r.Id));
            Assert.All(RequiredRights.All, r => Assert.Contains(RequiredRights.Groups, g => g.Id == r.Group));
        }
    }
}
