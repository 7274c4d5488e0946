using System;
using System.Management.Automation;

namespace ConnectWiseSetup.Client
{
    /// <summary>
    /// Every failure the module reports: a stable <see cref="ErrorId"/>, an ErrorCategory and the object it
    /// concerns. Messages never carry a secret (private key, Authorization value).
    /// </summary>
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

        /// <summary>What the user can do about it, when we know; becomes ErrorRecord.ErrorDetails.RecommendedAction.</summary>
        public string RecommendedAction { get; set; }

        /// <summary>An ErrorRecord with ErrorId, category and target; <paramref name="target"/> overrides TargetObject.</summary>
        public ErrorRecord ToErrorRecord(object target = null)
        {
            var record = new ErrorRecord(this, ErrorId, Category, target ?? TargetObject);
            if (!string.IsNullOrEmpty(RecommendedAction))
                record.ErrorDetails = new ErrorDetails(Message) { RecommendedAction = RecommendedAction };
            return record;
        }

        /// <summary>A local validation failure (before any request).</summary>
        internal static CwException Invalid(string errorId, string message, object target = null)
            => new CwException(errorId, ErrorCategory.InvalidArgument, message, target);
    }
}
