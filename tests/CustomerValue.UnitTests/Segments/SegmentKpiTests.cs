using CustomerValue.Reports;
using CustomerValue.Segments;

namespace CustomerValue.Tests.Segments;

/// <summary>
/// 1,000 customers in four plans, built so that every figure below can be worked out by hand:
/// <code>
/// plan  customers  churned  predicted CLV  churn prob.  revenue  cost   revenue at risk
/// A     400        40       100            0.2          120      60     400*100*0.2 =  8,000
/// B     300        60       200            0.1           80      100    300*200*0.1 =  6,000
/// C     200        20       500            0.3          300      none   200*500*0.3 = 30,000
/// D     100        50        50            0.5           40      0      100*50*0.5  =  2,500
/// </code>
/// </summary>
public class SegmentKpiTests
{
    private static readonly DateOnly AsOf = new(2025, 6, 30);

    private sealed record PlanSpec(string Plan, int Customers, int Churned, decimal Clv, double ChurnProbability, decimal Revenue, decimal? Cost);

    private static readonly PlanSpec[] Plans =
    [
        new("A", 400, 40, 100m, 0.2, 120m, 60m),
        new("B", 300, 60, 200m, 0.1, 80m, 100m),
        new("C", 200, 20, 500m, 0.3, 300m, null),
        new("D", 100, 50, 50m, 0.5, 40m, 0m),
    ];

    internal static List<CustomerView> Population()
    {
        var customers = new List<CustomerView>();
        var n = 0;
        foreach (var plan in Plans)
        {
            for (var i = 0; i < plan.Customers; i++, n++)
            {
                customers.Add(new CustomerView
                {
                    CustomerId = $"{plan.Plan}-{i:D4}",
                    Plan = plan.Plan,
                    Country = n % 2 == 0 ? "US" : null,
                    Orders = 2,
                    PurchaseDays = 2,
                    Revenue = plan.Revenue,
                    AverageTransactionSize = plan.Revenue / 2,
                    LastPurchase = AsOf.AddDays(-(n % 365)),
                    Cost = plan.Cost,
                    PredictedClv = plan.Clv,
                    HistoricalClv = plan.Revenue,
                    ChurnProbability = plan.ChurnProbability,
                    Churned = i < plan.Churned,
                    NpsScore = NpsOf(plan.Plan, i),
                    Csat = plan.Plan == "A" ? (i < 300 ? 5 : 2) : null,
                    SupportCost = plan.Plan == "A" ? 10m : null,
                    SentimentCompound = plan.Plan == "A" ? CompoundOfA(i) : null,
                    Aspects = plan.Plan == "A" ? AspectsOfA(i) : [],
                });
            }
        }
        return customers;
    }

    // A: 200 promoters (10), 100 passives (8), 100 detractors (3) -> NPS 25. B: none. C: 50 answers of 9. D: all 0.
    private static int? NpsOf(string plan, int i) => plan switch
    {
        "A" => i < 200 ? 10 : i < 300 ? 8 : 3,
        "C" => i < 50 ? 9 : null,
        "D" => 0,
        _ => null,
    };

    // A: customers 0-99 complain about price, 100-149 about support, 150-349 praise delivery.
    private static double? CompoundOfA(int i) => i < 100 ? -0.6 : i < 150 ? -0.4 : i < 350 ? 0.7 : null;

    private static IReadOnlyList<AspectMention> AspectsOfA(int i) =>
        i < 100 ? [new("price", -0.6)] : i < 150 ? [new("support", -0.4)] : i < 350 ? [new("delivery", 0.7)] : [];

    private static SegmentAnalysisResult Run() =>
        SegmentAnalysis.Run(Population(), AsOf, new SegmentationOptions { OpportunityCount = null, ChurnCutPoints = 5 });

    private static SegmentKpis Plan(SegmentAnalysisResult result, string plan) =>
        result.Segments.Single(s => s.Segment == new SegmentKey(SegmentDimensions.Plan, plan));

    [Fact]
    public void Every_dimension_partitions_the_population()
    {
        var result = Run();
        Assert.Equal(SegmentKey.Everyone, result.Segments[0].Segment);
        Assert.Equal(1000, result.Segments[0].Customers);
        foreach (var dimension in SegmentDimensions.All)
            Assert.Equal(1000, result.Segments.Where(s => s.Segment.Dimension == dimension).Sum(s => s.Customers));
        Assert.Equal([400, 300, 200, 100], new[] { "A", "B", "C", "D" }.Select(p => Plan(result, p).Customers));
        Assert.Equal(500, result.Segments.Single(s => s.Segment == new SegmentKey(SegmentDimensions.Country, "unknown")).Customers);
    }

