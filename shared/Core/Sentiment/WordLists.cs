using System.Collections.Frozen;

namespace CustomerValue.Sentiment;

/// <summary>Small closed word lists used by the language check and the key-phrase extractor.</summary>
internal static class WordLists
{
    /// <summary>Common English function words (articles, pronouns, auxiliaries, prepositions, conjunctions).</summary>
    public static readonly FrozenSet<string> EnglishStopwords = FrozenSet.ToFrozenSet(
    [
        "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as", "at", "be",
        "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do",
        "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having",
        "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it",
        "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on",
        "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should", "so",
        "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these",
        "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what",
        "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours",
        "yourself", "yourselves", "also", "get", "got", "really", "im", "i'm", "it's", "dont", "don't", "didn't",
        "can't", "cant", "isn't", "wasn't", "won't", "ive", "i've", "you're", "we're", "they're", "let", "lets",
        "much", "many", "every", "even", "still", "always", "never", "one", "two", "like", "make", "made", "use",
        "used", "using", "go", "going", "way", "thing", "things", "lot", "bit", "well", "though", "although",
        "however", "yet", "may", "might", "must", "shall", "us", "etc", "via", "per", "since", "either", "neither",
        "whether", "within", "without", "across", "along", "around", "among", "upon", "onto", "toward", "towards",
        "need", "needs", "want", "wants", "think", "know", "see", "say", "said", "please", "thanks", "thank",
        "something", "anything", "nothing", "everything", "someone", "anyone", "everyone", "sometimes", "often",
        "quite", "rather", "pretty", "maybe", "perhaps", "overall", "able", "else", "another", "ever", "less",
        "little", "enough", "again", "back", "new", "good", "great", "bad", "better", "best", "worse", "worst",
        "keep", "take", "give", "time", "times", "day", "days",
        // request verbs: "please add dark mode" names "dark mode", not "add dark mode"
        "add", "fix", "improve", "remove", "bring", "allow", "offer", "provide", "include", "change", "show", "try",
        "would", "be", "is", "are", "was", "were", "been", "will",
    ], StringComparer.OrdinalIgnoreCase);

    /// <summary>Frequent function words of other languages written in Latin script (German, French, Spanish,
    /// Portuguese, Italian, Dutch) that are not English words; many of them in a text means it is not English.</summary>
    public static readonly FrozenSet<string> ForeignStopwords = FrozenSet.ToFrozenSet(
    [
        // German
        "der", "die", "das", "und", "ist", "nicht", "ein", "eine", "ich", "sie", "wir", "mit", "auf", "für", "sehr",
        "aber", "auch", "noch", "nur", "wie", "war", "wurde", "sind", "bei", "oder", "zu", "den", "dem", "des", "es",
        "mir", "mich", "kein", "keine", "schnell", "gut", "schlecht", "immer", "wieder",
        // French
        "le", "la", "les", "et", "est", "une", "des", "du", "je", "nous", "vous", "pas", "très", "mais", "avec",
        "pour", "dans", "sur", "qui", "que", "ce", "cette", "il", "elle", "ont", "été", "au", "aux", "ne",
        // Spanish / Portuguese / Italian
        "el", "los", "las", "y", "es", "muy", "pero", "con", "para", "por", "una", "uno", "del", "que", "fue", "lo",
        "se", "su", "mi", "más", "mas", "bueno", "buena", "malo", "mala", "também", "não", "com", "uma", "um", "os",
        "é", "il", "di", "che", "non", "molto", "sono", "della", "gli", "anche", "ho",
        // Dutch
        "het", "een", "niet", "zeer", "maar", "ook", "wel", "zijn", "ik", "wij", "voor", "met", "van", "dat",
    ], StringComparer.OrdinalIgnoreCase);
}
