using CustomerValue.Domain;
using CustomerValue.Ingestion;
using SurveySummary = CustomerValue.Reports.SurveySummary;
using CustomerValue.Kpis;
using CustomerValue.Models;
using CustomerValue.Reports;
using CustomerValue.Sentiment;
using CustomerValue.Snapshots;
using CustomerValue.Storage.Customers;
using CustomerValue.Storage.Records;
using CustomerValue.Application.Sentiment;
using CustomerValue.Application.Messages;
using CustomerValue.Storage.Snapshots;
using CustomerValue.Application.Snapshots;
using CustomerValue.Storage.Uploads;
using CustomerValue.Surveys;
using Microsoft.Extensions.Options;

namespace CustomerValue.Application.Reports;

/// <summary>
/// What the reports read, from the snapshot tables (KPIs, segments, opportunities), and on demand from the
/// uploads that count (surveys). A customer's figures are the row the snapshot stored for them.
/// </summary>
public sealed class TableReportDataSource(
    KpiSnapshotStore kpis,
    SegmentSnapshotStore segments,
    UploadBlobIndex blobIndex,
    KindRecordStore records,
    SurveySentimentService sentiment,
    CustomerSnapshotStore customerRows,
    IOptions<PipelineOptions> pipeline) : IReportDataSource
{
    private const int SampleComments = 10;
    /// <summary>Comments kept with their scores, for the quotes that can be filtered by topic.</summary>
    private const int Quotes = 500;

    public Task<IReadOnlyList<KpiSnapshot>> KpiHistoryAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        kpis.HistoryAsync(from, to, cancellationToken);

    public async Task<IReadOnlyList<SegmentKpis>> SegmentsAsync(DateOnly asOf, string? dimension, CancellationToken cancellationToken)
    {
        dimension = dimension?.Split(':', 2)[0].Trim(); // the overview passes its "plan:pro" segment; segments group by "plan"
        var snapshot = await segments.LatestAsync(asOf, cancellationToken);
        return snapshot?.Segments.Where(s => dimension is null || s.Segment.Dimension.Equals(dimension, StringComparison.OrdinalIgnoreCase)).ToList() ?? [];
    }

    public async Task<IReadOnlyList<Opportunity>> OpportunitiesAsync(DateOnly asOf, CancellationToken cancellationToken) =>
        (await segments.LatestAsync(asOf, cancellationToken))?.Opportunities ?? [];

    public async Task<SnapshotInsights?> InsightsAsync(DateOnly asOf, CancellationToken cancellationToken) =>
        await segments.LatestAsync(asOf, cancellationToken) is { } snapshot
            ? new SnapshotInsights
            {
                Period = snapshot.Period,
                KeyDrivers = snapshot.KeyDrivers,
                Lifecycle = snapshot.Lifecycle,
                Warnings = snapshot.Warnings,
                ValueModel = snapshot.Model is { } m ? Describe(m) : null,
            }
            : null;

    /// <summary>Cohorts of the subscriptions with a start date (exports with only a tenure, like the telco table, have none).</summary>
    public async Task<CohortReport?> CohortsAsync(DateOnly asOf, CancellationToken cancellationToken)
    {
        var uploads = await blobIndex.ActiveUploadsAsync(UploadKind.Subscriptions, cancellationToken);
        if (uploads.Count == 0) return null;
        var subscriptions = await records.ReadAsync<SubscriptionRecord>(UploadKind.Subscriptions, uploads, cancellationToken)
            .Where(s => s.Start is not null)
            .Select(s => new Subscription(s.CustomerId, s.Start!.Value, s.End, s.CancelledOn, s.RecurringValue ?? 0, s.BillingPeriod))
            .ToListAsync(cancellationToken);
        var matrix = CustomerValue.Churn.CohortRetention.ByMonth(subscriptions, asOf);
        return new CohortReport(asOf, matrix.Rows, matrix.Definition);
    }

    private static string Describe(FittedValueModel m)
    {
        var i = System.Globalization.CultureInfo.InvariantCulture;
        var purchases = string.Create(i, $"BG/NBD repeat purchases (r {m.Purchases.R:0.###}, alpha {m.Purchases.Alpha:0.###}, a {m.Purchases.A:0.###}, b {m.Purchases.B:0.###})");
        var spend = m.Spend is { } g ? string.Create(i, $", Gamma-Gamma spend (p {g.P:0.###}, q {g.Q:0.###}, v {g.V:0.###})") : ", mean spend (no Gamma-Gamma fit)";
        return purchases + spend + string.Create(i, $"; CLV over {m.HorizonWeeks} weeks, discounted {m.WeeklyDiscountRate:0.#####} a week, margin {m.Margin:0.##}.");
    }

    /// <summary>Survey answers submitted in [from, to]; <paramref name="segment"/> ("plan:pro") keeps the customers whose profile or answer says so.</summary>
    public async Task<SurveySummary?> SurveysAsync(DateOnly from, DateOnly to, string? segment, CancellationToken cancellationToken)
    {
        var uploads = await blobIndex.ActiveUploadsAsync(UploadKind.Surveys, cancellationToken);
        if (uploads.Count == 0) return null;
        var filter = await SegmentFilterAsync(segment, cancellationToken);
        var responses = await records.ReadAsync<SurveyResponse>(UploadKind.Surveys, uploads, cancellationToken)
            .Where(r => r.SubmittedAt is not { } at || (DateOnly.FromDateTime(at) >= from && DateOnly.FromDateTime(at) <= to))
            .Where(r => filter is null || filter(r.CustomerId, r.Attributes))
            .ToListAsync(cancellationToken);
        responses = SurveyResponses.Distinct(responses); // the same platform response in two uploads is one answer
        var ids = responses.Select(r => r.ResponseId).ToHashSet(StringComparer.Ordinal);
        var scored = await sentiment.ReadAsync(uploads, cancellationToken).Where(c => ids.Contains(c.ResponseId) && c.Error is null).ToListAsync(cancellationToken);

        var nps = SurveyMetrics.Nps(responses);
        var csat = SurveyMetrics.Csat(responses);
        var topics = scored.SelectMany(c => c.Aspects).GroupBy(a => a.Topic, StringComparer.Ordinal)
            .Select(g => new AspectSummary(g.Key, g.Count(), g.Count(a => a.Label == SentimentLabel.Positive), g.Count(a => a.Label == SentimentLabel.Negative),
                Math.Round(g.Average(a => a.Compound), 4)))
            .OrderByDescending(a => a.Mentions).ThenBy(a => a.Topic, StringComparer.Ordinal).ToList();
        var commentTexts = responses.SelectMany(r => r.Comments).Where(c => !string.IsNullOrWhiteSpace(c.Text)).Select(c => c.Text).Take(SampleComments).ToList();
        var scores = scored.GroupBy(c => (c.ResponseId, c.Question)).ToDictionary(g => g.Key, g => g.First());
        var quotes = responses.SelectMany(r => r.Comments.Where(c => !string.IsNullOrWhiteSpace(c.Text)).Select(c => (r.ResponseId, Comment: c)))
            .Select(x => scores.GetValueOrDefault((x.ResponseId, x.Comment.Question)) is { } score
                ? new Quote(x.Comment.Text, x.Comment.Question, score.Label.ToString(), score.Compound, [.. score.Aspects.Select(a => a.Topic).Distinct(StringComparer.Ordinal)])
                : new Quote(x.Comment.Text, x.Comment.Question, null, null, []))
            .Take(Quotes).ToList();
        var ces = SurveyMetrics.Ces(responses);
        return new SurveySummary
        {
            From = from, To = to, Responses = responses.Count,
            Nps = nps.Score, NpsAnswers = nps.Answers, CsatPercent = csat.Percent, CsatAnswers = csat.Answers,
            Sentiment = scored.Count == 0 ? null : new SentimentMix(
                Share(scored, SentimentLabel.Positive), Share(scored, SentimentLabel.Neutral), Share(scored, SentimentLabel.Negative), Share(scored, SentimentLabel.Mixed), scored.Count),
            Topics = topics,
            SampleComments = commentTexts,
            Promoters = nps.Promoters, Passives = nps.Passives, Detractors = nps.Detractors,
            CesMean = ces.Mean, CesEasyPercent = ces.EasyPercent, CesAnswers = ces.Answers,
            Quotes = quotes,
        };
    }

    /// <summary>
    /// The customer's row in the newest snapshot at or before <paramref name="asOf"/> (default: the latest), as the
    /// snapshot stored it (the same figures the segments summed), with the profile's personal data read on demand.
    /// </summary>
    public async Task<CustomerReport?> CustomerAsync(string customerId, DateOnly? asOf, CancellationToken cancellationToken)
    {
        var snapshot = asOf is { } day ? await kpis.LatestAtOrBeforeAsync(day, cancellationToken) : await kpis.LatestAsync(cancellationToken);
        if (snapshot is null) return null;
        var period = DateOnly.FromDateTime(snapshot.AsOf.UtcDateTime);
        if (await customerRows.GetAsync(period, customerId, pipeline.Value.CustomerBuckets, cancellationToken) is not { } row) return null;
        var profileUploads = await blobIndex.ActiveUploadsAsync(UploadKind.Customers, cancellationToken);
        var profile = await records.ReadWhereCustomerAsync<CustomerRecord>(UploadKind.Customers, profileUploads, customerId, cancellationToken).LastOrDefaultAsync(cancellationToken);
        return row with { Email = profile?.Email, Name = profile?.Name, Attributes = profile?.Attributes ?? new Dictionary<string, string>(), PersonalAttributes = profile?.PersonalAttributes };
    }

    private async Task<Func<string?, IReadOnlyDictionary<string, string>, bool>?> SegmentFilterAsync(string? segment, CancellationToken cancellationToken)
    {
        if (SegmentSelector.Parse(segment) is not ({ } selector, null))
            return string.IsNullOrWhiteSpace(segment) ? null : throw new ArgumentException(SegmentSelector.Parse(segment).Error, nameof(segment));
        var dimension = selector.Dimension;
        var profileUploads = await blobIndex.ActiveUploadsAsync(UploadKind.Customers, cancellationToken);
        var members = await records.ReadAsync<CustomerRecord>(UploadKind.Customers, profileUploads, cancellationToken)
            .Where(p => selector.MatchesValue(AttributeOf(p, dimension)))
            .Select(p => p.CustomerId).ToHashSetAsync(StringComparer.Ordinal, cancellationToken);
        return (customerId, attributes) =>
            (customerId is not null && members.Contains(customerId))
            || attributes.Any(a => a.Key.Equals(dimension, StringComparison.OrdinalIgnoreCase) && selector.MatchesValue(a.Value));
    }

    private static string? AttributeOf(CustomerRecord p, string dimension) => dimension.ToLowerInvariant() switch
    {
        "plan" => p.Plan,
        "channel" => p.AcquisitionChannel,
        "occupation" => p.Occupation,
        "country" => p.Country,
        "region" => p.Region,
        "city" => p.City,
        _ => p.Attributes?.GetValueOrDefault(dimension),
    };

    private static double Share(List<StoredCommentSentiment> scored, SentimentLabel label) =>
        Math.Round((double)scored.Count(c => c.Label == label) / scored.Count, 4);
}
