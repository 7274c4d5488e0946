using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using Newtonsoft.Json;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;

namespace ConnectWiseSetup.Tests.Members
{
    /// <summary>An API member (and a reference) read by its own converter gives what Newtonsoft's contract gives, in every form.</summary>
    public class ApiMemberJsonTests
    {
        static List<ApiMember> ByContract(string json) => ContractReading.Read<List<ApiMember>>(json, typeof(ApiMember), typeof(Reference));

        // Writing uses the contract on both sides, so equal JSON is equal members.
        static string Written(object value) => CwJson.Serialize(value);

        [Theory]
        // A member as ConnectWise lists it, with the _info blocks the model leaves out.
        [InlineData("[{\"id\":12,\"identifier\":\"MMB\",\"name\":\"Mass Maintenance Booster\",\"emailAddress\":\"api@example.com\",\"securityRole\":{\"id\":5,\"name\":\"MMB Role\",\"_info\":{\"href\":\"x\"}},\"structureLevel\":{\"id\":1,\"name\":\"Corporate\"},\"securityLocation\":{\"id\":2,\"name\":\"Main\"},\"defaultLocation\":{\"id\":2,\"name\":\"Main\"},\"salesDefaultLocation\":{\"id\":3},\"defaultDepartment\":{\"id\":4,\"name\":\"Services\"},\"timeZone\":{\"id\":1,\"name\":\"Eastern\"},\"serviceDefaultBoard\":{\"id\":9,\"name\":\"Help Desk\"},\"notes\":\"n\",\"excludedServiceBoardIds\":[1,2],\"blockPriceFlag\":true,\"blockCostFlag\":false,\"inactiveFlag\":true,\"inactiveDate\":\"2026-03-04T05:06:07Z\",\"_info\":{\"lastUpdated\":\"2026-01-01T00:00:00Z\"}}]")]
        // Names in another case, values in other forms, nulls, an offset date, unknown fields, a name given twice.
        [InlineData("[{\"ID\":\"7\",\"Identifier\":\"Api7\",\"SECURITYROLE\":{\"ID\":\"3\",\"Name\":\"R\",\"extra\":[1]},\"timeZone\":null,\"notes\":null,\"blockPriceFlag\":null,\"inactiveFlag\":\"false\",\"inactiveDate\":\"2026-03-04T07:06:07+02:00\",\"excludedServiceBoardIds\":[],\"custom\":{\"a\":{\"b\":[{}]}},\"identifier\":\"Api7b\"}]")]
        // Numbers where text is expected, empty objects, a null member in the list.
        [InlineData("[{\"name\":5,\"emailAddress\":true,\"securityRole\":{},\"inactiveDate\":null},{},null]")]
        public void A_member_reads_as_the_contract_reads_it(string json)
        {
            var expected = ByContract(json);
            var actual = CwJson.Deserialize<List<ApiMember>>(json);
            Assert.Equal(expected.Count, actual.Count);
            for (var i = 0; i < expected.Count; i++) Assert.Equal(Written(expected[i]), Written(actual[i]));
            Assert.NotEqual("{}", Written(actual[0]));
        }

        [Fact]
        public void Every_field_the_model_has_is_read_back()
        {
            var json = "{" + string.Join(",", ApiMember.Fields.Select(f => "\"" + f + "\":" + f switch
            {
                "id" => "1",
                "excludedServiceBoardIds" => "[4]",
                "blockPriceFlag" or "blockCostFlag" or "inactiveFlag" => "true",
                "inactiveDate" => "\"2026-02-03T04:05:06Z\"",
                "identifier" or "name" or "emailAddress" or "notes" => "\"" + f + " value\"",
                _ => "{\"id\":2,\"name\":\"" + f + " ref\"}",
            })) + "}";
            var member = CwJson.Deserialize<ApiMember>(json);
            var written = Written(member);
            foreach (var f in ApiMember.Fields) Assert.Contains("\"" + f + "\":", written);
            Assert.Equal(Written(ByContract("[" + json + "]")[0]), written);
        }

        [Theory]
        [InlineData("[{\"id\":\"seven\"}]")]
        [InlineData("[{\"securityRole\":5}]")]
        [InlineData("[{\"securityRole\":{\"id\":{}}}]")]
        [InlineData("[{\"inactiveDate\":\"not a date\"}]")]
        [InlineData("[{\"excludedServiceBoardIds\":{\"a\":1}}]")]
        [InlineData("[7]")]
        [InlineData("[{\"id\":1,")]
        public void A_member_the_contract_refuses_is_refused(string json)
        {
            Assert.ThrowsAny<JsonException>(() => ByContract(json));
            Assert.Throws<FormatException>(() => CwJson.Deserialize<List<ApiMember>>(json));
        }
    }
}
