using CustomerValue.Domain;
using CustomerValue.Reports;
using CustomerValue.Segments;
using CustomerValue.Snapshots;
using CustomerValue.Value;

namespace CustomerValue.Tests.Value;

/// <summary>CAC, LTV, LTV:CAC and payback by channel and campaign, from the customer view the segments sum.</summary>
public sealed class AcquisitionEconomicsTests
{
    private static readonly DateOnly AsOf = new(2025, 12, 31);
    private const double Margin = 0.5;
    private static readonly double DaysPerMonth = 365.25 / 12;

    /// <summary>
    /// A: search, spring, own acquisition 10 + allocated 30, revenue 200, predicted CLV 50, a customer for 365 days.
    /// B: search, no campaign, allocated 20, revenue 100, acquired 10 days ago (counts one month).
    /// C: social, spring, no acquisition cost, revenue 60, predicted CLV 20, no acquisition day.
    /// D: no channel, no campaign, nothing known.
    /// </summary>
    private static readonly CustomerView[] Customers =
    [
        new() { CustomerId = "A", AcquisitionChannel = "search", Campaign = "spring", AcquisitionCost = 10, AllocatedAcquisitionCost = 30, Revenue = 200, PredictedClv = 50, SignupDate = AsOf.AddDays(-365) },
        new() { CustomerId = "B", AcquisitionChannel = "search", AcquisitionCost = 0, AllocatedAcquisitionCost = 20, Revenue = 100, SignupDate = AsOf.AddDays(-10) },
        new() { CustomerId = "C", AcquisitionChannel = "social", Campaign = "spring", Revenue = 60, PredictedClv = 20 },
        new() { CustomerId = "D" },
    ];

    private static Dictionary<string, AcquisitionEconomics> Rows() =>
        AcquisitionCalculator.ByChannelAndCampaign(Customers, AsOf, Margin).ToDictionary(r => r.Group.ToString());

    [Fact]
    public void Everyone_each_channel_and_each_campaign_get_cac_ltv_and_their_ratio_worked_out_by_hand()
    {
        var rows = Rows();
        Assert.Equal(["all:all", "channel:search", "channel:social", "channel:unknown", "campaign:spring", "campaign:unknown"],
            AcquisitionCalculator.ByChannelAndCampaign(Customers, AsOf, Margin).Select(r => r.Group.ToString()));

        // Everyone: spend 10 + 30 + 20 = 60 over 4 customers; LTV = (200 x 0.5 + 50 + 100 x 0.5 + 60 x 0.5 + 20 + 0) / 4 = 62.5.
        Assert.Equal((4, 60m, 15m, 62.5m), (rows["all:all"].Customers, rows["all:all"].Spend, rows["all:all"].Cac, rows["all:all"].Ltv));
        Assert.Equal(Math.Round(62.5m / 15m, 4), rows["all:all"].LtvToCac);
        // Search: spend 60 over 2 (CAC 30), LTV (150 + 50) / 2 = 100.
        Assert.Equal((2, 60m, 30m, 100m), (rows["channel:search"].Customers, rows["channel:search"].Spend, rows["channel:search"].Cac, rows["channel:search"].Ltv));
        Assert.Equal(Math.Round(100m / 30m, 4), rows["channel:search"].LtvToCac);
        // Social: no acquisition cost known, so neither CAC nor the ratios.
        Assert.Equal((1, 0m), (rows["channel:social"].Customers, rows["channel:social"].Spend));
        Assert.Null(rows["channel:social"].Cac);
        Assert.Null(rows["channel:social"].LtvToCac);
        Assert.Null(rows["channel:social"].PaybackMonths);
        // Spring: A's 40 over A and C (CAC 20), LTV (150 + 50) / 2 = 100, ratio 5.
        Assert.Equal((2, 40m, 20m, 100m, 5m), (rows["campaign:spring"].Customers, rows["campaign:spring"].Spend, rows["campaign:spring"].Cac, rows["campaign:spring"].Ltv, rows["campaign:spring"].LtvToCac));
        Assert.Equal((2, 20m, 10m, 25m, 2.5m), (rows["campaign:unknown"].Customers, rows["campaign:unknown"].Spend, rows["campaign:unknown"].Cac, rows["campaign:unknown"].Ltv, rows["campaign:unknown"].LtvToCac));
    }

