using System.Text.Json;
using CustomerValue.Storage;
using CustomerValue.Storage.Pipeline;
using CustomerValue.Storage.Reliability;
using Microsoft.Azure.WebJobs;

namespace CustomerValue.Functions.Metrics;

/// <summary>metrics queue -> one customer bucket recomputed.</summary>
public sealed class CustomerMetricsFunction(CustomerBucketReducer reducer, FailureLedger failures)
{
    [FunctionName(nameof(CustomerMetricsFunction))]
    public Task RunAsync(
        [QueueTrigger(StorageNames.Queues.Metrics, Connection = StorageSettings.ConnectionSetting)] string message,
        CancellationToken cancellationToken) =>
        failures.RunRecordingAsync(FailureSources.Metrics, message, () =>
        {
            var work = JsonSerializer.Deserialize<BucketWorkItem>(message) ?? throw new InvalidDataException("The metrics message is empty.");
            return reducer.ReduceAsync(work, cancellationToken);
        }, cancellationToken);
}
