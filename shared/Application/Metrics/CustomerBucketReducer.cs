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
        for (var pass = 1; ; pass++)
        {
            var aggregator = new CustomerPurchaseAggregator();
            foreach (var uploadId in active)
            {
                var part = await partials.ReadAsync(uploadId, work.Bucket, cancellationToken);
                if (part is null) continue; // not written yet: that upload's own messages will include it
                foreach (var summary in part) aggregator.Merge(summary);
            }
            await customers.ReplaceBucketAsync(work.Bucket, aggregator.Summaries, cancellationToken);

            var after = await blobIndex.ActiveUploadsAsync(work.Kind, cancellationToken);
            if (after.SequenceEqual(active, StringComparer.Ordinal) || pass == MaxPasses) break;
            LogRecompute(logger, work.Bucket, pass);
            active = after;
        }
        await ledger.MarkChunkDoneAsync(work.UploadId, work.Bucket, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bucket {Bucket}: the counting uploads changed during pass {Pass}; computing again")]
    private static partial void LogRecompute(ILogger logger, int bucket, int pass);
}
