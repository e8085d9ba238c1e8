using CustomerValue.Storage;
using CustomerValue.Storage.Uploads;
using CustomerValue.Testing;
using CustomerValue.Tests.Infrastructure;

namespace CustomerValue.Tests.Reliability;

/// <summary>
/// The built host as a process against Azurite, stopped the way an operator or a container runtime stops it:
/// SIGTERM ends it in order, with exit code 0, and neither start nor stop prints an exception or a loader warning.
/// </summary>
public sealed class CleanStopTests : IAsyncLifetime
{
    private readonly AzuriteInstance azurite = new();

    public Task InitializeAsync() => azurite.InitializeAsync();
    public Task DisposeAsync() => azurite.DisposeAsync();

    [Fact]
    public async Task SIGTERM_stops_a_working_host_with_exit_code_0_and_no_exception()
    {
        await using var host = new HostProcess("clean-stop", new Dictionary<string, string>
        {
            [StorageSettings.ConnectionSetting] = azurite.ConnectionString,
            ["Reconciliation:Schedule"] = "*/2 * * * * *", // a timer that fires while the host runs and when it stops
            ["extensions:queues:maxPollingInterval"] = "00:00:01",
            ["Logging:LogLevel:Host.Startup"] = "Information", // "Job host stopped", and any loader warning at start
        });
        await host.StartAsync(TimeSpan.FromSeconds(120));

        // Real work first: an upload through the blob trigger, the ingest and the metrics queue to Completed.
        var storage = new StorageClients(azurite.ConnectionString);
        var content = BinaryData.FromString("customer_id,date,amount\nC1,2024-01-02,10.50\nC2,2024-01-03,4.25\n");
        await storage.Container(StorageNames.Containers.Uploads).GetBlobClient("transactions/stop.csv").UploadAsync(content);
        var uploadId = await UploadIds.FromContentAsync("transactions", content.ToStream(), default);
        var ledger = new UploadLedger(storage, TimeProvider.System);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while ((await ledger.GetAsync(uploadId, default))?.Status != UploadStatus.Completed)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the upload did not complete; see {host.LogPath}");
            await Task.Delay(250);
        }

        var exitCode = await host.StopAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, exitCode);
        Assert.Contains(host.Output, line => line.Contains("Job host stopped", StringComparison.Ordinal)); // it stopped in order
        Assert.DoesNotContain(host.Output, line => line.Contains("Exception", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Output, line => line.Contains("Unhandled", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(host.Output, line => line.Contains("loader failures", StringComparison.OrdinalIgnoreCase)
            || line.Contains("Only got partial types", StringComparison.Ordinal));
    }
}
