using CustomerValue.Kpis;

namespace CustomerValue.Reports;

/// <summary>An axis of values: what it measures, in which unit, and how its values read ("Net revenue (USD)").</summary>
public sealed record ChartAxis(string Title, FigureFormat Format, string Unit)
{
    public string Label => Unit.Length == 0 ? Title : $"{Title} ({Unit})";

    public string Value(double? value) => FigureText.Format(value, Format);

    public static ChartAxis Money(string title, string currency) => new(title, FigureFormat.Money, currency);
    public static ChartAxis Count(string title, string unit = "customers") => new(title, FigureFormat.Count, unit);
    /// <summary>A ratio (0.12) read as 12.0 %.</summary>
    public static ChartAxis Ratio(string title) => new(title, FigureFormat.Percent, "%");
    /// <summary>A figure already in percent (87.5).</summary>
    public static ChartAxis Percent(string title) => new(title, FigureFormat.PercentPoints, "%");
    /// <summary>NPS: promoters minus detractors, in points from -100 to 100.</summary>
    public static ChartAxis NpsScore(string title = "NPS") => new(title, FigureFormat.Score, "-100 to 100");

    /// <summary>The axis of a headline figure, its unit taken from the figure's format.</summary>
    public static ChartAxis Of(KpiFigure figure, string currency) => figure.Format switch
    {
        FigureFormat.Money => Money(figure.Label, currency),
        FigureFormat.Count => Count(figure.Label),
        FigureFormat.Percent => Ratio(figure.Label),
        FigureFormat.PercentPoints => Percent(figure.Label),
        _ => figure.Name == "Nps" ? NpsScore(figure.Label) : new(figure.Label, figure.Format, "score"),
    };
}

/// <summary>The values a chart draws, as a table: what the HTML report prints beside the chart and the email under it.</summary>
public sealed record ChartTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>
/// What one chart shows, independent of how it is drawn: the same definition renders to SVG (HTML report) and to PNG
/// (email) by <see cref="ChartRenderer"/>, and to its table of values by <see cref="Table"/>.
/// </summary>
public abstract record Chart(string Id, string Title)
{
    /// <summary>CSS pixels; the PNG is drawn at <see cref="ChartRenderer.PngScale"/> times this size.</summary>
    public virtual int Width => 480;
    public virtual int Height => 300;

    /// <summary>True when there is at least one value to draw; otherwise the chart says "No data yet".</summary>
    public abstract bool HasData { get; }

    /// <summary>The axis titles with units, as printed on the chart.</summary>
    public abstract IReadOnlyList<string> AxisLabels { get; }

    public abstract ChartTable Table();

    /// <summary>"label (n = 3)" when the count behind a value is known.</summary>
    protected static string WithN(string label, int? n) => n is { } count ? $"{label} (n = {count:#,0})" : label;
}

/// <summary>One point of a trend; a null value is a gap in the line (the figure was unknown then).</summary>
public readonly record struct ChartPoint(DateOnly Period, double? Value);

public sealed record LineSeries(string Name, IReadOnlyList<ChartPoint> Points)
{
    /// <summary>Runs of consecutive known points: each is drawn as one line, so a gap is not bridged.</summary>
    public IEnumerable<IReadOnlyList<ChartPoint>> Runs()
    {
        var run = new List<ChartPoint>();
        foreach (var p in Points)
        {
            if (p.Value is { } v && double.IsFinite(v)) run.Add(p);
            else if (run.Count > 0) { yield return run; run = []; }
        }
        if (run.Count > 0) yield return run;
    }
}

/// <summary>Figures over snapshot dates: one line per series, the date on the horizontal axis.</summary>
public sealed record LineChart(string Id, string Title, ChartAxis Y, IReadOnlyList<LineSeries> Series) : Chart(Id, Title)
{
    public const string DateAxis = "Snapshot date";

    /// <summary>A headline figure over the snapshots, oldest first.</summary>
    public static LineChart Trend(KpiFigure figure, IReadOnlyList<KpiSnapshot> history, string currency) =>
        new($"chart-{figure.Name.ToLowerInvariant()}", figure.Label, ChartAxis.Of(figure, currency),
            [new LineSeries(figure.Label, [.. history.Select(s => new ChartPoint(DateOnly.FromDateTime(s.AsOf.UtcDateTime), figure.Read(s)))])]);

    public override bool HasData => Series.Any(s => s.Runs().Any());
    public override IReadOnlyList<string> AxisLabels => [DateAxis, Y.Label];

