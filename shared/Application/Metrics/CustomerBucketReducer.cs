using CustomerValue.Metrics;
using CustomerValue.Storage.Customers;
using CustomerValue.Storage.Uploads;
using Microsoft.Extensions.Logging;

namespace CustomerValue.Application.Metrics;

/// <summary>
/// The queue-triggered stage: recomputes one customer bucket from the partials of every upload that counts and
/// replaces that bucket's rows. The result depends only on the set of counting uploads, so duplicates and
/// retries change nothing. If that set changes while writing (another upload landed), it computes again, so the
/// last writer always wrote the newest set.
/// </summary>
public sealed partial class CustomerBucketReducer(
    UploadBlobIndex blobIndex,
    PartialAggregateStore partials,
    CustomerTable customers,
    UploadLedger ledger,
    ILogger<CustomerBucketReducer> logger)
{
    private const int MaxPasses = 5;

    public async Task ReduceAsync(BucketWorkItem work, CancellationToken cancellationToken)
    {
        var active = await blobIndex.ActiveUploadsAsync(work.Kind, cancellationToken);
        var refused = new List<(string UploadId, string CustomerId)>();
        for (var pass = 1; ; pass++)
        {
            var aggregator = new CustomerPurchaseAggregator();
            refused.Clear();
            foreach (var uploadId in active)
            {
                var part = await partials.ReadAsync(uploadId, work.Bucket, cancellationToken);
                if (part is null) continue; // not written yet: that upload's own messages will include it
                foreach (var summary in part)
                    if (!aggregator.TryMerge(summary)) refused.Add((uploadId, summary.CustomerId));
            }
            await customers.ReplaceBucketAsync(work.Bucket, aggregator.Summaries, cancellationToken);

            var after = await blobIndex.ActiveUploadsAsync(work.Kind, cancellationToken);
            if (after.SequenceEqual(active, StringComparer.Ordinal) || pass == MaxPasses) break;
            LogRecompute(logger, work.Bucket, pass);
            active = after;
        }
        // A customer whose totals over several uploads would overflow keeps the earlier uploads' part; the upload whose
        // part was refused says so in its ledger notes, and the bucket's other customers are written as usual.
        foreach (var (uploadId, customerId) in refused)
        {
            LogRefused(logger, work.Bucket, customerId, uploadId);
            await ledger.AddNoteAsync(uploadId,
                $"customer '{customerId}' is not counted from this upload: with the other uploads its totals would go beyond the largest amount that can be kept ({decimal.MaxValue:E2})",
                cancellationToken);
        }
        await ledger.MarkChunkDoneAsync(work.UploadId, work.Bucket, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bucket {Bucket}: customer {CustomerId} of upload {UploadId} is not counted, its totals would overflow")]
    private static partial void LogRefused(ILogger logger, int bucket, string customerId, string uploadId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bucket {Bucket}: the counting uploads changed during pass {Pass}; computing again")]
    private static partial void LogRecompute(ILogger logger, int bucket, int pass);
}
