using CustomerValue.Kpis;
using CustomerValue.Segments;

namespace CustomerValue.Reports;

/// <summary>A segment: a dimension (rfm, plan, clv_tier, ...) and one of its values. "all" / "all" is everyone.</summary>
public readonly record struct SegmentKey(string Dimension, string Value)
{
    public static readonly SegmentKey Everyone = new("all", "all");
    public override string ToString() => $"{Dimension}:{Value}";
}

/// <summary>How a segment's comments feel, as shares of responses that sum to 1 (or all zero when none).</summary>
public sealed record SentimentMix(double Positive, double Neutral, double Negative, double Mixed, int Responses);

/// <summary>A topic customers talk about, how often and how they feel about it.</summary>
public sealed record AspectSummary(string Topic, int Mentions, int Positive, int Negative, double MeanCompound);

/// <summary>
/// A topic as one segment's customers raise it: how many (the n), their share of the segment's customers with a scored
/// comment, the mentions and their sentiment, and the revenue at risk of the customers who raise it.
/// </summary>
public sealed record SegmentTopic(string Topic, int Customers, double? ShareOfCommenters, int Mentions, int Positive, int Negative, double MeanSentiment, decimal? RevenueAtRisk)
{
    /// <summary>Topics kept per segment, the most raised first, so that a segment's stored row stays small.</summary>
    public const int MaxPerSegment = 30;

    public const string Definition =
        "per segment and topic: customers = the segment's customers whose comments raise the topic (n); share = those customers / the segment's customers with a scored comment; " +
        "mean sentiment = the mean compound score (-1 to 1) of the topic's mentions; revenue at risk = the sum of predicted CLV x probability of churn of the customers who raise it.";
}

/// <summary>A topic in a segment, as the surveys report lists it (filter with segment= and topic=).</summary>
public sealed record TopicInSegment(SegmentKey Segment, string Label, SegmentTopic Figures);

/// <summary>The figures of one segment in one snapshot. Nullable figures are unknown for lack of data.</summary>
public sealed record SegmentKpis
{
    public required SegmentKey Segment { get; init; }
    public required DateOnly Period { get; init; }
    public required int Customers { get; init; }
    /// <summary>Transaction revenue + subscription revenue (Value/DEFINITIONS.md).</summary>
    public required decimal Revenue { get; init; }
    public decimal TransactionRevenue { get; init; }
    public decimal SubscriptionRevenue { get; init; }
    public decimal? Cost { get; init; }
    public double? Roi { get; init; }
    public decimal? AverageHistoricalClv { get; init; }
    public decimal? AveragePredictedClv { get; init; }
    public double? ChurnRate { get; init; }
    public double? RetentionRate { get; init; }
    /// <summary>How <see cref="ChurnRate"/> was defined (observed share or mean probability), to print beside it.</summary>
    public string? ChurnDefinition { get; init; }
    /// <summary>Sum over the segment's customers of predicted CLV x probability of churn; null when neither is known.</summary>
    public decimal? RevenueAtRisk { get; init; }
    public double? Nps { get; init; }
    /// <summary>Customers with a 0-10 score behind <see cref="Nps"/>.</summary>
    public int NpsAnswers { get; init; }
    /// <summary>The split behind <see cref="Nps"/>: customers answering 9-10, 7-8 and 0-6 (they sum to <see cref="NpsAnswers"/>).</summary>
    public int Promoters { get; init; }
    public int Passives { get; init; }
    public int Detractors { get; init; }
    public double? CsatPercent { get; init; }
    /// <summary>Customers with a 1-5 answer behind <see cref="CsatPercent"/>.</summary>
    public int CsatAnswers { get; init; }
    public SentimentMix? Sentiment { get; init; }
    public IReadOnlyList<AspectSummary> TopPositiveAspects { get; init; } = [];
    public IReadOnlyList<AspectSummary> TopNegativeAspects { get; init; } = [];
    /// <summary>Every topic the segment's customers raise, with its sentiment and revenue at risk (topic by segment by sentiment).</summary>
    public IReadOnlyList<SegmentTopic> Topics { get; init; } = [];
    /// <summary>Support cost / all customers of the segment.</summary>
    public decimal? SupportCostPerCustomer { get; init; }
    /// <summary>Support cost / customers of the segment who opened a ticket.</summary>
    public decimal? SupportCostPerTicketOpener { get; init; }
    /// <summary>Change against the previous snapshot, by figure name (Customers, Revenue, Roi, ChurnRate, Nps, ...).</summary>
    public IReadOnlyDictionary<string, double> ChangeSincePrevious { get; init; } = new Dictionary<string, double>();
}

