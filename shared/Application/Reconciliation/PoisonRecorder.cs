using System.Text.Json;

namespace CustomerValue.Application.Reconciliation;

/// <summary>
/// Records work that failed its last attempt (moved to a poison queue by the trigger engine) in the Failures table,
/// under the subject its failures were recorded with, so `roi failures` shows one row per upload or message.
/// </summary>
public sealed class PoisonRecorder(FailureLedger failures)
{
    public Task MetricsAsync(string message, CancellationToken cancellationToken) =>
        failures.MarkPoisonedAsync(FailureSources.Metrics, message, cancellationToken);

    public Task SentimentAsync(string message, CancellationToken cancellationToken) =>
        failures.MarkPoisonedAsync(FailureSources.Sentiment, message, cancellationToken);

    /// <summary>An ingest message's failures are recorded under its blob path, like the blob trigger's.</summary>
    public Task IngestAsync(string message, CancellationToken cancellationToken) =>
        failures.MarkPoisonedAsync(FailureSources.Blob, JsonSerializer.Deserialize<IngestWorkItem>(message)?.BlobPath ?? message, cancellationToken);

    /// <summary>The blob trigger's poison message names the container and blob.</summary>
    public Task BlobAsync(string message, CancellationToken cancellationToken)
    {
        using var json = JsonDocument.Parse(message);
        var blobName = json.RootElement.TryGetProperty("BlobName", out var name) ? name.GetString() : null;
        return failures.MarkPoisonedAsync(FailureSources.Blob, blobName ?? message, cancellationToken);
    }
}