    [Fact]
    public void Revenue_cost_roi_and_clv_per_plan()
    {
        var result = Run();
        var a = Plan(result, "A");
        Assert.Equal(400 * 120m, a.Revenue);
        Assert.Equal(400 * 60m, a.Cost);
        Assert.Equal(1.0, a.Roi!.Value, 12);                       // (48,000 - 24,000) / 24,000
        Assert.Equal(-0.2, Plan(result, "B").Roi!.Value, 12);       // (24,000 - 30,000) / 30,000
        Assert.Null(Plan(result, "C").Cost);
        Assert.Null(Plan(result, "C").Roi);
        Assert.Equal(0m, Plan(result, "D").Cost);
        Assert.Null(Plan(result, "D").Roi);                         // cost 0: no ROI
        Assert.Equal(100m, a.AveragePredictedClv);
        Assert.Equal(120m, a.AverageHistoricalClv);
        Assert.Equal(10m, a.SupportCostPerCustomer);
        Assert.Null(Plan(result, "B").SupportCostPerCustomer);

        var everyone = result.Segments[0];
        Assert.Equal(400 * 120m + 300 * 80m + 200 * 300m + 100 * 40m, everyone.Revenue);
        // ROI over the customers whose cost is known (A, B, D): (48,000 + 24,000 + 4,000 - 54,000) / 54,000.
        Assert.Equal((76_000.0 - 54_000.0) / 54_000.0, everyone.Roi!.Value, 12);
        Assert.Equal(Math.Round((400 * 100m + 300 * 200m + 200 * 500m + 100 * 50m) / 1000m, 4), everyone.AveragePredictedClv);
    }

    [Fact]
    public void Churn_is_the_observed_share_when_statuses_are_known()
    {
        var result = Run();
        Assert.Equal(ChurnBasis.Observed, result.Model.ChurnBasis);
        Assert.Equal(0.10, Plan(result, "A").ChurnRate!.Value, 12);
        Assert.Equal(0.20, Plan(result, "B").ChurnRate!.Value, 12);
        Assert.Equal(0.50, Plan(result, "D").ChurnRate!.Value, 12);
        Assert.Equal(0.90, Plan(result, "A").RetentionRate!.Value, 12);
        Assert.Equal(170 / 1000.0, result.Segments[0].ChurnRate!.Value, 12);
        Assert.Contains("the churn status given in the data (1,000 customers)", result.Segments[0].ChurnDefinition);
    }

    [Fact]
    public void Churn_is_the_mean_probability_when_no_status_is_known()
    {
        var population = Population().Select(c => c with { Churned = null, ChurnProbability = null, ProbabilityAlive = 1 - c.ChurnProbability }).ToList();
        var result = SegmentAnalysis.Run(population, AsOf);
        Assert.Equal(ChurnBasis.Probability, result.Model.ChurnBasis);
        Assert.Equal(0.3, Plan(result, "C").ChurnRate!.Value, 12);
        Assert.Equal((400 * 0.2 + 300 * 0.1 + 200 * 0.3 + 100 * 0.5) / 1000, result.Segments[0].ChurnRate!.Value, 12);
        Assert.Contains("probability", result.Segments[0].ChurnDefinition);
    }

    [Fact]
    public void Nps_csat_sentiment_and_aspects_per_plan()
    {
        var result = Run();
        var a = Plan(result, "A");
        Assert.Equal(25.0, a.Nps!.Value, 12);              // (200 - 100) / 400
        Assert.Equal(400, a.NpsAnswers);
        Assert.Null(Plan(result, "B").Nps);
        Assert.Equal(100.0, Plan(result, "C").Nps!.Value, 12);
        Assert.Equal(-100.0, Plan(result, "D").Nps!.Value, 12);
        Assert.Equal(100.0 * (250 - 200) / 550, result.Segments[0].Nps!.Value, 12);
        Assert.Equal(75.0, a.CsatPercent!.Value, 12);       // 300 fives of 400
        Assert.Null(Plan(result, "B").CsatPercent);

        Assert.Equal(350, a.Sentiment!.Responses);
        Assert.Equal(200.0 / 350, a.Sentiment.Positive, 12);
        Assert.Equal(150.0 / 350, a.Sentiment.Negative, 12);
        Assert.Equal(0, a.Sentiment.Neutral);

        Assert.Equal(["price", "support"], a.TopNegativeAspects.Select(x => x.Topic));
        Assert.Equal(new AspectSummary("price", 100, 0, 100, -0.6), a.TopNegativeAspects[0] with { MeanCompound = Math.Round(a.TopNegativeAspects[0].MeanCompound, 12) });
        Assert.Equal(["delivery"], a.TopPositiveAspects.Select(x => x.Topic));
        Assert.Empty(Plan(result, "B").TopNegativeAspects);
    }

