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

    public Task<IReadOnlyList<KpiSnapshot>> KpiHistoryAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        kpis.HistoryAsync(from, to, cancellationToken);

    public async Task<IReadOnlyList<SegmentKpis>> SegmentsAsync(DateOnly asOf, string? dimension, CancellationToken cancellationToken)
    {
        var snapshot = await segments.LatestAsync(asOf, cancellationToken);
        return snapshot?.Segments.Where(s => dimension is null || s.Segment.Dimension.Equals(dimension, StringComparison.OrdinalIgnoreCase)).ToList() ?? [];
    }

    public async Task<IReadOnlyList<Opportunity>> OpportunitiesAsync(DateOnly asOf, CancellationToken cancellationToken) =>
        (await segments.LatestAsync(asOf, cancellationToken))?.Opportunities ?? [];

    /// <summary>Survey answers submitted in [from, to]; <paramref name="segment"/> ("plan:pro") keeps the customers whose profile or answer says so.</summary>
    public async Task<SurveySummary?> SurveysAsync(DateOnly from, DateOnly to, string? segment, CancellationToken cancellationToken)
    {
        var uploads = await blobIndex.ActiveUploadsAsync(UploadKind.Surveys.ToString().ToLowerInvariant(), cancellationToken);
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
        return new SurveySummary
        {
            From = from, To = to, Responses = responses.Count,
            Nps = nps.Score, NpsAnswers = nps.Answers, CsatPercent = csat.Percent, CsatAnswers = csat.Answers,
            Sentiment = scored.Count == 0 ? null : new SentimentMix(
                Share(scored, SentimentLabel.Positive), Share(scored, SentimentLabel.Neutral), Share(scored, SentimentLabel.Negative), Share(scored, SentimentLabel.Mixed), scored.Count),
            Topics = topics,
            SampleComments = commentTexts,
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
        var profileUploads = await blobIndex.ActiveUploadsAsync(UploadKind.Customers.ToString().ToLowerInvariant(), cancellationToken);
        var profile = await records.ReadWhereCustomerAsync<CustomerRecord>(UploadKind.Customers, profileUploads, customerId, cancellationToken).LastOrDefaultAsync(cancellationToken);
        return row with { Email = profile?.Email, Name = profile?.Name, Attributes = profile?.Attributes ?? new Dictionary<string, string>() };
    }

    private async Task<Func<string?, IReadOnlyDictionary<string, string>, bool>?> SegmentFilterAsync(string? segment, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(segment)) return null;
        var parts = segment.Split(':', 2);
        if (parts.Length != 2) throw new ArgumentException($"segment '{segment}' must be dimension:value, such as plan:pro.", nameof(segment));
        var (dimension, value) = (parts[0].Trim(), parts[1].Trim());
        var profileUploads = await blobIndex.ActiveUploadsAsync(UploadKind.Customers.ToString().ToLowerInvariant(), cancellationToken);
        var members = await records.ReadAsync<CustomerRecord>(UploadKind.Customers, profileUploads, cancellationToken)
            .Where(p => string.Equals(AttributeOf(p, dimension), value, StringComparison.OrdinalIgnoreCase))
            .Select(p => p.CustomerId).ToHashSetAsync(StringComparer.Ordinal, cancellationToken);
        return (customerId, attributes) =>
            (customerId is not null && members.Contains(customerId))
            || attributes.Any(a => a.Key.Equals(dimension, StringComparison.OrdinalIgnoreCase) && a.Value.Equals(value, StringComparison.OrdinalIgnoreCase));
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
