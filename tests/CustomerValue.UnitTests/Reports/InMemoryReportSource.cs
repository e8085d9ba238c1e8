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
    public SnapshotInsights? Insights { get; init; }
    public CohortReport? Cohorts { get; init; }

    public Task<CohortReport?> CohortsAsync(DateOnly asOf, CancellationToken cancellationToken) => Task.FromResult(Cohorts);

    public Task<SnapshotInsights?> InsightsAsync(DateOnly asOf, CancellationToken cancellationToken) =>
        Task.FromResult(Insights is { } i && i.Period <= asOf ? i : null);

    public Task<IReadOnlyList<KpiSnapshot>> KpiHistoryAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<KpiSnapshot>>(History.Where(s => DateOnly.FromDateTime(s.AsOf.UtcDateTime) is var d && d >= from && d <= to).OrderBy(s => s.AsOf).ToList());

    public Task<IReadOnlyList<SegmentKpis>> SegmentsAsync(DateOnly asOf, string? dimension, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SegmentKpis>>(Segments.Where(s => s.Period <= asOf && (dimension is null || s.Segment.Dimension.Equals(dimension, StringComparison.OrdinalIgnoreCase))).ToList());

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
            Snapshot(new DateOnly(2026, 11, 1), 12_345, 698_765.40m, 0.25, 0.08, 31.5) with { ChurnDefinition = ChurnDefinition, DataThrough = new DateOnly(2026, 10, 30), Warnings = [DataWarning], ClvModel = "mbgnbd", ClvModelStatement = ClvModelStatement },
        ],
        Segments =
        [
            new SegmentKpis { Segment = SegmentKey.Everyone, Period = new DateOnly(2026, 11, 1), Customers = 12_345, Revenue = 698_765.40m, Roi = 0.25, ChurnRate = 0.08, Nps = 31.5,
                NpsAnswers = 200, Promoters = 110, Passives = 46, Detractors = 44, CsatPercent = 80, CsatAnswers = 150, ChurnDefinition = ChurnDefinition,
                Topics = [new SegmentTopic("delivery", 35, 0.35, 40, 5, 35, -0.4, 9_876.54m), new SegmentTopic("support <team>", 20, 0.2, 25, 20, 5, 0.5, null)] },
            new SegmentKpis { Segment = new("plan", "=HYPERLINK(\"http://evil\")"), Period = new DateOnly(2026, 11, 1), Customers = 345, Revenue = -1_234.5m, Roi = -0.5,
                SupportCostPerCustomer = 12.5m, CsatPercent = 61.5, CsatAnswers = 40, Topics = [new SegmentTopic("delivery", 12, 0.3, 12, 1, 11, -0.55, 1_234.5m)],
                ChangeSincePrevious = new Dictionary<string, double> { ["Revenue"] = -2_000.25, ["ChurnRate"] = 0.015 } },
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
            Promoters = 110, Passives = 46, Detractors = 44, CesMean = 2.1, CesEasyPercent = 71.4, CesAnswers = 70,
            Quotes =
            [
                new Quote(AttributeComment, "comments", "Negative", -0.42, ["delivery"]),
                new Quote("Support answered within the hour", "comments", "Positive", 0.61, ["support <team>"]),
            ],
        },
        Customers =
        [
            new CustomerReport
            {
                CustomerId = "C-1", Email = "jane.doe@example.com", Name = "Jane Doe", Orders = 4, Revenue = 120.5m, TransactionRevenue = 100.5m, SubscriptionRevenue = 20m,
                AsOf = new DateOnly(2026, 11, 1), Cost = 61.25m, AcquisitionCost = 30m, AllocatedCost = 12.5m, AllocatedAcquisitionCost = 10m, SupportCost = 8.75m,
                ServiceCost = 6m, OtherCost = 4m, Roi = 0.9673, Active = true, Churned = false, ChurnRule = ChurnDefinition, Segments = [new("plan", "pro")],
            },
        ],
        Insights = SampleInsights,
        Cohorts = SampleCohorts,
    };

    /// <summary>Three monthly cohorts: 10 customers keeping 10, 8, 5; 20 keeping 20, 15; 4 keeping 4.</summary>
    public static readonly CohortReport SampleCohorts = new(new DateOnly(2026, 11, 1),
    [
        new CustomerValue.Churn.CohortRow(2026, 8, 10, [10, 8, 5]),
        new CustomerValue.Churn.CohortRow(2026, 9, 20, [20, 15]),
        new CustomerValue.Churn.CohortRow(2026, 10, 4, [4]),
    ], CustomerValue.Churn.CohortRetention.Definition);

    public const string ClvModelStatement = "Repeat-purchase model: mbgnbd, chosen by the lowest mean absolute error per customer in the holdout.";
    public const string DataWarning = "12 survey answers are dated after the snapshot day and were left out.";
    public const string ChurnDefinition = "share of customers with P(alive) below 0.5.";

    /// <summary>A report page as the endpoint renders it from this data (format=html).</summary>
    public static string Page(string report, Func<Chart, string>? chartImageSource = null)
    {
        var source = Create();
        var now = new DateTimeOffset(2026, 11, 2, 7, 0, 0, TimeSpan.Zero);
        var (from, to) = (new DateOnly(2026, 8, 1), new DateOnly(2026, 11, 1));
        var document = new ReportDocument { Title = report, GeneratedAt = now, From = from, To = to };
        return HtmlReportRenderer.Render(report switch
        {
            "kpis" => new ReportBuilder(source).OverviewAsync(from, to, null, now, default).GetAwaiter().GetResult(),
            "segments" => document with { Segments = source.Segments, Insights = SampleInsights with { KeyDrivers = [], Lifecycle = null } },
            "opportunities" => document with { Opportunities = source.Opportunities, Insights = SampleInsights with { Lifecycle = null } },
            "drivers" => document with { Insights = SampleInsights with { Lifecycle = null, Warnings = [] } },
            "lifecycle" => document with { Insights = SampleInsights with { KeyDrivers = [] } },
            "cohorts" => document with { Cohorts = SampleCohorts },
            "warnings" => document with { Insights = SampleInsights with { KeyDrivers = [], Lifecycle = null } },
            "surveys" => document with { Survey = source.Survey!.WithTopicsBySegment(source.Segments, null, null, document.LabelOf) },
            "customer" => document with { Customer = source.Customers[0] },
            "acquisition" => document with { Insights = SampleInsights with { KeyDrivers = [], Lifecycle = null } },
            _ => throw new ArgumentException(report),
        }, chartImageSource);
    }

    public const string AllocationWarning = "999.00 of costs were not allocated: no customer of channel 'tiktok'.";

    /// <summary>Everyone, one channel (LTV:CAC 3.2 from 400 customers), one campaign (0.5 from 100) and a channel without acquisition cost.</summary>
    public static readonly IReadOnlyList<CustomerValue.Value.AcquisitionEconomics> SampleAcquisition =
    [
        new("all", "all", 12_345, 250_000m, 20.2511m, 80.5m, 3.9751m, 4.5m, 4.5002m),
        new("channel", "search", 400, 20_000m, 50m, 160m, 3.2m, 10m, 5m),
        new("channel", "tv", 700, 0m, null, 70m, null, 6m, null),
        new("campaign", "spring <sale>", 100, 9_000m, 90m, 45m, 0.5m, 3m, 30m),
    ];

    /// <summary>Key drivers (one clear, one not), a lifecycle view, a cost-allocation warning and the value model.</summary>
    public static readonly SnapshotInsights SampleInsights = new()
    {
        Period = new DateOnly(2026, 11, 1),
        KeyDrivers =
        [
            new CustomerValue.Segments.KeyDriver("csat", "churn", "point-biserial", -0.40, 5e-5, 120),
            new CustomerValue.Segments.KeyDriver("aspect:delivery", "churn", "phi", 0.21, 0.0003, 300),
            new CustomerValue.Segments.KeyDriver("aspect:price", "churn", "phi", 0.05, 0.39, 300),
            new CustomerValue.Segments.KeyDriver("nps_score", "roi", "pearson", 0.12, 0.04, 290),
        ],
        Lifecycle = new CustomerValue.Segments.LifecycleView
        {
            From = new DateOnly(2026, 10, 1), To = new DateOnly(2026, 11, 1), NewCustomers = 400, AcquisitionSpend = 20_000m, Cac = 50m,
            ExistingAtStart = 12_000, Retained = 11_040, RetentionRate = 0.92, Expanded = 900, ExpansionRevenue = 45_678.9m, Contracted = 700,
            NetRevenueRetention = 1.04, Reactivated = 55,
        },
        Warnings = [AllocationWarning],
        Acquisition = SampleAcquisition,
        ValueModel = "BG/NBD repeat purchases (r 0.243, alpha 4.414, a 0.793, b 2.426), mean spend (no Gamma-Gamma fit); CLV over 52 weeks.",
    };
}
