using Microsoft.Extensions.Configuration;
using CustomerValue.Kpis;
using CustomerValue.Storage.Snapshots;
using CustomerValue.Application.Snapshots;

namespace CustomerValue.Application.Reports;

/// <summary>
/// The latest KPI snapshot, kept in memory for a few seconds (Reports:LatestSnapshotSeconds, default 5): dashboards
/// poll it, it changes once per schedule, and one table read per window instead of one per request keeps the
/// endpoint fast under load. Concurrent misses share one read. A snapshot taken by this process shows at once;
/// one taken elsewhere shows within the window.
/// </summary>
public sealed class LatestSnapshotCache(KpiSnapshotStore store, TimeProvider clock, IConfiguration configuration)
{
    public const string WindowSetting = "Reports:LatestSnapshotSeconds";
    private readonly TimeSpan window = TimeSpan.FromSeconds(configuration.GetValue(WindowSetting, 5.0));
    private readonly Lock gate = new();
    private (Task<KpiSnapshot?> Read, DateTimeOffset Until)? current;

    public Task<KpiSnapshot?> GetAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            if (current is { } c && now < c.Until && !c.Read.IsFaulted && !c.Read.IsCanceled) return c.Read;
            // The shared read must not be cancelled by the one request that happened to start it.
            var read = store.LatestAsync(CancellationToken.None);
            current = (read, now + window);
            return read.WaitAsync(cancellationToken);
        }
    }

    public void Invalidate()
    {
        lock (gate) current = null;
    }
}
