using CustomerValue.Sentiment;

namespace CustomerValue.Tests.Sentiment;

/// <summary>One test per VADER rule, on sentences whose direction is obvious, plus the reference tool's own
/// published outputs (vaderSentiment README) as independent expectations. The rules beyond the reference
/// (<see cref="VaderOptions"/>) each get a test that also shows what the reference scorer does instead.</summary>
public class VaderRuleTests
{
    private static readonly VaderScorer Scorer = VaderScorer.Default;
    private static double C(string text) => Scorer.Score(text).Compound;
    private static double Ref(string text) => VaderScorer.Reference.Score(text).Compound;

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
    public void Matches_reference_implementation_outputs(string text, double expected)
    {
        Assert.Equal(expected, Math.Round(Ref(text), 4), 4);
        // None of the extra rules touches these sentences, so the default scorer agrees.
        Assert.Equal(expected, Math.Round(C(text), 4), 4);
    }

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
        Assert.Equal(plain, Ref("The delivery was good?"), 10); // a single question mark adds nothing
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
        var faithful = new VaderScorer(VaderLexicon.Reference, VaderOptions.Default with { ExtendedContrast = false });
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
    public void Modifiers_do_not_reach_into_the_next_sentence()
    {
        Assert.True(C("Nothing happened! You suck") < 0);
        Assert.True(Ref("Nothing happened! You suck") > 0, "the reference lets 'nothing' flip 'suck'");
        Assert.True(C("It is not. Good work") > 0);
    }

    [Fact]
    public void Negation_idioms_do_not_negate()
    {
        Assert.True(C("The story is nothing short of wonderful") > 0);
        Assert.True(Ref("The story is nothing short of wonderful") < 0);
        Assert.True(C("It is not unlike a good book") > 0);
        Assert.Equal(C("It is great"), C("There is no doubt it is great"), 10);
    }

    [Fact]
    public void No_negates_only_the_next_word()
    {
        Assert.True(C("no fun at all") < 0);
        Assert.True(C("I have no idea lol") > 0);
        Assert.True(Ref("I have no idea lol") < 0, "the reference negates 'lol' two words after 'no'");
    }

    [Fact]
    public void Single_letters_do_not_push_a_negation_out_of_reach()
    {
        Assert.True(C("It wouldn't be such a bad idea") > 0);
        Assert.True(Ref("It wouldn't be such a bad idea") < 0);
    }

    [Fact]
    public void A_negator_does_not_reach_past_a_nearer_one()
    {
        Assert.True(C("DON'T CARE DON'T CARE DON'T CARE") < 0);
        Assert.True(Ref("DON'T CARE DON'T CARE DON'T CARE") > 0, "the reference negates the later 'CARE's twice");
    }

    [Fact]
    public void Elongated_words_are_found_and_weigh_more()
    {
        Assert.True(C("yaaay") > 0);
        Assert.True(C("so baaaad") < 0);
        Assert.True(C("goooood") > C("good"));
        Assert.True(C("that's it :(((") < 0);
        Assert.True(C("The checkout is sooo slow and broken") < C("The checkout is slow and broken"), "'sooo' is the booster 'so'");
        Assert.Equal(0, Ref("yaaay"));
    }

    [Fact]
    public void Inflected_forms_fall_back_to_their_stem()
    {
        Assert.True(C("poorly made") < 0);
        Assert.True(C("the coolest gadget") > 0);
        Assert.True(C("the crimes of the plot") < 0);
        Assert.Equal(0, Ref("poorly made"));
        Assert.Equal(0, C("the striking workers"), 10); // participles are not stemmed ("striking" is not "strike")
    }

    [Fact]
    public void Questions_and_conditions_weigh_half()
    {
        var statement = C("The app is good");
        Assert.InRange(C("Is the app good?"), 0.05, statement - 0.1);
        Assert.InRange(C("If the app were good, I would use it"), 0.05, statement - 0.1);
        Assert.Equal(statement, Ref("Is the app good?"), 10);
        Assert.True(C("Is the app good??") > statement, "two question marks are emphasis, not a question");
    }

    [Fact]
    public void Short_words_with_punctuation_are_found()
    {
        Assert.True(C("ok.") > 0);
        Assert.True(C("NO. Not today") < 0);
        Assert.Equal(0, Ref("ok."));
    }

    [Fact]
    public void A_capital_D_face_is_dismay_and_a_small_d_face_is_not()
    {
        Assert.True(C("Lost my keys again D:") < 0);
        Assert.True(C("worst finale ever D: D: D:") < C("worst finale ever"));
        Assert.True(C("you're funny d:") > 0);
        Assert.True(Ref("Lost my keys again D:") > 0); // the reference reads "D:" with the tongue-out face's rating
    }

    [Fact]
    public void Afinn_words_missing_from_vader_are_added_on_vader_scale()
    {
        Assert.True(C("The film was unfunny") < 0);
        Assert.True(C("an appealing design") > 0);
        Assert.Equal(0, Ref("The film was unfunny"));
        Assert.False(VaderLexicon.Reference.Contains("unfunny"));
        // The scale comes from the words both lists rate; VADER's own values are never replaced.
        Assert.InRange(VaderLexicon.Default.SupplementScale, 0.7, 0.85);
        Assert.True(VaderLexicon.Default.TryGetValence("good", out var good) && good == 1.9);
        Assert.True(VaderLexicon.Default.TryGetValence("unfunny", out var unfunny)
                    && Math.Abs(unfunny - (-2 * VaderLexicon.Default.SupplementScale)) < 0.001);
    }

    [Fact]
    public void Empty_and_neutral_text_scores_zero()
    {
        Assert.Equal(VaderScores.Empty, Scorer.Score(""));
        Assert.Equal(0, C("The parcel is on the table"));
    }
}
