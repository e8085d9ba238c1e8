using System.Buffers;
using System.Collections.Frozen;
using System.Text;

namespace CustomerValue.Sentiment;

/// <summary>VADER scores of one text: compound in [-1, 1] and the positive/neutral/negative proportions.</summary>
public readonly record struct VaderScores(double Compound, double Positive, double Neutral, double Negative)
{
    public static readonly VaderScores Empty = new(0, 0, 0, 0);
}

/// <summary>
/// Rule-based sentiment intensity scoring after VADER (Hutto &amp; Gilbert, ICWSM 2014), following the rules of the
/// reference implementation (vaderSentiment 3.3.x): lexicon valence, negation, boosters and dampeners with their
/// distance decay, ALL-CAPS emphasis, "least", special-case idioms, the "but" contrast, exclamation and question
/// mark amplification, emoji replaced by their descriptions.
/// Deliberate differences from the reference code, all documented where they happen:
/// "no" does not negate a following "no"; the contrast rule weights clauses by position (the reference re-finds each score by value, which mis-weights
/// repeated values); emoji variation selectors are dropped instead of sticking to the description's last word.
/// Rules beyond the reference are switched by <see cref="VaderOptions"/> (all on by default, all off with
/// <see cref="VaderOptions.Reference"/>).
/// Thread-safe: no mutable state; buffers come from <see cref="ArrayPool{T}"/>.
/// </summary>
public sealed class VaderScorer(VaderLexicon lexicon, VaderOptions? options = null)
{
    /// <summary>VADER as published (vaderSentiment 3.3.x): the reference lexicon and rules, for comparison.</summary>
    public static VaderScorer Reference { get; } = new(VaderLexicon.Reference, VaderOptions.Reference);

    /// <summary>The lexicon with its AFINN supplement and every rule of <see cref="VaderOptions"/>: the general-purpose
    /// scorer whose accuracy `bench -- sentiment` reports against the published figures.</summary>
    public static VaderScorer Default { get; } = new(VaderLexicon.Default, VaderOptions.Default);

    /// <summary>Words that name a topic in customer feedback rather than a feeling; the survey scorer ignores them.</summary>
    public static readonly IReadOnlyList<string> SurveyTopicNouns = ["support", "credit", "security"];

    /// <summary>
    /// Words customers use about products and prices that the social-media lexicon lacks ("too expensive" scores 0
    /// there). Valences are set on VADER's -4..4 scale beside comparable entries (e.g. "broken" -2.1, "confusing" -0.9).
    /// Only the survey scorer uses them; the accuracy benchmark runs the unchanged lexicon.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, double> CustomerFeedbackWords = new Dictionary<string, double>
    {
        ["expensive"] = -1.3, ["overpriced"] = -1.9, ["pricey"] = -1.0, ["overcharged"] = -2.0,
        ["slow"] = -1.1, ["sluggish"] = -1.3, ["laggy"] = -1.4, ["buggy"] = -1.8, ["glitchy"] = -1.6,
        ["crashes"] = -1.7, ["crashed"] = -1.7, ["crashing"] = -1.7, ["unresponsive"] = -1.5, ["unreliable"] = -1.6,
        ["clunky"] = -1.3, ["cumbersome"] = -1.2, ["outage"] = -1.7, ["outages"] = -1.7, ["downtime"] = -1.3,
        ["affordable"] = 1.3, ["intuitive"] = 1.6, ["seamless"] = 1.6, ["reliable"] = 1.5, ["responsive"] = 1.2,
    };

    /// <summary>For survey comments: the default lexicon without <see cref="SurveyTopicNouns"/>, so "support was
    /// rude" is plainly negative instead of mixed.</summary>
    public static VaderScorer SurveyComments { get; } = new(VaderLexicon.Default.Without(SurveyTopicNouns).With(CustomerFeedbackWords));


    public VaderOptions Options { get; } = options ?? VaderOptions.Default;
    public bool ExtendedContrast => Options.ExtendedContrast;
    public VaderLexicon Lexicon { get; } = lexicon;

