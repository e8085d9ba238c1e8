using CustomerValue.Reports;

namespace CustomerValue.Tests.Reports;

/// <summary>The HTML report opened in a real headless Chromium: no console errors, the figures in the rendered DOM, a screenshot.</summary>
public sealed class HtmlReportInChromiumTests
{
    private static readonly string Artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts");

    private static string WritePage(string name, string html)
    {
        Directory.CreateDirectory(Artifacts);
        var path = Path.Combine(Artifacts, name);
        File.WriteAllText(path, html);
        return path;
    }

    [ChromiumFact]
    public async Task The_report_renders_with_its_figures_no_console_errors_and_no_injected_markup()
    {
        var data = SampleReportData.Create();
        var page = WritePage("kpi-report.html", HtmlReportRenderer.Render(new ReportDocument
        {
            Title = "Customer value report", GeneratedAt = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero),
            History = data.History, Segments = data.Segments, Opportunities = data.Opportunities, Survey = data.Survey,
        }));

        var dom = await HeadlessChromium.DumpDomAsync(page);
        var screenshot = Path.Combine(Artifacts, "kpi-report.png");
        File.Delete(screenshot);
        var shot = await HeadlessChromium.ScreenshotAsync(page, screenshot);

        Assert.Empty(dom.ConsoleErrors);
        Assert.Empty(shot.ConsoleErrors);
        // Figures computed by hand from SampleReportData: 12,345 customers (+345), 698,765.40 revenue (+88,765.40),
        // ROI 25 % (+5 pts), churn 8 % (down 2 pts), NPS 31.5 (+3.5).
        Assert.Contains("<div class=\"value\">12,345</div><div class=\"change up\">+345 since last period</div>", dom.Stdout);
        Assert.Contains("<div class=\"value\">698,765.40</div><div class=\"change up\">+88,765.40 since last period</div>", dom.Stdout);
        Assert.Contains("<div class=\"value\">25.0 %</div><div class=\"change up\">+5.0 pts since last period</div>", dom.Stdout);
        Assert.Contains("<div class=\"value\">8.0 %</div><div class=\"change up\">−2.0 pts since last period</div>", dom.Stdout);
        Assert.Contains("<div class=\"value\">31.5</div><div class=\"change up\">+3.5 since last period</div>", dom.Stdout);
        Assert.Contains("77,777.77", dom.Stdout);
        Assert.DoesNotContain("<script", dom.Stdout);
        Assert.DoesNotMatch("<[a-z]+[^>]*\\sonerror=", dom.Stdout); // the attribute only as text, inside "&lt;img ..."
        Assert.Contains("&lt;img src=x onerror=", dom.Stdout);
        Assert.Contains("<title>Customer value report</title>", dom.Stdout); // an injected script would have renamed the page
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is written and not blank");
    }

    public static TheoryData<string> Pages() => ["kpis", "segments", "opportunities", "drivers", "lifecycle", "cohorts", "warnings", "acquisition", "surveys", "customer", "brief"];

    /// <summary>
    /// Each report page as its endpoint serves it (and the email brief with its charts inline as SVG): renders with no
    /// console error, and every chart on it keeps its title and every axis label in the rendered DOM. Screenshots are
    /// kept in artifacts/report-NAME.png.
    /// </summary>
    [ChromiumTheory]
    [MemberData(nameof(Pages))]
    public async Task Each_report_page_renders_without_console_errors_and_every_chart_has_a_title_and_axis_labels(string report)
    {
        var charts = new List<Chart>();
        string html;
        if (report == "brief")
        {
            var source = SampleReportData.Create();
            var document = await new ReportBuilder(source).OverviewAsync(new DateOnly(2026, 8, 1), new DateOnly(2026, 11, 1), null, DateTimeOffset.UnixEpoch, default);
            HtmlReportRenderer.RenderBrief(document, c => { charts.Add(c); return "cid:x"; });
            html = HtmlReportRenderer.RenderBrief(document);
        }
        else
        {
            html = SampleReportData.Page(report);
            SampleReportData.Page(report, c => { charts.Add(c); return "cid:x"; });
        }
        var page = WritePage($"report-{report}.html", html);
        var dom = await HeadlessChromium.DumpDomAsync(page);
        var screenshot = Path.Combine(Artifacts, $"report-{report}.png");
        File.Delete(screenshot);
        var shot = await HeadlessChromium.ScreenshotAsync(page, screenshot);

        Assert.Empty(dom.ConsoleErrors);
        Assert.Empty(shot.ConsoleErrors);
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is written and not blank");
        if (report is not ("warnings" or "customer")) Assert.NotEmpty(charts);
        foreach (var chart in charts)
        {
            var start = dom.Stdout.IndexOf($"<figure class=\"chart\" data-chart=\"{chart.Id}\">", StringComparison.Ordinal);
            Assert.True(start >= 0, $"{chart.Id} is on the {report} page");
            var figure = dom.Stdout[start..dom.Stdout.IndexOf("</figure>", start, StringComparison.Ordinal)];
            Assert.Contains($"<title>{Html.Encode(chart.Title)}</title>", figure);
            foreach (var label in chart.AxisLabels) Assert.Matches($">\\s*{System.Text.RegularExpressions.Regex.Escape(Html.Encode(label))}\\s*</text>", figure);
        }
    }

    [ChromiumFact]
    public async Task The_console_check_does_catch_a_page_error()
    {
        var page = WritePage("console-error.html", "<!DOCTYPE html><html><body><script>console.error('deliberate failure')</script></body></html>");

        var run = await HeadlessChromium.DumpDomAsync(page);

        Assert.Contains(run.ConsoleErrors, l => l.Contains("deliberate failure"));
    }
}
