using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Host;
using CustomerValue.Application.Settings;

namespace CustomerValue.LocalEngine.Hosting;

public static class WebJobsHostBuilderExtensions
{
    /// <summary>
    /// The WebJobs trigger engine (blob, queue, timer) with the trigger settings of host.json and a fixed host id:
    /// blob receipts and timer locks are keyed by it, so it must not change with the assembly version.
    /// </summary>
    public static IHostBuilder AddWebJobsTriggers(this IHostBuilder host, IConfiguration configuration) =>
        host.ConfigureWebJobs(b =>
        {
            b.UseHostId(configuration[PipelineSettings.HostIdSetting] ?? PipelineSettings.DefaultHostId);
            b.AddAzureStorageCoreServices();
            b.AddAzureStorage(
                queues => configuration.GetSection("extensions:queues").Bind(queues),
                blobs => configuration.GetSection("extensions:blobs").Bind(blobs));
            b.AddTimers();
            // A listener's storage failure (a blob name the service cannot list) must not end the process.
            b.Services.AddSingleton<Microsoft.Azure.WebJobs.Host.Timers.IWebJobsExceptionHandlerFactory, ListenerFailureHandlerFactory>();
            // Timers are singletons through a blob lease; how fast another instance takes over when the holder
            // dies depends on these (the SDK's default recovery polling is a minute).
            b.Services.Configure<SingletonOptions>(configuration.GetSection("singleton"));
        });
}