    [Flags]
    private enum Word
    {
        None = 0, Kind = 1, Of = 2, Least = 4, At = 8, Very = 16, Never = 32, SoOrThis = 64, Without = 128,
        Doubt = 256, No = 512, OrNor = 1024, But = 2048, However = 4096, Although = 8192, Nothing = 16384, Denying = 32768, If = 65536,
    }

    private static readonly FrozenDictionary<string, Word>.AlternateLookup<ReadOnlySpan<char>> SpecialWords =
        new Dictionary<string, Word>
        {
            ["kind"] = Word.Kind, ["of"] = Word.Of, ["least"] = Word.Least, ["at"] = Word.At, ["very"] = Word.Very,
            ["never"] = Word.Never, ["so"] = Word.SoOrThis, ["this"] = Word.SoOrThis, ["without"] = Word.Without,
            ["doubt"] = Word.Doubt, ["no"] = Word.No, ["or"] = Word.OrNor, ["nor"] = Word.OrNor, ["but"] = Word.But,
            ["however"] = Word.However, ["although"] = Word.Although, ["though"] = Word.Although,
            ["nothing"] = Word.Nothing, ["denying"] = Word.Denying, ["if"] = Word.If,
        }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenDictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> BoosterLookup =
        VaderRules.Boosters.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenDictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> CapitalDFaceLookup =
        VaderRules.CapitalDFaces.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> NegationLookup =
        VaderRules.Negations.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly SearchValues<char> PunctuationChars = SearchValues.Create(VaderRules.Punctuation);

    /// <summary>What the rules need to know about one token, computed once per token.</summary>
    private struct Token
    {
        public int Start;
        public int Length;
        public double Valence;
        public double Booster;
        public bool InLexicon;
        public bool IsUpper;
        public bool IsNegation;
        /// <summary>The raw token ended with , ; or : - the end of a clause for the "although" rule.</summary>
        public bool EndsClause;
        /// <summary>The raw token ended with . ! ? or ; - no modifier reaches across it.</summary>
        public bool EndsSentence;
        /// <summary>The raw token ended with a single "?" (not "??" or "!?", which are emphasis).</summary>
        public bool EndsQuestion;
        /// <summary>Index of the first token of this token's sentence (see <see cref="VaderOptions.ClauseBoundedModifiers"/>).</summary>
        public int SentenceStart;
        public Word Special;
    }

    public VaderScores Score(string text) => Score(text.AsSpan());

    public VaderScores Score(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return VaderScores.Empty;
        char[]? replaced = null;
        try
        {
            if (text.ContainsAnyExceptInRange('\0', '\x7f'))
            {
                replaced = ReplaceEmoji(text, out var length);
                text = replaced.AsSpan(0, length);
            }
            return ScoreWithoutEmoji(text.Trim());
        }
        finally
        {
            if (replaced is not null) ArrayPool<char>.Shared.Return(replaced);
        }
    }

    /// <summary>Replaces each emoji code point by its description, with a space before it unless one is there
    /// already (as the reference does). Variation selectors (U+FE0E/U+FE0F) are dropped: they only pick a
    /// glyph style and would otherwise glue onto the description ("red heart\uFE0F" would miss "heart").</summary>
    private char[] ReplaceEmoji(ReadOnlySpan<char> text, out int length)
    {
        var builder = new PooledChars(text.Length + 16);
        var previousWasSpace = true;
        var index = 0;
        while (index < text.Length)
        {
            Rune.DecodeFromUtf16(text[index..], out var rune, out var consumed);
            index += consumed;
            if (rune.Value is 0xFE0E or 0xFE0F) continue;
            if (rune.Value >= 0x80 && Lexicon.TryGetEmojiDescription(rune.Value, out var description))
            {
                if (!previousWasSpace) builder.Append(' ');
                builder.Append(description);
                previousWasSpace = false;
            }
            else
            {
                builder.Append(text.Slice(index - consumed, consumed));
                previousWasSpace = rune.Value == ' ';
            }
        }
        length = builder.Length;
        return builder.Buffer;
    }

