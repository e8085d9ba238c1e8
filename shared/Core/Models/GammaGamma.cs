using MathNet.Numerics;

namespace CustomerValue.Models;

/// <summary>
/// Gamma-Gamma spend model (Fader &amp; Hardie 2013, "The Gamma-Gamma model of monetary value"): a customer's
/// transaction values are gamma(p, nu) with nu ~ gamma(q, v) across customers; spend is assumed independent of
/// the purchase process.
/// </summary>
public sealed record GammaGammaParameters(double P, double Q, double V)
{
    /// <summary>Whether the population mean spend p v / (q - 1) exists (it is infinite for q &lt;= 1).</summary>
    public bool HasFiniteMeanSpend => Q > 1;

    /// <summary>E[M] = p v / (q - 1), or null when q &lt;= 1 (the expectation is not finite).</summary>
    public double? PopulationMeanSpend => HasFiniteMeanSpend ? P * V / (Q - 1) : null;

    /// <summary>
    /// log L for x repeat transactions with mean zbar:
    /// log Gamma(px+q) - log Gamma(px) - log Gamma(q) + q log v + (px-1) log zbar + px log x - (px+q) log(v + x zbar).
    /// </summary>
    public double LogLikelihood(int x, double meanSpend)
    {
        var px = P * x;
        return SpecialFunctions.GammaLn(px + Q) - SpecialFunctions.GammaLn(px) - SpecialFunctions.GammaLn(Q) + Q * Math.Log(V)
               + (px - 1) * Math.Log(meanSpend) + px * Math.Log(x) - (px + Q) * Math.Log(V + x * meanSpend);
    }

    /// <summary>
    /// E[M | x, zbar] = p (v + x zbar) / (p x + q - 1), a weighted mean of the population mean and the customer's own.
    /// Customers without repeat purchases get the population mean. Null when the expectation is not finite.
    /// </summary>
    public double? ConditionalExpectedSpend(int x, double meanSpend)
    {
        if (x <= 0) return PopulationMeanSpend;
        var denominator = P * x + Q - 1;
        return denominator > 0 ? P * (V + x * meanSpend) / denominator : null;
    }
}

/// <summary>Maximum-likelihood fit of the Gamma-Gamma model on the customers with at least one repeat purchase.</summary>
public static class GammaGammaModel
{
    public static ModelFit<GammaGammaParameters> Fit(IEnumerable<RfmObservation> observations, FitOptions? options = null)
    {
        options ??= FitOptions.Default;
        var repeaters = RepeatBuyers(observations);
        if (repeaters.Count < options.MinimumRepeatBuyers)
            throw new ModelFitException(
                $"Gamma-Gamma needs at least {options.MinimumRepeatBuyers} customers with a repeat purchase and spend; the data has {repeaters.Count}.");

        var likelihood = new GroupedLikelihood(repeaters);
        var start = options.Start ?? [1.0, 1.0, Math.Max(1.0, repeaters.Average(r => r.Mean))];
        var (p, ll, evaluations, converged) = MaximumLikelihood.MaximizeWithGradient(likelihood.Evaluate, start, repeaters.Count, options);
        var parameters = new GammaGammaParameters(p[0], p[1], p[2]);
        var warnings = MaximumLikelihood.ConvergenceWarnings(converged, evaluations, p);
        if (!parameters.HasFiniteMeanSpend)
            warnings.Add($"q = {parameters.Q:G4} <= 1: the population mean spend p v/(q-1) is not finite, so customers without repeat purchases get no spend or CLV estimate.");
        return new ModelFit<GammaGammaParameters>(parameters, ll, repeaters.Count, likelihood.DistinctFrequencies, evaluations, converged, warnings);
    }

    /// <summary>Total log-likelihood of the repeat buyers at <paramref name="parameters"/>; the gradient (p, q, v) when asked.</summary>
    public static double TotalLogLikelihood(IEnumerable<RfmObservation> observations, GammaGammaParameters parameters, double[]? gradient = null) =>
        new GroupedLikelihood(RepeatBuyers(observations)).Evaluate([parameters.P, parameters.Q, parameters.V], gradient);

