using MathNet.Numerics;

namespace CustomerValue.Models;

/// <summary>
/// Modified BG/NBD parameters (Batislam, Denizel &amp; Filiztekin 2007; conditional expectation corrected by Wagner
/// &amp; Hoppe 2008): as BG/NBD, purchase rates are gamma(r, alpha) and the dropout probability p ~ beta(a, b), but a
/// customer may also drop out right after the first purchase. So a customer who never came back (x = 0) is not
/// assumed alive: P(alive | x = 0) = 1 / (1 + a/b ((alpha+T)/alpha)^r) &lt; 1.
/// </summary>
public sealed record ModifiedBgNbdParameters(double R, double Alpha, double A, double B) : IRepeatPurchaseModel
{
    public string Name => "mbgnbd";

    public IReadOnlyDictionary<string, double> NamedParameters =>
        new Dictionary<string, double> { ["r"] = R, ["alpha"] = Alpha, ["a"] = A, ["b"] = B };

    /// <summary>
    /// log L = log[Gamma(r+x) alpha^r / Gamma(r)] + log[B(a, b+x+1) / B(a, b)]
    ///       + log[(alpha+T)^-(r+x) + a/(b+x) (alpha+t_x)^-(r+x)].
    /// </summary>
    public double LogLikelihood(int x, double tx, double T)
    {
        var common = SpecialFunctions.GammaLn(R + x) - SpecialFunctions.GammaLn(R) + R * Math.Log(Alpha)
                     + SpecialFunctions.BetaLn(A, B + x + 1) - SpecialFunctions.BetaLn(A, B);
        var survived = -(R + x) * Math.Log(Alpha + T);
        var droppedAfterLast = Math.Log(A) - Math.Log(B + x) - (R + x) * Math.Log(Alpha + tx);
        return common + LogMath.LogAddExp(survived, droppedAfterLast);
    }

    /// <summary>P(alive | x, t_x, T) = 1 / (1 + a/(b+x) ((alpha+T)/(alpha+t_x))^(r+x)), for every x including 0.</summary>
    public double ProbabilityAlive(int x, double tx, double T)
    {
        var logTerm = Math.Log(A) - Math.Log(B + x) + (R + x) * (Math.Log(Alpha + T) - Math.Log(Alpha + tx));
        return LogMath.InverseOnePlusExp(logTerm);
    }

    /// <summary>
    /// E[Y(t) | x, t_x, T] = (a+b+x)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x+1; a+b+x; t/(alpha+T+t))] P(alive):
    /// a customer alive at T has p ~ beta(a, b+x+1) and lambda ~ gamma(r+x, alpha+T), and from then on buys as in BG/NBD.
    /// </summary>
    public double ConditionalExpectedPurchases(double t, int x, double tx, double T)
    {
        if (t <= 0) return 0;
        var c = A + B + x;
        var (logF, sign) = Hypergeometric.Log2F1(R + x, B + x + 1, c, t / (Alpha + T + t));
        var logPower = (R + x) * (Math.Log(Alpha + T) - Math.Log(Alpha + T + t));
        return c / (A - 1) * (1 - sign * Math.Exp(logPower + logF)) * ProbabilityAlive(x, tx, T);
    }

    /// <summary>
    /// E[X(t)] = b/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b+1; a+b; t/(alpha+t))]: BG/NBD's expectation given p is
    /// (1 - e^(-lambda p t)) / p, times the chance (1 - p) of not dropping out at the first purchase.
    /// </summary>
    public double ExpectedPurchases(double t)
    {
        if (t <= 0) return 0;
        var (logF, sign) = Hypergeometric.Log2F1(R, B + 1, A + B, t / (Alpha + t));
        var logPower = R * (Math.Log(Alpha) - Math.Log(Alpha + t));
        return B / (A - 1) * (1 - sign * Math.Exp(logPower + logF));
    }
}

/// <summary>Maximum-likelihood fit of the modified BG/NBD model on grouped (x, t_x, T) rows.</summary>
public static class ModifiedBgNbdModel
{
    public static ModelFit<ModifiedBgNbdParameters> Fit(IEnumerable<RfmObservation> observations, FitOptions? options = null) =>
        Fit(RfmGroups.From(observations), options);

    public static ModelFit<ModifiedBgNbdParameters> Fit(RfmGroups data, FitOptions? options = null) =>
        BetaGeometricNbdLikelihood.Fit(data, options, dropoutAtFirstPurchase: true, "Modified BG/NBD", p => new ModifiedBgNbdParameters(p[0], p[1], p[2], p[3]));

    /// <summary>Total log-likelihood of the grouped rows; <paramref name="gradient"/> receives d/d(r, alpha, a, b) when given.</summary>
    public static double TotalLogLikelihood(RfmGroups data, ModifiedBgNbdParameters parameters, double[]? gradient = null) =>
        new BetaGeometricNbdLikelihood(data, dropoutAtFirstPurchase: true).Evaluate([parameters.R, parameters.Alpha, parameters.A, parameters.B], gradient);
}
