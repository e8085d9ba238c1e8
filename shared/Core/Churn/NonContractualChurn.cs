namespace CustomerValue.Churn;

/// <summary>How a customer without a contract is judged to have churned.</summary>
public enum NonContractualChurnRule
{
    /// <summary>The repeat-purchase model's P(alive) is below a threshold.</summary>
    ModelProbability,

    /// <summary>No purchase within the last N days.</summary>
    InactivityWindow,
}

/// <summary>One customer's verdict.</summary>
public sealed record ChurnVerdict(string CustomerId, bool Churned);

/// <summary>Churn for customers without contracts, where cancellation is never observed and must be inferred.</summary>
public static class NonContractualChurn
{
    /// <summary>Churned when P(alive) &lt; <paramref name="threshold"/>; the rate is churned / all customers.</summary>
    public static (IReadOnlyList<ChurnVerdict> Customers, RateFigure Rate) ByModel(IEnumerable<(string CustomerId, double ProbabilityAlive)> customers, double threshold = 0.5)
    {
        if (threshold is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "the P(alive) threshold must be in (0, 1].");
        var verdicts = customers.Select(c => new ChurnVerdict(c.CustomerId, c.ProbabilityAlive < threshold)).ToList();
        return (verdicts, RateFigure.Of(verdicts.Count(v => v.Churned), verdicts.Count,
            $"churned = model P(alive) below {threshold:G3}; rate = churned customers / all customers"));
    }

    /// <summary>
    /// Churned when the last purchase is more than <paramref name="inactivityDays"/> days before <paramref name="asOf"/>;
    /// the rate is churned / customers with a purchase on or before the as-of day.
    /// </summary>
    public static (IReadOnlyList<ChurnVerdict> Customers, RateFigure Rate) ByInactivity(
        IEnumerable<(string CustomerId, DateOnly LastPurchase)> customers, DateOnly asOf, int inactivityDays = 90)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inactivityDays);
        var verdicts = customers.Where(c => c.LastPurchase <= asOf)
            .Select(c => new ChurnVerdict(c.CustomerId, asOf.DayNumber - c.LastPurchase.DayNumber > inactivityDays)).ToList();
        return (verdicts, RateFigure.Of(verdicts.Count(v => v.Churned), verdicts.Count,
            $"churned = no purchase in the {inactivityDays} days up to {asOf:yyyy-MM-dd}; rate = churned customers / customers who had purchased by then"));
    }
}
