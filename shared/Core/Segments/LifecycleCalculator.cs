namespace CustomerValue.Segments;

/// <summary>Acquisition, retention, expansion and win-back over the period [<see cref="From"/>, <see cref="To"/>).</summary>
public sealed record LifecycleView
{
    public required DateOnly From { get; init; }
    public required DateOnly To { get; init; }
    /// <summary>Customers acquired in the period.</summary>
    public required int NewCustomers { get; init; }
    /// <summary>What acquisition cost in the period: the spend passed in, else the sum of the new customers' acquisition cost.</summary>
    public decimal? AcquisitionSpend { get; init; }
    /// <summary>Customer acquisition cost: acquisition spend / new customers; null without either.</summary>
    public decimal? Cac { get; init; }
    /// <summary>Customers acquired before the period, win-backs excluded: the base of retention. Customers who churned before the period still count here (the view has no churn date), so fill the views of one period with the customers active at its start.</summary>
    public required int ExistingAtStart { get; init; }
    /// <summary>Of <see cref="ExistingAtStart"/>, those still active at the end: not churned, or, with no churn status, buying in the period.</summary>
    public required int Retained { get; init; }
    /// <summary>Retained / existing at start.</summary>
    public double? RetentionRate { get; init; }
    /// <summary>Of <see cref="ExistingAtStart"/>, those whose period revenue rose against a previous period with revenue.</summary>
    public required int Expanded { get; init; }
    /// <summary>Sum of the rises of <see cref="Expanded"/> customers.</summary>
    public decimal ExpansionRevenue { get; init; }
    /// <summary>Of <see cref="ExistingAtStart"/>, those whose period revenue fell.</summary>
    public required int Contracted { get; init; }
    /// <summary>Net revenue retention: period revenue / previous-period revenue over the existing customers with both known.</summary>
    public double? NetRevenueRetention { get; init; }
    /// <summary>Customers who had churned before the period and came back in it.</summary>
    public required int Reactivated { get; init; }
}

/// <summary>Pure: the lifecycle view of customers over a period, in one pass.</summary>
public static class LifecycleCalculator
{
    /// <param name="acquisitionSpend">Acquisition spend of the period (marketing, sales); null sums the new customers' <see cref="CustomerView.AcquisitionCost"/>.</param>
    public static LifecycleView Calculate(IEnumerable<CustomerView> customers, DateOnly from, DateOnly to, decimal? acquisitionSpend = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        if (to <= from) throw new ArgumentException($"The period must end after it starts ({from:yyyy-MM-dd} .. {to:yyyy-MM-dd}).", nameof(to));
        int newCustomers = 0, existing = 0, retained = 0, expanded = 0, contracted = 0, reactivated = 0, newWithCost = 0;
        decimal newCostSum = 0, expansion = 0, periodRevenue = 0, previousRevenue = 0;
        foreach (var c in customers)
        {
            if (c.ReactivatedAfterChurn == true) { reactivated++; continue; }
            var acquired = c.SignupDate ?? c.FirstPurchase;
            var isNew = c.NewInPeriod ?? (acquired is { } a && a >= from && a < to);
            if (isNew)
            {
                newCustomers++;
                if (c.AcquisitionCost is { } cost) { newCostSum += cost; newWithCost++; }
                continue;
            }
            if (acquired is not { } since || since >= from) continue;
            existing++;
            var active = c.Churned is { } churned ? !churned : c.LastPurchase is { } last && last >= from && last < to;
            if (active) retained++;
            if (c.PeriodRevenue is { } now && c.PreviousPeriodRevenue is { } before)
            {
                periodRevenue += now;
                previousRevenue += before;
                if (before > 0 && now > before) { expanded++; expansion += now - before; }
                else if (now < before) contracted++;
            }
        }
        var spend = acquisitionSpend ?? (newWithCost > 0 ? newCostSum : null);
        return new LifecycleView
        {
            From = from,
            To = to,
            NewCustomers = newCustomers,
            AcquisitionSpend = spend,
            Cac = spend is { } s && newCustomers > 0 ? Math.Round(s / newCustomers, 4) : null,
            ExistingAtStart = existing,
            Retained = retained,
            RetentionRate = existing > 0 ? (double)retained / existing : null,
            Expanded = expanded,
            ExpansionRevenue = expansion,
            Contracted = contracted,
            NetRevenueRetention = previousRevenue > 0 ? (double)(periodRevenue / previousRevenue) : null,
            Reactivated = reactivated,
        };
    }
}
