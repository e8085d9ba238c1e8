using CustomerValue.Domain;
using CustomerValue.Kpis;

namespace CustomerValue.Metrics;

/// <summary>One purchase day of a customer: how many purchase lines and how much they spent that day.</summary>
public readonly record struct PurchaseDay(int Day, int Orders, decimal Spend)
{
    public DateOnly Date => DateOnly.FromDayNumber(Day);
}

/// <summary>
/// What one customer's transactions add up to, kept per day (purchase lines and spend per purchase day, refunds per
/// refund day) so that summaries from several uploads merge exactly (a day seen in two files is still one purchase
/// day) and so that the customer can be seen as of any earlier day (<see cref="Through"/>).
/// Purchase days feed the repeat-purchase models: x = purchase days - 1.
/// </summary>
public sealed class CustomerPurchaseSummary
{
    // Days as a sorted array: a fifth of a SortedDictionary's memory, which matters at a million rows (every customer
    // of an upload is held until the upload is aggregated). Days mostly arrive in order: appends. Refunds are rare:
    // their array stays null for most customers.
    private PurchaseDay[] days = [];
    private int dayCount;
    private KeyValuePair<int, decimal>[]? refundDays;
    private int refundCount;

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

    /// <summary>Purchase lines and spend per purchase day, in day order.</summary>
    public IReadOnlyList<PurchaseDay> Days => new ArraySegment<PurchaseDay>(days, 0, dayCount);

    /// <summary>Refunds (positive amounts) per refund day (day number), in day order.</summary>
    public IReadOnlyList<KeyValuePair<int, decimal>> RefundsByDay =>
        refundDays is null ? Array.Empty<KeyValuePair<int, decimal>>() : new ArraySegment<KeyValuePair<int, decimal>>(refundDays, 0, refundCount);

    public int PurchaseDays => dayCount;

    /// <summary>True when nothing is counted for the customer any more (every contribution was subtracted).</summary>
    public bool IsEmpty => Lines == 0 && dayCount == 0 && refundCount == 0 && GrossRevenue == 0m && Refunds == 0m;

    public DateOnly? FirstPurchase => dayCount == 0 ? null : DateOnly.FromDayNumber(days[0].Day);

    public DateOnly? LastPurchase => dayCount == 0 ? null : DateOnly.FromDayNumber(days[dayCount - 1].Day);

    /// <summary>The newest day with a purchase or a refund; null when there is neither.</summary>
    public DateOnly? LastActivity
    {
        get
        {
            var last = dayCount == 0 ? (int?)null : days[dayCount - 1].Day;
            if (refundCount > 0 && (last is null || refundDays![refundCount - 1].Key > last)) last = refundDays![refundCount - 1].Key;
            return last is { } d ? DateOnly.FromDayNumber(d) : null;
        }
    }

    public decimal AverageTransactionSize => Orders == 0 ? 0m : GrossRevenue / Orders;

    /// <summary>The totals the KPI snapshot reads.</summary>
    public CustomerTotals Totals => new(CustomerId, Orders, GrossRevenue, Refunds, PurchaseDays, FirstPurchase, LastPurchase);

