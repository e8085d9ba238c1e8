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

    public static ModelFit<BgNbdParameters> Fit(RfmGroups data, FitOptions? options = null)
    {
        options ??= FitOptions.Default;
        if (data.RepeatBuyers < options.MinimumRepeatBuyers)
            throw new ModelFitException(
                $"BG/NBD needs at least {options.MinimumRepeatBuyers} customers with a repeat purchase; the data has {data.RepeatBuyers} of {data.Customers}.");
        var likelihood = new GroupedLikelihood(data);
        var start = options.Start ?? [1.0, Math.Max(1.0, MeanAge(data)), 1.0, 1.0];
        var (p, ll, evaluations, converged) = MaximumLikelihood.MaximizeWithGradient(likelihood.Evaluate, start, data.Customers, options);
        return new ModelFit<BgNbdParameters>(new BgNbdParameters(p[0], p[1], p[2], p[3]), ll, data.Customers, data.Count,
            evaluations, converged, MaximumLikelihood.ConvergenceWarnings(converged, evaluations, p));
    }

    /// <summary>
    /// Total log-likelihood of the grouped rows at <paramref name="parameters"/>; when <paramref name="gradient"/> is
    /// given it receives the derivatives with respect to r, alpha, a and b.
    /// </summary>
    public static double TotalLogLikelihood(RfmGroups data, BgNbdParameters parameters, double[]? gradient = null) =>
        new GroupedLikelihood(data).Evaluate([parameters.R, parameters.Alpha, parameters.A, parameters.B], gradient);

    private static double MeanAge(RfmGroups data)
    {
        double sum = 0;
        for (var i = 0; i < data.Count; i++) sum += data.Age[i] * data.Weight[i];
        return sum / data.Customers;
    }

    /// <summary>
    /// Total log-likelihood of grouped rows and its gradient. Terms depending only on x, only on T or only on t_x are
    /// computed once per distinct value; each row then costs one log-add-exp. With w the posterior weight of "dropped
    /// out after the last purchase" in a row, the row's derivatives are the two branches' derivatives mixed by w.
    /// </summary>
    private sealed class GroupedLikelihood(RfmGroups data)
    {
        private readonly double[] commonByX = new double[data.DistinctFrequencies.Length];
        private readonly double[] dropByX = new double[data.DistinctFrequencies.Length];
        private readonly double[] logAlphaT = new double[data.DistinctAges.Length];
        private readonly double[] logAlphaTx = new double[data.DistinctRecencies.Length];
        private readonly double[] inverseAlphaT = new double[data.DistinctAges.Length];
        private readonly double[] inverseAlphaTx = new double[data.DistinctRecencies.Length];
        // Per distinct x: summed weight and summed weight x w, and weighted sums of the rows' log and inverse terms.
        private readonly double[] weightByX = new double[data.DistinctFrequencies.Length];
        private readonly double[] dropWeightByX = new double[data.DistinctFrequencies.Length];

        public double Evaluate(double[] p, double[]? gradient)
        {
            double r = p[0], alpha = p[1], a = p[2], b = p[3];
            var xs = data.DistinctFrequencies;
            var baseline = -SpecialFunctions.GammaLn(r) + r * Math.Log(alpha) - SpecialFunctions.BetaLn(a, b);
            for (var i = 0; i < xs.Length; i++)
            {
                var x = xs[i];
                commonByX[i] = baseline + SpecialFunctions.GammaLn(r + x) + SpecialFunctions.BetaLn(a, b + x);
                dropByX[i] = x > 0 ? Math.Log(a) - Math.Log(b + x - 1) : double.NegativeInfinity;
            }
            for (var i = 0; i < logAlphaT.Length; i++)
            {
                logAlphaT[i] = Math.Log(alpha + data.DistinctAges[i]);
                inverseAlphaT[i] = 1 / (alpha + data.DistinctAges[i]);
            }
            for (var i = 0; i < logAlphaTx.Length; i++)
            {
                logAlphaTx[i] = Math.Log(alpha + data.DistinctRecencies[i]);
                inverseAlphaTx[i] = 1 / (alpha + data.DistinctRecencies[i]);
            }

            double total = 0, dR = 0, dAlpha = 0;
            Array.Clear(weightByX);
            Array.Clear(dropWeightByX);
            var frequency = data.Frequency;
            var weight = data.Weight;
            var xIndex = data.FrequencyIndex;
            var tIndex = data.AgeIndex;
            var txIndex = data.RecencyIndex;
            for (var i = 0; i < frequency.Length; i++)
            {
                var k = xIndex[i];
                var rx = r + frequency[i];
                var wi = weight[i];
                var ti = tIndex[i];
                var survived = -rx * logAlphaT[ti];
                weightByX[k] += wi;
                if (frequency[i] == 0)
                {
                    total += wi * (commonByX[k] + survived);
                    if (gradient is null) continue;
                    dR -= wi * logAlphaT[ti];
                    dAlpha -= wi * rx * inverseAlphaT[ti];
                    continue;
                }
                var txi = txIndex[i];
                var dropped = dropByX[k] - rx * logAlphaTx[txi];
                var row = LogMath.LogAddExp(survived, dropped);
                total += wi * (commonByX[k] + row);
                if (gradient is null) continue;
                var w = Math.Exp(dropped - row); // share of the row's likelihood from "dropped out after t_x"
                dR -= wi * ((1 - w) * logAlphaT[ti] + w * logAlphaTx[txi]);
                dAlpha -= wi * rx * ((1 - w) * inverseAlphaT[ti] + w * inverseAlphaTx[txi]);
                dropWeightByX[k] += wi * w;
            }
            if (gradient is null) return total;

            // Terms that depend on x only: digamma differences of the gamma and beta functions, weighted per distinct x.
            double dA = 0, dB = 0;
            var psiR = SpecialFunctions.DiGamma(r);
            var psiAB = SpecialFunctions.DiGamma(a + b);
            var psiB = SpecialFunctions.DiGamma(b);
            for (var k = 0; k < xs.Length; k++)
            {
                var x = xs[k];
                var psiABX = SpecialFunctions.DiGamma(a + b + x);
                dR += weightByX[k] * (SpecialFunctions.DiGamma(r + x) - psiR + Math.Log(alpha));
                dAlpha += weightByX[k] * r / alpha;
                dA += weightByX[k] * (psiAB - psiABX) + (x > 0 ? dropWeightByX[k] / a : 0);
                dB += weightByX[k] * (SpecialFunctions.DiGamma(b + x) - psiABX - psiB + psiAB) - (x > 0 ? dropWeightByX[k] / (b + x - 1) : 0);
            }
            gradient[0] = dR;
            gradient[1] = dAlpha;
            gradient[2] = dA;
            gradient[3] = dB;
            return total;
        }
    }
}
