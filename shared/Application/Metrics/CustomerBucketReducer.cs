using CustomerValue.Storage.Customers;
using CustomerValue.Storage.Uploads;
using Microsoft.Extensions.Logging;

namespace CustomerValue.Application.Metrics;

/// <summary>
/// The queue-triggered stage: brings one customer bucket in line with one upload. If the upload counts (its ledger
/// says Aggregating or Completed) its partial for the bucket is added, slice by slice, unless the bucket already
/// contains it; if it no longer counts (removed, or replaced by a new version of its blob) its partial is
/// subtracted, if the bucket contains it. The work is the upload's own customers in that bucket, whatever the
/// bucket already holds. Should the upload's standing change while the bucket is being changed, the bucket is
/// brought in line again, so the last message about an upload always leaves the bucket as the ledger says.
/// </summary>
public sealed partial class CustomerBucketReducer(
    PartialAggregateStore partials,
    CustomerTable customers,
    UploadLedger ledger,
    ILogger<CustomerBucketReducer> logger)
{
    private const int MaxPasses = 5;

    public async Task ReduceAsync(BucketWorkItem work, CancellationToken cancellationToken)
    {
        LogStarting(logger, work.UploadId, work.Bucket);
        var record = await ledger.GetAsync(work.UploadId, cancellationToken)
            ?? throw new InvalidDataException($"Upload {work.UploadId} has no ledger entry; its bucket {work.Bucket} cannot be reduced.");
        var part = await partials.ReadAsync(work.UploadId, work.Bucket, cancellationToken) ?? [];
        var slices = CustomerTable.SlicesOf(part);
        for (var pass = 1; ; pass++)
        {
            var change = record.Status.Counts() ? BucketChange.Add : BucketChange.Subtract;
            var changed = 0;
            for (var s = 0; s < slices.Count; s++)
                if (await customers.ApplySliceAsync(work.Bucket, work.UploadId, s, slices[s], change, cancellationToken)) changed++;

            var after = await ledger.GetAsync(work.UploadId, cancellationToken) ?? record;
            if (after.Status.Counts() == record.Status.Counts() || pass == MaxPasses)
            {
                if (change == BucketChange.Add) await ledger.MarkChunkDoneAsync(work.UploadId, work.Bucket, cancellationToken);
                else await ledger.MarkChunkRemovedAsync(work.UploadId, work.Bucket, cancellationToken);
                LogReduced(logger, work.UploadId, work.Bucket, change, changed, slices.Count, part.Count);
                return;
            }
            LogStandingChanged(logger, work.UploadId, work.Bucket, pass);
            record = after;
        }
    }

    [LoggerMessage(EventId = LogEvents.Metrics + 1, Level = LogLevel.Information, Message = "Upload {UploadId}: reducing bucket {Bucket}")]
    private static partial void LogStarting(ILogger logger, string uploadId, int bucket);

    [LoggerMessage(EventId = LogEvents.Metrics + 2, Level = LogLevel.Information,
        Message = "Upload {UploadId}: bucket {Bucket} done ({Change}: {Changed} of {Slices} slices changed, {Customers} customers; unchanged slices were already in that state)")]
    private static partial void LogReduced(ILogger logger, string uploadId, int bucket, BucketChange change, int changed, int slices, int customers);

    [LoggerMessage(EventId = LogEvents.Metrics + 3, Level = LogLevel.Information, Message = "Upload {UploadId}: its standing changed while bucket {Bucket} was reduced (pass {Pass}); reducing again")]
    private static partial void LogStandingChanged(ILogger logger, string uploadId, int bucket, int pass);
}