    public void Add(in Transaction transaction)
    {
        Lines++;
        if (transaction.Amount >= 0)
        {
            Orders++;
            GrossRevenue += transaction.Amount;
            AddDay(transaction.Date.DayNumber, 1, transaction.Amount);
        }
        else
        {
            Refunds += -transaction.Amount;
            AddRefund(transaction.Date.DayNumber, -transaction.Amount);
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
        Lines += other.Lines;
        foreach (var day in other.Days) AddParsedDay(day);
        foreach (var (day, amount) in other.RefundsByDay) AddParsedRefund(day, amount);
    }

    /// <summary>
    /// Takes back a contribution that was merged in earlier (an upload being removed or replaced). Decimal arithmetic
    /// makes it exact: merging and then subtracting a summary leaves the customer as it was, cent for cent, and a day
    /// stays a purchase day while any order of it is still counted (another upload may have bought on it too).
    /// </summary>
    /// <exception cref="InvalidOperationException">The contribution was never merged in: a count would go below zero.</exception>
    public void Subtract(CustomerPurchaseSummary other)
    {
        if (!string.Equals(other.CustomerId, CustomerId, StringComparison.Ordinal))
            throw new ArgumentException($"Cannot subtract customer '{other.CustomerId}' from '{CustomerId}'.", nameof(other));
        if (other.Lines > Lines || other.Orders > Orders || other.GrossRevenue > GrossRevenue || other.Refunds > Refunds)
            throw new InvalidOperationException($"The customer holds fewer lines, orders, revenue or refunds ({Lines}, {Orders}, {GrossRevenue}, {Refunds}) than the contribution being subtracted ({other.Lines}, {other.Orders}, {other.GrossRevenue}, {other.Refunds}).");
        foreach (var day in other.Days)
        {
            var index = Array.BinarySearch(days, 0, dayCount, day, DayOrder.Instance);
            if (index < 0 || days[index].Orders < day.Orders || days[index].Spend < day.Spend)
                throw new InvalidOperationException($"The customer holds fewer orders or less spend on day {day.Date:yyyy-MM-dd} than the contribution being subtracted.");
        }
        foreach (var (day, amount) in other.RefundsByDay)
        {
            var index = refundDays is null ? -1 : Array.BinarySearch(refundDays, 0, refundCount, new(day, 0m), RefundOrder.Instance);
            if (index < 0 || refundDays![index].Value < amount)
                throw new InvalidOperationException($"The customer holds fewer refunds on day {DateOnly.FromDayNumber(day):yyyy-MM-dd} than the contribution being subtracted.");
        }
        Lines -= other.Lines;
        foreach (var day in other.Days) AddParsedDay(day with { Orders = -day.Orders, Spend = -day.Spend });
        foreach (var (day, amount) in other.RefundsByDay) AddParsedRefund(day, -amount);
    }

    /// <summary>Rebuilds a summary from its stored parts (see <see cref="Days"/> and <see cref="RefundsByDay"/>).</summary>
    public static CustomerPurchaseSummary Restore(string customerId, int lines, IEnumerable<PurchaseDay> purchaseDays, IEnumerable<KeyValuePair<int, decimal>> refunds)
    {
        var summary = new CustomerPurchaseSummary(customerId) { Lines = lines };
        foreach (var day in purchaseDays) summary.AddParsedDay(day);
        foreach (var (day, amount) in refunds) summary.AddParsedRefund(day, amount);
        return summary;
    }

    /// <summary>
    /// The customer as of the end of <paramref name="asOf"/>: only the purchase and refund days at or before it. The
    /// same instance when nothing is later (no copy for the usual snapshot dated after the data). Lines of the cut
    /// summary count its purchase lines and one line per refund day (the lines of one refund day are not kept apart).
    /// </summary>
    public CustomerPurchaseSummary Through(DateOnly asOf)
    {
        var last = asOf.DayNumber;
        if ((dayCount == 0 || days[dayCount - 1].Day <= last) && (refundCount == 0 || refundDays![refundCount - 1].Key <= last)) return this;
        var cut = new CustomerPurchaseSummary(CustomerId);
        for (var i = 0; i < dayCount && days[i].Day <= last; i++) cut.AddParsedDay(days[i]);
        for (var i = 0; i < refundCount && refundDays![i].Key <= last; i++) cut.AddParsedRefund(refundDays[i].Key, refundDays[i].Value);
        cut.Lines = cut.Orders + cut.refundCount;
        return cut;
    }

    private void AddParsedDay(PurchaseDay day)
    {
        Orders += day.Orders;
        GrossRevenue += day.Spend;
        AddDay(day.Day, day.Orders, day.Spend);
    }

    private void AddParsedRefund(int day, decimal amount)
    {
        Refunds += amount;
        AddRefund(day, amount);
    }

    private void AddDay(int day, int orders, decimal amount)
    {
        var index = dayCount > 0 && days[dayCount - 1].Day < day ? ~dayCount : Array.BinarySearch(days, 0, dayCount, new PurchaseDay(day, 0, 0m), DayOrder.Instance);
        if (index >= 0)
        {
            days[index] = days[index] with { Orders = days[index].Orders + orders, Spend = days[index].Spend + amount };
            if (days[index].Orders > 0) return;
            // The day's last order was taken back: it is no longer a purchase day.
            Array.Copy(days, index + 1, days, index, dayCount - index - 1);
            dayCount--;
            return;
        }
        index = ~index;
        if (dayCount == days.Length) Array.Resize(ref days, Math.Max(4, dayCount * 2));
        Array.Copy(days, index, days, index + 1, dayCount - index);
        days[index] = new PurchaseDay(day, orders, amount);
        dayCount++;
    }

    private void AddRefund(int day, decimal amount)
    {
        refundDays ??= new KeyValuePair<int, decimal>[2];
        var index = refundCount > 0 && refundDays[refundCount - 1].Key < day ? ~refundCount : Array.BinarySearch(refundDays, 0, refundCount, new(day, 0m), RefundOrder.Instance);
        if (index >= 0)
        {
            refundDays[index] = new(day, refundDays[index].Value + amount);
            if (refundDays[index].Value != 0m) return;
            // The day's refunds were all taken back.
            Array.Copy(refundDays, index + 1, refundDays, index, refundCount - index - 1);
            refundCount--;
            return;
        }
        index = ~index;
        if (refundCount == refundDays.Length) Array.Resize(ref refundDays, refundCount * 2);
        Array.Copy(refundDays, index, refundDays, index + 1, refundCount - index);
        refundDays[index] = new(day, amount);
        refundCount++;
    }

    private sealed class DayOrder : IComparer<PurchaseDay>
    {
        public static readonly DayOrder Instance = new();
        public int Compare(PurchaseDay x, PurchaseDay y) => x.Day.CompareTo(y.Day);
    }

    private sealed class RefundOrder : IComparer<KeyValuePair<int, decimal>>
    {
        public static readonly RefundOrder Instance = new();
        public int Compare(KeyValuePair<int, decimal> x, KeyValuePair<int, decimal> y) => x.Key.CompareTo(y.Key);
    }

    /// <summary>Repeat-purchase summary (x, t_x, T in days) at <paramref name="asOf"/>, the input of BG/NBD and Gamma-Gamma.</summary>
    public RepeatPurchaseSummary ToRepeatSummary(DateOnly asOf)
    {
        if (dayCount == 0) return new RepeatPurchaseSummary(CustomerId, 0, 0, 0, 0m);
        var first = days[0].Day;
        var last = days[dayCount - 1].Day;
        var repeatSpend = 0m;
        for (var i = 1; i < dayCount; i++) repeatSpend += days[i].Spend;
        var x = dayCount - 1;
        return new RepeatPurchaseSummary(
            CustomerId, x, last - first, Math.Max(0, asOf.DayNumber - first), x == 0 ? 0m : repeatSpend / x);
    }

    /// <summary>Writes the summary's parts (the one binary form, used by partial aggregates and the Customers table).</summary>
    public void WriteTo(BinaryWriter writer)
    {
        writer.Write(CustomerId);
        writer.Write(Lines);
        writer.Write(dayCount);
        for (var i = 0; i < dayCount; i++)
        {
            writer.Write(days[i].Day);
            writer.Write(days[i].Orders);
            writer.Write(days[i].Spend);
        }
        writer.Write(refundCount);
        for (var i = 0; i < refundCount; i++)
        {
            writer.Write(refundDays![i].Key);
            writer.Write(refundDays[i].Value);
        }
    }

    /// <summary>Reads what <see cref="WriteTo"/> wrote.</summary>
    public static CustomerPurchaseSummary ReadFrom(BinaryReader reader)
    {
        var id = reader.ReadString();
        var lines = reader.ReadInt32();
        var purchaseDays = new PurchaseDay[reader.ReadInt32()];
        for (var d = 0; d < purchaseDays.Length; d++) purchaseDays[d] = new PurchaseDay(reader.ReadInt32(), reader.ReadInt32(), reader.ReadDecimal());
        var refunds = new KeyValuePair<int, decimal>[reader.ReadInt32()];
        for (var d = 0; d < refunds.Length; d++) refunds[d] = new(reader.ReadInt32(), reader.ReadDecimal());
        return Restore(id, lines, purchaseDays, refunds);
    }
}

/// <summary>x repeat purchase days, t_x day of the last purchase and T age, both counted in days from the first purchase.</summary>
public readonly record struct RepeatPurchaseSummary(string CustomerId, int Frequency, int RecencyDays, int AgeDays, decimal MeanRepeatSpend);
