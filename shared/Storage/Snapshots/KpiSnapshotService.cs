using CustomerValue.Kpis;
using CustomerValue.Storage.Customers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerValue.Storage.Snapshots;

/// <summary>Settings section "Snapshots".</summary>
public sealed class SnapshotOptions
{
    public const string Section = "Snapshots";
    /// <summary>NCRONTAB schedule of the KPI snapshot timer (six fields, seconds first).</summary>
    public string KpiSchedule { get; set; } = "0 0 2 * * *";
    public int ActiveWindowDays { get; set; } = KpiCalculator.DefaultActiveWindowDays;
}

/// <summary>Takes the KPI snapshot of one period: the code the timer, `roi snapshot` and the admin endpoint share.</summary>
public sealed partial class KpiSnapshotService(CustomerTable customers, KpiSnapshotStore store, IOptions<SnapshotOptions> options, ILogger<KpiSnapshotService> logger)
{
    /// <param name="asOf">The moment the snapshot stands for (the schedule's occurrence, not the clock at run time).</param>
    public async Task<KpiSnapshot> TakeAsync(DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var totals = new List<CustomerTotals>();
        await foreach (var t in customers.ReadAllTotalsAsync(cancellationToken)) totals.Add(t);
        var snapshot = KpiCalculator.Calculate(totals, asOf, options.Value.ActiveWindowDays);
        var period = DateOnly.FromDateTime(asOf.UtcDateTime);
        await store.SaveAsync(period, snapshot, cancellationToken);
        LogTaken(logger, period, snapshot.Customers);
        return snapshot;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "KPI snapshot for {Period}: {Customers} customers")]
    private static partial void LogTaken(ILogger logger, DateOnly period, int customers);
}
