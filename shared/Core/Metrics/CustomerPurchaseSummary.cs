using CustomerValue.Domain;

namespace CustomerValue.Metrics;

/// <summary>
/// What one customer's transactions add up to, kept as spend per purchase day so that summaries
/// from several uploads merge exactly (a day seen in two files is still one purchase day).
/// Purchase days feed the repeat-purchase models: x = purchase days - 1.
/// </summary>
public sealed class CustomerPurchaseSummary
{
    private readonly SortedDictionary<int, decimal> spendByDay = new();

    public CustomerPurchaseSummary(string customerId) => CustomerId = customerId;

    public string CustomerId { get; }

    /// <summary>Every accepted line: purchases, free items and refunds alike.</summary>
    public int Lines { get; private set; }

    /// <summary>Lines that are not refunds (amount zero or more): a free item is still a purchase.</summary>
    public int Orders { get; private set; }

    /// <summary>Sum of positive amounts.</summary>
    public decimal GrossRevenue { get; private set; }

    /// <summary>Sum of refunds and cancellations, as a positive number.</summary>
    public decimal Refunds { get; private set; }

    public decimal NetRevenue => GrossRevenue - Refunds;

    public IReadOnlyDictionary<int, decimal> SpendByDay => spendByDay;

    public int PurchaseDays => spendByDay.Count;

    public DateOnly? FirstPurchase => spendByDay.Count == 0 ? null : DateOnly.FromDayNumber(spendByDay.Keys.First());

    public DateOnly? LastPurchase => spendByDay.Count == 0 ? null : DateOnly.FromDayNumber(spendByDay.Keys.Last());

    public decimal AverageTransactionSize => Orders == 0 ? 0m : GrossRevenue / Orders;

    public void Add(in Transaction transaction)
    {
        Lines++;
        if (transaction.Amount >= 0)
        {
            Orders++;
            GrossRevenue += transaction.Amount;
            var day = transaction.Date.DayNumber;
            spendByDay[day] = spendByDay.GetValueOrDefault(day) + transaction.Amount;
        }
        else if (transaction.Amount < 0)
        {
            Refunds += -transaction.Amount;
        }
    }

    /// <summary>Adds another partial summary of the same customer (from another upload or chunk).</summary>
    public void Merge(CustomerPurchaseSummary other)
    {
        if (!string.Equals(other.CustomerId, CustomerId, StringComparison.Ordinal))
            throw new ArgumentException($"Cannot merge customer '{other.CustomerId}' into '{CustomerId}'.", nameof(other));
        MergeTotals(other.Lines, other.Orders, other.GrossRevenue, other.Refunds, other.spendByDay);
    }

    /// <summary>Rebuilds a summary from its stored parts (see <see cref="SpendByDay"/>).</summary>
    public static CustomerPurchaseSummary Restore(string customerId, int lines, int orders, decimal grossRevenue, decimal refunds, IEnumerable<KeyValuePair<int, decimal>> spendByDay)
    {
        var summary = new CustomerPurchaseSummary(customerId);
        summary.MergeTotals(lines, orders, grossRevenue, refunds, spendByDay);
        return summary;
    }

    private void MergeTotals(int lines, int orders, decimal gross, decimal refunds, IEnumerable<KeyValuePair<int, decimal>> days)
    {
        Lines += lines;
        Orders += orders;
        GrossRevenue += gross;
        Refunds += refunds;
        foreach (var (day, spend) in days)
            spendByDay[day] = spendByDay.GetValueOrDefault(day) + spend;
    }

    /// <summary>Repeat-purchase summary (x, t_x, T in days) at <paramref name="asOf"/>, the input of BG/NBD and Gamma-Gamma.</summary>
    public RepeatPurchaseSummary ToRepeatSummary(DateOnly asOf)
    {
        if (spendByDay.Count == 0) return new RepeatPurchaseSummary(CustomerId, 0, 0, 0, 0m);
        var first = spendByDay.Keys.First();
        var last = spendByDay.Keys.Last();
        var repeatSpend = spendByDay.Skip(1).Sum(kv => kv.Value);
        var x = spendByDay.Count - 1;
        return new RepeatPurchaseSummary(
            CustomerId, x, last - first, Math.Max(0, asOf.DayNumber - first), x == 0 ? 0m : repeatSpend / x);
    }
}

/// <summary>x repeat purchase days, t_x day of the last purchase and T age, both counted in days from the first purchase.</summary>
public readonly record struct RepeatPurchaseSummary(string CustomerId, int Frequency, int RecencyDays, int AgeDays, decimal MeanRepeatSpend);
