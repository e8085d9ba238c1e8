using CustomerValue.Storage;
using CustomerValue.Testing;

namespace CustomerValue.Tests.Infrastructure;

/// <summary>A real Azurite, in memory, on free loopback ports, for one test (or one test class as a fixture).</summary>
public sealed class AzuriteInstance : IAsyncLifetime
{
    private AzuriteProcess? process;

    public string ConnectionString => (process ?? throw new InvalidOperationException("Azurite is not started.")).ConnectionString;

    /// <summary>Clients for this Azurite with every container, queue and table created.</summary>
    public async Task<StorageClients> StorageAsync()
    {
        var storage = new StorageClients(ConnectionString, new StorageClientOptions(), TimeProvider.System);
        await storage.EnsureCreatedAsync(default);
        return storage;
    }

    public async Task InitializeAsync() => process = await AzuriteProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (process is not null) await process.DisposeAsync();
    }
}