    private VaderScores ScoreWithoutEmoji(ReadOnlySpan<char> text)
    {
        var tokens = ArrayPool<Token>.Shared.Rent(text.Length / 2 + 1);
        var sentiments = ArrayPool<double>.Shared.Rent(text.Length / 2 + 1);
        try
        {
            var count = Tokenize(text, tokens);
            if (count == 0) return VaderScores.Empty;
            var capsDiffer = CapsDiffer(tokens.AsSpan(0, count));
            for (var i = 0; i < count; i++)
                sentiments[i] = TokenValence(text, tokens, count, i, capsDiffer);
            ApplyContrast(tokens.AsSpan(0, count), sentiments.AsSpan(0, count));
            if (Options.NonAssertiveClauses) WeighNonAssertiveClauses(tokens.AsSpan(0, count), sentiments.AsSpan(0, count));
            return Combine(sentiments.AsSpan(0, count), text);
        }
        finally
        {
            ArrayPool<Token>.Shared.Return(tokens);
            ArrayPool<double>.Shared.Return(sentiments);
        }
    }

    /// <summary>Splits on white space and strips leading/trailing punctuation, unless that leaves two characters
    /// or fewer (then the token is likely an emoticon such as ":)" and is kept whole).</summary>
    private int Tokenize(ReadOnlySpan<char> text, Token[] tokens)
    {
        var count = 0;
        var position = 0;
        while (position < text.Length)
        {
            while (position < text.Length && char.IsWhiteSpace(text[position])) position++;
            var start = position;
            while (position < text.Length && !char.IsWhiteSpace(text[position])) position++;
            if (position == start) break;
            var raw = text[start..position];
            if (raw.Length == 1 && Options.SkipSingleCharacterWords) continue;
            var stripStart = 0;
            while (stripStart < raw.Length && PunctuationChars.Contains(raw[stripStart])) stripStart++;
            var stripEnd = raw.Length;
            while (stripEnd > stripStart && PunctuationChars.Contains(raw[stripEnd - 1])) stripEnd--;
            if (stripEnd - stripStart <= 2
                && !(Options.ShortWordsWithPunctuation && stripEnd > stripStart && IsLetters(raw[stripStart..stripEnd])
                     && !Lexicon.Contains(raw) && Lexicon.Contains(raw[stripStart..stripEnd])))
            {
                stripStart = 0;
                stripEnd = raw.Length;
            }
            var word = raw[stripStart..stripEnd];

            ref var token = ref tokens[count++];
            token = default;
            token.Start = start + stripStart;
            token.Length = word.Length;
            token.InLexicon = Lexicon.TryGetValence(word, out token.Valence);
            if (Options.CapitalDFaces && word.Length == 2 && word[0] == 'D' && CapitalDFaceLookup.TryGetValue(word, out var dismay))
                (token.InLexicon, token.Valence) = (true, dismay);
            if (!token.InLexicon && Options.ElongatedWords && word.Length <= MaxElongatedLength && HasRepeatedRun(word))
                token.InLexicon = TryGetElongatedValence(word, out token.Valence);
            if (!token.InLexicon && Options.InflectedForms && word.Length <= MaxElongatedLength && word.Length >= 5)
                token.InLexicon = TryGetInflectedValence(word, out token.Valence);
            if (!BoosterLookup.TryGetValue(word, out token.Booster) && !token.InLexicon && Options.ElongatedWords
                && word.Length <= MaxElongatedLength && HasRepeatedRun(word))
                TryGetElongatedBooster(word, out token.Booster);
            token.IsUpper = IsUpper(word);
            token.IsNegation = NegationLookup.Contains(word) || word.Contains("n't", StringComparison.OrdinalIgnoreCase);
            SpecialWords.TryGetValue(word, out token.Special);
            token.EndsClause = raw[^1] is ',' or ';' or ':';
            token.EndsSentence = raw[^1] is '.' or '!' or '?' or ';';
            token.EndsQuestion = raw[^1] == '?' && (raw.Length == 1 || raw[^2] is not ('?' or '!'));
            token.SentenceStart = count == 1 ? 0
                : Options.ClauseBoundedModifiers && tokens[count - 2].EndsSentence ? count - 1
                : tokens[count - 2].SentenceStart;
        }
        if (Options.NegationIdioms) MarkNegationIdioms(text, tokens.AsSpan(0, count));
        return count;
    }

