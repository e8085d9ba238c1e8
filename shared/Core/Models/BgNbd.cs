using MathNet.Numerics;

namespace CustomerValue.Models;

/// <summary>
/// BG/NBD parameters (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy way"): purchase rates are
/// gamma(r, alpha) across customers; after each purchase a customer drops out with probability p ~ beta(a, b).
/// </summary>
public sealed record BgNbdParameters(double R, double Alpha, double A, double B) : IRepeatPurchaseModel
{
    public string Name => "bgnbd";

    public IReadOnlyDictionary<string, double> NamedParameters =>
        new Dictionary<string, double> { ["r"] = R, ["alpha"] = Alpha, ["a"] = A, ["b"] = B };

    /// <summary>Individual log-likelihood, paper eq. (6), as log-sum-exp of its two terms.</summary>
    public double LogLikelihood(int x, double tx, double T)
    {
        var common = SpecialFunctions.GammaLn(R + x) - SpecialFunctions.GammaLn(R) + R * Math.Log(Alpha)
                     + SpecialFunctions.BetaLn(A, B + x) - SpecialFunctions.BetaLn(A, B);
        var survived = -(R + x) * Math.Log(Alpha + T);
        if (x == 0) return common + survived;
        var droppedAfterLast = Math.Log(A) - Math.Log(B + x - 1) - (R + x) * Math.Log(Alpha + tx);
        return common + LogMath.LogAddExp(survived, droppedAfterLast);
    }

    /// <summary>P(alive | x, t_x, T) = 1 / (1 + [x &gt; 0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)).</summary>
    public double ProbabilityAlive(int x, double tx, double T)
    {
        if (x == 0) return 1.0;
        var logTerm = Math.Log(A) - Math.Log(B + x - 1) + (R + x) * (Math.Log(Alpha + T) - Math.Log(Alpha + tx));
        return LogMath.InverseOnePlusExp(logTerm);
    }

    /// <summary>
    /// E[Y(t) | x, t_x, T], paper eq. (10):
    /// (a+b+x-1)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; t/(alpha+T+t))] P(alive).
    /// </summary>
    public double ConditionalExpectedPurchases(double t, int x, double tx, double T)
    {
        if (t <= 0) return 0;
        var c = A + B + x - 1;
        var z = t / (Alpha + T + t);
        var (logF, sign) = Hypergeometric.Log2F1(R + x, B + x, c, z);
        var logPower = (R + x) * (Math.Log(Alpha + T) - Math.Log(Alpha + T + t));
        var bracket = 1 - sign * Math.Exp(logPower + logF);
        return c / (A - 1) * bracket * ProbabilityAlive(x, tx, T);
    }

    /// <summary>E[X(t)], paper eq. (9): (a+b-1)/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))].</summary>
    public double ExpectedPurchases(double t)
    {
        if (t <= 0) return 0;
        var (logF, sign) = Hypergeometric.Log2F1(R, B, A + B - 1, t / (Alpha + t));
        var logPower = R * (Math.Log(Alpha) - Math.Log(Alpha + t));
        return (A + B - 1) / (A - 1) * (1 - sign * Math.Exp(logPower + logF));
    }
}

/// <summary>Maximum-likelihood fit of the BG/NBD model on grouped (x, t_x, T) rows.</summary>
public static class BgNbdModel
{
    public static ModelFit<BgNbdParameters> Fit(IEnumerable<RfmObservation> observations, FitOptions? options = null) =>
        Fit(RfmGroups.From(observations), options);

    public static ModelFit<BgNbdParameters> Fit(RfmGroups data, FitOptions? options = null) =>
        BetaGeometricNbdLikelihood.Fit(data, options, dropoutAtFirstPurchase: false, "BG/NBD", p => new BgNbdParameters(p[0], p[1], p[2], p[3]));

    /// <summary>
    /// Total log-likelihood of the grouped rows at <paramref name="parameters"/>; when <paramref name="gradient"/> is
    /// given it receives the derivatives with respect to r, alpha, a and b.
    /// </summary>
    public static double TotalLogLikelihood(RfmGroups data, BgNbdParameters parameters, double[]? gradient = null) =>
        new BetaGeometricNbdLikelihood(data, dropoutAtFirstPurchase: false).Evaluate([parameters.R, parameters.Alpha, parameters.A, parameters.B], gradient);
}
