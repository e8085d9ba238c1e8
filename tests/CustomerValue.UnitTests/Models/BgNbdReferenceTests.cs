using CustomerValue.Models;

namespace CustomerValue.Tests.Models;

/// <summary>BG/NBD against the published CDNOW figures of Fader, Hardie &amp; Lee (2005) (docs/REFERENCE_NUMBERS.md).</summary>
public class BgNbdReferenceTests
{
    // Full-precision fit reported by other implementations.
    private static readonly BgNbdParameters Published = new(0.2425945, 4.4136019, 0.7929199, 2.4258881);

    private static readonly Lazy<ModelFit<BgNbdParameters>> CdnowFit = new(() => BgNbdModel.Fit(CdnowData.Customers));

    [Fact]
    public void Data_is_the_published_calibration_sample()
    {
        Assert.Equal(2357, CdnowData.Customers.Length);
        Assert.Equal(1411, CdnowData.Customers.Count(c => c.Frequency == 0));
        Assert.Equal(2457, CdnowData.Customers.Sum(c => c.Frequency));
    }

    [Fact]
    public void Fit_reproduces_the_published_parameters_within_half_a_percent_and_the_log_likelihood_within_a_tenth()
    {
        var fit = CdnowFit.Value;
        Assert.True(fit.Converged, string.Join("; ", fit.Warnings));
        AssertRelative(0.2425945, fit.Parameters.R, 0.005);
        AssertRelative(4.4136019, fit.Parameters.Alpha, 0.005);
        AssertRelative(0.7929199, fit.Parameters.A, 0.005);
        AssertRelative(2.4258881, fit.Parameters.B, 0.005);
        Assert.InRange(fit.LogLikelihood, -9582.429 - 0.1, -9582.429 + 0.1);
        Assert.Equal(2357, fit.Customers);
        Assert.True(fit.DistinctRows < 2357, "identical (x, t_x, T) rows are grouped");
    }

    [Fact]
    public void Fit_from_grouped_rows_has_the_likelihood_of_the_sum_over_customers()
    {
        var fit = CdnowFit.Value;
        var perCustomer = CdnowData.Customers.Sum(c => fit.Parameters.LogLikelihood(c.Frequency, c.Recency, c.Age));
        Assert.Equal(perCustomer, fit.LogLikelihood, 6);
    }

    [Fact]
    public void Expected_purchases_of_customer_one_in_the_next_39_weeks_with_the_rounded_parameters_is_1_226()
    {
        var rounded = new BgNbdParameters(0.243, 4.414, 0.793, 2.426);
        Assert.Equal(1.226, rounded.ConditionalExpectedPurchases(39, 2, 30.43, 38.86), 3);
    }

    [Theory]
    [InlineData(2, 30.43, 38.86, 0.726609, 0.037443, 1.225906)]
    [InlineData(1, 1.71, 38.86, 0.212231, 0.006065, 0.203254)]
    [InlineData(0, 0, 38.86, 1.000000, 0.005586, 0.194782)]
    [InlineData(7, 29.43, 38.86, 0.641795, 0.106631, 3.337187)]
    [InlineData(26, 30.86, 31.00, 0.968919, 0.710621, 20.750289)]
    public void Conditional_predictions_match_the_published_table_to_six_decimals(int x, double tx, double T, double alive, double next1, double next39)
    {
        Assert.Equal(alive, Published.ProbabilityAlive(x, tx, T), 6);
        Assert.Equal(next1, Published.ConditionalExpectedPurchases(1, x, tx, T), 6);
        Assert.Equal(next39, Published.ConditionalExpectedPurchases(39, x, tx, T), 6);
    }

    [Theory]
    [InlineData(0.1429, 0.0078, 0.00005)]
    [InlineData(1, 0.0532, 0.00005)]
    [InlineData(3, 0.1506, 0.00005)]
    [InlineData(31.8571, 1.0405, 0.00005)]
    [InlineData(32, 1.0437, 0.00005)]
    [InlineData(78, 1.858, 0.0006)] // sources differ by 4e-4 here
    public void Unconditional_expected_purchases_match(double t, double expected, double tolerance)
    {
        Assert.InRange(Published.ExpectedPurchases(t), expected - tolerance, expected + tolerance);
    }

    [Fact]
    public void Single_customer_log_likelihoods_match_including_two_hundred_purchases()
    {
        var p = new BgNbdParameters(R: 0.25, Alpha: 4.00, A: 0.80, B: 2.50);
        Assert.Equal(-0.59947382, p.LogLikelihood(0, 0, 40), 8);
        var large = p.LogLikelihood(200, 38, 40);
        Assert.True(double.IsFinite(large));
        Assert.Equal(100.7957, large, 4);
    }

    [Fact]
    public void Zero_purchase_log_likelihood_is_r_log_alpha_minus_r_log_alpha_plus_T()
    {
        // x = 0: L = (alpha/(alpha+T))^r, the beta terms cancel. 0.25 * ln(4/44) = -0.59947...
        var p = new BgNbdParameters(0.25, 4, 0.8, 2.5);
        Assert.Equal(0.25 * Math.Log(4.0 / 44.0), p.LogLikelihood(0, 0, 40), 12);
    }

    [Fact]
    public void Predictions_stay_finite_for_very_frequent_buyers()
    {
        var alive = Published.ProbabilityAlive(500, 38, 39);
        var expected = Published.ConditionalExpectedPurchases(52, 500, 38, 39);
        Assert.InRange(alive, 0, 1);
        Assert.True(double.IsFinite(expected) && expected > 0);
    }

    [Fact]
    public void Too_few_repeat_buyers_is_refused_with_a_reason()
    {
        var data = Enumerable.Range(0, 50).Select(i => new RfmObservation(i.ToString(), i < 3 ? 1 : 0, i < 3 ? 2 : 0, 10));
        var error = Assert.Throws<ModelFitException>(() => BgNbdModel.Fit(data));
        Assert.Contains("at least 10 customers with a repeat purchase", error.Message);
        Assert.Contains("3 of 50", error.Message);
    }

    [Fact]
    public void A_fit_stopped_before_convergence_says_so()
    {
        var fit = BgNbdModel.Fit(CdnowData.Customers, new FitOptions { MaxEvaluations = 20 });
        Assert.False(fit.Converged);
        Assert.Contains(fit.Warnings, w => w.Contains("did not converge"));
    }

    private static void AssertRelative(double expected, double actual, double relative) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected), $"expected {expected} within {relative:P1}, got {actual}");
}

public class BgNbdGradientTests
{
    [Fact]
    public void Analytic_gradient_matches_central_differences_on_cdnow()
    {
        var data = RfmGroups.From(CdnowData.Customers);
        GradientCheck.MatchesCentralDifferences((p, gradient) => BgNbdModel.TotalLogLikelihood(data, new BgNbdParameters(p[0], p[1], p[2], p[3]), gradient), [0.3, 5.0, 0.7, 2.0]);
    }
}
