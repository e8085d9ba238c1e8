using Azure;
using Azure.Storage.Blobs;
using CustomerValue.Metrics;

namespace CustomerValue.Storage.Customers;

/// <summary>
/// aggregates/{uploadId}/{bucket}.bin: what one upload contributes to one customer bucket. Written once per
/// (upload, bucket) under a deterministic name, so a retry overwrites instead of adding. Only the buckets an upload
/// touches get a blob (the ledger lists them); the blob stays after the upload is counted, so that removing or
/// replacing the upload can subtract exactly what it added.
/// </summary>
public sealed class PartialAggregateStore(StorageClients storage)
{
    // 3: purchase lines per day and refunds per day (so that a snapshot can see a customer as of any day).
    private const int FormatVersion = 3;
    private const int DaySpendFormat = 2;
    private BlobContainerClient Container => storage.Container(StorageNames.Containers.Aggregates);

    private static string BlobName(string uploadId, int bucket) => $"{uploadId}/{bucket:D4}.bin";

    public async Task WriteAsync(string uploadId, int bucket, IEnumerable<CustomerPurchaseSummary> summaries, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            var list = summaries as IReadOnlyCollection<CustomerPurchaseSummary> ?? summaries.ToList();
            writer.Write(FormatVersion);
            writer.Write(list.Count);
            foreach (var s in list) s.WriteTo(writer);
        }
        buffer.Position = 0;
        await Container.GetBlobClient(BlobName(uploadId, bucket)).UploadAsync(buffer, overwrite: true, cancellationToken);
    }

    /// <summary>The upload's partial for the bucket, or null when it has not been written.</summary>
    public async Task<IReadOnlyList<CustomerPurchaseSummary>?> ReadAsync(string uploadId, int bucket, CancellationToken cancellationToken)
    {
        try
        {
            var content = await Container.GetBlobClient(BlobName(uploadId, bucket)).DownloadContentAsync(cancellationToken);
            using var reader = new BinaryReader(content.Value.Content.ToStream());
            var version = reader.ReadInt32();
            if (version is not (FormatVersion or DaySpendFormat))
                throw new InvalidDataException($"Partial aggregate {BlobName(uploadId, bucket)} has format {version}, expected {FormatVersion}.");
            var count = reader.ReadInt32();
            var result = new List<CustomerPurchaseSummary>(count);
            for (var i = 0; i < count; i++)
                result.Add(version == FormatVersion ? CustomerPurchaseSummary.ReadFrom(reader) : ReadDaySpend(reader));
            return result;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Format 2 kept spend per day but neither lines per day nor refund days: each day gets one line (the rest go to
    /// the first day) and the refunds are dated on the last purchase day, the earliest day they can be known to exist.
    /// </summary>
    private static CustomerPurchaseSummary ReadDaySpend(BinaryReader reader)
    {
        var id = reader.ReadString();
        var lines = reader.ReadInt32();
        var orders = reader.ReadInt32();
        reader.ReadDecimal(); // gross: the sum of the days
        var refunds = reader.ReadDecimal();
        var days = new PurchaseDay[reader.ReadInt32()];
        for (var d = 0; d < days.Length; d++) days[d] = new PurchaseDay(reader.ReadInt32(), 1, reader.ReadDecimal());
        if (days.Length > 0) days[0] = days[0] with { Orders = Math.Max(1, orders - (days.Length - 1)) };
        KeyValuePair<int, decimal>[] refundDays = refunds > 0 && days.Length > 0 ? [new(days[^1].Day, refunds)] : [];
        return CustomerPurchaseSummary.Restore(id, lines, days, refundDays);
    }
}