    private const int MaxElongatedLength = 64;

    /// <summary>A letter three times in a row ("sooo", "yaaay") or a non-letter twice (":))", "=((").</summary>
    private static bool HasRepeatedRun(ReadOnlySpan<char> word)
    {
        for (var k = 1; k < word.Length; k++)
        {
            if (word[k] != word[k - 1]) continue;
            if (!char.IsLetter(word[k])) return true;
            if (k >= 2 && word[k - 2] == word[k]) return true;
        }
        return false;
    }

    /// <summary>Looks up an elongated word with its letter runs cut to two ("goooood" -> "good") and then to one
    /// ("yaaay" -> "yay"), and its repeated symbols cut to one (":(((" -> ":("). Elongation is emphasis, so a
    /// word found this way weighs one booster step more, like "very".</summary>
    private bool TryGetElongatedValence(ReadOnlySpan<char> word, out double valence)
    {
        if (!TryCollapsedLookup(word, Lexicon.TryGetValence, out valence)) return false;
        valence += valence > 0 ? VaderRules.BoosterIncrement : valence < 0 ? -VaderRules.BoosterIncrement : 0;
        return true;
    }

    /// <summary>"sooo", "reaaally", "veeery" are the boosters "so", "really", "very".</summary>
    private static bool TryGetElongatedBooster(ReadOnlySpan<char> word, out double booster) =>
        TryCollapsedLookup(word, BoosterLookup.TryGetValue, out booster);

    private delegate bool SpanLookup(ReadOnlySpan<char> key, out double value);

    /// <summary>Looks <paramref name="word"/> up with its letter runs cut to two, then to one.</summary>
    private static bool TryCollapsedLookup(ReadOnlySpan<char> word, SpanLookup lookup, out double value)
    {
        Span<char> buffer = stackalloc char[MaxElongatedLength];
        foreach (var maxLetterRun in (ReadOnlySpan<int>)[2, 1])
        {
            var length = Collapse(word, buffer, maxLetterRun);
            if (length < word.Length && lookup(buffer[..length], out value)) return true;
        }
        value = 0;
        return false;
    }

    /// <summary>Copies <paramref name="word"/> with letter runs cut to <paramref name="maxLetterRun"/> and other
    /// repeated characters cut to one; returns the length written.</summary>
    private static int Collapse(ReadOnlySpan<char> word, Span<char> buffer, int maxLetterRun)
    {
        var length = 0;
        foreach (var c in word)
        {
            var run = 1;
            while (run <= length && buffer[length - run] == c) run++;
            if (run > (char.IsLetter(c) ? maxLetterRun : 1)) continue;
            buffer[length++] = c;
        }
        return length;
    }

    /// <summary>Suffixes whose removal (and replacement) gives the lexicon's form of an inflected word, in the order
    /// tried: plurals and third person ("crimes", "lacks", "parties"), adverbs ("poorly", "happily") and superlatives
    /// ("coolest", "nicest", "biggest"). Past tenses and participles are left out on purpose: "striking", "handed",
    /// "extended" mean something else than their stems, and on the ground truth they cost more than they gave.</summary>
    private static readonly (string Suffix, string Replacement)[] Inflections =
    [
        ("ies", "y"), ("es", ""), ("s", ""),
        ("ily", "y"), ("ly", ""),
        ("iest", "y"), ("est", ""), ("est", "e"),
    ];

