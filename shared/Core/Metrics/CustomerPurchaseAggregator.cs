using CustomerValue.Domain;

namespace CustomerValue.Metrics;

/// <summary>Folds a stream of transactions into one summary per customer.</summary>
public sealed class CustomerPurchaseAggregator
{
    private readonly Dictionary<string, CustomerPurchaseSummary> summaries = new(StringComparer.Ordinal);

    public int CustomerCount => summaries.Count;

    public IEnumerable<CustomerPurchaseSummary> Summaries => summaries.Values;

    public void Add(in Transaction transaction) => GetOrCreate(transaction.CustomerId).Add(transaction);

    /// <summary>Adds the transaction unless it would take its customer's totals beyond what a decimal holds.</summary>
    public bool TryAdd(in Transaction transaction)
    {
        var summary = GetOrCreate(transaction.CustomerId);
        if (!summary.CanAdd(transaction)) return false;
        summary.Add(transaction);
        return true;
    }

    public void Merge(CustomerPurchaseSummary partial) => GetOrCreate(partial.CustomerId).Merge(partial);

    /// <summary>Merges the partial unless it would take its customer's totals beyond what a decimal holds.</summary>
    public bool TryMerge(CustomerPurchaseSummary partial)
    {
        var summary = GetOrCreate(partial.CustomerId);
        if (!summary.CanMerge(partial)) return false;
        summary.Merge(partial);
        return true;
    }

    private CustomerPurchaseSummary GetOrCreate(string customerId)
    {
        if (!summaries.TryGetValue(customerId, out var summary))
        {
            summary = new CustomerPurchaseSummary(customerId);
            summaries.Add(customerId, summary);
        }
        return summary;
    }
}
