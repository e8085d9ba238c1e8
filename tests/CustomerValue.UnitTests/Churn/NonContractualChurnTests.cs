using CustomerValue.Churn;
using CustomerValue.Value;

namespace CustomerValue.Tests.Churn;

public class NonContractualChurnTests
{
    private static readonly DateOnly AsOf = new(2024, 3, 31);

    [Fact]
    public void Model_rule_counts_p_alive_strictly_below_the_threshold()
    {
        var rule = new ValueOptions { NonContractChurn = NonContractChurnRule.Model, ChurnedBelowProbabilityAlive = 0.5 };
        Assert.False(NonContractualChurn.IsChurned(rule, 0.9, null, AsOf));
        Assert.True(NonContractualChurn.IsChurned(rule, 0.3, null, AsOf));
        Assert.False(NonContractualChurn.IsChurned(rule, 0.5, null, AsOf)); // not below 0.5
        Assert.Null(NonContractualChurn.IsChurned(rule, null, AsOf, AsOf)); // no model, no verdict
        Assert.Equal("P(alive) below 0.5 in the repeat-purchase model", NonContractualChurn.RuleText(rule));
    }

    [Fact]
    public void Inactivity_rule_uses_days_since_the_last_purchase()
    {
        var rule = new ValueOptions { NonContractChurn = NonContractChurnRule.Inactivity, InactivityDays = 90 };
        // 2024-01-01 -> 03-31 is 31 + 29 + 30 = 90 days: not more than 90, still active. 2023-12-31 is 91 days: churned.
        Assert.False(NonContractualChurn.IsChurned(rule, 0.01, new DateOnly(2024, 1, 1), AsOf));
        Assert.True(NonContractualChurn.IsChurned(rule, 0.99, new DateOnly(2023, 12, 31), AsOf));
        // A purchase after the as-of day is not known yet: no verdict.
        Assert.Null(NonContractualChurn.IsChurned(rule, null, new DateOnly(2024, 4, 10), AsOf));
        Assert.Equal("no purchase in the last 90 days", NonContractualChurn.RuleText(rule));
    }

    [Fact]
    public void A_threshold_outside_zero_to_one_is_refused()
    {
        var rule = new ValueOptions { ChurnedBelowProbabilityAlive = 1.5 };
        Assert.Throws<ArgumentOutOfRangeException>(() => NonContractualChurn.IsChurned(rule, 0.4, null, AsOf));
    }
}
