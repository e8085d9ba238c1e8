using System.Text.RegularExpressions;

namespace CustomerValue.Sentiment;

/// <summary>
/// Reads an answer in the light of its survey question. Only the answer is ever scored (the question's words,
/// such as "problem" or "improve", never enter the score). For questions that ask what is wrong or what to
/// improve, an answer that says there is nothing ("nothing", "none", "n/a", "no complaints") is a sign of
/// satisfaction, so such answers are never negative.
/// </summary>
public static partial class QuestionContext
{
    [GeneratedRegex(@"\b(improv\w*|better|change|suggest\w*|wish\w*|missing|lack\w*|dislike\w*|least|frustrat\w*|problem\w*|issue\w*|complain\w*|wrong|fix\w*|annoy\w*|disappoint\w*)\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex ImprovementWords();

    // Longer phrases first: the regex takes the first alternative that fits.
    [GeneratedRegex(@"^(nothing (really|at all|else|to add|to improve|to change|comes to mind|i can think of)|none at all|not really|not applicable|no (complaints?|suggestions?|issues?|problems?|comments?)|all good|i can'?t think of anything( else)?|can'?t think of anything( else)?|keep (it )?up( the good work)?|nothing|none|nada|nil|n/?a|nope|no)\b",
        RegexOptions.IgnoreCase)]
    private static partial Regex NoIssueAnswer();

    /// <summary>Longest answer still read as a "nothing to improve" reply; longer ones say more than that.</summary>
    private const int MaxNoIssueAnswerLength = 80;

    public static bool AsksForImprovement(string? questionText) =>
        !string.IsNullOrWhiteSpace(questionText) && ImprovementWords().IsMatch(questionText);

    /// <summary>True when the answer means "nothing to improve": it is such a phrase alone, or the phrase, a
    /// punctuation mark and a remainder that is not negative ("Nothing really, keep it up"). "Nothing works"
    /// is not such an answer (no punctuation after "nothing"), nor is "None, but the app is slow".</summary>
    public static bool IsNoIssueAnswer(string answer, VaderScorer scorer)
    {
        var trimmed = answer.Trim().TrimEnd('.', '!', ' ').Trim('"', '\'', ' ');
        if (trimmed.Length == 0 || trimmed.Length > MaxNoIssueAnswerLength) return false;
        if (trimmed is "-" or "--" or "/") return true;
        var match = NoIssueAnswer().Match(trimmed);
        if (!match.Success) return false;
        var rest = trimmed.AsSpan(match.Length);
        if (rest.IsEmpty) return true;
        if (rest[0] is not (',' or '.' or ';' or '!' or '-' or ':' or ')')) return false;
        if (rest.Contains(" but ", StringComparison.OrdinalIgnoreCase)) return false;
        return scorer.Score(rest[1..]).Compound >= 0;
    }
}
