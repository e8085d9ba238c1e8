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
    /// Where the series would need more than <see cref="SeriesTermBudget"/> terms, or its argument is above
    /// <see cref="SeriesArgumentLimit"/> (close to 1: one of
    /// alpha and beta far larger than the other, as the optimiser tries on its way), A0 is the integral it stands for,
    /// (r+s+x) times the integral over (t_x, T) of (alpha+tau)^-(r+x) (beta+tau)^-(s+1), summed by quadrature.
    /// </summary>
    internal double LogA0(int x, double tx, double T)
    {
        var rsx = R + S + x;
        var (max, b) = Alpha >= Beta ? (Alpha, S + 1) : (Beta, R + x);
        var gap = Math.Abs(Alpha - Beta);
        var z1 = gap / (max + tx);
        if (z1 <= SeriesArgumentLimit
            && Hypergeometric.TryLog2F1(rsx, b, rsx + 1, z1, SeriesTermBudget, out var logF1, out _)
            && Hypergeometric.TryLog2F1(rsx, b, rsx + 1, gap / (max + T), SeriesTermBudget, out var logF2, out _))
            return LogMath.LogSubExp(logF1 - rsx * Math.Log(max + tx), logF2 - rsx * Math.Log(max + T));
        return Math.Log(rsx) + LogDeathIntegral(x, tx, T);
    }

    /// <summary>Beyond this many terms the quadrature is cheaper than the series (and the series may need millions).</summary>
    public const int SeriesTermBudget = 2_000;

    /// <summary>Above this 2F1 argument (z at t_x, the larger of the two) the series needs hundreds of terms at least: go straight to the quadrature.</summary>
    public const double SeriesArgumentLimit = 0.95;

    /// <summary>
    /// log of the integral over (t_x, T) of exp(phi(tau)), phi = -(r+x) log(alpha+tau) - (s+1) log(beta+tau). phi is
    /// decreasing and convex, so the integrand falls fastest at t_x: the range is cut at t_x + h, + 2h, + 4h, ... with
    /// h = 1/|phi'(t_x)| (over the first piece the log changes by at most 1), each piece split further where its log
    /// changes by more than 4, and summed until what is left cannot reach 1e-17 of the sum.
    /// </summary>
    public double LogDeathIntegral(int x, double tx, double T)
    {
        if (T <= tx) return double.NegativeInfinity;
        var purchaseShape = R + x;
        var dropoutShape = S + 1;
        double Phi(double tau) => -purchaseShape * Math.Log(Alpha + tau) - dropoutShape * Math.Log(Beta + tau);
        var top = Phi(tx);
        double Scaled(double tau) => Math.Exp(Phi(tau) - top);

        var length = T - tx;
        var h = 1 / (purchaseShape / (Alpha + tx) + dropoutShape / (Beta + tx));
        double sum = 0, from = 0, to = Math.Min(h, length), phiFrom = top;
        while (true)
        {
            var phiTo = Phi(tx + to);
            var pieces = (int)Math.Clamp(Math.Ceiling((phiFrom - phiTo) / 4), 1, 64);
            var width = (to - from) / pieces;
            for (var i = 0; i < pieces; i++)
                sum += GaussLegendre.Integrate(Scaled, tx + from + i * width, i == pieces - 1 ? tx + to : tx + from + (i + 1) * width);
            // The integrand only falls, so what is left is at most its value here times the length left.
            if (to >= length || Math.Exp(phiTo - top) * (length - to) <= 1e-17 * sum) break;
            (from, phiFrom) = (to, phiTo);
            to = Math.Min(2 * to, length);
        }
        return top + Math.Log(sum);
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
    /// <summary>
    /// The search stops at this value of any parameter. Without a bound, data whose dropout rates barely differ between
    /// customers send s and beta off to infinity along a ridge of the likelihood (s/beta fixed: one dropout rate for
    /// all), and the optimiser crawls along it until its evaluations run out. Bounding the parameters is what the BTYD
    /// package does too (its max.param.value); the fit's warning still says when a parameter ran to the edge.
    /// </summary>
    public const double MaximumParameter = 1e7;

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
            foreach (var v in parameters)
                if (v > MaximumParameter) return double.NaN; // outside the domain searched
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
