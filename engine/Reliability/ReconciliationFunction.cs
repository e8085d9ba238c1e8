using CustomerValue.Application.Ingestion;
using CustomerValue.Application.Metrics;
using CustomerValue.Application.Reconciliation;
using CustomerValue.Application.Messages;
using CustomerValue.Application.Settings;
using Microsoft.Azure.WebJobs;

namespace CustomerValue.LocalEngine.Reliability;

/// <summary>Timer -> queue every upload the blob trigger has not processed (its scan can miss blobs).</summary>
public sealed class ReconciliationFunction(UploadReconciler reconciler, TimeProvider clock)
{
    [FunctionName(nameof(ReconciliationFunction))]
    public Task RunAsync([TimerTrigger(TimerSchedules.Reconciliation)] TimerInfo timer, CancellationToken cancellationToken) =>
        reconciler.ReconcileAsync(clock.GetUtcNow(), cancellationToken);
}
