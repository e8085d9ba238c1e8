using System.CommandLine;
using CustomerValue.Ingestion;

namespace CustomerValue.Cli.Commands;

/// <summary>`roi inspect FILE [--kind K] [--mapping M] [--json]`: a dry run of ingestion, nothing is stored.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The CSV, TSV, text or XLSX file to inspect." };
        var kind = new Option<string?>("--kind") { Description = "customers, transactions, costs, subscriptions, tickets or surveys (detected when omitted)." };
        var mapping = new Option<FileInfo?>("--mapping") { Description = "A JSON or YAML mapping: kind, dateOrder, decimalSeparator, columns -> roles." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a summary." };
        var command = new Command("inspect", "Dry-run ingestion of a file: detected kind, format, columns, accepted and rejected rows.")
        {
            file, kind, mapping, json,
        };
        command.SetAction((ParseResult r, CancellationToken ct) => Task.FromResult(Run(r.GetValue(file)!, r.GetValue(kind), r.GetValue(mapping), r.GetValue(json))));
        return command;
    }

    private static int Run(FileInfo file, string? kindName, FileInfo? mappingFile, bool json)
    {
        UploadKind? kind = null;
        if (kindName is not null)
        {
            if (!UploadKinds.TryParse(kindName, out var parsed))
            {
                Console.Error.WriteLine($"--kind: '{kindName}' is not one of customers, transactions, costs, subscriptions, tickets, surveys.");
                return 2;
            }
            kind = parsed;
        }
        if (!file.Exists)
        {
            Console.Error.WriteLine($"{file.FullName}: no such file.");
            return 2;
        }
        try
        {
            var mapping = mappingFile is null ? null : UploadMapping.Load(mappingFile.FullName);
            using var stream = file.OpenRead();
            using var reading = UploadReader.Open(stream, file.Name, kind, mapping, IngestionLimits.Default);
            var report = InspectionReport.Build(reading);
            Console.WriteLine(json ? report.ToJson() : Summary(report));
            return 0;
        }
        catch (UploadRejectedException ex)
        {
            if (json) Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { file = ex.FileName, rejected = true, reason = ex.Reason }));
            else Console.Error.WriteLine($"rejected: {ex.Message}");
            return 1;
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"{file.FullName}: {ex.Message}");
            return 2;
        }
    }

    private static string Summary(InspectionReport report)
    {
        var lines = new List<string>
        {
            $"{report.File}: {report.Kind} ({report.Format}, {report.Container}, delimiter {report.Delimiter}, {report.Encoding})",
            $"rows read {report.RowsRead:N0}, accepted {report.RowsAccepted:N0}, rejected {report.RowsRejected:N0}",
            "columns:",
        };
        lines.AddRange(report.Columns.Select(c => $"  {c.Name,-40} {c.Role,-16} {c.Confidence:0.00}{(c.Unsure ? "  UNSURE: " + c.Note : "")}"));
        if (report.Survey is { } s)
        {
            lines.Add($"survey: {s.Responses} responses ({s.Partial} partial), {s.Comments} comments");
            lines.Add($"  NPS {(s.Nps is { } nps ? nps.ToString("0.0") : "-")} over {s.NpsAnswers} answers ({s.Promoters} promoters, {s.Passives} passives, {s.Detractors} detractors)");
            lines.Add($"  CSAT {(s.CsatPercent is { } csat ? csat.ToString("0.0") + "%" : "-")} over {s.CsatAnswers} answers");
            if (s.CesAnswers > 0) lines.Add($"  CES mean {s.CesMean:0.00} on {s.CesScale} ({(s.CesHigherIsEasier == true ? "higher is easier" : "higher is more effort")}) over {s.CesAnswers} answers");
        }
        foreach (var note in report.Notes) lines.Add($"note: {note}");
        if (report.Rejections.Count > 0)
        {
            lines.Add($"first rejections (of {report.RowsRejected:N0}):");
            lines.AddRange(report.Rejections.Take(20).Select(r => $"  line {r.Line}{(r.Column is null ? "" : $", column '{r.Column}'")}: {r.Reason}"));
        }
        return string.Join(Environment.NewLine, lines);
    }
}
