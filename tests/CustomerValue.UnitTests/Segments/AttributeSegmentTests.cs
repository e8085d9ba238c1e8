using CustomerValue.Reports;
using CustomerValue.Segments;

namespace CustomerValue.Tests.Segments;

public class AttributeSegmentTests
{
    private static readonly DateOnly AsOf = new(2024, 12, 31);

    private static string ValueOf(SegmentModel model, CustomerView c, string dimension) =>
        model.Assign(c).Single(k => k.Dimension == dimension).Value;

    [Fact]
    public void Every_customer_gets_one_key_per_dimension_and_missing_attributes_are_unknown()
    {
        var bare = new CustomerView { CustomerId = "x" };
        var model = SegmentModel.Fit([bare], AsOf);
        var keys = model.Assign(bare);
        Assert.Equal(SegmentDimensions.All, keys.Select(k => k.Dimension));
        foreach (var d in new[] { SegmentDimensions.Plan, SegmentDimensions.SizeBand, SegmentDimensions.Occupation, SegmentDimensions.AgeBand,
                     SegmentDimensions.Country, SegmentDimensions.Region, SegmentDimensions.Channel, SegmentDimensions.Contract, SegmentDimensions.ClvTier })
            Assert.Equal(new SegmentKey(d, "unknown"), keys.Single(k => k.Dimension == d));
        Assert.Equal("unknown", ValueOf(model, bare with { Plan = "  " }, SegmentDimensions.Plan));
        Assert.Equal("Gold", ValueOf(model, bare with { Plan = " Gold " }, SegmentDimensions.Plan));
    }

    [Theory]
    [InlineData(17, "under 18")]
    [InlineData(18, "18-24")]
    [InlineData(24, "18-24")]
    [InlineData(25, "25-34")]
    [InlineData(44, "35-44")]
    [InlineData(54, "45-54")]
    [InlineData(64, "55-64")]
    [InlineData(65, "65+")]
    [InlineData(90, "65+")]
    public void Age_bands(int age, string band)
    {
        var c = new CustomerView { CustomerId = "a", AgeYears = age };
        Assert.Equal(band, ValueOf(SegmentModel.Fit([c], AsOf), c, SegmentDimensions.AgeBand));
    }

    [Fact]
    public void Age_comes_from_the_birth_year_when_no_age_is_given()
    {
        var c = new CustomerView { CustomerId = "a", BirthYear = 1990 }; // 2024 - 1990 = 34
        Assert.Equal("25-34", ValueOf(SegmentModel.Fit([c], AsOf), c, SegmentDimensions.AgeBand));
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(1, "1")]
    [InlineData(3, "2-3")]
    [InlineData(9, "4-9")]
    [InlineData(10, "10+")]
    public void Frequency_bands(int purchaseDays, string band)
    {
        var c = new CustomerView { CustomerId = "a", PurchaseDays = purchaseDays };
        Assert.Equal(band, ValueOf(SegmentModel.Fit([c], AsOf), c, SegmentDimensions.FrequencyBand));
    }

    [Fact]
    public void Size_bands_by_fixed_currency_edges()
    {
        var options = new SegmentationOptions { SizeBandEdges = [25m, 50m] };
        CustomerView C(decimal size, int orders = 1) => new() { CustomerId = "s", Orders = orders, AverageTransactionSize = size };
        var model = SegmentModel.Fit([C(10)], AsOf, options);
        Assert.Equal("<25", ValueOf(model, C(10), SegmentDimensions.SizeBand));
        Assert.Equal("25-50", ValueOf(model, C(25), SegmentDimensions.SizeBand));
        Assert.Equal("50+", ValueOf(model, C(60), SegmentDimensions.SizeBand));
        Assert.Equal("unknown", ValueOf(model, C(60, orders: 0), SegmentDimensions.SizeBand));
    }

    [Fact]
    public void Size_bands_by_quartiles_by_default()
    {
        var customers = Enumerable.Range(1, 8).Select(i => new CustomerView { CustomerId = $"s{i}", Orders = 1, AverageTransactionSize = i }).ToList();
        var model = SegmentModel.Fit(customers, AsOf);
        // Eight sizes 1..8: two per quartile.
        Assert.Equal(["q1", "q1", "q2", "q2", "q3", "q3", "q4", "q4"], customers.Select(c => ValueOf(model, c, SegmentDimensions.SizeBand)));
    }

    [Fact]
    public void Clv_tiers_are_top_ten_percent_next_twenty_and_the_rest_by_predicted_clv()
    {
        var customers = Enumerable.Range(1, 100)
            .Select(i => new CustomerView { CustomerId = $"v{i}", PredictedClv = i, HistoricalClv = 101 - i }).ToList();
        var model = SegmentModel.Fit(customers, AsOf);
        Assert.Equal(ClvBasis.Predicted, model.ClvBasis);
        var tiers = customers.Select(c => ValueOf(model, c, SegmentDimensions.ClvTier)).ToList();
        Assert.Equal(10, tiers.Count(t => t == "top_10"));
        Assert.Equal(20, tiers.Count(t => t == "next_20"));
        Assert.Equal(70, tiers.Count(t => t == "rest"));
        Assert.Equal("top_10", tiers[90]);  // CLV 91
        Assert.Equal("next_20", tiers[89]); // CLV 90
        Assert.Equal("next_20", tiers[70]); // CLV 71
        Assert.Equal("rest", tiers[69]);    // CLV 70
    }

    [Fact]
    public void Clv_tiers_fall_back_to_historical_clv_when_nobody_has_a_prediction()
    {
        var customers = Enumerable.Range(1, 10).Select(i => new CustomerView { CustomerId = $"h{i}", HistoricalClv = i }).ToList();
        var model = SegmentModel.Fit(customers, AsOf);
        Assert.Equal(ClvBasis.Historical, model.ClvBasis);
        Assert.Equal("top_10", ValueOf(model, customers[9], SegmentDimensions.ClvTier));
        Assert.Equal("next_20", ValueOf(model, customers[7], SegmentDimensions.ClvTier));
        Assert.Equal("rest", ValueOf(model, customers[6], SegmentDimensions.ClvTier));
    }

    [Fact]
    public void Equal_clvs_at_the_edge_of_a_tier_share_the_upper_tier()
    {
        // Ten customers; the top 10% is one customer, but two share the highest CLV and nobody is above either.
        decimal[] clvs = [100, 100, 90, 80, 70, 60, 50, 40, 30, 20];
        var customers = clvs.Select((v, i) => new CustomerView { CustomerId = $"t{i}", PredictedClv = v }).ToList();
        var model = SegmentModel.Fit(customers, AsOf);
        var tiers = customers.Select(c => ValueOf(model, c, SegmentDimensions.ClvTier)).ToList();
        // Next 20%: fewer than 3 above, so 90 (2 above) is in and 80 (3 above) is not.
        Assert.Equal(["top_10", "top_10", "next_20", "rest", "rest", "rest", "rest", "rest", "rest", "rest"], tiers);
    }
}
