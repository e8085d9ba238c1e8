using Azure;
using Azure.Data.Tables;
using CustomerValue.Kpis;
using CustomerValue.Metrics;

namespace CustomerValue.Storage.Customers;

/// <summary>How an upload's contribution moves a bucket: added once, or taken back once.</summary>
public enum BucketChange { Add, Subtract }

/// <summary>
/// The Customers table: partition = customer bucket ("b0007"), row = customer key. It is both the queryable
/// per-customer aggregate and the compacted state of each bucket: a customer's row holds its purchase summary in its
/// one exact binary form (purchase and refund days, decimal money) beside the double columns, and marker rows ("~u~{uploadId}~{slice}") record which
/// upload slices the bucket contains. An upload's partial is applied in slices of at most 99 customers, each slice
/// in one entity-group transaction with its marker and If-Match on every customer row it rewrites: a redelivered
/// slice finds its marker and changes nothing, concurrent reducers of one bucket cannot lose each other's updates
/// (the loser retries on the new rows), and a removal subtracts exactly the slices that were added. The cost of a
/// slice is its own customers, whatever the bucket already holds.
/// </summary>
public sealed class CustomerTable(StorageClients storage)
{
    /// <summary>Customers per transaction: the Table service's 100 actions, less the marker row.</summary>
    public const int SliceSize = TableWriteRules.MaxBatchActions - 1;
    private const int MaxConcurrencyRetries = 20;
    private const string MarkerPrefix = "~u~";
    private const string RefusedColumn = "Refused"; // on a marker: customers of the slice left out because they would overflow // '~' is never in a customer key (TableKeys), and sorts after them all
    private TableClient Table => storage.Table(StorageNames.Tables.Customers);

    public static string PartitionOf(int bucket) => $"b{bucket:D4}";

    private static string MarkerOf(string uploadId, int slice) => $"{MarkerPrefix}{TableKeys.For(uploadId)}~{slice:D4}";

    /// <summary>The slices an upload's partial for one bucket is applied in: by customer id, so every delivery cuts the same.</summary>
    public static IReadOnlyList<CustomerPurchaseSummary[]> SlicesOf(IEnumerable<CustomerPurchaseSummary> partial) =>
        partial.OrderBy(s => s.CustomerId, StringComparer.Ordinal).Chunk(SliceSize).ToList();

