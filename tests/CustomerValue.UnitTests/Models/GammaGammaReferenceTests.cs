using CustomerValue.Models;

namespace CustomerValue.Tests.Models;

/// <summary>Gamma-Gamma on the 946 CDNOW repeat buyers (Fader &amp; Hardie 2013 note).</summary>
public class GammaGammaReferenceTests
{
    private static readonly Lazy<ModelFit<GammaGammaParameters>> CdnowFit = new(() => GammaGammaModel.Fit(CdnowData.CustomersWithSpend));

    [Fact]
    public void Fit_reproduces_p_q_v_and_the_log_likelihood()
    {
        var fit = CdnowFit.Value;
        Assert.True(fit.Converged, string.Join("; ", fit.Warnings));
        Assert.Equal(946, fit.Customers);
        // Published to two decimals; the surface is flat along v, so allow half a percent as for BG/NBD.
        Assert.Equal(6.25, fit.Parameters.P, 6.25 * 0.005);
        Assert.Equal(3.74, fit.Parameters.Q, 3.74 * 0.005);
        Assert.Equal(15.44, fit.Parameters.V, 15.44 * 0.005);
        Assert.InRange(fit.LogLikelihood, -4055.92 - 0.1, -4055.92 + 0.1);
    }

    [Fact]
    public void Conditional_expected_spend_of_customers_one_to_ten_matches()
    {
        double[] expected = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
        var p = CdnowFit.Value.Parameters;
        for (var i = 0; i < 10; i++)
        {
            var c = CdnowData.CustomersWithSpend[i];
            var spend = p.ConditionalExpectedSpend(c.Frequency, c.MonetaryValue);
            Assert.NotNull(spend);
            Assert.True(Math.Abs(spend.Value - expected[i]) <= 0.1, $"customer {c.CustomerId}: expected {expected[i]}, got {spend}");
        }
    }

    [Fact]
    public void Population_mean_is_p_v_over_q_minus_one_and_absent_when_q_is_at_most_one()
    {
        Assert.Equal(6.25 * 15.44 / 2.74, new GammaGammaParameters(6.25, 3.74, 15.44).PopulationMeanSpend!.Value, 10);
        var heavyTailed = new GammaGammaParameters(2, 0.8, 10);
        Assert.False(heavyTailed.HasFiniteMeanSpend);
        Assert.Null(heavyTailed.PopulationMeanSpend);
        Assert.Null(heavyTailed.ConditionalExpectedSpend(0, 0));
        // With x = 1 the denominator p x + q - 1 = 1.8 is positive: (2 (10 + 20)) / 1.8.
        Assert.Equal(60 / 1.8, heavyTailed.ConditionalExpectedSpend(1, 20)!.Value, 10);
    }

    [Fact]
    public void Non_positive_spend_of_a_repeat_buyer_is_refused_naming_the_customer()
    {
        var data = CdnowData.CustomersWithSpend.Take(100).Append(new RfmObservation("refunder", 2, 10, 30, -5));
        var error = Assert.Throws<ModelFitException>(() => GammaGammaModel.Fit(data));
        Assert.Contains("refunder", error.Message);
        Assert.Contains("not positive", error.Message);
    }

    [Fact]
    public void Too_few_repeat_buyers_is_refused()
    {
        var data = CdnowData.CustomersWithSpend.Where(c => c.Frequency > 0).Take(5);
        Assert.Throws<ModelFitException>(() => GammaGammaModel.Fit(data));
    }
}

public class GammaGammaGradientTests
{
    [Fact]
    public void Analytic_gradient_matches_central_differences_on_cdnow()
    {
        double[] at = [5.0, 3.0, 12.0];
        var gradient = new double[3];
        var data = CdnowData.CustomersWithSpend;
        GammaGammaModel.TotalLogLikelihood(data, new GammaGammaParameters(at[0], at[1], at[2]), gradient);
        for (var i = 0; i < 3; i++)
        {
            var h = 1e-6 * at[i];
            double[] up = [.. at], down = [.. at];
            up[i] += h;
            down[i] -= h;
            var numeric = (GammaGammaModel.TotalLogLikelihood(data, new GammaGammaParameters(up[0], up[1], up[2]))
                           - GammaGammaModel.TotalLogLikelihood(data, new GammaGammaParameters(down[0], down[1], down[2]))) / (2 * h);
            Assert.True(Math.Abs(numeric - gradient[i]) <= 1e-4 * Math.Max(1, Math.Abs(numeric)), $"parameter {i}: analytic {gradient[i]}, numeric {numeric}");
        }
    }

    [Fact]
    public void Total_log_likelihood_is_the_sum_of_the_individual_ones()
    {
        var p = new GammaGammaParameters(6.25, 3.74, 15.44);
        var expected = CdnowData.CustomersWithSpend.Where(c => c.Frequency > 0).Sum(c => p.LogLikelihood(c.Frequency, c.MonetaryValue));
        Assert.Equal(expected, GammaGammaModel.TotalLogLikelihood(CdnowData.CustomersWithSpend, p), 6);
    }
}
