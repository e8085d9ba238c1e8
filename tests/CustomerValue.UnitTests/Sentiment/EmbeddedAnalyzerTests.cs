using System.Text;
using CustomerValue.Sentiment;

namespace CustomerValue.Tests.Sentiment;

public class EmbeddedAnalyzerTests
{
    private static readonly EmbeddedSentimentAnalyzer Analyzer = new();

    private static SentimentResult One(string text, string? question = null, string? language = null) =>
        Analyzer.Analyze(new SentimentDocument("d1", text, language, question));

    [Fact]
    public async Task Batch_keeps_order_and_per_document_errors()
    {
        var docs = new[]
        {
            new SentimentDocument("a", "I love this product"),
            new SentimentDocument("b", ""),
            new SentimentDocument("c", "Das Produkt ist sehr gut, aber die Lieferung war langsam."),
            new SentimentDocument("d", "The refund took forever and support was rude."),
        };
        var results = await Analyzer.AnalyzeAsync(docs, CancellationToken.None);
        Assert.Equal(["a", "b", "c", "d"], results.Select(r => r.Id));
        Assert.Equal(SentimentLabel.Positive, results[0].Label);
        Assert.Equal(SentimentError.EmptyText, results[1].Error?.Code);
        Assert.Equal(SentimentError.UnsupportedLanguage, results[2].Error?.Code);
        Assert.Equal(SentimentLabel.Negative, results[3].Label);
        Assert.True(results[3].IsScored);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData("<p> </p>")]
    public void Empty_text_is_an_error_not_a_score(string text)
    {
        var result = One(text);
        Assert.Equal(SentimentError.EmptyText, result.Error?.Code);
        Assert.Equal(0, result.Compound);
    }

    [Fact]
    public void One_megabyte_of_text_is_capped_and_flagged()
    {
        var builder = new StringBuilder();
        while (builder.Length < 1_000_000) builder.Append("The support team was helpful and kind. ");
        var result = One(builder.ToString());
        Assert.True(result.IsScored);
        Assert.Contains(SentimentFlags.Truncated, result.Flags);
        Assert.True(result.Compound > 0.9);
        Assert.True(result.Sentences.Sum(s => s.Length) <= TextPreparation.MaxCharacters);
    }

    [Fact]
    public void Binary_garbage_is_refused()
    {
        var random = new Random(7);
        var bytes = new byte[4000];
        random.NextBytes(bytes);
        var result = One(Encoding.UTF8.GetString(bytes));
        Assert.Equal(SentimentError.NotText, result.Error?.Code);
    }

    [Fact]
    public void Html_is_stripped_and_entities_decoded()
    {
        var result = One("<div><p>I <b>love</b> the new dashboard &amp; reports</p><script>var bad = 'terrible awful';</script></div>");
        Assert.True(result.IsScored);
        Assert.Contains(SentimentFlags.HtmlStripped, result.Flags);
        Assert.Equal(SentimentLabel.Positive, result.Label);
        var plain = One("I love the new dashboard & reports");
        Assert.Equal(plain.Compound, result.Compound, 10);
    }

    [Theory]
    [InlineData("Das Produkt ist sehr gut, aber die Lieferung war viel zu langsam.")]
    [InlineData("Le produit est très bien mais la livraison était lente.")]
    [InlineData("El producto es muy bueno pero la entrega fue lenta.")]
    [InlineData("Товар хороший, но доставка была медленной.")]
    [InlineData("商品はとても良いですが、配送が遅かったです。")]
    public void Other_languages_are_flagged_not_scored(string text)
    {
        var result = One(text);
        Assert.Equal(SentimentError.UnsupportedLanguage, result.Error?.Code);
        Assert.Contains("Unsupported language", result.Error!.Message);
    }

