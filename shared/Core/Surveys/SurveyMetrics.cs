using CustomerValue.Domain;

namespace CustomerValue.Surveys;

/// <summary>Net Promoter Score over everyone who answered the 0-10 question.</summary>
/// <param name="Score">% promoters (9-10) minus % detractors (0-6), -100..100; null without answers.</param>
public sealed record NpsResult(int Answers, int Promoters, int Passives, int Detractors, double? Score);

/// <summary>Customer satisfaction: share of 1-5 answers that are 4 or 5.</summary>
public sealed record CsatResult(int Answers, int Satisfied, double? Percent);

/// <summary>Customer effort: mean answer on its own scale, and the share of answers on the easy side of the midpoint.</summary>
public sealed record CesResult(int Answers, double? Mean, int ScaleMin, int ScaleMax, bool HigherIsEasier, double? EasyPercent);

public static class SurveyMetrics
{
    public static NpsResult Nps(IEnumerable<int> scores)
    {
        int answers = 0, promoters = 0, detractors = 0;
        foreach (var s in scores)
        {
            if (s is < 0 or > 10) throw new ArgumentOutOfRangeException(nameof(scores), s, "NPS answers are 0..10.");
            answers++;
            if (s >= 9) promoters++;
            else if (s <= 6) detractors++;
        }
        double? score = answers == 0 ? null : 100.0 * (promoters - detractors) / answers;
        return new NpsResult(answers, promoters, answers - promoters - detractors, detractors, score);
    }

    public static CsatResult Csat(IEnumerable<int> scores)
    {
        int answers = 0, satisfied = 0;
        foreach (var s in scores)
        {
            if (s is < 1 or > 5) throw new ArgumentOutOfRangeException(nameof(scores), s, "CSAT answers are 1..5.");
            answers++;
            if (s >= 4) satisfied++;
        }
        return new CsatResult(answers, satisfied, answers == 0 ? null : 100.0 * satisfied / answers);
    }

    /// <summary>All answers must share one scale (as they do within one survey).</summary>
    public static CesResult Ces(IEnumerable<CesAnswer> answers)
    {
        var list = answers.ToList();
        if (list.Count == 0) return new CesResult(0, null, 1, 7, true, null);
        var first = list[0];
        if (list.Any(a => a.ScaleMin != first.ScaleMin || a.ScaleMax != first.ScaleMax || a.HigherIsEasier != first.HigherIsEasier))
            throw new ArgumentException("CES answers come from different scales.", nameof(answers));
        var midpoint = (first.ScaleMin + first.ScaleMax) / 2.0;
        var easy = list.Count(a => first.HigherIsEasier ? a.Value > midpoint : a.Value < midpoint);
        return new CesResult(list.Count, list.Average(a => a.Value), first.ScaleMin, first.ScaleMax, first.HigherIsEasier, 100.0 * easy / list.Count);
    }

    public static NpsResult Nps(IEnumerable<SurveyResponse> responses) => Nps(responses.Where(r => r.Nps.HasValue).Select(r => r.Nps!.Value));
    public static CsatResult Csat(IEnumerable<SurveyResponse> responses) => Csat(responses.Where(r => r.Csat.HasValue).Select(r => r.Csat!.Value));
    public static CesResult Ces(IEnumerable<SurveyResponse> responses) => Ces(responses.Where(r => r.Ces is not null).Select(r => r.Ces!));
}
