using ConnectWiseSetup.Guides;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;
using Xunit;

namespace ConnectWiseSetup.Tests.Guides;

/// <summary>Issue 27: one row model. A guide's row is a profile row with what the reading found; the profile gets the row alone.</summary>
public class GuideRowTests
{
    [Fact]
    public void A_guide_row_is_a_profile_row_and_the_profile_gets_a_plain_copy_with_its_condition_in_the_note()
    {
        Assert.True(typeof(GuideRow).IsSubclassOf(typeof(PermissionRequirement)));
        var read = new GuideRow
        {
            Module = "Service Desk", Function = "Service Tickets", Add = PermissionLevel.All, Edit = PermissionLevel.All,
            Delete = PermissionLevel.None, Inquire = PermissionLevel.All, Lines = new[] { 12, 13 }, Note = "tickets for alerts",
            Condition = "if you sync tickets", Shape = GuideShape.PipeTable,
        };
        var row = read.ForProfile();
        Assert.Equal(typeof(PermissionRequirement), row.GetType());
        Assert.Equal(("Service Desk", "Service Tickets"), (row.Module, row.Function));
        Assert.Equal(read.Levels, row.Levels);
        Assert.Equal(new[] { 12, 13 }, row.Lines);
        Assert.Equal("conditional: if you sync tickets; tickets for alerts", row.Note);

        read.Condition = null;
        Assert.Equal("tickets for alerts", read.ForProfile().Note);
        // The copy is a copy: changing it leaves the guide's row as read.
        var copy = read.ToRequirement();
        copy.Inquire = PermissionLevel.None;
        Assert.Equal(PermissionLevel.All, read.Inquire);
    }
}