    private bool TryGetInflectedValence(ReadOnlySpan<char> word, out double valence)
    {
        Span<char> buffer = stackalloc char[MaxElongatedLength];
        foreach (var (suffix, replacement) in Inflections)
        {
            if (!word.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) continue;
            var stem = word[..^suffix.Length];
            if (stem.Length < 3) continue;
            // "ss" is not a plural ("less", "kindness" keep their s).
            if (suffix == "s" && stem[^1] is 's' or 'S' || suffix == "s" && stem[^1] is 'u' or 'U' or 'i' or 'I') continue;
            stem.CopyTo(buffer);
            replacement.AsSpan().CopyTo(buffer[stem.Length..]);
            var length = stem.Length + replacement.Length;
            if (Lexicon.TryGetValence(buffer[..length], out valence)) return true;
            // A doubled final consonant before -est: "biggest" -> "big".
            if (suffix == "est" && replacement.Length == 0 && stem.Length >= 4 && stem[^1] == stem[^2]
                && Lexicon.TryGetValence(buffer[..(length - 1)], out valence)) return true;
        }
        valence = 0;
        return false;
    }

    /// <summary>"no doubt", "without doubt", "no denying" affirm; "nothing short of" intensifies; "not unlike" is a
    /// hedge. None of them negates what follows, and "doubt"/"denying" there are not negative words.</summary>
    private static void MarkNegationIdioms(ReadOnlySpan<char> text, Span<Token> tokens)
    {
        for (var k = 0; k < tokens.Length - 1; k++)
        {
            ref var token = ref tokens[k];
            if (!token.IsNegation && token.Special != Word.No) continue;
            ref var next = ref tokens[k + 1];
            if (next.Special is Word.Doubt or Word.Denying)
            {
                Neutralise(ref token);
                Neutralise(ref next);
            }
            else if (token.Special == Word.Nothing && k + 2 < tokens.Length
                     && WordIs(text, next, "short") && tokens[k + 2].Special == Word.Of)
            {
                Neutralise(ref token);
                tokens[k + 2].Booster = VaderRules.BoosterIncrement;
            }
            else if (WordIs(text, token, "not") && WordIs(text, next, "unlike"))
            {
                Neutralise(ref token);
            }
        }

        static void Neutralise(ref Token token)
        {
            token.IsNegation = false;
            token.Special = Word.None;
            token.InLexicon = false;
            token.Valence = 0;
        }
    }

    private static bool IsLetters(ReadOnlySpan<char> word)
    {
        foreach (var c in word) if (!char.IsLetter(c)) return false;
        return true;
    }

    /// <summary>Python's str.isupper: at least one cased letter and no lower-case letter.</summary>
    private static bool IsUpper(ReadOnlySpan<char> word)
    {
        var hasUpper = false;
        foreach (var c in word)
        {
            if (char.IsLower(c)) return false;
            if (char.IsUpper(c)) hasUpper = true;
        }
        return hasUpper;
    }

    /// <summary>ALL-CAPS only signals emphasis when some, not all, tokens are in capitals.</summary>
    private static bool CapsDiffer(ReadOnlySpan<Token> tokens)
    {
        var upper = 0;
        foreach (ref readonly var token in tokens) if (token.IsUpper) upper++;
        var differential = tokens.Length - upper;
        return differential > 0 && differential < tokens.Length;
    }

