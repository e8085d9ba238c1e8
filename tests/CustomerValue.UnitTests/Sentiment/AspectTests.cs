using CustomerValue.Sentiment;
using Microsoft.Extensions.Configuration;

namespace CustomerValue.Tests.Sentiment;

public class AspectTests
{
    private static readonly AspectAnalyzer Aspects = AspectAnalyzer.Default;

    [Fact]
    public void Each_topic_gets_the_tone_of_its_own_clause()
    {
        var aspects = Aspects.Analyze("The delivery was great, but the support team was rude and useless.");
        var delivery = Assert.Single(aspects, a => a.Topic == "delivery");
        var support = Assert.Single(aspects, a => a.Topic == "support");
        Assert.Equal(SentimentLabel.Positive, delivery.Label);
        Assert.Equal(SentimentLabel.Negative, support.Label);
        Assert.Contains("support", support.Terms);
    }

    [Fact]
    public void Synonyms_plurals_and_phrases_map_to_topics()
    {
        var topics = Aspects.Analyze("Two invoices were wrong. Customer service fixed it. Checkout was painless.").Select(a => a.Topic).ToList();
        Assert.Contains("billing", topics);
        Assert.Contains("support", topics);
        Assert.Contains("checkout", topics);
    }

    [Fact]
    public void Text_without_topic_terms_has_no_aspects() =>
        Assert.Empty(Aspects.Analyze("I am happy today."));

    [Fact]
    public void Key_phrases_are_content_word_runs_without_sentiment_words()
    {
        var phrases = KeyPhraseExtractor.Default.Extract("The checkout page was really slow, and the dark mode toggle is great!");
        Assert.Contains("checkout page", phrases);
        Assert.Contains("dark mode toggle", phrases);
        Assert.DoesNotContain(phrases, p => p.Contains("the ") || p.Contains("great") || p.Contains("really"));
    }

    [Fact]
    public void Catalog_binds_from_configuration_and_adds_to_defaults()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sentiment:Topics:Terms:warranty:0"] = "warranty",
            ["Sentiment:Topics:Terms:warranty:1"] = "guarantee",
        }).Build();
        var catalog = configuration.GetSection("Sentiment:Topics").Get<TopicCatalog>()!;
        var topics = new TopicMatcher(catalog).Find("The guarantee ran out before the delivery").Select(m => m.Topic).ToList();
        Assert.Equal(["warranty", "delivery"], topics);
    }

    [Fact]
    public void Catalog_loads_from_json_and_can_replace_defaults()
    {
        var path = Path.Combine(Path.GetTempPath(), $"topics-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "IncludeDefaults": false, "Terms": { "Mobile app": ["app", "ios app"] } }""");
        try
        {
            var matcher = new TopicMatcher(TopicCatalog.LoadJson(path));
            Assert.Equal(["Mobile app"], matcher.Find("The iOS app and the delivery").Select(m => m.Topic));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Broken_catalog_json_names_file_and_line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"topics-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, "{\n  \"Terms\": { \"x\": [1, }\n}");
        try
        {
            var error = Assert.Throws<FormatException>(() => TopicCatalog.LoadJson(path));
            Assert.Contains(path, error.Message);
            Assert.Contains("line 2", error.Message);
        }
        finally { File.Delete(path); }
    }
}

public class CommentAnalysisServiceTests
{
    private static readonly CommentAnalysisService Service = new();

    [Fact]
    public async Task Analyses_each_comment_with_aspects_and_phrases()
    {
        var comments = new[]
        {
            new SurveyComment("r1", "What could we improve?", "Nothing", "enterprise"),
            new SurveyComment("r2", "Any comments?", "Billing was confusing and the invoice was wrong.", "smb"),
            new SurveyComment("r3", "Any comments?", "Le service client est excellent.", "smb"),
        };
        var analyses = await Service.AnalyzeAsync(comments, CancellationToken.None);
        Assert.Equal(SentimentLabel.Neutral, analyses[0].Label);
        Assert.Null(analyses[0].Error);
        Assert.Equal(SentimentLabel.Negative, analyses[1].Label);
        Assert.Equal("billing", Assert.Single(analyses[1].Aspects).Topic);
        Assert.Equal(SentimentError.UnsupportedLanguage, analyses[2].Error?.Code);
        Assert.Empty(analyses[2].KeyPhrases);
    }

    [Fact]
    public void Roll_up_counts_and_averages_by_topic_segment_and_sentiment()
    {
        static AspectSentiment A(string topic, double c) => new(topic, SentimentLabeler.FromCompound(c), c, [topic]);
        var analyses = new[]
        {
            new CommentAnalysis("1", "smb", SentimentLabel.Negative, -0.5, [A("billing", -0.4), A("support", 0.6)], [], null),
            new CommentAnalysis("2", "smb", SentimentLabel.Negative, -0.7, [A("billing", -0.8)], [], null),
            new CommentAnalysis("3", null, SentimentLabel.Positive, 0.5, [A("billing", 0.5)], [], null),
            new CommentAnalysis("4", "smb", SentimentLabel.Neutral, 0, [A("billing", -0.9)], [], new SentimentError("X", "y")),
        };
        var rows = CommentAnalysisService.RollUp(analyses);
        Assert.Equal(3, rows.Count);
        var billingSmbNegative = Assert.Single(rows, r => r is { Topic: "billing", Segment: "smb", Sentiment: SentimentLabel.Negative });
        Assert.Equal(2, billingSmbNegative.Count);
        Assert.Equal(-0.6, billingSmbNegative.MeanCompound, 10);
        Assert.Single(rows, r => r is { Topic: "billing", Segment: CommentAnalysisService.NoSegment, Sentiment: SentimentLabel.Positive, Count: 1 });
        Assert.Single(rows, r => r is { Topic: "support", Segment: "smb", Sentiment: SentimentLabel.Positive, Count: 1 });
    }

    [Fact]
    public async Task Top_unmatched_phrases_surface_new_topics()
    {
        var comments = new[]
        {
            new SurveyComment("1", null, "Please add dark mode."),
            new SurveyComment("2", null, "Dark mode would be nice, dark mode please."),
            new SurveyComment("3", null, "The invoice layout and dark mode."),
            new SurveyComment("4", null, "Calendar sync is missing."),
        };
        var analyses = await Service.AnalyzeAsync(comments, CancellationToken.None);
        var top = Service.TopUnmatchedPhrases(analyses, 5);
        Assert.Equal(new PhraseCount("dark mode", 3), top[0]);
        Assert.Contains(new PhraseCount("calendar sync", 1), top);
        Assert.DoesNotContain(top, p => p.Phrase.Contains("invoice"));
    }
}
