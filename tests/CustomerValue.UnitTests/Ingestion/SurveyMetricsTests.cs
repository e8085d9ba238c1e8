using CustomerValue.Domain;
using CustomerValue.Surveys;

namespace CustomerValue.Tests.Ingestion;

public class SurveyMetricsTests
{
    [Fact]
    public void Nps_is_promoters_minus_detractors_over_all_answers()
    {
        // 3 promoters (9, 10, 10), 2 passives (7, 8), 5 detractors (0..6): (3 - 5) / 10 = -20.
        var result = SurveyMetrics.Nps([9, 10, 10, 7, 8, 0, 3, 6, 6, 5]);
        Assert.Equal(new NpsResult(10, 3, 2, 5, -20.0), result);
        Assert.Null(SurveyMetrics.Nps(Array.Empty<int>()).Score);
        Assert.Throws<ArgumentOutOfRangeException>(() => SurveyMetrics.Nps([11]));
    }

    [Fact]
    public void Csat_is_share_of_four_and_five()
    {
        // 4 and 5 count: 3 of 8 = 37.5 %.
        Assert.Equal(new CsatResult(8, 3, 37.5), SurveyMetrics.Csat([1, 2, 3, 4, 5, 5, 3, 2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SurveyMetrics.Csat([0]));
    }

    [Fact]
    public void Ces_keeps_scale_and_direction()
    {
        // Effort scale 1-5 where higher means harder: easy answers are those below the midpoint 3 (1 and 2).
        var answers = new[] { 1, 2, 3, 5 }.Select(v => new CesAnswer(v, 1, 5, HigherIsEasier: false));
        var result = SurveyMetrics.Ces(answers);
        Assert.Equal(2.75, result.Mean);
        Assert.Equal(50.0, result.EasyPercent);
        Assert.False(result.HigherIsEasier);
        Assert.Throws<ArgumentException>(() => SurveyMetrics.Ces([new CesAnswer(1, 1, 5, true), new CesAnswer(1, 1, 7, true)]));
    }
}
