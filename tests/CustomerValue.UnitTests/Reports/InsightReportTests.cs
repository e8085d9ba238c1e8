using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CustomerValue.Reports;
using CustomerValue.Segments;

namespace CustomerValue.Tests.Reports;

public sealed class InsightReportTests
{
    [Fact]
    public void Money_is_written_to_the_cent_in_json_and_csv()
    {
        var noisy = 651948.05999999999999999998293m;
        var json = JsonSerializer.Serialize(new { revenue = noisy, cost = (decimal?)1.005m, none = (decimal?)null }, ReportJson.Options);
        Assert.Equal("{\"revenue\":651948.06,\"cost\":1.01,\"none\":null}", json);
        Assert.Equal("651948.06\r\n", new CsvReportWriter().Row(noisy).ToString());
    }

    [Theory]
    [InlineData("plan", "plan", null)]
    [InlineData("plan:pro", "plan", "pro")]
    [InlineData(" channel : paid search ", "channel", "paid search")]
    [InlineData("size_band:q1", "size_band", "q1")]
    public void A_segment_parameter_is_a_dimension_or_a_dimension_and_value(string text, string dimension, string? value)
    {
        var (selector, error) = SegmentSelector.Parse(text);
        Assert.Null(error);
        Assert.Equal(new SegmentSelector(dimension, value), selector);
    }

    [Theory]
    [InlineData("plan:")]
    [InlineData(":pro")]
    [InlineData(":")]
    public void A_malformed_segment_parameter_is_refused_with_a_reason(string text)
    {
        var (selector, error) = SegmentSelector.Parse(text);
        Assert.Null(selector);
        Assert.Contains("dimension:value", error);
    }

    [Fact]
    public void A_selector_matches_by_dimension_or_by_dimension_and_value_ignoring_case()
    {
        Assert.True(new SegmentSelector("Plan", null).Matches(new SegmentKey("plan", "basic")));
        Assert.True(new SegmentSelector("plan", "BASIC").Matches(new SegmentKey("plan", "basic")));
        Assert.False(new SegmentSelector("plan", "pro").Matches(new SegmentKey("plan", "basic")));
        Assert.False(new SegmentSelector("channel", null).Matches(new SegmentKey("plan", "basic")));
    }

    [Fact]
    public void A_driver_carries_its_fisher_interval()
    {
        // r = 0.5, n = 28: z = 0.5493, standard error 1/5 = 0.2, so tanh(0.5493 -+ 0.392) = 0.156 .. 0.736.
        var d = DriverEffect.From(new KeyDriver("csat", "churn", "pearson", 0.5, 0.007, 28));
        Assert.Equal(0.156, d.Low!.Value, 3);
        Assert.Equal(0.736, d.High!.Value, 3);
        Assert.Equal("r = 0.50 (95 % CI 0.16 to 0.74, p = 0.007, n = 28)", d.Evidence);
        Assert.Equal((null, null), DriverEffect.Interval(0.9, 3));
        Assert.Equal("mentions price", DriverEffect.LabelOf("aspect:price"));
    }

    [Fact]
    public void An_opportunity_reads_as_a_sentence_with_the_topics_link_to_churn_and_its_uncertainty()
    {
        var opportunity = SampleReportData.Create().Opportunities[0];
        var sentence = OpportunityText.Sentence(opportunity, "Plan: basic", "EUR", SampleReportData.SampleInsights.KeyDrivers);
        Assert.Equal("Plan: basic: 4,000 customers, EUR 77,777.77 of revenue at risk (churn 21.0 % against 8.0 % overall). " +
            "What they say most: delivery (40 mentions, mean sentiment -0.40). " +
            "In this data, customers who mention delivery churn more: r = 0.21 (95 % CI 0.10 to 0.32, p = 3.0e-4, n = 300).", sentence);

        var unclear = opportunity with { TopComplaints = [new AspectSummary("price", 10, 1, 9, -0.2)] };
        Assert.EndsWith("the link is not clear at the 5 % level.", OpportunityText.Sentence(unclear, "Plan: basic", "EUR", SampleReportData.SampleInsights.KeyDrivers));
        var unmeasured = opportunity with { TopComplaints = [new AspectSummary("billing", 10, 1, 9, -0.2)] };
        Assert.EndsWith("was not measured (too few customers on one side).", OpportunityText.Sentence(unmeasured, "Plan: basic", "EUR", []));
    }

    [Fact]
    public void The_opportunities_json_and_csv_carry_the_same_sentence_as_the_page()
    {
        var source = SampleReportData.Create();
        var drivers = SampleReportData.SampleInsights.KeyDrivers;
        var document = new ReportDocument { Title = "o", GeneratedAt = DateTimeOffset.UnixEpoch, Opportunities = source.Opportunities, Insights = SampleReportData.SampleInsights };
        var sentence = OpportunityText.Sentence(source.Opportunities[0], document.LabelOf(source.Opportunities[0].Segment), "USD", drivers);

        var json = OpportunityReport.Json(source.Opportunities, drivers, document.LabelOf, "USD");
        Assert.Equal(sentence, json[0]!["sentence"]!.GetValue<string>());
        Assert.Equal(77777.77m, json[0]!["revenueAtRisk"]!.GetValue<decimal>());
        Assert.Contains(CsvReportWriter.Cell(sentence), ReportCsv.Opportunities(source.Opportunities, drivers, document.LabelOf, "USD"));
        Assert.Contains(System.Net.WebUtility.HtmlEncode(sentence), HtmlReportRenderer.Render(document));
    }

