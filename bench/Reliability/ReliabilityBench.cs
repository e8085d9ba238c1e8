using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using CustomerValue.Storage;
using CustomerValue.Application;
using CustomerValue.Application.Settings;
using CustomerValue.Storage.Reliability;
using CustomerValue.Application.Reconciliation;
using CustomerValue.Storage.Uploads;
using CustomerValue.Testing;

namespace CustomerValue.Bench.Reliability;

/// <summary>
/// The reliability suite: real host processes against one real Azurite, killed with SIGKILL, scaled out to three,
/// or fed storage faults; then every accepted row is checked to be counted exactly once.
/// `reliability` is the short form (CI); `reliability --long` is the full one.
/// </summary>
internal static class ReliabilityBench
{
    private sealed record Outcome(string Scenario, int Instances, string Disruption, long RowsIn, long RowsCounted,
        long Lost, long Duplicated, int Poisoned, TimeSpan TimeToRecover, string Note, bool Failed = false, string KillsInFlight = "-")
    {
        public bool Ok => !Failed && Lost == 0 && Duplicated == 0 && RowsIn == RowsCounted;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var longForm = args.Contains("--long");
        var seed = args.SkipWhile(a => a != "--seed").Skip(1).Select(int.Parse).FirstOrDefault(20261123);
        var only = args.SkipWhile(a => a != "--scenario").Skip(1).FirstOrDefault();
        var scenarios = new (string Name, Func<Task<Outcome>> Run)[]
        {
            ("crash", () => CrashAsync(rows: longForm ? 200_000 : 50_000, kills: longForm ? 10 : 3, seed)),
            ("scale-out", () => ScaleOutAsync(rows: longForm ? 100_000 : 20_000, seed)),
            ("faults-10", () => FaultsAsync(rows: longForm ? 100_000 : 20_000, rate: 0.10, seed)),
            ("faults-50", () => FaultsAsync(rows: longForm ? 100_000 : 20_000, rate: 0.50, seed)),
        };
        var outcomes = new List<Outcome>();
        foreach (var (name, run) in scenarios.Where(s => only is null || s.Name == only))
            outcomes.Add(await run());
        Console.WriteLine();
        Console.WriteLine($"seed {seed}, {(longForm ? "long" : "short")} form");
        Console.WriteLine("| scenario | instances | kills or fault rate | kills that interrupted work | rows in | rows counted | lost | duplicated | poisoned | time to recover | note |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var o in outcomes)
            Console.WriteLine($"| {o.Scenario} | {o.Instances} | {o.Disruption} | {o.KillsInFlight} | {o.RowsIn} | {o.RowsCounted} | {o.Lost} | {o.Duplicated} | {o.Poisoned} | {o.TimeToRecover.TotalSeconds:0.0} s | {o.Note} |");
        var failed = outcomes.Count(o => !o.Ok);
        Console.WriteLine(failed == 0 ? "reliability: every scenario counted every row exactly once" : $"reliability: {failed} scenario(s) lost or duplicated rows");
        return failed == 0 ? 0 : 1;
    }

    private static Dictionary<string, string> HostSettings(AzuriteProcess azurite, string kpiSchedule = "0 0 2 * * *") => new()
    {
        [StorageSettings.ConnectionSetting] = azurite.ConnectionString,
        ["Pipeline:CustomerBuckets"] = "16",
        ["extensions:queues:visibilityTimeout"] = "00:00:02",
        ["extensions:queues:maxPollingInterval"] = "00:00:01",
        ["Reconciliation:Schedule"] = "*/2 * * * * *",
        ["Reconciliation:MinAge"] = "00:00:05",
        ["Reconciliation:StallAfter"] = "00:00:15",
        ["Discovery:Schedule"] = "*/2 * * * * *",
        ["Snapshots:KpiSchedule"] = kpiSchedule,
    };

    private static async Task<Outcome> CrashAsync(int rows, int kills, int seed)
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        var storage = new StorageClients(azurite.ConnectionString);
        await storage.EnsureCreatedAsync(default);
        await using var host = new HostProcess("crash-1", HostSettings(azurite));
        await host.StartAsync(TimeSpan.FromSeconds(60));
        // One part per kill and one after: each restart gets fresh work, so every kill can land while work is in flight.
        var parts = Enumerable.Range(0, kills + 1)
            .Select(i => TransactionsFile.Generate(rows / (kills + 1), customers: rows / 10, seed + i)).ToList();
        var random = new Random(seed);
        var interrupted = 0;
        for (var k = 0; k < kills; k++)
        {
            await parts[k].UploadAsync(storage, $"crash-{k}.csv");
            // Wait until the host is seen working (an upload being read or aggregated, or messages queued), then kill it
            // a moment later, and count the kill as interrupting work only if work is still in flight at that moment.
            var inFlight = await WaitForWorkInFlightAsync(storage, parts[k], TimeSpan.FromSeconds(60));
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(200, 1_500)));
            inFlight = inFlight && await WorkInFlightAsync(storage, parts[k]);
            host.Kill();
            if (inFlight) interrupted++;
            Console.WriteLine($"crash: killed the host ({k + 1}/{kills}) {(inFlight ? "while work was in flight" : "while it was idle")}, restarting");
            await host.StartAsync(TimeSpan.FromSeconds(60));
        }
        await parts[kills].UploadAsync(storage, $"crash-{kills}.csv");
        var file = TransactionsFile.Merge(parts);
        var recoveredAfter = await WaitSettledAsync(storage, file, TimeSpan.FromMinutes(10));
        var outcome = await OutcomeAsync(storage, file, "crash (SIGKILL)", 1, $"{kills} kills", recoveredAfter, $"{parts.Count} uploads, one written before each kill and one after");
        return outcome with { KillsInFlight = $"{interrupted} of {kills}" };
    }

    /// <summary>Work is in flight when one of the part's uploads is being read or aggregated, or ingest or metrics messages wait.</summary>
    private static async Task<bool> WorkInFlightAsync(StorageClients storage, TransactionsFile part)
    {
        var ledger = new UploadLedger(storage, TimeProvider.System);
        foreach (var id in part.AllUploadIds)
            if ((await ledger.GetAsync(id, default))?.Status is UploadStatus.Processing or UploadStatus.Aggregating) return true;
        foreach (var queue in new[] { StorageNames.Queues.Ingest, StorageNames.Queues.Metrics })
            if ((await storage.Queue(queue).GetPropertiesAsync()).Value.ApproximateMessagesCount > 0) return true;
        return false;
    }

    private static async Task<bool> WaitForWorkInFlightAsync(StorageClients storage, TransactionsFile part, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await WorkInFlightAsync(storage, part)) return true;
            await Task.Delay(100);
        }
        return false;
    }

    private static async Task<Outcome> ScaleOutAsync(int rows, int seed)
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        var storage = new StorageClients(azurite.ConnectionString);
        await storage.EnsureCreatedAsync(default);
        var hosts = Enumerable.Range(1, 3).Select(i => new HostProcess($"scale-{i}", HostSettings(azurite, kpiSchedule: "*/2 * * * * *"))).ToList();
        try
        {
            await Task.WhenAll(hosts.Select(h => h.StartAsync(TimeSpan.FromSeconds(90))));
            var files = Enumerable.Range(0, 3).Select(i => TransactionsFile.Generate(rows / 3, customers: rows / 30, seed + i, prefix: $"F{i}-")).ToList();
            for (var i = 0; i < files.Count; i++) await files[i].UploadAsync(storage, $"scale-{i}.csv");

            // Let the timer run, then kill whichever instance ran its latest occurrence: another must take over.
            var runs = new TimerRunLog(storage, TimeProvider.System);
            await Task.Delay(TimeSpan.FromSeconds(10));
            var before = await runs.ListAsync("KpiSnapshotFunction", default);
            var holder = before.OrderBy(r => r.Occurrence).LastOrDefault().Instance;
            var killedAt = DateTimeOffset.UtcNow;
            hosts.FirstOrDefault(h => h.Name == holder)?.Kill();
            Console.WriteLine($"scale-out: killed {holder ?? "no instance (no timer run yet)"}, the timer lock holder");

            // Another instance must take the timer over once the dead holder's lease lapses (host.json "singleton").
            var takeoverClock = Stopwatch.StartNew();
            IReadOnlyList<(DateTimeOffset Occurrence, string Instance)> after = [];
            while (takeoverClock.Elapsed < TimeSpan.FromSeconds(120))
            {
                after = await runs.ListAsync("KpiSnapshotFunction", default);
                if (after.Any(r => r.Occurrence > killedAt && r.Instance != holder)) break;
                await Task.Delay(1000);
            }
            var takeoverSeconds = takeoverClock.Elapsed.TotalSeconds;

            var merged = TransactionsFile.Merge(files);
            var recoveredAfter = await WaitSettledAsync(storage, merged, TimeSpan.FromMinutes(10));
            after = await runs.ListAsync("KpiSnapshotFunction", default);
            var doubleRuns = after.GroupBy(r => r.Occurrence).Count(g => g.Count() > 1);
            var takeover = after.Where(r => r.Occurrence > killedAt).Select(r => r.Instance).Distinct().Where(i => i != holder).ToList();
            var failed = doubleRuns > 0 || takeover.Count == 0;
            var note = $"timer: {after.Select(r => r.Occurrence).Distinct().Count()} occurrences, {doubleRuns} run twice; " +
                       (takeover.Count == 0 ? "NO instance took over after the kill (FAILED)" : $"taken over by {string.Join("+", takeover)} {takeoverSeconds:0} s after the kill");
            var outcome = await OutcomeAsync(storage, merged, "scale-out + lock holder killed", 3, "1 kill", recoveredAfter, note);
            return outcome with { Failed = failed, TimeToRecover = TimeSpan.FromSeconds(takeoverSeconds) };
        }
        finally
        {
            foreach (var h in hosts) await h.DisposeAsync();
        }
    }

    private static async Task<Outcome> FaultsAsync(int rows, double rate, int seed)
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        var storage = new StorageClients(azurite.ConnectionString);
        await storage.EnsureCreatedAsync(default);
        var settings = HostSettings(azurite);
        settings["Storage:FaultInjection:Rate"] = rate.ToString(CultureInfo.InvariantCulture);
        settings["Storage:FaultInjection:Duration"] = "00:00:30";
        settings["Storage:FaultInjection:Seed"] = seed.ToString(CultureInfo.InvariantCulture);
        await using var host = new HostProcess($"faults-{rate:0%}", settings);
        await host.StartAsync(TimeSpan.FromSeconds(90));
        var file = TransactionsFile.Generate(rows, customers: rows / 10, seed);
        var uploaded = Stopwatch.StartNew();
        await file.UploadAsync(storage, "faults.csv");
        var recoveredAfter = await WaitSettledAsync(storage, file, TimeSpan.FromMinutes(10));
        using var http = new HttpClient();
        var health = await http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{host.Port}/api/health");
        var injected = health.TryGetProperty("faultsInjected", out var f) ? f.GetInt64() : 0;
        return await OutcomeAsync(storage, file, "storage faults (503 + timeouts)", 1, $"{rate:0%} for 30 s", uploaded.Elapsed,
            $"{injected} faults injected into the host's storage calls; upload to results {uploaded.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>Polls until the ledger says Completed and every customer's line count matches; returns how long it took.</summary>
    private static async Task<TimeSpan> WaitSettledAsync(StorageClients storage, TransactionsFile file, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var ledger = new UploadLedger(storage, TimeProvider.System);
        while (clock.Elapsed < timeout)
        {
            var completed = true;
            foreach (var id in file.AllUploadIds) completed &= (await ledger.GetAsync(id, default))?.Status == UploadStatus.Completed;
            if (completed)
            {
                var counted = await CountedLinesAsync(storage);
                if (Compare(file, counted) is (0, 0)) return clock.Elapsed;
            }
            await Task.Delay(1000);
        }
        Console.WriteLine($"reliability: not settled after {timeout.TotalSeconds:0} s");
        return clock.Elapsed;
    }

    private static async Task<Outcome> OutcomeAsync(StorageClients storage, TransactionsFile file, string scenario, int instances,
        string disruption, TimeSpan recovered, string note)
    {
        var counted = await CountedLinesAsync(storage);
        var (lost, duplicated) = Compare(file, counted);
        var poisoned = (await new FailureLedger(storage, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<FailureLedger>.Instance)
            .ListAsync(FailureStatus.Poisoned, default)).Count;
        var outcome = new Outcome(scenario, instances, disruption, file.Lines.Values.Sum(), counted.Values.Sum(), lost, duplicated, poisoned, recovered, note);
        Console.WriteLine($"{scenario}: rows in {outcome.RowsIn}, counted {outcome.RowsCounted}, lost {lost}, duplicated {duplicated}, poisoned {poisoned}");
        return outcome;
    }

    private static (long Lost, long Duplicated) Compare(TransactionsFile file, IReadOnlyDictionary<string, long> counted)
    {
        long lost = 0, duplicated = 0;
        foreach (var (customer, expected) in file.Lines)
        {
            var got = counted.GetValueOrDefault(customer);
            if (got < expected) lost += expected - got; else duplicated += got - expected;
        }
        duplicated += counted.Where(c => !file.Lines.ContainsKey(c.Key)).Sum(c => c.Value);
        return (lost, duplicated);
    }

    private static async Task<Dictionary<string, long>> CountedLinesAsync(StorageClients storage)
    {
        var counted = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var e in storage.Table(StorageNames.Tables.Customers).QueryAsync<TableEntity>(select: ["CustomerId", "Lines"]))
            if (e.GetString("CustomerId") is { } customer) // the bucket's upload markers have none
                counted[customer] = e.GetInt32("Lines") ?? 0;
        return counted;
    }

    /// <summary>A generated transactions file and, computed while writing it, the lines each customer must end with.</summary>
    private sealed class TransactionsFile
    {
        public required Dictionary<string, long> Lines { get; init; }
        public required List<(string Content, string UploadId)> Parts { get; init; }
        public IEnumerable<string> AllUploadIds => Parts.Select(p => p.UploadId);

        public static TransactionsFile Generate(int rows, int customers, int seed, string prefix = "C")
        {
            var random = new Random(seed);
            var lines = new Dictionary<string, long>(StringComparer.Ordinal);
            var csv = new StringBuilder(rows * 32).Append("customer_id,date,amount\n");
            var start = new DateOnly(2024, 1, 1);
            for (var i = 0; i < rows; i++)
            {
                var customer = $"{prefix}{random.Next(Math.Max(1, customers)):D6}";
                var amount = i % 23 == 0 ? -random.Next(1, 2000) / 100m : random.Next(100, 50_000) / 100m;
                csv.Append(customer).Append(',').Append(start.AddDays(random.Next(700)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                    .Append(',').Append(amount.ToString(CultureInfo.InvariantCulture)).Append('\n');
                lines[customer] = lines.GetValueOrDefault(customer) + 1;
            }
            var content = csv.ToString();
            return new TransactionsFile { Lines = lines, Parts = [(content, UploadIdOf(content))] };
        }

        public static TransactionsFile Merge(IEnumerable<TransactionsFile> files)
        {
            var list = files.ToList();
            var lines = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var (k, v) in list.SelectMany(f => f.Lines)) lines[k] = lines.GetValueOrDefault(k) + v;
            return new TransactionsFile { Lines = lines, Parts = list.SelectMany(f => f.Parts).ToList() };
        }

        public async Task UploadAsync(StorageClients storage, string name)
        {
            var blob = storage.Container(StorageNames.Containers.Uploads).GetBlobClient($"transactions/{name}");
            await blob.UploadAsync(BinaryData.FromString(Parts.Single().Content), overwrite: true);
        }

        private static string UploadIdOf(string content)
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));
            return UploadIds.FromContentAsync("transactions", stream, default).GetAwaiter().GetResult();
        }
    }
}
