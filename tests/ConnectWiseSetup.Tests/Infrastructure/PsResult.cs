using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Text;

namespace ConnectWiseSetup.Tests.Infrastructure
{
    /// <summary>Everything one hosted pipeline produced: output and every stream.</summary>
    public sealed class PsResult
    {
        public List<PSObject> Output { get; } = new();
        public List<ErrorRecord> Errors { get; } = new();
        public List<VerboseRecord> Verbose { get; } = new();
        public List<DebugRecord> Debug { get; } = new();
        public List<WarningRecord> Warnings { get; } = new();
        public List<InformationRecord> Information { get; } = new();
        public List<ProgressRecord> Progress { get; } = new();
        /// <summary>The terminating error, if the pipeline threw.</summary>
        public Exception Terminating { get; set; }
        /// <summary>Whatever a custom host printed (Write, WriteLine, prompts), when a host was used.</summary>
        public string HostText { get; set; } = "";

        public IEnumerable<ErrorRecord> AllErrors =>
            Terminating is IContainsErrorRecord c && c.ErrorRecord != null ? Errors.Append(c.ErrorRecord) : Errors;

        public ErrorRecord SingleError()
        {
            var all = AllErrors.ToList();
            if (all.Count != 1)
                throw new Xunit.Sdk.XunitException($"expected one error, got {all.Count}: {string.Join(" | ", all.Select(e => e.FullyQualifiedErrorId + ": " + e))}{(Terminating != null && !(Terminating is IContainsErrorRecord) ? " terminating: " + Terminating : "")}");
            return all[0];
        }

        public void AssertNoErrors()
        {
            if (Terminating != null || Errors.Count > 0)
                throw new Xunit.Sdk.XunitException("pipeline had errors: " + string.Join(" | ", AllErrors.Select(e => e.FullyQualifiedErrorId + ": " + e)) + (Terminating != null ? " terminating: " + Terminating : ""));
        }

        public T Single<T>() => (T)Output.Single().BaseObject;
        public IEnumerable<T> OfType<T>() => Output.Select(o => o.BaseObject).OfType<T>();

        /// <summary>All text that any stream, error record (message, exception chain, target, details) or host carried: for secret scans.</summary>
        public string AllText()
        {
            var sb = new StringBuilder();
            foreach (var o in Output) sb.AppendLine(SafeToString(o));
            foreach (var e in AllErrors) AppendError(sb, e);
            foreach (var v in Verbose) sb.AppendLine(v.Message);
            foreach (var d in Debug) sb.AppendLine(d.Message);
            foreach (var w in Warnings) sb.AppendLine(w.Message);
            foreach (var i in Information) sb.AppendLine(SafeToString(i.MessageData));
            foreach (var p in Progress) sb.AppendLine(p.Activity + " " + p.StatusDescription + " " + p.CurrentOperation);
            for (var ex = Terminating; ex != null; ex = ex.InnerException) sb.AppendLine(ex.GetType().FullName + ": " + ex.Message + "\n" + ex.StackTrace);
            sb.AppendLine(HostText);
            return sb.ToString();
        }

        static void AppendError(StringBuilder sb, ErrorRecord e)
        {
            sb.AppendLine(e.ToString());
            sb.AppendLine(e.FullyQualifiedErrorId);
            sb.AppendLine(e.ErrorDetails?.Message);
            sb.AppendLine(e.ErrorDetails?.RecommendedAction);
            sb.AppendLine(SafeToString(e.TargetObject));
            sb.AppendLine(e.CategoryInfo.ToString());
            for (var ex = e.Exception; ex != null; ex = ex.InnerException)
                sb.AppendLine(ex.GetType().FullName + ": " + ex.Message + "\n" + ex.StackTrace + "\n" + ex);
        }

        static string SafeToString(object o)
        {
            if (o == null) return "";
            try
            {
                var sb = new StringBuilder(o.ToString());
                if (o is PSObject pso)
                    foreach (var p in pso.Properties)
                    {
                        try { sb.Append(' ').Append(p.Name).Append('=').Append(p.Value); } catch { }
                    }
                return sb.ToString();
            }
            catch (Exception ex) { return "<" + ex.GetType().Name + ">"; }
        }
    }
}
