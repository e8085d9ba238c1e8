using Microsoft.Extensions.Configuration;
using NCrontab;

namespace CustomerValue.Application.Settings;

/// <summary>
/// The timer triggers' schedules, as both engines bind them (the setting's name between %), and the occurrence a run
/// stands for. The worker's TimerInfo carries no schedule, so both engines compute the occurrence here from the
/// cron expression itself (NCrontab, which the WebJobs timer parses with too: six fields include seconds).
/// </summary>
public static class TimerSchedules
{
    public const string KpiSnapshot = "%" + KpiSnapshotSetting + "%";
    public const string KpiEmail = "%" + CustomerValue.Storage.Notifications.EmailOptions.ScheduleSetting + "%";
    public const string Reconciliation = "%" + ReconciliationSetting + "%";
    public const string KpiSnapshotSetting = "Snapshots:KpiSchedule";
    public const string ReconciliationSetting = "Reconciliation:Schedule";

    /// <summary>The cron expression a binding such as "%Snapshots:KpiSchedule%" names, read from the settings.</summary>
    public static string Expression(IConfiguration configuration, string binding)
    {
        var name = binding.Trim('%');
        return configuration[name] is { Length: > 0 } cron ? cron
            : throw new InvalidOperationException($"The setting '{name}' (the timer schedule) is not set.");
    }

    /// <summary>
    /// The schedule's latest occurrence at or before now, in UTC: a late (past-due) run still stands for its own slot.
    /// Looks back at most 8 days (the longest schedule is weekly); with no occurrence in that span, now itself.
    /// </summary>
    public static DateTimeOffset LatestOccurrence(string cronExpression, DateTimeOffset now)
    {
        var schedule = CrontabSchedule.Parse(cronExpression, new CrontabSchedule.ParseOptions { IncludingSeconds = cronExpression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 });
        var end = now.UtcDateTime;
        var latest = end;
        for (var next = schedule.GetNextOccurrence(end.AddDays(-8)); next <= end; next = schedule.GetNextOccurrence(next))
            latest = next;
        return new DateTimeOffset(DateTime.SpecifyKind(latest, DateTimeKind.Utc));
    }

    /// <summary><see cref="LatestOccurrence(string, DateTimeOffset)"/> of the schedule a timer binding names.</summary>
    public static DateTimeOffset LatestOccurrence(IConfiguration configuration, string binding, DateTimeOffset now) =>
        LatestOccurrence(Expression(configuration, binding), now);
}
