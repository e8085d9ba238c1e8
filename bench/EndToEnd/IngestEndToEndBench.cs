using System.Diagnostics;
using System.Globalization;
using System.Text;
using CustomerValue.Storage;
using CustomerValue.Application;
using CustomerValue.Application.Settings;
using CustomerValue.Storage.Uploads;
using CustomerValue.Testing;

namespace CustomerValue.Bench.EndToEnd;

/// <summary>
/// Upload to per-customer aggregates queryable, through the real host process against Azurite:
/// `ingest-e2e [--rows N] [--customers N] [--runs N]`. Reports the median time and the host's peak memory.
/// </summary>
internal static class IngestEndToEndBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rows = Option(args, "--rows", 1_000_000);
        var customers = Option(args, "--customers", 100_000);
        var runs = Option(args, "--runs", 3);
        var path = Path.Combine(Path.GetTempPath(), $"cv-e2e-{rows}.csv");
        var bytes = Generate(path, rows, customers, seed: 20261123);
        Console.WriteLine($"data: {rows:N0} rows, {customers:N0} customers, {bytes / 1e6:0.0} MB; host build {HostProcess.BuildConfiguration}");

        var results = new List<(double Upload, double Total, long? PeakHost)>();
        for (var run = 1; run <= runs; run++)
        {
            await using var azurite = await AzuriteProcess.StartAsync();
            var storage = new StorageClients(azurite.ConnectionString);
            await storage.EnsureCreatedAsync(default);
            await using var host = new HostProcess($"e2e-{run}", new Dictionary<string, string>
            {
                [StorageSettings.ConnectionSetting] = azurite.ConnectionString,
                ["Pipeline:CustomerBuckets"] = "16",
                ["extensions:queues:maxPollingInterval"] = "00:00:01",
            });
            await host.StartAsync(TimeSpan.FromSeconds(90));
            string uploadId;
            await using (var file = File.OpenRead(path)) uploadId = await UploadIds.FromContentAsync("transactions", file, default);

            var clock = Stopwatch.StartNew();
            await using (var file = File.OpenRead(path))
                await storage.Container(StorageNames.Containers.Uploads).GetBlobClient($"transactions/e2e-{run}.csv").UploadAsync(file, overwrite: true);
            var uploadSeconds = clock.Elapsed.TotalSeconds;
            var ledger = new UploadLedger(storage, TimeProvider.System);
            long? peak = null;
            while (true)
            {
                peak = host.PeakResidentBytes() ?? peak;
                var entry = await ledger.GetAsync(uploadId, default);
                if (entry?.Status == UploadStatus.Completed) break;
                if (entry?.Status == UploadStatus.Failed) throw new InvalidOperationException(entry.Failure);
                if (clock.Elapsed > TimeSpan.FromMinutes(15)) throw new TimeoutException("not completed in 15 minutes");
                await Task.Delay(250);
            }
            var total = clock.Elapsed.TotalSeconds;
            peak = host.PeakResidentBytes() ?? peak;
            results.Add((uploadSeconds, total, peak));
            Console.WriteLine($"run {run}: upload {uploadSeconds:0.0} s, upload to aggregates queryable {total:0.0} s, host peak RSS {peak / 1e6:0} MB");
        }
        File.Delete(path);
        var median = results.OrderBy(r => r.Total).ElementAt(results.Count / 2);
        Console.WriteLine();
        Console.WriteLine("| rows | customers | runs | upload (median) | upload to aggregates queryable (median) | rows/s end to end | host peak RSS (max) |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        Console.WriteLine($"| {rows:N0} | {customers:N0} | {runs} | {median.Upload:0.0} s | {median.Total:0.0} s | {rows / median.Total:N0} | {results.Max(r => r.PeakHost ?? 0) / 1e6:0} MB |");
        return 0;
    }

    private static int Option(string[] args, string name, int fallback) =>
        args.SkipWhile(a => a != name).Skip(1).Select(v => int.Parse(v, CultureInfo.InvariantCulture)).FirstOrDefault(fallback);

    private static long Generate(string path, int rows, int customers, int seed)
    {
        var random = new Random(seed);
        var start = new DateOnly(2023, 1, 1);
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20))
        {
            writer.Write("customer_id,date,amount\n");
            for (var i = 0; i < rows; i++)
            {
                var amount = i % 29 == 0 ? -random.Next(100, 3000) / 100m : random.Next(100, 40_000) / 100m;
                writer.Write($"C{random.Next(customers):D7},{start.AddDays(random.Next(1000)):yyyy-MM-dd},{amount.ToString(CultureInfo.InvariantCulture)}\n");
            }
        }
        return new FileInfo(path).Length;
    }
}
