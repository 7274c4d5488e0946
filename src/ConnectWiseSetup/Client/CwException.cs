using System;
using System.Management.Automation;

namespace ConnectWiseSetup.Client
{
    /// <summary>
    /// Every failure the module reports: a stable <see cref="ErrorId"/>, an ErrorCategory and the object it
    /// concerns. Messages never carry a secret (private key, Authorization value).
    /// </summary>
    /// <remarks>
    /// What happened (<see cref="Problem"/>) and what to do (<see cref="RecommendedAction"/>) are kept apart: the
    /// exception's <see cref="Message"/> says both, for logs, catch blocks and Windows PowerShell, whose error view shows only
    /// the message; where the error view shows a "Recommendation:" line of its own (PowerShell 7.5 and later, ConciseView),
    /// the record's displayed message is the problem alone, so nothing is said twice.
    /// </remarks>
    public class CwException : Exception
    {
        public CwException(string errorId, ErrorCategory category, string message, object targetObject = null, Exception innerException = null)
            : base(message, innerException)
        {
            ErrorId = string.IsNullOrEmpty(errorId) ? ErrorIds.UnexpectedError : errorId;
            Category = category;
            TargetObject = targetObject;
        }

        public string ErrorId { get; }

        public ErrorCategory Category { get; }

        public object TargetObject { get; set; }

        /// <summary>
        /// What the user can do about it, when we know: a sentence that says what to do and repeats nothing of <see cref="Problem"/>.
        /// Becomes ErrorRecord.ErrorDetails.RecommendedAction.
        /// </summary>
        public string RecommendedAction { get; set; }

        /// <summary>What happened, without the recommendation.</summary>
        public string Problem => base.Message;

        /// <summary>What happened, then what to do.</summary>
        public override string Message => string.IsNullOrEmpty(RecommendedAction) ? base.Message : base.Message + " " + RecommendedAction;

        /// <summary>
        /// An ErrorRecord with ErrorId, category and target; <paramref name="target"/> overrides TargetObject. With a recommendation,
        /// the displayed message is the problem alone when <paramref name="viewShowsRecommendation"/> (the error view prints the
        /// recommendation on its own line), else problem and recommendation.
        /// </summary>
        public ErrorRecord ToErrorRecord(object target = null, bool viewShowsRecommendation = false)
        {
            var record = new ErrorRecord(this, ErrorId, Category, target ?? TargetObject);
            if (!string.IsNullOrEmpty(RecommendedAction))
                record.ErrorDetails = new ErrorDetails(viewShowsRecommendation ? Problem : Message) { RecommendedAction = RecommendedAction };
            return record;
        }

        /// <summary>A local validation failure (before any request).</summary>
        internal static CwException Invalid(string errorId, string message, object target = null)
            => new CwException(errorId, ErrorCategory.InvalidArgument, message, target);
    }
}
