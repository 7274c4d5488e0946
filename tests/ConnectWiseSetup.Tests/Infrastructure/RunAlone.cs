using Xunit;

namespace ConnectWiseSetup.Tests.Infrastructure
{
    /// <summary>
    /// Tests that measure time (a stop within 1 s) or load the machine (many runspaces at once) run alone, after
    /// the parallel part of the suite: on a 2-core machine they would otherwise starve, and be starved by, the
    /// other classes.
    /// </summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class RunAlone
    {
        public const string Name = "Run alone: timing-sensitive or heavy";
    }
}
