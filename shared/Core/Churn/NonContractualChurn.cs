using CustomerValue.Value;

namespace CustomerValue.Churn;

/// <summary>How a customer without a contract is judged to have churned (setting Value:NonContractChurn).</summary>
public enum NonContractChurnRule
{
    /// <summary>The repeat-purchase model's P(alive) is below a threshold.</summary>
    Model,

    /// <summary>No purchase within the last N days.</summary>
    Inactivity,
}

/// <summary>Churn for customers without contracts, where cancellation is never observed and must be inferred.</summary>
public static class NonContractualChurn
{
    /// <summary>
    /// The model rule: churned when P(alive) is strictly below the threshold; the inactivity rule: churned when the last
    /// purchase is more than the inactivity days before <paramref name="asOf"/>. Null when the rule has nothing to judge by.
    /// </summary>
    public static bool? IsChurned(ValueOptions options, double? probabilityAlive, DateOnly? lastPurchase, DateOnly asOf)
    {
        if (options.ChurnedBelowProbabilityAlive is <= 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.ChurnedBelowProbabilityAlive, "the P(alive) threshold must be in (0, 1].");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.InactivityDays);
        return options.NonContractChurn switch
        {
            NonContractChurnRule.Model => probabilityAlive is { } alive ? alive < options.ChurnedBelowProbabilityAlive : null,
            _ => lastPurchase is { } last && last <= asOf ? asOf.DayNumber - last.DayNumber > options.InactivityDays : null,
        };
    }

    /// <summary>The rule in the words the segments print.</summary>
    public static string RuleText(ValueOptions options) => options.NonContractChurn switch
    {
        NonContractChurnRule.Model => FormattableString.Invariant($"P(alive) below {options.ChurnedBelowProbabilityAlive} in the repeat-purchase model"),
        _ => FormattableString.Invariant($"no purchase in the last {options.InactivityDays} days"),
    };
}
