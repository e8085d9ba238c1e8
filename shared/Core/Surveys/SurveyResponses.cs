using CustomerValue.Domain;

namespace CustomerValue.Surveys;

/// <summary>
/// The same platform response exported twice (two uploads of overlapping Qualtrics, SurveyMonkey or Typeform exports)
/// counts once. Platform response ids are unique within their platform's survey; an id the reader made up from a line
/// number (<see cref="SynthesisedIdPrefix"/>) names no response, so those rows are all kept.
/// </summary>
public static class SurveyResponses
{
    /// <summary>The prefix of a response id made up from the line number when the export has no response id column.</summary>
    public const string SynthesisedIdPrefix = "line-";

    public static bool HasPlatformId(SurveyResponse response) => !response.ResponseId.StartsWith(SynthesisedIdPrefix, StringComparison.Ordinal);

    /// <summary>Each platform response once (its first occurrence, in the order given), every response without a platform id.</summary>
    public static List<SurveyResponse> Distinct(IEnumerable<SurveyResponse> responses)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return responses.Where(r => !HasPlatformId(r) || seen.Add(r.ResponseId)).ToList();
    }
}
