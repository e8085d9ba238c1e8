using CustomerValue.Models;

namespace CustomerValue.Tests.Models;

/// <summary>Pareto/NBD on CDNOW, as fitted in Fader, Hardie &amp; Lee (2005).</summary>
public class ParetoNbdReferenceTests
{
    private static readonly Lazy<ModelFit<ParetoNbdParameters>> CdnowFit = new(() => ParetoNbdModel.Fit(CdnowData.Customers));

    [Fact]
    public void Fit_reproduces_the_published_parameters_and_log_likelihood()
    {
        var fit = CdnowFit.Value;
        Assert.True(fit.Converged, string.Join("; ", fit.Warnings));
        Assert.Equal(0.553, fit.Parameters.R, 0.553 * 0.005);
        Assert.Equal(10.578, fit.Parameters.Alpha, 10.578 * 0.005);
        Assert.Equal(0.606, fit.Parameters.S, 0.606 * 0.01);
        Assert.Equal(11.669, fit.Parameters.Beta, 0.1); // the surface is flat in beta
        Assert.InRange(fit.LogLikelihood, -9594.976 - 0.1, -9594.976 + 0.1);
    }

    [Fact]
    public void Zero_purchase_likelihood_matches_the_closed_form()
    {
        // x = 0, t_x = 0: L = P(no purchase in T), which integrates over the lifetime. With alpha = beta the 2F1 terms
        // are 1, and L = (alpha/(alpha+T))^r (beta/(beta+T))^s + s/(r+s) alpha^(r+s) [1/alpha^(r+s) - 1/(alpha+T)^(r+s)].
        double r = 0.5, s = 0.7, ab = 10, T = 30;
        var expected = Math.Pow(ab / (ab + T), r + s) + s / (r + s) * (1 - Math.Pow(ab / (ab + T), r + s));
        var p = new ParetoNbdParameters(r, ab, s, ab);
        Assert.Equal(Math.Log(expected), p.LogLikelihood(0, 0, T), 10);
    }

    [Fact]
    public void Likelihood_is_continuous_across_alpha_equal_beta()
    {
        // The two branches of A0 (alpha >= beta, alpha < beta) must agree where they meet.
        var below = new ParetoNbdParameters(0.55, 10.0 - 1e-7, 0.6, 10.0).LogLikelihood(4, 20, 38);
        var above = new ParetoNbdParameters(0.55, 10.0 + 1e-7, 0.6, 10.0).LogLikelihood(4, 20, 38);
        Assert.Equal(below, above, 1e-6); // the parameters differ by 2e-7, so the values may too
    }

    [Fact]
    public void Predictions_are_finite_for_two_hundred_purchases()
    {
        var p = new ParetoNbdParameters(0.553, 10.578, 0.606, 11.669);
        Assert.True(double.IsFinite(p.LogLikelihood(200, 38, 40)));
        Assert.InRange(p.ProbabilityAlive(200, 38, 40), 0, 1);
        Assert.True(p.ConditionalExpectedPurchases(39, 200, 38, 40) > 0);
    }

    [Fact]
    public void Expected_purchases_grow_with_the_horizon_and_a_customer_with_no_repeat_is_likely_alive_early()
    {
        var p = CdnowFit.Value.Parameters;
        Assert.True(p.ExpectedPurchases(78) > p.ExpectedPurchases(39));
        Assert.True(p.ProbabilityAlive(0, 0, 1) > p.ProbabilityAlive(0, 0, 39));
    }

    [Theory]
    [InlineData(0.5, 0.7, 10.0, 4, 20.0, 38.0)]
    [InlineData(0.5, 0.7, 10.0, 0, 0.0, 38.0)]
    [InlineData(41_000.0, 0.3, 0.5, 2, 1.0, 40.0)] // the integrand falls by e^-20,000 over the first week
    [InlineData(0.4, 1e-9, 1e-4, 30, 5.0, 5.000001)] // a range a millionth of a week long
    public void The_death_integral_matches_its_closed_form_where_alpha_equals_beta(double r, double s, double alphaAndBeta, int x, double tx, double T)
    {
        // With alpha = beta the integrand is (alpha+tau)^-(r+s+x+1), whose integral over (t_x, T) is
        // [(alpha+t_x)^-(r+s+x) - (alpha+T)^-(r+s+x)] / (r+s+x).
        var rsx = r + s + x;
        var d = (T - tx) / (alphaAndBeta + tx);
        var logRatio = d < 1e-4 ? d - d * d / 2 + d * d * d / 3 : Math.Log(1 + d); // log((alpha+T)/(alpha+t_x)) to full precision
        var expected = -rsx * Math.Log(alphaAndBeta + tx) - Math.Log(rsx) + Math.Log(-LogMath.ExpM1(-rsx * logRatio));
        var p = new ParetoNbdParameters(r, alphaAndBeta, s, alphaAndBeta);
        Assert.Equal(expected, p.LogDeathIntegral(x, tx, T), Math.Abs(expected) * 1e-12 + 1e-12);
    }

    [Theory]
    [InlineData(0.55, 3e4, 0.6, 2.0, 3, 10.0, 39.0)] // alpha >> beta: the 2F1 argument is 0.9999
    [InlineData(0.55, 2.0, 0.6, 5e4, 7, 30.0, 39.0)] // beta >> alpha
    public void Where_the_series_needs_many_thousands_of_terms_the_likelihood_is_the_same_by_quadrature(
        double r, double alpha, double s, double beta, int x, double tx, double T)
    {
        // The series summed to convergence (up to two million terms) is the reference; the model sums at most a few
        // thousand terms and takes the quadrature beyond.
        var rsx = r + s + x;
        var (max, b) = alpha >= beta ? (alpha, s + 1) : (beta, r + x);
        var gap = Math.Abs(alpha - beta);
        var (logF1, _) = Hypergeometric.Log2F1(rsx, b, rsx + 1, gap / (max + tx));
        var (logF2, _) = Hypergeometric.Log2F1(rsx, b, rsx + 1, gap / (max + T));
        Assert.False(Hypergeometric.TryLog2F1(rsx, b, rsx + 1, gap / (max + tx), ParetoNbdParameters.SeriesTermBudget, out _, out _));
        var logA0 = LogMath.LogSubExp(logF1 - rsx * Math.Log(max + tx), logF2 - rsx * Math.Log(max + T));
        var head = MathNet.Numerics.SpecialFunctions.GammaLn(r + x) - MathNet.Numerics.SpecialFunctions.GammaLn(r) + r * Math.Log(alpha) + s * Math.Log(beta);
        var expected = head + LogMath.LogAddExp(-(r + x) * Math.Log(alpha + T) - s * Math.Log(beta + T), Math.Log(s) - Math.Log(rsx) + logA0);

        var p = new ParetoNbdParameters(r, alpha, s, beta);
        Assert.Equal(expected, p.LogLikelihood(x, tx, T), Math.Abs(expected) * 1e-10);
        Assert.Equal(Math.Log(rsx) + p.LogDeathIntegral(x, tx, T), logA0, Math.Abs(logA0) * 1e-10);
    }
}
