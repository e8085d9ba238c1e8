namespace CustomerValue.Sentiment;

/// <summary>One text to score. <paramref name="QuestionText"/> is the survey question it answers, if any:
/// it lets the analyzer read "nothing" under "What could we improve?" as a neutral-to-positive answer.</summary>
public sealed record SentimentDocument(string Id, string Text, string? Language = null, string? QuestionText = null);

/// <summary>Overall tone of a text.</summary>
public enum SentimentLabel
{
    Neutral,
    Positive,
    Negative,
    /// <summary>Both positive and negative content carry real weight (see <see cref="SentimentLabeler"/>).</summary>
    Mixed,
}

/// <summary>Why a document has no score. The batch still succeeds; only this document is affected.</summary>
public sealed record SentimentError(string Code, string Message)
{
    public const string EmptyText = "EmptyText";
    public const string UnsupportedLanguage = "UnsupportedLanguage";
    public const string NotText = "NotText";
    public const string ServiceError = "ServiceError";
}

/// <summary>Score of one sentence of a document (character offset and length in the cleaned text).</summary>
public sealed record SentenceSentiment(int Offset, int Length, double Compound, SentimentLabel Label);

/// <summary>How a text feels about one topic or opinion target (e.g. "billing": negative, -0.6).</summary>
public sealed record AspectSentiment(string Topic, SentimentLabel Label, double Compound, IReadOnlyList<string> Terms);

/// <summary>
/// Result for one document. <see cref="Compound"/> is in [-1, 1]; <see cref="Positive"/>, <see cref="Neutral"/>
/// and <see cref="Negative"/> are proportions summing to 1 (all 0 for an unscored document). When
/// <see cref="Error"/> is set the document was not scored and the numbers are 0 with label Neutral.
/// <see cref="Flags"/> carries notes that did not stop scoring ("Truncated", "HtmlStripped", "ImprovementQuestionNoIssue").
/// </summary>
public sealed record SentimentResult(
    string Id,
    double Compound,
    double Positive,
    double Neutral,
    double Negative,
    SentimentLabel Label,
    IReadOnlyList<SentenceSentiment> Sentences,
    IReadOnlyList<AspectSentiment> Aspects,
    IReadOnlyList<string> Flags,
    SentimentError? Error = null)
{
    public bool IsScored => Error is null;

    public static SentimentResult Failed(string id, SentimentError error, IReadOnlyList<string>? flags = null) =>
        new(id, 0, 0, 0, 0, SentimentLabel.Neutral, [], [], flags ?? [], error);
}

/// <summary>Scores a batch of texts. Problems with single documents are reported in their result, never by failing the batch.</summary>
public interface ISentimentAnalyzer
{
    Task<IReadOnlyList<SentimentResult>> AnalyzeAsync(IReadOnlyList<SentimentDocument> documents, CancellationToken ct);
}

/// <summary>Flags set on <see cref="SentimentResult.Flags"/>.</summary>
public static class SentimentFlags
{
    public const string Truncated = "Truncated";
    public const string HtmlStripped = "HtmlStripped";
    public const string ImprovementQuestionNoIssue = "ImprovementQuestionNoIssue";
    public const string EmojiOnly = "EmojiOnly";
}
