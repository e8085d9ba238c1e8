using Azure.Data.Tables;

namespace CustomerValue.Storage.Uploads;

/// <summary>What one blob name holds now: the upload its content is, at which ETag, and whether that upload counts.</summary>
public sealed record BlobIndexEntry(string BlobName, string UploadId, string? ETag, bool Counts);

/// <summary>
/// The UploadBlobs table: for each uploaded blob name (partition = kind), the upload its current content is.
/// The uploads that count are the distinct ids named here with Counts = true: a second name for the same content
/// adds nothing, a new version of a blob replaces its old content's contribution, and a blob whose new content
/// failed no longer counts. The reconciliation sweep reads it to find blobs the trigger never processed.
/// </summary>
public sealed class UploadBlobIndex(StorageClients storage)
{
    private TableClient Table => storage.Table(StorageNames.Tables.UploadBlobs);

    /// <summary>Points <paramref name="blobName"/> at an upload; returns what it pointed at before.</summary>
    public async Task<BlobIndexEntry?> PointAsync(string kind, BlobIndexEntry entry, CancellationToken cancellationToken)
    {
        var previous = await GetAsync(kind, entry.BlobName, cancellationToken);
        if (previous != entry)
        {
            await Table.UpsertCheckedAsync(new TableEntity(TableKeys.For(kind), TableKeys.For(entry.BlobName))
            {
                ["BlobName"] = entry.BlobName, ["UploadId"] = entry.UploadId, ["ETag"] = entry.ETag, ["Counts"] = entry.Counts,
            }, TableUpdateMode.Replace, cancellationToken);
        }
        return previous;
    }

    public async Task<BlobIndexEntry?> GetAsync(string kind, string blobName, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(TableKeys.For(kind), TableKeys.For(blobName), cancellationToken: cancellationToken);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    /// <summary>The distinct uploads of a kind that currently count, in a stable order.</summary>
    public async Task<IReadOnlyList<string>> ActiveUploadsAsync(string kind, CancellationToken cancellationToken)
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        var partition = TableKeys.For(kind);
        await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            var entry = FromEntity(e);
            if (entry.Counts) ids.Add(entry.UploadId);
        }
        return ids.ToList();
    }

    /// <summary>The blob names of a kind whose current content is the given upload.</summary>
    public async Task<IReadOnlyList<BlobIndexEntry>> NamesOfAsync(string kind, string uploadId, CancellationToken cancellationToken)
    {
        var partition = TableKeys.For(kind);
        var result = new List<BlobIndexEntry>();
        await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey == partition && e.GetString("UploadId") == uploadId, cancellationToken: cancellationToken))
            result.Add(FromEntity(e));
        return result;
    }

    /// <summary>Every entry of every kind: the blobs the pipeline has seen, for the backlog.</summary>
    public async IAsyncEnumerable<BlobIndexEntry> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var e in Table.QueryAsync<TableEntity>(select: ["BlobName", "UploadId", "ETag", "Counts"], cancellationToken: cancellationToken))
            yield return FromEntity(e);
    }

    /// <summary>ETags compared as ETags: a listing gives them bare, a blob's properties quoted.</summary>
    public static bool SameETag(string? a, string? b) => a is not null && b is not null && a.Trim('"') == b.Trim('"');

    private static BlobIndexEntry FromEntity(TableEntity e) =>
        new(e.GetString("BlobName"), e.GetString("UploadId"), e.GetString("ETag"), e.GetBoolean("Counts") ?? true);
}
