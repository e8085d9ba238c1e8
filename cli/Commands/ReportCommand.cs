using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using CustomerValue.Reports;
using CustomerValue.Storage;
using CustomerValue.Application;
using CustomerValue.Application.Settings;
using CustomerValue.Storage.Notifications;
using CustomerValue.Application.Notifications;
using CustomerValue.Storage.Snapshots;
using CustomerValue.Application.Snapshots;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerValue.Cli.Commands;

/// <summary>`roi report kpis|segments|opportunities`: the reports the HTTP endpoints serve, read from storage directly.</summary>
internal static class ReportCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    public static Command Create()
    {
        var report = new Argument<string>("report") { Description = "kpis, segments or opportunities." };
        report.AcceptOnlyFromAmong("kpis", "segments", "opportunities");
        var format = new Option<string>("--format") { Description = "json, csv or html.", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "csv", "html");
        var output = new Option<FileInfo?>("--out") { Description = "Write to this file instead of standard output." };
        var from = new Option<DateOnly?>("--from") { Description = "First day (yyyy-MM-dd; default: a year before --to)." };
        var to = new Option<DateOnly?>("--to") { Description = "Last day (yyyy-MM-dd; default: today)." };
        var segment = new Option<string?>("--segment") { Description = "Segment dimension to show (segments report)." };
        var connection = CliStorage.ConnectionOption();
        var command = new Command("report", "Print a report (KPIs, segments or opportunities) as json, csv or html.") { report, format, output, from, to, segment, connection };
        command.SetAction(async (r, ct) =>
        {
            await using var services = CliStorage.Services(r.GetValue(connection));
            // A fresh account has no tables yet: create them, so the report says "no data" instead of failing.
            await services.GetRequiredService<StorageClients>().EnsureCreatedAsync(ct);
            var source = services.GetRequiredService<IReportDataSource>();
            var now = DateTimeOffset.UtcNow;
            var (start, end) = ReportBuilder.Window(r.GetValue(from), r.GetValue(to), now);
            var text = await RenderAsync(source, r.GetValue(report)!, r.GetValue(format)!, start, end, r.GetValue(segment), now, ct);
            if (r.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, text, ct);
                Console.Error.WriteLine($"wrote {file.FullName}");
            }
            else Console.Out.Write(text);
            return 0;
        });
        return command;
    }

    private static async Task<string> RenderAsync(IReportDataSource source, string report, string format, DateOnly from, DateOnly to, string? segment,
        DateTimeOffset now, CancellationToken ct)
    {
        var document = new ReportDocument { Title = "Customer value report", GeneratedAt = now, From = from, To = to };
        switch (report)
        {
            case "kpis":
                var history = await source.KpiHistoryAsync(from, to, ct);
                return format switch
                {
                    "csv" => ReportCsv.Kpis(history),
                    "html" => HtmlReportRenderer.Render(await new ReportBuilder(source).OverviewAsync(from, to, segment, now, ct)),
                    _ => JsonSerializer.Serialize(history, Json),
                };
            case "segments":
                var segments = await source.SegmentsAsync(to, segment, ct);
                return format switch
                {
                    "csv" => ReportCsv.Segments(segments),
                    "html" => HtmlReportRenderer.Render(document with { Title = "Segments", Segments = segments }),
                    _ => JsonSerializer.Serialize(segments, Json),
                };
            default:
                var opportunities = await source.OpportunitiesAsync(to, ct);
                return format switch
                {
                    "csv" => ReportCsv.Opportunities(opportunities),
                    "html" => HtmlReportRenderer.Render(document with { Title = "Opportunities", Opportunities = opportunities }),
                    _ => JsonSerializer.Serialize(opportunities, Json),
                };
        }
    }
}
