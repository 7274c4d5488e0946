using System.Management.Automation;
using System.Text.RegularExpressions;
using ConnectWiseSetup.Client;
using ConnectWiseSetup.Simulator;
using ConnectWiseSetup.Tests.Infrastructure;
using Xunit;
using static ConnectWiseSetup.Tests.Members.MemberTestSupport;

namespace ConnectWiseSetup.Tests.Polish
{
    /// <summary>
    /// An error says what happened; its recommendation says what to do, and never the message again. PowerShell 7.5+ prints the
    /// recommendation on a line of its own under the message (ConciseView); Windows PowerShell and NormalView print only the message,
    /// which then carries it once.
    /// </summary>
    public sealed class RecommendationTests : IClassFixture<SimulatorFixture>
    {
        readonly SimulatorFixture _f;
        public RecommendationTests(SimulatorFixture f) { _f = f; }

        static IEnumerable<string> Sentences(string text)
            => Regex.Split(text, @"(?<=[.:;?!])\s+").Select(x => x.Trim().TrimEnd('.', ':', ';')).Where(x => x.Length >= 12);

        /// <summary>Every error from <paramref name="script"/>, as the records PowerShell shows.</summary>
        static List<ErrorRecord> Errors(PsSession s, string script, Dictionary<string, object> vars = null)
        {
            var r = s.Run(script, vars);
            return r.AllErrors.ToList();
        }

        static void AssertSaysItOnce(ErrorRecord e, bool conciseView, List<string> problems, HashSet<string> ids)
        {
            var id = e.FullyQualifiedErrorId.Split(',')[0];
            ids.Add(id);
            var advice = e.ErrorDetails?.RecommendedAction;
            if (string.IsNullOrEmpty(advice)) { problems.Add(id + ": no recommendation"); return; }
            var shown = e.ErrorDetails.Message;
            if (conciseView)
            {
                // The view prints the message, then "Recommendation: <advice>": the message must not say it too.
                if (shown.Contains(advice, StringComparison.OrdinalIgnoreCase)) problems.Add(id + ": the message repeats the recommendation: " + shown);
                foreach (var sentence in Sentences(advice))
                    if (shown.Contains(sentence, StringComparison.OrdinalIgnoreCase)) problems.Add(id + ": the message repeats '" + sentence + "': " + shown);
                foreach (var sentence in Sentences(shown))
                    if (advice.Contains(sentence, StringComparison.OrdinalIgnoreCase)) problems.Add(id + ": the recommendation repeats '" + sentence + "': " + advice);
            }
            else if (Regex.Matches(shown, Regex.Escape(advice)).Count != 1)
                problems.Add(id + ": without a recommendation line the message must carry the advice once: " + shown);
            // Logs and catch blocks read the exception: what happened, then what to do, once.
            if (Regex.Matches(e.Exception.Message, Regex.Escape(advice)).Count != 1) problems.Add(id + ": the exception message does not end with the advice once: " + e.Exception.Message);
        }

