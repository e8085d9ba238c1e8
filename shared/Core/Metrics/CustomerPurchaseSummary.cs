using CustomerValue.Domain;

namespace CustomerValue.Metrics;

/// <summary>
/// What one customer's transactions add up to, kept as spend per purchase day so that summaries
/// from several uploads merge exactly (a day seen in two files is still one purchase day).
/// Purchase days feed the repeat-purchase models: x = purchase days - 1.
/// </summary>
public sealed class CustomerPurchaseSummary
{
    // Spend per day as a sorted array: a fifth of a SortedDictionary's memory, which matters at a million rows
    // (every customer of an upload is held until the upload is aggregated). Days mostly arrive in order: appends.
    private KeyValuePair<int, decimal>[] days = [];
    private int dayCount;

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

    /// <summary>Spend per purchase day (day number), in day order.</summary>
    public IReadOnlyList<KeyValuePair<int, decimal>> SpendByDay => new ArraySegment<KeyValuePair<int, decimal>>(days, 0, dayCount);

    public int PurchaseDays => dayCount;

    public DateOnly? FirstPurchase => dayCount == 0 ? null : DateOnly.FromDayNumber(days[0].Key);

    public DateOnly? LastPurchase => dayCount == 0 ? null : DateOnly.FromDayNumber(days[dayCount - 1].Key);

    public decimal AverageTransactionSize => Orders == 0 ? 0m : GrossRevenue / Orders;

    public void Add(in Transaction transaction)
    {
        Lines++;
        if (transaction.Amount >= 0)
        {
            Orders++;
            GrossRevenue += transaction.Amount;
            AddSpend(transaction.Date.DayNumber, transaction.Amount);
        }
        else if (transaction.Amount < 0)
        {
            Refunds += -transaction.Amount;
        }
    }

    /// <summary>False when adding the transaction would take a total beyond what a decimal holds.</summary>
    public bool CanAdd(in Transaction transaction) => transaction.Amount >= 0
        ? decimal.MaxValue - GrossRevenue >= transaction.Amount
        : decimal.MaxValue - Refunds >= -transaction.Amount;

    /// <summary>
    /// False when merging the other summary would take a total beyond what a decimal holds: two uploads each within
    /// range can overflow together, and that must refuse the one customer, not the bucket's whole recomputation.
    /// </summary>
    public bool CanMerge(CustomerPurchaseSummary other) =>
        decimal.MaxValue - GrossRevenue >= other.GrossRevenue && decimal.MaxValue - Refunds >= other.Refunds;

    /// <summary>Adds another partial summary of the same customer (from another upload or chunk).</summary>
    public void Merge(CustomerPurchaseSummary other)
    {
        if (!string.Equals(other.CustomerId, CustomerId, StringComparison.Ordinal))
            throw new ArgumentException($"Cannot merge customer '{other.CustomerId}' into '{CustomerId}'.", nameof(other));
        MergeTotals(other.Lines, other.Orders, other.GrossRevenue, other.Refunds, other.SpendByDay);
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
            AddSpend(day, spend);
    }

    private void AddSpend(int day, decimal amount)
    {
        var index = dayCount > 0 && days[dayCount - 1].Key < day ? ~dayCount : Array.BinarySearch(days, 0, dayCount, new(day, 0m), DayOrder.Instance);
        if (index >= 0)
        {
            days[index] = new(day, days[index].Value + amount);
            return;
        }
        index = ~index;
        if (dayCount == days.Length) Array.Resize(ref days, Math.Max(4, dayCount * 2));
        Array.Copy(days, index, days, index + 1, dayCount - index);
        days[index] = new(day, amount);
        dayCount++;
    }

    private sealed class DayOrder : IComparer<KeyValuePair<int, decimal>>
    {
        public static readonly DayOrder Instance = new();
        public int Compare(KeyValuePair<int, decimal> x, KeyValuePair<int, decimal> y) => x.Key.CompareTo(y.Key);
    }

    /// <summary>Repeat-purchase summary (x, t_x, T in days) at <paramref name="asOf"/>, the input of BG/NBD and Gamma-Gamma.</summary>
    public RepeatPurchaseSummary ToRepeatSummary(DateOnly asOf)
    {
        if (dayCount == 0) return new RepeatPurchaseSummary(CustomerId, 0, 0, 0, 0m);
        var first = days[0].Key;
        var last = days[dayCount - 1].Key;
        var repeatSpend = 0m;
        for (var i = 1; i < dayCount; i++) repeatSpend += days[i].Value;
        var x = dayCount - 1;
        return new RepeatPurchaseSummary(
            CustomerId, x, last - first, Math.Max(0, asOf.DayNumber - first), x == 0 ? 0m : repeatSpend / x);
    }
}

/// <summary>x repeat purchase days, t_x day of the last purchase and T age, both counted in days from the first purchase.</summary>
public readonly record struct RepeatPurchaseSummary(string CustomerId, int Frequency, int RecencyDays, int AgeDays, decimal MeanRepeatSpend);