    private static List<(int X, double Mean)> RepeatBuyers(IEnumerable<RfmObservation> observations)
    {
        var repeaters = new List<(int X, double Mean)>();
        foreach (var o in observations)
        {
            if (o.Frequency <= 0) continue;
            if (!(o.MonetaryValue > 0) || !double.IsFinite(o.MonetaryValue))
                throw new ModelFitException(
                    $"customer {o.CustomerId}: mean repeat spend {o.MonetaryValue} is not positive; the Gamma-Gamma model needs positive spend for every repeat buyer (drop refunds-only customers first).");
            repeaters.Add((o.Frequency, o.MonetaryValue));
        }
        return repeaters;
    }

    /// <summary>
    /// The sum over customers, with everything that depends only on x (log-gamma terms, the sum of log zbar, x log x)
    /// gathered per distinct x, so that each customer costs one logarithm per evaluation.
    /// </summary>
    private sealed class GroupedLikelihood
    {
        private readonly int[] xs;
        private readonly double[] countByX, sumLogMeanByX;
        private readonly int[] xIndex;
        private readonly double[] totalSpend; // x * zbar per customer

        public GroupedLikelihood(List<(int X, double Mean)> repeaters)
        {
            xs = repeaters.Select(r => r.X).Distinct().Order().ToArray();
            var position = xs.Select((x, i) => (x, i)).ToDictionary(t => t.x, t => t.i);
            countByX = new double[xs.Length];
            sumLogMeanByX = new double[xs.Length];
            xIndex = new int[repeaters.Count];
            totalSpend = new double[repeaters.Count];
            for (var i = 0; i < repeaters.Count; i++)
            {
                var k = position[repeaters[i].X];
                xIndex[i] = k;
                countByX[k]++;
                sumLogMeanByX[k] += Math.Log(repeaters[i].Mean);
                totalSpend[i] = repeaters[i].X * repeaters[i].Mean;
            }
        }

        public int DistinctFrequencies => xs.Length;

        /// <summary>
        /// Total log-likelihood; the gradient (when asked) is, per distinct x with n customers and S = sum of log zbar:
        /// d/dp = n x (psi(px+q) - psi(px) + log x) + x S - x sum log(v + x zbar),
        /// d/dq = n (psi(px+q) - psi(q) + log v) - sum log(v + x zbar), d/dv = n q / v - sum (px+q) / (v + x zbar).
        /// </summary>
        public double Evaluate(double[] parameters, double[]? gradient)
        {
            double p = parameters[0], q = parameters[1], v = parameters[2];
            double total = 0;
            var pxPlusQ = new double[xs.Length];
            for (var k = 0; k < xs.Length; k++)
            {
                var px = p * xs[k];
                pxPlusQ[k] = px + q;
                total += countByX[k] * (SpecialFunctions.GammaLn(px + q) - SpecialFunctions.GammaLn(px) - SpecialFunctions.GammaLn(q)
                                        + q * Math.Log(v) + px * Math.Log(xs[k]))
                         + (px - 1) * sumLogMeanByX[k];
            }
            var sumLogByX = new double[xs.Length];
            var sumInverseByX = new double[xs.Length];
            for (var i = 0; i < totalSpend.Length; i++)
            {
                var k = xIndex[i];
                var log = Math.Log(v + totalSpend[i]);
                total -= pxPlusQ[k] * log;
                if (gradient is null) continue;
                sumLogByX[k] += log;
                sumInverseByX[k] += 1 / (v + totalSpend[i]);
            }
            if (gradient is null) return total;

            double dP = 0, dQ = 0, dV = 0;
            var psiQ = SpecialFunctions.DiGamma(q);
            for (var k = 0; k < xs.Length; k++)
            {
                var x = xs[k];
                var psiPxQ = SpecialFunctions.DiGamma(pxPlusQ[k]);
                dP += countByX[k] * x * (psiPxQ - SpecialFunctions.DiGamma(p * x) + Math.Log(x)) + x * sumLogMeanByX[k] - x * sumLogByX[k];
                dQ += countByX[k] * (psiPxQ - psiQ + Math.Log(v)) - sumLogByX[k];
                dV += countByX[k] * q / v - pxPlusQ[k] * sumInverseByX[k];
            }
            gradient[0] = dP;
            gradient[1] = dQ;
            gradient[2] = dV;
            return total;
        }
    }
}
