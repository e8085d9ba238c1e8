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
            Assert.True(VaderLexicon.Default.TryGetValence(group.Key, out var valence), group.Key);
            Assert.Equal(last, valence);
        }
    }

    [Fact]
    public void Keys_with_capitals_are_unreachable_as_in_the_reference()
    {
        // The reference lower-cases each token before lookup, so ":D" resolves to ":d".
        Assert.True(VaderLexicon.Default.TryGetValence(":D", out var upper));
        Assert.True(VaderLexicon.Default.TryGetValence(":d", out var lower));
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
}
