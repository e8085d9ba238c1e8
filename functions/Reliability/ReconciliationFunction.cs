using CustomerValue.Application.Reconciliation;
using CustomerValue.Application.Settings;
using Microsoft.Azure.Functions.Worker;

namespace CustomerValue.Functions.Reliability;

/// <summary>Timer -> queue every upload no trigger has processed (an event can be lost, a blob written while paused).</summary>
public sealed class ReconciliationFunction(UploadReconciler reconciler, TimeProvider clock)
{
    [Function(nameof(ReconciliationFunction))]
    public Task RunAsync([TimerTrigger(TimerSchedules.Reconciliation)] TimerInfo timer, CancellationToken cancellationToken) =>
        reconciler.ReconcileAsync(clock.GetUtcNow(), cancellationToken);
}