    [Theory]
    [InlineData("Shipment arrived Tuesday, packaging intact, invoice correct, tracking updated daily.")]
    [InlineData("Installer asked twice for admin rights then stopped halfway through setup")]
    [InlineData("Courier rang doorbell, parcel handed over, signature taken, receipt emailed.")]
    public void Plain_English_with_few_sentiment_words_is_scored(string text)
    {
        var result = One(text);
        Assert.Null(result.Error);
        Assert.True(result.IsScored);
    }

    [Theory]
    [InlineData("Przesyłka dotarła szybko, opakowanie całe, faktura poprawna.")]
    [InlineData("Toimitus saapui nopeasti, paketti ehjä, lasku oikein.")]
    public void Other_languages_without_listed_function_words_are_flagged_by_their_letters(string text) =>
        Assert.Equal(SentimentError.UnsupportedLanguage, One(text).Error?.Code);

    [Fact]
    public void Declared_non_English_language_is_flagged()
    {
        Assert.Equal(SentimentError.UnsupportedLanguage, One("Great service", language: "de").Error?.Code);
        Assert.True(One("Great service", language: "en-GB").IsScored);
    }

    [Fact]
    public void Emoji_only_text_is_scored_from_the_emoji()
    {
        var happy = One("😍😍👍");
        Assert.True(happy.IsScored);
        Assert.Contains(SentimentFlags.EmojiOnly, happy.Flags);
        Assert.Equal(SentimentLabel.Positive, happy.Label);
        Assert.Equal(SentimentLabel.Negative, One("😠😠").Label);
    }

    [Fact]
    public void Mixed_when_praise_and_complaint_both_weigh()
    {
        var result = One("The staff were wonderful and friendly. The billing was a terrible, painful mess.");
        Assert.Equal(SentimentLabel.Mixed, result.Label);
        Assert.Equal(2, result.Sentences.Count);
        Assert.True(result.Sentences[0].Compound > 0 && result.Sentences[1].Compound < 0);
        Assert.Equal(SentimentLabel.Positive, One("The staff were wonderful and friendly.").Label);
    }
}

public class QuestionAwareTests
{
    private static readonly EmbeddedSentimentAnalyzer Analyzer = new();
    private const string Improve = "What could we improve?";

    private static SentimentResult Answer(string text, string? question) =>
        Analyzer.Analyze(new SentimentDocument("r1", text, QuestionText: question));

    [Theory]
    [InlineData("Nothing")]
    [InlineData("none")]
    [InlineData("N/A")]
    [InlineData("No complaints!")]
    [InlineData("Nothing really, keep it up")]
    [InlineData("no")]
    public void No_issue_answers_to_improvement_questions_are_not_negative(string answer)
    {
        var result = Answer(answer, Improve);
        Assert.NotEqual(SentimentLabel.Negative, result.Label);
        Assert.NotEqual(SentimentLabel.Mixed, result.Label);
        Assert.True(result.Compound >= 0);
        Assert.Contains(SentimentFlags.ImprovementQuestionNoIssue, result.Flags);
    }

    [Fact]
    public void A_plain_no_is_negative_without_the_improvement_context()
    {
        // "no" alone carries the lexicon's negative valence; only the question makes it contentment.
        Assert.Equal(SentimentLabel.Negative, Answer("no", "Would you recommend us?").Label);
        Assert.Equal(SentimentLabel.Neutral, Answer("no", Improve).Label);
    }

    [Fact]
    public void The_question_wording_does_not_enter_the_score()
    {
        var answer = "The delivery came on Tuesday.";
        var withQuestion = Answer(answer, "What problems, frustrations or issues did you have with us?");
        var alone = Answer(answer, null);
        Assert.Equal(alone.Compound, withQuestion.Compound);
        Assert.Equal(SentimentLabel.Neutral, withQuestion.Label);
    }

    [Fact]
    public void Real_complaints_to_improvement_questions_stay_negative()
    {
        var result = Answer("Nothing works, the app crashes constantly and support is useless", Improve);
        Assert.Equal(SentimentLabel.Negative, result.Label);
        Assert.DoesNotContain(SentimentFlags.ImprovementQuestionNoIssue, result.Flags);
    }
}
