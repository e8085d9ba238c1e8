using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CustomerValue.Domain;
using CustomerValue.LocalEngine.Hosting;
using CustomerValue.Metrics;
using CustomerValue.Storage;
using CustomerValue.Application;
using CustomerValue.Application.Settings;
using CustomerValue.Storage.Customers;
using CustomerValue.Storage.Snapshots;
using CustomerValue.Application.Snapshots;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerValue.Bench;

/// <summary>
/// `reports`: GET /api/reports/kpis (with a read key) against the real host on loopback, with N customers in the
/// Customers table and their KPI snapshot taken; the heaviest HTML page (the full report, kpis?format=html: tiles, all
/// segments, opportunities, drivers, lifecycle, cohorts and every chart as SVG); /api/health measured the same way in
/// the same run, as the peer.
/// Options: --customers 100000 --connections 32 --seconds 10 --runs 3.
/// </summary>
internal static class ReportBench
{
    private const string Key = "bench-read-key";
    /// <summary>The full report: the page with the most sections and charts.</summary>
    private const string HeaviestPage = "/api/reports/kpis?format=html";

    public static async Task<int> RunAsync(string[] args)
    {
        int customers = Option(args, "--customers", 100_000), connections = Option(args, "--connections", 32);
        int seconds = Option(args, "--seconds", 10), runs = Option(args, "--runs", 3);
        await using var azurite = await CustomerValue.Testing.AzuriteProcess.StartAsync();
        var port = CustomerValue.Testing.AzuriteProcess.FreePort();
        const int buckets = 16;
        var app = PipelineHost.Build([], new Dictionary<string, string?>
        {
            [StorageSettings.ConnectionSetting] = azurite.ConnectionString,
            ["Host:Urls"] = $"http://127.0.0.1:{port}",
            ["Pipeline:CustomerBuckets"] = $"{buckets}",
            ["Api:ReadKeys"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key))),
            ["Logging:LogLevel:Default"] = "Warning",
        }, contentRoot: AppContext.BaseDirectory);
        await PipelineHost.StartAsync(app);
        try
        {
            var load = Stopwatch.StartNew();
            await SnapshotBench.LoadCustomersAsync(app.Services.GetRequiredService<CustomerTable>(), customers, buckets);
            var snapshot = await app.Services.GetRequiredService<KpiSnapshotService>().TakeAsync(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), default);
            Console.WriteLine($"data: {snapshot.Customers:N0} customers in the Customers table, loaded and snapshotted in {load.Elapsed.TotalSeconds:0.0} s");
            Console.WriteLine($"load: {connections} concurrent connections, {seconds} s per endpoint per run, {runs} runs, median shown");

            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
            { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            http.DefaultRequestHeaders.Add("x-functions-key", Key);
            var results = new Dictionary<string, List<Figures>> { ["/api/reports/kpis"] = [], [HeaviestPage] = [], ["/api/health"] = [] };
            foreach (var path in results.Keys) await DriveAsync(http, path, connections, TimeSpan.FromSeconds(2)); // warm-up: JIT, connection pool
            for (var run = 0; run < runs; run++)
                foreach (var path in results.Keys)
                    results[path].Add(await DriveAsync(http, path, connections, TimeSpan.FromSeconds(seconds)));

            Console.WriteLine();
            Console.WriteLine("| endpoint | p50 ms | p95 ms | p99 ms | requests/s | errors | runs (p95 ms) |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---|");
            foreach (var (path, list) in results)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {path} | {Median(list, f => f.P50):0.00} | {Median(list, f => f.P95):0.00} | {Median(list, f => f.P99):0.00} | {Median(list, f => f.Rps):0} | {list.Sum(f => f.Errors)} | {string.Join(" / ", list.Select(f => f.P95.ToString("0.00", CultureInfo.InvariantCulture)))} |"));
            var p95 = Median(results["/api/reports/kpis"], f => f.P95);
            Console.WriteLine();
            Console.WriteLine(p95 < 50 ? $"goal met: p95 {p95:0.00} ms < 50 ms" : $"goal MISSED: p95 {p95:0.00} ms >= 50 ms");
            var page = await http.GetStringAsync(HeaviestPage);
            Console.WriteLine($"{HeaviestPage}: {page.Length / 1024.0:0} KiB, {page.Split("<svg").Length - 1} charts, {page.Split("<tr").Length - 1} table rows");
            return 0;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private sealed record Figures(double P50, double P95, double P99, double Rps, int Errors);

    /// <summary>Closed loop: each connection sends its next request when the previous answer is read.</summary>
    private static async Task<Figures> DriveAsync(HttpClient http, string path, int connections, TimeSpan duration)
    {
        var latencies = new List<double>[connections];
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async i =>
        {
            var mine = latencies[i] = new List<double>(4096);
            while (clock.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead);
                await response.Content.ReadAsByteArrayAsync();
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (!response.IsSuccessStatusCode) Interlocked.Increment(ref errors);
            }
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Figures(Percentile(all, 0.50), Percentile(all, 0.95), Percentile(all, 0.99), all.Length / elapsed, errors);
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static double Median(List<Figures> runs, Func<Figures, double> figure)
    {
        var values = runs.Select(figure).Order().ToArray();
        return values.Length % 2 == 1 ? values[values.Length / 2] : (values[values.Length / 2 - 1] + values[values.Length / 2]) / 2;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
