using CustomerValue.Application.Notifications;
using CustomerValue.Application.Settings;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;

namespace CustomerValue.Functions.Notifications;

/// <summary>Timer -> the KPI email of the occurrence's period; the send ledger makes a rerun of a period send once.</summary>
public sealed class KpiEmailFunction(KpiEmailService email, IConfiguration configuration, TimeProvider clock)
{
    [Function(nameof(KpiEmailFunction))]
    public Task RunAsync([TimerTrigger(TimerSchedules.KpiEmail)] TimerInfo timer, CancellationToken cancellationToken) =>
        email.SendForPeriodAsync(DateOnly.FromDateTime(TimerSchedules.LatestOccurrence(configuration, TimerSchedules.KpiEmail, clock.GetUtcNow()).UtcDateTime), cancellationToken);
}