/// <summary>A segment ranked by the revenue its churn puts at risk.</summary>
public sealed record Opportunity
{
    public required SegmentKey Segment { get; init; }
    public required int Rank { get; init; }
    public required int Customers { get; init; }
    /// <summary>Sum over the segment's customers of predicted CLV x probability of churn.</summary>
    public required decimal RevenueAtRisk { get; init; }
    public required double ChurnRate { get; init; }
    public required double OverallChurnRate { get; init; }
    public IReadOnlyList<AspectSummary> TopComplaints { get; init; } = [];
    /// <summary>Revenue kept if the segment's churn fell by <see cref="ChurnCutPoints"/> percentage points.</summary>
    public decimal ValueOfChurnCut { get; init; }
    public double ChurnCutPoints { get; init; }
}

/// <summary>Survey results over a period: scores, sentiment and topics, with a few comments to read.</summary>
public sealed record SurveySummary
{
    public required DateOnly From { get; init; }
    public required DateOnly To { get; init; }
    public required int Responses { get; init; }
    public double? Nps { get; init; }
    public int NpsAnswers { get; init; }
    public double? CsatPercent { get; init; }
    public int CsatAnswers { get; init; }
    public SentimentMix? Sentiment { get; init; }
    public IReadOnlyList<AspectSummary> Topics { get; init; } = [];
    /// <summary>Verbatim customer comments: untrusted text, to be escaped wherever it is shown.</summary>
    public IReadOnlyList<string> SampleComments { get; init; } = [];
    /// <summary>The NPS split behind <see cref="Nps"/>: answers of 9-10, 7-8 and 0-6.</summary>
    public int Promoters { get; init; }
    public int Passives { get; init; }
    public int Detractors { get; init; }
    /// <summary>Customer effort: mean answer on its own scale, the share answering "easy", and the answers behind them.</summary>
    public double? CesMean { get; init; }
    public double? CesEasyPercent { get; init; }
    public int CesAnswers { get; init; }
    /// <summary>Comments with their sentiment and topics, to filter by topic (topic=) and segment (segment=); untrusted text.</summary>
    public IReadOnlyList<Quote> Quotes { get; init; } = [];
    /// <summary>Topic by segment by sentiment, from the newest snapshot at or before <see cref="To"/>; filtered like the quotes.</summary>
    public IReadOnlyList<TopicInSegment> TopicsBySegment { get; init; } = [];

    /// <summary>The survey with the snapshot's topics by segment, and those and the quotes kept to a segment and a topic when given.</summary>
    public SurveySummary WithTopicsBySegment(IEnumerable<SegmentKpis> segments, SegmentSelector? segment, string? topic, Func<SegmentKey, string> labelOf) => this with
    {
        TopicsBySegment = [.. segments.Where(s => segment is null || segment.Matches(s.Segment))
            .SelectMany(s => s.Topics.Where(t => topic is null || t.Topic.Equals(topic, StringComparison.OrdinalIgnoreCase)).Select(t => new TopicInSegment(s.Segment, labelOf(s.Segment), t)))],
        Quotes = topic is null ? Quotes : [.. Quotes.Where(q => q.Topics.Contains(topic, StringComparer.OrdinalIgnoreCase))],
    };
}

/// <summary>One customer comment with how it was scored: untrusted text, escaped wherever shown.</summary>
public sealed record Quote(string Text, string Question, string? Sentiment, double? Compound, IReadOnlyList<string> Topics);

