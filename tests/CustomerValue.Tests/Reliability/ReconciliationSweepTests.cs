using CustomerValue.Ingestion;
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
using CustomerValue.Storage.Uploads;
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
            ["Pipeline:CustomerBuckets"] = "1", // one bucket message per upload keeps a hundred uploads quick
            ["Pipeline:InlineReduceMaxRows"] = "0", // every bucket through the metrics queue, so a bucket message can be poisoned
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

    /// <summary>Ingests the blob as the trigger would and reduces its bucket messages; returns its ledger entry.</summary>
    private async Task<UploadLedgerEntry> IngestAndReduceAsync(string path)
    {
        var entry = await services.GetRequiredService<UploadIngestionService>().IngestAsync(path, default);
        var metrics = Storage.Queue(StorageNames.Queues.Metrics);
        foreach (var message in (await metrics.ReceiveMessagesAsync(32)).Value)
        {
            await services.GetRequiredService<CustomerBucketReducer>().ReduceAsync(JsonSerializer.Deserialize<BucketWorkItem>(message.Body.ToString())!, default);
            await metrics.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }
        return (await services.GetRequiredService<UploadLedger>().GetAsync(entry!.UploadId, default))!;
    }

    private async Task<int> QueuedCountAsync(string queue) =>
        (await Storage.Queue(queue).GetPropertiesAsync()).Value.ApproximateMessagesCount;

    [Fact]
    public async Task A_sweep_over_a_hundred_completed_uploads_queues_nothing()
    {
        for (var i = 0; i < 100; i++)
        {
            await Storage.Container(StorageNames.Containers.Uploads).GetBlobClient($"transactions/day-{i:D3}.csv")
                .UploadAsync(BinaryData.FromString($"customer_id,date,amount\nC{i},2024-01-01,{i + 1}\n"));
            Assert.Equal(UploadStatus.Completed, (await IngestAndReduceAsync($"transactions/day-{i:D3}.csv")).Status);
        }

        Assert.Empty(await Reconciler.ReconcileAsync(clock.Now.AddHours(1), default));
        Assert.Equal(0, await QueuedCountAsync(StorageNames.Queues.Ingest));
        Assert.Equal(0, await QueuedCountAsync(StorageNames.Queues.Metrics));
    }

    [Fact]
    public async Task An_upload_whose_bucket_was_poisoned_stays_parked_across_sweeps()
    {
        await UploadAsync("transactions/parked.csv");
        var ingestion = services.GetRequiredService<UploadIngestionService>();
        var upload = (await ingestion.IngestAsync("transactions/parked.csv", default))!;
        var metrics = Storage.Queue(StorageNames.Queues.Metrics);
        var bucketMessage = Assert.Single((await metrics.ReceiveMessagesAsync(32)).Value);
        await metrics.DeleteMessageAsync(bucketMessage.MessageId, bucketMessage.PopReceipt);
        await Failures.RecordAttemptAsync(FailureSources.Metrics, bucketMessage.Body.ToString(), "the bucket could not be reduced", default);
        await Failures.MarkPoisonedAsync(FailureSources.Metrics, bucketMessage.Body.ToString(), default); // as the poison queue's function does

        for (var sweep = 1; sweep <= 3; sweep++)
        {
            clock.Now = clock.Now.AddMinutes(15); // past the stall period, so the re-drive looks at it too
            Assert.Empty(await Reconciler.ReconcileAsync(clock.Now, default));
            Assert.Equal(0, await QueuedCountAsync(StorageNames.Queues.Ingest));
            Assert.Equal(0, await QueuedCountAsync(StorageNames.Queues.Metrics));
        }

        var parked = Assert.Single(await Failures.ListAsync(null, default));
        Assert.Equal((FailureStatus.Poisoned, 1), (parked.Status, parked.Attempts));
        Assert.Equal(UploadStatus.Aggregating, (await services.GetRequiredService<UploadLedger>().GetAsync(upload.UploadId, default))!.Status);
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
            UploadId = "ustalled", Kind = UploadKind.Transactions, BlobName = "transactions/stalled.csv",
            Status = CustomerValue.Storage.Uploads.UploadStatus.Aggregating, ChunksTotal = 3, ReceivedAt = clock.Now,
        }, default);
        await ledger.MarkChunkDoneAsync("ustalled", 2, default);
        await Failures.MarkPoisonedAsync(FailureSources.Metrics, JsonSerializer.Serialize(new BucketWorkItem("ustalled", UploadKind.Transactions, 0)), default);

        Assert.Equal(1, await Reconciler.RedriveStalledAsync(clock.Now.AddHours(1), default));

        var queue = Storage.Queue(StorageNames.Queues.Metrics);
        var queued = (await queue.ReceiveMessagesAsync(32)).Value.Select(m => JsonSerializer.Deserialize<BucketWorkItem>(m.Body.ToString())!.Bucket);
        Assert.Equal([1], queued); // bucket 0 is parked, bucket 2 is done
    }

    [Fact]
    public async Task A_stalled_ledger_row_whose_kind_is_no_kind_is_recorded_as_failed_not_redriven()
    {
        // Written as a row of another version would be: the Kind column holds a name this one does not know.
        await Storage.Table(StorageNames.Tables.Uploads).UpsertEntityAsync(new Azure.Data.Tables.TableEntity(TableKeys.For("uinvoices"), "ledger")
        {
            ["UploadId"] = "uinvoices", ["Kind"] = "invoices", ["BlobName"] = "invoices/a.csv", ["Status"] = nameof(UploadStatus.Aggregating),
            ["ChunksTotal"] = 1, ["ReceivedAt"] = clock.Now, ["UpdatedAt"] = clock.Now,
        });
        var ledger = services.GetRequiredService<UploadLedger>();

        Assert.Null((await ledger.GetAsync("uinvoices", default))!.Kind);
        Assert.Equal(0, await Reconciler.RedriveStalledAsync(clock.Now.AddHours(1), default));

        var record = (await ledger.GetAsync("uinvoices", default))!;
        Assert.Equal(UploadStatus.Failed, record.Status);
        Assert.Contains("invoices/a.csv: the ledger names no kind of upload", record.Failure);
        Assert.Equal(0, (await Storage.Queue(StorageNames.Queues.Metrics).GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task A_bucket_message_of_no_kind_is_a_recorded_failure_of_that_message()
    {
        const string message = """{"UploadId":"u1","Kind":"invoices","Bucket":0}""";

        var error = await Assert.ThrowsAsync<JsonException>(() =>
            Failures.RunMessageAsync<BucketWorkItem>(FailureSources.Metrics, message, _ => Task.CompletedTask, default));

        Assert.Contains("'invoices' is not a kind of upload", error.Message);
        var failure = Assert.Single(await Failures.ListAsync(FailureStatus.Retrying, default));
        Assert.Equal(message, failure.Subject);
        Assert.Contains("'invoices' is not a kind of upload", failure.Reason);
    }
}
