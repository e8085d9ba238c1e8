using Azure;
using Azure.Data.Tables;
using CustomerValue.Kpis;
using CustomerValue.Metrics;
using PurchaseTotals = CustomerValue.Snapshots.PurchaseTotals;

namespace CustomerValue.Storage.Customers;

/// <summary>
/// The Customers table: partition = customer bucket ("b0007"), row = customer key. A bucket is rewritten as a
/// whole from its summaries, in batches of at most 100 (the Table service's limit), so the result of a rerun is
/// the same rows.
/// </summary>
public sealed class CustomerTable(StorageClients storage)
{
    private const int MaxBatch = TableWriteRules.MaxBatchActions;
    private TableClient Table => storage.Table(StorageNames.Tables.Customers);

    public static string PartitionOf(int bucket) => $"b{bucket:D4}";

    public async Task ReplaceBucketAsync(int bucket, IEnumerable<CustomerPurchaseSummary> summaries, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(bucket);
        var fresh = summaries.Select(s => ToEntity(partition, s)).ToList();
        var freshKeys = fresh.Select(e => e.RowKey).ToHashSet(StringComparer.Ordinal);
        var stale = new List<string>();
        await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, select: ["RowKey"], cancellationToken: cancellationToken))
            if (!freshKeys.Contains(e.RowKey)) stale.Add(e.RowKey);

        foreach (var chunk in fresh.Chunk(MaxBatch))
            await Table.SubmitCheckedAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)).ToList(), cancellationToken);
        foreach (var chunk in stale.Chunk(MaxBatch))
            await Table.SubmitCheckedAsync(chunk.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, k), ETag.All)).ToList(), cancellationToken);
    }

    /// <summary>
    /// Streams every customer's totals with the repeat-purchase summary, one bucket partition after another:
    /// partition queries page through far fewer rows than one table scan (in Azurite each page of a table scan
    /// walks the whole table, which made a million customers take minutes).
    /// </summary>
    public async IAsyncEnumerable<PurchaseTotals> ReadAllPurchasesAsync(int bucketCount,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var bucket = 0; bucket < bucketCount; bucket++)
        {
            var partition = PartitionOf(bucket);
            await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey == partition,
                select: ["CustomerId", "Orders", "GrossRevenue", "Refunds", "PurchaseDays", "FirstPurchase", "LastPurchase", "RepeatPurchases", "RecencyDays", "MeanRepeatSpend"],
                cancellationToken: cancellationToken))
            {
                yield return new PurchaseTotals(ToTotals(e), e.GetInt32("RepeatPurchases") ?? 0, e.GetInt32("RecencyDays") ?? 0,
                    (decimal)(e.GetDouble("MeanRepeatSpend") ?? 0));
            }
        }
    }

    private static CustomerTotals ToTotals(TableEntity e) => new(
        e.GetString("CustomerId"),
        e.GetInt32("Orders") ?? 0,
        (decimal)(e.GetDouble("GrossRevenue") ?? 0),
        (decimal)(e.GetDouble("Refunds") ?? 0),
        e.GetInt32("PurchaseDays") ?? 0,
        ToDate(e.GetDateTimeOffset("FirstPurchase")),
        ToDate(e.GetDateTimeOffset("LastPurchase")));

    /// <summary>One customer's totals and repeat-purchase summary, or null when they bought nothing.</summary>
    public async Task<PurchaseTotals?> GetPurchasesAsync(string customerId, int bucketCount, CancellationToken cancellationToken)
    {
        var e = await GetAsync(customerId, bucketCount, cancellationToken);
        return e is null ? null : new PurchaseTotals(ToTotals(e), e.GetInt32("RepeatPurchases") ?? 0, e.GetInt32("RecencyDays") ?? 0,
            (decimal)(e.GetDouble("MeanRepeatSpend") ?? 0));
    }

    public async Task<TableEntity?> GetAsync(string customerId, int bucketCount, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(
            PartitionOf(CustomerBuckets.Of(customerId, bucketCount)), TableKeys.For(customerId), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    private static DateOnly? ToDate(DateTimeOffset? value) => value is { } v ? DateOnly.FromDateTime(v.UtcDateTime) : null;

    private static DateTimeOffset? ToMoment(DateOnly? day) => day is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;

    private static TableEntity ToEntity(string partition, CustomerPurchaseSummary s) => new(partition, TableKeys.For(s.CustomerId))
    {
        ["CustomerId"] = s.CustomerId,
        ["Lines"] = s.Lines,
        ["Orders"] = s.Orders,
        // Tables have no decimal type; money is stored as double, rounded to the cent of the source precision.
        ["GrossRevenue"] = (double)s.GrossRevenue,
        ["Refunds"] = (double)s.Refunds,
        ["NetRevenue"] = (double)s.NetRevenue,
        ["AverageTransactionSize"] = (double)Math.Round(s.AverageTransactionSize, 4),
        ["PurchaseDays"] = s.PurchaseDays,
        // The repeat-purchase summary (x, t_x in days, mean repeat spend) that the CLV models fit on.
        ["RepeatPurchases"] = Math.Max(0, s.PurchaseDays - 1),
        ["RecencyDays"] = s.FirstPurchase is { } f && s.LastPurchase is { } l ? l.DayNumber - f.DayNumber : 0,
        ["MeanRepeatSpend"] = (double)s.ToRepeatSummary(s.LastPurchase ?? default).MeanRepeatSpend,
        ["FirstPurchase"] = ToMoment(s.FirstPurchase),
        ["LastPurchase"] = ToMoment(s.LastPurchase),
    };
}
