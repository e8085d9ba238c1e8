using System.Text.Json;
using Azure.Data.Tables;
using CustomerValue.Kpis;

namespace CustomerValue.Storage.Snapshots;

/// <summary>
/// The KpiSnapshots table: partition = period kind ("daily"), row = the period's date, newest first. A rerun for the
/// same period overwrites its row; earlier periods stay, so trends can be drawn.
/// </summary>
public sealed class KpiSnapshotStore(StorageClients storage)
{
    public const string DailyPartition = "daily";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private TableClient Table => storage.Table(StorageNames.Tables.KpiSnapshots);

    public static string RowKeyFor(DateOnly period) => TableKeys.NewestFirst(new DateTimeOffset(period.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    public Task SaveAsync(DateOnly period, KpiSnapshot snapshot, CancellationToken cancellationToken) =>
        Table.UpsertCheckedAsync(new TableEntity(DailyPartition, RowKeyFor(period))
        {
            ["Period"] = period.ToString("yyyy-MM-dd"),
            ["AsOf"] = snapshot.AsOf,
            ["Customers"] = snapshot.Customers,
            ["Orders"] = snapshot.Orders,
            ["NetRevenue"] = (double)snapshot.NetRevenue,
            ["Snapshot"] = JsonSerializer.Serialize(snapshot, Json),
        }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>The newest snapshot, or null when none was taken yet.</summary>
    public async Task<KpiSnapshot?> LatestAsync(CancellationToken cancellationToken)
    {
        await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey == DailyPartition, maxPerPage: 1, cancellationToken: cancellationToken))
            return JsonSerializer.Deserialize<KpiSnapshot>(e.GetString("Snapshot"), Json);
        return null;
    }

    /// <summary>The newest snapshot dated at or before <paramref name="day"/>, or null when there is none.</summary>
    public async Task<KpiSnapshot?> LatestAtOrBeforeAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var newest = RowKeyFor(day);
        await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey == DailyPartition && e.RowKey.CompareTo(newest) >= 0, maxPerPage: 1, cancellationToken: cancellationToken))
            return JsonSerializer.Deserialize<KpiSnapshot>(e.GetString("Snapshot"), Json);
        return null;
    }

    public async Task<IReadOnlyList<KpiSnapshot>> HistoryAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var (newest, oldest) = (RowKeyFor(to), RowKeyFor(from));
        var result = new List<KpiSnapshot>();
        await foreach (var e in Table.QueryAsync<TableEntity>(
            e => e.PartitionKey == DailyPartition && e.RowKey.CompareTo(newest) >= 0 && e.RowKey.CompareTo(oldest) <= 0, cancellationToken: cancellationToken))
            result.Add(JsonSerializer.Deserialize<KpiSnapshot>(e.GetString("Snapshot"), Json)!);
        result.Reverse();
        return result;
    }
}
