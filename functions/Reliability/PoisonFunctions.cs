using CustomerValue.Storage;
using CustomerValue.Application.Reconciliation;
using CustomerValue.Application.Settings;
using Microsoft.Azure.Functions.Worker;

namespace CustomerValue.Functions.Reliability;

/// <summary>
/// The host moves work that failed its last attempt to a poison queue; these record it, with the last reason seen,
/// in the Failures table, where `roi failures` lists it and `roi replay` requeues it.
/// </summary>
public sealed class PoisonFunctions(PoisonRecorder poison)
{
    [Function("MetricsPoisonFunction")]
    public Task MetricsAsync(
        [QueueTrigger(StorageNames.Queues.MetricsPoison, Connection = StorageSettings.ConnectionSetting)] string message,
        CancellationToken cancellationToken) =>
        poison.MetricsAsync(message, cancellationToken);

    [Function("SentimentPoisonFunction")]
    public Task SentimentAsync(
        [QueueTrigger(StorageNames.Queues.SentimentPoison, Connection = StorageSettings.ConnectionSetting)] string message,
        CancellationToken cancellationToken) =>
        poison.SentimentAsync(message, cancellationToken);

    [Function("IngestPoisonFunction")]
    public Task IngestAsync(
        [QueueTrigger(StorageNames.Queues.IngestPoison, Connection = StorageSettings.ConnectionSetting)] string message,
        CancellationToken cancellationToken) =>
        poison.IngestAsync(message, cancellationToken);

    [Function("BlobPoisonFunction")]
    public Task BlobAsync(
        [QueueTrigger(StorageNames.Queues.BlobTriggerPoison, Connection = StorageSettings.ConnectionSetting)] string message,
        CancellationToken cancellationToken) =>
        poison.BlobAsync(message, cancellationToken);
}
