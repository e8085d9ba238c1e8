using MathNet.Numerics;

namespace CustomerValue.Models;

/// <summary>
/// Total log-likelihood and gradient of grouped (x, t_x, T) rows for the two beta-geometric/NBD models. BG/NBD lets a
/// customer drop out only after a repeat purchase; the modified BG/NBD also right after the first one, so each
/// customer has one more dropout chance (<c>shift</c> = 1):
/// L = Gamma(r+x) alpha^r / Gamma(r) B(a, b+x+shift) / B(a, b)
///     [ (alpha+T)^-(r+x) + [x &gt; 0 or shift] a / (b+x-1+shift) (alpha+t_x)^-(r+x) ].
/// Terms depending only on x, only on T or only on t_x are computed once per distinct value; each row then costs one
/// log-add-exp. With w the posterior weight of "dropped out after the last purchase" in a row, the row's derivatives
/// are the two branches' derivatives mixed by w.
/// </summary>
internal sealed class BetaGeometricNbdLikelihood(RfmGroups data, bool dropoutAtFirstPurchase)
{
    private readonly int shift = dropoutAtFirstPurchase ? 1 : 0;
    private readonly double[] commonByX = new double[data.DistinctFrequencies.Length];
    private readonly double[] dropByX = new double[data.DistinctFrequencies.Length];
    private readonly double[] logAlphaT = new double[data.DistinctAges.Length];
    private readonly double[] logAlphaTx = new double[data.DistinctRecencies.Length];
    private readonly double[] inverseAlphaT = new double[data.DistinctAges.Length];
    private readonly double[] inverseAlphaTx = new double[data.DistinctRecencies.Length];
    // Per distinct x: summed weight and summed weight x w.
    private readonly double[] weightByX = new double[data.DistinctFrequencies.Length];
    private readonly double[] dropWeightByX = new double[data.DistinctFrequencies.Length];

    /// <summary>Maximum-likelihood fit with the analytic gradient; <paramref name="create"/> builds the parameter record from (r, alpha, a, b).</summary>
    public static ModelFit<T> Fit<T>(RfmGroups data, FitOptions? options, bool dropoutAtFirstPurchase, string modelName, Func<double[], T> create)
    {
        options ??= FitOptions.Default;
        if (data.RepeatBuyers < options.MinimumRepeatBuyers)
            throw new ModelFitException(
                $"{modelName} needs at least {options.MinimumRepeatBuyers} customers with a repeat purchase; the data has {data.RepeatBuyers} of {data.Customers}.");
        var likelihood = new BetaGeometricNbdLikelihood(data, dropoutAtFirstPurchase);
        var start = options.Start ?? [1.0, Math.Max(1.0, MeanAge(data)), 1.0, 1.0];
        var (p, ll, evaluations, converged) = MaximumLikelihood.MaximizeWithGradient(likelihood.Evaluate, start, data.Customers, options);
        return new ModelFit<T>(create(p), ll, data.Customers, data.Count,
            evaluations, converged, MaximumLikelihood.ConvergenceWarnings(converged, evaluations, p));
    }

    private static double MeanAge(RfmGroups data)
    {
        double sum = 0;
        for (var i = 0; i < data.Count; i++) sum += data.Age[i] * data.Weight[i];
        return sum / data.Customers;
    }

    /// <summary>Total log-likelihood at (r, alpha, a, b) = <paramref name="p"/>; fills <paramref name="gradient"/> when given.</summary>
    public double Evaluate(double[] p, double[]? gradient)
    {
        double r = p[0], alpha = p[1], a = p[2], b = p[3];
        var xs = data.DistinctFrequencies;
        var baseline = -SpecialFunctions.GammaLn(r) + r * Math.Log(alpha) - SpecialFunctions.BetaLn(a, b);
        for (var i = 0; i < xs.Length; i++)
        {
            var x = xs[i];
            commonByX[i] = baseline + SpecialFunctions.GammaLn(r + x) + SpecialFunctions.BetaLn(a, b + x + shift);
            dropByX[i] = x + shift > 0 ? Math.Log(a) - Math.Log(b + x - 1 + shift) : double.NegativeInfinity;
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
            if (double.IsNegativeInfinity(dropByX[k]))
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
            var psiABX = SpecialFunctions.DiGamma(a + b + x + shift);
            var canDrop = x + shift > 0;
            dR += weightByX[k] * (SpecialFunctions.DiGamma(r + x) - psiR + Math.Log(alpha));
            dAlpha += weightByX[k] * r / alpha;
            dA += weightByX[k] * (psiAB - psiABX) + (canDrop ? dropWeightByX[k] / a : 0);
            dB += weightByX[k] * (SpecialFunctions.DiGamma(b + x + shift) - psiABX - psiB + psiAB) - (canDrop ? dropWeightByX[k] / (b + x - 1 + shift) : 0);
        }
        gradient[0] = dR;
        gradient[1] = dAlpha;
        gradient[2] = dA;
        gradient[3] = dB;
        return total;
    }
}