        [Theory]
        [InlineData("ConciseView")]
        [InlineData("NormalView")]
        public void A_recommendation_says_what_to_do_and_never_repeats_the_message(string view)
        {
            var concise = view == "ConciseView";
            var problems = new List<string>();
            var ids = new HashSet<string>();
            void Check(IEnumerable<ErrorRecord> errors, string expectedId)
            {
                var list = errors.ToList();
                Assert.True(list.Any(e => e.FullyQualifiedErrorId.StartsWith(expectedId + ",", StringComparison.Ordinal) || e.FullyQualifiedErrorId == expectedId),
                    expectedId + " expected, got: " + string.Join(" | ", list.Select(e => e.FullyQualifiedErrorId)));
                foreach (var e in list) AssertSaysItOnce(e, concise, problems, ids);
            }

            var t = _f.Server.Tenants[concise ? 0 : 1];
            using var bare = new PsSession();
            bare.Run("$ErrorView = '" + view + "'").AssertNoErrors();
            Check(Errors(bare, "Get-CwSecurityRole"), ErrorIds.NotConnected);
            Check(Errors(bare, "$c = " + SimulatorFixture.ConnectScript + " -PassThru; Disconnect-CwManage; Get-CwSecurityRole -Connection $c", _f.ConnectVariables(t)), ErrorIds.NotConnected);
            var wrongKey = _f.ConnectVariables(t);
            wrongKey["Cred"] = SimulatorFixture.Credential(t.PublicKey, "WrongPrivateKey1");
            Check(Errors(bare, SimulatorFixture.ConnectScript, wrongKey), ErrorIds.AuthenticationFailed);
            var refused = _f.ConnectVariables(t);
            refused["Server"] = "http://127.0.0.1:1";
            Check(Errors(bare, SimulatorFixture.ConnectScript + " -MaxRetryTimeSec 0", refused), ErrorIds.ConnectionFailed);

            using var s = _f.ConnectedSession(t);
            s.Run("$ErrorView = '" + view + "'").AssertNoErrors();
            var role = "Advice Role " + view;
            CreateRole(_f, t, role);
            Check(Errors(s, "New-CwSecurityRole -Name $N", new() { ["N"] = role }), ErrorIds.ResourceExists);
            Check(Errors(s, "Wait-CwSecurityRolePermission -Role $N -Profile AppXite -Timeout '00:00:00.2' -PollInterval '00:00:00.05'", new() { ["N"] = role }), ErrorIds.WaitTimeout);
            s.Run("New-CwApiMember -Identifier $I -SecurityRole $N | Out-Null", new() { ["I"] = "Advice" + view.Substring(0, 4), ["N"] = role }).AssertNoErrors();
            Check(Errors(s, "Remove-CwSecurityRole -Role $N -Confirm:$false", new() { ["N"] = role }), ErrorIds.RoleInUse);
            Check(Errors(s, "New-CwApiMember -Identifier AdviceLevel -SecurityRole $N -Level 'No Such Level'", new() { ["N"] = role }), ErrorIds.NotFound);
            // The hosted runspace's host cannot prompt: the key step stops for a person.
            Check(Errors(s, "New-CwApiKey -ApiMember $I", new() { ["I"] = "Advice" + view.Substring(0, 4) }), ErrorIds.ManualStepRequired);
            using (var op = Operator(_f, t)) op.AddLocation("Second Office " + view);
            Check(Errors(s, "New-CwApiMember -Identifier AdviceAmbig -SecurityRole $N", new() { ["N"] = role }), ErrorIds.AmbiguousDefault);

            Assert.True(problems.Count == 0, string.Join("\n", problems));
            Assert.True(ids.Count >= 9, string.Join(", ", ids));
        }

        [Theory]
        [InlineData(401)]
        [InlineData(403)]
        [InlineData(429)]
        [InlineData(500)]
        public void A_mapped_failure_keeps_the_answer_and_the_advice_apart(int status)
        {
            var e = new CwException(ErrorIds.PermissionDenied, ErrorCategory.PermissionDenied, "GET https://x/apis/3.0/system/members failed: " + status + ". ConnectWise says: no.");
            var mapped = status switch
            {
                401 => "Check the company ID",
                403 => "widen the role",
                429 => "wait and run again",
                _ => "try again later",
            };
            // The advice ErrorMapping gives for the status.
            var advice = typeof(CwException).Assembly.GetType("ConnectWiseSetup.Client.ErrorMapping")!
                .GetMethod("Advice", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .Invoke(null, new object[] { status, status >= 500 ? ErrorIds.ServerError : ErrorIds.PermissionDenied }) as string;
            Assert.Contains(mapped, advice);
            e.RecommendedAction = advice;
            var concise = e.ToErrorRecord(null, viewShowsRecommendation: true);
            Assert.Equal(e.Problem, concise.ErrorDetails.Message);
            Assert.DoesNotContain(advice, concise.ErrorDetails.Message);
            Assert.Equal(advice, concise.ErrorDetails.RecommendedAction);
            var normal = e.ToErrorRecord(null, viewShowsRecommendation: false);
            Assert.Equal(e.Problem + " " + advice, normal.ErrorDetails.Message);
            Assert.Equal(e.Problem + " " + advice, e.Message);
        }
    }
}
