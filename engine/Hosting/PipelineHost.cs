using System.Text.Json.Serialization;
using CustomerValue.LocalEngine.Reports;
using CustomerValue.Storage;
using CustomerValue.Application;
using CustomerValue.Application.Settings;
using CustomerValue.Application.Notifications;

namespace CustomerValue.LocalEngine.Hosting;

/// <summary>
/// Builds the one process that is the pipeline: the WebJobs trigger engine and the HTTP endpoints, with every
/// registration. Program runs it; the end-to-end tests build the very same thing with their own settings.
/// </summary>
public static class PipelineHost
{
    public static WebApplication Build(string[] args, IEnumerable<KeyValuePair<string, string?>>? overrides = null, string? contentRoot = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = contentRoot ?? Directory.GetCurrentDirectory(),
        });
        builder.Configuration.AddPipelineSettings(builder.Environment.ContentRootPath, Path.Combine(AppContext.BaseDirectory, "host.json"));
        if (overrides is not null) builder.Configuration.AddInMemoryCollection(overrides);
        SettingsValidation.ThrowIfInvalid(builder.Configuration); // before the trigger engine reads them
        builder.WebHost.UseUrls(builder.Configuration[PipelineSettings.UrlsSetting] ?? PipelineSettings.DefaultUrls);
        builder.Host.AddWebJobsTriggers(builder.Configuration);
        builder.Services.AddCustomerValuePipeline(builder.Configuration);
        builder.Services.AddReportsAndNotifications(builder.Configuration); // reports + email
        builder.Services.AddSingleton<ApiKeys>(); // reports + email
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        // Observability and the start-up check of every setting.
        builder.Services.AddPipelineTelemetry(builder.Configuration);
        builder.Services.AddSettingsValidation();

        var app = builder.Build();
        app.MapReportEndpoints();
        return app;
    }

    /// <summary>Creates the containers, queues and tables, then serves until stopped.</summary>
    public static async Task RunAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        SettingsValidation.ValidateNow(app.Services);
        await app.Services.GetRequiredService<StorageClients>().EnsureCreatedAsync(cancellationToken);
        await app.RunAsync();
    }

    /// <summary>Creates the containers, queues and tables, then starts the triggers and the endpoints.</summary>
    public static async Task StartAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        SettingsValidation.ValidateNow(app.Services);
        await app.Services.GetRequiredService<StorageClients>().EnsureCreatedAsync(cancellationToken);
        await app.StartAsync(cancellationToken);
    }
}
