namespace CustomerValue.Domain;

/// <summary>A free-text answer with the question it answers.</summary>
public sealed record SurveyComment(string Question, string Text);

/// <summary>A customer-effort answer with its scale, since CES is asked on 1-5 or 1-7, and in either direction.</summary>
/// <param name="HigherIsEasier">True for "How easy was it..." and agreement with "... made it easy"; false for "How much effort...".</param>
public sealed record CesAnswer(int Value, int ScaleMin, int ScaleMax, bool HigherIsEasier);

/// <summary>One survey response, whatever platform exported it.</summary>
public sealed record SurveyResponse(
    string ResponseId,
    string? CustomerId,
    string? Email,
    DateTime? SubmittedAt,
    bool Finished,
    int? Nps,
    int? Csat,
    CesAnswer? Ces,
    IReadOnlyList<SurveyComment> Comments,
    IReadOnlyDictionary<string, string> Attributes);
