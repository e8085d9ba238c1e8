using CustomerValue.Models;

namespace CustomerValue.Tests.Models;

public class ClvCalculatorTests
{
    private static readonly BgNbdParameters Purchases = new(0.2425945, 4.4136019, 0.7929199, 2.4258881);
    private static readonly GammaGammaParameters Spend = new(6.25, 3.74, 15.44);
    private static readonly RfmObservation Customer = new("c1", 2, 30.43, 38.86, 22.35);

    [Fact]
    public void Undiscounted_clv_is_expected_purchases_times_expected_spend_times_margin()
    {
        var p = ClvCalculator.Predict(Purchases, Spend, Customer, new ClvOptions { Periods = 39, Margin = 0.3 });
        // Gamma-Gamma: p (v + x zbar) / (p x + q - 1) = 6.25 (15.44 + 44.7) / 15.24.
        var spend = 6.25 * (15.44 + 2 * 22.35) / (6.25 * 2 + 3.74 - 1);
        Assert.Equal(spend, p.ExpectedSpend!.Value, 10);
        Assert.Equal(1.225906, p.ExpectedPurchases, 5);
        Assert.Equal(p.ExpectedPurchases * spend * 0.3, p.Clv!.Value, 8);
    }

    [Fact]
    public void Discounted_clv_sums_each_period_increment_over_one_plus_rate_to_the_k()
    {
        var options = new ClvOptions { Periods = 4, PeriodLength = 13, DiscountRate = 0.02 };
        var p = ClvCalculator.Predict(Purchases, Spend, Customer, options);
        double expected = 0;
        for (var k = 1; k <= 4; k++)
        {
            var increment = Purchases.ConditionalExpectedPurchases(13 * k, 2, 30.43, 38.86) - Purchases.ConditionalExpectedPurchases(13 * (k - 1), 2, 30.43, 38.86);
            expected += increment * p.ExpectedSpend!.Value / Math.Pow(1.02, k);
        }
        Assert.Equal(expected, p.Clv!.Value, 10);
        Assert.True(p.Clv < p.ExpectedPurchases * p.ExpectedSpend);
    }

    [Fact]
    public void Spend_model_without_a_finite_mean_gives_no_clv_for_one_time_buyers_never_a_negative_one()
    {
        var heavyTailed = new GammaGammaParameters(2, 0.8, 10);
        var oneTime = ClvCalculator.Predict(Purchases, heavyTailed, new RfmObservation("c0", 0, 0, 38.86), new ClvOptions());
        Assert.Null(oneTime.ExpectedSpend);
        Assert.Null(oneTime.Clv);
        var repeat = ClvCalculator.Predict(Purchases, heavyTailed, Customer, new ClvOptions());
        Assert.True(repeat.Clv > 0);
    }

    [Fact]
    public void Analysis_without_spend_predicts_purchases_and_says_why_clv_is_empty()
    {
        var result = ClvAnalysis.Run(CdnowData.Customers, RepeatPurchaseModelKind.BgNbd, new ClvOptions { Periods = 39 });
        Assert.Null(result.Spend);
        Assert.All(result.Predictions, p => Assert.Null(p.Clv));
        Assert.Contains(result.Warnings, w => w.Contains("no spend given"));
        Assert.Equal(1.2259, result.Predictions[0].ExpectedPurchases, 3);
    }
}
