using System.Text.Json;
using CustomerValue.Sentiment;

namespace CustomerValue.Tests.Sentiment;

/// <summary>`roi sentiment` line handling, through the command's RunAsync (the command class is internal to the tool).</summary>
public class SentimentCommandTests
{
    private static async Task<string[]> Run(string input, bool json)
    {
        var command = Type.GetType("CustomerValue.Cli.Commands.SentimentCommand, roi", throwOnError: true)!;
        var run = command.GetMethod("RunAsync")!;
        var output = new StringWriter();
        await (Task)run.Invoke(null, [new StringReader(input), output, json, new EmbeddedSentimentAnalyzer(), CancellationToken.None])!;
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    [Fact]
    public async Task Tab_separated_ids_are_kept_and_plain_lines_get_their_line_number()
    {
        var lines = await Run("r-17\tI love the new checkout\n\nThe invoice was wrong again\n", json: false);
        Assert.Equal(2, lines.Length);
        var first = lines[0].Split('\t');
        Assert.Equal("r-17", first[0]);
        Assert.True(double.Parse(first[1], System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("Positive", first[2]);
        var second = lines[1].Split('\t');
        Assert.Equal("3", second[0]);
        Assert.Equal("Negative", second[2]);
    }

    [Fact]
    public async Task Json_lines_carry_id_compound_label_and_aspects()
    {
        var lines = await Run("a\tDelivery was great but the support agent was rude\n", json: true);
        using var doc = JsonDocument.Parse(Assert.Single(lines));
        var root = doc.RootElement;
        Assert.Equal("a", root.GetProperty("id").GetString());
        Assert.True(root.TryGetProperty("compound", out _));
        Assert.False(string.IsNullOrEmpty(root.GetProperty("label").GetString()));
        var topics = root.GetProperty("aspects").EnumerateArray().Select(a => a.GetProperty("topic").GetString()).ToList();
        Assert.Contains("delivery", topics);
        Assert.Contains("support", topics);
    }
}
