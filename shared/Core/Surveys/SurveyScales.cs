using System.Globalization;

namespace CustomerValue.Surveys;

/// <summary>Reads answers on rating scales: numbers, labelled numbers ("10 - Extremely likely") and word scales.</summary>
public static class SurveyScales
{
    private static readonly (string Words, int Value)[] Satisfaction =
    [
        ("very dissatisfied", 1), ("extremely dissatisfied", 1), ("completely dissatisfied", 1),
        ("somewhat dissatisfied", 2), ("dissatisfied", 2), ("unsatisfied", 2),
        ("neither satisfied nor dissatisfied", 3), ("neither satisfied or dissatisfied", 3), ("neutral", 3),
        ("somewhat satisfied", 4), ("satisfied", 4),
        ("very satisfied", 5), ("extremely satisfied", 5), ("completely satisfied", 5),
    ];

    private static readonly (string Words, int Value)[] Agreement =
    [
        ("strongly disagree", 1), ("disagree", 2), ("somewhat disagree", 3), ("neither agree nor disagree", 4),
        ("neutral", 4), ("somewhat agree", 5), ("agree", 6), ("strongly agree", 7),
    ];

    /// <summary>"7", "10 - Extremely likely", "0 (Not at all likely)": the integer the answer starts with.</summary>
    public static bool TryLeadingInteger(string text, out int value)
    {
        value = 0;
        var s = text.AsSpan().Trim();
        var n = 0;
        while (n < s.Length && n < 3 && char.IsAsciiDigit(s[n])) n++;
        if (n == 0 || n == 3) return false;
        if (n < s.Length)
        {
            var rest = s[n..].TrimStart();
            // A decimal or a date is not a scale answer; a label after a dash, parenthesis or space is.
            if (rest.Length > 0 && !(rest[0] is '-' or '(' or '=' or ':' || char.IsLetter(rest[0]))) return false;
            if (s[n] is '.' or ',' or '/') return false;
        }
        return int.TryParse(s[..n], NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Very dissatisfied (1) .. Very satisfied (5).</summary>
    public static bool TrySatisfactionWord(string text, out int value) => TryWords(text, Satisfaction, out value);

    /// <summary>Strongly disagree (1) .. Strongly agree (7).</summary>
    public static bool TryAgreementWord(string text, out int value) => TryWords(text, Agreement, out value);

    private static bool TryWords(string text, (string Words, int Value)[] scale, out int value)
    {
        var key = text.Trim().ToLowerInvariant();
        foreach (var (words, v) in scale)
            if (key == words) { value = v; return true; }
        value = 0;
        return false;
    }
}
