using System.Diagnostics;
using System.Globalization;
using CustomerValue.Segments;

namespace CustomerValue.Bench;

/// <summary>
/// `segments [--customers N] [--runs R] [--seed S] [--streamed]`: the full segment analysis (fit, per-segment KPIs
/// over every dimension, opportunities, key drivers) over a seeded synthetic population held in memory, or with
/// --streamed regenerated on each of the two passes, as a re-read from storage would, so that the peak memory is
/// the analysis's own (times then include generating the customers twice).
/// </summary>
internal static class SegmentBench
{
    private static readonly DateOnly AsOf = new(2025, 6, 30);
    private static readonly string[] Plans = ["free", "basic", "plus", "pro"];
    private static readonly string[] Channels = ["organic", "paid_search", "social", "referral", "email", "partner"];
    private static readonly string[] Contracts = ["month-to-month", "one year", "two year"];
    private static readonly string[] Occupations = ["engineer", "teacher", "nurse", "sales", "student", "manager", "designer", "retired", "clerk", "driver", "lawyer", "chef"];
    private static readonly string[] Topics = ["price", "support", "delivery", "app", "quality", "billing", "onboarding", "speed"];

    public static Task<int> RunAsync(string[] args)
    {
        var customers = IntOption(args, "--customers", 1_000_000);
        var runs = IntOption(args, "--runs", 3);
        var seed = IntOption(args, "--seed", 42);
        var streamed = args.Contains("--streamed");

        var generate = Stopwatch.StartNew();
        IEnumerable<CustomerView> population = streamed ? Stream(customers, seed) : Generate(customers, seed);
        generate.Stop();
        var heapWithInput = GC.GetTotalMemory(forceFullCollection: true);
        var peakBefore = Process.GetCurrentProcess().PeakWorkingSet64;

        var times = new List<double>();
        var fits = new List<double>();
        var aggregations = new List<double>();
        var allocated = new List<long>();
        SegmentAnalysisResult? result = null;
        for (var run = 0; run < runs; run++)
        {
            GC.Collect();
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            result = SegmentAnalysis.Run(population, AsOf);
            watch.Stop();
            allocated.Add(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore);
            times.Add(watch.Elapsed.TotalSeconds);

            // The two passes on their own, to see where the time goes.
            var part = Stopwatch.StartNew();
            var model = SegmentModel.Fit(population, AsOf);
            fits.Add(part.Elapsed.TotalSeconds);
            part.Restart();
            new SegmentAggregator(model).AddRange(population);
            aggregations.Add(part.Elapsed.TotalSeconds);
        }
        var peakAfter = Process.GetCurrentProcess().PeakWorkingSet64;
        var sorted = times.Order().ToList();

        Console.WriteLine();
        Console.WriteLine($"| figure | value |");
        Console.WriteLine($"|---|---|");
        Console.WriteLine($"| customers (seed {seed}) | {customers:N0} {(streamed ? "streamed, generated on each pass" : "held in memory")} |");
        Console.WriteLine($"| dimensions / segments / opportunities / key drivers | {SegmentDimensions.All.Count} / {result!.Segments.Count} / {result.Opportunities.Count} / {result.KeyDrivers.Count} |");
        if (!streamed) Console.WriteLine($"| generation of the input | {generate.Elapsed.TotalSeconds:F2} s |");
        Console.WriteLine($"| segment analysis, median of {runs} | {sorted[sorted.Count / 2]:F2} s (min {sorted[0]:F2}, max {sorted[^1]:F2}) |");
        Console.WriteLine($"| of which: pass 1, fit cut points (median) | {Median(fits):F2} s |");
        Console.WriteLine($"| of which: pass 2, aggregate 12 segments per customer (median) | {Median(aggregations):F2} s |");
        Console.WriteLine($"| throughput (median) | {customers / sorted[sorted.Count / 2]:N0} customers/s |");
        Console.WriteLine($"| allocated per run (median) | {Mib(allocated.Order().ElementAt(allocated.Count / 2))} |");
        Console.WriteLine($"| managed heap before the runs (input included when held) | {Mib(heapWithInput)} |");
        Console.WriteLine($"| peak working set before / after the runs | {Mib(peakBefore)} / {Mib(peakAfter)} |");
        Console.WriteLine();
        Console.WriteLine("Top opportunities:");
        Console.WriteLine("| rank | segment | customers | revenue at risk | churn | overall churn |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var o in result.Opportunities.Take(5))
            Console.WriteLine($"| {o.Rank} | {o.Segment} | {o.Customers:N0} | {o.RevenueAtRisk:N0} | {o.ChurnRate:P1} | {o.OverallChurnRate:P1} |");
        return Task.FromResult(0);
    }

    internal static List<CustomerView> Generate(int count, int seed) => [.. Stream(count, seed)];

    /// <summary>A population with the spread of a subscription business: skewed revenue, partial survey coverage, a few topics.</summary>
    internal static IEnumerable<CustomerView> Stream(int count, int seed)
    {
        var random = new Random(seed);
        var countries = Enumerable.Range(0, 20).Select(i => $"C{i:D2}").ToArray();
        var regions = Enumerable.Range(0, 50).Select(i => $"R{i:D2}").ToArray();
        for (var i = 0; i < count; i++)
        {
            var planIndex = random.Next(Plans.Length);
            var purchaseDays = (int)Math.Floor(-Math.Log(1 - random.NextDouble()) * (2 + planIndex * 2));
            var orders = purchaseDays + random.Next(0, purchaseDays + 1);
            var revenue = orders == 0 ? 0m : Math.Round((decimal)(orders * 20 * Math.Exp(random.NextDouble() * 1.5)), 2);
            var pAlive = random.NextDouble();
            var hasFeedback = random.Next(10) < 3;
            var aspectCount = hasFeedback ? random.Next(0, 3) : 0;
            var aspects = aspectCount == 0 ? [] : new AspectMention[aspectCount];
            for (var a = 0; a < aspectCount; a++)
                aspects[a] = new AspectMention(Topics[random.Next(Topics.Length)], random.NextDouble() * 2 - 1);
            yield return new CustomerView
            {
                CustomerId = i.ToString("D7", CultureInfo.InvariantCulture),
                SignupDate = AsOf.AddDays(-random.Next(1, 1500)),
                Plan = Plans[planIndex],
                AcquisitionChannel = Channels[random.Next(Channels.Length)],
                ContractType = Contracts[random.Next(Contracts.Length)],
                Occupation = random.Next(5) == 0 ? null : Occupations[random.Next(Occupations.Length)],
                AgeYears = random.Next(10) == 0 ? null : random.Next(16, 85),
                Country = countries[random.Next(countries.Length)],
                Region = regions[random.Next(regions.Length)],
                Orders = orders,
                PurchaseDays = purchaseDays,
                Revenue = revenue,
                AverageTransactionSize = orders == 0 ? 0m : Math.Round(revenue / orders, 2),
                LastPurchase = purchaseDays == 0 ? null : AsOf.AddDays(-random.Next(0, 720)),
                Cost = random.Next(10) == 0 ? null : Math.Round((decimal)(random.NextDouble() * 150), 2),
                SupportCost = Math.Round((decimal)(random.NextDouble() * 30), 2),
                HistoricalClv = revenue,
                PredictedClv = Math.Round((decimal)(pAlive * (planIndex + 1) * 80 * random.NextDouble()), 2),
                ProbabilityAlive = pAlive,
                Churned = random.NextDouble() > pAlive * 1.2,
                NpsScore = random.Next(4) == 0 ? Math.Min(10, (int)(pAlive * 11)) : null,
                Csat = random.Next(5) == 0 ? 1 + random.Next(5) : null,
                SentimentCompound = hasFeedback ? random.NextDouble() * 2 - 1 : null,
                Aspects = aspects,
            };
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string Mib(long bytes) => $"{bytes / (1024.0 * 1024.0):N0} MiB";

    private static int IntOption(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
