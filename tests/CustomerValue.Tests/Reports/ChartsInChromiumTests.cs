using System.Text;
using CustomerValue.Reports;

namespace CustomerValue.Tests.Reports;

/// <summary>Every chart kind in a real headless Chromium, as the HTML report inlines it (SVG) and as the email shows it (PNG).</summary>
public sealed class ChartsInChromiumTests
{
    private static readonly string Artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts");

    [ChromiumFact]
    public async Task Each_chart_renders_with_its_title_axis_labels_and_values_and_no_console_error()
    {
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" content=\"")
            .Append(HtmlReportRenderer.ContentSecurityPolicy).Append("\"><title>Charts</title></head><body style=\"font-family:sans-serif;background:#fff\">");
        foreach (var chart in SampleCharts.All)
        {
            html.Append("<section style=\"display:flex;gap:16px;align-items:flex-start\">");
            HtmlReportRenderer.Chart(html, chart);
            // The email's image of the same chart, beside it.
            HtmlReportRenderer.Chart(html, chart, c => "data:image/png;base64," + Convert.ToBase64String(ChartRenderer.Png(c)));
            html.Append("</section>");
        }
        html.Append("</body></html>");
        Directory.CreateDirectory(Artifacts);
        var page = Path.Combine(Artifacts, "charts.html");
        await File.WriteAllTextAsync(page, html.ToString());
        var screenshot = Path.Combine(Artifacts, "charts.png");
        File.Delete(screenshot);

        var dom = await HeadlessChromium.DumpDomAsync(page);
        var shot = await HeadlessChromium.ScreenshotAsync(page, screenshot);

        Assert.Empty(dom.ConsoleErrors);
        Assert.Empty(shot.ConsoleErrors);
        foreach (var chart in SampleCharts.All)
        {
            // The rendered DOM still holds each chart's title, every axis label and the first value of its table.
            var start = dom.Stdout.IndexOf($"<figure class=\"chart\" data-chart=\"{chart.Id}\">", StringComparison.Ordinal);
            Assert.True(start >= 0, $"{chart.Id} is in the page");
            var figure = dom.Stdout[start..dom.Stdout.IndexOf("</figure>", start, StringComparison.Ordinal)];
            Assert.Contains($"<title>{chart.Title}</title>", figure);
            foreach (var label in chart.AxisLabels) Assert.Matches($">\\s*{System.Text.RegularExpressions.Regex.Escape(Html.Encode(label))}\\s*</text>", figure);
            Assert.Contains($"<td class=\"num\">{chart.Table().Rows[0][1]}</td>", figure);
        }
        Assert.True(new FileInfo(screenshot).Length > 50_000, "the screenshot is written and not blank");
    }
}
