namespace CustomerValue.Segments;

/// <summary>Settings of the segmenters, the segment KPIs and the opportunity ranking. The defaults are documented per setting.</summary>
public sealed record SegmentationOptions
{
    public static SegmentationOptions Default { get; } = new();

    public RfmOptions Rfm { get; init; } = RfmOptions.Default;

    /// <summary>
    /// Fixed currency edges of the transaction-size bands, ascending (e.g. 25, 50, 100 gives "<25", "25-50", "50-100", "100+").
    /// Null (the default) bands by quantiles of the population instead: <see cref="SizeBandQuantiles"/> bands "q1" (smallest) .. "qN".
    /// </summary>
    public IReadOnlyList<decimal>? SizeBandEdges { get; init; }

    /// <summary>How many quantile bands of average transaction size when <see cref="SizeBandEdges"/> is null. Default 4 (quartiles).</summary>
    public int SizeBandQuantiles { get; init; } = 4;

    /// <summary>Lower edges of the purchase-frequency bands in purchase days, ascending. Default 1, 2, 4, 10: "0", "1", "2-3", "4-9", "10+".</summary>
    public IReadOnlyList<int> FrequencyBandEdges { get; init; } = [1, 2, 4, 10];

    /// <summary>Lower edges of the age bands, ascending. Default 18, 25, 35, 45, 55, 65: "under 18", "18-24", ..., "55-64", "65+".</summary>
    public IReadOnlyList<int> AgeBandEdges { get; init; } = [18, 25, 35, 45, 55, 65];

    /// <summary>Share of customers (by CLV) in the tier "top_10". Default 0.10.</summary>
    public double ClvTopShare { get; init; } = 0.10;

    /// <summary>Share of customers in the tier "next_20", below the top. Default 0.20; the rest is "rest".</summary>
    public double ClvNextShare { get; init; } = 0.20;

    /// <summary>How many aspects to list as a segment's top positive and top negative topics. Default 3.</summary>
    public int TopAspects { get; init; } = 3;

    /// <summary>Compound at or above which a mention counts as positive (VADER convention). Default 0.05.</summary>
    public double PositiveCompound { get; init; } = 0.05;

    /// <summary>Compound at or below which a mention counts as negative. Default -0.05.</summary>
    public double NegativeCompound { get; init; } = -0.05;

    /// <summary>Percentage points of churn cut assumed when valuing an opportunity. Default 5.</summary>
    public double ChurnCutPoints { get; init; } = 5;

    /// <summary>How many opportunities to keep, highest revenue at risk first. Default 20; null keeps all.</summary>
    public int? OpportunityCount { get; init; } = 20;

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(SizeBandQuantiles, 1, nameof(SizeBandQuantiles));
        ArgumentOutOfRangeException.ThrowIfNegative(TopAspects, nameof(TopAspects));
        if (ClvTopShare is < 0 or > 1 || ClvNextShare < 0 || ClvTopShare + ClvNextShare > 1)
            throw new ArgumentOutOfRangeException(nameof(ClvTopShare), "CLV tier shares must be in 0..1 and sum to at most 1.");
        RequireAscending(SizeBandEdges ?? [], nameof(SizeBandEdges));
        RequireAscending(FrequencyBandEdges, nameof(FrequencyBandEdges));
        RequireAscending(AgeBandEdges, nameof(AgeBandEdges));
        if (Rfm.Rules.Count == 0) throw new ArgumentException("At least one RFM rule is needed.", nameof(Rfm));
    }

    private static void RequireAscending<T>(IReadOnlyList<T> edges, string name) where T : IComparable<T>
    {
        for (var i = 1; i < edges.Count; i++)
            if (edges[i].CompareTo(edges[i - 1]) <= 0)
                throw new ArgumentException($"{name} must be strictly ascending; item {i} is not above item {i - 1}.", name);
    }
}
