using System.CommandLine;
using System.Text;
using CustomerValue.Application.Reports;
using CustomerValue.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerValue.Cli.Commands;

/// <summary>
/// `roi report NAME`: every report the HTTP API serves, read from storage directly. It runs the API's own handler on
/// an in-process request, so the JSON, CSV and HTML are those of the endpoint, byte for byte.
/// </summary>
public static class ReportCommand
{
    /// <summary>Report name to its handler, the same names as the routes under api/reports/.</summary>
    private static readonly IReadOnlyDictionary<string, Func<ReportHandlers, HttpRequest, string?, CancellationToken, Task<IResult>>> Reports =
        new Dictionary<string, Func<ReportHandlers, HttpRequest, string?, CancellationToken, Task<IResult>>>
        {
            ["kpis"] = (h, r, _, ct) => h.KpisAsync(r, ct),
            ["segments"] = (h, r, _, ct) => h.SegmentsAsync(r, ct),
            ["opportunities"] = (h, r, _, ct) => h.OpportunitiesAsync(r, ct),
            ["surveys"] = (h, r, _, ct) => h.SurveysAsync(r, ct),
            ["drivers"] = (h, r, _, ct) => h.DriversAsync(r, ct),
            ["lifecycle"] = (h, r, _, ct) => h.LifecycleAsync(r, ct),
            ["warnings"] = (h, r, _, ct) => h.WarningsAsync(r, ct),
            ["cohorts"] = (h, r, _, ct) => h.CohortsAsync(r, ct),
            ["acquisition"] = (h, r, _, ct) => h.AcquisitionAsync(r, ct),
            // The CLI reads the storage account itself, so it is as trusted as an admin key.
            ["customer"] = (h, r, id, ct) => h.CustomerAsync(r, id ?? throw new ArgumentException("`roi report customer` needs --id."), callerIsAdmin: true, ct),
        };

    public static IReadOnlyCollection<string> Names => [.. Reports.Keys];

    internal static Command Create()
    {
        var report = new Argument<string>("report") { Description = string.Join(", ", Reports.Keys) + "." };
        report.AcceptOnlyFromAmong([.. Reports.Keys]);
        var format = new Option<string>("--format") { Description = "json, csv or html.", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "csv", "html");
        var output = new Option<FileInfo?>("--out") { Description = "Write to this file instead of standard output." };
        var from = new Option<string?>("--from") { Description = "First day (yyyy-MM-dd; default: a year before --to)." };
        var to = new Option<string?>("--to") { Description = "Last day (yyyy-MM-dd; default: today)." };
        var segment = new Option<string?>("--segment") { Description = "dimension or dimension:value (plan, plan:pro), as segment= on the API." };
        var topic = new Option<string?>("--topic") { Description = "Keep the quotes and the topics by segment of this topic (surveys report), as topic= on the API." };
        var id = new Option<string?>("--id") { Description = "Customer id (customer report)." };
        var pii = new Option<bool>("--pii") { Description = "Show the customer's email and name unmasked (customer report)." };
        var connection = CliStorage.ConnectionOption();
        var command = new Command("report", "Print any report of the HTTP API (same JSON, CSV or HTML) from storage directly.")
            { report, format, output, from, to, segment, topic, id, pii, connection };
        command.SetAction(async (r, ct) =>
        {
            await using var services = CliStorage.Services(r.GetValue(connection));
            // A fresh account has no tables yet: create them, so the report says "no data" instead of failing.
            await services.GetRequiredService<StorageClients>().EnsureCreatedAsync(ct);
            var query = new Dictionary<string, string?>
            {
                ["format"] = r.GetValue(format), ["from"] = r.GetValue(from), ["to"] = r.GetValue(to), ["segment"] = r.GetValue(segment), ["topic"] = r.GetValue(topic),
                ["pii"] = r.GetValue(pii) ? "true" : null,
            };
            var (status, body) = await RunAsync(services, r.GetValue(report)!, r.GetValue(id), query, ct);
            if (status >= 300)
            {
                Console.Error.WriteLine(body);
                return 1;
            }
            if (r.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, body, ct);
                Console.Error.WriteLine($"wrote {file.FullName}");
            }
            else Console.Out.Write(body);
            return 0;
        });
        return command;
    }

    /// <summary>Runs the report's API handler on an in-process request and returns the status and body.</summary>
    public static async Task<(int Status, string Body)> RunAsync(IServiceProvider services, string report, string? id, IReadOnlyDictionary<string, string?> query,
        CancellationToken ct)
    {
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.QueryString = QueryString.Create(query.Where(q => !string.IsNullOrEmpty(q.Value)));
        var body = new MemoryStream();
        http.Response.Body = body;
        var result = await Reports[report](services.GetRequiredService<ReportHandlers>(), http.Request, id, ct);
        await result.ExecuteAsync(http);
        return (http.Response.StatusCode, Encoding.UTF8.GetString(body.ToArray()));
    }
}
