using CustomerValue.Application.Ingestion;
using CustomerValue.Storage;
using Microsoft.Azure.WebJobs;

namespace CustomerValue.LocalEngine.Ingestion;

/// <summary>ingest queue -> the same ingestion as the blob trigger, for blobs discovery or the sweep found or `roi replay` sent (one or a batch).</summary>
public sealed class IngestQueueFunction(IngestMessageHandler ingest)
{
    [FunctionName(nameof(IngestQueueFunction))]
    public Task RunAsync(
        [QueueTrigger(StorageNames.Queues.Ingest, Connection = StorageSettings.ConnectionSetting)] string message,
        DateTimeOffset insertionTime, // read by the telemetry filter for queue lag
        string id, // the message id, for the logging scope
        CancellationToken cancellationToken) =>
        ingest.HandleAsync(message, cancellationToken, id);
}
