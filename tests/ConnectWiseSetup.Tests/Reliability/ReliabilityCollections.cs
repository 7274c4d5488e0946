using Xunit;

namespace ConnectWiseSetup.Tests.Reliability
{
    /// <summary>
    /// The reliability tests that load the machine (many runspaces at once) or measure time (a stop within 1 s) run alone,
    /// after the parallel part of the suite: on a 2-core machine they would otherwise starve, and be starved by, the
    /// other classes' timing checks (a Ctrl+C test elsewhere waits a fixed 700 ms for its request to be in flight).
    /// </summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class RunAlone
    {
        public const string Name = "Reliability: run alone";
    }
}
