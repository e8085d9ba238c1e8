using CustomerValue.Reports;

namespace CustomerValue.Segments;

/// <summary>Everything one segmentation run produces at <see cref="SegmentModel.AsOf"/>.</summary>
public sealed record SegmentAnalysisResult(
    SegmentModel Model,
    IReadOnlyList<SegmentKpis> Segments,
    IReadOnlyList<Opportunity> Opportunities,
    IReadOnlyList<KeyDriver> KeyDrivers);

/// <summary>
/// The whole segment analysis in two passes over the customers: fit the cut points, then aggregate.
/// <paramref name="customers"/> is enumerated twice, so pass something that can be (a list, or a query that re-reads storage).
/// </summary>
public static class SegmentAnalysis
{
    public static SegmentAnalysisResult Run(
        IEnumerable<CustomerView> customers,
        DateOnly asOf,
        SegmentationOptions? options = null,
        IReadOnlyList<SegmentKpis>? previous = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var model = SegmentModel.Fit(customers, asOf, options);
        var aggregator = new SegmentAggregator(model);
        aggregator.AddRange(customers);
        var segments = aggregator.ToKpis();
        if (previous is not null) segments = SegmentChanges.WithChanges(segments, previous);
        var opportunities = OpportunityRanker.Rank(segments, model.Options.ChurnCutPoints, model.Options.OpportunityCount);
        return new SegmentAnalysisResult(model, segments, opportunities, aggregator.ToKeyDrivers());
    }
}
