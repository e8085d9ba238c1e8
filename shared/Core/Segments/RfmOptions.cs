namespace CustomerValue.Segments;

/// <summary>Recency, frequency and monetary scores, each 1 (worst) to 5 (best) by quintiles of the population.</summary>
public readonly record struct RfmScore(int Recency, int Frequency, int Monetary)
{
    /// <summary>The mean of the frequency and monetary scores (1, 1.5, ..., 5): the second axis of the RFM grid.</summary>
    public double FrequencyMonetary => (Frequency + Monetary) / 2.0;

    /// <summary>The three digits, e.g. "545".</summary>
    public string Code => $"{Recency}{Frequency}{Monetary}";
}

/// <summary>One cell range of the RFM grid: recency score in [MinRecency, MaxRecency] and (F+M)/2 in [MinFm, MaxFm], both inclusive.</summary>
public sealed record RfmRule(string Name, int MinRecency, int MaxRecency, double MinFm, double MaxFm)
{
    public bool Matches(RfmScore score) =>
        score.Recency >= MinRecency && score.Recency <= MaxRecency &&
        score.FrequencyMonetary >= MinFm && score.FrequencyMonetary <= MaxFm;
}

/// <summary>
/// How RFM scores are named: the first rule that matches wins; a score no rule matches is named <see cref="Fallback"/>.
/// </summary>
/// <remarks>
/// The default is the common eleven-segment grid of recency score against the mean of the frequency and monetary
/// scores (see RFM.md beside this file for the grid drawn out):
/// <list type="table">
/// <item><term>Champions</term><description>R 4-5, FM 4-5</description></item>
/// <item><term>Loyal</term><description>R 3-5, FM 3-5 (what Champions left)</description></item>
/// <item><term>Potential loyalists</term><description>R 4-5, FM 2-3</description></item>
/// <item><term>New customers</term><description>R 5, FM 1-2</description></item>
/// <item><term>Promising</term><description>R 4, FM 1-2</description></item>
/// <item><term>Need attention</term><description>R 3, FM 2-3</description></item>
/// <item><term>About to sleep</term><description>R 3, FM 1-2</description></item>
/// <item><term>Cannot lose them</term><description>R 1-2, FM 4-5</description></item>
/// <item><term>At risk</term><description>R 1-2, FM 2.5-3.5</description></item>
/// <item><term>Hibernating</term><description>R 2, FM 1-2</description></item>
/// <item><term>Lost</term><description>R 1, FM 1-2</description></item>
/// </list>
/// Together they cover every score, so <see cref="Fallback"/> only names scores of custom rule lists.
/// </remarks>
public sealed record RfmOptions
{
    public const string Champions = "Champions";
    public const string Loyal = "Loyal";
    public const string PotentialLoyalists = "Potential loyalists";
    public const string NewCustomers = "New customers";
    public const string Promising = "Promising";
    public const string NeedAttention = "Need attention";
    public const string AboutToSleep = "About to sleep";
    public const string CannotLoseThem = "Cannot lose them";
    public const string AtRisk = "At risk";
    public const string Hibernating = "Hibernating";
    public const string Lost = "Lost";

    public static IReadOnlyList<RfmRule> DefaultRules { get; } =
    [
        new(Champions, 4, 5, 4, 5),
        new(Loyal, 3, 5, 3, 5),
        new(PotentialLoyalists, 4, 5, 2, 3),
        new(NewCustomers, 5, 5, 1, 2),
        new(Promising, 4, 4, 1, 2),
        new(NeedAttention, 3, 3, 2, 3),
        new(AboutToSleep, 3, 3, 1, 2),
        new(CannotLoseThem, 1, 2, 4, 5),
        new(AtRisk, 1, 2, 2.5, 3.5),
        new(Hibernating, 2, 2, 1, 2),
        new(Lost, 1, 1, 1, 2),
    ];

    public static RfmOptions Default { get; } = new();

    /// <summary>The rules, tried in order; the first match names the score.</summary>
    public IReadOnlyList<RfmRule> Rules { get; init; } = DefaultRules;

    /// <summary>The name of a score that no rule matches.</summary>
    public string Fallback { get; init; } = "Other";

    public string NameOf(RfmScore score)
    {
        foreach (var rule in Rules)
            if (rule.Matches(score)) return rule.Name;
        return Fallback;
    }
}
