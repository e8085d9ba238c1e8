using System.Diagnostics;
using System.Globalization;
using System.Text;
using CsvHelper;
using CustomerValue.Ingestion;

namespace CustomerValue.Bench;

/// <summary>
/// `ingest`: parse-and-validate throughput of the upload reader on a generated transactions CSV, against a plain
/// CsvHelper read of the same file (every field read as a string, nothing validated) in the same process.
/// Options: --rows N (default 1,000,000), --runs K (default 3), --customers C (default 100,000).
/// </summary>
internal static class IngestBench
{
    public static Task<int> RunAsync(string[] args)
    {
        var rows = Option(args, "--rows", 1_000_000);
        var runs = Math.Max(3, Option(args, "--runs", 3));
        var customers = Option(args, "--customers", 100_000);
        PinToOneCore();

        var path = Path.Combine(Path.GetTempPath(), $"ingest-bench-{rows}.csv");
        try
        {
            var generate = Stopwatch.StartNew();
            var (refunds, bytes) = Generate(path, rows, customers, seed: 20240601);
            generate.Stop();
            Console.WriteLine($"data: {rows:N0} transaction rows, {customers:N0} customers, {refunds:N0} refunds, {bytes / (1024.0 * 1024):N1} MB CSV (seed 20240601), generated in {generate.Elapsed.TotalSeconds:N1} s");

            var ours = Measure(runs, () => ReadWithValidation(path, rows));
            var oursPeak = Process.GetCurrentProcess().PeakWorkingSet64;
            var peer = Measure(runs, () => ReadPlainCsvHelper(path, rows));
            var afterPeer = Process.GetCurrentProcess().PeakWorkingSet64;

            Console.WriteLine();
            Console.WriteLine("| reader | rows | median s | rows/s (median) | runs (s) | process peak working set |");
            Console.WriteLine("|---|---:|---:|---:|---|---:|");
            Console.WriteLine(Row("UploadReader (sniff, sample, parse, validate)", rows, ours, oursPeak));
            Console.WriteLine(Row("plain CsvHelper, strings only (peer)", rows, peer, afterPeer));
            Console.WriteLine();
            Console.WriteLine($"validation costs {Median(ours) / Median(peer):N2}x the peer's time; end to end (generate + one validated read): {generate.Elapsed.TotalSeconds + Median(ours):N1} s");
            return Task.FromResult(0);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static double ReadWithValidation(string path, int expectedRows)
    {
        var watch = Stopwatch.StartNew();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reading = UploadReader.Open(stream, "uploads/transactions/bench.csv", null, null, IngestionLimits.Default);
        long accepted = 0, rejected = 0;
        foreach (var row in reading.Transactions())
            if (row.IsAccepted) accepted++; else rejected++;
        watch.Stop();
        if (accepted + rejected != expectedRows || rejected != 0)
            throw new InvalidOperationException($"expected {expectedRows} accepted rows, got {accepted} accepted and {rejected} rejected.");
        return watch.Elapsed.TotalSeconds;
    }

    private static double ReadPlainCsvHelper(string path, int expectedRows)
    {
        var watch = Stopwatch.StartNew();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = CsvReader.Create(stream, new CsvReaderOptions { HasHeader = true, Separator = ',' }, leaveOpen: false);
        long count = 0, chars = 0;
        while (reader.Read())
        {
            count++;
            for (var i = 0; i < reader.FieldCount; i++) chars += reader.GetString(i).Length;
        }
        watch.Stop();
        if (count != expectedRows || chars == 0) throw new InvalidOperationException($"peer read {count} rows, expected {expectedRows}.");
        return watch.Elapsed.TotalSeconds;
    }

    private static (int Refunds, long Bytes) Generate(string path, int rows, int customers, int seed)
    {
        var random = new Random(seed);
        string[] categories = ["books", "music", "video", "games", "software"];
        var refunds = 0;
        var start = new DateOnly(2023, 1, 1);
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16))
        {
            writer.Write("order_id,customer_id,date,amount,quantity,product,category,type\n");
            for (var i = 0; i < rows; i++)
            {
                var refund = random.NextDouble() < 0.01;
                if (refund) refunds++;
                var amount = Math.Round((decimal)(random.NextDouble() * 200 + 1), 2);
                var date = start.AddDays(random.Next(730));
                writer.Write(string.Create(CultureInfo.InvariantCulture,
                    $"o{i},C{random.Next(customers):D6},{date:yyyy-MM-dd},{(refund ? -amount : amount)},{random.Next(1, 5)},P{random.Next(5000)},{categories[random.Next(categories.Length)]},{(refund ? "refund" : "sale")}\n"));
            }
        }
        return (refunds, new FileInfo(path).Length);
    }

    private static List<double> Measure(int runs, Func<double> run)
    {
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            times.Add(run());
        }
        return times;
    }

    private static double Median(List<double> times)
    {
        var sorted = times.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Row(string name, int rows, List<double> times, long peak) =>
        $"| {name} | {rows:N0} | {Median(times):N2} | {rows / Median(times):N0} | {string.Join(", ", times.Select(t => t.ToString("N2", CultureInfo.InvariantCulture)))} | {peak / (1024.0 * 1024):N0} MB |";

    /// <summary>One core, as the figure is meant per core; where affinity cannot be set the run says so.</summary>
    private static void PinToOneCore()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsWindows())
        {
            Console.WriteLine("could not pin to one core (no processor affinity on this system); figures are for an unpinned process");
            return;
        }
        try
        {
            Process.GetCurrentProcess().ProcessorAffinity = 1;
            Console.WriteLine("pinned to one core (processor affinity 0x1)");
        }
        catch (Exception ex) when (ex is PlatformNotSupportedException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            Console.WriteLine($"could not pin to one core ({ex.Message}); figures are for an unpinned process");
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) ? value : fallback;
    }
}
