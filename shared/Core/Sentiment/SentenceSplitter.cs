namespace CustomerValue.Sentiment;

/// <summary>Splits text into sentences and clauses by punctuation, without a language model.</summary>
public static class SentenceSplitter
{
    /// <summary>Sentences end at . ! ? (runs of them) followed by white space, or at a line break.</summary>
    public static List<Range> Sentences(ReadOnlySpan<char> text)
    {
        var ranges = new List<Range>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var end = -1;
            if (text[i] is '\n' or '\r') end = i;
            else if (text[i] is '.' or '!' or '?')
            {
                var j = i;
                while (j + 1 < text.Length && text[j + 1] is '.' or '!' or '?') j++;
                if (j + 1 == text.Length || char.IsWhiteSpace(text[j + 1])) { end = j + 1; i = j; }
            }
            if (end < 0) continue;
            AddTrimmed(text, start, end, ranges);
            start = end;
        }
        AddTrimmed(text, start, text.Length, ranges);
        return ranges;
    }

    /// <summary>Clauses: a sentence further cut at ; and before contrast words, so "fast delivery but rude
    /// support" gives two clauses whose tone can differ.</summary>
    public static List<Range> Clauses(ReadOnlySpan<char> text)
    {
        var clauses = new List<Range>();
        foreach (var sentence in Sentences(text))
        {
            var (offset, length) = sentence.GetOffsetAndLength(text.Length);
            var s = text.Slice(offset, length);
            var start = 0;
            for (var i = 0; i < s.Length; i++)
            {
                var cutAt = -1;
                if (s[i] is ';' or ':') cutAt = i;
                else if (i > 0 && char.IsWhiteSpace(s[i - 1]) && StartsContrast(s[i..])) cutAt = i;
                if (cutAt <= start) continue;
                AddTrimmed(text, offset + start, offset + cutAt, clauses);
                start = cutAt;
            }
            AddTrimmed(text, offset + start, offset + s.Length, clauses);
        }
        return clauses;
    }

    private static readonly string[] ContrastWords = ["but ", "however", "although ", "though ", "whereas ", "except "];

    private static bool StartsContrast(ReadOnlySpan<char> rest)
    {
        foreach (var word in ContrastWords)
            if (rest.StartsWith(word, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static void AddTrimmed(ReadOnlySpan<char> text, int start, int end, List<Range> ranges)
    {
        while (start < end && (char.IsWhiteSpace(text[start]) || text[start] is ';' or ':' or ',')) start++;
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        if (end > start) ranges.Add(start..end);
    }
}