    /// <summary>
    /// Adds or subtracts one slice of an upload's partial, once. Returns false when the bucket was already in the
    /// asked state (the slice's marker present for Add, absent for Subtract): a redelivery.
    /// </summary>
    /// <param name="refused">Told of each customer whose part was left out on Add because their totals would overflow
    /// decimal; the slice's marker records them, so that a later Subtract leaves them out too.</param>
    public async Task<bool> ApplySliceAsync(int bucket, string uploadId, int slice, IReadOnlyList<CustomerPurchaseSummary> part,
        BucketChange change, CancellationToken cancellationToken, Action<string>? refused = null)
    {
        var partition = PartitionOf(bucket);
        var marker = MarkerOf(uploadId, slice);
        for (var attempt = 1; ; attempt++)
        {
            // Rows first, then the marker: a slice another reducer finished in between shows as done, not as missing.
            var current = await ReadRowsAsync(partition, part.Select(p => p.CustomerId), cancellationToken);
            // A first Add does not look for its marker: the transaction adds the marker, so a slice already added
            // fails it (409) and the next attempt finds the marker. A request per slice fewer on the common path.
            var markerRow = change == BucketChange.Subtract || attempt > 1
                ? await Table.GetEntityIfExistsAsync<TableEntity>(partition, marker, select: ["RowKey", RefusedColumn], cancellationToken: cancellationToken)
                : null;
            if (markerRow is not null && markerRow.HasValue == (change == BucketChange.Add)) return false;
            try
            {
                var actions = new List<TableTransactionAction>(part.Count + 1);
                var leftOut = change == BucketChange.Add ? new List<string>()
                    : (markerRow!.HasValue ? markerRow.Value!.GetString(RefusedColumn) : null)?.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList() ?? [];
                foreach (var contribution in part)
                {
                    (CustomerPurchaseSummary Summary, ETag ETag)? row = current.TryGetValue(TableKeys.For(contribution.CustomerId), out var found) ? found : null;
                    if (change == BucketChange.Add && row is { } r && !r.Summary.CanMerge(contribution))
                    {
                        leftOut.Add(contribution.CustomerId); // its totals would overflow: the row stays as it is
                        continue;
                    }
                    if (change == BucketChange.Subtract && leftOut.Contains(contribution.CustomerId)) continue; // never added
                    actions.Add(change == BucketChange.Add ? Added(partition, row, contribution) : Subtracted(partition, row, contribution, uploadId));
                }
                var markerEntity = new TableEntity(partition, marker) { ["UploadId"] = uploadId, ["Slice"] = slice };
                if (leftOut.Count > 0) markerEntity[RefusedColumn] = string.Join('\n', leftOut);
                actions.Add(change == BucketChange.Add
                    ? new TableTransactionAction(TableTransactionActionType.Add, markerEntity)
                    : new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, marker), ETag.All));
                await Table.SubmitCheckedAsync(actions, cancellationToken);
                if (change == BucketChange.Add && refused is not null) foreach (var id in leftOut) refused(id);
                return true;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404 && attempt < MaxConcurrencyRetries)
            {
                // Another reducer changed one of these rows (or the marker) since they were read: read again.
            }
            catch (Exception e) when (e is (InvalidOperationException and not TableWriteRefusedException) or InvalidDataException && attempt < MaxConcurrencyRetries)
            {
                // The rows were read while another reducer was changing this slice (they do not hold what the marker
                // says): read again. A bucket that stays inconsistent fails after the last attempt.
            }
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), cancellationToken);
        }
    }

    private static TableTransactionAction Added(string partition, (CustomerPurchaseSummary Summary, ETag ETag)? row, CustomerPurchaseSummary contribution)
    {
        if (row is not { } existing)
            return new TableTransactionAction(TableTransactionActionType.Add, ToEntity(partition, contribution));
        existing.Summary.Merge(contribution);
        return new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(partition, existing.Summary), existing.ETag);
    }

    private static TableTransactionAction Subtracted(string partition, (CustomerPurchaseSummary Summary, ETag ETag)? row, CustomerPurchaseSummary contribution, string uploadId)
    {
        if (row is not { } existing)
            throw new InvalidDataException($"Bucket {partition} records upload {uploadId} but holds no row for one of its customers.");
        existing.Summary.Subtract(contribution);
        return existing.Summary.IsEmpty
            ? new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, TableKeys.For(existing.Summary.CustomerId)), existing.ETag)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(partition, existing.Summary), existing.ETag);
    }

    /// <summary>The current rows of the given customers, by row key, with the ETags to write them back under.</summary>
    private async Task<Dictionary<string, (CustomerPurchaseSummary Summary, ETag ETag)>> ReadRowsAsync(string partition, IEnumerable<string> customerIds, CancellationToken cancellationToken)
    {
        var rows = await Task.WhenAll(customerIds.Select(async id =>
        {
            var response = await Table.GetEntityIfExistsAsync<TableEntity>(partition, TableKeys.For(id), cancellationToken: cancellationToken);
            return response.HasValue ? response.Value : null;
        }));
        return rows.OfType<TableEntity>().ToDictionary(e => e.RowKey, e => (ToSummary(e), e.ETag), StringComparer.Ordinal);
    }

    /// <summary>The uploads (by slice marker) a bucket contains: what the bucket's totals are the sum of.</summary>
    public async Task<IReadOnlyList<(string UploadId, int Slice)>> ContainedSlicesAsync(int bucket, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(bucket);
        var result = new List<(string, int)>();
        await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey == partition && e.RowKey.CompareTo(MarkerPrefix) >= 0,
            select: ["UploadId", "Slice"], cancellationToken: cancellationToken))
            result.Add((e.GetString("UploadId"), e.GetInt32("Slice") ?? 0));
        return result;
    }

    /// <summary>Every customer row of a bucket as a summary (marker rows left out).</summary>
    public async IAsyncEnumerable<CustomerPurchaseSummary> ReadBucketAsync(int bucket,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var partition = PartitionOf(bucket);
        await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey == partition && e.RowKey.CompareTo(MarkerPrefix) < 0, cancellationToken: cancellationToken))
            yield return ToSummary(e);
    }

    /// <summary>
    /// Writes a bucket's rows wholesale, with no upload markers: for loading synthetic customers (benchmarks). The
    /// pipeline itself only changes a bucket through <see cref="ApplySliceAsync"/>.
    /// </summary>
    public async Task ReplaceBucketAsync(int bucket, IEnumerable<CustomerPurchaseSummary> summaries, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(bucket);
        foreach (var chunk in summaries.Select(s => ToEntity(partition, s)).Chunk(TableWriteRules.MaxBatchActions))
            await Table.SubmitCheckedAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)).ToList(), cancellationToken);
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
            await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey == partition && e.RowKey.CompareTo(MarkerPrefix) < 0, select: DayColumns, cancellationToken: cancellationToken))
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
            throw new TableWriteRefusedException($"Customer row {entity.RowKey} would hold {summary.PurchaseDays} purchase days, more than one table row holds.");
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
            // Tables have no decimal type: these doubles are for queries; the exact money is in the binary days columns.
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
