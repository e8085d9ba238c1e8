using CustomerValue.Domain;
using CustomerValue.Segments;

namespace CustomerValue.Value;

/// <summary>Customer acquisition cost of one channel in one calendar month.</summary>
public sealed record ChannelCac(string Channel, int Year, int Month, decimal Spend, int NewCustomers, decimal? Cac, string Note);

/// <summary>
/// Acquisition economics of one group of customers to the snapshot day: the channel or campaign they were acquired
/// through, or everyone ("all", "all"). Every figure as <see cref="ValueDefinitions"/> defines it; the ratios are null
/// when their denominator is zero or unknown.
/// </summary>
/// <param name="Customers">Customers acquired in the group to the snapshot day: the n behind every ratio.</param>
/// <param name="Spend">Acquisition cost of those customers: their own and the acquisition cost lines allocated to them.</param>
/// <param name="Ltv">Mean lifetime value per customer of the group (realised margin + predicted CLV).</param>
/// <param name="MonthlyMargin">Margin per customer-month since acquisition; the pace at which CAC is paid back.</param>
public sealed record AcquisitionEconomics(string Dimension, string Value, int Customers, decimal Spend, decimal? Cac, decimal Ltv, decimal? LtvToCac,
    decimal? MonthlyMargin, decimal? PaybackMonths)
{
    public const string Channel = "channel", Campaign = "campaign";
    /// <summary>The group as a segment key ("channel:search"), for labels and segment= filters; not stored.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Reports.SegmentKey Group => new(Dimension, Value);
}

/// <summary>Acquisition economics: CAC per channel and month, by channel and campaign to a day, LTV:CAC and CAC payback.</summary>
public static class AcquisitionCalculator
{
    private const double DaysPerMonth = 365.25 / 12;

