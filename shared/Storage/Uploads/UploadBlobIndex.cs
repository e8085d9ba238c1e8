using Azure.Data.Tables;

namespace CustomerValue.Storage.Uploads;

/// <summary>
/// The UploadBlobs table: for each uploaded blob name (partition = kind), the upload its current content is.
/// The uploads that count are the distinct ids named here: a second name for the same content adds nothing,
/// and a new version of a blob replaces its old content's contribution.
/// </summary>
public sealed class UploadBlobIndex(StorageClients storage)
{
    private TableClient Table => storage.Table(StorageNames.Tables.UploadBlobs);

    /// <summary>Points <paramref name="blobName"/> at <paramref name="uploadId"/>; returns the id it pointed at before.</summary>
    public async Task<string?> PointAsync(string kind, string blobName, string uploadId, CancellationToken cancellationToken)
    {
        var partition = TableKeys.For(kind);
        var row = TableKeys.For(blobName);
        var existing = await Table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
        var previous = existing.HasValue ? existing.Value!.GetString("UploadId") : null;
        if (previous != uploadId)
        {
            await Table.UpsertEntityAsync(new TableEntity(partition, row) { ["BlobName"] = blobName, ["UploadId"] = uploadId },
                TableUpdateMode.Replace, cancellationToken);
        }
        return previous;
    }

    /// <summary>The distinct uploads of a kind that currently count, in a stable order.</summary>
    public async Task<IReadOnlyList<string>> ActiveUploadsAsync(string kind, CancellationToken cancellationToken)
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        var partition = TableKeys.For(kind);
        await foreach (var e in Table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, select: ["UploadId"], cancellationToken: cancellationToken))
            ids.Add(e.GetString("UploadId"));
        return ids.ToList();
    }
}