    private double TokenValence(ReadOnlySpan<char> text, Token[] tokens, int count, int i, bool capsDiffer)
    {
        ref readonly var item = ref tokens[i];
        // Boosters and the "kind" of "kind of" are modifiers, not sentiment words of their own.
        if (item.Booster != 0) return 0;
        if (i < count - 1 && item.Special == Word.Kind && tokens[i + 1].Special == Word.Of) return 0;
        if (!item.InLexicon) return 0;

        var valence = item.Valence;
        // "no" right before a sentiment word negates that word instead of counting as negative itself. Unlike the
        // reference, "no" never negates another "no": there "NO NO NO" came out positive.
        if (item.Special == Word.No)
        {
            if (i != count - 1 && tokens[i + 1].SentenceStart <= i && tokens[i + 1].InLexicon && tokens[i + 1].Special != Word.No) valence = 0;
        }
        else if ((i > 0 && InScope(tokens, i, 1) && tokens[i - 1].Special == Word.No)
            || (!Options.NoNegatesNextWordOnly && i > 1 && InScope(tokens, i, 2) && tokens[i - 2].Special == Word.No)
            || (i > 2 && InScope(tokens, i, 3) && tokens[i - 3].Special == Word.No && tokens[i - 1].Special == Word.OrNor))
            valence = item.Valence * VaderRules.NegationScalar;

        if (item.IsUpper && capsDiffer)
            valence += valence > 0 ? VaderRules.CapsIncrement : -VaderRules.CapsIncrement;

        for (var distance = 0; distance < 3; distance++)
        {
            // Look at up to three preceding words that are not sentiment words themselves.
            if (i <= distance || !InScope(tokens, i, distance + 1) || tokens[i - (distance + 1)].InLexicon) continue;
            var scalar = BoosterScalar(tokens[i - (distance + 1)], valence, capsDiffer);
            if (distance == 1) scalar *= 0.95;
            else if (distance == 2) scalar *= 0.9;
            valence += scalar;
            valence = NegationCheck(valence, tokens, distance, i, Options.NearestNegatorOnly);
            if (distance == 2) valence = SpecialIdiomsCheck(text, valence, tokens, count, i);
        }
        return LeastCheck(valence, tokens, i);
    }

    /// <summary>Whether the word <paramref name="back"/> positions before token i is in the same sentence.</summary>
    private static bool InScope(Token[] tokens, int i, int back) => i - back >= tokens[i].SentenceStart;

    private static double BoosterScalar(in Token word, double valence, bool capsDiffer)
    {
        if (word.Booster == 0) return 0;
        var scalar = valence < 0 ? -word.Booster : word.Booster;
        if (word.IsUpper && capsDiffer)
            scalar += valence > 0 ? VaderRules.CapsIncrement : -VaderRules.CapsIncrement;
        return scalar;
    }

    /// <summary>With <paramref name="nearestOnly"/> a negator does not reach past a nearer one: in "DON'T CARE DON'T
    /// CARE" the second "CARE" is negated once, not twice (which made it positive).</summary>
    private static double NegationCheck(double valence, Token[] tokens, int distance, int i, bool nearestOnly)
    {
        switch (distance)
        {
            case 0:
                if (tokens[i - 1].IsNegation) valence *= VaderRules.NegationScalar;
                break;
            case 1:
                // "never so good" intensifies; "without doubt good" is not a negation.
                if (tokens[i - 2].Special == Word.Never && tokens[i - 1].Special == Word.SoOrThis) valence *= 1.25;
                else if (tokens[i - 2].Special == Word.Without && tokens[i - 1].Special == Word.Doubt) { }
                else if (tokens[i - 2].IsNegation && !(nearestOnly && tokens[i - 1].IsNegation)) valence *= VaderRules.NegationScalar;
                break;
            case 2:
                if ((tokens[i - 3].Special == Word.Never && tokens[i - 2].Special == Word.SoOrThis)
                    || tokens[i - 1].Special == Word.SoOrThis)
                    valence *= 1.25;
                else if (tokens[i - 3].Special == Word.Without
                         && (tokens[i - 2].Special == Word.Doubt || tokens[i - 1].Special == Word.Doubt)) { }
                else if (tokens[i - 3].IsNegation && !(nearestOnly && (tokens[i - 1].IsNegation || tokens[i - 2].IsNegation)))
                    valence *= VaderRules.NegationScalar;
                break;
        }
        return valence;
    }

    private static double LeastCheck(double valence, Token[] tokens, int i)
    {
        // "least good" negates; "at least good" and "very least" do not.
        if (i > 1 && InScope(tokens, i, 1) && !tokens[i - 1].InLexicon && tokens[i - 1].Special == Word.Least)
        {
            if (tokens[i - 2].Special is not (Word.At or Word.Very)) valence *= VaderRules.NegationScalar;
        }
        else if (i > 0 && InScope(tokens, i, 1) && !tokens[i - 1].InLexicon && tokens[i - 1].Special == Word.Least)
        {
            valence *= VaderRules.NegationScalar;
        }
        return valence;
    }

