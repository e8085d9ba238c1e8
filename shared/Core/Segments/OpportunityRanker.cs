using CustomerValue.Reports;

namespace CustomerValue.Segments;

/// <summary>Ranks segments by the revenue their churn puts at risk. Works on computed or stored <see cref="SegmentKpis"/>.</summary>
public static class OpportunityRanker
{
    /// <summary>
    /// Segments other than everyone that have a churn rate and a revenue at risk, highest revenue at risk first
    /// (ties: dimension order, then value). A customer is in one segment of every dimension, so segments of
    /// different dimensions overlap and their figures must not be added up.
    /// </summary>
    /// <param name="churnCutPoints">Percentage points of churn cut to value: ValueOfChurnCut = customers x points / 100 x average predicted CLV.</param>
    /// <param name="count">How many to keep; null keeps all.</param>
    public static IReadOnlyList<Opportunity> Rank(IReadOnlyList<SegmentKpis> segments, double churnCutPoints, int? count = null)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentOutOfRangeException.ThrowIfNegative(churnCutPoints);
        var overall = OverallChurnRate(segments);
        var ranked = segments
            .Where(s => s.Segment != SegmentKey.Everyone && s.ChurnRate.HasValue && s.RevenueAtRisk.HasValue)
            .OrderByDescending(s => s.RevenueAtRisk!.Value)
            .ThenBy(s => DimensionOrder(s.Segment.Dimension))
            .ThenBy(s => s.Segment.Dimension, StringComparer.Ordinal)
            .ThenBy(s => s.Segment.Value, StringComparer.Ordinal)
            .Take(count ?? int.MaxValue)
            .Select((s, i) => new Opportunity
            {
                Segment = s.Segment,
                Rank = i + 1,
                Customers = s.Customers,
                RevenueAtRisk = s.RevenueAtRisk!.Value,
                ChurnRate = s.ChurnRate!.Value,
                OverallChurnRate = overall,
                TopComplaints = s.TopNegativeAspects,
                ChurnCutPoints = churnCutPoints,
                ValueOfChurnCut = ValueOfChurnCut(s.Customers, churnCutPoints, s.AveragePredictedClv),
            });
        return [.. ranked];
    }

    /// <summary>
    /// Everyone's churn rate; when the list has no row for everyone (a list filtered by dimension), the
    /// customer-weighted mean over the first dimension present, which partitions the same population.
    /// </summary>
    private static double OverallChurnRate(IReadOnlyList<SegmentKpis> segments)
    {
        if (segments.FirstOrDefault(s => s.Segment == SegmentKey.Everyone)?.ChurnRate is { } everyone) return everyone;
        var dimension = segments.FirstOrDefault(s => s.ChurnRate.HasValue)?.Segment.Dimension;
        var rated = segments.Where(s => s.Segment.Dimension == dimension && s.ChurnRate.HasValue).ToList();
        var customers = rated.Sum(s => (double)s.Customers);
        return customers > 0 ? rated.Sum(s => s.ChurnRate!.Value * s.Customers) / customers : 0;
    }

    /// <summary>Customers kept by a cut of <paramref name="points"/> percentage points, times their average predicted CLV.</summary>
    public static decimal ValueOfChurnCut(int customers, double points, decimal? averagePredictedClv) =>
        averagePredictedClv is { } clv ? customers * ((decimal)points / 100m) * clv : 0m;

    private static int DimensionOrder(string dimension)
    {
        for (var i = 0; i < SegmentDimensions.All.Count; i++)
            if (SegmentDimensions.All[i] == dimension) return i;
        return SegmentDimensions.All.Count;
    }
}
