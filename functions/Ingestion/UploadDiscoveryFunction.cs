using CustomerValue.Application.Ingestion;
using CustomerValue.Application.Settings;
using Microsoft.Azure.Functions.Worker;

namespace CustomerValue.Functions.Ingestion;

/// <summary>Timer -> every blob in uploads/ not yet ingested is queued for ingestion (a file written by any tool is picked up within seconds).</summary>
public sealed class UploadDiscoveryFunction(UploadDiscovery discovery, TimeProvider clock)
{
    [Function(nameof(UploadDiscoveryFunction))]
    public Task RunAsync([TimerTrigger(TimerSchedules.Discovery)] TimerInfo timer, CancellationToken cancellationToken) =>
        discovery.DiscoverAsync(clock.GetUtcNow(), cancellationToken);
}
