using CustomerValue.Storage;
using CustomerValue.Application;
using CustomerValue.Application.Settings;
using CustomerValue.Tests.Infrastructure;

namespace CustomerValue.Tests.Reliability;

/// <summary>Injected storage faults are the kind the SDK retries: at 50% nearly every call still succeeds.</summary>
public sealed class FaultInjectionTests : IClassFixture<AzuriteInstance>
{
    private readonly AzuriteInstance azurite;
    public FaultInjectionTests(AzuriteInstance azurite) => this.azurite = azurite;

    [Fact]
    public async Task Half_of_all_calls_failing_is_absorbed_by_the_storage_clients_retries()
    {
        var options = new StorageClientOptions
        {
            RetryDelay = TimeSpan.FromMilliseconds(5),
            MaxRetryDelay = TimeSpan.FromMilliseconds(50),
            FaultInjection = new FaultInjectionOptions { Rate = 0.5, Duration = TimeSpan.FromMinutes(5), Seed = 3 },
        };
        var storage = new StorageClients(azurite.ConnectionString, options, TimeProvider.System);
        var table = storage.Table("FaultProbe");
        await table.CreateIfNotExistsAsync();
        var failures = 0;
        for (var i = 0; i < 20; i++)
        {
            try
            {
                await table.UpsertEntityAsync(new Azure.Data.Tables.TableEntity("p", $"r{i}"));
                await table.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("p", $"r{i}");
            }
            catch (Azure.RequestFailedException)
            {
                failures++;
            }
        }
        Assert.True(storage.FaultInjection!.Injected > 10, $"only {storage.FaultInjection.Injected} faults were injected");
        Assert.True(failures <= 2, $"{failures} of 20 call pairs failed despite retries");
    }
}
