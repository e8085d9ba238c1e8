using System.Text.Json;
using CustomerValue.Application.Messages;
using CustomerValue.Application.Reconciliation;

namespace CustomerValue.Application.Ingestion;

/// <summary>
/// The ingest queue's work, for both trigger engines: a message naming one blob is ingested as it always was (a
/// failure fails the message, which the engine retries and at last parks as poison). A batch that discovery grouped
/// is ingested blob by blob, each its own upload with its own failure record; a blob that fails is queued again in a
/// message of its own, so its retries and its parking are its own and the blobs beside it are done. A redelivered
/// batch finds the blobs it already ingested counted and does nothing for them.
/// </summary>
public sealed class IngestMessageHandler(UploadIngestionService ingestion, FailureLedger failures, StorageClients storage)
{
    public async Task HandleAsync(string message, CancellationToken cancellationToken, string? messageId = null)
    {
        var work = JsonSerializer.Deserialize<IngestWorkItem>(message) ?? throw new InvalidDataException("The ingest message is empty.");
        if (work.More is not { Count: > 0 })
        {
            await IngestAsync(work.BlobPath, messageId, cancellationToken);
            return;
        }
        var failed = new List<string>();
        foreach (var path in work.BlobPaths)
        {
            try
            {
                await IngestAsync(path, messageId, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failed.Add(path); // recorded in the Failures table by the wrapper; retried below on its own
            }
        }
        await QueueSinglyAsync(storage, failed, cancellationToken);
    }

    /// <summary>Each blob in a message of its own: how a batch hands on the blobs it could not finish.</summary>
    public static async Task QueueSinglyAsync(StorageClients storage, IEnumerable<string> blobPaths, CancellationToken cancellationToken)
    {
        var ingest = storage.Queue(StorageNames.Queues.Ingest);
        foreach (var path in blobPaths)
            await ingest.SendMessageAsync(JsonSerializer.Serialize(new IngestWorkItem(path)), cancellationToken);
    }

    // Failures are recorded under the blob path, like the blob trigger's, so one upload has one failure row.
    private Task IngestAsync(string path, string? messageId, CancellationToken cancellationToken) =>
        failures.RunRecordingAsync(FailureSources.Blob, path, () => ingestion.IngestAsync(path, cancellationToken), cancellationToken, messageId);
}
