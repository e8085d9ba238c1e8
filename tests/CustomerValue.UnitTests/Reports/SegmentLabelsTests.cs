using System.Globalization;
using CustomerValue.Reports;
using CustomerValue.Segments;

namespace CustomerValue.Tests.Reports;

public sealed class SegmentLabelsTests
{
    private static readonly SegmentBands Quartiles = new() { SizeQuantileBounds = [5m, 12.5m, 25m, 40m, 310m] };

    [Theory]
    [InlineData("all", "all", "All customers")]
    [InlineData("size_band", "q1", "Order size EUR 5.00-12.50")]
    [InlineData("size_band", "q2", "Order size EUR 12.50-25.00")]
    [InlineData("size_band", "q4", "Order size EUR 40.00-310.00")]
    [InlineData("size_band", "<25", "Order size under EUR 25")]
    [InlineData("size_band", "25-50", "Order size EUR 25-50")]
    [InlineData("size_band", "100+", "Order size EUR 100 and over")]
    [InlineData("size_band", "unknown", "Order size unknown")]
    [InlineData("frequency_band", "0", "No purchases")]
    [InlineData("frequency_band", "1", "1 purchase")]
    [InlineData("frequency_band", "2-3", "2-3 purchases")]
    [InlineData("frequency_band", "10+", "10 or more purchases")]
    [InlineData("age_band", "under 18", "Age under 18")]
    [InlineData("age_band", "65+", "Age 65 and over")]
    [InlineData("clv_tier", "top_10", "Top 10 % by CLV")]
    [InlineData("clv_tier", "next_20", "Next 20 % by CLV")]
    [InlineData("clv_tier", "rest", "Other 70 % by CLV")]
    [InlineData("rfm", "Cannot lose them", "RFM: Cannot lose them")]
    [InlineData("plan", "pro", "Plan: pro")]
    [InlineData("channel", "unknown", "Acquisition channel unknown")]
    public void Segment_codes_read_as_human_labels(string dimension, string value, string expected) =>
        Assert.Equal(expected, SegmentLabels.Label(new SegmentKey(dimension, value), Quartiles, "EUR"));

    [Fact]
    public void Without_stored_band_edges_a_quantile_band_says_which_quantile_it_is()
    {
        Assert.Equal("Order size band 1 (smallest)", SegmentLabels.Label(new SegmentKey("size_band", "q1"), SegmentBands.Unknown, "USD"));
        Assert.Equal("Order size band 3", SegmentLabels.Label(new SegmentKey("size_band", "q3"), SegmentBands.Unknown, "USD"));
    }

    [Fact]
    public void Every_customer_falls_inside_the_value_range_its_size_band_label_shows()
    {
        var asOf = new DateOnly(2026, 6, 30);
        decimal[] sizes = [3.10m, 7.25m, 7.25m, 12.00m, 18.40m, 22.00m, 25.00m, 31.90m, 48.00m, 75.50m, 120.00m, 260.00m];
        var customers = sizes.Select((size, i) => new CustomerView
        {
            CustomerId = $"c{i}", LastPurchase = asOf.AddDays(-i), PurchaseDays = 1, Orders = 1, Revenue = size, AverageTransactionSize = size,
        }).ToList();

        var model = SegmentModel.Fit(customers, asOf);

        Assert.Equal(5, model.Bands.SizeQuantileBounds!.Count); // quartiles: smallest, three cuts, largest
        foreach (var customer in customers)
        {
            var band = model.Assign(customer).Single(s => s.Dimension == SegmentDimensions.SizeBand);
            var label = SegmentLabels.Label(band, model.Bands, "USD");
            var range = label["Order size USD ".Length..].Split('-').Select(x => decimal.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            Assert.InRange(customer.AverageTransactionSize, range[0], range[1]);
        }
    }

    [Fact]
    public void A_rate_carries_the_count_behind_it() =>
        Assert.Equal("NPS 66.7 (n = 3)", SegmentLabels.Rate("NPS", 66.66666, FigureFormat.Score, 3));

    [Theory]
    [InlineData("USD")]
    [InlineData("EUR")]
    public void An_iso_currency_code_is_accepted_and_used_with_money(string code) =>
        Assert.Equal($"{code} 1,234.50", ReportCurrency.Format(1234.5, ReportCurrency.Validate(code)));

    [Theory]
    [InlineData("usd")]
    [InlineData("$")]
    [InlineData("EURO")]
    [InlineData(null)]
    public void A_currency_that_is_not_an_iso_code_is_refused_naming_the_setting(string? code)
    {
        var error = Assert.Throws<ArgumentException>(() => ReportCurrency.Validate(code));
        Assert.Contains("Reports:Currency", error.Message);
    }

    [Fact]
    public void The_html_report_shows_segment_labels_the_currency_and_n_beside_rates()
    {
        var html = HtmlReportRenderer.Render(new ReportDocument
        {
            Title = "t", GeneratedAt = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero), Currency = "EUR", Bands = Quartiles,
            Segments = [new SegmentKpis { Segment = new("size_band", "q2"), Period = new DateOnly(2026, 11, 1), Customers = 3, Revenue = 75m, Nps = 66.66666, NpsAnswers = 3 }],
        });

        Assert.Contains("<td title=\"size_band:q2\">Order size EUR 12.50-25.00</td>", html);
        Assert.Contains("<th>Revenue (EUR)</th>", html);
        Assert.Contains("<td class=\"num\">66.7 <small>(n = 3)</small></td>", html);
    }
}
