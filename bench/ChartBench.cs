using System.Diagnostics;
using System.Globalization;
using CustomerValue.Reports;

namespace CustomerValue.Bench;

/// <summary>
/// `charts`: time to draw one chart of each kind to inline SVG (the HTML report) and to PNG (the email), at report
/// sizes: a trend of 52 weekly snapshots, 11 RFM segments as bars and as stacked bars, a 12 x 12 cohort heat map, 11
/// scatter points. Options: --renders 20 --runs 5. Prints the median over runs of the mean time per render.
/// </summary>
internal static class ChartBench
{
    public static Task<int> RunAsync(string[] args)
    {
        int renders = Option(args, "--renders", 20), runs = Option(args, "--runs", 5);
        var random = new Random(15);
        var start = new DateOnly(2025, 12, 1);
        string[] segments = [.. Enumerable.Range(1, 11).Select(i => $"RFM: segment {i}")];
        Chart[] charts =
        [
            new LineChart("trend", "Net revenue", ChartAxis.Money("Net revenue", "USD"),
                [new LineSeries("Net revenue", [.. Enumerable.Range(0, 52).Select(w => new ChartPoint(start.AddDays(7 * w), 500_000 + random.Next(200_000)))])]),
            new BarChart("bars", "Revenue at risk by segment", "Segment", ChartAxis.Money("Revenue at risk", "USD"),
                [.. segments.Select(s => new ChartBar(s, random.Next(100_000), random.Next(50, 5_000)))]),
            new StackedBarChart("stacked", "Promoters, passives and detractors", "Segment", ChartAxis.Percent("Share of answers"), ["Promoters", "Passives", "Detractors"],
                [.. segments.Select(s => { var p = random.Next(70); var d = random.Next(100 - p); return new StackedBar(s, [p, 100 - p - d, d], random.Next(20, 900)); })]),
            new HeatMapChart("heat", "Cohort retention", "Acquisition month", "Months since acquisition", ChartAxis.Percent("Customers retained"),
                [.. Enumerable.Range(0, 12).Select(m => start.AddMonths(m).ToString("yyyy-MM", CultureInfo.InvariantCulture))], [.. Enumerable.Range(0, 12).Select(m => $"{m}")],
                [.. Enumerable.Range(0, 12).Select(r => (IReadOnlyList<double?>)[.. Enumerable.Range(0, 12).Select(c => c < 12 - r ? 100.0 * Math.Pow(0.9, c) : (double?)null)])]),
            new ScatterChart("scatter", "Support cost against satisfaction", ChartAxis.Money("Support cost per customer", "USD"), ChartAxis.Percent("CSAT"),
                [.. segments.Select(s => new ScatterPoint(s, random.Next(2, 30), random.Next(50, 95)))]),
        ];
        foreach (var chart in charts) { ChartRenderer.Svg(chart); ChartRenderer.Png(chart); } // warm: JIT, font load

        Console.WriteLine($"renders per run: {renders}, runs: {runs}");
        Console.WriteLine("| chart | size (CSS px) | SVG ms (median) | SVG bytes | PNG ms (median) | PNG bytes |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var chart in charts)
        {
            var svg = Median(runs, renders, () => ChartRenderer.Svg(chart));
            var png = Median(runs, renders, () => ChartRenderer.Png(chart));
            Console.WriteLine(FormattableString.Invariant(
                $"| {chart.GetType().Name} | {chart.Width} x {chart.Height} | {svg:0.0} | {ChartRenderer.Svg(chart).Length:#,0} | {png:0.0} | {ChartRenderer.Png(chart).Length:#,0} |"));
        }
        return Task.FromResult(0);
    }

    private static double Median(int runs, int renders, Action render)
    {
        var means = new List<double>();
        for (var r = 0; r < runs; r++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < renders; i++) render();
            means.Add(watch.Elapsed.TotalMilliseconds / renders);
        }
        means.Sort();
        return means[means.Count / 2];
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
