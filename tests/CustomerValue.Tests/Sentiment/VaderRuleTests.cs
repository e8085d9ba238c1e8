using CustomerValue.Sentiment;

namespace CustomerValue.Tests.Sentiment;

/// <summary>One test per VADER rule, on sentences whose direction is obvious, plus the reference tool's own
/// published outputs (vaderSentiment README) as independent expectations.</summary>
public class VaderRuleTests
{
    private static readonly VaderScorer Scorer = VaderScorer.Default;
    private static double C(string text) => Scorer.Score(text).Compound;

    [Theory]
    // compound values printed by the reference implementation (README of vaderSentiment, see data SOURCE.md)
    [InlineData("VADER is smart, handsome, and funny.", 0.8316)]
    [InlineData("VADER is smart, handsome, and funny!", 0.8439)]
    [InlineData("VADER is very smart, handsome, and funny.", 0.8545)]
    [InlineData("VADER is VERY SMART, handsome, and FUNNY.", 0.9227)]
    [InlineData("VADER is VERY SMART, handsome, and FUNNY!!!", 0.9342)]
    [InlineData("VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!", 0.9469)]
    [InlineData("VADER is not smart, handsome, nor funny.", -0.7424)]
    [InlineData("The book was good.", 0.4404)]
    [InlineData("At least it isn't a horrible book.", 0.431)]
    [InlineData("The book was only kind of good.", 0.3832)]
    [InlineData("The plot was good, but the characters are uncompelling and the dialog is not great.", -0.7042)]
    [InlineData("Today SUX!", -0.5461)]
    [InlineData("Today only kinda sux! But I'll get by, lol", 0.5249)]
    [InlineData("Make sure you :) or :D today!", 0.8633)]
    [InlineData("Not bad at all", 0.431)]
    public void Matches_reference_implementation_outputs(string text, double expected) =>
        Assert.Equal(expected, Math.Round(C(text), 4), 4);

    [Fact]
    public void Good_sentence_proportions_match_reference()
    {
        var s = Scorer.Score("The book was good.");
        // reference: pos 0.492 neu 0.508 neg 0.0
        Assert.Equal(0.492, s.Positive, 3);
        Assert.Equal(0.508, s.Neutral, 3);
        Assert.Equal(0.0, s.Negative, 3);
    }

    [Fact]
    public void Negation_flips_a_sentiment_word()
    {
        Assert.True(C("The agent was helpful") > 0);
        Assert.True(C("The agent was not helpful") < 0);
        Assert.True(C("The agent wasn't helpful") < 0);
        Assert.True(C("The agent isnt helpful") < 0);
        Assert.True(C("The update came without problems") > 0, "'without' negates the negative word");
        Assert.True(C("no good answer came") < 0, "'no' before a sentiment word negates it");
    }

    [Fact]
    public void Never_so_intensifies_instead_of_negating()
    {
        // "never so happy" is praise (x1.25 of "happy"), whereas "never happy" negates.
        Assert.True(C("I have never been this happy") > C("I have been happy"));
        Assert.True(C("I am never happy") < 0);
    }

    [Fact]
    public void Boosters_increase_and_dampeners_decrease_intensity()
    {
        var plain = C("The app is good");
        Assert.True(C("The app is very good") > plain);
        Assert.True(C("The app is extremely good") > plain);
        Assert.True(C("The app is slightly good") < plain);
        Assert.True(C("The app is kind of good") < plain);
        Assert.True(C("The app is slightly good") > 0);
        Assert.True(C("The app is very bad") < C("The app is bad"), "boosters push negative words further down");
    }

    [Fact]
    public void All_caps_emphasis_counts_only_in_mixed_case_text()
    {
        Assert.True(C("The service was GREAT") > C("The service was great"));
        Assert.Equal(C("the service was great"), C("THE SERVICE WAS GREAT"), 10);
    }

    [Fact]
    public void Exclamation_and_question_marks_amplify()
    {
        var plain = C("The delivery was good");
        Assert.True(C("The delivery was good!") > plain);
        Assert.True(C("The delivery was good!!!") > C("The delivery was good!"));
        Assert.Equal(C("The delivery was good!!!!"), C("The delivery was good!!!!!!!"), 10); // at most 4 count
        Assert.True(C("The delivery was good??") > plain);
        Assert.Equal(plain, C("The delivery was good?"), 10); // a single question mark adds nothing
        Assert.True(C("The delivery was bad!!") < C("The delivery was bad"));
    }

    [Fact]
    public void But_shifts_the_weight_to_the_second_clause()
    {
        Assert.True(C("The food was great and the service was terrible") > 0);
        Assert.True(C("The food was great, but the service was terrible") < 0);
        Assert.True(C("The service was terrible, but the food was great") > 0);
    }

    [Fact]
    public void However_and_although_mark_the_weaker_side()
    {
        Assert.True(C("The food was great. However, the service was terrible") < 0);
        Assert.True(C("Although the food was great, the service was terrible") < 0);
        Assert.True(C("The service was great although the food was terrible") > 0);
        var faithful = new VaderScorer(VaderLexicon.Default, extendedContrast: false);
        Assert.True(faithful.Score("Although the food was great, the service was terrible").Compound > 0,
            "without the extension the reference behaviour (plain sum) is kept");
    }

    [Fact]
    public void Least_negates_unless_at_least()
    {
        Assert.True(C("This is the least helpful agent") < 0);
        Assert.True(C("At least helpful") > 0);
    }

    [Fact]
    public void Special_idioms_override_word_valence()
    {
        Assert.True(C("shit") < 0);
        Assert.True(C("this new phone is the shit") > 0);
        Assert.True(C("oh well that is the bomb") > 0);
    }

    [Fact]
    public void Emoji_are_scored_through_their_descriptions()
    {
        Assert.True(C("😁") > 0);   // beaming face with smiling eyes
        Assert.True(C("😠") < 0);   // angry face
        Assert.True(C("Delivery arrived 😍") > C("Delivery arrived"));
        Assert.Equal(C("I ❤ it"), C("I ❤️ it"), 10); // the variation selector does not hide the heart
    }

    [Fact]
    public void Emoticons_keep_their_punctuation()
    {
        Assert.True(C("see you tomorrow :)") > 0);
        Assert.True(C("see you tomorrow :(") < 0);
    }

    [Fact]
    public void Repeated_no_stays_negative()
    {
        Assert.True(C("NO NO NO NO") < 0);
    }

    [Fact]
    public void Empty_and_neutral_text_scores_zero()
    {
        Assert.Equal(VaderScores.Empty, Scorer.Score(""));
        Assert.Equal(0, C("The parcel is on the table"));
    }
}
