using System.Diagnostics;
using System.Globalization;
using CustomerValue.Ingestion;
using CustomerValue.Metrics;
using CustomerValue.Testing;
using CustomerValue.Value;

namespace CustomerValue.Bench;

/// <summary>
/// `clv-choice`: the repeat-purchase model choice of a snapshot (every candidate fitted on the first half of the history
/// and judged on the second) on CDNOW's 2,357-customer sample (tests/data/cdnow), at days across its range. Early days
/// are where Pareto/NBD's parameters run off and its 2F1 series needs millions of terms. Median of the runs per day.
/// Options: --runs N (default 5), --days 1997-02-15,1997-09-30,...
/// </summary>
internal static class ClvChoiceBench
{
    public static Task<int> RunAsync(string[] args)
    {
        var runs = 5;
        string[] days = ["1997-02-15", "1997-03-31", "1997-06-30", "1997-09-30", "1998-01-01", "1998-06-30"];
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (args[i] == "--runs") runs = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            else if (args[i] == "--days") days = args[i + 1].Split(',');
        }
        var purchases = LoadCdnow(Path.Combine(RepoPaths.Root, "tests", "data", "cdnow", "CDNOW_sample.txt"));
        Console.WriteLine($"CDNOW sample: {purchases.Count:N0} customers; median of {runs} runs per day");
        Console.WriteLine();
        Console.WriteLine("| snapshot day | choose the model s (median) | slowest run s | chosen | Pareto/NBD on the holdout |");
        Console.WriteLine("|---|---:|---:|---|---|");
        foreach (var text in days)
        {
            var day = DateOnly.Parse(text, CultureInfo.InvariantCulture);
            var times = new List<double>();
            ClvModelDecision? decision = null;
            for (var run = 0; run < runs; run++)
            {
                var clock = Stopwatch.StartNew();
                decision = ClvModelChooser.Decide(purchases, day, new ValueOptions());
                times.Add(clock.Elapsed.TotalSeconds);
            }
            var pareto = decision!.Statement.Contains("paretonbd not fitted", StringComparison.Ordinal) ? "not fitted"
                : decision.Statement.Contains("paretonbd: mean absolute error", StringComparison.Ordinal) ? "fitted and judged" : "-";
            times.Sort();
            Console.WriteLine(FormattableString.Invariant($"| {day:yyyy-MM-dd} | {times[times.Count / 2]:F2} | {times[^1]:F2} | {decision.Name} | {pareto} |"));
        }
        return Task.FromResult(0);
    }

    /// <summary>The sample read as an upload is: the product's transactions reader, folded per customer.</summary>
    private static List<CustomerPurchaseSummary> LoadCdnow(string path)
    {
        using var file = File.OpenRead(path);
        var customers = new CustomerPurchaseAggregator();
        foreach (var row in TransactionFileReader.Read(file, Path.GetFileName(path)))
        {
            if (!row.IsAccepted) throw new InvalidDataException($"{path}: line {row.Line}: {row.Rejection}");
            customers.Add(row.Value!);
        }
        return [.. customers.Summaries];
    }
}