    [Fact]
    public void Opportunities_rank_plans_by_revenue_at_risk_with_the_value_of_a_churn_cut()
    {
        var result = Run();
        Assert.Equal(8_000m, Plan(result, "A").RevenueAtRisk);
        var plans = result.Opportunities.Where(o => o.Segment.Dimension == SegmentDimensions.Plan).ToList();
        Assert.Equal(["C", "A", "B", "D"], plans.Select(o => o.Segment.Value));
        Assert.Equal([30_000m, 8_000m, 6_000m, 2_500m], plans.Select(o => o.RevenueAtRisk));

        var c = plans[0];
        Assert.Equal(200, c.Customers);
        Assert.Equal(0.10, c.ChurnRate, 12);
        Assert.Equal(0.17, c.OverallChurnRate, 12);
        Assert.Equal(5, c.ChurnCutPoints);
        Assert.Equal(200 * 0.05m * 500m, c.ValueOfChurnCut);  // customers x points / 100 x average predicted CLV
        Assert.Equal("price", plans[1].TopComplaints[0].Topic);

        // Ranks run 1.. over all dimensions, highest risk first; everyone is never an opportunity.
        Assert.Equal(Enumerable.Range(1, result.Opportunities.Count), result.Opportunities.Select(o => o.Rank));
        Assert.DoesNotContain(result.Opportunities, o => o.Segment == SegmentKey.Everyone);
        Assert.True(result.Opportunities.Zip(result.Opportunities.Skip(1)).All(p => p.First.RevenueAtRisk >= p.Second.RevenueAtRisk));
    }

    [Fact]
    public void Opportunities_from_stored_segments_of_one_dimension_weigh_the_overall_churn_by_customers()
    {
        var plans = Run().Segments.Where(s => s.Segment.Dimension == SegmentDimensions.Plan).ToList();
        var ranked = OpportunityRanker.Rank(plans, churnCutPoints: 10);
        // (400 x 0.1 + 300 x 0.2 + 200 x 0.1 + 100 x 0.5) / 1000 = 0.17
        Assert.All(ranked, o => Assert.Equal(0.17, o.OverallChurnRate, 12));
        Assert.Equal(100 * 0.10m * 50m, ranked.Single(o => o.Segment.Value == "D").ValueOfChurnCut);
    }

    [Fact]
    public void An_empty_population_gives_one_empty_row_for_everyone()
    {
        var result = SegmentAnalysis.Run([], AsOf);
        var everyone = Assert.Single(result.Segments);
        Assert.Equal(SegmentKey.Everyone, everyone.Segment);
        Assert.Equal(0, everyone.Customers);
        Assert.Null(everyone.ChurnRate);
        Assert.Empty(result.Opportunities);
        Assert.Empty(result.KeyDrivers);
    }

    [Fact]
    public void Opportunity_count_limits_the_list()
    {
        var result = SegmentAnalysis.Run(Population(), AsOf, new SegmentationOptions { OpportunityCount = 3 });
        Assert.Equal(3, result.Opportunities.Count);
    }

    [Fact]
    public void Changes_since_the_previous_snapshot_are_current_minus_previous()
    {
        var previous = new SegmentKpis
        {
            Segment = new SegmentKey(SegmentDimensions.Plan, "A"),
            Period = AsOf.AddMonths(-1),
            Customers = 380,
            Revenue = 45_000m,
            ChurnRate = 0.08,
            Nps = 30,
            Roi = null,
        };
        var result = SegmentAnalysis.Run(Population(), AsOf, previous: [previous]);
        var changes = Plan(result, "A").ChangeSincePrevious;
        Assert.Equal(20, changes["Customers"]);
        Assert.Equal(3_000, changes["Revenue"]);
        Assert.Equal(0.02, changes["ChurnRate"], 12);
        Assert.Equal(-5, changes["Nps"], 12);
        Assert.False(changes.ContainsKey("Roi"));           // unknown before: no change to report
        Assert.Empty(Plan(result, "B").ChangeSincePrevious); // no previous figures for B
    }
}
