using System.Globalization;
using CustomerValue.Sentiment;

namespace CustomerValue.Tests.Sentiment;

public class VaderLexiconTests
{
    [Fact]
    public void Later_duplicate_line_wins()
    {
        var parsed = VaderLexicon.ParseLexicon(new StringReader("lol\t2.9\t0.8\t[]\nok\t1.6\t0.5\t[]\nlol\t1.8\t0.6\t[]\n"));
        Assert.Equal(1.8, parsed["lol"]);
        Assert.Equal(1.6, parsed["ok"]);
    }

    [Fact]
    public void Embedded_lexicon_uses_the_last_value_of_each_duplicated_token()
    {
        // Independent reading of the source file: the last line of each token.
        var lines = File.ReadAllLines(TestPaths.Data("vader", "vader_lexicon.txt")).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToList();
        var duplicated = lines.GroupBy(f => f[0]).Where(g => g.Count() > 1).ToList();
        Assert.Equal(14, duplicated.Count);
        foreach (var group in duplicated.Where(g => g.Key == g.Key.ToLowerInvariant()))
        {
            var last = double.Parse(group.Last()[1], CultureInfo.InvariantCulture);
            Assert.True(VaderLexicon.Reference.TryGetValence(group.Key, out var valence), group.Key);
            Assert.Equal(last, valence);
        }
    }

    [Fact]
    public void The_capital_d_faces_carry_the_first_rating_the_lexicon_file_gives_d_colon_and_d_equals()
    {
        var lines = File.ReadAllLines(TestPaths.Data("vader", "vader_lexicon.txt")).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToList();
        double First(string token) => double.Parse(lines.First(f => f[0] == token)[1], CultureInfo.InvariantCulture);
        var scorer = new VaderScorer(VaderLexicon.Reference, VaderOptions.Reference with { CapitalDFaces = true });
        // One sentiment word alone: compound = v / sqrt(v^2 + 15).
        Assert.Equal(First("d:") / Math.Sqrt(First("d:") * First("d:") + 15), scorer.Score("D:").Compound, 4);
        Assert.Equal(First("d=") / Math.Sqrt(First("d=") * First("d=") + 15), scorer.Score("D=").Compound, 4);
        Assert.True(First("d:") < 0 && First("d=") < 0);
    }

    [Fact]
    public void Keys_with_capitals_are_unreachable_as_in_the_reference()
    {
        // The reference lower-cases each token before lookup, so ":D" resolves to ":d".
        Assert.True(VaderLexicon.Reference.TryGetValence(":D", out var upper));
        Assert.True(VaderLexicon.Reference.TryGetValence(":d", out var lower));
        Assert.Equal(lower, upper);
    }

    [Fact]
    public void Malformed_lexicon_line_names_the_line()
    {
        var error = Assert.Throws<FormatException>(() => VaderLexicon.ParseLexicon(new StringReader("good\t1.9\nbad line\n")));
        Assert.Contains("line 2", error.Message);
    }

    [Fact]
    public void Emoji_lexicon_maps_single_code_points()
    {
        var parsed = VaderLexicon.ParseEmoji(new StringReader("😀\tgrinning face\n🇩🇪\tflag: Germany\n"));
        Assert.Equal("grinning face", parsed[0x1F600]);
        Assert.Single(parsed);
    }

    [Fact]
    public void Supplement_is_scaled_by_the_fitted_slope_and_never_overrides()
    {
        var vader = new VaderLexicon(new Dictionary<string, double> { ["good"] = 2.0, ["bad"] = -2.0, ["fine"] = 1.0 }, new Dictionary<int, string>());
        // Shared words: (3, 2.0), (-3, -2.0), (1, 1.0): slope = sum(dx*dy)/sum(dx^2) with means 1/3 and 1/3.
        var afinn = new Dictionary<string, int> { ["good"] = 3, ["bad"] = -3, ["fine"] = 1, ["superb"] = 5, ["not good"] = -2 };
        double[] x = [3, -3, 1], y = [2, -2, 1];
        double mx = x.Average(), my = y.Average();
        var slope = x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my)) / x.Sum(v => (v - mx) * (v - mx));

        var merged = vader.WithSupplement(afinn);

        Assert.Equal(slope, merged.SupplementScale, 12);
        Assert.True(merged.TryGetValence("superb", out var superb));
        Assert.Equal(Math.Round(5 * slope, 3), superb, 12);
        Assert.True(merged.TryGetValence("good", out var good) && good == 2.0, "VADER's own rating is kept");
        Assert.False(merged.Contains("not good"), "phrases are not single tokens and are skipped");
        Assert.Equal(1, merged.SupplementWordCount);
    }

    [Fact]
    public void Malformed_afinn_line_names_the_file_and_line()
    {
        var error = Assert.Throws<FormatException>(() => VaderLexicon.ParseAfinn(new StringReader("good\t3\nbad\tvery\n"), "words.txt"));
        Assert.Contains("words.txt line 2", error.Message);
        Assert.Equal(-2, VaderLexicon.ParseAfinn(new StringReader("cashing in\t-2\n"))["cashing in"]);
    }
}
