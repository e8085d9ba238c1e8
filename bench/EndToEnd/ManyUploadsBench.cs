using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CustomerValue.Application.Messages;
using CustomerValue.Storage;
using CustomerValue.Storage.Customers;
using CustomerValue.Storage.Uploads;
using CustomerValue.Testing;

namespace CustomerValue.Bench.EndToEnd;

/// <summary>
/// A burst of small files through the real host process against Azurite:
/// `many-uploads [--files N] [--rows N] [--customers N] [--singles N] [--timeout-minutes N]`.
/// After three warm-up files, --singles files are written one at a time into the empty account (each followed to Completed, as `roi upload`
/// does); then --files files are written at once, as a backfill would arrive, with no message: the host finds them
/// itself. Reports the time until every upload is Completed, whether the Customers table holds exactly the files'
/// lines and money (lost 0, duplicated 0), and the latency of single uploads into the account holding the burst
/// beside the first ones: the cost of an upload must not grow with the uploads before it.
/// </summary>
internal static class ManyUploadsBench
{
    private const string Kind = "transactions";

    public static async Task<int> RunAsync(string[] args)
    {
        var files = Option(args, "--files", 1_000);
        var rows = Option(args, "--rows", 10);
        var customers = Option(args, "--customers", files * 5);
        var singles = Option(args, "--singles", 5);
        var timeout = TimeSpan.FromMinutes(Option(args, "--timeout-minutes", 20));
        const int buckets = 16;
        Console.WriteLine($"data: {files:N0} files of {rows} rows over {customers:N0} customers, {singles} single uploads before and after; "
            + $"{buckets} buckets; host build {HostProcess.BuildConfiguration}; load average at start {LoadAverage()}");

        await using var azurite = await AzuriteProcess.StartAsync();
        var storage = new StorageClients(azurite.ConnectionString);
        await storage.EnsureCreatedAsync(default);
        await using var host = new HostProcess($"many-uploads-{files}", new Dictionary<string, string>
        {
            [StorageSettings.ConnectionSetting] = azurite.ConnectionString,
            ["Pipeline:CustomerBuckets"] = buckets.ToString(CultureInfo.InvariantCulture),
            ["extensions:queues:maxPollingInterval"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await host.StartAsync(TimeSpan.FromSeconds(120));
        var ledger = new UploadLedger(storage, TimeProvider.System);
        var uploads = storage.Container(StorageNames.Containers.Uploads);
        var expected = new Dictionary<string, (int Lines, decimal Gross, decimal Refunds)>(StringComparer.Ordinal);

        // Warm-up (first calls, connection pools, JIT in the host), not counted: the figures compare history, not start-up.
        for (var i = 0; i < 3; i++) await SingleAsync(storage, ledger, expected, $"warm-up-{i}", rows, customers, seed: 3_000_000 + i);
        var before = new List<double>();
        for (var i = 0; i < singles; i++) before.Add(await SingleAsync(storage, ledger, expected, $"single-before-{i}", rows, customers, seed: 1_000_000 + i));

        var burst = Enumerable.Range(0, files).Select(i => (Name: $"{Kind}/burst-{i:D6}.csv", Body: Csv(rows, customers, seed: i))).ToList();
        foreach (var (_, body) in burst) Count(expected, body);
        var ids = new List<string>(files);
        foreach (var (_, body) in burst) ids.Add(await IdOf(body));

        var loadAtBurst = LoadAverage();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(burst, new ParallelOptions { MaxDegreeOfParallelism = 32 },
            async (f, ct) => await uploads.GetBlobClient(f.Name).UploadAsync(BinaryData.FromString(f.Body), overwrite: true, ct));
        var written = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"burst written in {written:0.0} s");

        // Polled by point reads in the order the files were written (the order discovery lists and queues them), stopping
        // at the hundredth upload not yet completed: a scan of the Uploads table every few seconds would load Azurite
        // (each page of a table scan walks the whole table there) more than the pipeline under test does.
        var pending = new List<string>(ids);
        var lastReport = TimeSpan.Zero;
        var loadDuring = new List<string>();
        while (pending.Count > 0)
        {
            if (clock.Elapsed > timeout) break;
            await Task.Delay(2000);
            var stillPending = new List<string>();
            foreach (var id in pending)
            {
                if (stillPending.Count >= 100) { stillPending.Add(id); continue; }
                var entry = await ledger.GetAsync(id, default);
                if (entry?.Status == UploadStatus.Failed) throw new InvalidOperationException($"upload {id} failed: {entry.Failure}");
                if (entry?.Status != UploadStatus.Completed) stillPending.Add(id);
            }
            pending = stillPending;
            if (clock.Elapsed - lastReport >= TimeSpan.FromSeconds(30))
            {
                lastReport = clock.Elapsed;
                loadDuring.Add(LoadAverage());
                Console.WriteLine($"  {clock.Elapsed.TotalSeconds,6:0} s: at least {files - pending.Count:N0} of {files:N0} completed; load {loadDuring[^1]}");
            }
        }
        var drained = clock.Elapsed.TotalSeconds;
        var loadAtDrain = LoadAverage();
        var completed = files - pending.Count;

        var after = new List<double>();
        for (var i = 0; i < singles; i++) after.Add(await SingleAsync(storage, ledger, expected, $"single-after-{i}", rows, customers, seed: 2_000_000 + i));

        var (lost, duplicated, moneyDiffers) = await CompareAsync(storage, expected, buckets);
        var first = Median(before);
        var last = Median(after);
        Console.WriteLine();
        Console.WriteLine($"| files × rows | written in | all Completed after | uploads/s | completed | lost rows | duplicated rows | money differs | 1st upload (before the burst, median of {singles}) | upload no. {files + 1:N0} (after it, median of {singles}) | after/before | load average at the burst's start, at its end |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        Console.WriteLine($"| {files:N0} × {rows} | {written:0.0} s | {(pending.Count == 0 ? $"{drained:0.0} s" : $"not within {timeout.TotalMinutes:0} min")} | {completed / drained:0.0} | "
            + $"{completed:N0} | {lost} | {duplicated} | {moneyDiffers} customers | {first:0.00} s | {last:0.00} s | {last / first:0.00} | {loadAtBurst}; {loadAtDrain} |");
        Console.WriteLine($"load average during the burst: {string.Join("; ", loadDuring)}; at the end {LoadAverage()}");
        return pending.Count == 0 && lost == 0 && duplicated == 0 && moneyDiffers == 0 ? 0 : 1;
    }

    /// <summary>One file written and ingested at once (as `roi upload` asks), followed to Completed; returns the seconds it took.</summary>
    private static async Task<double> SingleAsync(StorageClients storage, UploadLedger ledger, Dictionary<string, (int, decimal, decimal)> expected,
        string name, int rows, int customers, int seed)
    {
        var body = Csv(rows, customers, seed);
        Count(expected, body);
        var id = await IdOf(body);
        var path = $"{Kind}/{name}.csv";
        var clock = Stopwatch.StartNew();
        await storage.Container(StorageNames.Containers.Uploads).GetBlobClient(path).UploadAsync(BinaryData.FromString(body), overwrite: true);
        await storage.Queue(StorageNames.Queues.Ingest).SendMessageAsync(JsonSerializer.Serialize(new IngestWorkItem(path)));
        while ((await ledger.GetAsync(id, default))?.Status != UploadStatus.Completed)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException($"{path} not completed in 5 minutes");
            await Task.Delay(50);
        }
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>Lines not counted and lines counted twice, customer by customer, and customers whose money differs by any amount.</summary>
    private static async Task<(long Lost, long Duplicated, int MoneyDiffers)> CompareAsync(StorageClients storage, Dictionary<string, (int Lines, decimal Gross, decimal Refunds)> expected, int buckets)
    {
        var table = new CustomerTable(storage);
        var counted = new Dictionary<string, CustomerValue.Metrics.CustomerPurchaseSummary>(StringComparer.Ordinal);
        for (var b = 0; b < buckets; b++)
            await foreach (var s in table.ReadBucketAsync(b, default)) counted[s.CustomerId] = s;
        long lost = 0, duplicated = 0;
        var moneyDiffers = 0;
        foreach (var id in expected.Keys.Union(counted.Keys))
        {
            var want = expected.GetValueOrDefault(id);
            var got = counted.GetValueOrDefault(id);
            var lines = got?.Lines ?? 0;
            if (lines < want.Lines) lost += want.Lines - lines;
            if (lines > want.Lines) duplicated += lines - want.Lines;
            if ((got?.GrossRevenue ?? 0m) != want.Gross || (got?.Refunds ?? 0m) != want.Refunds) moneyDiffers++;
        }
        return (lost, duplicated, moneyDiffers);
    }

    private static string Csv(int rows, int customers, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("customer_id,date,amount\n");
        for (var r = 0; r < rows; r++)
        {
            var amount = random.Next(20) == 0 ? -random.Next(100, 3000) / 100m : random.Next(100, 40_000) / 100m;
            text.Append(CultureInfo.InvariantCulture, $"C{random.Next(customers):D7},{new DateOnly(2024, 1, 1).AddDays(random.Next(365)):yyyy-MM-dd},{amount}\n");
        }
        return text.ToString();
    }

    private static void Count(Dictionary<string, (int Lines, decimal Gross, decimal Refunds)> expected, string csv)
    {
        foreach (var line in csv.Split('\n').Skip(1).Where(l => l.Length > 0))
        {
            var parts = line.Split(',');
            var amount = decimal.Parse(parts[2], CultureInfo.InvariantCulture);
            var (lines, gross, refunds) = expected.GetValueOrDefault(parts[0]);
            expected[parts[0]] = (lines + 1, gross + Math.Max(0m, amount), refunds + Math.Max(0m, -amount));
        }
    }

    private static async Task<string> IdOf(string body)
    {
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(body));
        return await UploadIds.FromContentAsync(Kind, content, default);
    }

    private static double Median(List<double> values) => values.Count == 0 ? double.NaN : values.Order().ElementAt(values.Count / 2);

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static int Option(string[] args, string name, int fallback) =>
        args.SkipWhile(a => a != name).Skip(1).Select(v => int.Parse(v, CultureInfo.InvariantCulture)).FirstOrDefault(fallback);
}
