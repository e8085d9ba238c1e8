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
