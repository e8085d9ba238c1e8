using System.Text.Json;
using CustomerValue.Application;
using CustomerValue.Application.Ingestion;
using CustomerValue.Application.Messages;
using CustomerValue.Application.Snapshots;
using CustomerValue.Application.Uploads;
using CustomerValue.Domain;
using CustomerValue.Ingestion;
using CustomerValue.Storage;
using CustomerValue.Storage.Records;
using CustomerValue.Storage.Reliability;
using CustomerValue.Storage.Uploads;
using CustomerValue.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CustomerValue.Tests.Reliability;

/// <summary>
/// Uploads one can see and remove, and blobs written by any tool found at once, against a real Azurite: the
/// listing's counts and backlog, a removed upload of a non-transaction kind gone from its table and from what a
/// snapshot reads, and the discovery queueing each unseen blob once.
/// </summary>
public sealed class UploadCatalogTests : IAsyncLifetime
{
    private AzuriteServices pipeline = null!;

    private StorageClients Storage => pipeline.Storage;
    private UploadIngestionService Ingestion => pipeline.Get<UploadIngestionService>();
    private UploadCatalog Catalog => pipeline.Get<UploadCatalog>();
    private UploadDiscovery Discovery => pipeline.Get<UploadDiscovery>();

    public async Task InitializeAsync() => pipeline = await AzuriteServices.StartAsync(new Dictionary<string, string?>
    {
        ["Pipeline:InlineReduceMaxRows"] = "0", // leaves the bucket messages queued, for the backlog to count
        ["Discovery:MaxQueued"] = "30",
    });

    public async Task DisposeAsync() => await pipeline.DisposeAsync();

    private Task WriteAsync(string path, string body) =>
        Storage.Container(StorageNames.Containers.Uploads).GetBlobClient(path).UploadAsync(BinaryData.FromString(body), overwrite: true);

