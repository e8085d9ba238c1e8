using CustomerValue.Application.Ingestion;
using CustomerValue.Storage;
using CustomerValue.Storage.Reliability;
using Microsoft.Azure.Functions.Worker;

namespace CustomerValue.Functions.Ingestion;

/// <summary>uploads/{kind}/{name} -> ledger, rejected rows, partial aggregates, bucket messages.</summary>
public sealed class UploadBlobFunction(UploadIngestionService ingestion, FailureLedger failures)
{
    // Event Grid source: Flex Consumption takes no polling blob trigger (the local engine scans the container).
    // The trigger's Stream is not read here: the service reads the blob itself, pinned to one ETag, twice.
    // Operations pause it with the app setting AzureWebJobs.UploadBlobFunction.Disabled=true; the sweep still ingests.
    [Function(nameof(UploadBlobFunction))]
    public Task RunAsync(
        [BlobTrigger(StorageNames.Containers.Uploads + "/{kind}/{name}", Source = BlobTriggerSource.EventGrid, Connection = StorageSettings.ConnectionSetting)] Stream blob,
        string kind, string name, CancellationToken cancellationToken)
    {
        var path = $"{kind}/{name}";
        return failures.RunRecordingAsync(FailureSources.Blob, path, () => ingestion.IngestAsync(path, cancellationToken), cancellationToken);
    }
}
