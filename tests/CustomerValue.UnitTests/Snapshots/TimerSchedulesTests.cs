using CustomerValue.Application.Settings;
using Microsoft.Extensions.Configuration;

namespace CustomerValue.Tests.Snapshots;

/// <summary>
/// Which occurrence a timer run stands for, from the cron expression alone (the worker's TimerInfo has no schedule):
/// both engines date snapshots and emails with it, so a late run still fills its own slot.
/// </summary>
public sealed class TimerSchedulesTests
{
    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("0 0 2 * * *", "2026-12-01T06:00:00Z", "2026-12-01T02:00:00Z")] // later the same day: today's slot
    [InlineData("0 0 2 * * *", "2026-12-01T02:00:00Z", "2026-12-01T02:00:00Z")] // on time
    [InlineData("0 0 2 * * *", "2026-12-01T01:59:59Z", "2026-11-30T02:00:00Z")] // before it: yesterday's
    [InlineData("0 0 7 * * 1", "2026-12-01T06:00:00Z", "2026-11-30T07:00:00Z")] // weekly, Monday 07:00
    [InlineData("*/5 * * * *", "2026-12-01T10:07:30Z", "2026-12-01T10:05:00Z")] // five fields: no seconds
    public void The_latest_occurrence_at_or_before_now(string cron, string now, string expected) =>
        Assert.Equal(At(expected), TimerSchedules.LatestOccurrence(cron, At(now)));

    [Fact]
    public void A_binding_is_resolved_from_the_setting_it_names()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Snapshots:KpiSchedule"] = "0 30 3 * * *" }).Build();

        Assert.Equal(At("2026-12-01T03:30:00Z"), TimerSchedules.LatestOccurrence(settings, TimerSchedules.KpiSnapshot, At("2026-12-01T09:00:00Z")));
        var missing = Assert.Throws<InvalidOperationException>(() => TimerSchedules.LatestOccurrence(settings, TimerSchedules.KpiEmail, At("2026-12-01T09:00:00Z")));
        Assert.Contains("Email:Schedule", missing.Message);
    }
}