/// <summary>One customer's figures, as the customer endpoint shows them. Personal data is masked unless asked.</summary>
public sealed record CustomerReport
{
    public required string CustomerId { get; init; }
    public string? Email { get; init; }
    public string? Name { get; init; }
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
    /// <summary>The snapshot the figures are read from: the customer as of that day.</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>Attributes of a personal role (as the upload's columns or mapping said), for masking; not shown.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyDictionary<string, CustomerValue.Ingestion.ColumnRole>? PersonalAttributes { get; init; }
    public required int Orders { get; init; }
    /// <summary>Transaction revenue + subscription revenue, as the segments sum it (Value/DEFINITIONS.md).</summary>
    public required decimal Revenue { get; init; }
    public decimal TransactionRevenue { get; init; }
    public decimal SubscriptionRevenue { get; init; }
    /// <summary>Acquisition + allocated + support + service + other, as the segments sum it.</summary>
    public decimal? Cost { get; init; }
    public decimal? AcquisitionCost { get; init; }
    public decimal? AllocatedCost { get; init; }
    /// <summary>The part of <see cref="AllocatedCost"/> from acquisition and marketing cost lines: with <see cref="AcquisitionCost"/>, what CAC counts.</summary>
    public decimal? AllocatedAcquisitionCost { get; init; }
    public decimal? SupportCost { get; init; }
    public decimal? ServiceCost { get; init; }
    public decimal? OtherCost { get; init; }
    public double? Roi { get; init; }
    public decimal? HistoricalClv { get; init; }
    public decimal? PredictedClv { get; init; }
    public double? ProbabilityAlive { get; init; }
    public bool Active { get; init; }
    public bool? Churned { get; init; }
    public string? ChurnRule { get; init; }
    public DateOnly? FirstPurchase { get; init; }
    public DateOnly? LastPurchase { get; init; }
    /// <summary>Every segment the customer is counted in, in the snapshot of <see cref="AsOf"/>.</summary>
    public IReadOnlyList<SegmentKey> Segments { get; init; } = [];

    /// <summary>The customer's row of a snapshot: the view's figures and the segments the customer was counted in (no personal data).</summary>
    public static CustomerReport Of(CustomerView v, IReadOnlyList<SegmentKey> segments, DateOnly asOf) => new()
    {
        CustomerId = v.CustomerId,
        AsOf = asOf,
        Orders = v.Orders,
        Revenue = v.Revenue,
        TransactionRevenue = v.TransactionRevenue,
        SubscriptionRevenue = v.SubscriptionRevenue,
        Cost = v.Cost,
        AcquisitionCost = v.AcquisitionCost,
        AllocatedCost = v.AllocatedCost,
        AllocatedAcquisitionCost = v.AllocatedAcquisitionCost,
        SupportCost = v.SupportCost,
        ServiceCost = v.ServiceCost,
        OtherCost = v.OtherCost,
        Roi = v.Roi,
        HistoricalClv = v.HistoricalClv,
        PredictedClv = v.PredictedClv,
        ProbabilityAlive = v.ProbabilityAlive,
        Active = v.Active,
        Churned = v.Churned,
        ChurnRule = v.ChurnRule,
        FirstPurchase = v.FirstPurchase,
        LastPurchase = v.LastPurchase,
        Segments = segments,
    };
}

/// <summary>Everything the reports read. Implemented over Table Storage; tests may supply their own.</summary>
public interface IReportDataSource
{
    /// <summary>KPI snapshots with From &lt;= period &lt;= To, oldest first.</summary>
    Task<IReadOnlyList<KpiSnapshot>> KpiHistoryAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken);
    /// <summary>The segments of the newest snapshot at or before <paramref name="asOf"/>; filtered by dimension when given.</summary>
    Task<IReadOnlyList<SegmentKpis>> SegmentsAsync(DateOnly asOf, string? dimension, CancellationToken cancellationToken);
    Task<IReadOnlyList<Opportunity>> OpportunitiesAsync(DateOnly asOf, CancellationToken cancellationToken);
    Task<SurveySummary?> SurveysAsync(DateOnly from, DateOnly to, string? segment, CancellationToken cancellationToken);
    /// <summary>The customer as of the newest snapshot at or before <paramref name="asOf"/> (null: the latest snapshot); null when not in it.</summary>
    Task<CustomerReport?> CustomerAsync(string customerId, DateOnly? asOf, CancellationToken cancellationToken);
    /// <summary>Key drivers, lifecycle, warnings and the value model of the newest snapshot at or before <paramref name="asOf"/>.</summary>
    Task<SnapshotInsights?> InsightsAsync(DateOnly asOf, CancellationToken cancellationToken) => Task.FromResult<SnapshotInsights?>(null);
    /// <summary>Cohort retention as of <paramref name="asOf"/> from the subscriptions uploaded; null when none has a start date.</summary>
    Task<CohortReport?> CohortsAsync(DateOnly asOf, CancellationToken cancellationToken) => Task.FromResult<CohortReport?>(null);
}
