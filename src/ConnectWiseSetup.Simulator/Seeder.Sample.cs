namespace ConnectWiseSetup.Simulator;

internal static partial class Seeder
{
    /// <summary>Data behind the vendor endpoints (phase D).</summary>
    static partial void SeedSampleDataCore(TenantState t);
    private static void SeedSampleData(TenantState t) => SeedSampleDataCore(t);
}
