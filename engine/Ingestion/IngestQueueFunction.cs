using CustomerValue.Storage;
using CustomerValue.Application;
using CustomerValue.Application.Settings;
using CustomerValue.Application.Ingestion;
using CustomerValue.Application.Metrics;
using CustomerValue.Application.Reconciliation;
using CustomerValue.Application.Messages;
using CustomerValue.Storage.Reliability;
using Microsoft.Azure.WebJobs;

namespace CustomerValue.LocalEngine.Ingestion;

/// <summary>ingest queue -> the same ingestion as the blob trigger, for blobs the sweep found or `roi replay` sent.</summary>
public sealed class IngestQueueFunction(UploadIngestionService ingestion, FailureLedger failures)
{
    // Failures are recorded under the blob path, like the blob trigger's, so one upload has one failure row.
    [FunctionName(nameof(IngestQueueFunction))]
    public Task RunAsync(
        [QueueTrigger(StorageNames.Queues.Ingest, Connection = StorageSettings.ConnectionSetting)] string message,
        DateTimeOffset insertionTime, // read by the telemetry filter for queue lag
        string id, // the message id, for the logging scope
        CancellationToken cancellationToken)
    {
        var work = System.Text.Json.JsonSerializer.Deserialize<IngestWorkItem>(message) ?? throw new InvalidDataException("The ingest message is empty.");
        return failures.RunRecordingAsync(FailureSources.Blob, work.BlobPath, () => ingestion.IngestAsync(work.BlobPath, cancellationToken), cancellationToken, id);
    }
}
