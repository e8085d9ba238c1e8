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

    /// <summary>
    /// P(cancel at the next renewal | <paramref name="renewals"/> renewals made) = 1 - r_(n+1) = alpha / (alpha + beta + n):
    /// the posterior mean of theta of a customer who has renewed n times.
    /// </summary>
    public double NextRenewalChurnProbability(int renewals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(renewals);
        return Alpha / (Alpha + Beta + renewals);
    }

    /// <summary>
    /// Discounted expected residual lifetime of a customer who has made n = <paramref name="renewals"/> renewals and
    /// faces the next renewal decision (Fader &amp; Hardie 2010, "Customer-base valuation in a contractual setting",
    /// eq. 6): DERL = sum over k &gt;= 0 of S(n+1+k) / S(n) / (1+d)^k
    ///            = (beta+n)/(alpha+beta+n) 2F1(1, beta+n+1; alpha+beta+n+1; 1/(1+d)),
    /// the expected number of further periods paid, the one right after the next renewal undiscounted. Times the
    /// recurring value per period it is the customer's expected residual lifetime value. The discount rate per period
    /// must be positive: with alpha &lt;= 1 the undiscounted expected lifetime is infinite.
    /// </summary>
    public double DiscountedExpectedResidualLifetime(int renewals, double discountRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(renewals);
        if (!(discountRate > 0)) throw new ArgumentOutOfRangeException(nameof(discountRate), discountRate, "the discount rate per period must be positive.");
        var (logF, sign) = Hypergeometric.Log2F1(1, Beta + renewals + 1, Alpha + Beta + renewals + 1, 1 / (1 + discountRate));
        return (Beta + renewals) / (Alpha + Beta + renewals) * sign * Math.Exp(logF);
    }
}

/// <summary>
/// Lifetimes in whole periods of one cohort: <see cref="ChurnedAt"/>[t] customers who cancelled at renewal t (they
/// paid t periods, t &gt;= 1) and <see cref="ActiveAfter"/>[t] customers still active after t periods (their lifetime
/// is longer than t: right-censored). Every customer is assumed observed from the start of its contract.
/// </summary>
public sealed record SurvivalCounts(IReadOnlyList<double> ChurnedAt, IReadOnlyList<double> ActiveAfter)
{
    public double Customers => ChurnedAt.Sum() + ActiveAfter.Sum();
    public double Churned => ChurnedAt.Sum();

    /// <summary>Counts from customers' (completed periods, churned) pairs; a customer who cancelled in its first period cancelled at renewal 1.</summary>
    public static SurvivalCounts From(IEnumerable<(int CompletedPeriods, bool Churned)> customers)
    {
        var churned = new List<double>();
        var active = new List<double>();
        foreach (var (periods, hasChurned) in customers)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(periods);
            var list = hasChurned ? churned : active;
            var t = hasChurned ? Math.Max(1, periods) : periods;
            while (list.Count <= t) list.Add(0);
            list[t]++;
        }
        return new SurvivalCounts(churned, active);
    }

    /// <summary>One cohort's active counts after 0..last periods: the decrease at t cancelled at renewal t; the last count is still active.</summary>
    public static SurvivalCounts FromActiveByPeriod(IReadOnlyList<double> activeByPeriod)
    {
        var churned = new double[activeByPeriod.Count];
        var active = new double[activeByPeriod.Count];
        for (var t = 1; t < activeByPeriod.Count; t++) churned[t] = activeByPeriod[t - 1] - activeByPeriod[t];
        active[^1] = activeByPeriod[^1];
        return new SurvivalCounts(churned, active);
    }

    /// <summary>
    /// Sum of churned x log P(T = t) + active x log S(t), with S built as the product of retention rates
    /// (log S(t) = sum of log((beta+i-1)/(alpha+beta+i-1))), which stays exact when alpha and beta grow large
    /// (a cohort without heterogeneity, where the beta functions would cancel catastrophically).
    /// </summary>
    internal double LogLikelihood(double alpha, double beta)
    {
        var last = Math.Max(ChurnedAt.Count, ActiveAfter.Count) - 1;
        double total = 0, logSurvival = 0; // log S(t - 1), then log S(t)
        for (var t = 0; t <= last; t++)
        {
            if (t > 0)
            {
                var churned = t < ChurnedAt.Count ? ChurnedAt[t] : 0;
                if (churned > 0) total += churned * (Math.Log(alpha) - Math.Log(alpha + beta + t - 1) + logSurvival);
                logSurvival += Math.Log(beta + t - 1) - Math.Log(alpha + beta + t - 1);
            }
            var active = t < ActiveAfter.Count ? ActiveAfter[t] : 0;
            if (active > 0) total += active * logSurvival;
        }
        return total;
    }
}

/// <summary>Maximum-likelihood fit of the sBG model on one cohort's counts of active customers per period, or on customers' lifetimes.</summary>
public static class ShiftedBetaGeometricModel
{
    /// <summary>
    /// <paramref name="activeByPeriod"/>[t] = customers still active after t periods, [0] the cohort size. The
    /// likelihood is that of paper eq. (5): sum over t of (n_{t-1} - n_t) log P(T = t) + n_last log S(last).
    /// </summary>
    public static ModelFit<ShiftedBetaGeometricParameters> Fit(IReadOnlyList<double> activeByPeriod, FitOptions? options = null)
    {
        if (activeByPeriod.Count < 3)
            throw new ModelFitException($"sBG needs the cohort size and at least two periods of active counts; got {activeByPeriod.Count} values.");
        for (var t = 1; t < activeByPeriod.Count; t++)
            if (activeByPeriod[t] > activeByPeriod[t - 1] || activeByPeriod[t] < 0)
                throw new ModelFitException($"active customers must not increase or go negative: period {t} has {activeByPeriod[t]} after {activeByPeriod[t - 1]}.");
        return Fit(SurvivalCounts.FromActiveByPeriod(activeByPeriod), options);
    }

    /// <summary>
    /// Fit on lifetimes: customers who cancelled at renewal t contribute log P(T = t), customers still active after t
    /// periods log S(t) (the multi-cohort form of the same likelihood). A cohort whose churn does not vary between
    /// customers drives alpha and beta up together (theta the same for all): the fit then warns that a parameter ran
    /// to the edge, and P(churn) = alpha / (alpha + beta + n) is still the constant rate the data shows.
    /// </summary>
    public static ModelFit<ShiftedBetaGeometricParameters> Fit(SurvivalCounts counts, FitOptions? options = null)
    {
        options ??= FitOptions.Default;
        if (counts.Churned == 0)
            throw new ModelFitException("nobody cancelled in the observed periods: the churn distribution cannot be estimated.");
        if (counts.Churned == counts.Customers && counts.ChurnedAt.Count(c => c > 0) < 2)
            throw new ModelFitException("every customer cancelled at the same renewal: the churn distribution cannot be estimated.");
        var (p, ll, evaluations, converged) = MaximumLikelihood.Maximize(
            parameters => counts.LogLikelihood(parameters[0], parameters[1]), options.Start ?? [1.0, 1.0], options);
        return new ModelFit<ShiftedBetaGeometricParameters>(new ShiftedBetaGeometricParameters(p[0], p[1]), ll, counts.Customers,
            Math.Max(counts.ChurnedAt.Count, counts.ActiveAfter.Count) - 1, evaluations, converged, MaximumLikelihood.ConvergenceWarnings(converged, evaluations, p));
    }
}
