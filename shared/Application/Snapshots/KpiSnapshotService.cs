using System.ComponentModel.DataAnnotations;
using CustomerValue.Application.Settings;
using CustomerValue.Kpis;
using CustomerValue.Reports;
using CustomerValue.Segments;
using CustomerValue.Snapshots;
using CustomerValue.Storage.Snapshots;
using CustomerValue.Value;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerValue.Application.Snapshots;

/// <summary>Settings section "Snapshots".</summary>
public sealed class SnapshotOptions
{
    public const string Section = "Snapshots";
    /// <summary>NCRONTAB schedule of the nightly snapshot timer (six fields, seconds first).</summary>
    public string KpiSchedule { get; set; } = "0 0 2 * * *";
    /// <summary>A customer with a purchase in this many days before the snapshot counts as active.</summary>
    [Range(1, 3650)]
    public int ActiveWindowDays { get; set; } = KpiCalculator.DefaultActiveWindowDays;
}

/// <summary>How often a backfill takes a snapshot between its first and last day.</summary>
public enum SnapshotEvery { Day, Week, Month }

/// <summary>
/// Takes the snapshot of one period: reads the customer base, builds the customer view as of the period's day (only
/// what happened at or before it, models fitted on that alone), segments, ranks opportunities, works out CAC, LTV:CAC and payback by channel and campaign, and writes the segment
/// snapshot, the KPI snapshot and every customer's row under the period's keys. The code the nightly timer,
/// `roi snapshot` and the admin endpoint share.
/// </summary>
public sealed partial class KpiSnapshotService(
    CustomerBaseReader reader,
    KpiSnapshotStore kpis,
    SegmentSnapshotStore segments,
    CustomerSnapshotStore customerRows,
    IOptions<SnapshotOptions> options,
    IOptions<ValueOptions> valueOptions,
    IOptions<SegmentationOptions> segmentOptions,
    IOptions<PipelineOptions> pipeline,
    ILogger<KpiSnapshotService> logger)
{
    /// <param name="asOf">The moment the snapshot stands for (the schedule's occurrence, not the clock at run time).</param>
    public async Task<KpiSnapshot> TakeAsync(DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var data = await reader.ReadAsync(cancellationToken);
        return await TakeAsync(data, asOf, cancellationToken);
    }

    /// <summary>
    /// Rebuilds history: one snapshot per day, week or month from <paramref name="from"/> to <paramref name="to"/>
    /// (both included), oldest first, each as of its own day, from one read of the data.
    /// </summary>
    public async Task<IReadOnlyList<KpiSnapshot>> BackfillAsync(DateOnly from, DateOnly to, SnapshotEvery every, CancellationToken cancellationToken)
    {
        if (to < from) throw new ArgumentException($"the backfill ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).", nameof(to));
        var data = await reader.ReadAsync(cancellationToken);
        var taken = new List<KpiSnapshot>();
        foreach (var day in Days(from, to, every))
            taken.Add(await TakeAsync(data, new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), cancellationToken));
        return taken;
    }

    /// <summary>The days of a backfill: from, then every day, week or month after it, up to and including to.</summary>
    public static IEnumerable<DateOnly> Days(DateOnly from, DateOnly to, SnapshotEvery every)
    {
        // Counted from the first day, so that month ends stay month ends (Jan 31, Feb 28, Mar 31, ...).
        for (var i = 0; ; i++)
        {
            var day = every switch
            {
                SnapshotEvery.Day => from.AddDays(i),
                SnapshotEvery.Week => from.AddDays(7 * i),
                _ => from.AddMonths(i),
            };
            if (day > to) yield break;
            yield return day;
        }
    }

    private async Task<KpiSnapshot> TakeAsync(CustomerBase data, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var period = DateOnly.FromDateTime(asOf.UtcDateTime);
        var windowDays = options.Value.ActiveWindowDays;
        var view = CustomerViewAssembler.Assemble(data, period, valueOptions.Value, windowDays);
        var previous = await segments.LatestAsync(period.AddDays(-1), cancellationToken);
        var analysis = SegmentAnalysis.Run(view.Customers, period, segmentOptions.Value, previous?.Segments);
        var lifecycle = previous is null ? null : LifecycleCalculator.Calculate(view.Customers, previous.Period, period);

        var everyone = analysis.Segments.FirstOrDefault(s => s.Segment == SegmentKey.Everyone);
        var sentiments = view.Customers.Where(c => c.SentimentCompound is not null).Select(c => c.SentimentCompound!.Value).ToList();
        var snapshot = KpiCalculator.Calculate((view.Purchases ?? []).Select(p => p.Totals), asOf, windowDays) with
        {
            Customers = view.Customers.Count,
            ActiveCustomers = view.Customers.Count(c => c.Active),
            SubscriptionRevenue = everyone?.SubscriptionRevenue ?? 0,
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
            DataThrough = view.DataThrough,
            ClvModel = view.ClvModel,
            ClvModelStatement = view.ClvModelStatement,
            Warnings = view.Stale ? [view.Warnings[0]] : [],
        };
        var value = valueOptions.Value;
        var model = view.Clv?.Purchases.Model is CustomerValue.Models.BgNbdParameters bg
            ? new FittedValueModel(bg, view.Clv.Spend?.Parameters, value.HorizonWeeks, CustomerValueModel.WeeklyRate(value.AnnualDiscountRate), value.Margin)
            : null;
        await SaveCustomerRowsAsync(period, view, analysis.Model, cancellationToken);
        var acquisition = AcquisitionCalculator.ByChannelAndCampaign(view.Customers, period, value.Margin);
        await segments.SaveAsync(new SegmentSnapshot(period, analysis.Segments, analysis.Opportunities, analysis.KeyDrivers, lifecycle, view.Warnings, model, acquisition), cancellationToken);
        await kpis.SaveAsync(period, snapshot, cancellationToken);
        LogTaken(logger, period, snapshot.Customers, analysis.Segments.Count, view.Warnings.Count);
        if (view.Stale) LogStale(logger, period, view.DataThrough);
        return snapshot;
    }

    /// <summary>Every customer's row with the segments they were counted in, written before the segments so a page never finds segments without rows.</summary>
    private Task SaveCustomerRowsAsync(DateOnly period, AssembledCustomers view, SegmentModel model, CancellationToken cancellationToken)
    {
        var buckets = pipeline.Value.CustomerBuckets;
        var bucketOf = view.Customers.Select(c => CustomerValue.Metrics.CustomerBuckets.Of(c.CustomerId, buckets)).ToArray();
        IEnumerable<CustomerReport> RowsOf(int bucket)
        {
            for (var i = 0; i < bucketOf.Length; i++)
                if (bucketOf[i] == bucket) yield return CustomerReport.Of(view.Customers[i], model.Assign(view.Customers[i]), period);
        }
        return customerRows.SaveAsync(period, RowsOf, buckets, cancellationToken);
    }

    [LoggerMessage(EventId = LogEvents.Snapshots + 1, Level = LogLevel.Information, Message = "Snapshot for {Period}: {Customers} customers, {Segments} segments, {Warnings} warnings")]
    private static partial void LogTaken(ILogger logger, DateOnly period, int customers, int segments, int warnings);

    [LoggerMessage(EventId = LogEvents.Snapshots + 2, Level = LogLevel.Warning, Message = "Snapshot for {Period} is dated more than one activity window after its newest data ({DataThrough})")]
    private static partial void LogStale(ILogger logger, DateOnly period, DateOnly? dataThrough);
}
