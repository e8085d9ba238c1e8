using CustomerValue.Kpis;
using CustomerValue.Reports;

namespace CustomerValue.Tests.Reports;

/// <summary>The report data source as tests need it: fixed lists, filtered the way the interface documents.</summary>
internal sealed class InMemoryReportSource : IReportDataSource
{
    public List<KpiSnapshot> History { get; init; } = [];
    public List<SegmentKpis> Segments { get; init; } = [];
    public List<Opportunity> Opportunities { get; init; } = [];
    public SurveySummary? Survey { get; init; }
    public List<CustomerReport> Customers { get; init; } = [];

    public Task<IReadOnlyList<KpiSnapshot>> KpiHistoryAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<KpiSnapshot>>(History.Where(s => DateOnly.FromDateTime(s.AsOf.UtcDateTime) is var d && d >= from && d <= to).OrderBy(s => s.AsOf).ToList());

    public Task<IReadOnlyList<SegmentKpis>> SegmentsAsync(DateOnly asOf, string? dimension, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SegmentKpis>>(Segments.Where(s => s.Period <= asOf && (dimension is null || s.Segment.Dimension == dimension)).ToList());

    public Task<IReadOnlyList<Opportunity>> OpportunitiesAsync(DateOnly asOf, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Opportunity>>(Opportunities);

    public Task<SurveySummary?> SurveysAsync(DateOnly from, DateOnly to, string? segment, CancellationToken cancellationToken) => Task.FromResult(Survey);

    public Task<CustomerReport?> CustomerAsync(string customerId, DateOnly? asOf, CancellationToken cancellationToken) =>
        Task.FromResult(Customers.FirstOrDefault(c => c.CustomerId == customerId));
}

/// <summary>A small, hand-checkable data set: two snapshots, two segments, one opportunity, hostile survey comments.</summary>
internal static class SampleReportData
{
    public const string ScriptComment = "<script>document.title='pwned'</script>Great service";
    public const string AttributeComment = "<img src=x onerror=\"document.title='pwned'\">Slow delivery";

    public static KpiSnapshot Snapshot(DateOnly day, int customers, decimal gross, double? roi, double? churn, double? nps) => new()
    {
        AsOf = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        Customers = customers, Orders = customers * 3, GrossRevenue = gross, Refunds = 0m,
        AverageTransactionSize = Math.Round(gross / (customers * 3), 4), RevenuePerCustomer = Math.Round(gross / customers, 4),
        RepeatCustomerRate = 0.4, ActiveCustomers = customers / 2, ActiveWindowDays = 90, Roi = roi, ChurnRate = churn, Nps = nps, CsatPercent = 80,
    };

    public static InMemoryReportSource Create() => new()
    {
        History =
        [
            Snapshot(new DateOnly(2026, 9, 1), 12_000, 500_000m, null, null, null), // figures unknown before surveys arrived
            Snapshot(new DateOnly(2026, 10, 1), 12_000, 610_000m, 0.20, 0.10, 28.0),
            Snapshot(new DateOnly(2026, 11, 1), 12_345, 698_765.40m, 0.25, 0.08, 31.5),
        ],
        Segments =
        [
            new SegmentKpis { Segment = SegmentKey.Everyone, Period = new DateOnly(2026, 11, 1), Customers = 12_345, Revenue = 698_765.40m, Roi = 0.25, ChurnRate = 0.08, Nps = 31.5 },
            new SegmentKpis { Segment = new("plan", "=HYPERLINK(\"http://evil\")"), Period = new DateOnly(2026, 11, 1), Customers = 345, Revenue = -1_234.5m, Roi = -0.5 },
        ],
        Opportunities =
        [
            new Opportunity { Segment = new("plan", "basic"), Rank = 1, Customers = 4_000, RevenueAtRisk = 77_777.77m, ChurnRate = 0.21, OverallChurnRate = 0.08,
                TopComplaints = [new AspectSummary("delivery", 40, 5, 35, -0.4)], ValueOfChurnCut = 12_000m, ChurnCutPoints = 5 },
        ],
        Survey = new SurveySummary
        {
            From = new DateOnly(2026, 10, 1), To = new DateOnly(2026, 11, 1), Responses = 250, Nps = 31.5, NpsAnswers = 200, CsatPercent = 80, CsatAnswers = 150,
            Sentiment = new SentimentMix(0.5, 0.3, 0.2, 0, 180),
            Topics = [new AspectSummary("delivery", 40, 5, 35, -0.4), new AspectSummary("support <team>", 25, 20, 5, 0.5)],
            SampleComments = [ScriptComment, AttributeComment],
        },
        Customers =
        [
            new CustomerReport { CustomerId = "C-1", Email = "jane.doe@example.com", Name = "Jane Doe", Orders = 4, Revenue = 120.5m },
        ],
    };
}
