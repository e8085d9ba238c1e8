using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CustomerValue.Ingestion;
using CustomerValue.Metrics;
using CustomerValue.Storage.Customers;
using CustomerValue.Storage.Uploads;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerValue.Storage.Pipeline;

/// <summary>
/// The blob-triggered stage: reads an uploaded file once to name it by content, again to validate and aggregate
/// it per customer bucket, writes rejected rows and partial aggregates, records the ledger, and queues one
/// message per bucket. Every step writes under deterministic names, so a re-delivered trigger redoes the same work.
/// </summary>
public sealed partial class UploadIngestionService(
    StorageClients storage,
    UploadLedger ledger,
    UploadBlobIndex blobIndex,
    PartialAggregateStore partials,
    IOptions<PipelineOptions> options,
    TimeProvider clock,
    ILogger<UploadIngestionService> logger)
{
    public const string TransactionsKind = "transactions";

    public async Task<UploadLedgerEntry> IngestAsync(string blobPath, CancellationToken cancellationToken)
    {
        var kind = KindOf(blobPath);
        var blob = storage.Container(StorageNames.Containers.Uploads).GetBlobClient(blobPath);
        var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        var readOptions = new BlobOpenReadOptions(allowModifications: false) { Conditions = new() { IfMatch = properties.ETag } };

        string uploadId;
        await using (var content = await blob.OpenReadAsync(readOptions, cancellationToken))
            uploadId = await UploadIds.FromContentAsync(kind, content, cancellationToken);

        var record = await ledger.GetAsync(uploadId, cancellationToken);
        if (record is null || record.Status == UploadStatus.Processing)
        {
            record = new UploadLedgerEntry
            {
                UploadId = uploadId, Kind = kind, BlobName = blobPath, Status = UploadStatus.Processing,
                Bytes = properties.ContentLength, ReceivedAt = record?.ReceivedAt ?? clock.GetUtcNow(),
            };
            await ledger.SaveAsync(record, cancellationToken);
            record = UploadPaths.Problem(blobPath) is { } problem
                ? Fail(record, new UploadRejectedException(blobPath, problem + "."))
                : await ReadAndAggregateAsync(blob, readOptions, record, cancellationToken);
            await ledger.SaveAsync(record, cancellationToken);
        }

        var counts = record.Status != UploadStatus.Failed;
        var previous = await blobIndex.PointAsync(kind, new BlobIndexEntry(blobPath, uploadId, properties.ETag.ToString(), counts), cancellationToken);
        // Recompute when this content newly counts, is not finished yet, or when the blob's earlier content stops counting.
        var mustReduce = counts
            ? previous?.UploadId != uploadId || previous?.Counts != true || record.Status != UploadStatus.Completed
            : previous is { Counts: true };
        if (!mustReduce)
        {
            LogAlreadyCounted(logger, uploadId);
            return record;
        }
        await EnqueueBucketsAsync(uploadId, kind, cancellationToken);
        LogQueued(logger, uploadId, record.RowsAccepted, record.RowsRejected, options.Value.CustomerBuckets);
        return record;
    }

    private UploadLedgerEntry Fail(UploadLedgerEntry record, UploadRejectedException e)
    {
        LogFailed(logger, record.UploadId, e.Reason);
        return record with { Status = UploadStatus.Failed, Failure = e.Message, RowsAccepted = 0 };
    }

    private async Task<UploadLedgerEntry> ReadAndAggregateAsync(BlobClient blob, BlobOpenReadOptions readOptions, UploadLedgerEntry record, CancellationToken cancellationToken)
    {
        var bucketCount = options.Value.CustomerBuckets;
        var buckets = Enumerable.Range(0, bucketCount).Select(_ => new CustomerPurchaseAggregator()).ToArray();
        var rejectedName = $"{record.UploadId}.csv";
        long read = 0, accepted = 0, rejected = 0;
        var rejections = new StringBuilder();
        try
        {
            if (record.Kind != TransactionsKind)
                throw new UploadRejectedException(blob.Name, $"uploads of kind '{record.Kind}' are not processed yet; supported: {TransactionsKind}.");
            await using var content = await blob.OpenReadAsync(readOptions, cancellationToken);
            foreach (var row in TransactionFileReader.Read(content, blob.Name))
            {
                read++;
                if (row.Rejection is { } r)
                {
                    rejected++;
                    AppendRejection(rejections, r);
                    continue;
                }
                accepted++;
                var t = row.Value;
                buckets[CustomerBuckets.Of(t.CustomerId, bucketCount)].Add(t);
            }
        }
        catch (UploadRejectedException e)
        {
            return Fail(record with { RowsRead = read, RowsRejected = rejected }, e);
        }

        string? rejectedBlob = null;
        if (rejected > 0)
        {
            var header = "line,column,reason,value\n";
            await storage.Container(StorageNames.Containers.Rejected).GetBlobClient(rejectedName)
                .UploadAsync(BinaryData.FromString(header + rejections), overwrite: true, cancellationToken);
            rejectedBlob = $"{StorageNames.Containers.Rejected}/{rejectedName}";
        }
        for (var b = 0; b < bucketCount; b++)
            await partials.WriteAsync(record.UploadId, b, buckets[b].Summaries, cancellationToken);

        return record with
        {
            Status = UploadStatus.Aggregating, RowsRead = read, RowsAccepted = accepted, RowsRejected = rejected,
            ChunksTotal = bucketCount, ChunksDone = 0, RejectedBlob = rejectedBlob,
        };
    }

    private async Task EnqueueBucketsAsync(string uploadId, string kind, CancellationToken cancellationToken)
    {
        var queue = storage.Queue(StorageNames.Queues.Metrics);
        for (var b = 0; b < options.Value.CustomerBuckets; b++)
            await queue.SendMessageAsync(JsonSerializer.Serialize(new BucketWorkItem(uploadId, kind, b)), cancellationToken);
    }

    private static void AppendRejection(StringBuilder csv, RowRejection r)
    {
        csv.Append(r.Line.ToString(CultureInfo.InvariantCulture)).Append(',')
            .Append(CsvField(r.Column)).Append(',').Append(CsvField(r.Reason)).Append(',').Append(CsvField(r.RawValue)).Append('\n');
    }

    private static string CsvField(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    /// <summary>uploads/{kind}/{file}: the first path segment names the kind.</summary>
    public static string KindOf(string blobPath)
    {
        var slash = blobPath.IndexOf('/');
        return slash > 0 ? blobPath[..slash].ToLowerInvariant() : "unknown";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload {UploadId} is already counted; nothing to do")]
    private static partial void LogAlreadyCounted(ILogger logger, string uploadId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upload {UploadId}: {Accepted} rows accepted, {Rejected} rejected; {Buckets} buckets queued")]
    private static partial void LogQueued(ILogger logger, string uploadId, long accepted, long rejected, int buckets);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload {UploadId} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string uploadId, string reason);
}
