using System.CommandLine;
using CustomerValue.Storage;
using CustomerValue.Application;
using CustomerValue.Application.Settings;
using CustomerValue.Application.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerValue.Cli.Commands;

/// <summary>The storage-backed commands share one option and build the same services the host builds.</summary>
internal static class CliStorage
{
    public static Option<string?> ConnectionOption() => new("--connection")
    {
        Description = "Storage connection string (default: AzureWebJobsStorage from the environment or local.settings.json, else Azurite).",
    };

    public static ServiceProvider Services(string? connection)
    {
        var builder = new ConfigurationBuilder().AddPipelineSettings(Directory.GetCurrentDirectory());
        if (connection is not null)
            builder.AddInMemoryCollection([new(StorageSettings.ConnectionSetting, connection)]);
        var configuration = builder.Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddCustomerValuePipeline(configuration);
        services.AddReportsAndNotifications(configuration);
        return services.BuildServiceProvider();
    }
}
