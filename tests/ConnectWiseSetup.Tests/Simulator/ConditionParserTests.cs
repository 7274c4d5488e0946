using ConnectWiseSetup.Simulator.Query;
using Newtonsoft.Json.Linq;
using Xunit;

namespace ConnectWiseSetup.Tests.Simulator;

public class ConditionParserTests
{
    private static readonly JObject[] Records =
    {
        JObject.Parse("""{"id":1,"name":"MMB API","identifier":"MMB","inactiveFlag":false,"securityRole":{"id":5,"name":"MMB"},"dateEntered":"2025-01-15T10:00:00Z","score":1.5,"notes":null}"""),
        JObject.Parse("""{"id":2,"name":"MSP Process","identifier":"MSPP","inactiveFlag":true,"securityRole":{"id":6,"name":"MSP"},"dateEntered":"2025-02-01T00:00:00Z","score":3,"notes":"x"}"""),
        JObject.Parse("""{"id":3,"name":"AppXite","identifier":"APPX","inactiveFlag":false,"securityRole":{"id":5,"name":"MMB"},"dateEntered":"2024-12-31T23:59:59Z","score":-2,"notes":"has \"quotes\""}"""),
    };

    private static int[] Ids(string conditions)
    {
        var c = ConditionParser.Parse(conditions);
        return Records.Where(r => c == null || c.Matches(r)).Select(r => r.Value<int>("id")).ToArray();
    }

    [Theory]
    [InlineData("id = 2", new[] { 2 })]
    [InlineData("id != 2", new[] { 1, 3 })]
    [InlineData("id > 1 and id <= 3", new[] { 2, 3 })]
    [InlineData("id >= 2", new[] { 2, 3 })]
    [InlineData("id < 2", new[] { 1 })]
    [InlineData("name = \"mmb api\"", new[] { 1 })]
    [InlineData("name like \"M%\"", new[] { 1, 2 })]
    [InlineData("name like \"%X%\"", new[] { 3 })]
    [InlineData("name not like \"M%\"", new[] { 3 })]
    [InlineData("name contains \"process\"", new[] { 2 })]
    [InlineData("name not contains \"x\"", new[] { 1, 2 })]
    [InlineData("id in (1,3)", new[] { 1, 3 })]
    [InlineData("identifier in (\"MSPP\", \"appx\")", new[] { 2, 3 })]
    [InlineData("id not in (1)", new[] { 2, 3 })]
    [InlineData("inactiveFlag = false", new[] { 1, 3 })]
    [InlineData("inactiveFlag = TRUE", new[] { 2 })]
    [InlineData("securityRole/id = 5", new[] { 1, 3 })]
    [InlineData("securityRole/name = \"MSP\"", new[] { 2 })]
    [InlineData("dateEntered > [2025-01-01T00:00:00Z]", new[] { 1, 2 })]
    [InlineData("dateEntered < [2025-01-01T00:00:00Z]", new[] { 3 })]
    [InlineData("score > 1.2", new[] { 1, 2 })]
    [InlineData("score < -1", new[] { 3 })]
    [InlineData("notes = null", new[] { 1 })]
    [InlineData("notes != null", new[] { 2, 3 })]
    [InlineData("(name like \"MMB%\" and inactiveFlag = false) or id in (2)", new[] { 1, 2 })]
    [InlineData("name like \"M%\" AND (id = 2 OR id = 3)", new[] { 2 })]
    [InlineData("not (id = 1)", new[] { 2, 3 })]
    [InlineData("id = 1 or id = 2 and inactiveFlag = false", new[] { 1 })]
    [InlineData("  ", new[] { 1, 2, 3 })]
    [InlineData("missing/field = 1", new int[0])]
    public void Evaluates(string conditions, int[] expected) => Assert.Equal(expected, Ids(conditions));

    [Fact]
    public void LikeTreatsUnderscoreLiterally()
    {
        var c = ConditionParser.Parse("name like \"MMB_API\"");
        Assert.False(c.Matches(Records[0]));
        Assert.True(ConditionParser.Parse("name like \"MMB API\"").Matches(Records[0]));
    }

    [Fact]
    public void ReportsFieldsItNames()
    {
        var c = ConditionParser.Parse("securityRole/id = 5 and (name like \"a%\" or inactiveFlag = true)");
        Assert.Equal(new[] { "securityRole/id", "name", "inactiveFlag" }, c.Fields.ToArray());
    }

    [Theory]
    [InlineData("name = ")]
    [InlineData("name = \"unterminated")]
    [InlineData("name = MMB")]
    [InlineData("= 5")]
    [InlineData("id = 1 and")]
    [InlineData("(id = 1")]
    [InlineData("id = 1)")]
    [InlineData("id in 1,2")]
    [InlineData("id in (1,")]
    [InlineData("id == 1")]
    [InlineData("id <> 1")]
    [InlineData("id ! 1")]
    [InlineData("date > [not a date]")]
    [InlineData("date > [2025-01-01")]
    [InlineData("name like 5")]
    [InlineData("id < null")]
    [InlineData("name = \"a \\\" b\"")]
    [InlineData("id = 1 name = 2")]
    [InlineData("id not = 1")]
    [InlineData("id = 12abc")]
    [InlineData("and = 1")]
    [InlineData("id = 1 @")]
    public void RejectsBadSyntax(string conditions) =>
        Assert.Throws<ConditionSyntaxException>(() => ConditionParser.Parse(conditions));
}
