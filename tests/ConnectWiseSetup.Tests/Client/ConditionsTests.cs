#nullable enable
using System.Globalization;
using ConnectWiseSetup.Client;
using Xunit;

namespace ConnectWiseSetup.Tests.Client;

public class ConditionsTests
{
    [Fact]
    public void Strings_are_double_quoted()
        => Assert.Equal("identifier = \"MMB API\"", Conditions.Eq("identifier", "MMB API").ToString());

    [Fact]
    public void Like_turns_star_into_percent()
        => Assert.Equal("name like \"MMB%\"", Conditions.Like("name", "MMB*").ToString());

    [Fact]
    public void Numbers_use_invariant_culture_whatever_the_current_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal("amount >= 1.5", Conditions.Ge("amount", 1.5).ToString());
            Assert.Equal("total < 1234.25", Conditions.Lt("total", 1234.25m).ToString());
            Assert.Equal("id = 1000000", Conditions.Eq("id", 1000000).ToString());
        }
        finally { CultureInfo.CurrentCulture = saved; }
    }

    [Fact]
    public void Booleans_are_lowercase_and_null_is_bare()
    {
        Assert.Equal("inactiveFlag = false", Conditions.Eq("inactiveFlag", false).ToString());
        Assert.Equal("adminFlag = true", Conditions.Eq("adminFlag", true).ToString());
        Assert.Equal("inactiveDate = null", Conditions.Eq("inactiveDate", null).ToString());
    }

    [Fact]
    public void Dates_are_bracketed_utc()
    {
        Assert.Equal("lastUpdated > [2025-01-31T00:00:00Z]", Conditions.Gt("lastUpdated", new DateTime(2025, 1, 31, 0, 0, 0, DateTimeKind.Utc)).ToString());
        var offset = new DateTimeOffset(2025, 1, 31, 2, 30, 0, TimeSpan.FromHours(2));
        Assert.Equal("lastUpdated > [2025-01-31T00:30:00Z]", Conditions.Gt("lastUpdated", offset).ToString());
        var local = new DateTime(2025, 6, 1, 12, 0, 0, DateTimeKind.Local);
        Assert.Equal("d = [" + local.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + "]", Conditions.Eq("d", local).ToString());
    }

    [Fact]
    public void Nested_fields_use_slashes()
        => Assert.Equal("securityRole/id = 5", Conditions.Eq("securityRole/id", 5).ToString());

    [Fact]
    public void In_lists_values()
    {
        Assert.Equal("id in (1,2,3)", Conditions.In("id", new[] { 1, 2, 3 }).ToString());
        Assert.Equal("name in (\"A\",\"B\")", Conditions.In("name", new[] { "A", "B" }).ToString());
    }

    [Fact]
    public void And_or_nest_with_parentheses()
    {
        var c = Conditions.Like("name", "MMB*").And(Conditions.Eq("inactiveFlag", false)).Or(Conditions.In("id", new[] { 1, 2, 3 }));
        Assert.Equal("(name like \"MMB%\" and inactiveFlag = false) or id in (1,2,3)", c.ToString());
        var d = Conditions.All(Conditions.Eq("a", 1), Conditions.Any(Conditions.Eq("b", 2), Conditions.Eq("c", 3)), null);
        Assert.Equal("a = 1 and (b = 2 or c = 3)", d.ToString());
        Assert.Equal("a = 1 and b = 2 and c = 3", Conditions.Eq("a", 1).And(Conditions.Eq("b", 2)).And(Conditions.Eq("c", 3)).ToString());
    }

    [Theory]
    [InlineData("say \"hi\"")]
    [InlineData("line\nbreak")]
    [InlineData("tab\there")]
    [InlineData("nul\0")]
    public void Values_it_cannot_express_are_refused(string value)
    {
        var e = Assert.Throws<CwException>(() => Conditions.Eq("name", value));
        Assert.Equal("CwInvalidConditionValue", e.ErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, e.Category);
        Assert.Equal("CwInvalidConditionValue", Assert.Throws<CwException>(() => Conditions.In("name", new[] { "ok", value })).ErrorId);
        Assert.Equal("CwInvalidConditionValue", Assert.Throws<CwException>(() => Conditions.Like("name", value)).ErrorId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1name")]
    [InlineData("name = 1 or id")]
    [InlineData("name\"")]
    [InlineData("a.b")]
    public void Bad_field_names_are_refused(string field)
        => Assert.Equal("CwInvalidConditionField", Assert.Throws<CwException>(() => Conditions.Eq(field, 1)).ErrorId);

    [Fact]
    public void Empty_in_list_and_odd_types_are_refused()
    {
        Assert.Equal("CwInvalidConditionValue", Assert.Throws<CwException>(() => Conditions.In("id", Array.Empty<int>())).ErrorId);
        Assert.Equal("CwInvalidConditionValue", Assert.Throws<CwException>(() => Conditions.Eq("x", new object())).ErrorId);
        Assert.Equal("CwInvalidConditionValue", Assert.Throws<CwException>(() => Conditions.Eq("x", double.NaN)).ErrorId);
    }

    [Fact]
    public void Refused_value_is_refused_before_any_request()
    {
        var handler = new FakeHandler(_ => FakeHandler.Ok("[]"));
        using var client = TestTenant.Client(handler);
        Assert.Throws<CwException>(() => { _ = client.GetListAsync<object>("system/apiMembers", new ListQuery().Where(Conditions.Eq("identifier", "a\"b"))); });
        Assert.Empty(handler.Requests);
    }
}
