using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.WebJobs.Host;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using CustomerValue.Application.Ingestion;
using CustomerValue.Application.Metrics;
using CustomerValue.Application.Reconciliation;
using CustomerValue.Application.Messages;
using CustomerValue.Application.Settings;

namespace CustomerValue.LocalEngine.Hosting;

/// <summary>Settings of the telemetry export.</summary>
public static class TelemetrySettings
{
    /// <summary>true: print spans and metrics to the console. Off by default: it drowns the pipeline's own log lines.</summary>
    public const string ConsoleSetting = "Telemetry:Console";
    /// <summary>Set by the Azure deployment: export traces, metrics and logs to Application Insights.</summary>
    public const string AzureMonitorSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string ServiceName = "customer-value";

    /// <summary>The exporter's own check fails while the host is built; this one lets settings validation name the setting instead.</summary>
    public static bool IsAzureMonitorConnectionString(string value) => value.Contains("InstrumentationKey=", StringComparison.OrdinalIgnoreCase);
}

public static class TelemetryRegistration
{
    /// <summary>
    /// <see cref="PipelineTelemetry"/>, the function filter that measures every run, and the OpenTelemetry exporters
    /// the settings ask for. With no exporter the instruments still record (for in-process listeners) and the
    /// OpenTelemetry SDK is not started at all.
    /// </summary>
    public static IServiceCollection AddPipelineTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<PipelineTelemetry>();
        services.AddSingleton<IUploadRowsObserver>(sp => sp.GetRequiredService<PipelineTelemetry>()); // rows per upload
#pragma warning disable CS0618 // the WebJobs filter API is "preview" in 3.x
        services.AddSingleton<IFunctionFilter, TelemetryFunctionFilter>();
#pragma warning restore CS0618

        var console = configuration.GetValue<bool>(TelemetrySettings.ConsoleSetting);
        var azureMonitor = configuration[TelemetrySettings.AzureMonitorSetting];
        var toAzure = !string.IsNullOrWhiteSpace(azureMonitor) && TelemetrySettings.IsAzureMonitorConnectionString(azureMonitor);
        if (!console && !toAzure) return services;

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(TelemetrySettings.ServiceName, serviceInstanceId: Environment.MachineName))
            .WithTracing(tracing =>
            {
                // ASP.NET Core and HttpClient publish their own spans and meters since .NET 8: no instrumentation package needed.
                tracing.AddSource(PipelineTelemetry.SourceName, "Microsoft.AspNetCore", "System.Net.Http");
                if (console) tracing.AddConsoleExporter();
                if (toAzure) tracing.AddAzureMonitorTraceExporter(o => o.ConnectionString = azureMonitor);
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(PipelineTelemetry.SourceName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http");
                if (console) metrics.AddConsoleExporter();
                if (toAzure) metrics.AddAzureMonitorMetricExporter(o => o.ConnectionString = azureMonitor);
            });
        // Logs already reach the console through the default logger; only Azure needs an extra exporter.
        if (toAzure)
            services.AddLogging(logging => logging.AddOpenTelemetry(o => o.AddAzureMonitorLogExporter(e => e.ConnectionString = azureMonitor)));
        return services;
    }
}
