using CustomerValue.Domain;
using CustomerValue.Snapshots;
using CustomerValue.Surveys;
using static CustomerValue.Tests.Ingestion.IngestionTestSupport;

namespace CustomerValue.Tests.Snapshots;

/// <summary>The same Qualtrics export uploaded twice counts each response once; rows without a platform response id are never merged.</summary>
public class SurveyDeduplicationTests
{
    private static readonly DateOnly AsOf = new(2030, 1, 1);

    private static List<SurveyResponse> Upload()
    {
        using var reading = OpenFile(Fixture("qualtrics_nps.csv"));
        return AllAccepted(reading.SurveyResponses());
    }

    [Fact]
    public void Two_uploads_of_the_same_export_count_each_response_once_in_the_snapshot_cut()
    {
        var once = Upload();
        var overlapping = Upload().Take(2).ToList(); // a later export that repeats the first two responses
        Assert.All(once, r => Assert.True(SurveyResponses.HasPlatformId(r), r.ResponseId));

        var twice = PointInTime.Cut(new CustomerBase { Surveys = [.. once, .. Upload(), .. overlapping] }, AsOf).Surveys;

        Assert.Equal(once.Select(r => r.ResponseId), twice.Select(r => r.ResponseId));
        Assert.Equal(SurveyMetrics.Nps(once), SurveyMetrics.Nps(twice));
        Assert.Equal(SurveyMetrics.Csat(once), SurveyMetrics.Csat(twice));
        Assert.NotEqual(SurveyMetrics.Nps(once).Score, SurveyMetrics.Nps([.. once, .. overlapping]).Score); // what counting twice would show
    }

    [Fact]
    public void Responses_whose_id_was_made_up_from_a_line_number_are_all_kept()
    {
        var first = Upload().Select((r, i) => r with { ResponseId = $"{SurveyResponses.SynthesisedIdPrefix}{i + 4}" }).ToList();
        var second = first.Select(r => r with { Nps = 0 }).ToList(); // another export whose line 4 is another answer

        var cut = PointInTime.Cut(new CustomerBase { Surveys = [.. first, .. second] }, AsOf).Surveys;

        Assert.Equal(first.Count + second.Count, cut.Count);
    }
}
