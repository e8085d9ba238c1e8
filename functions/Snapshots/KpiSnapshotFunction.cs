using CustomerValue.Application.Settings;
using CustomerValue.Application.Snapshots;
using CustomerValue.Storage.Reliability;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;

namespace CustomerValue.Functions.Snapshots;

/// <summary>Timer -> KPI snapshot of the occurrence's period. The host runs each occurrence once.</summary>
public sealed class KpiSnapshotFunction(KpiSnapshotService snapshots, TimerRunLog runs, IConfiguration configuration, TimeProvider clock)
{
    // The worker's TimerInfo carries no schedule: the occurrence comes from the cron expression of the setting.
    [Function(nameof(KpiSnapshotFunction))]
    public async Task RunAsync([TimerTrigger(TimerSchedules.KpiSnapshot)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var occurrence = TimerSchedules.LatestOccurrence(configuration, TimerSchedules.KpiSnapshot, clock.GetUtcNow());
        await runs.RecordAsync(nameof(KpiSnapshotFunction), occurrence, cancellationToken);
        await snapshots.TakeAsync(occurrence, cancellationToken);
    }
}
