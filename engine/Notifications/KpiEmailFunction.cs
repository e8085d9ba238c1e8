using CustomerValue.LocalEngine.Snapshots;
using CustomerValue.Storage.Notifications;
using CustomerValue.Application.Notifications;
using Microsoft.Azure.WebJobs;

namespace CustomerValue.LocalEngine.Notifications;

/// <summary>Timer -> the KPI email of the occurrence's period; the send ledger makes a rerun of a period send once.</summary>
public sealed class KpiEmailFunction(KpiEmailService email, TimeProvider clock)
{
    [FunctionName(nameof(KpiEmailFunction))]
    public Task RunAsync([TimerTrigger("%Email:Schedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        email.SendForPeriodAsync(DateOnly.FromDateTime(KpiSnapshotFunction.ScheduledOccurrence(timer, clock.GetUtcNow()).UtcDateTime), cancellationToken);
}
