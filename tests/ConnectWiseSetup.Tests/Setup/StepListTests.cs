using System;
using ConnectWiseSetup.Setup;
using Xunit;

namespace ConnectWiseSetup.Tests.Setup;

/// <summary>Issue 27: the step machinery of the install and the rotation is one class.</summary>
public class StepListTests
{
    [Fact]
    public void Steps_are_found_by_number_and_set_with_state_and_detail_together()
    {
        var activity = "Install-CwIntegration A";
        var steps = new StepList(1, () => activity,
            new InstallStep { Number = 1, Name = "Security role" },
            new InstallStep { Number = 2, Name = "Role permissions" });
        steps.Set(2, InstallStepState.Done, "set");
        Assert.Equal("Role permissions", steps[2].Name);
        Assert.Equal((InstallStepState.Done, "set"), (steps[2].State, steps[2].Detail));
        Assert.Null(steps[1].Detail);
        Assert.Equal(new[] { "Security role", "Role permissions" }, System.Linq.Enumerable.Select(steps.All, s => s.Name));
    }

    [Fact]
    public void Steps_out_of_order_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new StepList(1, () => "x",
            new InstallStep { Number = 2, Name = "Second" }, new InstallStep { Number = 1, Name = "First" }));
        Assert.Contains("Second", e.Message);
    }

    [Fact]
    public void The_install_and_the_rotation_keep_no_step_machinery_of_their_own()
    {
        var root = ModuleAndDocsRoot();
        foreach (var file in new[] { "IntegrationInstaller.cs", "KeyRotator.cs" })
        {
            var text = System.IO.File.ReadAllText(System.IO.Path.Combine(root, "src", "ConnectWiseSetup", "Setup", file));
            Assert.DoesNotContain("void Set(int", text);
            Assert.DoesNotContain("InstallStep Step(int", text);
            Assert.DoesNotContain("new ProgressRecord(ProgressId", text);
            Assert.Contains("new StepList(", text);
        }
    }

    static string ModuleAndDocsRoot()
    {
        var dir = new System.IO.DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "ConnectWiseSetup.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("The repository root (ConnectWiseSetup.sln) is not above " + AppContext.BaseDirectory);
    }
}
