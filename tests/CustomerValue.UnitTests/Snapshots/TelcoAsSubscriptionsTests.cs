using CustomerValue.Ingestion;
using CustomerValue.Reports;
using CustomerValue.Segments;
using CustomerValue.Snapshots;
using CustomerValue.Value;
using static CustomerValue.Tests.Ingestion.IngestionTestSupport;

namespace CustomerValue.Tests.Snapshots;

/// <summary>The IBM telco table read as the subscriptions upload kind reads it, then assembled and segmented.</summary>
public class TelcoAsSubscriptionsTests
{
    private static readonly DateOnly AsOf = new(2024, 1, 31);

    private static AssembledCustomers Assemble()
    {
        using var reading = OpenFile(TestPaths.Data("telco_churn", "Telco-Customer-Churn.csv"), UploadKind.Subscriptions);
        var subscriptions = AllAccepted(reading.Subscriptions());
        return CustomerViewAssembler.Assemble(new CustomerBase { Subscriptions = subscriptions }, AsOf, new ValueOptions());
    }

    [Fact]
    public void Subscription_customers_get_predicted_clv_and_churn_probability_and_month_to_month_is_ranked_with_revenue_at_risk()
    {
        var view = Assemble();

        var stillSubscribed = view.Customers.Where(c => c.Churned == false).ToList();
        Assert.True(stillSubscribed.Count > 5000, $"{stillSubscribed.Count} customers still subscribed");
        Assert.All(stillSubscribed, c =>
        {
            Assert.True(c.PredictedClv > 0, $"{c.CustomerId}: predicted CLV {c.PredictedClv}");
            Assert.InRange(c.ChurnProbability!.Value, 1e-9, 1 - 1e-9);
        });

        var analysis = SegmentAnalysis.Run(view.Customers, AsOf);
        var monthToMonth = Assert.Single(analysis.Opportunities, o => o.Segment == new SegmentKey(SegmentDimensions.Contract, "Month-to-month"));
        Assert.True(monthToMonth.RevenueAtRisk > 0, $"revenue at risk {monthToMonth.RevenueAtRisk}");
        var segment = analysis.Segments.Single(s => s.Segment == monthToMonth.Segment);
        Assert.Equal(segment.RevenueAtRisk, monthToMonth.RevenueAtRisk);
        var twoYear = analysis.Segments.Single(s => s.Segment == new SegmentKey(SegmentDimensions.Contract, "Two year"));
        Assert.True(segment.ChurnRate > twoYear.ChurnRate, $"month-to-month churn {segment.ChurnRate}, two-year {twoYear.ChurnRate}");
    }
}
