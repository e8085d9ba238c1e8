using CustomerValue.Storage.Reliability;
using CustomerValue.Application.Reconciliation;
using CustomerValue.Storage.Snapshots;
using CustomerValue.Application.Snapshots;
using Microsoft.Azure.WebJobs;

namespace CustomerValue.LocalEngine.Snapshots;

/// <summary>Timer -> KPI snapshot of the occurrence's period. A singleton: one host of many runs each occurrence.</summary>
public sealed class KpiSnapshotFunction(KpiSnapshotService snapshots, TimerRunLog runs, TimeProvider clock)
{
    [FunctionName(nameof(KpiSnapshotFunction))]
    public async Task RunAsync([TimerTrigger("%Snapshots:KpiSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var occurrence = ScheduledOccurrence(timer, clock.GetUtcNow());
        await runs.RecordAsync(nameof(KpiSnapshotFunction), occurrence, cancellationToken);
        await snapshots.TakeAsync(occurrence, cancellationToken);
    }

    /// <summary>The schedule's latest occurrence at or before now: a late (past-due) run still stands for its own slot.</summary>
    internal static DateTimeOffset ScheduledOccurrence(TimerInfo timer, DateTimeOffset now)
    {
        var probe = now.UtcDateTime.AddDays(-8);
        var latest = now.UtcDateTime;
        for (var next = timer.Schedule.GetNextOccurrence(probe); next <= now.UtcDateTime; next = timer.Schedule.GetNextOccurrence(next))
            latest = next;
        return new DateTimeOffset(DateTime.SpecifyKind(latest, DateTimeKind.Utc));
    }
}
