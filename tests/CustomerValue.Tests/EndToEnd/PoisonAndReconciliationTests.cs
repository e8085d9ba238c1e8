using CustomerValue.Ingestion;
using CustomerValue.Application.Messages;
using System.Text.Json;
using System.Text;
using CustomerValue.LocalEngine.Ingestion;
using CustomerValue.Storage;
using CustomerValue.Application;
using CustomerValue.Application.Settings;
using CustomerValue.Storage.Reliability;
using CustomerValue.Application.Reconciliation;
using CustomerValue.Storage.Snapshots;
using CustomerValue.Application.Snapshots;
using CustomerValue.Storage.Uploads;
using CustomerValue.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerValue.Tests.EndToEnd;

/// <summary>Work that keeps failing is poisoned, recorded with its reason and replayable; missed blobs are swept up.</summary>
public sealed class PoisonAndReconciliationTests : PipelineTest
{
    protected override IDictionary<string, string?>? HostSettings => null; // each test starts its host with its own settings
    private AzuriteInstance azurite => Azurite;

    private const string Csv = "customer_id,date,amount\nA,2025-01-01,10.00\nB,2025-01-02,20.00\nA,2025-02-01,5.50\nC,2025-03-01,7.25\n";
    private const decimal CsvNet = 42.75m;

    [Fact]
    public async Task A_bucket_that_fails_five_times_is_poisoned_with_its_reason_and_replays_after_the_fix()
    {
        await using var pipeline = await RunningPipeline.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Pipeline:CustomerBuckets"] = "1",
            ["extensions:queues:visibilityTimeout"] = "00:00:00",
        });
        // An upload whose partial for bucket 0 is corrupt: every attempt to add it to the bucket fails until it is repaired.
        var ledger = pipeline.Services.GetRequiredService<UploadLedger>();
        await ledger.SaveAsync(new UploadLedgerEntry
        {
            UploadId = "ucorrupt", Kind = UploadKind.Transactions, BlobName = "transactions/corrupt.csv", Status = UploadStatus.Aggregating,
            ChunksTotal = 1, Buckets = [0], ReceivedAt = DateTimeOffset.UtcNow,
        }, default);
        var corrupt = pipeline.Storage.Container(StorageNames.Containers.Aggregates).GetBlobClient("ucorrupt/0000.bin");
        await corrupt.UploadAsync(BinaryData.FromBytes([0xFF, 0xFF, 0xFF, 0x7F]), overwrite: true);
        await pipeline.Storage.Queue(StorageNames.Queues.Metrics).SendMessageAsync(JsonSerializer.Serialize(new BucketWorkItem("ucorrupt", UploadKind.Transactions, 0)));

        await pipeline.Storage.Container(StorageNames.Containers.Uploads).GetBlobClient("transactions/good.csv").UploadAsync(BinaryData.FromString(Csv));

        var failures = pipeline.Services.GetRequiredService<FailureLedger>();
        var poisoned = await pipeline.EventuallyAsync(() => failures.ListAsync(FailureStatus.Poisoned, default), l => l.Count == 1, Patience, "one poisoned failure");
        Assert.Equal(FailureSources.Metrics, poisoned[0].Source);
        Assert.Equal(5, poisoned[0].Attempts);
        Assert.Contains("InvalidDataException", poisoned[0].Reason);
        Assert.Contains("ucorrupt/0000.bin", poisoned[0].Reason);

        // The fix: the corrupt partial is removed (the upload adds nothing to the bucket). Then replay, as `roi replay` does.
        await corrupt.DeleteAsync();
        var replayed = await pipeline.Services.GetRequiredService<FailureReplayer>().ReplayAsync(_ => true, default);
        Assert.Single(replayed);

        await using var content = new MemoryStream(Encoding.UTF8.GetBytes(Csv));
        var uploadId = await UploadIds.FromContentAsync("transactions", content, default);
        await pipeline.EventuallyAsync(() => ledger.GetAsync(uploadId, default), r => r?.Status == UploadStatus.Completed, Patience, "the good upload completed");
        await pipeline.EventuallyAsync(() => ledger.GetAsync("ucorrupt", default), r => r?.Status == UploadStatus.Completed, Patience, "the repaired upload completed after replay");
        var snapshot = await pipeline.Services.GetRequiredService<KpiSnapshotService>().TakeAsync(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), default);
        Assert.Equal(3, snapshot.Customers);
        Assert.Equal(CsvNet, snapshot.NetRevenue, 2);
        Assert.Equal(FailureStatus.Replayed, (await failures.ListAsync(null, default)).Single().Status);
    }

    [Fact]
    public async Task A_blob_the_trigger_never_saw_is_ingested_by_the_reconciliation_sweep()
    {
        await using var pipeline = await RunningPipeline.StartAsync(azurite, new Dictionary<string, string?>
        {
            [UploadBlobFunction.DisabledSetting] = "true", // the trigger misses everything
            ["Reconciliation:Schedule"] = "*/1 * * * * *",
            ["Reconciliation:MinAge"] = "00:00:00",
        });
        await pipeline.Storage.Container(StorageNames.Containers.Uploads).GetBlobClient("transactions/missed.csv").UploadAsync(BinaryData.FromString(Csv));

        await using var content = new MemoryStream(Encoding.UTF8.GetBytes(Csv));
        var uploadId = await UploadIds.FromContentAsync("transactions", content, default);
        var ledger = pipeline.Services.GetRequiredService<UploadLedger>();
        var record = await pipeline.EventuallyAsync(() => ledger.GetAsync(uploadId, default), r => r?.Status == UploadStatus.Completed, Patience, "the swept upload completed");
        Assert.Equal(4, record!.RowsAccepted);
    }
}
