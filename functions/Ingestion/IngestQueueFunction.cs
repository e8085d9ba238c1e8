using System.Text.Json;
using CustomerValue.Application.Ingestion;
using CustomerValue.Application.Messages;
using CustomerValue.Storage;
using CustomerValue.Storage.Reliability;
using Microsoft.Azure.Functions.Worker;

namespace CustomerValue.Functions.Ingestion;

/// <summary>ingest queue -> the same ingestion as the blob trigger, for blobs the sweep found or `roi replay` sent.</summary>
public sealed class IngestQueueFunction(UploadIngestionService ingestion, FailureLedger failures)
{
    // Failures are recorded under the blob path, like the blob trigger's, so one upload has one failure row.
    [Function(nameof(IngestQueueFunction))]
    public Task RunAsync(
        [QueueTrigger(StorageNames.Queues.Ingest, Connection = StorageSettings.ConnectionSetting)] string message,
        CancellationToken cancellationToken)
    {
        var work = JsonSerializer.Deserialize<IngestWorkItem>(message) ?? throw new InvalidDataException("The ingest message is empty.");
        return failures.RunRecordingAsync(FailureSources.Blob, work.BlobPath, () => ingestion.IngestAsync(work.BlobPath, cancellationToken), cancellationToken);
    }
}
