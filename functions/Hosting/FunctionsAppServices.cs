using System.Text.Json.Serialization;
using Azure.Monitor.OpenTelemetry.Exporter;
using CustomerValue.Application;
using CustomerValue.Application.Notifications;
using CustomerValue.Application.Settings;
using CustomerValue.Storage.Notifications;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;

namespace CustomerValue.Functions.Hosting;

/// <summary>
/// Every registration of the worker app, in one place: Program calls it, and the tests build the same service
/// provider from it to call the function classes. The same services as the local engine's PipelineHost.
/// </summary>
public static class FunctionsAppServices
{
    /// <summary>Set by the Azure deployment: export traces, metrics and logs to Application Insights.</summary>
    public const string AzureMonitorSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>
    /// The embedded defaults, beneath every other source (app settings and environment win). The Functions host
    /// resolves the timer schedules from the app settings itself; these only fill what the worker reads.
    /// </summary>
    public static void AddDefaults(IConfigurationBuilder configuration)
    {
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = PipelineSettings.Defaults.Concat(EmailOptions.Defaults) });
    }

    public static IServiceCollection Configure(IServiceCollection services, IConfiguration configuration)
    {
        services.AddCustomerValuePipeline(configuration);
        services.AddReportsAndNotifications(configuration); // reports + email
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        // OpenTelemetry through the worker's package: the invocation spans the host starts continue here.
        var azureMonitor = configuration[AzureMonitorSetting];
        var telemetry = services.AddOpenTelemetry().UseFunctionsWorkerDefaults()
            .WithTracing(t => t.AddSource("System.Net.Http"))
            .WithMetrics(m => m.AddMeter("System.Net.Http"));
        if (!string.IsNullOrWhiteSpace(azureMonitor)) telemetry.UseAzureMonitorExporter(o => o.ConnectionString = azureMonitor);
        return services;
    }
}
