using CustomerValue.Sentiment;
using Xunit.Abstractions;

namespace CustomerValue.Tests.Sentiment;

/// <summary>
/// Accuracy on the human-rated ground truth of the VADER paper (published r = 0.881 tweets, 0.451 movie snippets,
/// 0.565 Amazon snippets, measured with the 2014 lexicon and rules). The default analyzer (VADER + AFINN supplement +
/// the rules of <see cref="VaderOptions"/>) must reach the published r on each corpus (the sentiment README has the
/// measured figures) and beat the faithful reference scorer.
/// </summary>
public class AccuracyTests(ITestOutputHelper output)
{
    public static TheoryData<string, double, double, double> Corpora => new()
    {
        // file, published r, floor asserted for r, floor asserted for macro F1
        { "tweets_GroundTruth.txt", 0.881, 0.881, 0.68 },
        { "movieReviewSnippets_GroundTruth.txt", 0.451, 0.451, 0.43 },
        { "amazonReviewSnippets_GroundTruth.txt", 0.565, 0.565, 0.56 },
    };

    [Theory]
    [MemberData(nameof(Corpora))]
    public async Task Correlation_and_macro_f1_against_human_ratings(string file, double publishedR, double rFloor, double f1Floor)
    {
        var items = SentimentAccuracy.ReadGroundTruth(TestPaths.Data("vader", "ground_truth", file));
        var results = await new EmbeddedSentimentAnalyzer(VaderScorer.Default).AnalyzeAsync(
            items.Select(i => new SentimentDocument(i.Id, i.Text)).ToList(), CancellationToken.None);
        var compounds = results.Select(r => r.Compound).ToList();
        var r = SentimentAccuracy.Pearson(items.Select(i => i.HumanMean).ToList(), compounds);
        var f1 = SentimentAccuracy.MacroF1(items.Select(i => SentimentAccuracy.HumanClass(i.HumanMean)).ToList(),
            compounds.Select(SentimentAccuracy.CompoundClass).ToList());
        var unscored = results.Count(x => !x.IsScored);
        output.WriteLine($"{file}: n={items.Count} r={r:0.0000} (published {publishedR}) macroF1={f1:0.0000} unscored={unscored}");
        var referenceR = SentimentAccuracy.Pearson(items.Select(i => i.HumanMean).ToList(),
            items.Select(i => VaderScorer.Reference.Score(i.Text).Compound).ToList());
        output.WriteLine($"{file}: reference scorer r={referenceR:0.0000}");
        Assert.True(r >= rFloor, $"r={r:0.0000} below {rFloor}");
        Assert.True(r > referenceR, $"r={r:0.0000} not above the reference rules' {referenceR:0.0000}");
        Assert.True(f1 >= f1Floor, $"F1={f1:0.0000} below {f1Floor}");
        Assert.True(unscored <= items.Count / 100, $"{unscored} texts refused by the language check");
    }

    [Fact]
    public void Pearson_and_macro_f1_match_hand_computed_values()
    {
        // x = 1,2,3 ; y = 1,3,2: cov = 1 (sum of products of deviations), var = 2 each -> r = 0.5
        Assert.Equal(0.5, SentimentAccuracy.Pearson([1, 2, 3], [1, 3, 2]), 12);
        // truth [1,1,0,-1], predicted [1,0,0,-1]: F1(1)=2/3, F1(0)=2/3, F1(-1)=1 -> mean 7/9
        Assert.Equal(7.0 / 9, SentimentAccuracy.MacroF1([1, 1, 0, -1], [1, 0, 0, -1]), 12);
    }
}
