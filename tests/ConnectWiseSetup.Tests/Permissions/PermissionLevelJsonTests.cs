using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;
using Xunit;

namespace ConnectWiseSetup.Tests.Permissions
{
    /// <summary>Levels in JSON, as a role grid carries them and as profiles and exports write them.</summary>
    public class PermissionLevelJsonTests
    {
        sealed class Optional { public PermissionLevel? Level { get; set; } }

        [Fact]
        public void A_grid_row_reads_its_levels_in_any_case_and_as_numbers()
        {
            var rows = CwJson.Deserialize<List<SecurityRoleSetting>>(
                "[{\"id\":1,\"addLevel\":\"All\",\"editLevel\":\"my\",\"deleteLevel\":\"NONE\",\"inquireLevel\":2}]");
            var row = Assert.Single(rows);
            Assert.Equal(new PermissionLevels(PermissionLevel.All, PermissionLevel.My, PermissionLevel.None, PermissionLevel.All), row.Levels);
        }

        [Fact]
        public void Levels_are_written_by_name_and_read_back()
        {
            var row = new SecurityRoleSetting { Id = 3, AddLevel = PermissionLevel.My, EditLevel = PermissionLevel.All, DeleteLevel = PermissionLevel.None, InquireLevel = PermissionLevel.All };
            var json = CwJson.Serialize(row);
            Assert.Contains("\"addLevel\":\"My\"", json);
            Assert.Contains("\"editLevel\":\"All\"", json);
            Assert.Contains("\"deleteLevel\":\"None\"", json);
            Assert.Equal(row.Levels, CwJson.Deserialize<SecurityRoleSetting>(json).Levels);
        }

        [Fact]
        public void An_optional_level_may_be_null_or_empty_and_a_null_grid_level_is_None()
        {
            Assert.Null(CwJson.Deserialize<Optional>("{\"level\":null}").Level);
            Assert.Null(CwJson.Deserialize<Optional>("{\"level\":\"\"}").Level);
            Assert.Equal(PermissionLevel.My, CwJson.Deserialize<Optional>("{\"level\":\"My\"}").Level);
            Assert.Equal("{\"level\":\"All\"}", CwJson.Serialize(new Optional { Level = PermissionLevel.All }));
            // Nulls are left out on read (CwJson), so a grid's null level stays None; "" is no level there.
            Assert.Equal(PermissionLevel.None, CwJson.Deserialize<SecurityRoleSetting>("{\"addLevel\":null,\"editLevel\":\"All\"}").AddLevel);
            Assert.Throws<FormatException>(() => CwJson.Deserialize<SecurityRoleSetting>("{\"addLevel\":\"\"}"));
        }

        [Theory]
        [InlineData("\"Some\"")]
        [InlineData("7")]
        [InlineData("true")]
        public void A_value_that_is_no_level_is_a_malformed_body(string value)
        {
            var e = Assert.Throws<FormatException>(() => CwJson.Deserialize<SecurityRoleSetting>("{\"id\":1,\"addLevel\":" + value + "}"));
            Assert.Contains("permission level", e.Message);
        }
    }
}
