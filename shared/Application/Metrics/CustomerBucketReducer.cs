using CustomerValue.Metrics;
using CustomerValue.Storage.Customers;
using CustomerValue.Storage.Uploads;
using Microsoft.Extensions.Logging;

namespace CustomerValue.Application.Metrics;

/// <summary>
/// The queue-triggered stage: brings customer buckets in line with one upload. If the upload counts (its ledger
/// says Aggregating or Completed) its partial for each bucket is added, slice by slice, unless the bucket already
/// contains it; if it no longer counts (removed, or replaced by a new version of its blob) its partial is
/// subtracted, if the bucket contains it. The work is the upload's own customers in those buckets, whatever the
/// buckets already hold. Should the upload's standing change meanwhile, the buckets are brought in line again, so
/// the last message about an upload always leaves the buckets as the ledger says.
/// </summary>
public sealed partial class CustomerBucketReducer(
    PartialAggregateStore partials,
    CustomerTable customers,
    UploadLedger ledger,
    ILogger<CustomerBucketReducer> logger)
{
    private const int MaxPasses = 5;
    private const int BucketParallelism = 8;

    /// <summary>One bucket, as the metrics queue asks.</summary>
    public Task ReduceAsync(BucketWorkItem work, CancellationToken cancellationToken) =>
        ReduceBucketsAsync(work.UploadId, [work.Bucket], cancellationToken);

    /// <summary>Several buckets of one upload at once: how a small upload is reduced right after it is read.</summary>
    /// <param name="written">The upload's partials by bucket when the caller has just written them (they are not read
    /// back); otherwise each bucket's partial is read.</param>
    /// <returns>The ledger entry as the reduction left it.</returns>
    public async Task<UploadLedgerEntry?> ReduceBucketsAsync(string uploadId, IReadOnlyList<int> buckets, CancellationToken cancellationToken,
        IReadOnlyDictionary<int, IReadOnlyList<CustomerPurchaseSummary>>? written = null)
    {
        LogStarting(logger, uploadId, buckets.Count, buckets[0]);
        var record = await ledger.GetAsync(uploadId, cancellationToken)
            ?? throw new InvalidDataException($"Upload {uploadId} has no ledger entry; its buckets cannot be reduced.");
        var slices = await Task.WhenAll(buckets.Select(async b => CustomerTable.SlicesOf(
            written?.GetValueOrDefault(b) ?? await partials.ReadAsync(uploadId, b, cancellationToken) ?? [])));
        for (var pass = 1; ; pass++)
        {
            var change = record.Status.Counts() ? BucketChange.Add : BucketChange.Subtract;
            var changed = 0;
            var refused = new List<string>();
            await Parallel.ForEachAsync(Enumerable.Range(0, buckets.Count),
                new ParallelOptions { MaxDegreeOfParallelism = BucketParallelism, CancellationToken = cancellationToken }, async (i, ct) =>
                {
                    for (var s = 0; s < slices[i].Count; s++)
                        if (await customers.ApplySliceAsync(buckets[i], uploadId, s, slices[i][s], change, ct, id => { lock (refused) refused.Add(id); })) Interlocked.Increment(ref changed);
                });

            // A customer whose totals over several uploads would overflow keeps the earlier uploads' part; this upload
            // says so in its ledger notes, and the bucket's other customers are written as usual.
            if (refused.Count > 0) LogRefused(logger, uploadId, refused.Count);
            foreach (var customerId in refused)
            {
                await ledger.AddNoteAsync(uploadId,
                    $"customer '{customerId}' is not counted from this upload: with the other uploads its totals would go beyond the largest amount that can be kept ({decimal.MaxValue:E2})",
                    cancellationToken);
            }
            var after = await ledger.GetAsync(uploadId, cancellationToken) ?? record;
            if (after.Status.Counts() == record.Status.Counts() || pass == MaxPasses)
            {
                var final = change == BucketChange.Add
                    ? await ledger.MarkChunksDoneAsync(uploadId, buckets, cancellationToken)
                    : await ledger.MarkChunksRemovedAsync(uploadId, buckets, cancellationToken);
                LogReduced(logger, uploadId, buckets.Count, buckets[0], change, changed, slices.Sum(s => s.Count), slices.Sum(s => s.Sum(x => x.Length)));
                return final;
            }
            LogStandingChanged(logger, uploadId, buckets[0], pass);
            record = after;
        }
    }

    [LoggerMessage(EventId = LogEvents.Metrics + 1, Level = LogLevel.Information, Message = "Upload {UploadId}: reducing {Buckets} bucket(s) from bucket {Bucket}")]
    private static partial void LogStarting(ILogger logger, string uploadId, int buckets, int bucket);

    [LoggerMessage(EventId = LogEvents.Metrics + 2, Level = LogLevel.Information,
        Message = "Upload {UploadId}: {Buckets} bucket(s) from bucket {Bucket} done ({Change}: {Changed} of {Slices} slices changed, {Customers} customers; unchanged slices were already in that state)")]
    private static partial void LogReduced(ILogger logger, string uploadId, int buckets, int bucket, BucketChange change, int changed, int slices, int customers);

    [LoggerMessage(EventId = LogEvents.Metrics + 3, Level = LogLevel.Information, Message = "Upload {UploadId}: its standing changed while bucket {Bucket} was reduced (pass {Pass}); reducing again")]
    private static partial void LogStandingChanged(ILogger logger, string uploadId, int bucket, int pass);

    [LoggerMessage(EventId = LogEvents.Metrics + 4, Level = LogLevel.Warning, Message = "Upload {UploadId}: {Customers} customer(s) not counted from it, their totals would overflow (named in the ledger notes)")]
    private static partial void LogRefused(ILogger logger, string uploadId, int customers);
}
