using CustomerValue.Churn;

namespace CustomerValue.Tests.Churn;

public class NonContractualChurnTests
{
    [Fact]
    public void Model_rule_counts_p_alive_strictly_below_the_threshold()
    {
        // 0.9 alive, 0.3 churned, 0.5 not below 0.5: 1 of 3.
        var (customers, rate) = NonContractualChurn.ByModel([("a", 0.9), ("b", 0.3), ("c", 0.5)], threshold: 0.5);
        Assert.Equal(["b"], customers.Where(c => c.Churned).Select(c => c.CustomerId));
        Assert.Equal(1.0 / 3.0, rate.Value!.Value, 12);
        Assert.Contains("P(alive) below 0.5", rate.Definition);
    }

    [Fact]
    public void Inactivity_rule_uses_days_since_the_last_purchase()
    {
        var asOf = new DateOnly(2024, 3, 31);
        // 2024-01-01 -> 03-31 is 31 + 29 + 30 = 90 days: not more than 90, still active.
        // 2023-12-31 is 91 days: churned. A purchase after the as-of day is not known yet: left out. 1 of 2.
        var (customers, rate) = NonContractualChurn.ByInactivity(
            [("a", new DateOnly(2024, 1, 1)), ("b", new DateOnly(2023, 12, 31)), ("c", new DateOnly(2024, 4, 10))], asOf, inactivityDays: 90);
        Assert.Equal(2, customers.Count);
        Assert.True(customers.Single(c => c.CustomerId == "b").Churned);
        Assert.False(customers.Single(c => c.CustomerId == "a").Churned);
        Assert.Equal(0.5, rate.Value!.Value, 12);
        Assert.Contains("no purchase in the 90 days", rate.Definition);
    }
}
