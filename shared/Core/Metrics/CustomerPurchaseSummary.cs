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
    // Orders per day, beside the spend: a day stays a purchase day while any order of it is counted, so removing one
    // upload's contribution cannot drop a day that another upload also bought on (a free item has spend 0).
    private int[] ordersOnDay = [];
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

    /// <summary>Each purchase day with its orders and spend, in day order: what <see cref="Restore"/> takes back.</summary>
    public IEnumerable<PurchaseDay> Days()
    {
        for (var i = 0; i < dayCount; i++) yield return new PurchaseDay(days[i].Key, ordersOnDay[i], days[i].Value);
    }

    /// <summary>True when nothing is counted for the customer any more (every contribution was subtracted).</summary>
    public bool IsEmpty => Lines == 0 && dayCount == 0 && GrossRevenue == 0m && Refunds == 0m;

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
            AddSpend(transaction.Date.DayNumber, 1, transaction.Amount);
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

    /// <summary>Adds another partial summary of the same customer (from another upload or chunk).</summary>
    public void Merge(CustomerPurchaseSummary other)
    {
        if (!string.Equals(other.CustomerId, CustomerId, StringComparison.Ordinal))
            throw new ArgumentException($"Cannot merge customer '{other.CustomerId}' into '{CustomerId}'.", nameof(other));
        MergeTotals(other.Lines, other.Orders, other.GrossRevenue, other.Refunds, other.Days());
    }

    /// <summary>
    /// Takes back a contribution that was merged in earlier (an upload being removed or replaced). Decimal arithmetic
    /// makes it exact: merging and then subtracting a summary leaves the totals as they were, cent for cent.
    /// </summary>
    /// <exception cref="InvalidOperationException">The contribution was never merged in: a count would go below zero.</exception>
    public void Subtract(CustomerPurchaseSummary other)
    {
        if (!string.Equals(other.CustomerId, CustomerId, StringComparison.Ordinal))
            throw new ArgumentException($"Cannot subtract customer '{other.CustomerId}' from '{CustomerId}'.", nameof(other));
        if (other.Lines > Lines || other.Orders > Orders || other.GrossRevenue > GrossRevenue || other.Refunds > Refunds)
            throw new InvalidOperationException($"The customer holds fewer lines, orders, revenue or refunds ({Lines}, {Orders}, {GrossRevenue}, {Refunds}) than the contribution being subtracted ({other.Lines}, {other.Orders}, {other.GrossRevenue}, {other.Refunds}).");
        foreach (var day in other.Days())
        {
            var index = Array.BinarySearch(days, 0, dayCount, new(day.Day, 0m), DayOrder.Instance);
            if (index < 0 || ordersOnDay[index] < day.Orders || days[index].Value < day.Spend)
                throw new InvalidOperationException($"The customer holds fewer orders or less spend on day {day.Day} than the contribution being subtracted.");
        }
        Lines -= other.Lines;
        Orders -= other.Orders;
        GrossRevenue -= other.GrossRevenue;
        Refunds -= other.Refunds;
        foreach (var day in other.Days())
            AddSpend(day.Day, -day.Orders, -day.Spend);
    }

    /// <summary>Rebuilds a summary from its stored parts (see <see cref="Days"/>).</summary>
    public static CustomerPurchaseSummary Restore(string customerId, int lines, int orders, decimal grossRevenue, decimal refunds, IEnumerable<PurchaseDay> purchaseDays)
    {
        var summary = new CustomerPurchaseSummary(customerId);
        summary.MergeTotals(lines, orders, grossRevenue, refunds, purchaseDays);
        return summary;
    }

    private void MergeTotals(int lines, int orders, decimal gross, decimal refunds, IEnumerable<PurchaseDay> purchaseDays)
    {
        Lines += lines;
        Orders += orders;
        GrossRevenue += gross;
        Refunds += refunds;
        foreach (var day in purchaseDays)
            AddSpend(day.Day, day.Orders, day.Spend);
    }

    private void AddSpend(int day, int orders, decimal amount)
    {
        var index = dayCount > 0 && days[dayCount - 1].Key < day ? ~dayCount : Array.BinarySearch(days, 0, dayCount, new(day, 0m), DayOrder.Instance);
        if (index >= 0)
        {
            ordersOnDay[index] += orders;
            if (ordersOnDay[index] > 0)
            {
                days[index] = new(day, days[index].Value + amount);
                return;
            }
            // The day's last order was taken back: it is no longer a purchase day.
            Array.Copy(days, index + 1, days, index, dayCount - index - 1);
            Array.Copy(ordersOnDay, index + 1, ordersOnDay, index, dayCount - index - 1);
            dayCount--;
            return;
        }
        index = ~index;
        if (dayCount == days.Length)
        {
            Array.Resize(ref days, Math.Max(4, dayCount * 2));
            Array.Resize(ref ordersOnDay, days.Length);
        }
        Array.Copy(days, index, days, index + 1, dayCount - index);
        Array.Copy(ordersOnDay, index, ordersOnDay, index + 1, dayCount - index);
        days[index] = new(day, amount);
        ordersOnDay[index] = orders;
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

/// <summary>One purchase day of a customer: how many orders (refunds excluded) and how much they spent that day.</summary>
public readonly record struct PurchaseDay(int Day, int Orders, decimal Spend);

/// <summary>x repeat purchase days, t_x day of the last purchase and T age, both counted in days from the first purchase.</summary>
public readonly record struct RepeatPurchaseSummary(string CustomerId, int Frequency, int RecencyDays, int AgeDays, decimal MeanRepeatSpend);
