using System.Reflection;
using CustomerValue.Kpis;
using CustomerValue.Reports;
using CustomerValue.Segments;
using CustomerValue.Storage.Snapshots;

namespace CustomerValue.Tests.Reports;

/// <summary>
/// Everything the snapshot stores is shown by some report. The stored members are read from the stored types
/// themselves (the KPI snapshot row, and each section of the segment snapshot with its records' properties); each
/// must have an entry here naming the report page and the text it is shown under, and that text must be on the page
/// rendered from a full sample. A new stored figure fails this test until a report shows it.
/// </summary>
public sealed class SnapshotCoverageTests
{
    /// <summary>Stored member ("Type.Property") to the report it is shown in and the label it is shown under.</summary>
    private static readonly IReadOnlyDictionary<string, (string Report, string Label)> ShownAt = new Dictionary<string, (string, string)>
    {
        // KpiSnapshots row: the tiles and the folded table under them (kpis?format=html, the email brief).
        ["KpiSnapshot.AsOf"] = ("kpis", "data as of 2026-11-01"),
        ["KpiSnapshot.Customers"] = ("kpis", ">Customers<"),
        ["KpiSnapshot.Orders"] = ("kpis", ">Orders<"),
        ["KpiSnapshot.GrossRevenue"] = ("kpis", ">Gross revenue<"),
        ["KpiSnapshot.Refunds"] = ("kpis", ">Refunds<"),
        ["KpiSnapshot.SubscriptionRevenue"] = ("kpis", ">Subscription revenue<"),
        ["KpiSnapshot.Revenue"] = ("kpis", ">Revenue (transactions and subscriptions)<"),
        ["KpiSnapshot.DataThrough"] = ("kpis", "newest data 2026-10-30"),
        ["KpiSnapshot.ClvModel"] = ("kpis", "data-clv-model=\"mbgnbd\""),
        ["KpiSnapshot.ClvModelStatement"] = ("kpis", SampleReportData.ClvModelStatement),
        ["KpiSnapshot.Warnings"] = ("kpis", "Warning: " + SampleReportData.DataWarning),
        ["KpiSnapshot.NetRevenue"] = ("kpis", ">Net revenue<"),
        ["KpiSnapshot.AverageTransactionSize"] = ("kpis", ">Average transaction size<"),
        ["KpiSnapshot.RevenuePerCustomer"] = ("kpis", ">Revenue per customer<"),
        ["KpiSnapshot.RepeatCustomerRate"] = ("kpis", ">Repeat customer rate<"),
        ["KpiSnapshot.ActiveCustomers"] = ("kpis", ">Active customers<"),
        ["KpiSnapshot.ActiveWindowDays"] = ("kpis", ">Active window<"),
        ["KpiSnapshot.FirstPurchase"] = ("kpis", ">First purchase<"),
        ["KpiSnapshot.LastPurchase"] = ("kpis", ">Last purchase<"),
        ["KpiSnapshot.Cost"] = ("kpis", "<th>Cost</th>"),
        ["KpiSnapshot.Roi"] = ("kpis", ">ROI<"),
        ["KpiSnapshot.ChurnRate"] = ("kpis", ">Churn rate<"),
        ["KpiSnapshot.ChurnDefinition"] = ("kpis", "Churn: " + SampleReportData.ChurnDefinition),
        ["KpiSnapshot.RetentionRate"] = ("kpis", ">Retention rate<"),
        ["KpiSnapshot.AveragePredictedClv"] = ("kpis", ">Average predicted CLV<"),
        ["KpiSnapshot.RevenueAtRisk"] = ("kpis", "<th>Revenue at risk</th>"),
        ["KpiSnapshot.Nps"] = ("kpis", ">NPS<"),
        ["KpiSnapshot.CsatPercent"] = ("kpis", ">CSAT<"),
        ["KpiSnapshot.AverageSentiment"] = ("kpis", ">Average comment sentiment<"),
        // SegmentSnapshots rows "seg-…": the segments page.
        ["SegmentKpis.Segment"] = ("segments", "<th>Segment</th>"),
        ["SegmentKpis.Period"] = ("segments", "Figures of snapshot 2026-11-01"),
        ["SegmentKpis.Customers"] = ("segments", "<th>Customers</th>"),
        ["SegmentKpis.Revenue"] = ("segments", "<th>Revenue (USD)</th>"),
        ["SegmentKpis.Cost"] = ("segments", "<th>Cost (USD)</th>"),
        ["SegmentKpis.Roi"] = ("segments", "<th>ROI</th>"),
        ["SegmentKpis.AverageHistoricalClv"] = ("segments", "<th>Historical CLV (USD)</th>"),
        ["SegmentKpis.AveragePredictedClv"] = ("segments", "<th>Predicted CLV (USD)</th>"),
        ["SegmentKpis.ChurnRate"] = ("segments", "<th>Churn</th>"),
        ["SegmentKpis.RetentionRate"] = ("segments", "<th>Retention</th>"),
        ["SegmentKpis.ChurnDefinition"] = ("segments", "Churn: " + SampleReportData.ChurnDefinition),
        ["SegmentKpis.RevenueAtRisk"] = ("segments", "<th>Revenue at risk (USD)</th>"),
        ["SegmentKpis.Nps"] = ("segments", "<th>NPS (n)</th>"),
        ["SegmentKpis.NpsAnswers"] = ("segments", "(n = 200)"),
        ["SegmentKpis.Promoters"] = ("segments", "<th>Promoters / passives / detractors</th>"),
        ["SegmentKpis.Passives"] = ("segments", ">110 / 46 / 44</td>"),
        ["SegmentKpis.Detractors"] = ("segments", ">110 / 46 / 44</td>"),
        ["SegmentKpis.CsatPercent"] = ("segments", "<th>CSAT (n)</th>"),
        ["SegmentKpis.CsatAnswers"] = ("segments", "(n = 150)"),
        ["SegmentKpis.Sentiment"] = ("segments", "<th>Comments +/− (n)</th>"),
        ["SegmentKpis.TopPositiveAspects"] = ("segments", "<th>Praised</th>"),
        ["SegmentKpis.TopNegativeAspects"] = ("segments", "<th>Complaints</th>"),
        ["SegmentKpis.Topics"] = ("surveys", "<h3>Topics by segment</h3>"),
        ["SegmentKpis.SupportCostPerCustomer"] = ("segments", "Support cost against satisfaction"),
        ["SegmentKpis.SupportCostPerTicketOpener"] = ("segments", "<th>Support cost per ticket opener (USD)</th>"),
        ["SegmentKpis.TransactionRevenue"] = ("segments", "<th>Transaction revenue (USD)</th>"),
        ["SegmentKpis.SubscriptionRevenue"] = ("segments", "<th>Subscription revenue (USD)</th>"),
        ["SegmentKpis.ChangeSincePrevious"] = ("segments", "<th>Change since last snapshot</th>"),
        // Rows "opp-…": the opportunities page.
        ["Opportunity.Segment"] = ("opportunities", "<th>Segment</th>"),
        ["Opportunity.Rank"] = ("opportunities", "<th>#</th>"),
        ["Opportunity.Customers"] = ("opportunities", "<th>Customers</th>"),
        ["Opportunity.RevenueAtRisk"] = ("opportunities", "<th>Revenue at risk (USD)</th>"),
        ["Opportunity.ChurnRate"] = ("opportunities", "<th>Churn</th>"),
        ["Opportunity.OverallChurnRate"] = ("opportunities", "(all 8.0 %)"),
        ["Opportunity.TopComplaints"] = ("opportunities", "<th>Top complaints</th>"),
        ["Opportunity.ValueOfChurnCut"] = ("opportunities", "<th>Value of churn cut (USD)</th>"),
        ["Opportunity.ChurnCutPoints"] = ("opportunities", "(churn −5.0 pts)"),
        // Rows "drv-…": the drivers page.
        ["KeyDriver.Driver"] = ("drivers", "<th>Driver</th>"),
        ["KeyDriver.Outcome"] = ("drivers", "<th>Outcome</th>"),
        ["KeyDriver.Method"] = ("drivers", "<th>Method</th>"),
        ["KeyDriver.Correlation"] = ("drivers", "<th>Effect (r)</th>"),
        ["KeyDriver.PValue"] = ("drivers", "<th>p-value</th>"),
        ["KeyDriver.Samples"] = ("drivers", "<th>n</th>"),
        // Row "lifecycle": the lifecycle page.
        ["LifecycleView.From"] = ("lifecycle", "2026-10-01 to 2026-11-01"),
        ["LifecycleView.To"] = ("lifecycle", "2026-10-01 to 2026-11-01"),
        ["LifecycleView.NewCustomers"] = ("lifecycle", ">New customers<"),
        ["LifecycleView.AcquisitionSpend"] = ("lifecycle", ">Acquisition spend<"),
        ["LifecycleView.Cac"] = ("lifecycle", ">CAC<"),
        ["LifecycleView.ExistingAtStart"] = ("lifecycle", ">Existing at start<"),
        ["LifecycleView.Retained"] = ("lifecycle", ">Retained<"),
        ["LifecycleView.RetentionRate"] = ("lifecycle", ">Retention rate<"),
        ["LifecycleView.Expanded"] = ("lifecycle", ">Expanded<"),
        ["LifecycleView.ExpansionRevenue"] = ("lifecycle", ">Expansion revenue<"),
        ["LifecycleView.Contracted"] = ("lifecycle", ">Contracted<"),
        ["LifecycleView.NetRevenueRetention"] = ("lifecycle", ">Net revenue retention<"),
        ["LifecycleView.Reactivated"] = ("lifecycle", ">Won back<"),
        // Rows "acq-…": the acquisition page (and the overview).
        ["AcquisitionEconomics.Dimension"] = ("acquisition", "data-acquisition=\"campaign:spring &lt;sale&gt;\""),
        ["AcquisitionEconomics.Value"] = ("acquisition", ">Campaign: spring &lt;sale&gt;</td>"),
        ["AcquisitionEconomics.Customers"] = ("acquisition", "<th>Customers acquired</th>"),
        ["AcquisitionEconomics.Spend"] = ("acquisition", "<th>Acquisition spend (USD)</th>"),
        ["AcquisitionEconomics.Cac"] = ("acquisition", "<th>CAC (USD)</th>"),
        ["AcquisitionEconomics.Ltv"] = ("acquisition", "<th>LTV (USD)</th>"),
        ["AcquisitionEconomics.LtvToCac"] = ("acquisition", "<th>LTV:CAC (n)</th>"),
        ["AcquisitionEconomics.MonthlyMargin"] = ("acquisition", "<th>Monthly margin per customer (USD)</th>"),
        ["AcquisitionEconomics.PaybackMonths"] = ("acquisition", "<th>CAC payback, months (n)</th>"),
        // Row "warnings": beside the figures they affect, and their own page.
        ["SegmentSnapshot.Warnings"] = ("warnings", "999.00 of costs were not allocated"),
        // Row "model": where the numbers come from.
        ["SegmentSnapshot.Model"] = ("kpis", "Value model: BG/NBD"),
        ["SegmentSnapshot.Period"] = ("kpis", "Snapshot of 2026-11-01"),
    };

