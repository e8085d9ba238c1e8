using CustomerValue.Domain;

namespace CustomerValue.Value;

/// <summary>Customer acquisition cost of one channel in one calendar month.</summary>
public sealed record ChannelCac(string Channel, int Year, int Month, decimal Spend, int NewCustomers, decimal? Cac, string Note);

/// <summary>Acquisition economics: CAC per channel and month, LTV:CAC and CAC payback.</summary>
public static class AcquisitionCalculator
{
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
