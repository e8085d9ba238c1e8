using CustomerValue.Kpis;

namespace CustomerValue.Reports;

/// <summary>What one rendered report shows. Sections that are null or empty are left out of the output.</summary>
public sealed record ReportDocument
{
    public required string Title { get; init; }
    public required DateTimeOffset GeneratedAt { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    /// <summary>KPI snapshots, oldest first; the last is the current one, the one before it the comparison.</summary>
    public IReadOnlyList<KpiSnapshot> History { get; init; } = [];
    public IReadOnlyList<SegmentKpis> Segments { get; init; } = [];
    public IReadOnlyList<Opportunity> Opportunities { get; init; } = [];
    public SurveySummary? Survey { get; init; }
    public CustomerReport? Customer { get; init; }
    /// <summary>ISO 4217 code of the money figures (the setting Reports:Currency), printed with them and on chart axes.</summary>
    public string Currency { get; init; } = ReportCurrency.Default;
    /// <summary>The band edges of the snapshot's segment model, so that band codes read as value ranges.</summary>
    public SegmentBands Bands { get; init; } = SegmentBands.Unknown;
    /// <summary>Key drivers, lifecycle, warnings and the value model of the snapshot the report reads.</summary>
    public SnapshotInsights? Insights { get; init; }
    /// <summary>Cohort retention (acquisition month by months since), drawn as a heat map.</summary>
    public CohortReport? Cohorts { get; init; }
    /// <summary>The address of the full HTML report, linked from the email (the setting Reports:BaseUrl).</summary>
    public string? FullReportUrl { get; init; }

    /// <summary>The human label of a segment code, with this report's currency and band edges.</summary>
    public string LabelOf(SegmentKey segment) => SegmentLabels.Label(segment, Bands, Currency);

    public KpiSnapshot? Latest => History.Count > 0 ? History[^1] : null;
    public KpiSnapshot? Previous => History.Count > 1 ? History[^2] : null;

    /// <summary>The aspects to show: the survey's topics, else those of the "everyone" segment.</summary>
    public IReadOnlyList<AspectSummary> TopAspects =>
        Survey is { Topics.Count: > 0 } s ? s.Topics
        : Segments.FirstOrDefault(x => x.Segment == SegmentKey.Everyone) is { } all ? [.. all.TopNegativeAspects, .. all.TopPositiveAspects]
        : [];
}

/// <summary>A headline figure of the KPI tiles, with how to read it from a snapshot.</summary>
public sealed record KpiFigure(string Name, string Label, Func<KpiSnapshot, double?> Read, FigureFormat Format, bool HigherIsBetter = true)
{
    public static readonly IReadOnlyList<KpiFigure> Headline =
    [
        new("Customers", "Customers", s => s.Customers, FigureFormat.Count),
        new("NetRevenue", "Net revenue", s => (double)s.NetRevenue, FigureFormat.Money),
        new("Roi", "ROI", s => s.Roi, FigureFormat.Percent),
        new("ChurnRate", "Churn rate", s => s.ChurnRate, FigureFormat.Percent, HigherIsBetter: false),
        new("Nps", "NPS", s => s.Nps, FigureFormat.Score),
        new("CsatPercent", "CSAT", s => s.CsatPercent, FigureFormat.PercentPoints),
        new("ActiveCustomers", "Active customers", s => s.ActiveCustomers, FigureFormat.Count),
        new("RevenuePerCustomer", "Revenue per customer", s => (double)s.RevenuePerCustomer, FigureFormat.Money),
    ];

    /// <summary>The figures drawn as trend charts.</summary>
    public static readonly IReadOnlyList<KpiFigure> Trends =
        [Headline.Single(f => f.Name == "Nps"), Headline.Single(f => f.Name == "ChurnRate"), Headline.Single(f => f.Name == "NetRevenue"), Headline.Single(f => f.Name == "Roi")];
}

public enum FigureFormat
{
    Count,
    Money,
    /// <summary>A ratio (0.12) shown as 12.0 %.</summary>
    Percent,
    /// <summary>Already in percent (87.5) shown as 87.5 %.</summary>
    PercentPoints,
    Score,
    /// <summary>A multiple (LTV:CAC 3.2) shown with two decimals.</summary>
    Multiple,
}
