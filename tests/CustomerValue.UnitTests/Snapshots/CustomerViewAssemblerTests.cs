using CustomerValue.Domain;
using CustomerValue.Churn;
using CustomerValue.Metrics;
using CustomerValue.Value;
using CustomerValue.Snapshots;

namespace CustomerValue.Tests.Snapshots;

public class CustomerViewAssemblerTests
{
    private static readonly DateOnly AsOf = new(2025, 12, 31);

    /// <summary>A buyer with <paramref name="days"/> equal purchases: the first and last on the days given, the others between.</summary>
    internal static CustomerPurchaseSummary Bought(string id, DateOnly first, DateOnly last, int days, decimal gross)
    {
        var summary = new CustomerPurchaseSummary(id);
        for (var i = 0; i < days; i++)
            summary.Add(new Transaction(id, i == days - 1 ? last : first.AddDays(i * Math.Max(1, (last.DayNumber - first.DayNumber) / Math.Max(1, days - 1))), gross / days));
        return summary;
    }

    [Fact]
    public void Costs_are_the_customers_own_plus_an_equal_share_of_their_channels_and_the_rest_is_reported()
    {
        var data = new CustomerBase
        {
            Profiles = [new CustomerRecord("A", AcquisitionChannel: "search", AcquisitionCost: 10), new CustomerRecord("B", AcquisitionChannel: "search"), new CustomerRecord("C", AcquisitionChannel: "social")],
            Costs = [new CostRecord(CostCategory.Marketing, 30m, Channel: "search"), new CostRecord(CostCategory.Service, 5m, CustomerId: "C"),
                     new CostRecord(CostCategory.Marketing, 7m, Campaign: "spring")],
        };
        var result = CustomerViewAssembler.Assemble(data, AsOf, new ValueOptions());
        var cost = result.Customers.ToDictionary(c => c.CustomerId, c => c.Cost);
        Assert.Equal(10 + 15m, cost["A"]); // own acquisition cost + half of the search channel's 30
        Assert.Equal(15m, cost["B"]);
        Assert.Equal(5m, cost["C"]);
        var warning = Assert.Single(result.Warnings, w => w.Contains("not allocated"));
        Assert.Contains("7.00", warning);
        Assert.Contains("campaign 'spring'", warning);
    }

    [Fact]
    public void Campaign_and_segment_costs_are_split_over_their_customers_and_the_most_specific_group_wins()
    {
        var attributes = (string campaign) => new Dictionary<string, string> { ["UTM Campaign"] = campaign };
        var data = new CustomerBase
        {
            Profiles = [new CustomerRecord("A", Plan: "pro", AcquisitionChannel: "search", Country: "DE", Attributes: attributes("spring")),
                        new CustomerRecord("B", Plan: "pro", AcquisitionChannel: "search", Country: "FR", Attributes: attributes("autumn")),
                        new CustomerRecord("C", Plan: "basic", AcquisitionChannel: "social", Country: "DE")],
            Costs = [new CostRecord(CostCategory.Marketing, 40m, Campaign: "Spring", Channel: "search"), // the campaign is more specific than the channel
                     new CostRecord(CostCategory.Service, 12m, Segment: "plan:pro"),
                     new CostRecord(CostCategory.Marketing, 6m, Segment: "country:DE"),
                     new CostRecord(CostCategory.Marketing, 9m, Campaign: "winter", Channel: "social"), // no such campaign: the channel takes it
                     new CostRecord(CostCategory.Marketing, 3m, Segment: "pro")], // which dimension? not allocated
        };
        var result = CustomerViewAssembler.Assemble(data, AsOf, new ValueOptions());
        var cost = result.Customers.ToDictionary(c => c.CustomerId, c => c.Cost);

        Assert.Equal(40m + 6m + 3m, cost["A"]);      // spring campaign, half of plan:pro, half of country:DE
        Assert.Equal(6m, cost["B"]);                 // half of plan:pro
        Assert.Equal(3m + 9m, cost["C"]);            // half of country:DE, the social channel's 9
        Assert.Equal(40 + 12 + 6 + 9m, result.Customers.Sum(c => c.Cost ?? 0));
        var warning = Assert.Single(result.Warnings, w => w.Contains("not allocated"));
        Assert.Contains("3.00", warning);
        Assert.Contains("dimension:value", warning);
    }

    [Fact]
    public void Contracts_decide_churn_where_they_exist_and_the_inactivity_rule_decides_it_elsewhere()
    {
        var data = new CustomerBase
        {
            Purchases = [Bought("recent", new(2025, 1, 1), new(2025, 12, 1), 3, 90m), Bought("gone", new(2024, 1, 1), new(2025, 1, 10), 2, 40m)],
            Subscriptions = [new SubscriptionRecord("S1", Plan: "pro", Start: new(2024, 1, 1), End: new(2025, 6, 30), RecurringValue: 10, TenureMonths: 18),
                             new SubscriptionRecord("S2", Plan: "pro", Start: new(2024, 1, 1), RecurringValue: 10, TenureMonths: 24)],
        };
        var views = CustomerViewAssembler.Assemble(data, AsOf, new ValueOptions { NonContractChurn = NonContractChurnRule.Inactivity, InactivityDays = 180 })
            .Customers.ToDictionary(c => c.CustomerId);
        Assert.True(views["S1"].Churned);
        Assert.False(views["S2"].Churned);
        Assert.Equal(240m, views["S2"].Revenue); // 10 a month for 24 months
        Assert.False(views["recent"].Churned); // 30 days since the last purchase
        Assert.True(views["gone"].Churned);    // 355 days
    }

    [Fact]
    public void The_segment_churn_definition_names_the_rules_that_decided_and_for_how_many_customers()
    {
        var data = new CustomerBase
        {
            Purchases = [Bought("recent", new(2025, 1, 1), new(2025, 12, 1), 3, 90m), Bought("gone", new(2024, 1, 1), new(2025, 1, 10), 2, 40m),
                         Bought("lapsed", new(2024, 1, 1), new(2025, 2, 10), 2, 40m)],
            Subscriptions = [new SubscriptionRecord("S1", Plan: "pro", Start: new(2024, 1, 1), End: new(2025, 6, 30), RecurringValue: 10, TenureMonths: 18)],
        };
        var views = CustomerViewAssembler.Assemble(data, AsOf, new ValueOptions { NonContractChurn = NonContractChurnRule.Inactivity, InactivityDays = 180 }).Customers;

        var definition = CustomerValue.Segments.SegmentModel.Fit(views, AsOf).ChurnDefinition;

        Assert.Contains("no purchase in the last 180 days (3 customers)", definition);
        Assert.Contains("every contract ended or was cancelled (1 customer)", definition);
        Assert.DoesNotContain("P(alive)", definition);
        Assert.Equal("P(alive) below 0.5 in the repeat-purchase model", NonContractualChurn.RuleText(new ValueOptions()));
    }
}
