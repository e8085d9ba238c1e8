using Azure.Core;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Extensions.Timers;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using CustomerValue.Storage;
using CustomerValue.Application.Settings;

namespace CustomerValue.LocalEngine.Hosting;

public static class WebJobsHostBuilderExtensions
{
    /// <summary>
    /// The WebJobs trigger engine (blob, queue, timer) on the storage extension the Functions host loads (5.x), with
    /// the trigger settings of host.json and a fixed host id: blob receipts and timer locks are keyed by it, so it
    /// must not change with the assembly version.
    /// </summary>
    public static IHostBuilder AddWebJobsTriggers(this IHostBuilder host, IConfiguration configuration) =>
        host.ConfigureWebJobs(b =>
        {
            b.UseHostId(configuration[PipelineSettings.HostIdSetting] ?? PipelineSettings.DefaultHostId);
            b.AddAzureStorageCoreServices(); // singleton locks (blob leases) in azure-webjobs-hosts
            b.AddAzureStorageQueues(queues => configuration.GetSection("extensions:queues").Bind(queues));
            b.AddAzureStorageBlobs(blobs => configuration.GetSection("extensions:blobs").Bind(blobs));
            b.AddTimers();
            // The timer extension registers a monitor that needs Host.Storage 3.x; it is replaced before anything resolves it.
            b.Services.RemoveAll<ScheduleMonitor>();
            b.Services.AddSingleton<ScheduleMonitor, BlobScheduleMonitor>();
            // A listener's storage failure (a blob name the service cannot list) must not end the process.
            b.Services.AddSingleton<Microsoft.Azure.WebJobs.Host.Timers.IWebJobsExceptionHandlerFactory, ListenerFailureHandlerFactory>();
            // Timers are singletons through a blob lease; how fast another instance takes over when the holder
            // dies depends on these (the SDK's default recovery polling is a minute).
            b.Services.Configure<SingletonOptions>(configuration.GetSection("singleton"));
            // Reliability runs: the injected storage faults reach the trigger engine's own clients too (queue polling,
            // blob scan and receipts, singleton leases, timer status). The 5.x extension and Host.Storage make every
            // client through AzureComponentFactory, which applies these defaults to each client's options.
            b.Services.AddAzureClients(clients => clients.ConfigureDefaults((options, services) =>
            {
                if (services.GetRequiredService<StorageClients>().FaultInjection is { } faults)
                    options.AddPolicy(faults, HttpPipelinePosition.PerRetry);
            }));
        });
}
