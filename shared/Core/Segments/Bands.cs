using System.Globalization;

namespace CustomerValue.Segments;

/// <summary>Labels values by ascending lower edges; the labels are built once so that labelling allocates nothing.</summary>
internal sealed class IntBands
{
    private readonly int[] edges;
    private readonly string[] labels;

    /// <param name="edges">Lower edges, ascending.</param>
    /// <param name="belowFirst">Label of values under the first edge, or null to label them "0".."edge-1" like the others.</param>
    public IntBands(IReadOnlyList<int> edges, string? belowFirst = null)
    {
        this.edges = [.. edges];
        labels = new string[edges.Count + 1];
        labels[0] = belowFirst ?? (edges.Count == 0 ? "all" : Range(0, edges[0] - 1));
        for (var i = 0; i < edges.Count; i++)
            labels[i + 1] = i + 1 < edges.Count ? Range(edges[i], edges[i + 1] - 1) : $"{edges[i]}+";
    }

    public IReadOnlyList<string> Labels => labels;

    public string Label(int value)
    {
        var band = 0;
        while (band < edges.Length && value >= edges[band]) band++;
        return labels[band];
    }

    private static string Range(int low, int high) =>
        low == high ? low.ToString(CultureInfo.InvariantCulture) : $"{low}-{high}";
}

/// <summary>Currency bands: "&lt;25", "25-50", "50+" for edges 25, 50.</summary>
internal sealed class DecimalBands
{
    private readonly decimal[] edges;
    private readonly string[] labels;

    public DecimalBands(IReadOnlyList<decimal> edges)
    {
        this.edges = [.. edges];
        labels = new string[edges.Count + 1];
        labels[0] = edges.Count == 0 ? "all" : $"<{Format(edges[0])}";
        for (var i = 0; i < edges.Count; i++)
            labels[i + 1] = i + 1 < edges.Count ? $"{Format(edges[i])}-{Format(edges[i + 1])}" : $"{Format(edges[i])}+";
    }

    public string Label(decimal value)
    {
        var band = 0;
        while (band < edges.Length && value >= edges[band]) band++;
        return labels[band];
    }

    private static string Format(decimal d) => d.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>
/// The sorted values of one column of the population, to place a value among them. Placement depends on the value
/// only, never on input order: equal values always get the same score, which is how ties are settled.
/// </summary>
internal sealed class QuantileScale
{
    private readonly double[] sorted;

    public QuantileScale(double[] values)
    {
        sorted = values;
        Array.Sort(sorted);
    }

    public int Count => sorted.Length;

    /// <summary>Score 1..<paramref name="bins"/> where higher values score higher: 1 + floor(bins x share of the population strictly below).</summary>
    public int ScoreHigherIsBetter(double value, int bins) => Score(CountBelow(value), bins);

    /// <summary>Score 1..<paramref name="bins"/> where lower values score higher: 1 + floor(bins x share strictly above).</summary>
    public int ScoreLowerIsBetter(double value, int bins) => Score(sorted.Length - CountAtOrBelow(value), bins);

    /// <summary>How many of the population are strictly above <paramref name="value"/>.</summary>
    public int CountAbove(double value) => sorted.Length - CountAtOrBelow(value);

    private int Score(int count, int bins) =>
        sorted.Length == 0 ? 1 : Math.Min(bins, 1 + (int)((long)bins * count / sorted.Length));

    private int CountBelow(double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private int CountAtOrBelow(double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