    public override ChartTable Table()
    {
        var dates = Series.SelectMany(s => s.Points.Select(p => p.Period)).Distinct().Order().ToList();
        return new ChartTable([DateAxis, .. Series.Select(s => Series.Count == 1 ? Y.Label : $"{s.Name} ({Y.Unit})")],
            [.. dates.Select(d => (IReadOnlyList<string>)[d.ToString("yyyy-MM-dd"), .. Series.Select(s => Y.Value(s.Points.FirstOrDefault(p => p.Period == d).Value))])]);
    }
}

/// <summary>One bar: its category label, its value, and the customers or answers behind it.</summary>
public sealed record ChartBar(string Label, double? Value, int? N = null);

/// <summary>One value per category (segment), drawn as horizontal bars so that long labels read.</summary>
public sealed record BarChart(string Id, string Title, string CategoryTitle, ChartAxis Value, IReadOnlyList<ChartBar> Bars) : Chart(Id, Title)
{
    public override int Height => Math.Max(240, 90 + 26 * Bars.Count);
    public override bool HasData => Bars.Any(b => b.Value is { } v && double.IsFinite(v));
    public override IReadOnlyList<string> AxisLabels => [Value.Label, CategoryTitle];

    public override ChartTable Table() =>
        new([CategoryTitle, Value.Label, "n"], [.. Bars.Select(b => (IReadOnlyList<string>)[b.Label, Value.Value(b.Value), N(b.N)])]);

    internal static string N(int? n) => n is { } c ? c.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture) : FigureText.Unknown;
}

/// <summary>A bar split into parts that add up (e.g. promoters, passives, detractors as shares of answers).</summary>
public sealed record StackedBar(string Label, IReadOnlyList<double> Values, int? N = null);

public sealed record StackedBarChart(string Id, string Title, string CategoryTitle, ChartAxis Value, IReadOnlyList<string> Parts, IReadOnlyList<StackedBar> Bars)
    : Chart(Id, Title)
{
    public override int Height => Math.Max(260, 120 + 26 * Bars.Count);
    public override bool HasData => Bars.Any(b => b.Values.Any(double.IsFinite));
    public override IReadOnlyList<string> AxisLabels => [Value.Label, CategoryTitle];

    public override ChartTable Table() =>
        new([CategoryTitle, .. Parts.Select(p => $"{p} ({Value.Unit})"), "n"],
            [.. Bars.Select(b => (IReadOnlyList<string>)[b.Label, .. b.Values.Select(v => Value.Value(v)), BarChart.N(b.N)])]);
}

/// <summary>
/// A grid of values with a colour scale, e.g. cohort retention: rows are acquisition months, columns months since
/// acquisition. A null cell is not observed (drawn blank). <see cref="N"/>, when given, is the size of each row.
/// </summary>
public sealed record HeatMapChart(string Id, string Title, string RowTitle, string ColumnTitle, ChartAxis Value,
    IReadOnlyList<string> Rows, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<double?>> Cells, IReadOnlyList<int>? N = null)
    : Chart(Id, Title)
{
    public override int Width => Math.Max(480, 200 + 52 * Columns.Count);
    public override int Height => Math.Max(260, 110 + 26 * Rows.Count);
    public override bool HasData => Cells.Any(r => r.Any(v => v is { } x && double.IsFinite(x)));
    public override IReadOnlyList<string> AxisLabels => [ColumnTitle, RowTitle, Value.Label];

    public override ChartTable Table() =>
        new([RowTitle, .. N is null ? Array.Empty<string>() : ["n"], .. Columns.Select(c => $"{c} ({Value.Unit})")],
            [.. Rows.Select((r, i) => (IReadOnlyList<string>)[r, .. N is null ? Array.Empty<string>() : [BarChart.N(N[i])], .. Cells[i].Select(Value.Value)])]);
}

/// <summary>A labelled point, e.g. a segment at (support cost per customer, CSAT).</summary>
public sealed record ScatterPoint(string Label, double X, double Y, int? N = null);

public sealed record ScatterChart(string Id, string Title, ChartAxis X, ChartAxis Y, IReadOnlyList<ScatterPoint> Points) : Chart(Id, Title)
{
    public override int Height => 340;
    public override bool HasData => Points.Any(p => double.IsFinite(p.X) && double.IsFinite(p.Y));
    public override IReadOnlyList<string> AxisLabels => [X.Label, Y.Label];

    public override ChartTable Table() =>
        new(["Point", X.Label, Y.Label, "n"], [.. Points.Select(p => (IReadOnlyList<string>)[p.Label, X.Value(p.X), Y.Value(p.Y), BarChart.N(p.N)])]);
}
