namespace CustomerValue.Sentiment;

/// <summary>
/// The default analyzer: VADER rules and lexicon in process, no network. Per document: cleans the text
/// (<see cref="TextPreparation"/>), scores it as a whole (VADER's document score), scores each sentence when there
/// are several, labels it (<see cref="SentimentLabeler"/>), reads it against its question
/// (<see cref="QuestionContext"/>) and, when an <see cref="AspectAnalyzer"/> is given, finds topic aspects.
/// </summary>
public sealed class EmbeddedSentimentAnalyzer(VaderScorer scorer, AspectAnalyzer? aspects = null) : ISentimentAnalyzer
{
    public EmbeddedSentimentAnalyzer() : this(VaderScorer.SurveyComments, AspectAnalyzer.Default) { }

    public Task<IReadOnlyList<SentimentResult>> AnalyzeAsync(IReadOnlyList<SentimentDocument> documents, CancellationToken ct)
    {
        var results = new SentimentResult[documents.Count];
        for (var i = 0; i < documents.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            results[i] = Analyze(documents[i]);
        }
        return Task.FromResult<IReadOnlyList<SentimentResult>>(results);
    }

    public SentimentResult Analyze(SentimentDocument document)
    {
        var prepared = TextPreparation.Prepare(document.Text, document.Language);
        if (prepared.Error is not null) return SentimentResult.Failed(document.Id, prepared.Error, prepared.Flags);
        var text = prepared.Text;
        var flags = prepared.Flags.ToList();

        var scores = scorer.Score(text);
        var sentences = ScoreSentences(text, scores);
        var label = SentimentLabeler.Label(scores, sentences);

        if (QuestionContext.AsksForImprovement(document.QuestionText) && QuestionContext.IsNoIssueAnswer(text, scorer))
        {
            flags.Add(SentimentFlags.ImprovementQuestionNoIssue);
            if (scores.Compound < 0 || label is SentimentLabel.Negative or SentimentLabel.Mixed)
            {
                // "No complaints" is contentment, not a complaint: never let it count as negative.
                scores = new VaderScores(0, 0, 1, 0);
                label = SentimentLabel.Neutral;
            }
        }

        var aspectList = aspects?.Analyze(text) ?? [];
        return new SentimentResult(document.Id, scores.Compound, scores.Positive, scores.Neutral, scores.Negative,
            label, sentences, aspectList, flags);
    }

    private IReadOnlyList<SentenceSentiment> ScoreSentences(string text, VaderScores whole)
    {
        var ranges = SentenceSplitter.Sentences(text);
        if (ranges.Count <= 1)
            return [new SentenceSentiment(0, text.Length, whole.Compound, SentimentLabeler.FromCompound(whole.Compound))];
        var sentences = new SentenceSentiment[ranges.Count];
        for (var i = 0; i < ranges.Count; i++)
        {
            var (offset, length) = ranges[i].GetOffsetAndLength(text.Length);
            var compound = scorer.Score(text.AsSpan(offset, length)).Compound;
            sentences[i] = new SentenceSentiment(offset, length, compound, SentimentLabeler.FromCompound(compound));
        }
        return sentences;
    }
}
