namespace CustomerValue.Sentiment;

/// <summary>
/// Key phrases as simple noun-phrase-like n-grams: runs of up to <see cref="MaxWords"/> content words between
/// punctuation, stop words and sentiment-laden words ("the checkout page was really slow" -> "checkout page").
/// Sentiment words are cut off because the phrase should name the thing, and the score carries the feeling.
/// </summary>
public sealed class KeyPhraseExtractor(VaderLexicon lexicon)
{
    public const int MaxWords = 3;
    private const int MinSingleWordLength = 3;

    public static KeyPhraseExtractor Default { get; } = new(VaderLexicon.Default);

    public IReadOnlyList<string> Extract(string text)
    {
        var phrases = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var run = new List<string>();
        var words = TopicMatcher.WordSpans(text);
        var previousEnd = 0;
        foreach (var (start, length) in words)
        {
            // Punctuation between two words ends a phrase.
            if (HasBreak(text.AsSpan(previousEnd, start - previousEnd))) Flush(run, phrases, seen);
            previousEnd = start + length;
            var word = text.AsSpan(start, length);
            if (IsBreakWord(word)) { Flush(run, phrases, seen); continue; }
            run.Add(word.ToString().ToLowerInvariant());
        }
        Flush(run, phrases, seen);
        return phrases;
    }

    private bool IsBreakWord(ReadOnlySpan<char> word) =>
        WordLists.EnglishStopwords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word)
        || VaderRules.Negations.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word)
        || VaderRules.Boosters.GetAlternateLookup<ReadOnlySpan<char>>().ContainsKey(word)
        || lexicon.Contains(word)
        || IsNumber(word);

    private static bool IsNumber(ReadOnlySpan<char> word)
    {
        foreach (var c in word) if (!char.IsDigit(c)) return false;
        return true;
    }

    private static bool HasBreak(ReadOnlySpan<char> between)
    {
        foreach (var c in between) if (c is not (' ' or '\t')) return true;
        return false;
    }

    private static void Flush(List<string> run, List<string> phrases, HashSet<string> seen)
    {
        if (run.Count is > 0 and <= MaxWords && !(run.Count == 1 && run[0].Length < MinSingleWordLength))
        {
            var phrase = string.Join(' ', run);
            if (seen.Add(phrase)) phrases.Add(phrase);
        }
        else if (run.Count > MaxWords)
        {
            // A long run is rarely one name; its last words usually are the head noun phrase.
            var phrase = string.Join(' ', run.Skip(run.Count - MaxWords));
            if (seen.Add(phrase)) phrases.Add(phrase);
        }
        run.Clear();
    }
}
