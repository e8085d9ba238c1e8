using CustomerValue.Reports;
using CustomerValue.Segments;

namespace CustomerValue.Tests.Segments;

/// <summary>
/// Topic by segment by sentiment, on the population of <see cref="SegmentKpiTests"/>: in plan A, customers 0-99 complain
/// about price (-0.6), 100-149 about support (-0.4), 150-349 praise delivery (0.7); each A customer has revenue at
/// risk 100 x 0.2 = 20; no other plan comments.
/// </summary>
public sealed class TopicBySegmentTests
{
    private static IReadOnlyList<SegmentKpis> Segments() =>
        SegmentAnalysis.Run(SegmentKpiTests.Population(), new DateOnly(2025, 6, 30), new SegmentationOptions { OpportunityCount = null }).Segments;

    [Fact]
    public void Each_topic_of_a_segment_has_its_customers_share_sentiment_and_revenue_at_risk_worked_out_by_hand()
    {
        var a = Segments().Single(s => s.Segment == new SegmentKey("plan", "A")).Topics.ToDictionary(t => t.Topic);
        Assert.Equal(["delivery", "price", "support"], a.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((100, 100 / 350.0, 100, 2_000m), (a["price"].Customers, a["price"].ShareOfCommenters!.Value, a["price"].Mentions, a["price"].RevenueAtRisk!.Value));
        Assert.Equal(-0.6, a["price"].MeanSentiment, 9);
        Assert.Equal((50, 50 / 350.0, 1_000m), (a["support"].Customers, a["support"].ShareOfCommenters!.Value, a["support"].RevenueAtRisk!.Value));
        Assert.Equal(-0.4, a["support"].MeanSentiment, 9);
        Assert.Equal((200, 200, 0, 4_000m), (a["delivery"].Customers, a["delivery"].Positive, a["delivery"].Negative, a["delivery"].RevenueAtRisk!.Value));
        Assert.Empty(Segments().Single(s => s.Segment == new SegmentKey("plan", "B")).Topics);
    }

    [Fact]
    public void Every_dimension_splits_each_topics_customers_mentions_and_revenue_at_risk_of_the_all_segment()
    {
        var segments = Segments();
        var all = segments.Single(s => s.Segment == SegmentKey.Everyone);
        Assert.NotEmpty(all.Topics);
        foreach (var dimension in segments.Where(s => s != all).GroupBy(s => s.Segment.Dimension))
            foreach (var topic in all.Topics)
            {
                var parts = dimension.SelectMany(s => s.Topics).Where(t => t.Topic == topic.Topic).ToList();
                Assert.True(topic.Customers == parts.Sum(t => t.Customers), $"{dimension.Key}/{topic.Topic}: customers");
                Assert.True(topic.Mentions == parts.Sum(t => t.Mentions), $"{dimension.Key}/{topic.Topic}: mentions");
                Assert.True(topic.RevenueAtRisk == parts.Sum(t => t.RevenueAtRisk ?? 0), $"{dimension.Key}/{topic.Topic}: revenue at risk");
            }
    }

    [Fact]
    public void A_customer_mentioning_a_topic_twice_counts_once_with_both_mentions_in_the_sentiment()
    {
        var twice = new CustomerView
        {
            CustomerId = "X", Plan = "A", PredictedClv = 100, ChurnProbability = 0.5, SentimentCompound = -0.5,
            Aspects = [new AspectMention("price", -0.8), new AspectMention("price", -0.2)],
        };
        var price = SegmentAnalysis.Run([twice], new DateOnly(2025, 6, 30)).Segments.Single(s => s.Segment == SegmentKey.Everyone).Topics.Single();
        Assert.Equal((1, 2, 1.0, 50m), (price.Customers, price.Mentions, price.ShareOfCommenters!.Value, price.RevenueAtRisk!.Value));
        Assert.Equal(-0.5, price.MeanSentiment, 9);
    }

    [Fact]
    public void The_survey_keeps_the_topics_by_segment_of_the_segment_and_topic_asked_for()
    {
        var survey = new SurveySummary { From = new(2025, 1, 1), To = new(2025, 6, 30), Responses = 1, Quotes = [new Quote("too dear", "q", "Negative", -0.6, ["price"])] };
        var segments = Segments();
        var one = survey.WithTopicsBySegment(segments, SegmentSelector.Parse("plan:a").Selector, "PRICE", s => s.ToString());
        var row = Assert.Single(one.TopicsBySegment);
        Assert.Equal((new SegmentKey("plan", "A"), "price"), (row.Segment, row.Figures.Topic));
        Assert.Single(one.Quotes);
        Assert.Empty(survey.WithTopicsBySegment(segments, null, "delivery", s => s.ToString()).Quotes);
        Assert.Equal(segments.Sum(s => s.Topics.Count), survey.WithTopicsBySegment(segments, null, null, s => s.ToString()).TopicsBySegment.Count);
    }
}