    /// <summary>The sections of a segment snapshot whose records are stored property by property.</summary>
    private static readonly Type[] StoredRecords = [typeof(KpiSnapshot), typeof(SegmentKpis), typeof(Opportunity), typeof(KeyDriver), typeof(LifecycleView), typeof(CustomerValue.Value.AcquisitionEconomics)];

    public static IEnumerable<string> StoredMembers()
    {
        foreach (var type in StoredRecords)
            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetCustomAttribute<System.Text.Json.Serialization.JsonIgnoreAttribute>() is null))
                yield return $"{type.Name}.{p.Name}";
        // The segment snapshot's own members other than the record lists above.
        var sections = new[] { nameof(SegmentSnapshot.Segments), nameof(SegmentSnapshot.Opportunities), nameof(SegmentSnapshot.KeyDrivers), nameof(SegmentSnapshot.Lifecycle), nameof(SegmentSnapshot.Acquisition) };
        foreach (var p in typeof(SegmentSnapshot).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => !sections.Contains(p.Name) && p.Name != "EqualityContract"))
            yield return $"{nameof(SegmentSnapshot)}.{p.Name}";
    }

    [Fact]
    public void Every_stored_member_has_a_place_in_a_report()
    {
        var missing = StoredMembers().Where(m => !ShownAt.ContainsKey(m)).ToList();
        Assert.True(missing.Count == 0, "Stored but shown by no report: " + string.Join(", ", missing));
        var gone = ShownAt.Keys.Except(StoredMembers()).ToList();
        Assert.True(gone.Count == 0, "Listed here but no longer stored: " + string.Join(", ", gone));
    }

    public static TheoryData<string> Members() => [.. StoredMembers()];

    [Theory]
    [MemberData(nameof(Members))]
    public void The_report_shows_the_stored_member(string member)
    {
        var (report, label) = ShownAt[member];
        var html = SampleReportData.Page(report);
        Assert.True(html.Contains(label, StringComparison.Ordinal), $"{member}: the {report} page does not show '{label}'.");
    }
}
