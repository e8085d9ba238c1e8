using CustomerValue.Reports;

namespace CustomerValue.Segments;

/// <summary>
/// The second pass: adds each customer to its segment in every dimension and to everyone, and to the key-driver
/// moments. Memory grows with the number of segments and topics, not with the number of customers.
/// </summary>
public sealed class SegmentAggregator
{
    private readonly SegmentModel model;
    private readonly SegmentAccumulator everyone = new();
    private readonly Dictionary<string, SegmentAccumulator>[] byDimension;
    private readonly Dictionary<string, int> topicIds = new(StringComparer.Ordinal);
    private readonly List<string> topicNames = [];
    private readonly KeyDriverAccumulator drivers;
    private readonly string[] values = new string[SegmentDimensions.All.Count];
    private int[] topicBuffer = new int[8];

    public SegmentAggregator(SegmentModel model)
    {
        this.model = model ?? throw new ArgumentNullException(nameof(model));
        byDimension = [.. SegmentDimensions.All.Select(_ => new Dictionary<string, SegmentAccumulator>(StringComparer.Ordinal))];
        drivers = new KeyDriverAccumulator(model.ChurnBasis);
    }

    public int Customers { get; private set; }

    public void Add(CustomerView customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        Customers++;
        var facts = FactsOf(customer);
        model.AssignValues(customer, values);
        everyone.Add(customer, facts, model.Options);
        for (var d = 0; d < values.Length; d++)
        {
            var segments = byDimension[d];
            if (!segments.TryGetValue(values[d], out var accumulator))
            {
                accumulator = new SegmentAccumulator();
                segments.Add(values[d], accumulator);
            }
            accumulator.Add(customer, facts, model.Options);
        }
        drivers.Add(customer, facts);
    }

    public void AddRange(IEnumerable<CustomerView> customers)
    {
        foreach (var c in customers) Add(c);
    }

    /// <summary>Everyone first, then each dimension in the order of <see cref="SegmentDimensions.All"/>, values in ordinal order.</summary>
    public IReadOnlyList<SegmentKpis> ToKpis()
    {
        var result = new List<SegmentKpis> { everyone.ToKpis(SegmentKey.Everyone, model, topicNames) };
        for (var d = 0; d < byDimension.Length; d++)
            foreach (var (value, accumulator) in byDimension[d].OrderBy(kv => kv.Key, StringComparer.Ordinal))
                result.Add(accumulator.ToKpis(new SegmentKey(SegmentDimensions.All[d], value), model, topicNames));
        return result;
    }

    /// <summary>Satisfaction measures and aspects against churn, then against ROI; strongest first within each.</summary>
    public IReadOnlyList<KeyDriver> ToKeyDrivers() => drivers.ToDrivers(topicNames);

    private CustomerFacts FactsOf(CustomerView c)
    {
        var aspects = c.Aspects;
        if (aspects.Count > topicBuffer.Length) topicBuffer = new int[Math.Max(aspects.Count, topicBuffer.Length * 2)];
        for (var i = 0; i < aspects.Count; i++)
        {
            var topic = aspects[i].Topic;
            if (!topicIds.TryGetValue(topic, out var id))
            {
                id = topicNames.Count;
                topicIds.Add(topic, id);
                topicNames.Add(topic);
            }
            topicBuffer[i] = id;
        }
        var churnProbability = c.EffectiveChurnProbability;
        var risk = c.PredictedClv is { } clv && churnProbability is { } p ? clv * (decimal)p : (decimal?)null;
        return new CustomerFacts(churnProbability, risk, SentimentOf(c), topicBuffer, aspects.Count);
    }

    private SentimentClass SentimentOf(CustomerView c)
    {
        var label = c.SentimentLabel;
        if (!string.IsNullOrWhiteSpace(label))
        {
            if (label.Equals("positive", StringComparison.OrdinalIgnoreCase)) return SentimentClass.Positive;
            if (label.Equals("neutral", StringComparison.OrdinalIgnoreCase)) return SentimentClass.Neutral;
            if (label.Equals("negative", StringComparison.OrdinalIgnoreCase)) return SentimentClass.Negative;
            if (label.Equals("mixed", StringComparison.OrdinalIgnoreCase)) return SentimentClass.Mixed;
        }
        if (c.SentimentCompound is not { } compound) return SentimentClass.None;
        return compound >= model.Options.PositiveCompound ? SentimentClass.Positive
            : compound <= model.Options.NegativeCompound ? SentimentClass.Negative
            : SentimentClass.Neutral;
    }
}
