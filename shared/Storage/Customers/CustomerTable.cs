using Azure;
using Azure.Data.Tables;
using CustomerValue.Kpis;
using CustomerValue.Metrics;

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
    /// Streams every customer's purchase summary, day by day as stored, one bucket partition after another:
    /// partition queries page through far fewer rows than one table scan (in Azurite each page of a table scan
    /// walks the whole table, which made a million customers take minutes).
    /// </summary>
    public async IAsyncEnumerable<CustomerPurchaseSummary> ReadAllPurchasesAsync(int bucketCount,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var bucket = 0; bucket < bucketCount; bucket++)
        {
            var partition = PartitionOf(bucket);
            await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, select: DayColumns, cancellationToken: cancellationToken))
                yield return ToSummary(e);
        }
    }

    /// <summary>One customer's purchase summary, or null when they bought nothing.</summary>
    public async Task<CustomerPurchaseSummary?> GetPurchasesAsync(string customerId, int bucketCount, CancellationToken cancellationToken)
    {
        var e = await GetAsync(customerId, bucketCount, cancellationToken);
        return e is null ? null : ToSummary(e);
    }

    // The summary in its binary form, cut into properties under the Table service's 64 KiB per binary property.
    private const string DaysColumn = "Days";
    private const int DaysChunkBytes = 60_000;
    private const int MaxDaysColumns = 16;
    private static readonly string[] DayColumns = ["CustomerId", .. Enumerable.Range(0, MaxDaysColumns).Select(DaysColumnName)];

    private static string DaysColumnName(int index) => index == 0 ? DaysColumn : $"{DaysColumn}{index}";

    private static CustomerPurchaseSummary ToSummary(TableEntity e)
    {
        if (e.GetBinary(DaysColumn) is null)
            throw new InvalidDataException($"Customer row '{e.GetString("CustomerId")}' was written before purchases were kept per day; reduce its bucket again (run the reconciliation).");
        using var buffer = new MemoryStream();
        for (var i = 0; i < MaxDaysColumns && e.GetBinary(DaysColumnName(i)) is { } chunk; i++) buffer.Write(chunk);
        buffer.Position = 0;
        using var reader = new BinaryReader(buffer);
        return CustomerPurchaseSummary.ReadFrom(reader);
    }

    private static void WriteDays(TableEntity entity, CustomerPurchaseSummary summary)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) summary.WriteTo(writer);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        var columns = (bytes.Length + DaysChunkBytes - 1) / DaysChunkBytes;
        if (columns > MaxDaysColumns)
            throw new InvalidDataException($"Customer '{summary.CustomerId}' has {summary.PurchaseDays} purchase days, more than one table row holds.");
        for (var i = 0; i < columns; i++)
            entity[DaysColumnName(i)] = bytes.Slice(i * DaysChunkBytes, Math.Min(DaysChunkBytes, bytes.Length - i * DaysChunkBytes)).ToArray();
    }

    public async Task<TableEntity?> GetAsync(string customerId, int bucketCount, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(
            PartitionOf(CustomerBuckets.Of(customerId, bucketCount)), TableKeys.For(customerId), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    private static DateOnly? ToDate(DateTimeOffset? value) => value is { } v ? DateOnly.FromDateTime(v.UtcDateTime) : null;

    private static DateTimeOffset? ToMoment(DateOnly? day) => day is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;

    private static TableEntity ToEntity(string partition, CustomerPurchaseSummary s)
    {
        var entity = new TableEntity(partition, TableKeys.For(s.CustomerId))
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
        WriteDays(entity, s);
        return entity;
    }
}
