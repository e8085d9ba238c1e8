using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CustomerValue.Ingestion;
using CustomerValue.Metrics;
using CustomerValue.Reports;
using CustomerValue.Storage.Customers;
using CustomerValue.Storage.Records;
using CustomerValue.Application.Sentiment;
using CustomerValue.Application.Messages;
using CustomerValue.Storage.Uploads;
using CustomerValue.Application.Uploads;
using CustomerValue.Application.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CustomerValue.Application.Ingestion;

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
    KindRecordStore records,
    UploadRemoval removal,
    CustomerBucketReducer reducer,
    IOptions<PipelineOptions> options,
    IOptions<IngestionLimits> limits,
    TimeProvider clock,
    IUploadRowsObserver rowsObserver,
    ILogger<UploadIngestionService> logger)
{
    /// <returns>The ledger entry, or null for a mapping file (read with its upload, not on its own).</returns>
    public async Task<UploadLedgerEntry?> IngestAsync(string blobPath, CancellationToken cancellationToken)
    {
        var kind = UploadKinds.OfFolder(blobPath);
        if (IsMappingFile(blobPath)) return null;
        var blob = storage.Container(StorageNames.Containers.Uploads).GetBlobClient(blobPath);
        var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        var readOptions = new BlobOpenReadOptions(allowModifications: false) { Conditions = new() { IfMatch = properties.ETag } };

        string uploadId;
        await using (var content = await blob.OpenReadAsync(readOptions, cancellationToken))
            uploadId = await UploadIds.FromContentAsync(kind?.Name() ?? UploadKinds.FolderOf(blobPath), content, cancellationToken);

        var record = await ledger.GetAsync(uploadId, cancellationToken);
        var attempt = $"{blobPath}@{properties.ETag}";
        // A failure belongs to its attempt: a redelivered trigger finds it, a new upload of the content is read again.
        IReadOnlyDictionary<int, IReadOnlyList<CustomerPurchaseSummary>>? written = null;
        var readNow = record is null || record.Status is UploadStatus.Processing or UploadStatus.Removing or UploadStatus.Removed
            || (record.Status == UploadStatus.Failed && record.Attempt != attempt);
        if (readNow)
        {
            LogReading(logger, uploadId, kind, properties.ContentLength);
            record = new UploadLedgerEntry
            {
                UploadId = uploadId, Kind = kind, BlobName = blobPath, Status = UploadStatus.Processing, Attempt = attempt,
                Bytes = properties.ContentLength, ReceivedAt = record?.ReceivedAt ?? clock.GetUtcNow(),
            };
            await ledger.SaveAsync(record, cancellationToken);
            (record, written) = UploadPaths.Problem(blobPath) is { } problem
                ? (Fail(record, new UploadRejectedException(blobPath, problem + ".")), null)
                : await ReadAndAggregateAsync(blob, readOptions, record, cancellationToken);
            await ledger.SaveAsync(record, cancellationToken);
            rowsObserver.RowsRead(kind, record.RowsAccepted, record.RowsRejected);
        }

        var counts = record!.Status != UploadStatus.Failed;
        var previous = await blobIndex.PointAsync(kind, new BlobIndexEntry(blobPath, uploadId, properties.ETag, counts), cancellationToken);
        if (previous is { Counts: true } && previous.UploadId != uploadId)
            await removal.WithdrawIfUnnamedAsync(kind, previous.UploadId, $"replaced by upload {uploadId}, a new version of its blob", cancellationToken);
        // Reduce when this content newly counts or is not finished yet; a bucket that already holds it is left as it is.
        var mustReduce = counts && (previous?.UploadId != uploadId || previous?.Counts != true || record.Status != UploadStatus.Completed);
        if (kind == UploadKind.Surveys && record.Status == UploadStatus.Aggregating)
        {
            await storage.Queue(StorageNames.Queues.Sentiment).SendMessageAsync(JsonSerializer.Serialize(new SentimentWorkItem(uploadId)), cancellationToken);
            LogQueuedSentiment(logger, uploadId, record.RowsAccepted, record.RowsRejected);
            return record;
        }
        if (!counts)
        {
            if (!readNow) LogFailedBefore(logger, uploadId);
            return record;
        }
        if (!mustReduce || UploadLedger.ChunksOf(record).Count == 0)
        {
            if (readNow) LogStored(logger, uploadId, kind, record.RowsAccepted, record.RowsRejected);
            else LogAlreadyCounted(logger, uploadId);
            return record;
        }
        var buckets = UploadLedger.ChunksOf(record);
        if (record.RowsAccepted <= options.Value.InlineReduceMaxRows)
        {
            LogReducingInline(logger, uploadId, record.RowsAccepted, record.RowsRejected, buckets.Count);
            // The partials just written are handed over rather than read back.
            return await reducer.ReduceBucketsAsync(uploadId, buckets, cancellationToken, written) ?? record;
        }
        await EnqueueBucketsAsync(uploadId, UploadKind.Transactions, buckets, cancellationToken);
        LogQueued(logger, uploadId, record.RowsAccepted, record.RowsRejected, buckets.Count);
        return record;
    }

    private UploadLedgerEntry Fail(UploadLedgerEntry record, UploadRejectedException e)
    {
        LogFailed(logger, record.UploadId, e.Reason);
        return record with { Status = UploadStatus.Failed, Failure = e.Message, RowsAccepted = 0 };
    }

    /// <returns>The ledger entry and, for transactions, the partial written for each bucket the upload touches.</returns>
    private async Task<(UploadLedgerEntry Record, IReadOnlyDictionary<int, IReadOnlyList<CustomerPurchaseSummary>>? Partials)> ReadAndAggregateAsync(
        BlobClient blob, BlobOpenReadOptions readOptions, UploadLedgerEntry record, CancellationToken cancellationToken)
    {
        var rejectedName = $"{record.UploadId}.csv";
        var counter = new RowCounter();
        var bucketCount = options.Value.CustomerBuckets;
        CustomerPurchaseAggregator[]? buckets = null;
        string? notes = null;
        try
        {
            if (record.Kind is not { } kind)
                throw new UploadRejectedException(blob.Name, $"'{UploadKinds.FolderOf(blob.Name)}' is not a kind of upload; put the file under one of: {KindList}.");
            var mapping = await MappingBesideAsync(blob, cancellationToken);
            await using var content = await blob.OpenReadAsync(readOptions, cancellationToken);
            using var reading = UploadReader.Open(content, blob.Name, kind, mapping, limits.Value);
            if (kind == UploadKind.Transactions)
            {
                buckets = Enumerable.Range(0, bucketCount).Select(_ => new CustomerPurchaseAggregator()).ToArray();
                foreach (var _ in counter.Accepted(reading.Transactions().AddTo(buckets, reading.ColumnOf(ColumnRole.Amount)))) { }
            }
            else
            {
                await records.WriteAsync(kind, record.UploadId,
                    counter.Accepted(reading.Records()).Select(r => (r.Line, r.Value!)).ToAsyncEnumerable(), cancellationToken);
            }
            // After the rows: the reading's warnings (a tail left unread) are known only once they have streamed.
            notes = DescribeReading(reading);
        }
        catch (UploadRejectedException e)
        {
            return (Fail(record with { RowsRead = counter.Read, RowsRejected = counter.Rejected }, e), null);
        }

        string? rejectedBlob = null;
        if (counter.Rejected > 0)
        {
            await storage.Container(StorageNames.Containers.Rejected).GetBlobClient(rejectedName)
                .UploadAsync(BinaryData.FromString(counter.RejectionsCsv.ToString()), overwrite: true, cancellationToken);
            rejectedBlob = $"{StorageNames.Containers.Rejected}/{rejectedName}";
        }
        // Only the buckets the upload touches get a partial and a message: a file of ten rows costs ten buckets at most.
        List<int>? touched = null;
        Dictionary<int, IReadOnlyList<CustomerPurchaseSummary>>? written = null;
        if (buckets is not null)
        {
            touched = Enumerable.Range(0, bucketCount).Where(b => buckets[b].Summaries.Any()).ToList();
            written = touched.ToDictionary(b => b, b => (IReadOnlyList<CustomerPurchaseSummary>)buckets[b].Summaries.ToList());
            await Parallel.ForEachAsync(touched, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
                (b, ct) => new ValueTask(partials.WriteAsync(record.UploadId, b, written[b], ct)));
        }

        // Transactions still need their customer buckets reduced and surveys their comments scored (one chunk);
        // other kinds are complete once stored.
        var chunks = touched?.Count ?? (record.Kind == UploadKind.Surveys ? 1 : 0);
        return (record with
        {
            Status = chunks == 0 ? UploadStatus.Completed : UploadStatus.Aggregating,
            CompletedAt = chunks == 0 ? clock.GetUtcNow() : null,
            RowsRead = counter.Read, RowsAccepted = counter.Read - counter.Rejected, RowsRejected = counter.Rejected,
            ChunksTotal = chunks, ChunksDone = 0, Buckets = touched, RejectedBlob = rejectedBlob, Notes = notes,
        }, written);
    }

    private static string DescribeReading(UploadReading reading)
    {
        var unsure = reading.Columns.Where(c => c.IsUnsure).Select(c => c.Name).ToList();
        var text = $"{reading.Format}, {reading.Encoding}" + (reading.Delimiter is null ? "" : $", delimiter {reading.DelimiterName}")
            + (unsure.Count == 0 ? "" : $"; unsure of the role of: {string.Join(", ", unsure)} (upload a .mapping.json beside the file to say)")
            + (reading.Notes.Count == 0 ? "" : "; " + string.Join("; ", reading.Notes))
            + (reading.Warnings.Count == 0 ? "" : "; warning: " + string.Join("; warning: ", reading.Warnings));
        return text.Length > 4000 ? text[..4000] : text;
    }

    private static readonly string KindList = string.Join(", ", Enum.GetNames<UploadKind>().Select(n => n.ToLowerInvariant()));

    /// <summary>An explicit column mapping uploaded beside the file: {file}.mapping.json or {file}.mapping.yaml.</summary>
    private async Task<UploadMapping?> MappingBesideAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        var container = storage.Container(StorageNames.Containers.Uploads);
        foreach (var suffix in MappingSuffixes)
        {
            var candidate = container.GetBlobClient(blob.Name + suffix);
            if (!await candidate.ExistsAsync(cancellationToken)) continue;
            var text = (await candidate.DownloadContentAsync(cancellationToken)).Value.Content.ToString();
            return UploadMapping.Parse(text, candidate.Name);
        }
        return null;
    }

    private static readonly string[] MappingSuffixes = [".mapping.json", ".mapping.yaml", ".mapping.yml"];

    /// <summary>True for the mapping files that sit beside uploads: they are read with their upload, not ingested.</summary>
    public static bool IsMappingFile(string blobPath) => MappingSuffixes.Any(s => blobPath.EndsWith(s, StringComparison.OrdinalIgnoreCase));

    /// <summary>Counts rows as they stream past and keeps the rejected ones as CSV lines.</summary>
    private sealed class RowCounter
    {
        public long Read { get; private set; }
        public long Rejected { get; private set; }
        /// <summary>Neutralised like every CSV the project writes; personal values arrive masked from the reading.</summary>
        public CsvReportWriter RejectionsCsv { get; } = new CsvReportWriter().Row("line", "column", "reason", "value");

        public IEnumerable<RowResult<T>> Accepted<T>(IEnumerable<RowResult<T>> rows)
        {
            foreach (var row in rows)
            {
                Read++;
                if (row.Rejection is { } r)
                {
                    Rejected++;
                    RejectionsCsv.Row(r.Line, r.Column, r.Reason, r.RawValue);
                    continue;
                }
                yield return row;
            }
        }
    }

    private async Task EnqueueBucketsAsync(string uploadId, UploadKind kind, IEnumerable<int> buckets, CancellationToken cancellationToken)
    {
        var queue = storage.Queue(StorageNames.Queues.Metrics);
        await Task.WhenAll(buckets.Select(b => queue.SendMessageAsync(JsonSerializer.Serialize(new BucketWorkItem(uploadId, kind, b)), cancellationToken)));
    }

    [LoggerMessage(EventId = LogEvents.Ingestion + 1, Level = LogLevel.Information, Message = "Upload {UploadId} ({Kind}, {Bytes} bytes): reading")]
    private static partial void LogReading(ILogger logger, string uploadId, UploadKind? kind, long bytes);

    [LoggerMessage(EventId = LogEvents.Ingestion + 2, Level = LogLevel.Information, Message = "Upload {UploadId} is already counted; nothing to do")]
    private static partial void LogAlreadyCounted(ILogger logger, string uploadId);

    [LoggerMessage(EventId = LogEvents.Ingestion + 3, Level = LogLevel.Information, Message = "Upload {UploadId}: {Accepted} rows accepted, {Rejected} rejected; {Buckets} buckets queued")]
    private static partial void LogQueued(ILogger logger, string uploadId, long accepted, long rejected, int buckets);

    [LoggerMessage(EventId = LogEvents.Ingestion + 4, Level = LogLevel.Warning, Message = "Upload {UploadId} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string uploadId, string reason);

    [LoggerMessage(EventId = LogEvents.Ingestion + 5, Level = LogLevel.Information, Message = "Upload {UploadId} ({Kind}): {Accepted} rows accepted, {Rejected} rejected; stored, complete")]
    private static partial void LogStored(ILogger logger, string uploadId, UploadKind? kind, long accepted, long rejected);

    [LoggerMessage(EventId = LogEvents.Ingestion + 6, Level = LogLevel.Information, Message = "Upload {UploadId}: {Accepted} rows accepted, {Rejected} rejected; comments queued for sentiment")]
    private static partial void LogQueuedSentiment(ILogger logger, string uploadId, long accepted, long rejected);

    [LoggerMessage(EventId = LogEvents.Ingestion + 8, Level = LogLevel.Information, Message = "Upload {UploadId}: {Accepted} rows accepted, {Rejected} rejected; reducing its {Buckets} buckets now")]
    private static partial void LogReducingInline(ILogger logger, string uploadId, long accepted, long rejected, int buckets);

    [LoggerMessage(EventId = LogEvents.Ingestion + 7, Level = LogLevel.Information, Message = "Upload {UploadId} failed when it was read before; nothing to do")]
    private static partial void LogFailedBefore(ILogger logger, string uploadId);
}
