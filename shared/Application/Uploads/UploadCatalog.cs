using CustomerValue.Application.Ingestion;

namespace CustomerValue.Application.Uploads;

/// <summary>How many uploads stand where, and how much work is waiting.</summary>
public sealed record UploadStatusCounts(int Total, int Completed, int Processing, int Aggregating, int Failed, int Removing, int Removed,
    int Retrying, int Poisoned);

/// <summary>
/// The backlog: blobs in the uploads container whose current version the pipeline has not seen yet, the messages
/// waiting in each queue, and how fast uploads have been completing over the last <see cref="UploadCatalog.DrainWindow"/>.
/// </summary>
public sealed record UploadBacklog(int BlobsNotYetSeen, DateTimeOffset? OldestNotYetSeen, int IngestQueue, int MetricsQueue, int SentimentQueue,
    int CompletedInWindow, double CompletedPerMinute);

public sealed record UploadListing(UploadStatusCounts Counts, UploadBacklog Backlog, IReadOnlyList<UploadLedgerEntry> Uploads);

/// <summary>
/// What `roi uploads list`, `roi uploads remove` and GET /api/uploads show and do: every upload with its status,
/// the counts per status (failures from the Failures table: still retrying, or poisoned and parked), and the backlog.
/// </summary>
public sealed class UploadCatalog(StorageClients storage, UploadBlobListing listing, UploadLedger ledger, UploadBlobIndex blobIndex, FailureLedger failures,
    UploadRemoval removal, TimeProvider clock)
{
    public static readonly TimeSpan DrainWindow = TimeSpan.FromMinutes(5);

    public async Task<UploadListing> ListAsync(CancellationToken cancellationToken)
    {
        // The blobs first: a name the container cannot list is recorded as a failed upload while they are listed.
        var (unseen, oldest) = await UnseenBlobsAsync(cancellationToken);
        var uploads = await ledger.ListAsync(cancellationToken).OrderByDescending(u => u.ReceivedAt).ToListAsync(cancellationToken);
        var failed = await failures.ListAsync(null, cancellationToken);
        int Of(UploadStatus status) => uploads.Count(u => u.Status == status);
        var counts = new UploadStatusCounts(uploads.Count, Of(UploadStatus.Completed), Of(UploadStatus.Processing), Of(UploadStatus.Aggregating),
            Of(UploadStatus.Failed), Of(UploadStatus.Removing), Of(UploadStatus.Removed),
            failed.Count(f => f.Status == FailureStatus.Retrying), failed.Count(f => f.Status == FailureStatus.Poisoned));
        return new UploadListing(counts, await BacklogAsync(unseen, oldest, uploads, cancellationToken), uploads);
    }

    public Task<UploadLedgerEntry?> GetAsync(string uploadId, CancellationToken cancellationToken) => ledger.GetAsync(uploadId, cancellationToken);

    /// <inheritdoc cref="UploadRemoval.RemoveAsync"/>
    public Task<UploadLedgerEntry?> RemoveAsync(string uploadId, CancellationToken cancellationToken) => removal.RemoveAsync(uploadId, cancellationToken);

    /// <summary>How many blobs the pipeline has not seen in their current version, and when the oldest was written.</summary>
    private async Task<(int Unseen, DateTimeOffset? Oldest)> UnseenBlobsAsync(CancellationToken cancellationToken)
    {
        var seen = new Dictionary<string, BlobIndexEntry>(StringComparer.Ordinal);
        await foreach (var entry in blobIndex.ListAsync(cancellationToken)) seen[entry.BlobName] = entry;
        var unseen = 0;
        DateTimeOffset? oldest = null;
        await foreach (var blob in listing.ListAsync(clock.GetUtcNow(), cancellationToken))
        {
            if (UploadIngestionService.IsMappingFile(blob.Name)) continue;
            if (seen.TryGetValue(blob.Name, out var etag) && etag.IsAt(blob.Properties.ETag)) continue;
            unseen++;
            if (blob.Properties.LastModified is { } modified && (oldest is null || modified < oldest)) oldest = modified;
        }
        return (unseen, oldest);
    }

    private async Task<UploadBacklog> BacklogAsync(int unseen, DateTimeOffset? oldest, IReadOnlyList<UploadLedgerEntry> uploads, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow() - DrainWindow;
        var completed = uploads.Count(u => u.CompletedAt >= since);
        return new UploadBacklog(unseen, oldest,
            await QueueLengthAsync(StorageNames.Queues.Ingest, cancellationToken), await QueueLengthAsync(StorageNames.Queues.Metrics, cancellationToken),
            await QueueLengthAsync(StorageNames.Queues.Sentiment, cancellationToken), completed, completed / DrainWindow.TotalMinutes);
    }

    private async Task<int> QueueLengthAsync(string queue, CancellationToken cancellationToken) =>
        (await storage.Queue(queue).GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
}
