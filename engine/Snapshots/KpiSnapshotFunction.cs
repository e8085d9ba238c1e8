using CustomerValue.Application.Settings;
using CustomerValue.Application.Snapshots;
using CustomerValue.Storage.Reliability;
using Microsoft.Azure.WebJobs;

namespace CustomerValue.LocalEngine.Snapshots;

/// <summary>Timer -> KPI snapshot of the occurrence's period. A singleton: one host of many runs each occurrence.</summary>
public sealed class KpiSnapshotFunction(KpiSnapshotService snapshots, TimerRunLog runs, IConfiguration configuration, TimeProvider clock)
{
    [FunctionName(nameof(KpiSnapshotFunction))]
    public async Task RunAsync([TimerTrigger(TimerSchedules.KpiSnapshot)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var occurrence = TimerSchedules.LatestOccurrence(configuration, TimerSchedules.KpiSnapshot, clock.GetUtcNow());
        await runs.RecordAsync(nameof(KpiSnapshotFunction), occurrence, cancellationToken);
        await snapshots.TakeAsync(occurrence, cancellationToken);
    }
}
