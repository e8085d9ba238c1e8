namespace CustomerValue.Sentiment;

/// <summary>
/// Which catalog topics a text talks about and how it feels about each: the text is cut into clauses
/// (sentences, then at ; : and contrast words) and a topic's compound is the mean VADER compound of the
/// clauses that mention it. "Delivery was fast but support never answered" -> delivery positive, support negative.
/// </summary>
public sealed class AspectAnalyzer(VaderScorer scorer, TopicMatcher matcher)
{
    public static AspectAnalyzer Default { get; } = new(VaderScorer.SurveyComments, TopicMatcher.Default);

    public TopicMatcher Matcher { get; } = matcher;

    public IReadOnlyList<AspectSentiment> Analyze(string text)
    {
        var mentions = Matcher.Find(text);
        if (mentions.Count == 0) return [];
        var topics = new Dictionary<string, TopicTally>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        foreach (var clause in SentenceSplitter.Clauses(text))
        {
            var (offset, length) = clause.GetOffsetAndLength(text.Length);
            var inClause = mentions.Where(m => m.Start >= offset && m.Start < offset + length).ToList();
            if (inClause.Count == 0) continue;
            var compound = scorer.Score(text.AsSpan(offset, length)).Compound;
            foreach (var group in inClause.GroupBy(m => m.Topic, StringComparer.OrdinalIgnoreCase))
            {
                if (!topics.TryGetValue(group.Key, out var tally)) { topics[group.Key] = tally = new TopicTally(); order.Add(group.Key); }
                tally.Add(compound, group.Select(m => m.Term));
            }
        }
        return order.Select(topic => topics[topic].ToAspect(topic)).ToList();
    }

    private sealed class TopicTally
    {
        private double _sum;
        private int _clauses;
        private readonly List<string> _terms = [];

        public void Add(double compound, IEnumerable<string> terms)
        {
            _sum += compound;
            _clauses++;
            foreach (var term in terms)
                if (!_terms.Contains(term, StringComparer.OrdinalIgnoreCase)) _terms.Add(term);
        }

        public AspectSentiment ToAspect(string topic)
        {
            var mean = _sum / _clauses;
            return new AspectSentiment(topic, SentimentLabeler.FromCompound(mean), mean, _terms);
        }
    }
}
