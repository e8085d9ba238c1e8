using System.Text.Json.Serialization;
using Azure.Monitor.OpenTelemetry.Exporter;
using CustomerValue.Application;
using CustomerValue.Application.Notifications;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
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

    /// <summary>Set by the deployment when the resource refuses key-based ingestion: "Authorization=AAD;ClientId=...".</summary>
    public const string AzureMonitorAuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

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
        if (!string.IsNullOrWhiteSpace(azureMonitor))
        {
            var credential = AzureMonitorCredential(configuration[AzureMonitorAuthenticationSetting]);
            telemetry.UseAzureMonitorExporter(o =>
            {
                o.ConnectionString = azureMonitor;
                if (credential is not null) o.Credential = credential;
            });
        }
        return services;
    }

    /// <summary>
    /// The app's managed identity when the authentication string asks for Entra ID ("Authorization=AAD", with the
    /// user-assigned identity's ClientId): Application Insights with local authentication off refuses the key alone.
    /// </summary>
    public static Azure.Core.TokenCredential? AzureMonitorCredential(string? authentication)
    {
        if (string.IsNullOrWhiteSpace(authentication)) return null;
        var parts = authentication.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var kind) || !string.Equals(kind, "AAD", StringComparison.OrdinalIgnoreCase)) return null;
        return new Azure.Identity.ManagedIdentityCredential(parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? Azure.Identity.ManagedIdentityId.FromUserAssignedClientId(clientId) : Azure.Identity.ManagedIdentityId.SystemAssigned);
    }
}
