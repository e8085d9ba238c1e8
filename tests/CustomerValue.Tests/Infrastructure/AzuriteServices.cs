using CustomerValue.Application;
using CustomerValue.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerValue.Tests.Infrastructure;

/// <summary>
/// A real Azurite and the pipeline's own service registrations on it, with no host: for tests that call the stage
/// services directly. Settings and logging are the test's; the containers, queues and tables are created.
/// </summary>
public sealed class AzuriteServices : IAsyncDisposable
{
    private readonly AzuriteInstance azurite = new();
    private ServiceProvider? services;

    public ServiceProvider Services => services ?? throw new InvalidOperationException("Not started.");
    public StorageClients Storage => Services.GetRequiredService<StorageClients>();
    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static async Task<AzuriteServices> StartAsync(IDictionary<string, string?>? settings = null, Action<ILoggingBuilder>? logging = null)
    {
        var started = new AzuriteServices();
        await started.azurite.InitializeAsync();
        var values = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            [StorageSettings.ConnectionSetting] = started.azurite.ConnectionString,
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        started.services = new ServiceCollection().AddLogging(logging ?? (b => b.SetMinimumLevel(LogLevel.Warning)))
            .AddCustomerValuePipeline(configuration).BuildServiceProvider();
        await started.Storage.EnsureCreatedAsync(default);
        return started;
    }

    public async ValueTask DisposeAsync()
    {
        if (services is not null) await services.DisposeAsync();
        await azurite.DisposeAsync();
    }
}
