using MathNet.Numerics;

namespace CustomerValue.Models;

/// <summary>
/// Shifted-beta-geometric contract model (Fader &amp; Hardie 2007, "How to project customer retention"): each customer
/// cancels at each renewal with a constant probability theta ~ beta(alpha, beta) across customers.
/// </summary>
public sealed record ShiftedBetaGeometricParameters(double Alpha, double Beta)
{
    /// <summary>P(T = t) = B(alpha+1, beta+t-1) / B(alpha, beta): the share that cancels at renewal t (t &gt;= 1).</summary>
    public double ChurnProbability(int t)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(t, 1);
        return Math.Exp(SpecialFunctions.BetaLn(Alpha + 1, Beta + t - 1) - SpecialFunctions.BetaLn(Alpha, Beta));
    }

    /// <summary>S(t) = B(alpha, beta+t) / B(alpha, beta): the share still active after t periods (S(0) = 1).</summary>
    public double Survival(int t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(t);
        return Math.Exp(SpecialFunctions.BetaLn(Alpha, Beta + t) - SpecialFunctions.BetaLn(Alpha, Beta));
    }

    /// <summary>r_t = S(t)/S(t-1) = (beta + t - 1) / (alpha + beta + t - 1): retention rises with tenure (sorting effect).</summary>
    public double RetentionRate(int t)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(t, 1);
        return (Beta + t - 1) / (Alpha + Beta + t - 1);
    }

    /// <summary>S(0..periods) as a list.</summary>
    public IReadOnlyList<double> SurvivalCurve(int periods) => Enumerable.Range(0, periods + 1).Select(Survival).ToArray();
}

/// <summary>Maximum-likelihood fit of the sBG model on one cohort's counts of active customers per period.</summary>
public static class ShiftedBetaGeometricModel
{
    /// <summary>
    /// <paramref name="activeByPeriod"/>[t] = customers still active after t periods, [0] the cohort size. The
    /// likelihood is that of paper eq. (5): sum over t of (n_{t-1} - n_t) log P(T = t) + n_last log S(last).
    /// </summary>
    public static ModelFit<ShiftedBetaGeometricParameters> Fit(IReadOnlyList<double> activeByPeriod, FitOptions? options = null)
    {
        options ??= FitOptions.Default;
        if (activeByPeriod.Count < 3)
            throw new ModelFitException($"sBG needs the cohort size and at least two periods of active counts; got {activeByPeriod.Count} values.");
        for (var t = 1; t < activeByPeriod.Count; t++)
            if (activeByPeriod[t] > activeByPeriod[t - 1] || activeByPeriod[t] < 0)
                throw new ModelFitException($"active customers must not increase or go negative: period {t} has {activeByPeriod[t]} after {activeByPeriod[t - 1]}.");
        if (activeByPeriod[^1] == activeByPeriod[0])
            throw new ModelFitException("nobody cancelled in the observed periods: the churn distribution cannot be estimated.");

        var last = activeByPeriod.Count - 1;
        var (p, ll, evaluations, converged) = MaximumLikelihood.Maximize(parameters =>
        {
            var model = new ShiftedBetaGeometricParameters(parameters[0], parameters[1]);
            double total = 0;
            for (var t = 1; t <= last; t++)
            {
                var lost = activeByPeriod[t - 1] - activeByPeriod[t];
                if (lost > 0) total += lost * Math.Log(model.ChurnProbability(t));
            }
            return total + activeByPeriod[last] * Math.Log(model.Survival(last));
        }, options.Start ?? [1.0, 1.0], options);
        return new ModelFit<ShiftedBetaGeometricParameters>(new ShiftedBetaGeometricParameters(p[0], p[1]), ll, activeByPeriod[0], last,
            evaluations, converged, MaximumLikelihood.ConvergenceWarnings(converged, evaluations, p));
    }
}
