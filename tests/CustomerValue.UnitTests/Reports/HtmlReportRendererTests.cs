using CustomerValue.Reports;

namespace CustomerValue.Tests.Reports;

public sealed class HtmlReportRendererTests
{
    private static ReportDocument Sample()
    {
        var data = SampleReportData.Create();
        return new ReportDocument
        {
            Title = "Customer value report", GeneratedAt = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero),
            History = data.History, Segments = data.Segments, Opportunities = data.Opportunities, Survey = data.Survey,
        };
    }

    [Fact]
    public void Untrusted_text_is_encoded_so_no_element_or_attribute_can_be_injected()
    {
        var html = HtmlReportRenderer.Render(Sample());

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;Great service", html);
        Assert.Contains("&lt;img src=x onerror=&quot;document.title=&#39;pwned&#39;&quot;&gt;Slow delivery", html);
        Assert.Contains("support &lt;team&gt;", html);
    }

    [Fact]
    public void The_page_is_self_contained()
    {
        var html = HtmlReportRenderer.Render(Sample());

        Assert.DoesNotMatch("(src|href|action)=\"(?!cid:|data:)", html); // nothing is fetched: no link, image or form target
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotMatch("url\\((?!#)", html); // only references inside the page (an SVG's clip paths)
        Assert.Equal(6, html.Split("<svg").Length - 1); // NPS, churn, revenue and ROI; support cost against CSAT; the NPS split
    }

    [Fact]
    public void A_snapshot_without_survey_figures_renders_dashes_and_a_chart_without_data()
    {
        var only = SampleReportData.Snapshot(new DateOnly(2026, 9, 1), 10, 100m, null, null, null);
        var html = HtmlReportRenderer.Render(new ReportDocument { Title = "t", GeneratedAt = only.AsOf, History = [only] });

        Assert.Contains("<div class=\"tile\" data-figure=\"Nps\"><div class=\"label\">NPS</div><div class=\"value\">—</div>", html);
        Assert.Equal(3, html.Split("No data yet").Length - 1); // NPS, churn and ROI unknown; revenue known
        Assert.Contains("no earlier figure", html);
    }
}

public sealed class ClvModelLineTests
{
    [Fact]
    public void The_html_and_the_plain_text_report_state_the_repeat_purchase_model_of_the_snapshot_in_the_same_words()
    {
        const string Statement = "Repeat-purchase model: paretonbd, chosen by the lowest mean absolute error <per customer>.";
        var snapshot = SampleReportData.Snapshot(new DateOnly(2026, 9, 1), 10, 100m, null, null, null) with { ClvModel = "paretonbd", ClvModelStatement = Statement };
        var document = new ReportDocument { Title = "t", GeneratedAt = snapshot.AsOf, History = [snapshot] };

        var html = HtmlReportRenderer.Render(document);
        var text = PlainTextReport.Render(document);

        Assert.Contains("<p class=\"meta\" data-clv-model=\"paretonbd\">Repeat-purchase model: paretonbd, chosen by the lowest mean absolute error &lt;per customer&gt;.</p>", html);
        Assert.Single(text.Split('\n'), line => line.TrimEnd() == Statement);
    }
}
