using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CustomerValue.Reports;
using CustomerValue.Segments;

namespace CustomerValue.Storage.Snapshots;

/// <summary>One period's segment snapshot: segments, ranked opportunities, key drivers, the lifecycle view and acquisition economics.</summary>
public sealed record SegmentSnapshot(DateOnly Period, IReadOnlyList<SegmentKpis> Segments, IReadOnlyList<Opportunity> Opportunities,
    IReadOnlyList<KeyDriver> KeyDrivers, LifecycleView? Lifecycle, IReadOnlyList<string> Warnings, FittedValueModel? Model = null,
    IReadOnlyList<CustomerValue.Value.AcquisitionEconomics>? Acquisition = null);

/// <summary>The period's fitted CLV models, kept so one customer's P(alive) and CLV can be worked out on demand.</summary>
public sealed record FittedValueModel(CustomerValue.Models.BgNbdParameters Purchases, CustomerValue.Models.GammaGammaParameters? Spend,
    int HorizonWeeks, double WeeklyDiscountRate, double Margin);

/// <summary>
/// The SegmentSnapshots table: partition = the period ("2026-11-23"), rows "seg-…", "opp-…", "drv-…", "acq-…", "lifecycle",
/// "warnings", each a JSON document. A rerun of a period rewrites its rows and deletes the ones it no longer has,
/// so it leaves exactly the same rows; other periods are kept for trends.
/// </summary>
public sealed class SegmentSnapshotStore(StorageClients storage)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private TableClient Table => storage.Table(StorageNames.Tables.SegmentSnapshots);

    public static string PartitionOf(DateOnly period) => period.ToString("yyyy-MM-dd");

    public async Task SaveAsync(SegmentSnapshot snapshot, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(snapshot.Period);
        var rows = new List<TableEntity>();
        rows.AddRange(snapshot.Segments.Select(s => Row(partition, "seg-" + TableKeys.For($"{s.Segment.Dimension}.{s.Segment.Value}"), s)));
        rows.AddRange(snapshot.Opportunities.Select(o => Row(partition, $"opp-{o.Rank:D4}", o)));
        rows.AddRange(snapshot.KeyDrivers.Select((d, i) => Row(partition, $"drv-{i:D4}", d)));
        rows.AddRange((snapshot.Acquisition ?? []).Select((a, i) => Row(partition, $"acq-{i:D6}", a)));
        if (snapshot.Lifecycle is not null) rows.Add(Row(partition, "lifecycle", snapshot.Lifecycle));
        rows.Add(Row(partition, "warnings", snapshot.Warnings));
        if (snapshot.Model is not null) rows.Add(Row(partition, "model", snapshot.Model));
        var keep = rows.Select(r => r.RowKey).ToHashSet(StringComparer.Ordinal);

        var stale = new List<string>();
        await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, select: ["RowKey"], cancellationToken: cancellationToken))
            if (!keep.Contains(e.RowKey)) stale.Add(e.RowKey);
        foreach (var chunk in rows.Chunk(TableWriteRules.MaxBatchActions))
            await Table.SubmitCheckedAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)).ToList(), cancellationToken);
        foreach (var chunk in stale.Chunk(TableWriteRules.MaxBatchActions))
            await Table.SubmitCheckedAsync(chunk.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, k), ETag.All)).ToList(), cancellationToken);
    }

    /// <summary>The snapshot of exactly <paramref name="period"/>, or null.</summary>
    public async Task<SegmentSnapshot?> GetAsync(DateOnly period, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(period);
        var segments = new List<SegmentKpis>();
        var opportunities = new List<Opportunity>();
        var drivers = new List<KeyDriver>();
        var acquisition = new SortedList<string, CustomerValue.Value.AcquisitionEconomics>(StringComparer.Ordinal);
        LifecycleView? lifecycle = null;
        IReadOnlyList<string> warnings = [];
        FittedValueModel? model = null;
        var any = false;
        await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            any = true;
            var json = e.GetString("Json");
            if (e.RowKey.StartsWith("seg-", StringComparison.Ordinal)) segments.Add(JsonSerializer.Deserialize<SegmentKpis>(json, Json)!);
            else if (e.RowKey.StartsWith("opp-", StringComparison.Ordinal)) opportunities.Add(JsonSerializer.Deserialize<Opportunity>(json, Json)!);
            else if (e.RowKey.StartsWith("drv-", StringComparison.Ordinal)) drivers.Add(JsonSerializer.Deserialize<KeyDriver>(json, Json)!);
            else if (e.RowKey.StartsWith("acq-", StringComparison.Ordinal)) acquisition.Add(e.RowKey, JsonSerializer.Deserialize<CustomerValue.Value.AcquisitionEconomics>(json, Json)!);
            else if (e.RowKey == "lifecycle") lifecycle = JsonSerializer.Deserialize<LifecycleView>(json, Json);
            else if (e.RowKey == "warnings") warnings = JsonSerializer.Deserialize<List<string>>(json, Json)!;
            else if (e.RowKey == "model") model = JsonSerializer.Deserialize<FittedValueModel>(json, Json);
        }
        if (!any) return null;
        return new SegmentSnapshot(period, OrderLikeAnalysis(segments), opportunities.OrderBy(o => o.Rank).ToList(), drivers, lifecycle, warnings, model, [.. acquisition.Values]);
    }

    /// <summary>The newest snapshot at or before <paramref name="asOf"/>, looking back at most <paramref name="days"/> days.</summary>
    public async Task<SegmentSnapshot?> LatestAsync(DateOnly asOf, CancellationToken cancellationToken, int days = 400)
    {
        // Partitions are dates: list the distinct ones in range (keys only), newest first.
        var from = PartitionOf(asOf.AddDays(-days));
        var to = PartitionOf(asOf);
        var periods = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey.CompareTo(from) >= 0 && e.PartitionKey.CompareTo(to) <= 0 && e.RowKey == "warnings",
                           select: ["PartitionKey"], cancellationToken: cancellationToken))
            periods.Add(e.PartitionKey);
        return periods.Count == 0 ? null : await GetAsync(DateOnly.ParseExact(periods.Max!, "yyyy-MM-dd"), cancellationToken);
    }

    private static List<SegmentKpis> OrderLikeAnalysis(List<SegmentKpis> segments)
    {
        var dimensionOrder = SegmentDimensions.All.Select((d, i) => (d, i)).ToDictionary(x => x.d, x => x.i);
        return segments.OrderBy(s => s.Segment == SegmentKey.Everyone ? -1 : dimensionOrder.GetValueOrDefault(s.Segment.Dimension, int.MaxValue))
            .ThenBy(s => s.Segment.Value, StringComparer.Ordinal).ToList();
    }

    private static TableEntity Row<T>(string partition, string rowKey, T value)
    {
        var json = JsonSerializer.Serialize(value, Json);
        return new TableEntity(partition, rowKey) { ["Json"] = json.Length <= TableWriteRules.MaxStringChars ? json : throw new TableWriteRefusedException($"Snapshot row {rowKey} is {json.Length} characters; at most {TableWriteRules.MaxStringChars}.") };
    }
}
