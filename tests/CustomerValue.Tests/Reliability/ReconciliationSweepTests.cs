using System.Text.Json;
using Azure.Storage.Queues;
using CustomerValue.Storage;
using CustomerValue.Application;
using CustomerValue.Application.Settings;
using CustomerValue.Application.Ingestion;
using CustomerValue.Application.Metrics;
using CustomerValue.Application.Reconciliation;
using CustomerValue.Application.Messages;
using CustomerValue.Storage.Reliability;
using CustomerValue.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerValue.Tests.Reliability;

/// <summary>
/// The reconciliation sweep against a real Azurite: it queues what the blob trigger missed, and leaves poisoned work
/// parked for an operator instead of failing it again on every sweep.
/// </summary>
public sealed class ReconciliationSweepTests : IAsyncLifetime
{
    private readonly AzuriteInstance azurite = new();
    private readonly SettableClock clock = new(DateTimeOffset.UtcNow);
    private ServiceProvider services = null!;

    private StorageClients Storage => services.GetRequiredService<StorageClients>();
    private UploadReconciler Reconciler => services.GetRequiredService<UploadReconciler>();
    private FailureLedger Failures => services.GetRequiredService<FailureLedger>();

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageSettings.ConnectionSetting] = azurite.ConnectionString,
            ["Reconciliation:MinAge"] = "00:00:00",
        }).Build();
        services = new ServiceCollection().AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<TimeProvider>(clock) // failures are stamped with this clock
            .AddCustomerValuePipeline(configuration).BuildServiceProvider();
        await Storage.EnsureCreatedAsync(default);
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await azurite.DisposeAsync();
    }

    /// <returns>The blob's last-modified time as storage reports it.</returns>
    private async Task<DateTimeOffset> UploadAsync(string path)
    {
        var blob = Storage.Container(StorageNames.Containers.Uploads).GetBlobClient(path);
        await blob.UploadAsync(BinaryData.FromString("customer_id,date,amount\nA,2024-01-01,1\n"), overwrite: true);
        return (await blob.GetPropertiesAsync()).Value.LastModified;
    }

    private Task PoisonAtAsync(string path, DateTimeOffset when)
    {
        clock.Now = when;
        return Failures.MarkPoisonedAsync(FailureSources.Blob, path, default);
    }

    private async Task<List<string>> QueuedForIngestAsync()
    {
        var queue = Storage.Queue(StorageNames.Queues.Ingest);
        var messages = (await queue.ReceiveMessagesAsync(32)).Value;
        foreach (var m in messages) await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt);
        return [.. messages.Select(m => JsonSerializer.Deserialize<IngestWorkItem>(m.Body.ToString())!.BlobPath)];
    }

    [Fact]
    public async Task A_missed_blob_is_queued_and_a_poisoned_one_stays_parked_until_it_is_written_again()
    {
        await UploadAsync("transactions/missed.csv");
        var parked = await UploadAsync("transactions/poisoned.csv");
        await PoisonAtAsync("transactions/poisoned.csv", parked.AddSeconds(30));
        var corrected = await UploadAsync("transactions/corrected.csv");
        await PoisonAtAsync("transactions/corrected.csv", corrected.AddSeconds(-30)); // written again after it was poisoned

        var swept = await Reconciler.SweepAsync(DateTimeOffset.UtcNow.AddHours(1), default);

        Assert.Equal(["transactions/corrected.csv", "transactions/missed.csv"], swept.Order());
        Assert.Equal(["transactions/corrected.csv", "transactions/missed.csv"], (await QueuedForIngestAsync()).Order());
    }

    [Fact]
    public async Task A_replayed_blob_is_no_longer_parked()
    {
        var written = await UploadAsync("transactions/replayed.csv");
        await PoisonAtAsync("transactions/replayed.csv", written.AddSeconds(30));
        Assert.Empty(await Reconciler.SweepAsync(DateTimeOffset.UtcNow.AddHours(1), default));

        var failure = Assert.Single(await Failures.ListAsync(FailureStatus.Poisoned, default));
        await Failures.MarkReplayedAsync(failure, default);

        Assert.Equal(["transactions/replayed.csv"], await Reconciler.SweepAsync(DateTimeOffset.UtcNow.AddHours(1), default));
    }

    [Fact]
    public async Task A_stalled_upload_gets_its_missing_buckets_queued_again_except_a_poisoned_one()
    {
        var ledger = services.GetRequiredService<CustomerValue.Storage.Uploads.UploadLedger>();
        await ledger.SaveAsync(new CustomerValue.Storage.Uploads.UploadLedgerEntry
        {
            UploadId = "ustalled", Kind = "transactions", BlobName = "transactions/stalled.csv",
            Status = CustomerValue.Storage.Uploads.UploadStatus.Aggregating, ChunksTotal = 3, ReceivedAt = clock.Now,
        }, default);
        await ledger.MarkChunkDoneAsync("ustalled", 2, default);
        await Failures.MarkPoisonedAsync(FailureSources.Metrics, JsonSerializer.Serialize(new BucketWorkItem("ustalled", "transactions", 0)), default);

        Assert.Equal(1, await Reconciler.RedriveStalledAsync(clock.Now.AddHours(1), default));

        var queue = Storage.Queue(StorageNames.Queues.Metrics);
        var queued = (await queue.ReceiveMessagesAsync(32)).Value.Select(m => JsonSerializer.Deserialize<BucketWorkItem>(m.Body.ToString())!.Bucket);
        Assert.Equal([1], queued); // bucket 0 is parked, bucket 2 is done
    }
}
