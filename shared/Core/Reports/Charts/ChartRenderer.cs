using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ScottPlot;

namespace CustomerValue.Reports;

/// <summary>
/// Draws a <see cref="Chart"/> with ScottPlot: one plot definition per chart kind, rendered to SVG for the HTML report
/// (inline, no script: each point, bar end and cell carries a &lt;title&gt; with its value, shown on hover) and to PNG
/// by the library's own rasteriser for the email. Text uses the shipped font (<see cref="ChartFonts"/>).
/// </summary>
public static partial class ChartRenderer
{
    /// <summary>The PNG is drawn at twice the CSS size, for sharp text on high-density screens.</summary>
    public const int PngScale = 2;

    private const float TitleSize = 15, AxisLabelSize = 12, TickSize = 11, ValueSize = 10;
    private static readonly Color Ink = Color.FromHex("#1f2937"), Muted = Color.FromHex("#6b7280");
    private static readonly Color[] Palette = [.. new[] { "#2563eb", "#f59e0b", "#dc2626", "#059669", "#7c3aed", "#0891b2" }.Select(Color.FromHex)];

    /// <summary>Promoter / passive / detractor, or any three-part split: green, grey, red.</summary>
    private static readonly Color[] SplitPalette = [.. new[] { "#059669", "#9ca3af", "#dc2626", "#2563eb", "#f59e0b" }.Select(Color.FromHex)];

    /// <summary>A value to show on hover, at a point in the plot's coordinates.</summary>
    private readonly record struct HoverTarget(Coordinates At, string Text);

    public static byte[] Png(Chart chart)
    {
        using var plot = Build(chart, []);
        plot.ScaleFactor = PngScale;
        return plot.GetImageBytes(chart.Width * PngScale, chart.Height * PngScale, ImageFormat.Png);
    }

    /// <summary>An &lt;svg&gt; element to inline in HTML: its ids prefixed by the chart's id, so that charts on one page do not clash.</summary>
    public static string Svg(Chart chart)
    {
        var hovers = new List<HoverTarget>();
        using var plot = Build(chart, hovers);
        var xml = plot.GetSvgXml(chart.Width, chart.Height);
        var svg = new StringBuilder(Inline(xml, chart));
        var end = svg.ToString().LastIndexOf("</svg>", StringComparison.Ordinal);
        var overlay = new StringBuilder("<g class=\"values\" fill=\"#000\" fill-opacity=\"0\">");
        foreach (var h in hovers)
        {
            var p = plot.GetPixel(h.At);
            if (!float.IsFinite(p.X) || !float.IsFinite(p.Y)) continue;
            overlay.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{p.X:0.#}\" cy=\"{p.Y:0.#}\" r=\"9\"><title>{Html.Encode(h.Text)}</title></circle>");
        }
        overlay.Append("</g>");
        svg.Insert(end, overlay.ToString());
        return svg.ToString();
    }

    private static Plot Build(Chart chart, List<HoverTarget> hovers)
    {
        ChartFonts.EnsureRegistered();
        var plot = new Plot();
        plot.Title(chart.Title, TitleSize);
        switch (chart)
        {
            case LineChart line: Line(plot, line, hovers); break;
            case BarChart bars: Bars(plot, bars, hovers); break;
            case StackedBarChart stacked: Stacked(plot, stacked, hovers); break;
            case HeatMapChart heat: HeatMap(plot, heat, hovers); break;
            case ScatterChart scatter: Scatter(plot, scatter, hovers); break;
            default: throw new ArgumentException($"No renderer for {chart.GetType().Name}.", nameof(chart));
        }
        if (!chart.HasData)
        {
            var empty = plot.Add.Annotation("No data yet", Alignment.MiddleCenter);
            empty.LabelFontSize = 13;
            empty.LabelFontColor = Muted;
            empty.LabelBackgroundColor = Colors.Transparent;
            empty.LabelBorderColor = Colors.Transparent;
            empty.LabelShadowColor = Colors.Transparent;
        }
        plot.Font.Set(ChartFonts.Family);
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.Label.FontSize = AxisLabelSize;
            axis.Label.ForeColor = Ink;
            axis.TickLabelStyle.FontSize = TickSize;
            axis.TickLabelStyle.ForeColor = Ink;
        }
        plot.Axes.Title.Label.FontSize = TitleSize;
        plot.Axes.Title.Label.ForeColor = Ink;
        plot.Grid.MajorLineColor = Color.FromHex("#e5e7eb");
        return plot;
    }

