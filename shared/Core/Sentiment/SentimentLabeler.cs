namespace CustomerValue.Sentiment;

/// <summary>
/// Turns scores into a label. Positive: compound &gt;= 0.05; Negative: compound &lt;= -0.05; else Neutral
/// (VADER's published thresholds). Mixed overrides these when praise and complaint both carry weight:
/// either both the positive and the negative proportion are at least <see cref="MixedMinProportion"/> while
/// |compound| stays below <see cref="MixedMaxAbsCompound"/> (neither side clearly wins), or one sentence is
/// clearly positive and another clearly negative (|compound| &gt;= <see cref="ClearSentenceCompound"/>).
/// </summary>
public static class SentimentLabeler
{
    public const double Threshold = 0.05;
    public const double MixedMinProportion = 0.10;
    public const double MixedMaxAbsCompound = 0.5;
    public const double ClearSentenceCompound = 0.5;

    public static SentimentLabel FromCompound(double compound) =>
        compound >= Threshold ? SentimentLabel.Positive : compound <= -Threshold ? SentimentLabel.Negative : SentimentLabel.Neutral;

    public static SentimentLabel Label(VaderScores scores, IReadOnlyList<SentenceSentiment> sentences)
    {
        if (scores.Positive >= MixedMinProportion && scores.Negative >= MixedMinProportion
            && Math.Abs(scores.Compound) < MixedMaxAbsCompound)
            return SentimentLabel.Mixed;
        var clearlyPositive = sentences.Any(s => s.Compound >= ClearSentenceCompound);
        var clearlyNegative = sentences.Any(s => s.Compound <= -ClearSentenceCompound);
        return clearlyPositive && clearlyNegative ? SentimentLabel.Mixed : FromCompound(scores.Compound);
    }
}
