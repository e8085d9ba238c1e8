using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace CustomerValue.Sentiment;

/// <summary>
/// The VADER word lexicon (token -> mean valence, -4..+4) and emoji lexicon (emoji -> description).
/// Immutable after loading; one shared instance (<see cref="Default"/>) serves every analyzer.
/// </summary>
public sealed class VaderLexicon
{
    private static readonly Lazy<VaderLexicon> DefaultInstance = new(LoadEmbedded);

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

    public static VaderLexicon Default => DefaultInstance.Value;

    /// <summary>A copy without the given tokens: for words that name a topic in a domain rather than a feeling
    /// ("support" in customer feedback is the support desk, not approval).</summary>
    public VaderLexicon Without(IEnumerable<string> tokens)
    {
        var removed = tokens.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new VaderLexicon(_valences.Where(kv => !removed.Contains(kv.Key)).ToDictionary(), _emojiDescriptions);
    }

    /// <summary>This lexicon with <paramref name="additions"/> added (or overriding existing entries).</summary>
    public VaderLexicon With(IReadOnlyDictionary<string, double> additions)
    {
        var merged = new Dictionary<string, double>(_valences, StringComparer.OrdinalIgnoreCase);
        foreach (var (token, valence) in additions) merged[token] = valence;
        return new VaderLexicon(merged, _emojiDescriptions);
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
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0) continue;
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
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var tab = line.IndexOf('\t');
            if (tab <= 0)
                throw new FormatException($"emoji_utf8_lexicon.txt line {lineNumber}: expected 'emoji<TAB>description'.");
            var emoji = line.AsSpan(0, tab);
            if (Rune.DecodeFromUtf16(emoji, out var rune, out var consumed) == System.Buffers.OperationStatus.Done && consumed == emoji.Length)
                descriptions[rune.Value] = line[(tab + 1)..];
        }
        return descriptions;
    }

    private static VaderLexicon LoadEmbedded()
    {
        using var lexicon = OpenResource("vader_lexicon.txt");
        using var emoji = OpenResource("emoji_utf8_lexicon.txt");
        return new VaderLexicon(ParseLexicon(lexicon), ParseEmoji(emoji));
    }

    private static StreamReader OpenResource(string name)
    {
        var fullName = $"CustomerValue.Sentiment.{name}";
        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(fullName)
            ?? throw new InvalidOperationException($"Embedded resource {fullName} is missing from the core library.");
        return new StreamReader(stream, System.Text.Encoding.UTF8);
    }
}
