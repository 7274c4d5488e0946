namespace ConnectWiseSetup.Simulator.Http;

/// <summary>The endpoints the vendor integrations call (phase D).</summary>
internal static class SampleRoutes
{
    public static void Register(Router r) { }
}
