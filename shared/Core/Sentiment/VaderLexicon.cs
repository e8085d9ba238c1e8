using MathNet.Numerics.LinearRegression;
using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace CustomerValue.Sentiment;

/// <summary>
/// The VADER word lexicon (token -> mean valence, -4..+4) and emoji lexicon (emoji -> description).
/// <see cref="Reference"/> is the VADER lexicon unchanged; <see cref="Default"/> adds the single words of AFINN-165
/// that VADER lacks (705 words such as "afraid", "appealing", "atrocious", "unfunny"), their -5..5 ratings mapped
/// onto VADER's scale by the least-squares line fitted on the 2,650 words both lists rate (<see cref="SupplementScale"/>).
/// Immutable after loading; the shared instances serve every analyzer.
/// </summary>
public sealed class VaderLexicon
{
    private static readonly Lazy<VaderLexicon> ReferenceInstance = new(LoadEmbedded);
    private static readonly Lazy<VaderLexicon> DefaultInstance = new(() => ReferenceInstance.Value.WithSupplement(LoadAfinn()));

    /// <summary>Lookups are case-insensitive so a token span can be looked up without lower-casing it first;
    /// only all-lower-case keys are kept, because the reference tool lower-cases the token and so never
    /// reaches a key such as ":D" or "XD" (their lower-case twins ":d" and "xd" are in the file).</summary>
    private readonly FrozenDictionary<string, double> _valences;
    private readonly FrozenDictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> _valenceBySpan;
    private readonly FrozenDictionary<int, string> _emojiDescriptions;

    public VaderLexicon(IReadOnlyDictionary<string, double> valences, IReadOnlyDictionary<int, string> emojiDescriptions)
    {
        _valences = valences
            .Where(kv => string.Equals(kv.Key, kv.Key.ToLowerInvariant(), StringComparison.Ordinal))
            .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        _valenceBySpan = _valences.GetAlternateLookup<ReadOnlySpan<char>>();
        _emojiDescriptions = emojiDescriptions.ToFrozenDictionary();
    }

    /// <summary>VADER's lexicon with the AFINN-165 words it lacks: what the analyzers use.</summary>
    public static VaderLexicon Default => DefaultInstance.Value;

    /// <summary>VADER's lexicon exactly as published (vaderSentiment 3.3.x).</summary>
    public static VaderLexicon Reference => ReferenceInstance.Value;

    /// <summary>Words added from a supplementary list by <see cref="WithSupplement"/> (0 for the reference).</summary>
    public int SupplementWordCount { get; private init; }

    /// <summary>Factor from the supplementary list's scale to VADER's (0 when there is none).</summary>
    public double SupplementScale { get; private init; }

    /// <summary>
    /// This lexicon plus the single words of <paramref name="ratings"/> it lacks (phrases are skipped: the scorer
    /// reads one token at a time). The other list's scale is mapped onto VADER's by the slope of the least-squares
    /// line fitted on the words both rate (0.77 for AFINN-165; the intercept, 0.01, is dropped so that 0 stays 0).
    /// </summary>
    public VaderLexicon WithSupplement(IReadOnlyDictionary<string, int> ratings)
    {
        var shared = ratings.Where(kv => _valences.ContainsKey(kv.Key)).ToList();
        if (shared.Count < 2) throw new ArgumentException("The supplementary list shares fewer than two words with the lexicon; its scale cannot be fitted.");
        var (_, slope) = SimpleRegression.Fit(
            shared.Select(kv => (double)kv.Value).ToArray(), shared.Select(kv => _valences[kv.Key]).ToArray());
        var added = ratings
            .Where(kv => !kv.Key.Contains(' ') && !_valences.ContainsKey(kv.Key))
            .ToDictionary(kv => kv.Key, kv => Math.Round(slope * kv.Value, 3));
        var merged = new Dictionary<string, double>(_valences, StringComparer.OrdinalIgnoreCase);
        foreach (var (token, valence) in added) merged[token] = valence;
        return new VaderLexicon(merged, _emojiDescriptions) { SupplementWordCount = SupplementWordCount + added.Count, SupplementScale = slope };
    }

    /// <summary>A copy without the given tokens: for words that name a topic in a domain rather than a feeling
    /// ("support" in customer feedback is the support desk, not approval).</summary>
    public VaderLexicon Without(IEnumerable<string> tokens)
    {
        var removed = tokens.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new VaderLexicon(_valences.Where(kv => !removed.Contains(kv.Key)).ToDictionary(), _emojiDescriptions)
            { SupplementWordCount = SupplementWordCount, SupplementScale = SupplementScale };
    }