    /// <summary>Idioms around position i override the valence ("the shit" = 3); "kind of"/"sort of" before it dampen.
    /// Order and precedence follow the reference: the first preceding match wins, following matches override.</summary>
    private static double SpecialIdiomsCheck(ReadOnlySpan<char> text, double valence, Token[] tokens, int count, int i)
    {
        // Sequences ending at or just before i, in the reference order: (i-1,i), (i-2..i), (i-2,i-1), (i-3..i-1), (i-3,i-2).
        ReadOnlySpan<(int Start, int Length)> preceding = [(i - 1, 2), (i - 2, 3), (i - 2, 2), (i - 3, 3), (i - 3, 2)];
        foreach (var (start, length) in preceding)
        {
            if (TryMatchSpecialCase(text, tokens, start, length, out var idiomValence)) { valence = idiomValence; break; }
        }
        if (count - 1 > i && TryMatchSpecialCase(text, tokens, i, 2, out var following)) valence = following;
        if (count - 1 > i + 1 && TryMatchSpecialCase(text, tokens, i, 3, out var following3)) valence = following3;

        foreach (var (first, second, increment) in VaderRules.BigramBoosters)
        {
            if (WordIs(text, tokens[i - 3], first) && WordIs(text, tokens[i - 2], second)) valence += increment;
            if (WordIs(text, tokens[i - 2], first) && WordIs(text, tokens[i - 1], second)) valence += increment;
        }
        return valence;
    }

    private static bool TryMatchSpecialCase(ReadOnlySpan<char> text, Token[] tokens, int start, int length, out double valence)
    {
        foreach (var (words, caseValence) in VaderRules.SpecialCases)
        {
            if (words.Length != length) continue;
            var matches = true;
            for (var k = 0; k < length && matches; k++) matches = WordIs(text, tokens[start + k], words[k]);
            if (matches) { valence = caseValence; return true; }
        }
        valence = 0;
        return false;
    }

