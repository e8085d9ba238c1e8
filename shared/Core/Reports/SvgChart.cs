using System.Globalization;
using System.Text;

namespace CustomerValue.Reports;

/// <summary>One point of a trend; a null value is a gap in the line (the figure was unknown then).</summary>
public readonly record struct ChartPoint(DateOnly Period, double? Value);

/// <summary>A trend chart's data and geometry: shared by the SVG writer and any raster renderer.</summary>
public sealed record TrendChart(string Id, string Title, IReadOnlyList<ChartPoint> Points, FigureFormat Format)
{
    public const int Width = 360, Height = 160, Left = 52, Right = 12, Top = 28, Bottom = 26;

    public static TrendChart For(KpiFigure figure, IReadOnlyList<Kpis.KpiSnapshot> history) =>
        new($"chart-{figure.Name.ToLowerInvariant()}", figure.Label,
            history.Select(s => new ChartPoint(DateOnly.FromDateTime(s.AsOf.UtcDateTime), figure.Read(s))).ToList(), figure.Format);

    public bool HasData => Points.Any(p => p.Value is { } v && double.IsFinite(v));

    /// <summary>Value range with a little headroom; a flat line gets a band around it.</summary>
    public (double Min, double Max) Range()
    {
        var values = Points.Where(p => p.Value is { } v && double.IsFinite(v)).Select(p => p.Value!.Value).ToList();
        if (values.Count == 0) return (0, 1);
        double min = values.Min(), max = values.Max();
        if (min == max) { var pad = Math.Abs(min) * 0.1 + 1e-9; return (min - pad, max + pad); }
        var margin = (max - min) * 0.08;
        return (min - margin, max + margin);
    }

    public double X(int index) => Points.Count <= 1 ? Left + (Width - Left - Right) / 2.0 : Left + index * (Width - Left - Right) / (double)(Points.Count - 1);

    public double Y(double value)
    {
        var (min, max) = Range();
        return Top + (max - value) / (max - min) * (Height - Top - Bottom);
    }

    /// <summary>Runs of consecutive known points: each is drawn as one polyline.</summary>
    public IEnumerable<IReadOnlyList<(double X, double Y)>> Segments()
    {
        var run = new List<(double, double)>();
        for (var i = 0; i < Points.Count; i++)
        {
            if (Points[i].Value is { } v && double.IsFinite(v)) run.Add((X(i), Y(v)));
            else if (run.Count > 0) { yield return run; run = []; }
        }
        if (run.Count > 0) yield return run;
    }
}

/// <summary>Writes a <see cref="TrendChart"/> as inline SVG: no script, no external resource, text escaped.</summary>
public static class SvgChartWriter
{
    private static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    public static string Write(TrendChart chart)
    {
        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 {TrendChart.Width} {TrendChart.Height}\" width=\"{TrendChart.Width}\" height=\"{TrendChart.Height}\" aria-label=\"{Html.Encode(chart.Title)} trend\">");
        svg.Append($"<text x=\"{TrendChart.Left}\" y=\"16\" font-size=\"13\" font-weight=\"600\" fill=\"#1f2937\">{Html.Encode(chart.Title)}</text>");
        if (!chart.HasData)
        {
            svg.Append($"<text x=\"{TrendChart.Width / 2}\" y=\"{TrendChart.Height / 2}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#6b7280\">No data yet</text></svg>");
            return svg.ToString();
        }
        var (min, max) = chart.Range();
        foreach (var tick in new[] { min, (min + max) / 2, max })
        {
            var y = N(chart.Y(tick));
            svg.Append($"<line x1=\"{TrendChart.Left}\" x2=\"{TrendChart.Width - TrendChart.Right}\" y1=\"{y}\" y2=\"{y}\" stroke=\"#e5e7eb\"/>");
            svg.Append($"<text x=\"{TrendChart.Left - 4}\" y=\"{y}\" dy=\"4\" text-anchor=\"end\" font-size=\"10\" fill=\"#6b7280\">{Html.Encode(FigureText.Axis(tick, chart.Format))}</text>");
        }
        var first = chart.Points[0].Period;
        var last = chart.Points[^1].Period;
        svg.Append($"<text x=\"{TrendChart.Left}\" y=\"{TrendChart.Height - 8}\" font-size=\"10\" fill=\"#6b7280\">{first:yyyy-MM-dd}</text>");
        if (chart.Points.Count > 1)
            svg.Append($"<text x=\"{TrendChart.Width - TrendChart.Right}\" y=\"{TrendChart.Height - 8}\" text-anchor=\"end\" font-size=\"10\" fill=\"#6b7280\">{last:yyyy-MM-dd}</text>");
        foreach (var run in chart.Segments())
        {
            if (run.Count > 1)
                svg.Append($"<polyline fill=\"none\" stroke=\"#2563eb\" stroke-width=\"2\" points=\"{string.Join(' ', run.Select(p => $"{N(p.X)},{N(p.Y)}"))}\"/>");
            foreach (var (x, y) in run) svg.Append($"<circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"3\" fill=\"#2563eb\"/>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }
}
