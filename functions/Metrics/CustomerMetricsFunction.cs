using CustomerValue.Application.Messages;
using CustomerValue.Application.Metrics;
using CustomerValue.Storage;
using CustomerValue.Storage.Reliability;
using Microsoft.Azure.Functions.Worker;

namespace CustomerValue.Functions.Metrics;

/// <summary>metrics queue -> one customer bucket recomputed.</summary>
public sealed class CustomerMetricsFunction(CustomerBucketReducer reducer, FailureLedger failures)
{
    [Function(nameof(CustomerMetricsFunction))]
    public Task RunAsync(
        [QueueTrigger(StorageNames.Queues.Metrics, Connection = StorageSettings.ConnectionSetting)] string message,
        CancellationToken cancellationToken) =>
        failures.RunMessageAsync<BucketWorkItem>(FailureSources.Metrics, message, work => reducer.ReduceAsync(work, cancellationToken), cancellationToken);
}
