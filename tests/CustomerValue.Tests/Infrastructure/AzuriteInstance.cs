using CustomerValue.Testing;

namespace CustomerValue.Tests.Infrastructure;

/// <summary>A real Azurite, in memory, on free loopback ports, for one test (or one test class as a fixture).</summary>
public sealed class AzuriteInstance : IAsyncLifetime
{
    private AzuriteProcess? process;

    public string ConnectionString => (process ?? throw new InvalidOperationException("Azurite is not started.")).ConnectionString;

    public async Task InitializeAsync() => process = await AzuriteProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (process is not null) await process.DisposeAsync();
    }
}
