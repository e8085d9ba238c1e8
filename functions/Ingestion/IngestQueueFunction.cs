using CustomerValue.Application.Ingestion;
using CustomerValue.Storage;
using Microsoft.Azure.Functions.Worker;

namespace CustomerValue.Functions.Ingestion;

/// <summary>ingest queue -> the same ingestion as the blob trigger, for blobs discovery or the sweep found or `roi replay` sent (one or a batch).</summary>
public sealed class IngestQueueFunction(IngestMessageHandler ingest)
{
    [Function(nameof(IngestQueueFunction))]
    public Task RunAsync(
        [QueueTrigger(StorageNames.Queues.Ingest, Connection = StorageSettings.ConnectionSetting)] string message,
        CancellationToken cancellationToken) =>
        ingest.HandleAsync(message, cancellationToken);
}
