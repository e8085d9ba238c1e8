using MathNet.Numerics;

namespace CustomerValue.Models;

/// <summary>
/// Pareto/NBD parameters (Schmittlein, Morrison &amp; Colombo 1987): purchase rates gamma(r, alpha), exponential
/// lifetimes whose dropout rates are gamma(s, beta). Likelihood and predictions per Fader &amp; Hardie (2005),
/// "A note on deriving the Pareto/NBD model and related expressions", in log space.
/// </summary>
public sealed record ParetoNbdParameters(double R, double Alpha, double S, double Beta) : IRepeatPurchaseModel
{
    public string Name => "paretonbd";

    public IReadOnlyDictionary<string, double> NamedParameters =>
        new Dictionary<string, double> { ["r"] = R, ["alpha"] = Alpha, ["s"] = S, ["beta"] = Beta };

    /// <summary>
    /// log L = log Gamma(r+x) - log Gamma(r) + r log alpha + s log beta
    ///       + log[ (alpha+T)^-(r+x) (beta+T)^-s + s/(r+s+x) A0 ].
    /// </summary>
    public double LogLikelihood(int x, double tx, double T)
    {
        var head = SpecialFunctions.GammaLn(R + x) - SpecialFunctions.GammaLn(R) + R * Math.Log(Alpha) + S * Math.Log(Beta);
        var aliveAtT = -(R + x) * Math.Log(Alpha + T) - S * Math.Log(Beta + T);
        var diedBeforeT = Math.Log(S) - Math.Log(R + S + x) + LogA0(x, tx, T);
        return head + LogMath.LogAddExp(aliveAtT, diedBeforeT);
    }

    /// <summary>
    /// log A0 of the note, written with the larger of alpha and beta so that the 2F1 argument |alpha-beta|/(max+t)
    /// lies in [0, 1): A0 = F(z(t_x)) / (max+t_x)^(r+s+x) - F(z(T)) / (max+T)^(r+s+x), with
    /// F = 2F1(r+s+x, s+1; r+s+x+1; .) when alpha &gt;= beta and 2F1(r+s+x, r+x; r+s+x+1; .) otherwise.
    /// </summary>
    internal double LogA0(int x, double tx, double T)
    {
        var rsx = R + S + x;
        var (max, b) = Alpha >= Beta ? (Alpha, S + 1) : (Beta, R + x);
        var gap = Math.Abs(Alpha - Beta);
        var (logF1, _) = Hypergeometric.Log2F1(rsx, b, rsx + 1, gap / (max + tx));
        var (logF2, _) = Hypergeometric.Log2F1(rsx, b, rsx + 1, gap / (max + T));
        return LogMath.LogSubExp(logF1 - rsx * Math.Log(max + tx), logF2 - rsx * Math.Log(max + T));
    }

    /// <summary>P(alive) = 1 / (1 + s/(r+s+x) (alpha+T)^(r+x) (beta+T)^s A0).</summary>
    public double ProbabilityAlive(int x, double tx, double T)
    {
        var logTerm = Math.Log(S) - Math.Log(R + S + x) + (R + x) * Math.Log(Alpha + T) + S * Math.Log(Beta + T) + LogA0(x, tx, T);
        return LogMath.InverseOnePlusExp(logTerm);
    }

    /// <summary>E[Y(t) | x, t_x, T] = (r+x)(beta+T) / ((alpha+T)(s-1)) [1 - ((beta+T)/(beta+T+t))^(s-1)] P(alive).</summary>
    public double ConditionalExpectedPurchases(double t, int x, double tx, double T)
    {
        if (t <= 0) return 0;
        return (R + x) / (Alpha + T) * LifetimeIntegral(Beta + T, t) * ProbabilityAlive(x, tx, T);
    }

    /// <summary>E[X(t)] = r/alpha * beta/(s-1) [1 - (beta/(beta+t))^(s-1)].</summary>
    public double ExpectedPurchases(double t) => t <= 0 ? 0 : R / Alpha * LifetimeIntegral(Beta, t);

    /// <summary>
    /// Expected time alive in the next t units for dropout rates gamma(s, scale): scale/(s-1) [1 - (scale/(scale+t))^(s-1)],
    /// which tends to scale log((scale+t)/scale) as s -&gt; 1.
    /// </summary>
    private double LifetimeIntegral(double scale, double t)
    {
        var logRatio = Math.Log(scale) - Math.Log(scale + t);
        if (Math.Abs(S - 1) < 1e-9) return -scale * logRatio;
        return scale / (S - 1) * -LogMath.ExpM1((S - 1) * logRatio);
    }
}

/// <summary>Maximum-likelihood fit of the Pareto/NBD model on grouped (x, t_x, T) rows.</summary>
public static class ParetoNbdModel
{
    public static ModelFit<ParetoNbdParameters> Fit(IEnumerable<RfmObservation> observations, FitOptions? options = null) =>
        Fit(RfmGroups.From(observations), options);

    public static ModelFit<ParetoNbdParameters> Fit(RfmGroups data, FitOptions? options = null)
    {
        options ??= FitOptions.Default;
        if (data.RepeatBuyers < options.MinimumRepeatBuyers)
            throw new ModelFitException(
                $"Pareto/NBD needs at least {options.MinimumRepeatBuyers} customers with a repeat purchase; the data has {data.RepeatBuyers} of {data.Customers}.");
        var start = options.Start ?? [1.0, 10.0, 1.0, 10.0];
        var (p, ll, evaluations, converged) = MaximumLikelihood.Maximize(parameters =>
        {
            var model = new ParetoNbdParameters(parameters[0], parameters[1], parameters[2], parameters[3]);
            double total = 0;
            for (var i = 0; i < data.Count; i++)
                total += data.Weight[i] * model.LogLikelihood(data.Frequency[i], data.Recency[i], data.Age[i]);
            return total;
        }, start, options);
        return new ModelFit<ParetoNbdParameters>(new ParetoNbdParameters(p[0], p[1], p[2], p[3]), ll, data.Customers, data.Count,
            evaluations, converged, MaximumLikelihood.ConvergenceWarnings(converged, evaluations, p));
    }
}