    private static bool WordIs(ReadOnlySpan<char> text, in Token token, string word) =>
        token.Length == word.Length && text.Slice(token.Start, token.Length).Equals(word, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Contrast: with "but" the words before weigh half and the words after one and a half (the reference rule).
    /// With <see cref="ExtendedContrast"/> and no "but": "however" works the same way, and an "although"/"though"
    /// clause (up to the next , ; : or the end) is the conceded, weaker side while the rest is the main statement.
    /// </summary>
    private void ApplyContrast(ReadOnlySpan<Token> tokens, Span<double> sentiments)
    {
        var pivot = IndexOf(tokens, Word.But);
        if (pivot < 0 && ExtendedContrast) pivot = IndexOf(tokens, Word.However);
        if (pivot >= 0)
        {
            for (var k = 0; k < sentiments.Length; k++)
            {
                if (k < pivot) sentiments[k] *= VaderRules.BeforeContrastWeight;
                else if (k > pivot) sentiments[k] *= VaderRules.AfterContrastWeight;
            }
            return;
        }
        if (!ExtendedContrast) return;
        var concession = IndexOf(tokens, Word.Although);
        if (concession < 0) return;
        var clauseEnd = concession;
        while (clauseEnd < tokens.Length - 1 && !tokens[clauseEnd].EndsClause) clauseEnd++;
        // A concession that runs to the end with nothing before it has no main clause to contrast with.
        if (concession == 0 && clauseEnd == tokens.Length - 1) return;
        for (var k = 0; k < sentiments.Length; k++)
        {
            if (k > concession && k <= clauseEnd) sentiments[k] *= VaderRules.BeforeContrastWeight;
            else if (k != concession) sentiments[k] *= VaderRules.AfterContrastWeight;
        }
    }

    /// <summary>Questions and conditions do not assert: the sentiment words of a sentence that ends in a single "?"
    /// ("can someone recommend a good editor?") and of an "if" clause, up to the next , ; : or sentence end ("if it
    /// were good"), weigh half. "??", "?!" and longer runs stay emphasis (the punctuation amplifier).</summary>
    private static void WeighNonAssertiveClauses(ReadOnlySpan<Token> tokens, Span<double> sentiments)
    {
        var inQuestion = false;
        for (var k = tokens.Length - 1; k >= 0; k--)
        {
            if (tokens[k].EndsSentence) inQuestion = tokens[k].EndsQuestion;
            if (inQuestion) sentiments[k] *= VaderRules.NonAssertiveWeight;
        }
        for (var k = 0; k < tokens.Length; k++)
        {
            if (tokens[k].Special != Word.If) continue;
            var end = k;
            while (end < tokens.Length - 1 && !tokens[end].EndsClause && !tokens[end].EndsSentence) end++;
            for (var j = k + 1; j <= end; j++) sentiments[j] *= VaderRules.NonAssertiveWeight;
            k = end;
        }
    }

    private static int IndexOf(ReadOnlySpan<Token> tokens, Word word)
    {
        for (var k = 0; k < tokens.Length; k++) if (tokens[k].Special == word) return k;
        return -1;
    }

    private static VaderScores Combine(ReadOnlySpan<double> sentiments, ReadOnlySpan<char> text)
    {
        var sum = 0.0;
        foreach (var s in sentiments) sum += s;
        var punctuation = PunctuationAmplifier(text);
        if (sum > 0) sum += punctuation;
        else if (sum < 0) sum -= punctuation;
        var compound = Normalize(sum);

        // Each sentiment word counts one more than its valence so that neutral words (counted as 1) compare fairly.
        double positiveSum = 0, negativeSum = 0;
        var neutralCount = 0;
        foreach (var s in sentiments)
        {
            if (s > 0) positiveSum += s + 1;
            else if (s < 0) negativeSum += s - 1;
            else neutralCount++;
        }
        if (positiveSum > Math.Abs(negativeSum)) positiveSum += punctuation;
        else if (positiveSum < Math.Abs(negativeSum)) negativeSum -= punctuation;
        var total = positiveSum + Math.Abs(negativeSum) + neutralCount;
        return new VaderScores(compound, Math.Abs(positiveSum / total), Math.Abs(neutralCount / total), Math.Abs(negativeSum / total));
    }

    private static double PunctuationAmplifier(ReadOnlySpan<char> text)
    {
        var exclamations = Math.Min(text.Count('!'), VaderRules.MaxExclamations);
        var questions = text.Count('?');
        var questionAmplifier = questions <= 1 ? 0 : questions <= 3 ? questions * VaderRules.QuestionIncrement : VaderRules.MaxQuestionAmplifier;
        return exclamations * VaderRules.ExclamationIncrement + questionAmplifier;
    }

    /// <summary>Maps an unbounded valence sum into [-1, 1]; alpha approximates the largest expected sum.</summary>
    public static double Normalize(double score)
    {
        var normalized = score / Math.Sqrt(score * score + VaderRules.NormalizationAlpha);
        return Math.Clamp(normalized, -1.0, 1.0);
    }

    /// <summary>A growable char buffer rented from the shared pool; the caller returns <see cref="Buffer"/>.</summary>
    private struct PooledChars(int capacity)
    {
        public char[] Buffer = ArrayPool<char>.Shared.Rent(capacity);
        public int Length = 0;

        public void Append(char c)
        {
            Grow(1);
            Buffer[Length++] = c;
        }

        public void Append(ReadOnlySpan<char> chars)
        {
            Grow(chars.Length);
            chars.CopyTo(Buffer.AsSpan(Length));
            Length += chars.Length;
        }

        private void Grow(int extra)
        {
            if (Length + extra <= Buffer.Length) return;
            var larger = ArrayPool<char>.Shared.Rent(Math.Max(Buffer.Length * 2, Length + extra));
            Buffer.AsSpan(0, Length).CopyTo(larger);
            ArrayPool<char>.Shared.Return(Buffer);
            Buffer = larger;
        }
    }
}
