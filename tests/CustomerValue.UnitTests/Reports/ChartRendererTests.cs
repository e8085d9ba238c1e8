using System.Xml.Linq;
using CustomerValue.Reports;
using SkiaSharp;

namespace CustomerValue.Tests.Reports;

public sealed class ChartRendererTests
{
    private static readonly string Artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts", "charts");

    [Theory]
    [MemberData(nameof(SampleCharts.Ids), MemberType = typeof(SampleCharts))]
    public void Every_chart_kind_renders_a_png_that_decodes_at_twice_its_css_size_and_is_not_blank(string id)
    {
        var chart = SampleCharts.ById(id);

        var png = ChartRenderer.Png(chart);

        Directory.CreateDirectory(Artifacts);
        File.WriteAllBytes(Path.Combine(Artifacts, id + ".png"), png);
        Assert.Equal((chart.Width * 2, chart.Height * 2), PngImages.Header(png));
        using var image = SKBitmap.Decode(png);
        Assert.NotNull(image);
        Assert.Equal((chart.Width * 2, chart.Height * 2), (image.Width, image.Height));
        var colours = new HashSet<SKColor>();
        for (var y = 0; y < image.Height; y += 3)
            for (var x = 0; x < image.Width; x += 3) colours.Add(image.GetPixel(x, y));
        Assert.True(colours.Count > 20, $"{id}: {colours.Count} colours, the image is close to blank");
    }

    [Theory]
    [MemberData(nameof(SampleCharts.Ids), MemberType = typeof(SampleCharts))]
    public void Every_chart_kind_renders_svg_with_its_title_axis_labels_and_hover_values(string id)
    {
        var chart = SampleCharts.ById(id);

        var svg = ChartRenderer.Svg(chart);

        var root = XElement.Parse(svg); // well-formed, so the browser's HTML parser reads it as the renderer wrote it
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(chart.Title, root.Element(ns + "title")?.Value);
        var texts = root.Descendants(ns + "text").Select(t => t.Value.Trim()).ToList();
        Assert.Contains(chart.Title, texts);
        foreach (var label in chart.AxisLabels) Assert.Contains(label, texts);
        var hovers = root.Descendants(ns + "g").Single(g => (string?)g.Attribute("class") == "values").Descendants(ns + "title").Select(t => t.Value).ToList();
        Assert.NotEmpty(hovers);
        Assert.DoesNotContain("<?xml", svg);
        Assert.DoesNotMatch("font-family=\"(?!'Liberation Sans', Arial, Helvetica, sans-serif\")", svg);
    }

    [Fact]
    public void Hover_titles_and_the_table_show_the_same_values()
    {
        var chart = SampleCharts.RevenueAtRisk;

        var svg = ChartRenderer.Svg(chart);
        var table = chart.Table();

        Assert.Equal(["Segment", "Revenue at risk (EUR)", "n"], table.Headers);
        Assert.Equal(["RFM: Cannot lose them", "48,250.50", "120"], table.Rows[0]);
        Assert.Contains("<title>RFM: Cannot lose them: 48,250.50 (EUR), n = 120</title>", svg);
        // Both the bar's value label and the category tick (with its count) are drawn as text.
        var texts = XElement.Parse(svg).Descendants().Where(e => e.Name.LocalName == "text").Select(t => t.Value.Trim()).ToList();
        Assert.Contains("48,250.50", texts);
        Assert.Contains("RFM: Cannot lose them (n = 120)", texts);
    }

    [Fact]
    public void Two_charts_inlined_in_one_page_do_not_share_ids()
    {
        var ids = SampleCharts.All.SelectMany(c => System.Text.RegularExpressions.Regex.Matches(ChartRenderer.Svg(c), "\\bid=\"([^\"]+)\"").Select(m => m.Groups[1].Value)).ToList();

        Assert.NotEmpty(ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void The_png_carries_axis_text_in_the_shipped_font_where_the_axis_labels_are()
    {
        var chart = SampleCharts.Trend;
        using var image = SKBitmap.Decode(ChartRenderer.Png(chart));
        // Blank text keeps the layout: the same regions then hold no text.
        using var empty = SKBitmap.Decode(ChartRenderer.Png(chart with { Y = chart.Y with { Title = " ", Unit = "" } }));

        // The y-axis label is drawn turned up along the left edge, the date axis label along the bottom, the title on top.
        var (title, yLabel, xLabel) = PngImages.TrendTextPixels(image, chart.Width, chart.Height);
        var (_, noYLabel, _) = PngImages.TrendTextPixels(empty, chart.Width, chart.Height);

        Assert.True(yLabel > 150, $"{yLabel} dark pixels where the y-axis label is");
        Assert.True(xLabel > 150, $"{xLabel} dark pixels where the x-axis label is");
        Assert.True(title > 150, $"{title} dark pixels where the title is");
        // The same region without the y label: what was found there was that text.
        Assert.True(noYLabel < yLabel / 5, $"{noYLabel} vs {yLabel}");
    }

    [Fact]
    public void A_chart_without_data_says_so()
    {
        var chart = SampleCharts.Trend with { Series = [new LineSeries("NPS", [new(new DateOnly(2026, 9, 1), null)])] };

        Assert.False(chart.HasData);
        Assert.Contains("No data yet", ChartRenderer.Svg(chart));
        Assert.Equal((chart.Width * 2, chart.Height * 2), PngImages.Header(ChartRenderer.Png(chart)));
    }

    [Fact]
    public void A_gap_in_a_trend_splits_the_line_instead_of_drawing_through_it()
    {
        Assert.Equal([2, 2], SampleCharts.Trend.Series[0].Runs().Select(r => r.Count));
        Assert.Equal(["2026-09-28", "35.0"], SampleCharts.Trend.Table().Rows[3]);
        Assert.Equal("—", SampleCharts.Trend.Table().Rows[2][1]);
    }

    [Fact]
    public void The_heat_map_table_has_a_row_per_cohort_with_its_size_and_blank_cells_unknown()
    {
        var table = SampleCharts.Retention.Table();

        Assert.Equal(["Acquisition month", "n", "0 (%)", "1 (%)", "2 (%)", "3 (%)"], table.Headers);
        Assert.Equal(["2026-06", "225", "100.0 %", "58.0 %", "44.4 %", "—"], table.Rows[1]);
    }
}
