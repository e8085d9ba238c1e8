using CustomerValue.Storage;
using CustomerValue.Application;
using CustomerValue.Application.Settings;
using CustomerValue.Application.Ingestion;
using CustomerValue.Application.Metrics;
using CustomerValue.Application.Reconciliation;
using CustomerValue.Application.Messages;
using CustomerValue.Storage.Reliability;
using Microsoft.Azure.WebJobs;

namespace CustomerValue.LocalEngine.Metrics;

/// <summary>metrics queue -> one customer bucket recomputed.</summary>
public sealed class CustomerMetricsFunction(CustomerBucketReducer reducer, FailureLedger failures)
{
    [FunctionName(nameof(CustomerMetricsFunction))]
    public Task RunAsync(
        [QueueTrigger(StorageNames.Queues.Metrics, Connection = StorageSettings.ConnectionSetting)] string message,
        DateTimeOffset insertionTime, // read by the telemetry filter for queue lag
        string id, // the message id, for the logging scope
        CancellationToken cancellationToken) =>
        failures.RunMessageAsync<BucketWorkItem>(FailureSources.Metrics, message, work => reducer.ReduceAsync(work, cancellationToken), cancellationToken, id);
}
