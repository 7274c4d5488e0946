namespace ConnectWiseSetup.Demo
{
    /// <summary>dotnet run --project examples/Demo [-- path/to/script.ps1]</summary>
    public static class DemoProgram
    {
        public static async Task<int> Main(string[] args)
        {
            using var cts = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
            return await DemoRunner.RunAsync(Console.Out, args.Length > 0 ? args[0] : null, cts.Token);
        }
    }
}
