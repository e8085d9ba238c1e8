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

    [ChromiumFact]
    public async Task The_console_check_does_catch_a_page_error()
    {
        var page = WritePage("console-error.html", "<!DOCTYPE html><html><body><script>console.error('deliberate failure')</script></body></html>");

        var run = await HeadlessChromium.DumpDomAsync(page);

        Assert.Contains(run.ConsoleErrors, l => l.Contains("deliberate failure"));
    }
}
