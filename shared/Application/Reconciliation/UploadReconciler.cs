using System.Text.Json;
using CustomerValue.Application.Ingestion;
using CustomerValue.Application.Uploads;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

using CustomerValue.Ingestion;

namespace CustomerValue.Application.Reconciliation;

/// <summary>Settings section "Reconciliation".</summary>
public sealed class ReconciliationOptions
{
    public const string Section = "Reconciliation";
    public string Schedule { get; set; } = "0 */5 * * * *";
    /// <summary>How long a blob may sit without a ledger entry before the sweep queues it.</summary>
    public TimeSpan MinAge { get; set; } = TimeSpan.FromMinutes(10);
    /// <summary>
    /// How long an upload may sit Processing or Aggregating without progress before the sweep re-drives it.
    /// A message in flight when its process dies stays invisible for the trigger engine's lease (minutes); this
    /// bounds the time to recover instead. Re-driving is safe because every step is idempotent.
    /// </summary>
    public TimeSpan StallAfter { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>
/// The blob trigger's container scan can miss blobs under load. This sweep queues every upload whose current
/// content has no index entry after <see cref="ReconciliationOptions.MinAge"/>, so nothing uploaded is lost.
/// Work that was poisoned stays parked for an operator (`roi failures`, `roi replay`) instead of failing again on
/// every sweep; a blob uploaded again after it was poisoned is new content and is swept.
/// </summary>
public sealed partial class UploadReconciler(
    StorageClients storage, UploadBlobListing listing, UploadBlobIndex blobIndex, UploadLedger ledger, FailureLedger failures,
    IOptions<ReconciliationOptions> options, ILogger<UploadReconciler> logger)
{
    /// <summary>Queues missed blobs and re-drives stalled uploads.</summary>
    public async Task<IReadOnlyList<string>> ReconcileAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var swept = await SweepAsync(now, cancellationToken);
        await RedriveStalledAsync(now, cancellationToken);
        return swept;
    }

    /// <summary>Uploads that stopped moving: Processing ones are ingested again, Aggregating ones get their missing buckets queued.</summary>
    public async Task<int> RedriveStalledAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var redriven = 0;
        foreach (var record in await ledger.StalledAsync(now - options.Value.StallAfter, cancellationToken))
        {
            if (record.Status == UploadStatus.Processing)
            {
                if (await failures.PoisonedAtAsync(FailureSources.Blob, record.BlobName, cancellationToken) is not null) continue;
                await storage.Queue(StorageNames.Queues.Ingest).SendMessageAsync(JsonSerializer.Serialize(new IngestWorkItem(record.BlobName)), cancellationToken);
            }
            else if (record.Kind is not { } kind)
            {
                // A row whose kind no longer reads (written by hand, or by a newer version) cannot be re-driven: park it, named.
                await ledger.SaveAsync(record with { Status = UploadStatus.Failed, Failure = $"{record.BlobName}: the ledger names no kind of upload, so its work cannot be re-driven; upload the file again under uploads/<kind>/." }, cancellationToken);
                LogKindless(logger, record.UploadId);
                continue;
            }
            else if (kind == UploadKind.Surveys)
            {
                var message = JsonSerializer.Serialize(new SentimentWorkItem(record.UploadId));
                if (await failures.PoisonedAtAsync(FailureSources.Sentiment, message, cancellationToken) is not null) continue;
                await storage.Queue(StorageNames.Queues.Sentiment).SendMessageAsync(message, cancellationToken);
            }
            else
            {
                var queued = 0;
                foreach (var bucket in await ledger.MissingChunksAsync(record, cancellationToken))
                {
                    var message = JsonSerializer.Serialize(new BucketWorkItem(record.UploadId, kind, bucket));
                    if (await failures.PoisonedAtAsync(FailureSources.Metrics, message, cancellationToken) is not null) continue;
                    await storage.Queue(StorageNames.Queues.Metrics).SendMessageAsync(message, cancellationToken);
                    queued++;
                }
                if (queued == 0) continue; // every missing bucket is parked
            }
            await ledger.SaveAsync(record, cancellationToken); // moves UpdatedAt: one re-drive per stall period
            redriven++;
        }
        if (redriven > 0) LogRedriven(logger, redriven);
        return redriven;
    }

    /// <returns>The blob paths it queued.</returns>
    public async Task<IReadOnlyList<string>> SweepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var queued = new List<string>();
        var ingest = storage.Queue(StorageNames.Queues.Ingest);
        await foreach (var blob in listing.ListAsync(now, cancellationToken))
        {
            if (UploadIngestionService.IsMappingFile(blob.Name)) continue;
            if (blob.Properties.LastModified is { } modified && now - modified < options.Value.MinAge) continue;
            var entry = await blobIndex.GetAsync(UploadKinds.OfFolder(blob.Name), blob.Name, cancellationToken);
            if (entry is not null && entry.IsAt(blob.Properties.ETag)) continue;
            // Parked until written again. Blob times are whole seconds, so a blob written in the second it was poisoned
            // stays parked here; its new ETag still fires the blob trigger.
            if (await failures.PoisonedAtAsync(FailureSources.Blob, blob.Name, cancellationToken) is { } poisoned
                && !(blob.Properties.LastModified > poisoned)) continue;
            await ingest.SendMessageAsync(JsonSerializer.Serialize(new IngestWorkItem(blob.Name)), cancellationToken);
            queued.Add(blob.Name);
        }
        if (queued.Count > 0) LogQueued(logger, queued.Count);
        return queued;
    }

    [LoggerMessage(EventId = LogEvents.Reconciliation + 1, Level = LogLevel.Warning, Message = "Reconciliation re-drove {Count} stalled uploads")]
    private static partial void LogRedriven(ILogger logger, int count);

    [LoggerMessage(EventId = LogEvents.Reconciliation + 2, Level = LogLevel.Warning, Message = "Reconciliation queued {Count} uploads that had no ledger entry")]
    private static partial void LogQueued(ILogger logger, int count);

    [LoggerMessage(EventId = LogEvents.Reconciliation + 4, Level = LogLevel.Error, Message = "Upload {UploadId} stalled and its ledger names no kind of upload; recorded as failed")]
    private static partial void LogKindless(ILogger logger, string uploadId);
}
