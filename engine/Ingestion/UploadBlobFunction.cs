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

/// <summary>uploads/{kind}/{name} -> ledger, rejected rows, partial aggregates, bucket messages.</summary>
public sealed class UploadBlobFunction(UploadIngestionService ingestion, FailureLedger failures)
{
    public const string DisabledSetting = "Functions:UploadBlobFunction:Disabled";

    // The trigger's Stream is not read here: the service reads the blob itself, pinned to one ETag, twice.
    [FunctionName(nameof(UploadBlobFunction))]
    [Disable(DisabledSetting)] // operations can pause the trigger; the reconciliation sweep still ingests
    public Task RunAsync(
        [BlobTrigger(StorageNames.Containers.Uploads + "/{kind}/{name}", Connection = StorageSettings.ConnectionSetting)] Stream blob,
        string kind, string name, CancellationToken cancellationToken)
    {
        var path = $"{kind}/{name}";
        return failures.RunRecordingAsync(FailureSources.Blob, path, () => ingestion.IngestAsync(path, cancellationToken), cancellationToken);
    }
}
