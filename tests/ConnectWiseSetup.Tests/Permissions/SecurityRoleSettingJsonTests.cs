using System.Reflection;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Permissions;
using Newtonsoft.Json;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;

namespace ConnectWiseSetup.Tests.Permissions
{
    /// <summary>A grid row read by its own converter gives what Newtonsoft's contract gives, for every form a server might send.</summary>
    public class SecurityRoleSettingJsonTests
    {
        static List<SecurityRoleSetting> ByContract(string json) => ContractReading.Read<List<SecurityRoleSetting>>(json, typeof(SecurityRoleSetting));

        static void AssertSame(SecurityRoleSetting expected, SecurityRoleSetting actual)
        {
            foreach (var p in typeof(SecurityRoleSetting).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                var e = p.GetValue(expected);
                var a = p.GetValue(actual);
                if (p.PropertyType == typeof(MemberReference))
                    Assert.Equal(JsonConvert.SerializeObject(e), JsonConvert.SerializeObject(a));
                else
                    Assert.True(Equals(e, a), p.Name + ": expected " + e + ", got " + a);
            }
        }

        [Theory]
        // As ConnectWise sends a grid row, every field.
        [InlineData("[{\"id\":41,\"moduleIdentifier\":\"Company\",\"moduleName\":\"Companies\",\"moduleDescription\":\"Companies\",\"moduleFunctionIdentifier\":\"CompanyMaint\",\"moduleFunctionName\":\"Company Maintenance\",\"moduleFunctionDescription\":\"Company Maintenance\",\"addLevel\":\"All\",\"editLevel\":\"My\",\"deleteLevel\":\"None\",\"inquireLevel\":\"All\",\"myAllFlag\":true,\"customFlag\":false,\"reportFlag\":true,\"restrictFlag\":false,\"sortOrder\":7,\"member\":{\"id\":3,\"identifier\":\"Api1\",\"name\":\"API One\",\"_info\":{\"x\":1}}}]")]
        // Names in another case, values in other forms, nulls, unknown fields of every shape, a name given twice.
        [InlineData("[{\"ID\":\"12\",\"ModuleName\":\"Service Desk\",\"ADDLEVEL\":\"all\",\"editLevel\":1,\"deleteLevel\":null,\"inquireLevel\":\" My \",\"myAllFlag\":\"true\",\"sortOrder\":\"3\",\"moduleDescription\":null,\"_info\":{\"a\":[1,{\"b\":2}]},\"extra\":[1,2,3],\"more\":\"x\",\"reportFlag\":1,\"id\":13}]")]
        // Numbers where text is expected, an empty object, and an empty member.
        [InlineData("[{\"moduleFunctionName\":42,\"moduleIdentifier\":true,\"member\":{}},{},{\"member\":null,\"customFlag\":true}]")]
        public void A_row_reads_as_the_contract_reads_it(string json)
        {
            var expected = ByContract(json);
            var actual = CwJson.Deserialize<List<SecurityRoleSetting>>(json);
            Assert.Equal(expected.Count, actual.Count);
            for (var i = 0; i < expected.Count; i++) AssertSame(expected[i], actual[i]);
        }

        [Fact]
        public void Every_field_the_model_writes_is_read_back()
        {
            // A field added to the model and not to the converter would be lost here.
            var full = new SecurityRoleSetting
            {
                Id = 5, ModuleIdentifier = "a", ModuleName = "b", ModuleDescription = "c", ModuleFunctionIdentifier = "d", ModuleFunctionName = "e",
                ModuleFunctionDescription = "f", AddLevel = PermissionLevel.My, EditLevel = PermissionLevel.All, DeleteLevel = PermissionLevel.My,
                InquireLevel = PermissionLevel.All, MyAllFlag = true, CustomFlag = true, ReportFlag = true, RestrictFlag = true, SortOrder = 9,
                Member = new MemberReference { Id = 2, Identifier = "Api2", Name = "API Two" },
            };
            var json = CwJson.Serialize(full);
            foreach (var p in typeof(SecurityRoleSetting).GetProperties().Where(p => p.GetCustomAttribute<JsonPropertyAttribute>() != null))
                Assert.Contains("\"" + p.GetCustomAttribute<JsonPropertyAttribute>()!.PropertyName + "\":", json);
            AssertSame(full, CwJson.Deserialize<SecurityRoleSetting>(json));
        }

        [Theory]
        [InlineData("[{\"id\":1,\"addLevel\":\"Some\"}]")]
        [InlineData("[{\"id\":{\"no\":1}}]")]
        [InlineData("[{\"id\":1,\"myAllFlag\":\"perhaps\"}]")]
        [InlineData("[\"row\"]")]
        [InlineData("[{\"sortOrder\":3.5}]")]
        [InlineData("[{\"id\":1,")]
        public void A_row_the_contract_refuses_is_refused(string json)
        {
            Assert.ThrowsAny<JsonException>(() => ByContract(json));
            Assert.Throws<FormatException>(() => CwJson.Deserialize<List<SecurityRoleSetting>>(json));
        }
    }
}
