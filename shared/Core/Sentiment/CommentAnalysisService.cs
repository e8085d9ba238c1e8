namespace CustomerValue.Sentiment;

/// <summary>One free-text survey answer.</summary>
public sealed record SurveyComment(string ResponseId, string? QuestionText, string Text, string? Segment = null);

/// <summary>What one comment says: overall tone, per-topic tone, key phrases. <see cref="Error"/> is set
/// (and the tone Neutral/0) when the comment could not be scored, e.g. another language.</summary>
public sealed record CommentAnalysis(
    string ResponseId,
    string? Segment,
    SentimentLabel Label,
    double Compound,
    IReadOnlyList<AspectSentiment> Aspects,
    IReadOnlyList<string> KeyPhrases,
    SentimentError? Error);

/// <summary>One cell of the topic x segment x sentiment roll-up.</summary>
public sealed record TopicRollupRow(string Topic, string Segment, SentimentLabel Sentiment, int Count, double MeanCompound);

/// <summary>A phrase and how many comments used it.</summary>
public sealed record PhraseCount(string Phrase, int Count);

/// <summary>
/// Analyses survey comments: sentiment and aspects from the configured <see cref="ISentimentAnalyzer"/> (the
/// embedded one by default), key phrases locally. Aspects that the analyzer reports under free-form target
/// names (the cloud service's opinion mining) are mapped onto catalog topics when a term matches.
/// Holds no state between calls.
/// </summary>
public sealed class CommentAnalysisService(ISentimentAnalyzer analyzer, TopicMatcher matcher, KeyPhraseExtractor keyPhrases)
{
    /// <summary>Segment name used in roll-ups for comments without one.</summary>
    public const string NoSegment = "(none)";

    public CommentAnalysisService() : this(new EmbeddedSentimentAnalyzer(), TopicMatcher.Default, KeyPhraseExtractor.Default) { }

    public CommentAnalysisService(TopicCatalog catalog)
        : this(new EmbeddedSentimentAnalyzer(VaderScorer.SurveyComments, new AspectAnalyzer(VaderScorer.SurveyComments, new TopicMatcher(catalog))),
            new TopicMatcher(catalog), KeyPhraseExtractor.Default) { }

    public async Task<IReadOnlyList<CommentAnalysis>> AnalyzeAsync(IReadOnlyList<SurveyComment> comments, CancellationToken ct)
    {
        var documents = comments.Select(c => new SentimentDocument(c.ResponseId, c.Text ?? "", QuestionText: c.QuestionText)).ToList();
        var results = await analyzer.AnalyzeAsync(documents, ct).ConfigureAwait(false);
        var analyses = new CommentAnalysis[comments.Count];
        for (var i = 0; i < comments.Count; i++)
        {
            var comment = comments[i];
            var result = results[i];
            var phrases = result.IsScored ? keyPhrases.Extract(comment.Text) : [];
            analyses[i] = new CommentAnalysis(comment.ResponseId, comment.Segment, result.Label, result.Compound,
                MapToTopics(result.Aspects), phrases, result.Error);
        }
        return analyses;
    }

    /// <summary>Counts and mean compound per (topic, segment, aspect sentiment), over scored comments.</summary>
    public static IReadOnlyList<TopicRollupRow> RollUp(IEnumerable<CommentAnalysis> analyses) =>
        analyses
            .Where(a => a.Error is null)
            .SelectMany(a => a.Aspects.Select(aspect => (aspect, segment: a.Segment ?? NoSegment)))
            .GroupBy(x => (Topic: x.aspect.Topic.ToLowerInvariant(), x.segment, x.aspect.Label))
            .Select(g => new TopicRollupRow(g.Key.Topic, g.Key.segment, g.Key.Label, g.Count(), g.Average(x => x.aspect.Compound)))
            .OrderBy(r => r.Topic, StringComparer.Ordinal).ThenBy(r => r.Segment, StringComparer.Ordinal).ThenBy(r => r.Sentiment)
            .ToList();

    /// <summary>The most frequent key phrases that mention no catalog topic: candidates for new topics.
    /// A phrase counts once per comment; ties are broken alphabetically.</summary>
    public IReadOnlyList<PhraseCount> TopUnmatchedPhrases(IEnumerable<CommentAnalysis> analyses, int top) =>
        analyses
            .SelectMany(a => a.KeyPhrases.Distinct(StringComparer.OrdinalIgnoreCase))
            .Where(phrase => matcher.Find(phrase).Count == 0)
            .GroupBy(phrase => phrase, StringComparer.OrdinalIgnoreCase)
            .Select(g => new PhraseCount(g.Key, g.Count()))
            .OrderByDescending(p => p.Count).ThenBy(p => p.Phrase, StringComparer.Ordinal)
            .Take(top)
            .ToList();

    private IReadOnlyList<AspectSentiment> MapToTopics(IReadOnlyList<AspectSentiment> aspects)
    {
        if (aspects.Count == 0) return aspects;
        return aspects
            .Select(a => matcher.Find(a.Topic) is { Count: > 0 } found && !IsCatalogTopic(a.Topic, found)
                ? a with { Topic = found[0].Topic }
                : a)
            .GroupBy(a => a.Topic, StringComparer.OrdinalIgnoreCase)
            .Select(g =>
            {
                var mean = g.Average(a => a.Compound);
                return new AspectSentiment(g.Key, SentimentLabeler.FromCompound(mean), mean,
                    g.SelectMany(a => a.Terms).Distinct(StringComparer.OrdinalIgnoreCase).ToList());
            })
            .ToList();
    }

    private static bool IsCatalogTopic(string name, IReadOnlyList<TopicMention> found) =>
        found.Any(m => string.Equals(m.Topic, name, StringComparison.OrdinalIgnoreCase));
}
