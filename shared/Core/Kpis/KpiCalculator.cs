namespace CustomerValue.Kpis;

/// <summary>The per-customer totals that the KPI snapshot needs; storage rows map onto this.</summary>
public readonly record struct CustomerTotals(
    string CustomerId, int Orders, decimal GrossRevenue, decimal Refunds, int PurchaseDays, DateOnly? FirstPurchase, DateOnly? LastPurchase);

/// <summary>Pure: KPIs of a customer base at a given moment. Streams its input once.</summary>
public static class KpiCalculator
{
    public const int DefaultActiveWindowDays = 90;

    public static KpiSnapshot Calculate(IEnumerable<CustomerTotals> customers, DateTimeOffset asOf, int activeWindowDays = DefaultActiveWindowDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(activeWindowDays);
        var asOfDay = DateOnly.FromDateTime(asOf.UtcDateTime);
        var activeSince = asOfDay.AddDays(-activeWindowDays);
        int count = 0, repeaters = 0, active = 0;
        long orders = 0;
        decimal gross = 0, refunds = 0;
        DateOnly? first = null, last = null;
        foreach (var c in customers)
        {
            count++;
            orders += c.Orders;
            gross += c.GrossRevenue;
            refunds += c.Refunds;
            if (c.PurchaseDays > 1) repeaters++;
            if (c.LastPurchase is { } lp && lp > activeSince && lp <= asOfDay) active++;
            if (c.FirstPurchase is { } fp && (first is null || fp < first)) first = fp;
            if (c.LastPurchase is { } l && (last is null || l > last)) last = l;
        }
        return new KpiSnapshot
        {
            AsOf = asOf,
            Customers = count,
            Orders = orders,
            GrossRevenue = gross,
            Refunds = refunds,
            AverageTransactionSize = orders == 0 ? 0 : Math.Round(gross / orders, 4),
            RevenuePerCustomer = count == 0 ? 0 : Math.Round((gross - refunds) / count, 4),
            RepeatCustomerRate = count == 0 ? 0 : (double)repeaters / count,
            ActiveCustomers = active,
            ActiveWindowDays = activeWindowDays,
            FirstPurchase = first,
            LastPurchase = last,
        };
    }
}