    /// <summary>
    /// CAC, LTV, LTV:CAC and payback of everyone, of each acquisition channel and of each campaign, from the customer
    /// view at <paramref name="asOf"/> (the same figures the segments sum). A dimension no customer has a value of is
    /// left out; customers without a value are the group "unknown". Ordered: everyone, channels, campaigns, by name.
    /// </summary>
    /// <param name="margin">Gross margin of revenue (Value:Margin), as in CLV.</param>
    public static IReadOnlyList<AcquisitionEconomics> ByChannelAndCampaign(IReadOnlyList<CustomerView> customers, DateOnly asOf, double margin)
    {
        var rows = new List<AcquisitionEconomics> { Economics(Reports.SegmentKey.Everyone.Dimension, Reports.SegmentKey.Everyone.Value, customers, asOf, margin) };
        foreach (var (dimension, of) in new (string, Func<CustomerView, string?>)[] { (AcquisitionEconomics.Channel, c => c.AcquisitionChannel), (AcquisitionEconomics.Campaign, c => c.Campaign) })
        {
            if (!customers.Any(c => !string.IsNullOrWhiteSpace(of(c)))) continue;
            rows.AddRange(customers.GroupBy(c => of(c) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : SegmentDimensions.Unknown, StringComparer.OrdinalIgnoreCase)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => Economics(dimension, g.Key, [.. g], asOf, margin)));
        }
        return rows;
    }

    private static AcquisitionEconomics Economics(string dimension, string value, IReadOnlyList<CustomerView> group, DateOnly asOf, double margin)
    {
        var m = (decimal)margin;
        var spend = group.Sum(c => (c.AcquisitionCost ?? 0) + (c.AllocatedAcquisitionCost ?? 0));
        var n = group.Count;
        decimal? cac = n == 0 || spend == 0 ? null : Math.Round(spend / n, 4);
        var ltv = n == 0 ? 0 : Math.Round(group.Sum(c => c.Revenue * m + (c.PredictedClv ?? 0)) / n, 4);
        // Months as a customer, at least one each, so that a customer acquired yesterday does not make the pace infinite.
        var dated = group.Where(c => (c.SignupDate ?? c.FirstPurchase) is { } d && d <= asOf).ToList();
        var months = dated.Sum(c => Math.Max(1.0, (asOf.DayNumber - (c.SignupDate ?? c.FirstPurchase)!.Value.DayNumber) / DaysPerMonth));
        decimal? monthlyRevenue = dated.Count == 0 ? null : dated.Sum(c => c.Revenue) / (decimal)months;
        return new AcquisitionEconomics(dimension, value, n, spend, cac, ltv,
            cac is { } c1 ? Round(LtvToCac(ltv, c1)) : null,
            monthlyRevenue is { } r ? Math.Round(r * m, 4) : null,
            cac is { } c2 && monthlyRevenue is { } r2 ? Round(CacPaybackMonths(c2, r2, m)) : null);
    }

    private static decimal? Round(decimal? value) => value is { } v ? Math.Round(v, 4) : null;

    public const string CacDefinition =
        "CAC = channel-scoped acquisition spend in the month (a cost spanning several months is spread over them by days) / customers of that channel acquired in the month";

    /// <summary>
    /// CAC per channel and calendar month. Spend is the acquisition costs scoped to a channel; new customers are the
    /// profiles of that channel whose acquisition day falls in the month. CAC is null (with a note) when the month
    /// had spend but no new customer.
    /// </summary>
    public static IReadOnlyList<ChannelCac> CacByChannelAndMonth(IEnumerable<CostEntry> costs, IEnumerable<CustomerProfile> profiles)
    {
        var spend = new Dictionary<(string Channel, int Year, int Month), decimal>();
        foreach (var cost in costs.Where(c => c.Category == CostCategory.Acquisition && c.Scope == CostScope.Channel))
        {
            if (cost.PeriodEnd < cost.PeriodStart)
                throw new ArgumentException($"acquisition cost of channel '{cost.ScopeKey}' ends ({cost.PeriodEnd:yyyy-MM-dd}) before it starts ({cost.PeriodStart:yyyy-MM-dd}).");
            var days = cost.PeriodEnd.DayNumber - cost.PeriodStart.DayNumber + 1;
            for (var month = new DateOnly(cost.PeriodStart.Year, cost.PeriodStart.Month, 1); month <= cost.PeriodEnd; month = month.AddMonths(1))
            {
                var from = cost.PeriodStart > month ? cost.PeriodStart : month;
                var monthEnd = month.AddMonths(1).AddDays(-1);
                var to = cost.PeriodEnd < monthEnd ? cost.PeriodEnd : monthEnd;
                var key = (cost.ScopeKey, month.Year, month.Month);
                spend[key] = spend.GetValueOrDefault(key) + cost.Amount * (to.DayNumber - from.DayNumber + 1) / days;
            }
        }
        var acquired = profiles
            .Where(p => p.Channel is not null && p.AcquiredOn is not null)
            .GroupBy(p => (p.Channel!, p.AcquiredOn!.Value.Year, p.AcquiredOn!.Value.Month))
            .ToDictionary(g => g.Key, g => g.Count());
        return spend.Keys.Union(acquired.Keys)
            .OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2).ThenBy(k => k.Item3)
            .Select(k =>
            {
                var s = spend.GetValueOrDefault(k);
                var n = acquired.GetValueOrDefault(k);
                return n == 0
                    ? new ChannelCac(k.Item1, k.Item2, k.Item3, s, 0, null, "undefined: no new customers in the month")
                    : new ChannelCac(k.Item1, k.Item2, k.Item3, s, n, s / n, CacDefinition);
            })
            .ToList();
    }

    /// <summary>LTV:CAC; null when CAC is zero (free acquisition makes the ratio meaningless, not infinite).</summary>
    public static decimal? LtvToCac(decimal lifetimeValue, decimal cac) => cac == 0 ? null : lifetimeValue / cac;

    /// <summary>
    /// Months of gross margin needed to earn back CAC: CAC / (monthly revenue per customer x margin). Null when the
    /// monthly margin is not positive (it is never paid back).
    /// </summary>
    public static decimal? CacPaybackMonths(decimal cac, decimal monthlyRevenuePerCustomer, decimal margin = 1m)
    {
        var monthlyMargin = monthlyRevenuePerCustomer * margin;
        return monthlyMargin <= 0 ? null : cac / monthlyMargin;
    }
}
