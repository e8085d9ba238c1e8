using CustomerValue.Application.Reconciliation;
using CustomerValue.Storage;
using CustomerValue.Application.Settings;
using Microsoft.Azure.WebJobs;

namespace CustomerValue.LocalEngine.Reliability;

/// <summary>
/// The trigger engine moves work that failed its last attempt to a poison queue; these record it, with the last
/// reason seen, in the Failures table, where `roi failures` lists it and `roi replay` requeues it.
/// </summary>
public sealed class PoisonFunctions(PoisonRecorder poison)
{
    [FunctionName("MetricsPoisonFunction")]
    public Task MetricsAsync(
        [QueueTrigger(StorageNames.Queues.MetricsPoison, Connection = StorageSettings.ConnectionSetting)] string message,
        CancellationToken cancellationToken) =>
        poison.MetricsAsync(message, cancellationToken);

    [FunctionName("SentimentPoisonFunction")]
    public Task SentimentAsync(
        [QueueTrigger(StorageNames.Queues.SentimentPoison, Connection = StorageSettings.ConnectionSetting)] string message,
        CancellationToken cancellationToken) =>
        poison.SentimentAsync(message, cancellationToken);

    [FunctionName("IngestPoisonFunction")]
    public Task IngestAsync(
        [QueueTrigger(StorageNames.Queues.IngestPoison, Connection = StorageSettings.ConnectionSetting)] string message,
        CancellationToken cancellationToken) =>
        poison.IngestAsync(message, cancellationToken);

    [FunctionName("BlobPoisonFunction")]
    public Task BlobAsync(
        [QueueTrigger(StorageNames.Queues.BlobTriggerPoison, Connection = StorageSettings.ConnectionSetting)] string message,
        CancellationToken cancellationToken) =>
        poison.BlobAsync(message, cancellationToken);
}
