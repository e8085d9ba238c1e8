namespace CustomerValue.Bench;

/// <summary>Named benchmarks. Each takes its own options and prints its figures as a Markdown table.</summary>
internal static class BenchCatalog
{
    private static readonly Dictionary<string, Func<string[], Task<int>>> Benchmarks = new(StringComparer.OrdinalIgnoreCase)
    {
        ["reliability"] = Reliability.ReliabilityBench.RunAsync,
        ["unlistable-name"] = Reliability.UnlistableNameBench.RunAsync,
        ["ingest-e2e"] = EndToEnd.IngestEndToEndBench.RunAsync,
        ["many-uploads"] = EndToEnd.ManyUploadsBench.RunAsync,
        ["ingest"] = IngestBench.RunAsync,
        ["clv"] = ClvBench.RunAsync,
        ["clv-choice"] = ClvChoiceBench.RunAsync,
        ["sentiment"] = SentimentBench.RunAsync,
        ["segments"] = SegmentBench.RunAsync,
        ["reports"] = ReportBench.RunAsync,
        ["snapshot"] = SnapshotBench.RunAsync,
        ["charts"] = ChartBench.RunAsync,
    };

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || !Benchmarks.TryGetValue(args[0], out var run))
        {
            Console.Error.WriteLine($"usage: bench <{string.Join("|", Benchmarks.Keys.Order())}> [options]");
            return 2;
        }
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        return await run(args[1..]);
    }
}
