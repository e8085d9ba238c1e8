using CustomerValue.Domain;
using CustomerValue.Value;

namespace CustomerValue.Tests.Value;

public class CustomerValueCalculatorTests
{
    private static readonly DateOnly AsOf = new(2024, 6, 30);

    private static readonly CustomerProfile[] Profiles =
    [
        new("a", new DateOnly(2024, 1, 10), Segment: "smb", Channel: "search", Margin: 0.4m),
        new("b", new DateOnly(2024, 3, 5), Segment: "smb", Channel: "search"),
        new("c", new DateOnly(2024, 3, 20), Segment: "smb", Channel: "social"),
    ];

    private static readonly Transaction[] Transactions =
    [
        new("a", new DateOnly(2024, 1, 10), 100m),
        new("a", new DateOnly(2024, 3, 10), 300m),
        new("a", new DateOnly(2024, 3, 12), -50m), // refund
        new("b", new DateOnly(2024, 3, 5), 100m),
        new("c", new DateOnly(2024, 7, 15), 999m), // after the as-of day: ignored
    ];

    private static readonly CostEntry[] Costs =
    [
        new(CostCategory.Service, CostScope.Customer, "a", 50m, new(2024, 1, 1), new(2024, 6, 30)),
        // March: a and b (smb) were active in March; c (smb) was not (no purchase before the as-of day).
        new(CostCategory.Marketing, CostScope.Segment, "smb", 90m, new(2024, 3, 1), new(2024, 3, 31)),
        // Acquisition spend of 'search' in Q1: a (Jan 10) and b (Mar 5) were acquired in it.
        new(CostCategory.Acquisition, CostScope.Channel, "search", 200m, new(2024, 1, 1), new(2024, 3, 31)),
        new(CostCategory.Acquisition, CostScope.Channel, "tv", 500m, new(2024, 1, 1), new(2024, 3, 31)),
    ];

    [Fact]
    public void Equal_split_over_active_customers_gives_each_their_share_and_reports_what_nobody_took()
    {
        var (customers, allocation) = CustomerValueCalculator.Calculate(Profiles, Transactions, [], Costs, AsOf,
            CostAllocationRule.EqualSplitOverActiveCustomers, [new SupportTicket("t1", "b", new(2024, 4, 2), Cost: 20m)]);
        var a = customers.Single(c => c.CustomerId == "a");
        var b = customers.Single(c => c.CustomerId == "b");
        var c = customers.Single(c => c.CustomerId == "c");

        // a: service 50 + marketing 90/2 = 45 + acquisition 200/2 = 100 -> 195.
        Assert.Equal(new CostBreakdown(100m, 50m, 0m, 45m), a.Costs);
        Assert.Equal(195m, a.Costs.Total);
        // a: revenue 100 + 300 - 50 = 350; ROI = (350 - 195) / 195.
        Assert.Equal(350m, a.Revenue);
        Assert.Equal((350m - 195m) / 195m, a.Roi);
        Assert.Equal(CustomerValueCalculator.RoiDefinition, a.RoiNote);
        // a has a margin: historical CLV = 350 x 0.4 = 140; average transaction 400 / 2 purchases = 200.
        Assert.Equal(140m, a.HistoricalClv);
        Assert.Equal(140m, a.GrossProfit);
        Assert.Equal(200m, a.AverageTransactionSize);
        // Tenure Jan 10 -> Jun 30 2024 = 172 days; 2 purchases / (172 / 365.25) a year.
        Assert.Equal(172, a.TenureDays);
        Assert.Equal(2 / (172 / 365.25), a.PurchasesPerYear!.Value, 10);

        // b: marketing 45 + acquisition 100 + ticket 20 = 165; revenue 100; no margin, so CLV = revenue.
        Assert.Equal(165m, b.Costs.Total);
        Assert.Equal(100m, b.HistoricalClv);
        Assert.Contains("no margin", b.HistoricalClvBasis);

        // c had no cost: ROI is undefined, not infinite or zero.
        Assert.Null(c.Roi);
        Assert.Contains("undefined", c.RoiNote);
        Assert.Equal(0m, c.Revenue);

        var tv = Assert.Single(allocation.Unallocated);
        Assert.Equal("tv", tv.Cost.ScopeKey);
        Assert.Contains("no customer belongs to channel 'tv'", tv.Reason);
        Assert.Contains("split equally", allocation.Definition);
    }

    [Fact]
    public void Proportional_to_revenue_shares_by_net_revenue_in_the_cost_period()
    {
        var (customers, _) = CustomerValueCalculator.Calculate(Profiles, Transactions, [], Costs[1..2], AsOf, CostAllocationRule.ProportionalToRevenue);
        // March net revenue: a 300 - 50 = 250, b 100, c 0 -> shares 250/350 and 100/350 of 90.
        Assert.Equal(90m * 250m / 350m, customers.Single(c => c.CustomerId == "a").Costs.Marketing, 20);
        Assert.Equal(90m * 100m / 350m, customers.Single(c => c.CustomerId == "b").Costs.Marketing, 20);
        Assert.Equal(0m, customers.Single(c => c.CustomerId == "c").Costs.Marketing);
    }

    [Fact]
    public void Average_contract_value_annualises_the_recurring_value()
    {
        Subscription[] subscriptions =
        [
            new("a", new(2024, 1, 1), null, null, 30m, BillingPeriod.Monthly),   // 360 a year
            new("a", new(2024, 1, 1), null, null, 300m, BillingPeriod.Quarterly), // 1,200 a year
        ];
        var (customers, _) = CustomerValueCalculator.Calculate(Profiles[..1], [], subscriptions, [], AsOf, CostAllocationRule.EqualSplitOverActiveCustomers);
        Assert.Equal((360m + 1200m) / 2, customers[0].AverageContractValue);
        Assert.Null(customers[0].AverageTransactionSize);
    }
}
