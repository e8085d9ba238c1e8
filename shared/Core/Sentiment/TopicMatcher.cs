namespace CustomerValue.Sentiment;

/// <summary>A topic term found in a text: which topic, which term, where (character offsets).</summary>
public readonly record struct TopicMention(string Topic, string Term, int Start, int End);

/// <summary>
/// Finds the catalog's terms in a text: whole words, case-insensitive, multi-word terms in sequence,
/// a trailing plural "s"/"es" on the last word tolerated ("invoices" matches "invoice").
/// Built once per catalog; immutable and thread-safe.
/// </summary>
public sealed class TopicMatcher
{
    private readonly Dictionary<string, List<(string[] Words, string Topic, string Term)>> _byFirstWord =
        new(StringComparer.OrdinalIgnoreCase);

    public TopicMatcher(TopicCatalog catalog)
    {
        foreach (var (topic, terms) in catalog.EffectiveTerms())
        foreach (var term in terms)
        {
            var words = term.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (words.Length == 0) continue;
            if (!_byFirstWord.TryGetValue(words[0], out var list)) _byFirstWord[words[0]] = list = [];
            list.Add((words, topic, term));
        }
        // Longer terms first so "customer service" wins over a shorter term starting with the same word.
        foreach (var list in _byFirstWord.Values) list.Sort((a, b) => b.Words.Length.CompareTo(a.Words.Length));
    }

    public static TopicMatcher Default { get; } = new(TopicCatalog.Default);

    public IReadOnlyList<TopicMention> Find(string text)
    {
        var words = WordSpans(text);
        var mentions = new List<TopicMention>();
        for (var i = 0; i < words.Count; i++)
        {
            var (start, length) = words[i];
            if (!TryCandidates(text.AsSpan(start, length), out var candidates)) continue;
            foreach (var (termWords, topic, term) in candidates)
            {
                if (i + termWords.Length > words.Count) continue;
                var matches = true;
                for (var k = 0; k < termWords.Length && matches; k++)
                {
                    var (s, l) = words[i + k];
                    matches = WordMatches(text.AsSpan(s, l), termWords[k], allowPlural: k == termWords.Length - 1);
                }
                if (!matches) continue;
                var (lastStart, lastLength) = words[i + termWords.Length - 1];
                mentions.Add(new TopicMention(topic, term, start, lastStart + lastLength));
                i += termWords.Length - 1;
                break;
            }
        }
        return mentions;
    }

    private bool TryCandidates(ReadOnlySpan<char> word, out List<(string[] Words, string Topic, string Term)> candidates)
    {
        var lookup = _byFirstWord.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(word, out candidates!)) return true;
        if (word.EndsWith("es", StringComparison.OrdinalIgnoreCase) && lookup.TryGetValue(word[..^2], out candidates!)) return true;
        return word.EndsWith("s", StringComparison.OrdinalIgnoreCase) && lookup.TryGetValue(word[..^1], out candidates!);
    }

    private static bool WordMatches(ReadOnlySpan<char> word, string term, bool allowPlural)
    {
        if (word.Equals(term, StringComparison.OrdinalIgnoreCase)) return true;
        if (!allowPlural || !word.StartsWith(term, StringComparison.OrdinalIgnoreCase)) return false;
        var rest = word[term.Length..];
        return rest.Equals("s", StringComparison.OrdinalIgnoreCase) || rest.Equals("es", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Words: runs of letters, digits, apostrophes and inner hyphens, as (start, length).</summary>
    internal static List<(int Start, int Length)> WordSpans(string text)
    {
        var spans = new List<(int, int)>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            var inWord = char.IsLetterOrDigit(c) || (start >= 0 && c is '\'' or '-' && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]));
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0) { spans.Add((start, i - start)); start = -1; }
        }
        return spans;
    }
}