    [Fact]
    public void Payback_is_cac_over_the_monthly_margin_of_the_months_since_acquisition()
    {
        var rows = Rows();
        // Search: A for 365 days, B for 10 (one month at least); revenue 300 x margin 0.5 over those months.
        var searchMargin = 300 * Margin / (365 / DaysPerMonth + 1);
        Assert.Equal(searchMargin, (double)rows["channel:search"].MonthlyMargin!.Value, 3);
        Assert.Equal(30 / searchMargin, (double)rows["channel:search"].PaybackMonths!.Value, 3);
        // Spring: only A has an acquisition day (C has none and is left out of the pace).
        var springMargin = 200 * Margin / (365 / DaysPerMonth);
        Assert.Equal(20 / springMargin, (double)rows["campaign:spring"].PaybackMonths!.Value, 3);
    }

    [Fact]
    public void The_channels_and_the_campaigns_each_split_everyones_customers_and_spend()
    {
        var rows = AcquisitionCalculator.ByChannelAndCampaign(Customers, AsOf, Margin);
        var all = rows.Single(r => r.Group == SegmentKey.Everyone);
        foreach (var dimension in new[] { AcquisitionEconomics.Channel, AcquisitionEconomics.Campaign })
        {
            var groups = rows.Where(r => r.Dimension == dimension).ToList();
            Assert.Equal(all.Customers, groups.Sum(r => r.Customers));
            Assert.Equal(all.Spend, groups.Sum(r => r.Spend));
        }
    }

    [Fact]
    public void A_dimension_no_customer_has_is_left_out()
    {
        var rows = AcquisitionCalculator.ByChannelAndCampaign([new CustomerView { CustomerId = "X", AcquisitionChannel = "search" }], AsOf, Margin);
        Assert.DoesNotContain(rows, r => r.Dimension == AcquisitionEconomics.Campaign);
    }

    [Fact]
    public void Acquisition_spend_comes_from_the_cost_uploads_allocated_by_channel_and_campaign_and_the_rest_is_a_warning()
    {
        var spring = new Dictionary<string, string> { ["Campaign"] = "spring" };
        var data = new CustomerBase
        {
            Profiles = [new CustomerRecord("A", AcquisitionChannel: "search", AcquisitionCost: 10, Attributes: spring),
                        new CustomerRecord("B", AcquisitionChannel: "search"), new CustomerRecord("C", AcquisitionChannel: "social")],
            Costs = [new CostRecord(CostCategory.Marketing, 40m, Channel: "search"),     // 20 each to A and B
                     new CostRecord(CostCategory.Acquisition, 12m, Campaign: "spring"),  // all to A
                     new CostRecord(CostCategory.Support, 8m, Channel: "social"),        // a cost of C, not of acquiring C
                     new CostRecord(CostCategory.Acquisition, 999m, Channel: "tiktok")], // no customer: a warning
        };
        var view = CustomerViewAssembler.Assemble(data, AsOf, new ValueOptions());
        var rows = AcquisitionCalculator.ByChannelAndCampaign(view.Customers, AsOf, Margin).ToDictionary(r => r.Group.ToString());

        Assert.Equal((2, 62m, 31m), (rows["channel:search"].Customers, rows["channel:search"].Spend, rows["channel:search"].Cac));
        Assert.Equal((1, 0m), (rows["channel:social"].Customers, rows["channel:social"].Spend));
        Assert.Equal((1, 42m), (rows["campaign:spring"].Customers, rows["campaign:spring"].Spend));
        Assert.Equal(62m, rows["all:all"].Spend); // 10 + 20 + 12 for A, 20 for B
        Assert.Equal(8m, view.Customers.Single(c => c.CustomerId == "C").AllocatedCost); // still in C's cost and ROI
        Assert.Contains(view.Warnings, w => w.Contains("999.00") && w.Contains("'tiktok'"));
    }
}
