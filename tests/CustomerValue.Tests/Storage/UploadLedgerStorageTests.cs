using Azure.Data.Tables;
using CustomerValue.Storage;
using CustomerValue.Storage.Uploads;
using CustomerValue.Tests.Infrastructure;

namespace CustomerValue.Tests.Storage;

/// <summary>
/// The Uploads table against a real Azurite: each upload's rows under keys of their own, and the rows written before
/// that (a shared "ledger" row key, "chunk-NNNN") still read, listed once and replaced by the next save.
/// </summary>
public sealed class UploadLedgerStorageTests : IClassFixture<AzuriteInstance>
{
    private readonly AzuriteInstance azurite;
    public UploadLedgerStorageTests(AzuriteInstance azurite) => this.azurite = azurite;

    private Task<StorageClients> StorageAsync() => azurite.StorageAsync();

    private static UploadLedgerEntry Entry(string id, UploadStatus status) => new()
    {
        UploadId = id, Kind = CustomerValue.Ingestion.UploadKind.Transactions, BlobName = $"transactions/{id}.csv", Status = status,
        RowsRead = 10, RowsAccepted = 10, ChunksTotal = 3, Buckets = [1, 4, 9], ReceivedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public async Task Each_upload_keeps_its_ledger_and_chunk_rows_under_row_keys_no_other_upload_shares()
    {
        var storage = await StorageAsync();
        var ledger = new UploadLedger(storage, TimeProvider.System);
        foreach (var id in new[] { "own-a", "own-b" })
        {
            await ledger.SaveAsync(Entry(id, UploadStatus.Aggregating), default);
            await ledger.MarkChunksDoneAsync(id, [1, 4, 9], default);
        }

        var rows = await storage.Table(StorageNames.Tables.Uploads)
            .QueryAsync<TableEntity>(e => e.PartitionKey == "own-a" || e.PartitionKey == "own-b", select: ["RowKey"]).ToListAsync();
        Assert.Equal(8, rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => r.RowKey).Distinct().Count());
        Assert.Equal(UploadStatus.Completed, (await ledger.GetAsync("own-a", default))!.Status);
        Assert.Equal([1, 4, 9], await ledger.DoneChunksListAsync("own-b", default));
    }

    [Fact]
    public async Task A_ledger_row_written_under_the_shared_key_is_read_listed_once_and_replaced_by_the_next_save()
    {
        var storage = await StorageAsync();
        var table = storage.Table(StorageNames.Tables.Uploads);
        var ledger = new UploadLedger(storage, TimeProvider.System);
        // As the ledger wrote them before: one "ledger" row and "chunk-NNNN" rows in the upload's partition.
        await table.UpsertEntityAsync(new TableEntity("legacy-1", "ledger")
        {
            ["UploadId"] = "legacy-1", ["Kind"] = "transactions", ["BlobName"] = "transactions/legacy-1.csv",
            ["Status"] = nameof(UploadStatus.Aggregating), ["ChunksTotal"] = 3, ["Buckets"] = "1,4,9", ["RowsAccepted"] = 10L,
            ["ReceivedAt"] = DateTimeOffset.UnixEpoch, ["UpdatedAt"] = DateTimeOffset.UnixEpoch,
        });
        await table.UpsertEntityAsync(new TableEntity("legacy-1", "chunk-0004"));

        Assert.Equal(UploadStatus.Aggregating, (await ledger.GetAsync("legacy-1", default))!.Status);
        Assert.Equal([1, 9], await ledger.MissingChunksAsync((await ledger.GetAsync("legacy-1", default))!, default));
        await ledger.AddNoteAsync("legacy-1", "a note", default);
        Assert.Equal("a note", (await ledger.GetAsync("legacy-1", default))!.Notes);

        var completed = await ledger.MarkChunksDoneAsync("legacy-1", [1, 9], default);
        Assert.Equal(UploadStatus.Completed, completed!.Status);
        Assert.Equal(UploadStatus.Completed, (await ledger.GetAsync("legacy-1", default))!.Status);
        Assert.Single(await ledger.ListAsync(default).Where(e => e.UploadId == "legacy-1").ToListAsync());

        await ledger.SaveAsync(completed with { Status = UploadStatus.Removing }, default);
        var removed = await ledger.MarkChunksRemovedAsync("legacy-1", [1, 4, 9], default);
        Assert.Equal(UploadStatus.Removed, removed!.Status);
        Assert.Empty(await ledger.DoneChunksListAsync("legacy-1", default));
    }

    [Fact]
    public async Task Buckets_finishing_at_once_leave_the_upload_completed_never_put_back_to_aggregating()
    {
        await StorageAsync();
        // Injected faults make the storage clients retry after a delay, which widens the time between one bucket
        // counting the chunks done and saving that count, as a loaded or faulty storage service does.
        var storage = new StorageClients(azurite.ConnectionString, new StorageClientOptions
        {
            RetryDelay = TimeSpan.FromMilliseconds(20), MaxRetryDelay = TimeSpan.FromMilliseconds(100),
            FaultInjection = new FaultInjectionOptions { Rate = 0.3, Duration = TimeSpan.FromMinutes(5), Seed = 7 },
        }, TimeProvider.System);
        var ledger = new UploadLedger(storage, TimeProvider.System);
        var buckets = Enumerable.Range(0, 16).ToList();
        var ids = Enumerable.Range(0, 12).Select(i => $"race-{i}").ToList();
        foreach (var id in ids)
            await ledger.SaveAsync(Entry(id, UploadStatus.Aggregating) with { ChunksTotal = buckets.Count, Buckets = buckets }, default);

        // Every bucket of every upload reports done at the same time, as the metrics queue's parallel deliveries do.
        await Task.WhenAll(ids.SelectMany(id => buckets.Select(b => Task.Run(() => ledger.MarkChunkDoneAsync(id, b, default)))));

        foreach (var id in ids)
        {
            var entry = (await ledger.GetAsync(id, default))!;
            Assert.Equal((id, UploadStatus.Completed, buckets.Count), (id, entry.Status, entry.ChunksDone));
        }
    }
}
