using CustomerValue.Kpis;
using CustomerValue.Reports;
using CustomerValue.Segments;
using CustomerValue.Snapshots;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerValue.Application.Snapshots;

/// <summary>Settings section "Snapshots".</summary>
public sealed class SnapshotOptions
{
    public const string Section = "Snapshots";
    /// <summary>NCRONTAB schedule of the nightly snapshot timer (six fields, seconds first).</summary>
    public string KpiSchedule { get; set; } = "0 0 2 * * *";
    public int ActiveWindowDays { get; set; } = KpiCalculator.DefaultActiveWindowDays;
}

/// <summary>
/// Takes the snapshot of one period: reads the customer base, fits the CLV models, segments, ranks
/// opportunities, and writes the segment snapshot and the KPI snapshot under the period's keys. The code the
/// nightly timer, `roi snapshot` and the admin endpoint share.
/// </summary>
public sealed partial class KpiSnapshotService(
    CustomerBaseReader reader,
    KpiSnapshotStore kpis,
    SegmentSnapshotStore segments,
    IOptions<SnapshotOptions> options,
    IOptions<ValueOptions> valueOptions,
    IOptions<SegmentationOptions> segmentOptions,
    ILogger<KpiSnapshotService> logger)
{
    /// <param name="asOf">The moment the snapshot stands for (the schedule's occurrence, not the clock at run time).</param>
    public async Task<KpiSnapshot> TakeAsync(DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var period = DateOnly.FromDateTime(asOf.UtcDateTime);
        var data = await reader.ReadAsync(cancellationToken);
        var assembled = CustomerViewAssembler.Assemble(data, period, valueOptions.Value);
        var previous = await segments.LatestAsync(period.AddDays(-1), cancellationToken);
        var analysis = SegmentAnalysis.Run(assembled.Customers, period, segmentOptions.Value, previous?.Segments);
        var lifecycle = previous is null ? null : LifecycleCalculator.Calculate(assembled.Customers, previous.Period, period);

        var everyone = analysis.Segments.FirstOrDefault(s => s.Segment == SegmentKey.Everyone);
        var sentiments = assembled.Customers.Where(c => c.SentimentCompound is not null).Select(c => c.SentimentCompound!.Value).ToList();
        var snapshot = KpiCalculator.Calculate(data.Purchases.Select(p => p.Totals), asOf, options.Value.ActiveWindowDays) with
        {
            Customers = assembled.Customers.Count,
            Cost = everyone?.Cost,
            Roi = everyone?.Roi,
            ChurnRate = everyone?.ChurnRate,
            ChurnDefinition = everyone?.ChurnDefinition,
            RetentionRate = everyone?.RetentionRate,
            AveragePredictedClv = everyone?.AveragePredictedClv,
            RevenueAtRisk = everyone?.RevenueAtRisk,
            Nps = everyone?.Nps,
            CsatPercent = everyone?.CsatPercent,
            AverageSentiment = sentiments.Count == 0 ? null : Math.Round(sentiments.Average(), 4),
        };
        var value = valueOptions.Value;
        var model = assembled.Clv?.Purchases.Model is CustomerValue.Models.BgNbdParameters bg
            ? new FittedValueModel(bg, assembled.Clv.Spend?.Parameters, value.HorizonWeeks, CustomerViewAssembler.WeeklyRate(value.AnnualDiscountRate), value.Margin)
            : null;
        await segments.SaveAsync(new SegmentSnapshot(period, analysis.Segments, analysis.Opportunities, analysis.KeyDrivers, lifecycle, assembled.Warnings, model), cancellationToken);
        await kpis.SaveAsync(period, snapshot, cancellationToken);
        LogTaken(logger, period, snapshot.Customers, analysis.Segments.Count, assembled.Warnings.Count);
        return snapshot;
    }

    [LoggerMessage(EventId = LogEvents.Snapshots + 1, Level = LogLevel.Information, Message = "Snapshot for {Period}: {Customers} customers, {Segments} segments, {Warnings} warnings")]
    private static partial void LogTaken(ILogger logger, DateOnly period, int customers, int segments, int warnings);
}
