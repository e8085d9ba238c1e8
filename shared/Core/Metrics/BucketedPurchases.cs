using CustomerValue.Domain;
using CustomerValue.Ingestion;

namespace CustomerValue.Metrics;

/// <summary>Folds the transactions of an upload into customer buckets as they are read.</summary>
public static class BucketedPurchases
{
    /// <summary>
    /// Adds each accepted transaction to its customer's bucket and passes every row on (to be counted). A transaction
    /// that would take its customer's totals beyond what a decimal holds becomes a rejected row naming the amount
    /// column, instead of an overflow that would lose the whole upload.
    /// </summary>
    public static IEnumerable<RowResult<Transaction>> AddTo(this IEnumerable<RowResult<Transaction>> rows, CustomerPurchaseAggregator[] buckets, string? amountColumn)
    {
        foreach (var row in rows)
        {
            if (row.IsAccepted && !buckets[CustomerBuckets.Of(row.Value.CustomerId, buckets.Length)].TryAdd(row.Value))
            {
                yield return RowResult<Transaction>.Reject(row.Line, amountColumn,
                    $"the amount {row.Value.Amount:E2} would take the total of customer '{row.Value.CustomerId}' beyond the largest amount that can be kept ({decimal.MaxValue:E2})",
                    row.Value.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
                continue;
            }
            yield return row;
        }
    }
}
