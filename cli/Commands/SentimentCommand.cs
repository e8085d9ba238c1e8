using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CustomerValue.Sentiment;

namespace CustomerValue.Cli.Commands;

/// <summary>
/// `roi sentiment [--file F] [--json]`: scores one text per line with the embedded analyzer. A line is
/// `id TAB text`, or plain text whose id is its line number. Prints `id TAB compound TAB label`, or with
/// --json one object per line (id, compound, label, aspects, and error when the line was not scored).
/// </summary>
internal static class SentimentCommand
{
    private const int BatchSize = 256;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var file = new Option<FileInfo?>("--file") { Description = "Input file (default: standard input). Lines: 'id<TAB>text' or plain text." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per line with id, compound, label and aspects." };
        var command = new Command("sentiment", "Score the sentiment of comments, one per line.") { file, json };
        command.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var input = r.GetValue(file);
            if (input is not null && !input.Exists)
            {
                Console.Error.WriteLine($"{input.FullName}: file not found.");
                return 2;
            }
            using var reader = input is null ? Console.In : new StreamReader(input.FullName);
            await RunAsync(reader, Console.Out, r.GetValue(json), new EmbeddedSentimentAnalyzer(), ct);
            return 0;
        });
        return command;
    }

    public static async Task RunAsync(TextReader reader, TextWriter output, bool asJson, ISentimentAnalyzer analyzer, CancellationToken ct)
    {
        var batch = new List<SentimentDocument>(BatchSize);
        var lineNumber = 0;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            batch.Add(ParseLine(line, lineNumber));
            if (batch.Count == BatchSize) await FlushAsync(batch, output, asJson, analyzer, ct);
        }
        await FlushAsync(batch, output, asJson, analyzer, ct);
    }

    internal static SentimentDocument ParseLine(string line, int lineNumber)
    {
        var tab = line.IndexOf('\t');
        return tab > 0
            ? new SentimentDocument(line[..tab], line[(tab + 1)..])
            : new SentimentDocument(lineNumber.ToString(CultureInfo.InvariantCulture), line);
    }

    private static async Task FlushAsync(List<SentimentDocument> batch, TextWriter output, bool asJson, ISentimentAnalyzer analyzer, CancellationToken ct)
    {
        if (batch.Count == 0) return;
        foreach (var result in await analyzer.AnalyzeAsync(batch, ct))
            await output.WriteLineAsync(asJson ? JsonLine(result) : TabLine(result));
        batch.Clear();
    }

    private static string TabLine(SentimentResult result) =>
        result.IsScored
            ? $"{result.Id}\t{result.Compound.ToString("0.0000", CultureInfo.InvariantCulture)}\t{result.Label}"
            : $"{result.Id}\t\t{result.Error!.Code}: {result.Error.Message}";

    private static string JsonLine(SentimentResult result) => JsonSerializer.Serialize(new
    {
        id = result.Id,
        compound = Math.Round(result.Compound, 4),
        label = result.IsScored ? result.Label.ToString() : null,
        aspects = result.Aspects.Select(a => new { topic = a.Topic, label = a.Label.ToString(), compound = Math.Round(a.Compound, 4), terms = a.Terms }),
        error = result.Error is null ? null : new { code = result.Error.Code, message = result.Error.Message },
    }, Json);
}
