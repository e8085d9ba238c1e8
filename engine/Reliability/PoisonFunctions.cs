using System.Text.Json;
using CustomerValue.Storage;
using CustomerValue.Application;
using CustomerValue.Application.Settings;
using CustomerValue.Application.Ingestion;
using CustomerValue.Application.Metrics;
using CustomerValue.Application.Reconciliation;
using CustomerValue.Application.Messages;
using CustomerValue.Storage.Reliability;
using Microsoft.Azure.WebJobs;

namespace CustomerValue.LocalEngine.Reliability;

/// <summary>
/// The trigger engine moves work that failed its last attempt to a poison queue; these record it, with the last
/// reason seen, in the Failures table, where `roi failures` lists it and `roi replay` requeues it.
/// </summary>
public sealed class PoisonFunctions(FailureLedger failures)
{
    [FunctionName("MetricsPoisonFunction")]
    public Task MetricsAsync(
        [QueueTrigger(StorageNames.Queues.MetricsPoison, Connection = StorageSettings.ConnectionSetting)] string message,
        CancellationToken cancellationToken) =>
        failures.MarkPoisonedAsync(FailureSources.Metrics, message, cancellationToken);

    [FunctionName("SentimentPoisonFunction")]
    public Task SentimentAsync(
        [QueueTrigger(StorageNames.Queues.SentimentPoison, Connection = StorageSettings.ConnectionSetting)] string message,
        CancellationToken cancellationToken) =>
        failures.MarkPoisonedAsync(FailureSources.Sentiment, message, cancellationToken);

    [FunctionName("IngestPoisonFunction")]
    public Task IngestAsync(
        [QueueTrigger(StorageNames.Queues.IngestPoison, Connection = StorageSettings.ConnectionSetting)] string message,
        CancellationToken cancellationToken) =>
        failures.MarkPoisonedAsync(FailureSources.Blob,
            JsonSerializer.Deserialize<IngestWorkItem>(message)?.BlobPath ?? message, cancellationToken);

    /// <summary>The blob trigger's poison message names the container and blob.</summary>
    [FunctionName("BlobPoisonFunction")]
    public Task BlobAsync(
        [QueueTrigger(StorageNames.Queues.BlobTriggerPoison, Connection = StorageSettings.ConnectionSetting)] string message,
        CancellationToken cancellationToken)
    {
        using var json = JsonDocument.Parse(message);
        var blobName = json.RootElement.TryGetProperty("BlobName", out var name) ? name.GetString() : null;
        return failures.MarkPoisonedAsync(FailureSources.Blob, blobName ?? message, cancellationToken);
    }
}