    private static void Line(Plot plot, LineChart chart, List<HoverTarget> hovers)
    {
        static double X(DateOnly d) => d.ToDateTime(TimeOnly.MinValue).ToOADate();
        for (var i = 0; i < chart.Series.Count; i++)
        {
            var series = chart.Series[i];
            var first = true;
            foreach (var run in series.Runs())
            {
                var line = plot.Add.Scatter(run.Select(p => X(p.Period)).ToArray(), run.Select(p => p.Value!.Value).ToArray(), Palette[i % Palette.Length]);
                line.LineWidth = 2;
                line.MarkerSize = 6;
                if (first && chart.Series.Count > 1) line.LegendText = series.Name;
                first = false;
                foreach (var p in run)
                    hovers.Add(new(new(X(p.Period), p.Value!.Value), $"{series.Name}, {p.Period:yyyy-MM-dd}: {chart.Y.Value(p.Value)} ({chart.Y.Unit})"));
            }
        }
        if (chart.Series.Count > 1) plot.ShowLegend(Edge.Bottom);
        var dates = chart.Series.SelectMany(s => s.Points.Select(p => p.Period)).Distinct().Order().ToList();
        if (dates.Count > 0)
        {
            // At most six labelled dates, always the first and the last.
            var step = Math.Max(1, (int)Math.Ceiling((dates.Count - 1) / 5.0));
            var shown = dates.Where((_, i) => i % step == 0 || i == dates.Count - 1).ToList();
            plot.Axes.Bottom.SetTicks([.. shown.Select(X)], [.. shown.Select(d => d.ToString("yyyy-MM-dd"))]);
            if (dates.Count == 1) plot.Axes.SetLimitsX(X(dates[0]) - 3, X(dates[0]) + 3);
        }
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => FigureText.Axis(v, chart.Y.Format) };
        plot.XLabel(LineChart.DateAxis);
        plot.YLabel(chart.Y.Label);
    }

    /// <summary>Category labels from the top down, each with the count behind it.</summary>
    private static void CategoryTicks(Plot plot, IReadOnlyList<(string Label, int? N)> categories)
    {
        var n = categories.Count;
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, n).Select(i => (double)(n - 1 - i))],
            [.. categories.Select(c => c.N is { } count ? $"{c.Label} (n = {count.ToString("#,0", CultureInfo.InvariantCulture)})" : c.Label)]);
        plot.Axes.Left.MajorTickStyle.Length = 0;
    }

    private static void Bars(Plot plot, BarChart chart, List<HoverTarget> hovers)
    {
        var n = chart.Bars.Count;
        var bars = new List<Bar>();
        for (var i = 0; i < n; i++)
        {
            var b = chart.Bars[i];
            if (b.Value is not { } v || !double.IsFinite(v)) continue;
            bars.Add(new Bar { Position = n - 1 - i, Value = v, FillColor = Palette[0], Label = chart.Value.Value(v), Size = 0.7 });
            hovers.Add(new(new(v, n - 1 - i), $"{b.Label}: {chart.Value.Value(v)} ({chart.Value.Unit}){(b.N is { } c ? $", n = {c:#,0}" : "")}"));
        }
        HorizontalBars(plot, bars, [.. chart.Bars.Select(b => (b.Label, b.N))], chart.Value, chart.CategoryTitle);
        // Bars grow from zero; room on the right for the value labels.
        plot.Axes.Margins(left: 0.02, right: 0.3, bottom: 0.02, top: 0.02);
    }

    /// <summary>Bars along the value axis, categories down the left from the top, both axes titled.</summary>
    private static ScottPlot.Plottables.BarPlot HorizontalBars(Plot plot, List<Bar> bars, IReadOnlyList<(string Label, int? N)> categories, ChartAxis value, string categoryTitle)
    {
        var plottable = plot.Add.Bars(bars);
        plottable.Horizontal = true;
        plottable.ValueLabelStyle.FontSize = ValueSize;
        plottable.ValueLabelStyle.FontName = ChartFonts.Family;
        CategoryTicks(plot, categories);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => FigureText.Axis(v, value.Format) };
        plot.XLabel(value.Label);
        plot.YLabel(categoryTitle);
        return plottable;
    }

    private static void Stacked(Plot plot, StackedBarChart chart, List<HoverTarget> hovers)
    {
        var n = chart.Bars.Count;
        var bars = new List<Bar>();
        for (var i = 0; i < n; i++)
        {
            var b = chart.Bars[i];
            var total = b.Values.Where(double.IsFinite).Sum();
            var start = 0.0;
            for (var part = 0; part < b.Values.Count; part++)
            {
                var v = b.Values[part];
                if (!double.IsFinite(v) || v == 0) continue;
                // A label only where the part is wide enough to hold it.
                bars.Add(new Bar
                {
                    Position = n - 1 - i, ValueBase = start, Value = start + v, FillColor = SplitPalette[part % SplitPalette.Length], Size = 0.7,
                    Label = total > 0 && v / total >= 0.1 ? chart.Value.Value(v) : "", CenterLabel = true,
                });
                hovers.Add(new(new(start + v / 2, n - 1 - i), $"{b.Label}, {chart.Parts[part]}: {chart.Value.Value(v)} ({chart.Value.Unit})"));
                start += v;
            }
        }
        var plottable = HorizontalBars(plot, bars, [.. chart.Bars.Select(b => (b.Label, b.N))], chart.Value, chart.CategoryTitle);
        plottable.ValueLabelStyle.ForeColor = Colors.White;
        for (var part = 0; part < chart.Parts.Count; part++)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = chart.Parts[part], FillColor = SplitPalette[part % SplitPalette.Length] });
        plot.Legend.FontName = ChartFonts.Family;
        plot.Legend.FontSize = TickSize;
        plot.Legend.Orientation = Orientation.Horizontal;
        plot.ShowLegend(Edge.Bottom);
        plot.Axes.Margins(left: 0, right: 0.02, bottom: 0.02, top: 0.02);
    }

    private static void HeatMap(Plot plot, HeatMapChart chart, List<HoverTarget> hovers)
    {
        int rows = chart.Rows.Count, columns = chart.Columns.Count;
        var values = new double[Math.Max(rows, 1), Math.Max(columns, 1)];
        for (var r = 0; r < values.GetLength(0); r++)
            for (var c = 0; c < values.GetLength(1); c++)
                values[r, c] = r < rows && c < chart.Cells[r].Count && chart.Cells[r][c] is { } v && double.IsFinite(v) ? v : double.NaN;
        var known = values.Cast<double>().Where(double.IsFinite).ToList();
        var heat = plot.Add.Heatmap(values);
        heat.Colormap = new ScottPlot.Colormaps.Viridis();
        heat.NaNCellColor = Colors.White;
        // Row 0 of the array is drawn at the top: row r is centred on y = rows - 1 - r, column c on x = c.
        heat.Rectangle = new CoordinateRect(-0.5, values.GetLength(1) - 0.5, -0.5, values.GetLength(0) - 0.5);
        if (known.Count > 0) heat.ManualRange = new ScottPlot.Range(Math.Min(0, known.Min()), known.Max() > known.Min() ? known.Max() : known.Min() + 1);
        var range = heat.ManualRange ?? new ScottPlot.Range(0, 1);
        var bar = plot.Add.ColorBar(heat);
        bar.Label = chart.Value.Label;
        bar.LabelStyle.FontSize = AxisLabelSize;
        bar.LabelStyle.FontName = ChartFonts.Family;
        bar.Axis.TickLabelStyle.FontName = ChartFonts.Family;
        bar.Axis.TickLabelStyle.FontSize = TickSize;
        bar.Axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => FigureText.Axis(v, chart.Value.Format) };
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
            {
                var v = values[r, c];
                if (!double.IsFinite(v)) continue;
                var at = new Coordinates(c, rows - 1 - r);
                var text = plot.Add.Text(chart.Value.Value(v), at);
                text.LabelFontSize = ValueSize;
                text.LabelFontName = ChartFonts.Family;
                text.LabelAlignment = Alignment.MiddleCenter;
                // Viridis is dark at the low end: white text there, dark text on the light end.
                text.LabelFontColor = (v - range.Min) / (range.Max - range.Min) < 0.6 ? Colors.White : Ink;
                hovers.Add(new(at, $"{chart.RowTitle} {chart.Rows[r]}, {chart.ColumnTitle} {chart.Columns[c]}: {chart.Value.Value(v)} ({chart.Value.Unit})"));
            }
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, columns).Select(c => (double)c)], [.. chart.Columns]);
        CategoryTicks(plot, [.. chart.Rows.Select((r, i) => (r, chart.N?[i]))]);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.SetLimits(-0.5, values.GetLength(1) - 0.5, -0.5, values.GetLength(0) - 0.5);
        plot.Grid.IsVisible = false;
        plot.XLabel(chart.ColumnTitle);
        plot.YLabel(chart.RowTitle);
    }

    private static void Scatter(Plot plot, ScatterChart chart, List<HoverTarget> hovers)
    {
        var points = chart.Points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        var markers = plot.Add.Markers(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), MarkerShape.FilledCircle, 9, Palette[0]);
        foreach (var p in points)
        {
            var label = plot.Add.Text(p.Label, p.X, p.Y);
            label.LabelFontSize = ValueSize;
            label.LabelFontName = ChartFonts.Family;
            label.LabelFontColor = Ink;
            label.LabelAlignment = Alignment.LowerLeft;
            label.OffsetX = 6;
            label.OffsetY = -4;
            hovers.Add(new(new(p.X, p.Y), $"{p.Label}: {chart.X.Title} {chart.X.Value(p.X)} ({chart.X.Unit}), {chart.Y.Title} {chart.Y.Value(p.Y)} ({chart.Y.Unit}){(p.N is { } c ? $", n = {c:#,0}" : "")}"));
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => FigureText.Axis(v, chart.X.Format) };
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => FigureText.Axis(v, chart.Y.Format) };
        plot.Axes.Margins(0.1, 0.25, 0.1, 0.15); // room for the point labels, which extend right of their points
        plot.XLabel(chart.X.Label);
        plot.YLabel(chart.Y.Label);
    }

    /// <summary>
    /// The library's SVG document as an element for inline HTML: no XML declaration; a viewBox so it scales; an
    /// accessible title; ids (clip paths) prefixed by the chart's id; the font named with its metric-compatible
    /// fallbacks; glyph position lists without the trailing comma browsers reject; bitmaps scaled without smoothing.
    /// </summary>
    private static string Inline(string xml, Chart chart)
    {
        var svg = XmlDeclaration().Replace(xml, "");
        var prefix = Regex.Replace(chart.Id, "[^A-Za-z0-9_-]", "-");
        svg = IdAttribute().Replace(svg, m => $"id=\"{prefix}-{m.Groups[1].Value}\"");
        svg = LocalReference().Replace(svg, m => $"{m.Groups[1].Value}#{prefix}-");
        svg = FontFamily().Replace(svg, $"font-family=\"{ChartFonts.CssFamily}\"");
        svg = TrailingListComma().Replace(svg, "$1=\"$2\"");
        // A heat map is a bitmap of one pixel per cell: scaled up, it must keep sharp cell edges, not blur them.
        svg = svg.Replace("<image ", "<image style=\"image-rendering:pixelated\" ", StringComparison.Ordinal);
        var open = svg.IndexOf("<svg", StringComparison.Ordinal);
        var close = svg.IndexOf('>', open);
        var head = $"<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" class=\"chart\" id=\"{Html.Encode(prefix)}\" role=\"img\" viewBox=\"0 0 {chart.Width} {chart.Height}\" " +
                   $"width=\"{chart.Width}\" height=\"{chart.Height}\" aria-label=\"{Html.Encode(chart.Title)}\"><title>{Html.Encode(chart.Title)}</title>";
        return head + svg[(close + 1)..].Trim();
    }

    [GeneratedRegex(@"<\?xml[^>]*\?>\s*")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex("\\bid=\"([^\"]+)\"")]
    private static partial Regex IdAttribute();

    [GeneratedRegex(@"(url\(|href="")#")]
    private static partial Regex LocalReference();

    [GeneratedRegex("font-family=\"[^\"]*\"")]
    private static partial Regex FontFamily();

    [GeneratedRegex("\\b([xy])=\"([^\"]*?),\\s*\"")]
    private static partial Regex TrailingListComma();
}
