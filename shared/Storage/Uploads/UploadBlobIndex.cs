using Azure;
using Azure.Data.Tables;
using CustomerValue.Ingestion;

namespace CustomerValue.Storage.Uploads;

/// <summary>What one blob name holds now: the upload its content is, at which ETag, and whether that upload counts.</summary>
public sealed record BlobIndexEntry(string BlobName, string UploadId, ETag? ETag, bool Counts)
{
    public ETag? ETag { get; init; } = BlobETags.Normalize(ETag);

    /// <summary>Whether the blob still holds the content this entry names (its current ETag is the same).</summary>
    public bool IsAt(ETag? current) => ETag is not null && ETag == BlobETags.Normalize(current);
}

/// <summary>
/// The one place where blob ETags are made comparable: a blob listing gives <c>0x8DE...</c>, a properties call the
/// header form <c>"0x8DE..."</c> (quoted), and rows written before this existed hold the quoted form.
/// </summary>
public static class BlobETags
{
    public static ETag? Normalize(ETag? etag) =>
        etag?.ToString() is { Length: >= 2 } value && value[0] == '"' && value[^1] == '"' ? new ETag(value[1..^1]) : etag;
}

/// <summary>
/// The UploadBlobs table: for each uploaded blob name (partition = kind), the upload its current content is.
/// The uploads that count are the distinct ids named here with Counts = true: a second name for the same content
/// adds nothing, a new version of a blob replaces its old content's contribution, and a blob whose new content
/// failed no longer counts. The reconciliation sweep reads it to find blobs the trigger never processed.
/// </summary>
public sealed class UploadBlobIndex(StorageClients storage)
{
    /// <summary>The stored name of a blob whose folder names no kind (its upload is Failed).</summary>
    public const string NoKind = "unknown";

    private TableClient Table => storage.Table(StorageNames.Tables.UploadBlobs);

    /// <summary>A kind's stored name: the partition here, the Kind column of the ledger.</summary>
    public static string PartitionOf(UploadKind? kind) => kind?.Name() ?? NoKind;

    /// <summary>Points <paramref name="blobName"/> at an upload; returns what it pointed at before.</summary>
    public async Task<BlobIndexEntry?> PointAsync(UploadKind? kind, BlobIndexEntry entry, CancellationToken cancellationToken)
    {
        var previous = await GetAsync(kind, entry.BlobName, cancellationToken);
        if (previous != entry)
        {
            await Table.UpsertCheckedAsync(new TableEntity(TableKeys.For(PartitionOf(kind)), TableKeys.For(entry.BlobName))
            {
                ["BlobName"] = entry.BlobName, ["UploadId"] = entry.UploadId, ["ETag"] = entry.ETag?.ToString(), ["Counts"] = entry.Counts,
            }, TableUpdateMode.Replace, cancellationToken);
        }
        return previous;
    }

    public async Task<BlobIndexEntry?> GetAsync(UploadKind? kind, string blobName, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(TableKeys.For(PartitionOf(kind)), TableKeys.For(blobName), cancellationToken: cancellationToken);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    /// <summary>The distinct uploads of a kind that currently count, in a stable order.</summary>
    public async Task<IReadOnlyList<string>> ActiveUploadsAsync(UploadKind kind, CancellationToken cancellationToken)
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        var partition = TableKeys.For(PartitionOf(kind));
        await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            var entry = FromEntity(e);
            if (entry.Counts) ids.Add(entry.UploadId);
        }
        return ids.ToList();
    }

    /// <summary>The blob names of a kind whose current content is the given upload.</summary>
    public async Task<IReadOnlyList<BlobIndexEntry>> NamesOfAsync(UploadKind? kind, string uploadId, CancellationToken cancellationToken)
    {
        var partition = TableKeys.For(PartitionOf(kind));
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

    private static BlobIndexEntry FromEntity(TableEntity e) =>
        new(e.GetString("BlobName"), e.GetString("UploadId"), e.GetString("ETag") is { } etag ? new ETag(etag) : null, e.GetBoolean("Counts") ?? true);
}