    private async Task<List<string>> TakeIngestMessagesAsync()
    {
        var queue = Storage.Queue(StorageNames.Queues.Ingest);
        var taken = new List<string>();
        while ((await queue.ReceiveMessagesAsync(32)).Value is { Length: > 0 } messages)
        {
            foreach (var m in messages)
            {
                taken.AddRange(JsonSerializer.Deserialize<IngestWorkItem>(m.Body.ToString())!.BlobPaths);
                await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt);
            }
        }
        return taken;
    }

    [Fact]
    public async Task The_listing_counts_uploads_by_status_and_the_blobs_not_yet_seen_and_a_removed_profile_upload_leaves_its_table()
    {
        await WriteAsync("customers/crm.csv", "customer_id,signup_date,plan,acquisition_channel,acquisition_cost\nK1,2024-01-05,pro,search,120.50\nK2,2024-02-11,basic,referral,40\n");
        await WriteAsync("transactions/a.csv", "customer_id,date,amount\nA,2024-01-01,10\nB,2024-01-02,5\n");
        await WriteAsync("transactions/bad.xyz", "\0\0\0");
        await WriteAsync("transactions/unseen.csv", "customer_id,date,amount\nC,2024-01-03,7\n");
        var profiles = (await Ingestion.IngestAsync("customers/crm.csv", default))!;
        var sales = (await Ingestion.IngestAsync("transactions/a.csv", default))!;
        await Ingestion.IngestAsync("transactions/bad.xyz", default);

        var listing = await Catalog.ListAsync(default);
        Assert.Equal((3, 1, 1, 1), (listing.Counts.Total, listing.Counts.Completed, listing.Counts.Aggregating, listing.Counts.Failed));
        Assert.Equal(1, listing.Backlog.BlobsNotYetSeen);
        Assert.Equal(sales.ChunksTotal, listing.Backlog.MetricsQueue);
        Assert.Equal(1, listing.Backlog.CompletedInWindow);

        var removed = await Catalog.RemoveAsync(profiles.UploadId, default);
        Assert.Equal(UploadStatus.Removed, removed!.Status);
        Assert.Empty(await pipeline.Get<KindRecordStore>().ReadAsync<CustomerRecord>(UploadKind.Customers, [profiles.UploadId], default).ToListAsync());
        Assert.Empty((await pipeline.Get<CustomerBaseReader>().ReadAsync(default)).Profiles);
        Assert.False(await Storage.Container(StorageNames.Containers.Uploads).GetBlobClient("customers/crm.csv").ExistsAsync());
        Assert.Equal(1, (await Catalog.ListAsync(default)).Counts.Removed);
        Assert.Null(await Catalog.RemoveAsync("u000000000000000000000000", default));
    }

    [Fact]
    public async Task Discovery_queues_every_blob_not_yet_seen_once_and_nothing_once_they_are_ingested()
    {
        for (var i = 0; i < 40; i++) await WriteAsync($"transactions/f{i:D2}.csv", $"customer_id,date,amount\nA{i},2024-01-01,{i + 1}\n");
        await WriteAsync("transactions/f00.csv.mapping.json", "{}");
        var now = DateTimeOffset.UtcNow;

        Assert.Equal(30, await Discovery.DiscoverAsync(now, default)); // the queue is filled up to Discovery:MaxQueued
        Assert.Equal(0, await Discovery.DiscoverAsync(now.AddSeconds(10), default)); // full; the rest waits
        var taken = await TakeIngestMessagesAsync();
        Assert.Equal(10, await Discovery.DiscoverAsync(now.AddSeconds(20), default)); // room again: the other ten, not the first thirty again
        taken.AddRange(await TakeIngestMessagesAsync());
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"transactions/f{i:D2}.csv"), taken.Order());
        Assert.Equal(0, await Discovery.DiscoverAsync(now.AddSeconds(30), default)); // queued already, not yet ingested

        for (var i = 0; i < 40; i++) await Ingestion.IngestAsync($"transactions/f{i:D2}.csv", default);
        Assert.Equal(0, await Discovery.DiscoverAsync(now.AddHours(1), default)); // all seen at their current version
        await WriteAsync("transactions/f07.csv", "customer_id,date,amount\nA7,2024-01-02,99\n");
        Assert.Equal(1, await Discovery.DiscoverAsync(now.AddHours(1), default)); // a new version is new work
        Assert.Equal(["transactions/f07.csv"], await TakeIngestMessagesAsync());
    }

    [Fact]
    public async Task Discovery_queues_small_blobs_ten_to_a_message()
    {
        for (var i = 0; i < 25; i++) await WriteAsync($"transactions/s{i:D2}.csv", $"customer_id,date,amount\nS{i},2024-01-01,{i + 1}\n");
        Assert.Equal(25, await Discovery.DiscoverAsync(DateTimeOffset.UtcNow, default));
        var messages = (await Storage.Queue(StorageNames.Queues.Ingest).ReceiveMessagesAsync(32)).Value
            .Select(m => JsonSerializer.Deserialize<IngestWorkItem>(m.Body.ToString())!.BlobPaths.Count).Order();
        Assert.Equal([5, 10, 10], messages);
    }

    [Fact]
    public async Task A_batch_ingests_each_blob_as_its_own_upload_and_hands_a_failing_one_on_in_a_message_of_its_own()
    {
        await WriteAsync("transactions/g1.csv", "customer_id,date,amount\nG1,2024-01-01,10\n");
        await WriteAsync("transactions/g2.csv", "customer_id,date,amount\nG2,2024-01-01,20\nG3,2024-01-01,30\n");
        var batch = JsonSerializer.Serialize(new IngestWorkItem("transactions/g1.csv", ["transactions/gone.csv", "transactions/g2.csv"]));
        var handler = pipeline.Get<IngestMessageHandler>();
        await handler.HandleAsync(batch, default);
        await handler.HandleAsync(batch, default); // a redelivery: the same uploads, nothing new

        var index = pipeline.Get<UploadBlobIndex>();
        var ledger = pipeline.Get<UploadLedger>();
        foreach (var (path, rows) in new[] { ("transactions/g1.csv", 1), ("transactions/g2.csv", 2) })
        {
            var entry = await index.GetAsync(UploadKind.Transactions, path, default);
            Assert.True(entry!.Counts);
            Assert.Equal((UploadStatus.Aggregating, rows), ((await ledger.GetAsync(entry.UploadId, default))!.Status, (int)(await ledger.GetAsync(entry.UploadId, default))!.RowsAccepted));
        }
        Assert.Equal(2, (await Catalog.ListAsync(default)).Counts.Total);
        // The blob that failed: its failure recorded under its own name each time, and queued alone each time.
        Assert.Equal(["transactions/gone.csv", "transactions/gone.csv"], await TakeIngestMessagesAsync());
        var failure = Assert.Single(await pipeline.Get<FailureLedger>().ListAsync(null, default));
        Assert.Equal((FailureSources.Blob, "transactions/gone.csv", 2), (failure.Source, failure.Subject, failure.Attempts));
    }

    [Fact]
    public async Task A_poisoned_batch_is_queued_again_blob_by_blob_and_parks_none_of_them()
    {
        await pipeline.Get<CustomerValue.Application.Reconciliation.PoisonRecorder>()
            .IngestAsync(JsonSerializer.Serialize(new IngestWorkItem("transactions/p1.csv", ["transactions/p2.csv"])), default);
        var messages = (await Storage.Queue(StorageNames.Queues.Ingest).ReceiveMessagesAsync(32)).Value
            .Select(m => JsonSerializer.Deserialize<IngestWorkItem>(m.Body.ToString())!).ToList();
        Assert.Equal(["transactions/p1.csv", "transactions/p2.csv"], messages.Select(m => m.BlobPath).Order());
        Assert.All(messages, m => Assert.Null(m.More));
        Assert.Empty(await pipeline.Get<FailureLedger>().ListAsync(FailureStatus.Poisoned, default));
    }

    [Fact]
    public async Task A_name_the_container_cannot_list_is_a_failed_upload_and_discovery_the_sweep_and_the_catalog_see_the_names_around_it()
    {
        // Names before and after the bad one in listing order ('-' sorts after U+0001, 'a' before 'l').
        string[] good = ["transactions/cta.csv", "transactions/ctl-after.csv", "transactions/ctl.csv", "transactions/zz.csv"];
        foreach (var name in good) await WriteAsync(name, $"customer_id,date,amount\n{name},2024-01-01,1\n");
        await WriteAsync("transactions/ctl\u0001.csv", "customer_id,date,amount\nBAD,2024-01-01,1\n");
        var now = DateTimeOffset.UtcNow;

        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(good.Length, await Discovery.DiscoverAsync(now, default));
        var search = watch.Elapsed;
        Assert.Equal(good.Order(StringComparer.Ordinal), (await TakeIngestMessagesAsync()).Order(StringComparer.Ordinal));
        // Each probe of the search fails at once instead of after the client's retries (12 s a probe, minutes in all).
        Assert.True(search < TimeSpan.FromSeconds(60), $"finding the unlistable name took {search}");

        var failed = await pipeline.Get<UploadLedger>().GetAsync(UploadIds.ForUnlistableName("transactions/ctl"), default);
        Assert.Equal((UploadStatus.Failed, "transactions/ctl\u2026"), (failed!.Status, failed.BlobName));
        Assert.Contains("control characters", failed.Failure);

        var swept = await pipeline.Get<CustomerValue.Application.Reconciliation.UploadReconciler>().SweepAsync(now.AddHours(1), default);
        Assert.Equal(good.Order(StringComparer.Ordinal), swept.Order(StringComparer.Ordinal));
        await TakeIngestMessagesAsync();

        var listing = await Catalog.ListAsync(default);
        Assert.Equal((good.Length, 1), (listing.Backlog.BlobsNotYetSeen, listing.Counts.Failed));
        Assert.Equal(failed.UploadId, Assert.Single(listing.Uploads).UploadId);
        foreach (var name in good) await Ingestion.IngestAsync(name, default);
        listing = await Catalog.ListAsync(default);
        Assert.Equal(0, listing.Backlog.BlobsNotYetSeen);
        Assert.Equal(good.Append("transactions/ctl\u2026").Order(StringComparer.Ordinal), listing.Uploads.Select(u => u.BlobName).Order(StringComparer.Ordinal));
    }
}
