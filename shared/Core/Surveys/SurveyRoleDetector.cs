using CustomerValue.Ingestion;

namespace CustomerValue.Surveys;

/// <summary>
/// Finds what each survey column is from its name, its question text and its values, with a confidence 0..1:
/// platform metadata by name; NPS, CSAT and CES from the question wording plus the scale the answers use; free text
/// from wording plus answers that are sentences.
/// </summary>
internal static class SurveyRoleDetector
{
    private static readonly Dictionary<string, ColumnRole> MetadataByKey = new()
    {
        ["responseid"] = ColumnRole.ResponseId, ["respondentid"] = ColumnRole.ResponseId, ["token"] = ColumnRole.ResponseId,
        ["finished"] = ColumnRole.Finished, ["responsetype"] = ColumnRole.Finished,
        ["recordeddate"] = ColumnRole.SubmittedAt, ["enddate"] = ColumnRole.SubmittedAt, ["submitdateutc"] = ColumnRole.SubmittedAt,
        ["submitdate"] = ColumnRole.SubmittedAt, ["timestamp"] = ColumnRole.SubmittedAt, ["datesubmitted"] = ColumnRole.SubmittedAt,
        ["submittedat"] = ColumnRole.SubmittedAt, ["completedat"] = ColumnRole.SubmittedAt,
        ["externalreference"] = ColumnRole.CustomerId, ["externaldatareference"] = ColumnRole.CustomerId,
        ["customdata"] = ColumnRole.CustomerId, ["customdata1"] = ColumnRole.CustomerId, ["customerid"] = ColumnRole.CustomerId,
        ["custid"] = ColumnRole.CustomerId, ["userid"] = ColumnRole.CustomerId, ["accountid"] = ColumnRole.CustomerId,
        ["clientid"] = ColumnRole.CustomerId, ["cid"] = ColumnRole.CustomerId,
        ["email"] = ColumnRole.Email, ["emailaddress"] = ColumnRole.Email, ["recipientemail"] = ColumnRole.Email,
        ["plan"] = ColumnRole.Plan, ["tier"] = ColumnRole.Plan,
        ["segment"] = ColumnRole.Segment, ["region"] = ColumnRole.Region, ["country"] = ColumnRole.Country,
    };

    /// <summary>Platform bookkeeping and personal data that is neither a metric nor a useful segment attribute.</summary>
    private static readonly HashSet<string> IgnoredKeys =
    [
        "startdate", "startdateutc", "stagedateutc", "status", "ipaddress", "progress", "durationinseconds", "recipientlastname",
        "recipientfirstname", "locationlatitude", "locationlongitude", "locationaccuracy", "distributionchannel", "userlanguage",
        "collectorid", "networkid", "responseset", "name", "firstname", "lastname", "tags", "anfangsdatum", "enddatum",
    ];

    private static readonly string[] NpsWords = ["recommend", "net promoter", "nps"];
    // "How would you rate your experience", "Rating of your visit", "How happy were you": satisfaction asked without the word.
    private static readonly string[] CsatWords = ["satisf", "csat", "rate your", "rating", "how would you rate", "experience", "happy", "pleased"];
    private static readonly string[] CesWords = ["easy", "effort", "ces", "easier"];
    private static readonly string[] CommentWords =
        ["comment", "why", "feedback", "tell us", "anything else", "suggest", "improve", "open-ended", "free text", "explain", "reason", "better", "other (please specify)"];

