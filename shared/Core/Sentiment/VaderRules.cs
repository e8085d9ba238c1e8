using System.Collections.Frozen;

namespace CustomerValue.Sentiment;

/// <summary>
/// Constants and word lists of VADER (Hutto &amp; Gilbert 2014), as in the reference implementation
/// vaderSentiment 3.3.x. The empirically derived increments come from the paper's experiments.
/// </summary>
internal static class VaderRules
{
    /// <summary>Mean rating change caused by a booster ("very") or dampener ("slightly").</summary>
    public const double BoosterIncrement = 0.293;
    public const double DampenerIncrement = -0.293;
    /// <summary>Mean rating change when a sentiment word is in ALL CAPS among mixed-case text.</summary>
    public const double CapsIncrement = 0.733;
    /// <summary>Negation flips and shrinks: "not good" is about -0.74 x "good".</summary>
    public const double NegationScalar = -0.74;
    /// <summary>Per exclamation mark, at most 4 counted.</summary>
    public const double ExclamationIncrement = 0.292;
    public const int MaxExclamations = 4;
    /// <summary>Per question mark when there are 2 or 3; 4 or more add <see cref="MaxQuestionAmplifier"/>.</summary>
    public const double QuestionIncrement = 0.18;
    public const double MaxQuestionAmplifier = 0.96;
    /// <summary>Normalisation constant: compound = sum / sqrt(sum^2 + alpha).</summary>
    public const double NormalizationAlpha = 15;
    /// <summary>Weights of the clauses around a contrast ("good, but slow"): the part after it dominates.</summary>
    public const double BeforeContrastWeight = 0.5;
    public const double AfterContrastWeight = 1.5;
    /// <summary>Weight of sentiment words in a question or an "if" clause (not in the reference; chosen as the
    /// contrast rule's weaker side, not fitted).</summary>
    public const double NonAssertiveWeight = 0.5;

    /// <summary>The faces of dismay, rated as the first of the lexicon's two entries for "d:" and "d=" (case matters).</summary>
    public static readonly FrozenDictionary<string, double> CapitalDFaces =
        new Dictionary<string, double>(StringComparer.Ordinal) { ["D:"] = -2.9, ["D="] = -3.0 }.ToFrozenDictionary(StringComparer.Ordinal);

    public static readonly FrozenSet<string> Negations = FrozenSet.ToFrozenSet(
    [
        "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt",
        "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
        "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither",
        "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
        "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
        "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
        "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't",
        "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite",
    ], StringComparer.OrdinalIgnoreCase);

    /// <summary>Single-word boosters (positive increment) and dampeners (negative increment).</summary>
    public static readonly FrozenDictionary<string, double> Boosters = new Dictionary<string, double>
    {
        ["absolutely"] = BoosterIncrement, ["amazingly"] = BoosterIncrement, ["awfully"] = BoosterIncrement,
        ["completely"] = BoosterIncrement, ["considerable"] = BoosterIncrement, ["considerably"] = BoosterIncrement,
        ["decidedly"] = BoosterIncrement, ["deeply"] = BoosterIncrement, ["effing"] = BoosterIncrement,
        ["enormous"] = BoosterIncrement, ["enormously"] = BoosterIncrement, ["entirely"] = BoosterIncrement,
        ["especially"] = BoosterIncrement, ["exceptional"] = BoosterIncrement, ["exceptionally"] = BoosterIncrement,
        ["extreme"] = BoosterIncrement, ["extremely"] = BoosterIncrement, ["fabulously"] = BoosterIncrement,
        ["flipping"] = BoosterIncrement, ["flippin"] = BoosterIncrement, ["frackin"] = BoosterIncrement,
        ["fracking"] = BoosterIncrement, ["fricking"] = BoosterIncrement, ["frickin"] = BoosterIncrement,
        ["frigging"] = BoosterIncrement, ["friggin"] = BoosterIncrement, ["fully"] = BoosterIncrement,
        ["fuckin"] = BoosterIncrement, ["fucking"] = BoosterIncrement, ["fuggin"] = BoosterIncrement,
        ["fugging"] = BoosterIncrement, ["greatly"] = BoosterIncrement, ["hella"] = BoosterIncrement,
        ["highly"] = BoosterIncrement, ["hugely"] = BoosterIncrement, ["incredible"] = BoosterIncrement,
        ["incredibly"] = BoosterIncrement, ["intensely"] = BoosterIncrement, ["major"] = BoosterIncrement,
        ["majorly"] = BoosterIncrement, ["more"] = BoosterIncrement, ["most"] = BoosterIncrement,
        ["particularly"] = BoosterIncrement, ["purely"] = BoosterIncrement, ["quite"] = BoosterIncrement,
        ["really"] = BoosterIncrement, ["remarkably"] = BoosterIncrement, ["so"] = BoosterIncrement,
        ["substantially"] = BoosterIncrement, ["thoroughly"] = BoosterIncrement, ["total"] = BoosterIncrement,
        ["totally"] = BoosterIncrement, ["tremendous"] = BoosterIncrement, ["tremendously"] = BoosterIncrement,
        ["uber"] = BoosterIncrement, ["unbelievably"] = BoosterIncrement, ["unusually"] = BoosterIncrement,
        ["utter"] = BoosterIncrement, ["utterly"] = BoosterIncrement, ["very"] = BoosterIncrement,
        ["almost"] = DampenerIncrement, ["barely"] = DampenerIncrement, ["hardly"] = DampenerIncrement,
        ["kinda"] = DampenerIncrement, ["kindof"] = DampenerIncrement, ["kind-of"] = DampenerIncrement,
        ["less"] = DampenerIncrement, ["little"] = DampenerIncrement, ["marginal"] = DampenerIncrement,
        ["marginally"] = DampenerIncrement, ["occasional"] = DampenerIncrement, ["occasionally"] = DampenerIncrement,
        ["partly"] = DampenerIncrement, ["scarce"] = DampenerIncrement, ["scarcely"] = DampenerIncrement,
        ["slight"] = DampenerIncrement, ["slightly"] = DampenerIncrement, ["somewhat"] = DampenerIncrement,
        ["sorta"] = DampenerIncrement, ["sortof"] = DampenerIncrement, ["sort-of"] = DampenerIncrement,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Two-word dampeners, checked around a sentiment word ("kind of good").</summary>
    public static readonly (string First, string Second, double Increment)[] BigramBoosters =
    [
        ("just", "enough", DampenerIncrement),
        ("kind", "of", DampenerIncrement),
        ("sort", "of", DampenerIncrement),
    ];

    /// <summary>Phrases whose meaning overrides their words' valence ("the shit" is praise).</summary>
    public static readonly (string[] Words, double Valence)[] SpecialCases =
    [
        (["the", "shit"], 3),
        (["the", "bomb"], 3),
        (["bad", "ass"], 1.5),
        (["bus", "stop"], 0.0),
        (["yeah", "right"], -2),
        (["kiss", "of", "death"], -1.5),
        (["to", "die", "for"], 3),
        (["beating", "heart"], 3.1),
        (["broken", "heart"], -2.9),
    ];

    /// <summary>Characters Python's <c>string.punctuation</c> holds; VADER strips them from both ends of a token.</summary>
    public const string Punctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
}
