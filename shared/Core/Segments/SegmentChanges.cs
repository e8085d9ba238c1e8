using CustomerValue.Reports;

namespace CustomerValue.Segments;

/// <summary>Fills <see cref="SegmentKpis.ChangeSincePrevious"/> from the previous snapshot of the same segments.</summary>
public static class SegmentChanges
{
    /// <summary>
    /// For every segment also in <paramref name="previous"/>: current minus previous of each figure known in both
    /// (Customers, Revenue, Cost, Roi, AverageHistoricalClv, AveragePredictedClv, ChurnRate, RetentionRate,
    /// RevenueAtRisk, Nps, CsatPercent, SupportCostPerCustomer). Rates change in their own unit: a churn rate going
    /// from 0.10 to 0.12 changes by 0.02, an NPS from 20 to 25 by 5. New segments get an empty dictionary.
    /// </summary>
    public static IReadOnlyList<SegmentKpis> WithChanges(IReadOnlyList<SegmentKpis> current, IReadOnlyList<SegmentKpis> previous)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        var before = new Dictionary<SegmentKey, SegmentKpis>();
        foreach (var p in previous) before[p.Segment] = p;
        return [.. current.Select(c => before.TryGetValue(c.Segment, out var p) ? c with { ChangeSincePrevious = Changes(c, p) } : c)];
    }

    private static Dictionary<string, double> Changes(SegmentKpis now, SegmentKpis then)
    {
        var changes = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [nameof(SegmentKpis.Customers)] = now.Customers - then.Customers,
            [nameof(SegmentKpis.Revenue)] = (double)(now.Revenue - then.Revenue),
        };
        Add(changes, nameof(SegmentKpis.Cost), now.Cost, then.Cost);
        Add(changes, nameof(SegmentKpis.Roi), now.Roi, then.Roi);
        Add(changes, nameof(SegmentKpis.AverageHistoricalClv), now.AverageHistoricalClv, then.AverageHistoricalClv);
        Add(changes, nameof(SegmentKpis.AveragePredictedClv), now.AveragePredictedClv, then.AveragePredictedClv);
        Add(changes, nameof(SegmentKpis.ChurnRate), now.ChurnRate, then.ChurnRate);
        Add(changes, nameof(SegmentKpis.RetentionRate), now.RetentionRate, then.RetentionRate);
        Add(changes, nameof(SegmentKpis.RevenueAtRisk), now.RevenueAtRisk, then.RevenueAtRisk);
        Add(changes, nameof(SegmentKpis.Nps), now.Nps, then.Nps);
        Add(changes, nameof(SegmentKpis.CsatPercent), now.CsatPercent, then.CsatPercent);
        Add(changes, nameof(SegmentKpis.SupportCostPerCustomer), now.SupportCostPerCustomer, then.SupportCostPerCustomer);
        return changes;
    }

    private static void Add(Dictionary<string, double> changes, string name, double? now, double? then)
    {
        if (now is { } n && then is { } t) changes[name] = n - t;
    }

    private static void Add(Dictionary<string, double> changes, string name, decimal? now, decimal? then)
    {
        if (now is { } n && then is { } t) changes[name] = (double)(n - t);
    }
}
