using CustomerValue.Domain;
using CustomerValue.Value;

namespace CustomerValue.Tests.Value;

public class AcquisitionCalculatorTests
{
    [Fact]
    public void Cac_spreads_spend_over_the_months_by_days_and_divides_by_new_customers()
    {
        // 610 over Jan 1 .. Feb 29 2024 (31 + 29 = 60 days): January gets 610 x 31/60 = 315.1666..., February 294.8333...
        CostEntry[] costs = [new(CostCategory.Acquisition, CostScope.Channel, "search", 610m, new(2024, 1, 1), new(2024, 2, 29))];
        CustomerProfile[] profiles =
        [
            new("a", new(2024, 1, 3), Channel: "search"),
            new("b", new(2024, 1, 20), Channel: "search"),
            new("c", new(2024, 2, 2), Channel: "search"),
            new("d", new(2024, 3, 2), Channel: "search"),
        ];
        var rows = AcquisitionCalculator.CacByChannelAndMonth(costs, profiles);
        Assert.Equal(3, rows.Count);
        Assert.Equal(610m * 31 / 60 / 2, rows[0].Cac!.Value, 10);
        Assert.Equal(2, rows[0].NewCustomers);
        Assert.Equal(610m * 29 / 60, rows[1].Cac!.Value, 10);
        Assert.Equal((2024, 3, 0m, 1, 0m), (rows[2].Year, rows[2].Month, rows[2].Spend, rows[2].NewCustomers, rows[2].Cac!.Value));
    }

    [Fact]
    public void Spend_without_new_customers_has_no_cac_and_says_why()
    {
        var rows = AcquisitionCalculator.CacByChannelAndMonth(
            [new(CostCategory.Acquisition, CostScope.Channel, "tv", 100m, new(2024, 5, 1), new(2024, 5, 31))], []);
        Assert.Null(Assert.Single(rows).Cac);
        Assert.Contains("no new customers", rows[0].Note);
    }

    [Fact]
    public void Ltv_to_cac_and_payback()
    {
        Assert.Equal(3m, AcquisitionCalculator.LtvToCac(300m, 100m));
        Assert.Null(AcquisitionCalculator.LtvToCac(300m, 0m));
        // CAC 120, 50 a month at 40% margin = 20 a month -> 6 months.
        Assert.Equal(6m, AcquisitionCalculator.CacPaybackMonths(120m, 50m, 0.4m));
        Assert.Null(AcquisitionCalculator.CacPaybackMonths(120m, 0m));
    }
}
