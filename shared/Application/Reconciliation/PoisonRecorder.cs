using System.Text.Json;

namespace CustomerValue.Application.Reconciliation;

/// <summary>
/// Records work that failed its last attempt (moved to a poison queue by the trigger engine) in the Failures table,
/// under the subject its failures were recorded with, so `roi failures` shows one row per upload or message.
/// </summary>
public sealed class PoisonRecorder(FailureLedger failures, StorageClients storage)
{
    public Task MetricsAsync(string message, CancellationToken cancellationToken) =>
        failures.MarkPoisonedAsync(FailureSources.Metrics, message, cancellationToken);

    public Task SentimentAsync(string message, CancellationToken cancellationToken) =>
        failures.MarkPoisonedAsync(FailureSources.Sentiment, message, cancellationToken);

    /// <summary>
    /// An ingest message's failures are recorded under its blob path, like the blob trigger's. A batch that failed as
    /// a whole (the host stopped under it each time) names no one blob to blame: each is queued again on its own, so
    /// that only the one that fails is parked.
    /// </summary>
    public Task IngestAsync(string message, CancellationToken cancellationToken)
    {
        var work = JsonSerializer.Deserialize<IngestWorkItem>(message);
        return work?.More is { Count: > 0 }
            ? Ingestion.IngestMessageHandler.QueueSinglyAsync(storage, work.BlobPaths, cancellationToken)
            : failures.MarkPoisonedAsync(FailureSources.Blob, work?.BlobPath ?? message, cancellationToken);
    }

    /// <summary>The blob trigger's poison message names the container and blob.</summary>
    public Task BlobAsync(string message, CancellationToken cancellationToken)
    {
        using var json = JsonDocument.Parse(message);
        var blobName = json.RootElement.TryGetProperty("BlobName", out var name) ? name.GetString() : null;
        return failures.MarkPoisonedAsync(FailureSources.Blob, blobName ?? message, cancellationToken);
    }
}
