namespace CustomerValue.Statistics;

/// <summary>
/// One customer's satisfaction measures and outcomes; any may be missing. NPS answer 0-10, CSAT 1-5, sentiment
/// compound -1..1, retained 0 or 1, profit in money, ROI as a ratio.
/// </summary>
public sealed record ChainObservation(
    string CustomerId,
    double? Nps = null,
    double? Csat = null,
    double? Sentiment = null,
    double? Retained = null,
    double? Profit = null,
    double? Roi = null);

/// <summary>The correlation of two variables of the chain, both methods, each with its own pairwise-complete n.</summary>
public sealed record ChainCell(string First, string Second, CorrelationResult Pearson, CorrelationResult Spearman);

/// <summary>Every pair of chain variables (upper triangle), satisfaction-to-outcome pairs first.</summary>
public sealed record ChainMatrix(IReadOnlyList<string> Variables, IReadOnlyList<ChainCell> Cells)
{
    public ChainCell Get(string a, string b) =>
        Cells.FirstOrDefault(c => (c.First == a && c.Second == b) || (c.First == b && c.Second == a))
        ?? throw new KeyNotFoundException($"no cell for {a} x {b}; variables: {string.Join(", ", Variables)}.");
}

/// <summary>
/// Satisfaction-profit chain (Heskett et al.): how satisfaction measures move with retention and profit across
/// customers. Correlation only, not causation; each cell uses the customers who have both values.
/// </summary>
public static class SatisfactionProfitChain
{
    public const string Nps = "nps", Csat = "csat", Sentiment = "sentiment", Retained = "retained", Profit = "profit", Roi = "roi";

    private static readonly (string Name, Func<ChainObservation, double?> Get, double Min, double Max)[] Variables =
    [
        (Nps, o => o.Nps, 0, 10),
        (Csat, o => o.Csat, 1, 5),
        (Sentiment, o => o.Sentiment, -1, 1),
        (Retained, o => o.Retained, 0, 1),
        (Profit, o => o.Profit, double.NegativeInfinity, double.PositiveInfinity),
        (Roi, o => o.Roi, double.NegativeInfinity, double.PositiveInfinity),
    ];

    private static readonly HashSet<string> SatisfactionVariables = [Nps, Csat, Sentiment];

    public static ChainMatrix Calculate(IEnumerable<ChainObservation> observations, double confidence = 0.95)
    {
        var rows = observations.ToList();
        foreach (var row in rows) Validate(row);
        var present = Variables.Where(v => rows.Any(r => v.Get(r) is not null)).ToList();
        var cells = new List<ChainCell>();
        for (var i = 0; i < present.Count; i++)
        for (var j = i + 1; j < present.Count; j++)
        {
            var (a, b) = (present[i], present[j]);
            var pairs = rows.Select(r => (a.Get(r), b.Get(r))).ToList();
            cells.Add(new ChainCell(a.Name, b.Name,
                Correlation.Compute(pairs, CorrelationMethod.Pearson, confidence),
                Correlation.Compute(pairs, CorrelationMethod.Spearman, confidence)));
        }
        var ordered = cells.OrderBy(c => SatisfactionVariables.Contains(c.First) && !SatisfactionVariables.Contains(c.Second) ? 0 : 1).ToList();
        return new ChainMatrix(present.Select(v => v.Name).ToList(), ordered);
    }

    private static void Validate(ChainObservation row)
    {
        foreach (var (name, get, min, max) in Variables)
        {
            if (get(row) is not { } v) continue;
            if (double.IsNaN(v) || v < min || v > max)
                throw new ArgumentException($"customer {row.CustomerId}: {name} = {v} is outside {min}..{max}.");
            if (name == Retained && v is not (0 or 1))
                throw new ArgumentException($"customer {row.CustomerId}: retained must be 0 or 1, found {v}.");
        }
    }
}
