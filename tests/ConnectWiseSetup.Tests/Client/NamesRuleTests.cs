using ConnectWiseSetup.Client;
using Xunit;

namespace ConnectWiseSetup.Tests.Client
{
    /// <summary>
    /// The names rule (InputValidator.Name, issue 23): what it lets through (names people really use, in their own
    /// script) and what it refuses, with the ErrorId of the kind and the position of the refused character.
    /// The cmdlet-level cases (nothing sent) are in Reliability/BadInputTests ("names: ...").
    /// </summary>
    public sealed class NamesRuleTests
    {
        [Theory]
        [InlineData("RoleName", "MSP Process")]
        [InlineData("RoleName", "Techniker Außendienst")]
        [InlineData("RoleName", "Équipe réseau")]
        [InlineData("RoleName", "Техник")]
        [InlineData("RoleName", "API 統合")]
        [InlineData("RoleName", "N-central (v2)")]
        [InlineData("MemberIdentifier", "MMB API")]
        [InlineData("MemberIdentifier", "N-central")]
        [InlineData("MemberName", "Hudu API Integrator")]
        [InlineData("KeyDescription", "AppXite Integration API Keys")]
        [InlineData("ReferenceName", "Service & Support")]
        [InlineData("SecretName", "ConnectWise-contoso-MSPProcess")]
        public void Names_people_use_pass_unchanged_but_trimmed(string kindName, string name)
        {
            var kind = Enum.Parse<NameKind>(kindName);
            Assert.Equal(name, InputValidator.Name(kind, kind == NameKind.MemberIdentifier ? name : "  " + name + " "));
        }

        [Theory]
        [InlineData("RoleName", "Adm\u200Bin", "CwInvalidRoleName", "U+200B", "position 4")]
        [InlineData("RoleName", "Admin\u200E", "CwInvalidRoleName", "U+200E", "position 6")]
        [InlineData("RoleName", "\u202EnimdA", "CwInvalidRoleName", "U+202E", "position 1")]
        [InlineData("RoleName", "Ad\u00ADmin", "CwInvalidRoleName", "U+00AD", "position 3")]
        [InlineData("RoleName", "Ad\u00A0min", "CwInvalidRoleName", "U+00A0", "position 3")]
        [InlineData("RoleName", "\u0410dmin", "CwInvalidRoleName", "Cyrillic", "position 1")]
        [InlineData("RoleName", "Techn\u0456cian", "CwInvalidRoleName", "Cyrillic", "position 6")]
        [InlineData("RoleName", "\u0410\u0420\u0406", "CwInvalidRoleName", "all look like Latin")]
        [InlineData("RoleName", "\uFF21dmin", "CwInvalidRoleName", "U+FF21", "look-alike")]
        [InlineData("RoleName", "\u017Fupport", "CwInvalidRoleName", "U+017F", "look-alike")]
        [InlineData("RoleName", "Admi\u0301n", "CwInvalidRoleName", "U+0301", "combining")]
        [InlineData("RoleName", "Bob\u2019s role", "CwInvalidRoleName", "U+2019", "ASCII and Latin-1")]
        [InlineData("RoleName", "Role \u13A0", "CwInvalidRoleName", "U+13A0", "script")]
        [InlineData("RoleName", "Role\tX", "CwInvalidRoleName", "control character", "position 5")]
        [InlineData("MemberIdentifier", "Bad\u200BId", "CwInvalidIdentifier", "U+200B", "position 4")]
        [InlineData("MemberName", "Vend\u043Er", "CwInvalidMemberName", "Cyrillic", "position 5")]
        [InlineData("KeyDescription", "Key\uFEFF", "CwInvalidKeyDescription", "U+FEFF", "position 4")]
        [InlineData("ReferenceName", "Ser\u200Dvice", "CwInvalidReferenceName", "U+200D", "position 4")]
        [InlineData("SecretName", "a\nb", "CwInvalidSecretName", "control character", "position 2")]
        public void Invisible_and_look_alike_characters_are_refused_with_their_position(string kindName, string name, string errorId, params string[] hints)
        {
            var kind = Enum.Parse<NameKind>(kindName);
            var e = Assert.Throws<CwException>(() => InputValidator.Name(kind, name));
            Assert.Equal(errorId, e.ErrorId);
            foreach (var hint in hints) Assert.Contains(hint, e.Message);
            // The message shows the refused invisible character escaped, never raw.
            Assert.DoesNotContain("\u200B", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("\u202E", e.Message, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("RoleName", 31, "at most 30")]
        [InlineData("MemberIdentifier", 16, "at most 15")]
        [InlineData("MemberName", 31, "at most 30")]
        [InlineData("KeyDescription", 101, "at most 100")]
        [InlineData("ReferenceName", 51, "at most 50")]
        [InlineData("SecretName", 129, "at most 128")]
        [InlineData("RoleName", 100_000, "100000")]
        public void Over_long_names_are_refused_and_the_message_stays_short(string kindName, int length, string hint)
        {
            var kind = Enum.Parse<NameKind>(kindName);
            var e = Assert.Throws<CwException>(() => InputValidator.Name(kind, new string('a', length)));
            Assert.Equal(InputValidator.ErrorIdOf(kind), e.ErrorId);
            Assert.Contains(hint, e.Message);
            Assert.True(e.Message.Length < 400, "message of " + e.Message.Length + " characters");
        }

        [Fact]
        public void NameProblem_says_why_without_throwing()
        {
            Assert.Null(InputValidator.NameProblem(NameKind.RoleName, " Rewst API ", out var cleaned));
            Assert.Equal("Rewst API", cleaned);
            Assert.Contains("U+200B", InputValidator.NameProblem(NameKind.RoleName, "Adm\u200Bin", out cleaned));
            Assert.Null(cleaned);
        }
    }
}
