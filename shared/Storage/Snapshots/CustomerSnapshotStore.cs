using System.IO.Compression;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using CustomerValue.Metrics;
using CustomerValue.Reports;

namespace CustomerValue.Storage.Snapshots;

/// <summary>
/// Every customer's row of one snapshot, so that the customer page shows exactly what the segments summed: blobs
/// snapshots/{period}/customers/{bucket}.jsonl.gz, one JSON line per customer, bucketed as the Customers table is.
/// Every bucket is written (empty ones too), so a rerun of a period leaves exactly the same blobs.
/// </summary>
public sealed class CustomerSnapshotStore(StorageClients storage)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private BlobContainerClient Container => storage.Container(StorageNames.Containers.Snapshots);

    private static string BlobName(DateOnly period, int bucket) => $"{period:yyyy-MM-dd}/customers/{bucket:D4}.jsonl.gz";

    /// <param name="rowsOf">The rows of one bucket (see <see cref="CustomerBuckets.Of"/>), made when the bucket is written so that not all are held at once.</param>
    public async Task SaveAsync(DateOnly period, Func<int, IEnumerable<CustomerReport>> rowsOf, int bucketCount, CancellationToken cancellationToken)
    {
        for (var b = 0; b < bucketCount; b++)
        {
            using var buffer = new MemoryStream();
            await using (var zip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            await using (var writer = new StreamWriter(zip))
                foreach (var row in rowsOf(b))
                    await writer.WriteLineAsync(JsonSerializer.Serialize(row, Json));
            buffer.Position = 0;
            await Container.GetBlobClient(BlobName(period, b)).UploadAsync(buffer, overwrite: true, cancellationToken);
        }
    }

    /// <summary>The customer's row in the snapshot of <paramref name="period"/>; null when the snapshot has no such customer (or no rows).</summary>
    public async Task<CustomerReport?> GetAsync(DateOnly period, string customerId, int bucketCount, CancellationToken cancellationToken)
    {
        try
        {
            var blob = Container.GetBlobClient(BlobName(period, CustomerBuckets.Of(customerId, bucketCount)));
            await using var content = await blob.OpenReadAsync(cancellationToken: cancellationToken);
            await using var zip = new GZipStream(content, CompressionMode.Decompress);
            using var reader = new StreamReader(zip);
            var key = JsonSerializer.Serialize(customerId, Json); // the id as it is written in a line
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
                if (line.Contains(key, StringComparison.Ordinal) && JsonSerializer.Deserialize<CustomerReport>(line, Json) is { } row
                    && string.Equals(row.CustomerId, customerId, StringComparison.Ordinal))
                    return row;
            return null;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
