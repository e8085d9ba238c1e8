using System.Text.RegularExpressions;
using CustomerValue.Reports;
using CustomerValue.Segments;

namespace CustomerValue.Tests.Segments;

/// <summary>
/// The promoter / passive / detractor counts each segment stores: every dimension splits the `all` segment's counts
/// among its segments, and each segment's NPS is (promoters - detractors) / answers x 100, in the stored figures and
/// as the segments page shows them.
/// </summary>
public sealed partial class NpsSplitTests
{
    private static readonly DateOnly AsOf = new(2025, 6, 30);

    private static IReadOnlyList<SegmentKpis> Segments() =>
        SegmentAnalysis.Run(SegmentKpiTests.Population(), AsOf, new SegmentationOptions { OpportunityCount = null }).Segments;

    [Fact]
    public void The_population_has_the_split_worked_out_by_hand()
    {
        // Plan A: 200 promoters, 100 passives, 100 detractors; C: 50 promoters; D: 100 detractors (see SegmentKpiTests).
        var all = Segments().Single(s => s.Segment == SegmentKey.Everyone);
        Assert.Equal((250, 100, 200, 550), (all.Promoters, all.Passives, all.Detractors, all.NpsAnswers));
        var a = Segments().Single(s => s.Segment == new SegmentKey("plan", "A"));
        Assert.Equal((200, 100, 100, 400), (a.Promoters, a.Passives, a.Detractors, a.NpsAnswers));
    }

    [Fact]
    public void Every_dimension_splits_the_all_segments_counts()
    {
        var segments = Segments();
        var all = segments.Single(s => s.Segment == SegmentKey.Everyone);
        var dimensions = segments.Where(s => s != all).GroupBy(s => s.Segment.Dimension).ToList();
        Assert.NotEmpty(dimensions);
        foreach (var dimension in dimensions)
        {
            Assert.True(all.Promoters == dimension.Sum(s => s.Promoters), $"{dimension.Key}: promoters");
            Assert.True(all.Passives == dimension.Sum(s => s.Passives), $"{dimension.Key}: passives");
            Assert.True(all.Detractors == dimension.Sum(s => s.Detractors), $"{dimension.Key}: detractors");
            Assert.True(all.NpsAnswers == dimension.Sum(s => s.NpsAnswers), $"{dimension.Key}: answers");
        }
    }

    [Fact]
    public void Each_segments_nps_is_promoters_minus_detractors_over_answers_as_stored_and_shown()
    {
        var segments = Segments();
        var html = HtmlReportRenderer.Render(new ReportDocument { Title = "Segments", GeneratedAt = new DateTimeOffset(2025, 7, 1, 0, 0, 0, TimeSpan.Zero), Segments = segments });
        foreach (var s in segments)
        {
            Assert.Equal(s.NpsAnswers, s.Promoters + s.Passives + s.Detractors);
            var row = RowOf(html, s.Segment);
            if (s.NpsAnswers == 0)
            {
                Assert.Null(s.Nps);
                continue;
            }
            var nps = 100.0 * (s.Promoters - s.Detractors) / s.NpsAnswers;
            Assert.Equal(nps, s.Nps!.Value, 9);
            Assert.Contains($"{FigureText.Format(nps, FigureFormat.Score)} <small>(n = {FigureText.Format(s.NpsAnswers, FigureFormat.Count)})</small>", row, StringComparison.Ordinal);
            Assert.Contains(">" + HtmlReportRenderer.NpsSplitText(s) + "</td>", row, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_csv_carries_the_split_beside_nps()
    {
        var csv = ReportCsv.Segments(Segments()).Split('\n');
        var header = csv[0].Trim().Split(',');
        var row = csv.Single(l => l.StartsWith("plan,A,", StringComparison.Ordinal)).Trim().Split(',');
        string Cell(string name) => row[Array.IndexOf(header, name)];
        Assert.Equal(("25", "400", "200", "100", "100"), (Cell("nps"), Cell("nps_answers"), Cell("promoters"), Cell("passives"), Cell("detractors")));
    }

    private static string RowOf(string html, SegmentKey segment)
    {
        var match = Regex.Match(html, "<tr><td title=\"" + Regex.Escape(Html.Encode(segment.ToString())) + "\">.*?</tr>");
        Assert.True(match.Success, $"no row for {segment}");
        return match.Value;
    }
}