    public static ColumnInfo Detect(int index, string name, string? question, ColumnProfile profile, double threshold)
    {
        var key = HeaderNames.Key(name);
        if (name.EndsWith("_NPS_GROUP", StringComparison.OrdinalIgnoreCase))
            return new ColumnInfo(index, name, ColumnRole.NpsGroup, 1.0, question, "Qualtrics NPS group (derived; the score column is used)");
        if (key == "" && name == "#") return new ColumnInfo(index, name, ColumnRole.ResponseId, 1.0, question);
        if (MetadataByKey.TryGetValue(key, out var meta)) return new ColumnInfo(index, name, meta, 1.0, question);
        if (IgnoredKeys.Contains(key)) return new ColumnInfo(index, name, ColumnRole.Ignored, 1.0, question, "survey platform metadata");
        if (RoleCatalog.PersonalRoleOf(name, exactly: true) is { } personal) return new ColumnInfo(index, name, personal, 1.0, question, "personal data");
        if (question is not null && MetadataByKey.TryGetValue(HeaderNames.Key(question), out var byQuestion))
            return new ColumnInfo(index, name, byQuestion, 0.95, question);

        var text = $"{name} {question}".ToLowerInvariant();
        var candidates = new List<(ColumnRole Role, double Confidence, string Note)>
        {
            Scale(ColumnRole.Nps, text, NpsWords, profile, min: 0, max: 10, words: 0),
            Scale(ColumnRole.Csat, text, CsatWords, profile, min: 1, max: 5, words: profile.SatisfactionWords),
            Scale(ColumnRole.Ces, text, CesWords, profile, min: 1, max: 7, words: profile.AgreementWords),
            Comment(text, profile),
        };
        if (profile.Emails > 0 && profile.Share(profile.Emails) > 0.9) candidates.Add((ColumnRole.Email, 0.9, "values are e-mail addresses"));
        var best = candidates.MaxBy(c => c.Confidence);
        if (best.Confidence <= 0 && (question is not null || name.Contains('?')) && LooksLikeRatingScale(profile))
            return new ColumnInfo(index, name, ColumnRole.Attribute, 0.5, question,
                $"answers are on a {profile.ScaleMin}-{profile.ScaleMax} rating scale but the wording names no metric; not used: give it a role (csat, ces, nps) in a mapping file") { IsUnsure = true };
        if (best.Confidence <= 0) return new ColumnInfo(index, name, ColumnRole.Attribute, 1.0, question);
        if (best.Confidence < threshold)
            return new ColumnInfo(index, name, ColumnRole.Attribute, best.Confidence, question,
                $"might be {best.Role} ({best.Note}); not used: give it a role in a mapping file") { IsUnsure = true };
        return new ColumnInfo(index, name, best.Role, best.Confidence, question, best.Note);
    }

    /// <summary>Wording gives 0.6; answers all on the scale add 0.4 (0.3 without wording, too weak alone).</summary>
    private static (ColumnRole, double, string) Scale(ColumnRole role, string text, string[] wording, ColumnProfile p, int min, int max, int words)
    {
        var worded = wording.Any(w => ContainsWord(text, w));
        var answered = p.NonEmpty > 0;
        // A few stray answers (rejected row by row later) do not hide the scale: 90 % on it is enough.
        var onScale = answered && p.Share(p.InRange(min, max) + words) >= 0.9;
        // An NPS column shows answers above 5 or a zero somewhere; a 1-5 scale never does.
        var shaped = role != ColumnRole.Nps || p.ScaleMax > 5 || p.ScaleMin == 0;
        if (role == ColumnRole.Csat && !worded && words == 0) return (role, 0, "");
        var confidence = (worded ? 0.6 : 0) + (onScale ? (worded ? 0.4 : shaped && role == ColumnRole.Nps && p.ScaleMax > 7 ? 0.3 : 0) : 0);
        if (worded && answered && !onScale) confidence = 0.3;
        var note = $"{(worded ? "question wording" : "no wording")}, {(answered ? onScale ? $"answers on {min}-{max}" : "answers off the scale" : "no answers to check")}";
        return (role, confidence, note);
    }

    /// <summary>Whole numbers within 0..10 in (nearly) every answer to a question: a rating, not a plain attribute.</summary>
    private static bool LooksLikeRatingScale(ColumnProfile p) =>
        p.NonEmpty > 0 && p.ScaleMin >= 0 && p.ScaleMax is >= 3 and <= 10 && p.Share(p.InRange(0, 10)) >= 0.9;

    private static (ColumnRole, double, string) Comment(string text, ColumnProfile p)
    {
        var worded = CommentWords.Any(w => text.Contains(w, StringComparison.Ordinal));
        var sentences = p.NonEmpty > 0 && p.Share(p.Numbers) < 0.2 && p.Share(p.Words) >= 0.3;
        var confidence = (worded ? 0.5 : 0) + (sentences ? 0.4 : 0);
        if (!worded && sentences && p.AverageLength >= 25) confidence = 0.75;
        return (ColumnRole.Comment, confidence, worded ? "question asks for free text" : "answers are sentences");
    }

    private static bool ContainsWord(string text, string word)
    {
        var at = text.IndexOf(word, StringComparison.Ordinal);
        while (at >= 0)
        {
            var before = at == 0 || !char.IsLetter(text[at - 1]);
            // Short words (nps, ces) must stand alone; longer stems may continue (satisf-action).
            var after = word.Length > 4 || at + word.Length >= text.Length || !char.IsLetter(text[at + word.Length]);
            if (before && after) return true;
            at = text.IndexOf(word, at + 1, StringComparison.Ordinal);
        }
        return false;
    }
}
