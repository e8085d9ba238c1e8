using Azure;
using Azure.Data.Tables;
using CustomerValue.Ingestion;

namespace CustomerValue.Storage.Uploads;

/// <summary>
/// The Uploads table: partition = upload id; row "ledger~{upload}" holds the status and counts, rows
/// "chunk-NNNN~{upload}" mark finished chunks. Every write is an upsert of a deterministic key, so a retried step
/// rewrites the same rows. The row keys repeat the partition because the storage emulator finds a point by its row
/// key first and then walks every row sharing it: with one "ledger" row key across all uploads, each read and write
/// of an upload cost in proportion to the uploads before it. Rows written before that ("ledger", "chunk-NNNN") are
/// still read; the next save of the record writes it under the new key, which wins from then on.
/// </summary>
public sealed class UploadLedger(StorageClients storage, TimeProvider clock)
{
    private const string LegacyLedgerRow = "ledger";
    private const string ChunkPrefix = "chunk-";
    private TableClient Table => storage.Table(StorageNames.Tables.Uploads);

    private static string LedgerRowOf(string partition) => $"{LegacyLedgerRow}~{partition}";

    private static string ChunkRowOf(string partition, int chunk) => $"{ChunkPrefix}{chunk:D4}~{partition}";

    private static string LegacyChunkRow(int chunk) => $"{ChunkPrefix}{chunk:D4}";

    /// <summary>Ledger rows of either form: "ledger" and "ledger~{upload}" (a scan either way; only listings use it).</summary>
    private IAsyncEnumerable<TableEntity> QueryLedgerRowsAsync(CancellationToken cancellationToken) =>
        Table.QueryAsync<TableEntity>(e => e.RowKey.CompareTo(LegacyLedgerRow) >= 0 && e.RowKey.CompareTo(LegacyLedgerRow + "~~") < 0, cancellationToken: cancellationToken);

    /// <summary>The upload's ledger row: under its own key, or under the shared key it was written with before.</summary>
    private async Task<TableEntity?> ReadLedgerRowAsync(string partition, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(partition, LedgerRowOf(partition), cancellationToken: cancellationToken);
        if (response.HasValue) return response.Value;
        var legacy = await Table.GetEntityIfExistsAsync<TableEntity>(partition, LegacyLedgerRow, cancellationToken: cancellationToken);
        return legacy.HasValue ? legacy.Value : null;
    }

    /// <summary>One entry per upload from a listing that may hold both forms of a ledger row (the new one wins).</summary>
    private static IEnumerable<UploadLedgerEntry> Latest(IEnumerable<TableEntity> rows) =>
        rows.GroupBy(e => e.PartitionKey, StringComparer.Ordinal).Select(g => FromEntity(g.OrderByDescending(e => e.RowKey, StringComparer.Ordinal).First()));

    public async Task<UploadLedgerEntry?> GetAsync(string uploadId, CancellationToken cancellationToken) =>
        await ReadLedgerRowAsync(TableKeys.For(uploadId), cancellationToken) is { } row ? FromEntity(row) : null;

    public Task SaveAsync(UploadLedgerEntry record, CancellationToken cancellationToken) =>
        Table.UpsertCheckedAsync(ToEntity(record with { UpdatedAt = clock.GetUtcNow() }), TableUpdateMode.Replace, cancellationToken);

