using CustomerValue.Kpis;
using CustomerValue.Reports;
using CustomerValue.Storage.Snapshots;

namespace CustomerValue.Storage.Notifications;

/// <summary>
/// The report data that exists so far: KPI history from the KpiSnapshots table. Segments, opportunities, surveys and
/// customers are empty until the table-backed source that computes them is registered in its place.
/// </summary>
public sealed class SnapshotHistoryReportSource(KpiSnapshotStore snapshots) : IReportDataSource
{
    public Task<IReadOnlyList<KpiSnapshot>> KpiHistoryAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        snapshots.HistoryAsync(from, to, cancellationToken);

    public Task<IReadOnlyList<SegmentKpis>> SegmentsAsync(DateOnly asOf, string? dimension, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SegmentKpis>>([]);

    public Task<IReadOnlyList<Opportunity>> OpportunitiesAsync(DateOnly asOf, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Opportunity>>([]);

    public Task<SurveySummary?> SurveysAsync(DateOnly from, DateOnly to, string? segment, CancellationToken cancellationToken) =>
        Task.FromResult<SurveySummary?>(null);

    public Task<CustomerReport?> CustomerAsync(string customerId, CancellationToken cancellationToken) =>
        Task.FromResult<CustomerReport?>(null);
}
