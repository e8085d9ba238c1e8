using CustomerValue.Models;
using MathNet.Numerics;

namespace CustomerValue.Tests.Models;

/// <summary>
/// Modified BG/NBD (Batislam, Denizel &amp; Filiztekin 2007) against the CDNOW fit published by BTYDplus and tested by
/// lifetimes (r 0.525, alpha 6.183, a 0.891, b 1.614), and its closed forms against numerical integration over the
/// dropout probability p (docs/REFERENCE_NUMBERS.md).
/// </summary>
public class ModifiedBgNbdReferenceTests
{
    private static readonly Lazy<ModelFit<ModifiedBgNbdParameters>> CdnowFit = new(() => ModifiedBgNbdModel.Fit(CdnowData.Customers));
    private static readonly ModifiedBgNbdParameters Published = new(0.525, 6.183, 0.891, 1.614);

    [Fact]
    public void Fit_reproduces_the_published_parameters_within_half_a_percent()
    {
        var fit = CdnowFit.Value;
        Assert.True(fit.Converged, string.Join("; ", fit.Warnings));
        AssertRelative(0.525, fit.Parameters.R, 0.005);
        AssertRelative(6.183, fit.Parameters.Alpha, 0.005);
        AssertRelative(0.891, fit.Parameters.A, 0.005);
        AssertRelative(1.614, fit.Parameters.B, 0.005);
        Assert.Equal(2357, fit.Customers);
    }

    [Fact]
    public void Fitted_log_likelihood_is_a_maximum_and_the_sum_over_customers()
    {
        var fit = CdnowFit.Value;
        var perCustomer = CdnowData.Customers.Sum(c => fit.Parameters.LogLikelihood(c.Frequency, c.Recency, c.Age));
        Assert.Equal(perCustomer, fit.LogLikelihood, 6);
        var atPublished = CdnowData.Customers.Sum(c => Published.LogLikelihood(c.Frequency, c.Recency, c.Age));
        Assert.True(fit.LogLikelihood >= atPublished - 1e-6, $"fit {fit.LogLikelihood} below the published point's {atPublished}");
        Assert.True(fit.LogLikelihood - atPublished < 0.05, "the published point is at the optimum to three decimals");
    }

    [Fact]
    public void One_time_buyers_are_not_all_alive_unlike_bg_nbd()
    {
        var mbg = CdnowFit.Value.Parameters;
        var bg = BgNbdModel.Fit(CdnowData.Customers).Parameters;
        var oneTime = CdnowData.Customers.Where(c => c.Frequency == 0).ToList();
        Assert.Equal(1411, oneTime.Count);
        Assert.All(oneTime, c => Assert.Equal(1.0, bg.ProbabilityAlive(c.Frequency, c.Recency, c.Age)));
        var alive = oneTime.Select(c => mbg.ProbabilityAlive(c.Frequency, c.Recency, c.Age)).ToList();
        Assert.All(alive, p => Assert.InRange(p, 0.01, 0.99));
        // The longer a one-time buyer has been silent, the less likely still alive.
        Assert.True(mbg.ProbabilityAlive(0, 0, 38) < mbg.ProbabilityAlive(0, 0, 27));
        // x = 0: alive means "no dropout at the first purchase and no purchase since", against "dropped out at once".
        var direct = (1 - 0.0) * Math.Pow(mbg.Alpha / (mbg.Alpha + 38.86), mbg.R) * mbg.B / (mbg.A + mbg.B);
        var dropped = mbg.A / (mbg.A + mbg.B);
        Assert.Equal(direct / (direct + dropped), mbg.ProbabilityAlive(0, 0, 38.86), 10);
    }