    /// <summary>This lexicon with <paramref name="additions"/> added (or overriding existing entries).</summary>
    public VaderLexicon With(IReadOnlyDictionary<string, double> additions)
    {
        var merged = new Dictionary<string, double>(_valences, StringComparer.OrdinalIgnoreCase);
        foreach (var (token, valence) in additions) merged[token] = valence;
        return new VaderLexicon(merged, _emojiDescriptions) { SupplementWordCount = SupplementWordCount, SupplementScale = SupplementScale };
    }

    public int WordCount => _valences.Count;
    public int EmojiCount => _emojiDescriptions.Count;

    public bool TryGetValence(ReadOnlySpan<char> token, out double valence) => _valenceBySpan.TryGetValue(token, out valence);
    public bool Contains(ReadOnlySpan<char> token) => _valenceBySpan.ContainsKey(token);

    public bool TryGetEmojiDescription(int codePoint, out string description) =>
        _emojiDescriptions.TryGetValue(codePoint, out description!);

    /// <summary>
    /// Parses vader_lexicon.txt lines (<c>token TAB mean TAB std TAB ratings</c>). Tokens listed twice keep the
    /// later value, as the reference implementation's dictionary assignment does (14 tokens, e.g. "lol").
    /// </summary>
    public static Dictionary<string, double> ParseLexicon(TextReader reader)
    {
        var valences = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (lineNumber, line) in NonEmptyLines(reader))
        {
            var fields = line.Split('\t');
            if (fields.Length < 2 || !double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var valence))
                throw new FormatException($"vader_lexicon.txt line {lineNumber}: expected 'token<TAB>valence', got '{line}'.");
            valences[fields[0]] = valence;
        }
        return valences;
    }

    /// <summary>Parses emoji_utf8_lexicon.txt (<c>emoji TAB description</c>). Only single-code-point emoji are
    /// kept: the reference tool replaces emoji one code point at a time, so longer sequences never match whole.</summary>
    public static Dictionary<int, string> ParseEmoji(TextReader reader)
    {
        var descriptions = new Dictionary<int, string>();
        foreach (var (lineNumber, line) in NonEmptyLines(reader))
        {
            var tab = line.IndexOf('\t');
            if (tab <= 0)
                throw new FormatException($"emoji_utf8_lexicon.txt line {lineNumber}: expected 'emoji<TAB>description'.");
            var emoji = line.AsSpan(0, tab);
            if (Rune.DecodeFromUtf16(emoji, out var rune, out var consumed) == System.Buffers.OperationStatus.Done && consumed == emoji.Length)
                descriptions[rune.Value] = line[(tab + 1)..];
        }
        return descriptions;
    }

    /// <summary>The non-empty lines of a word list, with their 1-based numbers for error messages.</summary>
    private static IEnumerable<(int Number, string Line)> NonEmptyLines(TextReader reader)
    {
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length > 0) yield return (number, line);
        }
    }

    private static VaderLexicon LoadEmbedded()
    {
        using var lexicon = OpenResource("vader_lexicon.txt");
        using var emoji = OpenResource("emoji_utf8_lexicon.txt");
        return new VaderLexicon(ParseLexicon(lexicon), ParseEmoji(emoji));
    }

    /// <summary>Parses an AFINN list (<c>word or phrase TAB integer rating -5..5</c>).</summary>
    public static Dictionary<string, int> ParseAfinn(TextReader reader, string source = "afinn-165.txt")
    {
        var ratings = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (lineNumber, line) in NonEmptyLines(reader))
        {
            var tab = line.LastIndexOf('\t');
            if (tab <= 0 || !int.TryParse(line.AsSpan(tab + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var rating))
                throw new FormatException($"{source} line {lineNumber}: expected 'word<TAB>rating', got '{line}'.");
            ratings[line[..tab]] = rating;
        }
        return ratings;
    }

    private static Dictionary<string, int> LoadAfinn()
    {
        using var reader = OpenResource("afinn-165.txt");
        return ParseAfinn(reader);
    }

    private static StreamReader OpenResource(string name)
    {
        var fullName = $"CustomerValue.Sentiment.{name}";
        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(fullName)
            ?? throw new InvalidOperationException($"Embedded resource {fullName} is missing from the core library.");
        return new StreamReader(stream, System.Text.Encoding.UTF8);
    }
}
