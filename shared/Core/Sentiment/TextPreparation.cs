using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace CustomerValue.Sentiment;

/// <summary>Text ready for scoring, or the reason it cannot be scored.</summary>
public sealed record PreparedText(string Text, IReadOnlyList<string> Flags, SentimentError? Error);

/// <summary>
/// Cleans raw comment text before scoring: caps the length, rejects binary garbage, strips HTML tags and decodes
/// entities (survey exports and tweets carry "&amp;amp;" and "&lt;br&gt;"), and checks the language.
/// </summary>
public static partial class TextPreparation
{
    /// <summary>Longest text scored, in characters. Survey comments are far shorter; a longer text is cut at the
    /// last white space before the cap and flagged <see cref="SentimentFlags.Truncated"/>. VADER's compound
    /// saturates long before this length, so the cut loses no signal that the score could carry.</summary>
    public const int MaxCharacters = 20_000;

    /// <summary>Share of control or replacement characters above which a text is treated as binary data.</summary>
    private const double MaxGarbageShare = 0.10;

    [GeneratedRegex(@"<(script|style)\b[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ScriptOrStyleBlock();

    [GeneratedRegex(@"<[a-zA-Z/!][^<>]*>")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")]
    private static partial Regex HtmlEntity();

    /// <summary>Cleans <paramref name="raw"/>; with <paramref name="checkLanguage"/> false (a multilingual service
    /// scores the text) the English check is skipped.</summary>
    public static PreparedText Prepare(string? raw, string? declaredLanguage = null, bool checkLanguage = true)
    {
        var flags = new List<string>();
        if (string.IsNullOrWhiteSpace(raw))
            return new PreparedText("", flags, new SentimentError(SentimentError.EmptyText, "The text is empty."));

        var text = raw;
        if (text.Length > MaxCharacters)
        {
            var cut = text.LastIndexOfAny([' ', '\n', '\t'], MaxCharacters - 1, MaxCharacters / 10);
            text = text[..(cut > 0 ? cut : MaxCharacters)];
            flags.Add(SentimentFlags.Truncated);
        }

        if (GarbageShare(text) > MaxGarbageShare)
            return new PreparedText("", flags, new SentimentError(SentimentError.NotText,
                "The text looks like binary data (many control or undecodable characters), not written language."));

        if (text.Contains('<') && HtmlTag().IsMatch(text))
        {
            text = HtmlTag().Replace(ScriptOrStyleBlock().Replace(text, " "), " ");
            flags.Add(SentimentFlags.HtmlStripped);
        }
        if (text.Contains('&') && HtmlEntity().IsMatch(text))
            text = WebUtility.HtmlDecode(text);

        text = text.Trim();
        if (text.Length == 0)
            return new PreparedText("", flags, new SentimentError(SentimentError.EmptyText, "The text is empty once markup is removed."));

        if (!checkLanguage) return new PreparedText(text, flags, null);
        var language = LanguageCheck.Check(text, declaredLanguage);
        if (language.Error is not null) return new PreparedText(text, flags, language.Error);
        if (language.EmojiOnly) flags.Add(SentimentFlags.EmojiOnly);
        return new PreparedText(text, flags, null);
    }

    private static double GarbageShare(string text)
    {
        var garbage = 0;
        foreach (var c in text)
        {
            if (c == '\uFFFD' || (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))) garbage++;
        }
        return (double)garbage / text.Length;
    }
}

/// <summary>
/// A cheap check that a text is English, so that other languages are flagged instead of scored with an English
/// lexicon. Rules, in order: a declared language other than English is refused; letters mostly outside the Latin
/// script are refused; function words of other languages ("der", "les", "pero", ...) at least twice and more than
/// twice as often as English function words are refused; <see cref="MinWordsForVocabularyCheck"/> or more words
/// of which none is an English function word or in the VADER lexicon are refused only when the text also uses
/// letters English does not (accents, ß, ø): a plain sentence of everyday English nouns ("Shipment arrived
/// Tuesday, packaging intact, invoice correct") has no lexicon word either, and English text is never refused. Links, mentions, hashtags and
/// title-case words other than function words are not counted (names look foreign in every language).
/// Texts without letters (emoji only) pass.
/// </summary>
public static class LanguageCheck
{
    public const int MinWordsForVocabularyCheck = 5;

    public readonly record struct Outcome(SentimentError? Error, bool EmojiOnly);

    public static Outcome Check(string text, string? declaredLanguage, VaderLexicon? lexicon = null)
    {
        if (!string.IsNullOrWhiteSpace(declaredLanguage) && !declaredLanguage.StartsWith("en", StringComparison.OrdinalIgnoreCase))
            return Unsupported($"declared language '{declaredLanguage}' is not English");

        int latinLetters = 0, otherLetters = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsLetter(rune)) continue;
            if (rune.Value < 0x0250 || rune.Value is >= 0x1E00 and < 0x1F00) latinLetters++;
            else otherLetters++;
        }
        if (latinLetters + otherLetters == 0) return new Outcome(null, EmojiOnly: HasNonAsciiSymbol(text));
        if (otherLetters > latinLetters) return Unsupported("the text is mostly in a non-Latin script");

        lexicon ??= VaderLexicon.Default;
        var englishStopwords = WordLists.EnglishStopwords.GetAlternateLookup<ReadOnlySpan<char>>();
        var foreignStopwords = WordLists.ForeignStopwords.GetAlternateLookup<ReadOnlySpan<char>>();
        int words = 0, known = 0, english = 0, foreign = 0, accented = 0;
        foreach (var chunkRange in text.AsSpan().SplitAny(" \t\r\n"))
        {
            var chunk = text.AsSpan()[chunkRange];
            // Mentions, hashtags and links say nothing about the language.
            if (chunk.IsEmpty || chunk[0] is '@' or '#' || chunk.Contains("://", StringComparison.Ordinal) || chunk.StartsWith("www.")) continue;
            var word = chunk.Trim(VaderRules.Punctuation);
            // Capitalised words are mostly names ("Soave Classico", "Sky Harbor"), in any language.
            if (word.Length < 2 || !char.IsLetter(word[0])) continue;
            if (IsTitleCase(word) && !englishStopwords.Contains(word) && !foreignStopwords.Contains(word)) continue;
            words++;
            var isEnglishStopword = englishStopwords.Contains(word);
            if (isEnglishStopword) english++;
            if (isEnglishStopword || lexicon.Contains(word)) known++;
            else if (foreignStopwords.Contains(word)) foreign++;
            if (word.ContainsAnyExceptInRange('\0', '\x7f')) accented++;
        }
        if (foreign >= 2 && foreign > 2 * english) return Unsupported("frequent words of another language");
        if (words >= MinWordsForVocabularyCheck && known == 0 && (accented > 0 || foreign > 0))
            return Unsupported("no English words, and letters English does not use");
        return new Outcome(null, false);
    }

    private static bool IsTitleCase(ReadOnlySpan<char> word) =>
        char.IsUpper(word[0]) && word[1..].ContainsAnyInRange('a', 'z');

    private static Outcome Unsupported(string why) =>
        new(new SentimentError(SentimentError.UnsupportedLanguage, $"Unsupported language: {why}; only English text is scored."), false);

    private static bool HasNonAsciiSymbol(string text)
    {
        foreach (var c in text) if (c > 0x7f) return true;
        return false;
    }
}