    [Theory]
    [InlineData(0, 0, 38.86)]
    [InlineData(2, 30.43, 38.86)]
    [InlineData(7, 29.43, 38.86)]
    [InlineData(26, 30.86, 31.00)]
    public void Individual_likelihood_matches_integration_over_p(int x, double tx, double T)
    {
        var m = Published;
        // Given p, integrating lambda out: (1-p)^(x+1) G (alpha+T)^-(r+x) + p (1-p)^x G (alpha+t_x)^-(r+x).
        var g = Math.Exp(SpecialFunctions.GammaLn(m.R + x) - SpecialFunctions.GammaLn(m.R) + m.R * Math.Log(m.Alpha));
        var numeric = BetaExpectation(m.A, m.B, p =>
            Math.Pow(1 - p, x + 1) * g * Math.Pow(m.Alpha + T, -(m.R + x)) + p * Math.Pow(1 - p, x) * g * Math.Pow(m.Alpha + tx, -(m.R + x)));
        Assert.Equal(Math.Log(numeric), m.LogLikelihood(x, tx, T), 5);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(39)]
    [InlineData(78)]
    public void Unconditional_expected_purchases_match_integration_over_p(double t)
    {
        var m = Published;
        // E[X(t) | p] after integrating lambda: (1-p)/p [1 - (alpha/(alpha + p t))^r].
        var numeric = BetaExpectation(m.A, m.B, p => (1 - p) / p * -LogMath.ExpM1(m.R * (Math.Log(m.Alpha) - Math.Log(m.Alpha + p * t))));
        Assert.Equal(numeric, m.ExpectedPurchases(t), 5);
    }

    [Theory]
    [InlineData(39, 0, 0, 38.86)]
    [InlineData(39, 2, 30.43, 38.86)]
    [InlineData(1, 7, 29.43, 38.86)]
    [InlineData(52, 26, 30.86, 31.00)]
    public void Conditional_expected_purchases_match_integration_over_the_posterior_of_p(double t, int x, double tx, double T)
    {
        var m = Published;
        // Alive at T: p ~ beta(a, b+x+1), lambda ~ gamma(r+x, alpha+T), then BG/NBD's (1 - e^(-lambda p t)) / p.
        var numeric = BetaExpectation(m.A, m.B + x + 1, p => -LogMath.ExpM1((m.R + x) * (Math.Log(m.Alpha + T) - Math.Log(m.Alpha + T + p * t))) / p);
        Assert.Equal(numeric * m.ProbabilityAlive(x, tx, T), m.ConditionalExpectedPurchases(t, x, tx, T), 5);
    }

    [Fact]
    public void Analytic_gradient_matches_central_differences_on_cdnow()
    {
        var data = RfmGroups.From(CdnowData.Customers);
        GradientCheck.MatchesCentralDifferences(
            (p, gradient) => ModifiedBgNbdModel.TotalLogLikelihood(data, new ModifiedBgNbdParameters(p[0], p[1], p[2], p[3]), gradient), [0.4, 5.0, 0.7, 2.0]);
    }

    [Fact]
    public void Very_frequent_buyers_stay_finite()
    {
        Assert.True(double.IsFinite(Published.LogLikelihood(200, 38, 40)));
        Assert.InRange(Published.ProbabilityAlive(500, 38, 39), 0, 1);
        var expected = Published.ConditionalExpectedPurchases(52, 500, 38, 39);
        Assert.True(double.IsFinite(expected) && expected > 0);
    }

    [Fact]
    public void Too_few_repeat_buyers_is_refused_with_the_model_named()
    {
        var data = Enumerable.Range(0, 50).Select(i => new RfmObservation(i.ToString(), i < 3 ? 1 : 0, i < 3 ? 2 : 0, 10));
        var error = Assert.Throws<ModelFitException>(() => ModifiedBgNbdModel.Fit(data));
        Assert.Contains("Modified BG/NBD needs at least 10 customers with a repeat purchase", error.Message);
    }

    /// <summary>
    /// E[f(p)] for p ~ beta(a, b) by the midpoint rule after p = u^(1/a), which removes the density's singularity at
    /// 0 when a &lt; 1: the integral becomes that of f(u^(1/a)) (1 - u^(1/a))^(b-1) / (a B(a, b)) over u in (0, 1).
    /// </summary>
    internal static double BetaExpectation(double a, double b, Func<double, double> f, int steps = 400_000)
    {
        var scale = Math.Exp(-SpecialFunctions.BetaLn(a, b)) / a;
        double sum = 0;
        for (var i = 0; i < steps; i++)
        {
            var p = Math.Pow((i + 0.5) / steps, 1 / a);
            sum += f(p) * Math.Pow(1 - p, b - 1);
        }
        return sum / steps * scale;
    }

    private static void AssertRelative(double expected, double actual, double relative) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected), $"expected {expected} within {relative:P1}, got {actual}");
}