    [Fact]
    public void Warnings_are_shown_beside_the_figures_they_affect()
    {
        foreach (var page in new[] { "kpis", "segments", "opportunities", "warnings" })
            Assert.Contains(SampleReportData.AllocationWarning.Replace("'", "&#39;"), SampleReportData.Page(page));
    }

    [Fact]
    public async Task The_brief_has_changes_three_opportunities_drivers_the_source_and_a_link_but_no_segment_table()
    {
        var source = SampleReportData.Create();
        var document = (await new ReportBuilder(source, "EUR").OverviewAsync(new DateOnly(2026, 8, 1), new DateOnly(2026, 11, 1), null, DateTimeOffset.UnixEpoch, default))
            with { FullReportUrl = "https://reports.example.com/api/reports/kpis?format=html" };
        var html = HtmlReportRenderer.RenderBrief(document);
        var text = PlainTextReport.RenderBrief(document);

        Assert.DoesNotContain("<h2>Segments</h2>", html);
        Assert.Contains("href=\"https://reports.example.com/api/reports/kpis?format=html\"", html);
        Assert.Contains("Full report: https://reports.example.com/api/reports/kpis?format=html", text);
        foreach (var section in new[] { "changes", "opportunities", "drivers", "method" }) Assert.Contains($"data-section=\"{section}\"", html);
        Assert.Contains("revenue −2,000.25 EUR, churn +1.5 pts", text);
        Assert.Contains("EUR 77,777.77 of revenue at risk", text);
        Assert.Contains("CSAT score (1-5): r = -0.40", text);
        Assert.Contains("Value model: BG/NBD", text);
        Assert.Contains("Warning: " + SampleReportData.AllocationWarning, text);
    }

    [Fact]
    public async Task The_brief_carries_acquisition_with_the_figures_the_acquisition_report_returns()
    {
        var source = SampleReportData.Create();
        var document = await new ReportBuilder(source, "EUR").OverviewAsync(new DateOnly(2026, 8, 1), new DateOnly(2026, 11, 1), null, DateTimeOffset.UnixEpoch, default);
        var html = HtmlReportRenderer.RenderBrief(document);
        var text = PlainTextReport.RenderBrief(document);

        // The acquisition report as /api/reports/acquisition serialises it.
        var json = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(AcquisitionReport.Of(document.Insights!, "EUR"), ReportJson.Options))!;
        var groups = json["groups"]!.AsArray();
        var all = groups.Single(g => g!["dimension"]!.GetValue<string>() == "all")!;
        string Two(JsonNode? n) => Math.Round(n!.GetValue<decimal>(), 2, MidpointRounding.AwayFromZero).ToString("#,0.00", CultureInfo.InvariantCulture);
        var allLine = $"All {all["customers"]!.GetValue<int>():#,0} customers: CAC EUR {Two(all["cac"])}, LTV EUR {Two(all["ltv"])}, " +
                      $"LTV:CAC {Two(all["ltvToCac"])} (n = {all["customers"]!.GetValue<int>():#,0}), CAC paid back in {all["paybackMonths"]!.GetValue<decimal>():0.0} months.";
        var search = groups.Single(g => g!["value"]!.GetValue<string>() == "search")!;
        var channelLine = $"The only channel with a known CAC: {document.LabelOf(new SegmentKey("channel", "search"))}, LTV:CAC {Two(search["ltvToCac"])} (n = {search["customers"]!.GetValue<int>()}).";

        Assert.Contains("- " + allLine, text);
        Assert.Contains("- " + channelLine, text);
        Assert.Contains("<li>" + System.Net.WebUtility.HtmlEncode(allLine) + "</li>", html);
        Assert.Contains("<li>" + System.Net.WebUtility.HtmlEncode(channelLine) + "</li>", html);
        Assert.Contains("data-section=\"acquisition\"", html);
    }

    [Fact]
    public void The_brief_names_the_highest_and_lowest_ltv_to_cac_channel_and_says_when_no_cost_is_known()
    {
        IReadOnlyList<CustomerValue.Value.AcquisitionEconomics> groups =
        [
            new("all", "all", 1_000, 10_000m, 10m, 40m, 4m, 2m, 5m),
            new("channel", "email", 300, 1_500m, 5m, 50m, 10m, 2m, 2.5m),
            new("channel", "search", 500, 7_500m, 15m, 30m, 2m, 2m, 7.5m),
            new("channel", "unknown", 200, 1_000m, 5m, 90m, 18m, 2m, 2.5m),
            new("campaign", "spring", 100, 5_000m, 50m, 30m, 0.6m, 2m, 25m),
        ];
        var lines = AcquisitionText.BriefLines(groups, k => k.ToString(), "USD");
        Assert.Equal("Highest LTV:CAC: channel:email, 10.00 (n = 300); lowest: channel:search, 2.00 (n = 500).", lines[1]);

        Assert.Equal(["No acquisition cost is known: CAC, LTV:CAC and payback are unknown."],
            AcquisitionText.BriefLines([new("all", "all", 1_000, 0m, null, 40m, null, 2m, null)], k => k.ToString(), "USD"));
        Assert.Empty(AcquisitionText.BriefLines([], k => k.ToString(), "USD"));
    }
}
