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

public class RfmInputsTests
{
    [Fact]
    public void Transactions_become_repeat_purchase_summaries_in_weeks()
    {
        var end = new DateOnly(1997, 9, 30);
        CustomerValue.Domain.Transaction[] transactions =
        [
            new("a", new(1997, 1, 1), 10m),
            new("a", new(1997, 1, 1), 5m),   // same day: one purchase of 15
            new("a", new(1997, 1, 15), 0m),  // a $0 line is still a purchase
            new("a", new(1997, 2, 12), 30m),
            new("a", new(1997, 3, 1), -30m), // refund: not a purchase
            new("a", new(1997, 12, 1), 99m), // after the calibration end
            new("b", new(1997, 10, 2), 20m), // first purchase after the end: left out
        ];
        var a = Assert.Single(RfmInputs.FromTransactions(transactions, end, daysPerTimeUnit: 7));
        // Purchase days Jan 1, Jan 15, Feb 12 -> x = 2; t_x = 42 days = 6 weeks; T = Jan 1 -> Sep 30 = 272 days.
        Assert.Equal(("a", 2), (a.CustomerId, a.Frequency));
        Assert.Equal(6.0, a.Recency, 12);
        Assert.Equal(272 / 7.0, a.Age, 12);
        Assert.Equal((0 + 30) / 2.0, a.MonetaryValue, 12); // mean of the repeat days
    }

    [Fact]
    public void Summary_reader_accepts_the_lifetimes_and_paper_column_names()
    {
        var rows = RfmInputs.ReadSummary(new StringReader("ID,x,t_x,T,zbar\n1,2,30.43,38.86,22.35\n2,1,40,38.86,5\n"), "s.csv").ToList();
        Assert.True(rows[0].IsAccepted);
        Assert.Equal(new RfmObservation("1", 2, 30.43, 38.86, 22.35), rows[0].Value);
        Assert.False(rows[1].IsAccepted); // t_x after T
        Assert.Equal(3, rows[1].Rejection!.Line);
        Assert.Contains("after the end of calibration", rows[1].Rejection!.Reason);
    }

    [Fact]
    public void Analysis_leaves_repeat_buyers_without_positive_spend_out_of_the_spend_fit_and_says_so()
    {
        var customers = CdnowData.CustomersWithSpend.Append(new RfmObservation("free", 3, 20, 30, 0)).ToList();
        var result = ClvAnalysis.Run(customers, RepeatPurchaseModelKind.BgNbd, new ClvOptions { Periods = 4 });
        Assert.NotNull(result.Spend);
        Assert.Equal(946, result.Spend!.Customers);
        Assert.Contains(result.Warnings, w => w.Contains("1 repeat buyer(s) with a mean repeat spend of 0 or less"));
    }
}
