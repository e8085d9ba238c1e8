using System.Text.Json;
using Azure;
using CustomerValue.Application.Sentiment;
using CustomerValue.Ingestion;
using Microsoft.Extensions.Logging;

namespace CustomerValue.Application.Uploads;

/// <summary>
/// Takes an upload's contribution out of every table: the customer buckets it was added to (each bucket subtracts
/// exactly the slices it contains, see <see cref="CustomerTable.ApplySliceAsync"/>), its per-kind records and its
/// scored comments. Used when an operator removes an upload and when a new version of a blob replaces it. Every
/// step is idempotent, so a removal interrupted by a crash is finished by running it again.
/// </summary>
public sealed partial class UploadRemoval(
    StorageClients storage, UploadLedger ledger, UploadBlobIndex blobIndex, KindRecordStore records, SurveySentimentService sentiment,
    ILogger<UploadRemoval> logger)
{
    /// <summary>Withdraws the upload unless another blob name still holds the same content (then it still counts).</summary>
    public async Task WithdrawIfUnnamedAsync(UploadKind? kind, string uploadId, string reason, CancellationToken cancellationToken)
    {
        if ((await blobIndex.NamesOfAsync(kind, uploadId, cancellationToken)).Any(e => e.Counts)) return;
        await WithdrawAsync(uploadId, reason, cancellationToken);
    }

    /// <summary>
    /// An operator's removal: every blob name holding the upload stops counting and its file is deleted (only the
    /// version that was ingested: a newer one written since is left to be ingested), then the contribution is withdrawn.
    /// </summary>
    /// <returns>The ledger entry after the removal was queued, or null for an unknown upload.</returns>
    public async Task<UploadLedgerEntry?> RemoveAsync(string uploadId, CancellationToken cancellationToken)
    {
        var record = await ledger.GetAsync(uploadId, cancellationToken);
        if (record is null) return null;
        foreach (var entry in await blobIndex.NamesOfAsync(record.Kind, uploadId, cancellationToken))
        {
            await blobIndex.PointAsync(record.Kind, entry with { Counts = false }, cancellationToken);
            if (entry.ETag is null) continue;
            try
            {
                await storage.Container(StorageNames.Containers.Uploads).GetBlobClient(entry.BlobName)
                    .DeleteIfExistsAsync(conditions: new() { IfMatch = entry.ETag }, cancellationToken: cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                LogNewerVersionKept(logger, uploadId);
            }
        }
        return await WithdrawAsync(uploadId, "removed by an operator", cancellationToken);
    }

    private async Task<UploadLedgerEntry?> WithdrawAsync(string uploadId, string reason, CancellationToken cancellationToken)
    {
        var record = await ledger.GetAsync(uploadId, cancellationToken);
        if (record is null) return null;
        LogWithdrawing(logger, uploadId, reason);
        var buckets = record.Kind == UploadKind.Transactions ? UploadLedger.ChunksOf(record) : [];
        record = record with
        {
            Status = buckets.Count > 0 ? UploadStatus.Removing : UploadStatus.Removed,
            Failure = null,
            Notes = TrimNotes($"{reason}. {record.Notes}"),
        };
        // The ledger says "no longer counts" before any bucket is asked to subtract: a reducer reads it to decide.
        await ledger.SaveAsync(record, cancellationToken);
        if (record.Kind is { } kind && kind != UploadKind.Transactions)
        {
            var deleted = await records.DeleteUploadAsync(kind, uploadId, cancellationToken);
            if (kind == UploadKind.Surveys) deleted += await sentiment.DeleteUploadAsync(uploadId, cancellationToken);
            LogRecordsDeleted(logger, uploadId, deleted);
        }
        var queue = storage.Queue(StorageNames.Queues.Metrics);
        await Task.WhenAll(buckets.Select(b => queue.SendMessageAsync(JsonSerializer.Serialize(new BucketWorkItem(uploadId, UploadKind.Transactions, b)), cancellationToken)));
        LogWithdrawn(logger, uploadId, buckets.Count);
        return record;
    }

    private static string TrimNotes(string notes) => notes.Length > 4000 ? notes[..4000] : notes;

    [LoggerMessage(EventId = LogEvents.Uploads + 1, Level = LogLevel.Information, Message = "Upload {UploadId}: withdrawing its contribution ({Reason})")]
    private static partial void LogWithdrawing(ILogger logger, string uploadId, string reason);

    [LoggerMessage(EventId = LogEvents.Uploads + 2, Level = LogLevel.Information, Message = "Upload {UploadId}: {Rows} stored rows deleted")]
    private static partial void LogRecordsDeleted(ILogger logger, string uploadId, int rows);

    [LoggerMessage(EventId = LogEvents.Uploads + 3, Level = LogLevel.Information, Message = "Upload {UploadId}: withdrawn; {Buckets} customer buckets queued to subtract it")]
    private static partial void LogWithdrawn(ILogger logger, string uploadId, int buckets);

    [LoggerMessage(EventId = LogEvents.Uploads + 4, Level = LogLevel.Warning, Message = "Upload {UploadId}: its blob was written again since; the newer version is kept and will be ingested")]
    private static partial void LogNewerVersionKept(ILogger logger, string uploadId);
}
