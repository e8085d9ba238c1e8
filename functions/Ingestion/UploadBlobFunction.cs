using CustomerValue.Storage;
using CustomerValue.Storage.Pipeline;
using Microsoft.Azure.WebJobs;

namespace CustomerValue.Functions.Ingestion;

/// <summary>uploads/{kind}/{name} -> ledger, rejected rows, partial aggregates, bucket messages.</summary>
public sealed class UploadBlobFunction(UploadIngestionService ingestion)
{
    // The trigger's Stream is not read here: the service reads the blob itself, pinned to one ETag, twice.
    [FunctionName(nameof(UploadBlobFunction))]
    public Task RunAsync(
        [BlobTrigger(StorageNames.Containers.Uploads + "/{kind}/{name}", Connection = StorageSettings.ConnectionSetting)] Stream blob,
        string kind, string name, CancellationToken cancellationToken)
        => ingestion.IngestAsync($"{kind}/{name}", cancellationToken);
}
