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
}