    /// <summary>Uploads still Processing or Aggregating whose ledger has not moved since <paramref name="before"/>.</summary>
    public async Task<IReadOnlyList<UploadLedgerEntry>> StalledAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var rows = await QueryLedgerRowsAsync(cancellationToken).ToListAsync(cancellationToken);
        return Latest(rows).Where(r => r.Status is UploadStatus.Processing or UploadStatus.Aggregating && r.UpdatedAt < before).ToList();
    }

    /// <summary>Every upload's ledger entry.</summary>
    public async IAsyncEnumerable<UploadLedgerEntry> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = await QueryLedgerRowsAsync(cancellationToken).ToListAsync(cancellationToken);
        foreach (var entry in Latest(rows)) yield return entry;
    }

    /// <summary>The chunks (buckets) of an upload: those it touches, or 0..ChunksTotal-1 for entries written before buckets were listed.</summary>
    public static IReadOnlyList<int> ChunksOf(UploadLedgerEntry record) => record.Buckets ?? Enumerable.Range(0, record.ChunksTotal).ToList();

    /// <summary>The chunks of an upload that have no done marker yet.</summary>
    public async Task<IReadOnlyList<int>> MissingChunksAsync(UploadLedgerEntry record, CancellationToken cancellationToken)
    {
        var done = await DoneChunksAsync(record.UploadId, cancellationToken);
        return ChunksOf(record).Where(c => !done.Contains(c)).ToList();
    }

    /// <summary>The chunks of an upload that still carry a done marker: for a removal, the buckets still to give its contribution back.</summary>
    public async Task<IReadOnlyList<int>> DoneChunksListAsync(string uploadId, CancellationToken cancellationToken) =>
        (await DoneChunksAsync(uploadId, cancellationToken)).Order().ToList();

    private async Task<HashSet<int>> DoneChunksAsync(string uploadId, CancellationToken cancellationToken)
    {
        var done = new HashSet<int>();
        await foreach (var e in QueryChunksAsync(TableKeys.For(uploadId), cancellationToken))
            done.Add(int.Parse(e.RowKey.AsSpan(ChunkPrefix.Length, 4), System.Globalization.CultureInfo.InvariantCulture));
        return done;
    }

    private IAsyncEnumerable<TableEntity> QueryChunksAsync(string partition, CancellationToken cancellationToken) =>
        Table.QueryAsync<TableEntity>(
            e => e.PartitionKey == partition && e.RowKey.CompareTo(ChunkPrefix) >= 0 && e.RowKey.CompareTo(ChunkPrefix + "~") < 0,
            select: ["RowKey"], cancellationToken: cancellationToken);

    /// <summary>
    /// Adds a note to the upload's ledger record unless it has it already (a redelivered message adds nothing). Saved
    /// on the read ETag, so a status another stage wrote meanwhile is never undone.
    /// </summary>
    public async Task AddNoteAsync(string uploadId, string note, CancellationToken cancellationToken) =>
        await ChangeAsync(TableKeys.For(uploadId), record => Task.FromResult(record.Notes?.Contains(note, StringComparison.Ordinal) == true ? null
            : record with { Notes = string.IsNullOrEmpty(record.Notes) ? note : record.Notes + "; " + note }), cancellationToken);

    /// <summary>Marks one chunk finished and, when all are, the upload completed. Safe to repeat.</summary>
    public Task<UploadLedgerEntry?> MarkChunkDoneAsync(string uploadId, int chunk, CancellationToken cancellationToken) =>
        MarkChunksDoneAsync(uploadId, [chunk], cancellationToken);

    /// <summary>Marks chunks finished (one batch per hundred) and, when all are, the upload completed. Safe to repeat.</summary>
    public async Task<UploadLedgerEntry?> MarkChunksDoneAsync(string uploadId, IReadOnlyCollection<int> chunks, CancellationToken cancellationToken)
    {
        var partition = TableKeys.For(uploadId);
        foreach (var batch in chunks.Chunk(TableWriteRules.MaxBatchActions))
            await Table.SubmitCheckedAsync(batch.Select(c => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                new TableEntity(partition, ChunkRowOf(partition, c)))).ToList(), cancellationToken);
        return await ChangeAsync(partition, async record =>
        {
            if (record.Status is UploadStatus.Completed or UploadStatus.Failed) return null;
            // When these chunks are all of them (a small upload reduced at once) there is nothing to count.
            var done = ChunksOf(record).All(chunks.Contains) ? record.ChunksTotal : await CountChunksAsync(partition, cancellationToken);
            record = record with { ChunksDone = Math.Min(done, record.ChunksTotal) };
            return record.Status == UploadStatus.Aggregating && done >= record.ChunksTotal
                ? record with { Status = UploadStatus.Completed, CompletedAt = clock.GetUtcNow() }
                : record;
        }, cancellationToken);
    }

    /// <summary>Takes chunks' done markers away (their contribution left the buckets) and, when none is left, marks a removal finished. Safe to repeat.</summary>
    public async Task<UploadLedgerEntry?> MarkChunksRemovedAsync(string uploadId, IReadOnlyCollection<int> chunks, CancellationToken cancellationToken)
    {
        var partition = TableKeys.For(uploadId);
        foreach (var c in chunks)
        {
            await Table.DeleteEntityAsync(partition, ChunkRowOf(partition, c), ETag.All, cancellationToken);
            await Table.DeleteEntityAsync(partition, LegacyChunkRow(c), ETag.All, cancellationToken);
        }
        return await ChangeAsync(partition, async record =>
        {
            if (record.Status != UploadStatus.Removing) return null;
            var left = await CountChunksAsync(partition, cancellationToken);
            return record with { ChunksDone = left, Status = left == 0 ? UploadStatus.Removed : UploadStatus.Removing };
        }, cancellationToken);
    }

    private async Task<int> CountChunksAsync(string partition, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in QueryChunksAsync(partition, cancellationToken))
            count++;
        return count;
    }

    private const int MaxChangeAttempts = 50;

    /// <summary>
    /// Reads the record, applies the change and saves it only if nobody wrote it meanwhile, else reads it again: the
    /// buckets of one upload finish concurrently, and a save of a count read before another bucket's Completed would
    /// otherwise put the record back to Aggregating, where it waited for the reconciliation sweep.
    /// </summary>
    /// <param name="change">The new record, or null to leave it as it is.</param>
    /// <returns>The record as it stands after the change; null when the upload has no ledger entry.</returns>
    private async Task<UploadLedgerEntry?> ChangeAsync(string partition, Func<UploadLedgerEntry, Task<UploadLedgerEntry?>> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await ReadLedgerRowAsync(partition, cancellationToken) is not { } row) return null;
            var read = FromEntity(row);
            if (await change(read) is not { } changed) return read;
            var saved = changed with { UpdatedAt = clock.GetUtcNow() };
            var entity = ToEntity(saved);
            TableWriteRules.Validate(entity);
            try
            {
                // A row of the older form is rewritten under the new key, which must not have been written meanwhile.
                if (row.RowKey == entity.RowKey) await Table.UpdateEntityAsync(entity, row.ETag, TableUpdateMode.Replace, cancellationToken);
                else await Table.AddEntityAsync(entity, cancellationToken);
                return saved;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxChangeAttempts)
            {
                // Another writer (or this write, retried after a lost answer) changed the record: read it again.
            }
        }
    }

    private static TableEntity ToEntity(UploadLedgerEntry r) => new(TableKeys.For(r.UploadId), LedgerRowOf(TableKeys.For(r.UploadId)))
    {
        ["UploadId"] = r.UploadId,
        ["Kind"] = UploadBlobIndex.PartitionOf(r.Kind),
        ["BlobName"] = r.BlobName,
        ["Status"] = r.Status.ToString(),
        ["Bytes"] = r.Bytes,
        ["RowsRead"] = r.RowsRead,
        ["RowsAccepted"] = r.RowsAccepted,
        ["RowsRejected"] = r.RowsRejected,
        ["ChunksTotal"] = r.ChunksTotal,
        ["ChunksDone"] = r.ChunksDone,
        ["Buckets"] = r.Buckets is null ? null : string.Join(',', r.Buckets),
        ["Failure"] = r.Failure,
        ["Attempt"] = r.Attempt,
        ["RejectedBlob"] = r.RejectedBlob,
        ["Notes"] = r.Notes,
        ["ReceivedAt"] = r.ReceivedAt,
        ["CompletedAt"] = r.CompletedAt,
        ["UpdatedAt"] = r.UpdatedAt,
    };

    private static UploadLedgerEntry FromEntity(TableEntity e) => new()
    {
        UploadId = e.GetString("UploadId"),
        Kind = UploadKinds.TryParse(e.GetString("Kind"), out var kind) ? kind : null, // a name that is no kind: the upload is shown as of no kind
        BlobName = e.GetString("BlobName"),
        Status = Enum.Parse<UploadStatus>(e.GetString("Status")),
        Bytes = e.GetInt64("Bytes") ?? 0,
        RowsRead = e.GetInt64("RowsRead") ?? 0,
        RowsAccepted = e.GetInt64("RowsAccepted") ?? 0,
        RowsRejected = e.GetInt64("RowsRejected") ?? 0,
        ChunksTotal = e.GetInt32("ChunksTotal") ?? 0,
        ChunksDone = e.GetInt32("ChunksDone") ?? 0,
        Buckets = e.GetString("Buckets") is { } buckets ? buckets.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList() : null,
        Failure = e.GetString("Failure"),
        RejectedBlob = e.GetString("RejectedBlob"),
        Notes = e.GetString("Notes"),
        Attempt = e.GetString("Attempt"),
        ReceivedAt = e.GetDateTimeOffset("ReceivedAt") ?? default,
        CompletedAt = e.GetDateTimeOffset("CompletedAt"),
        UpdatedAt = e.GetDateTimeOffset("UpdatedAt") ?? default,
    };
}
