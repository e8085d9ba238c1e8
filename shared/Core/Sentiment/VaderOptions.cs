namespace CustomerValue.Sentiment;

/// <summary>
/// Which rules beyond the reference implementation (vaderSentiment 3.3.x) a <see cref="VaderScorer"/> applies.
/// <see cref="Reference"/> switches them all off; <see cref="Default"/> switches them all on. `bench -- sentiment`
/// measures each one on the three ground-truth corpora by leaving it out (the ablation table), so its effect can be
/// checked and a rule that stops paying its way can be switched off.
/// </summary>
public sealed record VaderOptions
{
    /// <summary>The reference rules only.</summary>
    public static VaderOptions Reference { get; } = new()
    {
        ExtendedContrast = false, ClauseBoundedModifiers = false, NegationIdioms = false, NoNegatesNextWordOnly = false,
        SkipSingleCharacterWords = false, NearestNegatorOnly = false, ElongatedWords = false, InflectedForms = false,
        NonAssertiveClauses = false, ShortWordsWithPunctuation = false, CapitalDFaces = false,
    };

    public static VaderOptions Default { get; } = new();

    /// <summary>"however" acts like "but"; an "although"/"though" clause is the weaker side.</summary>
    public bool ExtendedContrast { get; init; } = true;

    /// <summary>Negators, boosters and "no" reach back at most three words, as in the reference, but never across
    /// the end of a sentence or a semicolon: in "Nothing happened! You suck" the "nothing" does not flip "suck".</summary>
    public bool ClauseBoundedModifiers { get; init; } = true;

    /// <summary>"no doubt", "without doubt", "no denying", "nothing short of", "not unlike" do not negate what follows,
    /// and "doubt"/"denying" there carry no valence of their own.</summary>
    public bool NegationIdioms { get; init; } = true;

    /// <summary>"no" negates the sentiment word right after it ("no fun") but not one two words later, which in
    /// the reference turned "no idea lol" negative.</summary>
    public bool NoNegatesNextWordOnly { get; init; } = true;

    /// <summary>One-character tokens ("a", "I") do not count as words, as in the 2014 code the published figures
    /// were measured with: "wouldn't be such a bad idea" keeps the negation within three words of "bad".</summary>
    public bool SkipSingleCharacterWords { get; init; } = true;

    /// <summary>A negator does not reach past a nearer negator ("DON'T CARE DON'T CARE" stays negative).</summary>
    public bool NearestNegatorOnly { get; init; } = true;

    /// <summary>Elongated words and emoticons ("yaaay", "LAAAME", ":(((") are found in the lexicon and count one
    /// booster step stronger.</summary>
    public bool ElongatedWords { get; init; } = true;

    /// <summary>A word missing from the lexicon is looked up without its plural, adverb or superlative ending
    /// ("crimes", "poorly", "coolest").</summary>
    public bool InflectedForms { get; init; } = true;

    /// <summary>Sentiment words in a question (a sentence ending in a single "?") or an "if" clause weigh half.</summary>
    public bool NonAssertiveClauses { get; init; } = true;

    /// <summary>A one- or two-letter word with punctuation ("NO.", "ok!") is looked up without the punctuation; the
    /// reference keeps such tokens whole (to protect emoticons such as ":)") and so never finds them.</summary>
    public bool ShortWordsWithPunctuation { get; init; } = true;

    /// <summary>"D:" and "D=" with a capital D are faces of dismay. The lexicon rates "d:" and "d=" twice (once for
    /// these faces, -2.9 and -3.0; once for the tongue-out "d:" and "d=", +1.2 and +1.5) because its tokens were
    /// lower-cased; the reference keeps the later, positive rating, so "D: D: D:" read as happy.</summary>
    public bool CapitalDFaces { get; init; } = true;
}
