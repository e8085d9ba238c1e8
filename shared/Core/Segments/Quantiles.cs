namespace CustomerValue.Segments;

/// <summary>
/// Scores a value 1..bins against the population it was fitted on: score = 1 + floor(bins x share of the population
/// strictly worse), capped at bins. Scores depend on the value only, never on input order: equal values always get
/// the same score, which is how ties are settled. Only the bins - 1 cut values are kept, so scoring is a few
/// comparisons and the population's column can be dropped after fitting.
/// </summary>
internal sealed class QuantileScorer
{
    private readonly double[] cuts;
    private readonly bool lowerIsBetter;

    private QuantileScorer(double[] cuts, bool lowerIsBetter)
    {
        this.cuts = cuts;
        this.lowerIsBetter = lowerIsBetter;
    }

    /// <summary>Sorts <paramref name="values"/> in place and keeps the cut values.</summary>
    /// <remarks>
    /// With c customers strictly worse, floor(bins c / n) >= k exactly when c >= m = ceiling(k n / bins). When higher is
    /// better, "at least m strictly below x" means sorted[m - 1] &lt; x; when lower is better, "at least m strictly
    /// above x" means sorted[n - m] &gt; x.
    /// </remarks>
    public static QuantileScorer Fit(double[] values, int bins, bool lowerIsBetter)
    {
        Array.Sort(values);
        var n = values.Length;
        if (n == 0) return new QuantileScorer([], lowerIsBetter);
        var cuts = new double[bins - 1];
        for (var k = 1; k < bins; k++)
        {
            var m = (int)(((long)k * n + bins - 1) / bins);
            cuts[k - 1] = lowerIsBetter ? values[n - m] : values[m - 1];
        }
        return new QuantileScorer(cuts, lowerIsBetter);
    }

    /// <summary>The bins - 1 cut values, ascending when higher is better: a value above cut k - 1 scores more than k.</summary>
    public IReadOnlyList<double> Cuts => cuts;

    public int Score(double value)
    {
        var score = 1;
        foreach (var cut in cuts)
            if (lowerIsBetter ? value < cut : value > cut) score++;
        return score;
    }
}

/// <summary>Top-share tiers: a value is in the top <c>limit</c> when fewer than <c>limit</c> values are strictly above it.</summary>
internal static class TopShare
{
    /// <summary>The smallest value inside the top <paramref name="limit"/> of <paramref name="sortedValues"/> (ascending).</summary>
    /// <remarks>Fewer than limit strictly above v exactly when v >= sorted[n - limit]; no one qualifies for limit 0, everyone beyond n.</remarks>
    public static double Floor(double[] sortedValues, int limit) =>
        limit <= 0 ? double.PositiveInfinity
        : limit > sortedValues.Length ? double.NegativeInfinity
        : sortedValues[sortedValues.Length - limit];
}

/// <summary>A growable column of doubles that hands over its array without a copy when it is exactly full.</summary>
internal sealed class DoubleColumn(int capacity)
{
    private double[] values = new double[Math.Max(1, capacity)];

    public int Count { get; private set; }

    public void Add(double value)
    {
        if (Count == values.Length) Array.Resize(ref values, values.Length * 2);
        values[Count++] = value;
    }

    public double[] ToArray() => Count == values.Length ? values : values[..Count];
}
