using System.Diagnostics;
using System.Globalization;
using CustomerValue.Domain;
using CustomerValue.LocalEngine.Hosting;
using CustomerValue.Metrics;
using CustomerValue.Storage;
using CustomerValue.Application;
using CustomerValue.Application.Settings;
using CustomerValue.Storage.Customers;
using CustomerValue.Storage.Snapshots;
using CustomerValue.Application.Snapshots;
using CustomerValue.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerValue.Bench;

/// <summary>
/// `snapshot [--customers N] [--runs N]`: the nightly snapshot (CLV fit, segments, opportunities, KPIs) of N customers
/// stored in Azurite, through the host's own registrations. Reports seconds and the peak working set during the run.
/// </summary>
internal static class SnapshotBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var customers = Option(args, "--customers", 1_000_000);
        var runs = Option(args, "--runs", 3);
        const int buckets = 16;
        await using var azurite = await AzuriteProcess.StartAsync();
        var app = PipelineHost.Build([], new Dictionary<string, string?>
        {
            [StorageSettings.ConnectionSetting] = azurite.ConnectionString,
            ["Host:Urls"] = $"http://127.0.0.1:{AzuriteProcess.FreePort()}",
            ["Pipeline:CustomerBuckets"] = $"{buckets}",
            ["Snapshots:KpiSchedule"] = "0 0 2 1 1 *",
            ["Reconciliation:Schedule"] = "0 0 2 1 1 *",
            ["Logging:LogLevel:Default"] = "Warning",
        }, contentRoot: AppContext.BaseDirectory);
        await PipelineHost.StartAsync(app);
        try
        {
            var load = Stopwatch.StartNew();
            await LoadCustomersAsync(app.Services.GetRequiredService<CustomerTable>(), customers, buckets);
            Console.WriteLine($"data: {customers:N0} customers written to the Customers table in {load.Elapsed.TotalSeconds:0.0} s");
            var service = app.Services.GetRequiredService<KpiSnapshotService>();
            var results = new List<(double Seconds, long PeakBytes)>();
            for (var run = 1; run <= runs; run++)
            {
                GC.Collect();
                using var sampler = new WorkingSetSampler();
                var clock = Stopwatch.StartNew();
                var snapshot = await service.TakeAsync(new DateTimeOffset(2026, 11, run, 2, 0, 0, TimeSpan.Zero), default);
                var seconds = clock.Elapsed.TotalSeconds;
                results.Add((seconds, sampler.Peak));
                Console.WriteLine($"run {run}: {seconds:0.0} s, peak working set {sampler.Peak / 1e6:0} MB, {snapshot.Customers:N0} customers");
            }
            var median = results.OrderBy(r => r.Seconds).ElementAt(results.Count / 2);
            Console.WriteLine();
            Console.WriteLine("| customers | runs | snapshot (median) | peak working set (max) |");
            Console.WriteLine("|---|---|---|---|");
            Console.WriteLine($"| {customers:N0} | {runs} | {median.Seconds:0.0} s | {results.Max(r => r.PeakBytes) / 1e6:0} MB |");
            return 0;
        }
        finally
        {
            await app.StopAsync();
        }
    }

    /// <summary>Generates and writes one bucket at a time, so the generated data is not held while the snapshot runs.</summary>
    internal static async Task LoadCustomersAsync(CustomerTable table, int count, int buckets)
    {
        for (var b = 0; b < buckets; b++)
        {
            var random = new Random(42 + b);
            var start = new DateOnly(2025, 1, 1);
            var bucket = new List<CustomerPurchaseSummary>();
            for (var i = 0; i < count; i++)
            {
                var id = $"C{i:D7}";
                if (CustomerBuckets.Of(id, buckets) != b) continue;
                var summary = new CustomerPurchaseSummary(id);
                for (var t = random.Next(1, 5); t > 0; t--)
                    summary.Add(new Transaction(id, start.AddDays(random.Next(600)), Math.Round((decimal)random.NextDouble() * 200, 2)));
                bucket.Add(summary);
            }
            await table.ReplaceBucketAsync(b, bucket, default);
        }
    }

    private static int Option(string[] args, string name, int fallback) =>
        args.SkipWhile(a => a != name).Skip(1).Select(v => int.Parse(v, CultureInfo.InvariantCulture)).FirstOrDefault(fallback);

    /// <summary>Samples this process's working set every 100 ms; the peak is what the run needed at most.</summary>
    private sealed class WorkingSetSampler : IDisposable
    {
        private readonly Timer timer;
        private long peak;

        public WorkingSetSampler() => timer = new Timer(_ =>
        {
            var now = Process.GetCurrentProcess().WorkingSet64;
            long seen;
            while (now > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen) { }
        }, null, 0, 100);

        public long Peak => Interlocked.Read(ref peak);
        public void Dispose() => timer.Dispose();
    }
}
