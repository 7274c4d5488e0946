using ConnectWiseSetup.Client;
using ConnectWiseSetup.Model;
using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;
using static ConnectWiseSetup.Tests.Members.MemberTestSupport;

namespace ConnectWiseSetup.Tests.Polish
{
    /// <summary>
    /// -WhatIf and -Confirm written for a person: the verb, the object with its id, the tenant, and for a change each field's old and
    /// new value; never PowerShell's generic 'Performing the operation "x" on target "y"'. (Install- and Uninstall-CwIntegration's
    /// plans are tested with them.)
    /// </summary>
    public sealed class ShouldProcessTextTests : IClassFixture<SimulatorFixture>
    {
        readonly SimulatorFixture _f;
        public ShouldProcessTextTests(SimulatorFixture f) { _f = f; }

        static string WhatIf(PsSession s, ScriptedHost host, string script, Dictionary<string, object> vars = null)
        {
            host.TakeText();
            var r = s.Run(script + " -WhatIf", vars);
            r.AssertNoErrors();
            var line = Assert.Single(r.HostText.Replace("\r", "").Split('\n'), l => l.StartsWith("What if: ", StringComparison.Ordinal));
            Assert.DoesNotContain("Performing the operation", line);
            return line.Substring("What if: ".Length);
        }

        [Fact]
        public void Set_CwApiMember_says_each_field_it_changes_with_its_old_and_new_value_and_Confirm_asks_the_same()
        {
            var t = _f.Server.Tenants[0];
            var oldRole = CreateRole(_f, t, "Text Role Old");
            var newRole = CreateRole(_f, t, "Text Role New");
            var host = new ScriptedHost();
            using var s = _f.ConnectedSession(t, host);
            var member = s.Run("New-CwApiMember -Identifier TextMember -Name 'Text Member' -SecurityRole 'Text Role Old'").Single<ApiMember>();
            var connection = s.Run("Get-CwConnection").Single<CwConnection>();
            var before = LastSeq(_f, t);

            var text = WhatIf(s, host, "Set-CwApiMember TextMember -Name 'Text Member Two' -SecurityRole 'Text Role New' -EmailAddress text@contoso.example");
            Assert.Equal("Change API member 'TextMember' (id " + member.Id + ") on " + connection + ": name 'Text Member' -> 'Text Member Two'; " +
                         "e-mail address (none) -> 'text@contoso.example'; security role 'Text Role Old' (id " + oldRole + ") -> 'Text Role New' (id " + newRole + ").", text);

            // -Confirm asks the same sentence as a question; "No" changes nothing.
            host.Choices.Enqueue(2);
            host.PromptsShown.Clear();
            s.Run("Set-CwApiMember TextMember -SecurityRole 'Text Role New' -Confirm").AssertNoErrors();
            var prompt = Assert.Single(host.PromptsShown);
            Assert.Equal("PromptForChoice: Confirm | Change API member 'TextMember' (id " + member.Id + ") on " + connection + ": security role 'Text Role Old' (id " + oldRole + ") -> 'Text Role New' (id " + newRole + ")?", prompt);
            Assert.Empty(Writes(Since(_f, t, before)));
        }

        [Fact]
        public void Every_other_changing_cmdlet_says_what_it_will_do_to_which_object_on_which_tenant()
        {
            var t = _f.Server.Tenants[1];
            var roleId = CreateRole(_f, t, "Text Role");
            var host = new ScriptedHost();
            using var s = _f.ConnectedSession(t, host);
            var member = s.Run("New-CwApiMember -Identifier TextKeyMember -Name 'Text Key Member' -SecurityRole 'Text Role'").Single<ApiMember>();
            var on = " on " + s.Run("Get-CwConnection").Single<CwConnection>();
            var file = Path.Combine(Path.GetTempPath(), "cw-whatif-" + Guid.NewGuid().ToString("N") + ".json");
            var before = LastSeq(_f, t);

            Assert.StartsWith("Create security role 'Text Role Two'" + on + ";", WhatIf(s, host, "New-CwSecurityRole -Name 'Text Role Two'"));
            Assert.StartsWith("Create admin security role 'Text Admin'" + on + ";", WhatIf(s, host, "New-CwSecurityRole -Name 'Text Admin' -Admin"));
            Assert.StartsWith("Create security role 'AppXite Integration' for profile AppXite" + on, WhatIf(s, host, "New-CwSecurityRole -Profile AppXite"));
            Assert.Equal("Delete security role 'Text Role' (id " + roleId + ")" + on + "; a deleted role cannot be restored.", WhatIf(s, host, "Remove-CwSecurityRole 'Text Role'"));
            var create = WhatIf(s, host, "New-CwApiMember -Identifier TextNew -SecurityRole 'Text Role'");
            Assert.StartsWith("Create API member 'TextNew' (name 'TextNew')" + on + ": role 'Text Role', level '", create);
            Assert.Contains("time zone '", create);
            Assert.Equal("Disable API member 'TextKeyMember' (id " + member.Id + ")" + on + ": it becomes inactive and its API keys stop signing in.",
                WhatIf(s, host, "Disable-CwApiMember TextKeyMember"));
            Assert.Equal("Guide the creation of an API key for API member 'TextKeyMember'" + on + " (description 'Text Key Member'), then prove that the key signs in as that member.",
                WhatIf(s, host, "New-CwApiKey TextKeyMember"));
            Assert.StartsWith("Write the file " + file + " with profile 'TextRole': the ", WhatIf(s, host, "Export-CwSecurityRole -Role 'Text Role' -Path $F", new() { ["F"] = file }));
            Assert.Empty(Writes(Since(_f, t, before)));
            Assert.False(File.Exists(file));
        }
    }
}
