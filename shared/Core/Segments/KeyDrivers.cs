namespace CustomerValue.Segments;

/// <summary>
/// How strongly one measure goes with an outcome across customers. <see cref="Correlation"/> is Pearson's r
/// (point-biserial or phi when one or both sides are 0/1, which are the same formula); <see cref="PValue"/> is the
/// two-sided test of no correlation (t with n-2 degrees of freedom) over <see cref="Samples"/> customers.
/// Correlation, not cause: a driver is a place to look.
/// </summary>
public sealed record KeyDriver(string Driver, string Outcome, string Method, double Correlation, double? PValue, int Samples);

/// <summary>Names of the drivers and outcomes in <see cref="KeyDriver"/>.</summary>
public static class KeyDriverNames
{
    public const string NpsScore = "nps_score";
    public const string Csat = "csat";
    public const string Sentiment = "sentiment";
    /// <summary>Prefix of an aspect driver: "aspect:price" is 1 when the customer's feedback mentions price, else 0.</summary>
    public const string AspectPrefix = "aspect:";
    public const string Churn = "churn";
    public const string Roi = "roi";
}

/// <summary>
/// Streams customers once and keeps, per (driver, outcome), the moments a correlation needs. Aspect drivers are
/// measured over respondents (customers with feedback text: a sentiment or an aspect), so that "did not mention"
/// is not confused with "did not answer".
/// </summary>
internal sealed class KeyDriverAccumulator(ChurnBasis churnBasis)
{
    private const int Outcomes = 2; // churn, roi
    private readonly PairMoments[] nps = new PairMoments[Outcomes], csat = new PairMoments[Outcomes], sentiment = new PairMoments[Outcomes];
    private readonly RunningMoments[] respondentOutcome = new RunningMoments[Outcomes];
    private TopicOutcome[] topics = [];
    private int[] lastSeen = [];
    private int customerIndex;

    private struct TopicOutcome
    {
        public int Mentioners0, Mentioners1;
        public double OutcomeSum0, OutcomeSum1;
    }

    public void Add(CustomerView c, in CustomerFacts facts)
    {
        customerIndex++;
        double? churn = churnBasis switch
        {
            ChurnBasis.Observed => c.Churned is { } observed ? (observed ? 1 : 0) : null,
            ChurnBasis.Probability => facts.ChurnProbability,
            _ => null,
        };
        double? roi = c.Cost is { } cost && cost > 0 ? (double)((c.Revenue - cost) / cost) : null;
        AddOutcome(0, churn, c, facts);
        AddOutcome(1, roi, c, facts);
    }

    private void AddOutcome(int outcome, double? value, CustomerView c, in CustomerFacts facts)
    {
        if (value is not { } y) return;
        // Out-of-scale answers are left out here as in the segment figures.
        if (c.NpsScore is { } n and >= 0 and <= 10) nps[outcome].Add(n, y);
        if (c.Csat is { } s and >= 1 and <= 5) csat[outcome].Add(s, y);
        if (c.SentimentCompound is { } compound) sentiment[outcome].Add(compound, y);
        if (c.SentimentCompound is null && facts.TopicCount == 0) return;
        respondentOutcome[outcome].Add(y);
        for (var i = 0; i < facts.TopicCount; i++)
        {
            var id = facts.TopicIds[i];
            if (id >= topics.Length)
            {
                var size = Math.Max(id + 1, topics.Length * 2);
                Array.Resize(ref topics, size);
                Array.Resize(ref lastSeen, size * Outcomes);
            }
            // A topic mentioned twice by one customer counts once.
            ref var seen = ref lastSeen[id * Outcomes + outcome];
            if (seen == customerIndex) continue;
            seen = customerIndex;
            ref var t = ref topics[id];
            if (outcome == 0) { t.Mentioners0++; t.OutcomeSum0 += y; }
            else { t.Mentioners1++; t.OutcomeSum1 += y; }
        }
    }

    public IReadOnlyList<KeyDriver> ToDrivers(IReadOnlyList<string> topicNames)
    {
        var drivers = new List<KeyDriver>();
        for (var outcome = 0; outcome < Outcomes; outcome++)
        {
            var outcomeName = outcome == 0 ? KeyDriverNames.Churn : KeyDriverNames.Roi;
            var binaryOutcome = outcome == 0 && churnBasis == ChurnBasis.Observed;
            var continuousMethod = binaryOutcome ? "point-biserial" : "pearson";
            AddPair(drivers, KeyDriverNames.NpsScore, outcomeName, continuousMethod, nps[outcome]);
            AddPair(drivers, KeyDriverNames.Csat, outcomeName, continuousMethod, csat[outcome]);
            AddPair(drivers, KeyDriverNames.Sentiment, outcomeName, continuousMethod, sentiment[outcome]);
            var all = respondentOutcome[outcome];
            for (var id = 0; id < topics.Length && id < topicNames.Count; id++)
            {
                var (n1, sum1) = outcome == 0 ? (topics[id].Mentioners0, topics[id].OutcomeSum0) : (topics[id].Mentioners1, topics[id].OutcomeSum1);
                var n0 = all.Count - n1;
                if (n0 <= 0 || n1 <= 0) continue;
                var mean0 = (all.Mean * all.Count - sum1) / n0;
                var r = SegmentStatistics.PointBiserial(n1, sum1 / n1, n0, mean0, all.PopulationStdDev);
                if (r is { } rv)
                    drivers.Add(new KeyDriver(KeyDriverNames.AspectPrefix + topicNames[id], outcomeName, binaryOutcome ? "phi" : "point-biserial",
                        rv, SegmentStatistics.CorrelationPValue(rv, all.Count), all.Count));
            }
        }
        return
        [
            .. drivers.OrderBy(d => d.Outcome == KeyDriverNames.Churn ? 0 : 1)
                .ThenByDescending(d => Math.Abs(d.Correlation)).ThenBy(d => d.Driver, StringComparer.Ordinal),
        ];
    }

    private static void AddPair(List<KeyDriver> drivers, string driver, string outcome, string method, in PairMoments moments)
    {
        if (moments.Correlation is { } r)
            drivers.Add(new KeyDriver(driver, outcome, method, r, SegmentStatistics.CorrelationPValue(r, moments.Count), moments.Count));
    }
}
