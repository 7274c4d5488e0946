using System;
using System.Collections.Generic;
using System.Management.Automation;
using ConnectWiseSetup.Client;

namespace ConnectWiseSetup.Setup
{
    /// <summary>
    /// The numbered steps of a run and its progress bar: the one implementation of the step and progress machinery that
    /// Install-CwIntegration's and Update-CwApiKey's engines share (a step by its number, its state and detail set together,
    /// the run's bar and its completion). The uninstaller's steps have states of their own (Kept, Changed, Manual) and are not these.
    /// </summary>
    internal sealed class StepList
    {
        readonly List<InstallStep> _steps;
        readonly int _progressId;
        readonly Func<string> _activity;

        /// <param name="progressId">The run's progress id (<see cref="ProgressIds"/>).</param>
        /// <param name="activity">The bar's activity, read each time (it may name what the run has found by then).</param>
        /// <param name="steps">The steps, numbered 1, 2, ... in this order.</param>
        public StepList(int progressId, Func<string> activity, params InstallStep[] steps)
        {
            _progressId = progressId;
            _activity = activity ?? throw new ArgumentNullException(nameof(activity));
            _steps = new List<InstallStep>(steps);
            for (var i = 0; i < _steps.Count; i++)
                if (_steps[i].Number != i + 1) throw new ArgumentException("Step " + _steps[i].Name + " is number " + _steps[i].Number + ", not " + (i + 1) + ".", nameof(steps));
        }

        /// <summary>Every step, in order: what a plan and a result carry.</summary>
        public IReadOnlyList<InstallStep> All => _steps;

        /// <summary>The step numbered <paramref name="number"/> (1-based).</summary>
        public InstallStep this[int number] => _steps[number - 1];

        public void Set(int number, InstallStepState state, string detail)
        {
            var step = this[number];
            step.State = state;
            step.Detail = detail;
        }

        public void Progress(string status, int percent)
            => ClientLog.Progress(new ProgressRecord(_progressId, _activity(), status) { PercentComplete = percent });

        public void CompleteProgress()
            => ClientLog.Progress(new ProgressRecord(_progressId, _activity(), "Done") { RecordType = ProgressRecordType.Completed });
    }
}
