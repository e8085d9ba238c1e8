namespace CustomerValue.Reports;

/// <summary>Assembles the documents the endpoints, the CLI and the email render, from the report data source.</summary>
public sealed class ReportBuilder(IReportDataSource source, string currency = ReportCurrency.Default)
{
    /// <summary>How far back the trend charts reach when no start is given.</summary>
    public const int DefaultHistoryDays = 365;

    public static (DateOnly From, DateOnly To) Window(DateOnly? from, DateOnly? to, DateTimeOffset now)
    {
        var end = to ?? DateOnly.FromDateTime(now.UtcDateTime);
        var start = from ?? end.AddDays(-DefaultHistoryDays);
        if (start > end) throw new ArgumentException($"'from' ({start:yyyy-MM-dd}) is after 'to' ({end:yyyy-MM-dd}).");
        return (start, end);
    }

    /// <summary>Everything: KPI history, segments, opportunities and surveys; what the HTML KPI report and the email show.</summary>
    public async Task<ReportDocument> OverviewAsync(DateOnly from, DateOnly to, string? segment, DateTimeOffset generatedAt, CancellationToken cancellationToken)
    {
        var selector = SegmentSelector.Parse(segment) is ({ } parsed, null) ? parsed : null;
        var history = await source.KpiHistoryAsync(from, to, cancellationToken);
        var segments = (await source.SegmentsAsync(to, selector?.Dimension, cancellationToken)).Where(s => selector is null || selector.Matches(s.Segment)).ToList();
        var opportunities = (await source.OpportunitiesAsync(to, cancellationToken)).Where(o => selector is null || selector.Matches(o.Segment)).ToList();
        var survey = await source.SurveysAsync(from, to, segment, cancellationToken);
        var insights = await source.InsightsAsync(to, cancellationToken);
        var cohorts = await source.CohortsAsync(to, cancellationToken);
        return new ReportDocument
        {
            Title = "Customer value report",
            GeneratedAt = generatedAt,
            From = from,
            To = to,
            History = history,
            Segments = segments,
            Opportunities = opportunities,
            Survey = survey is { Responses: > 0 } ? survey : null,
            Insights = insights,
            Cohorts = cohorts is { Cohorts.Count: > 0 } ? cohorts : null,
            Currency = currency,
        };
    }
}
