using System.Text;
using CustomerValue.LocalEngine.Hosting;
using CustomerValue.Reports;
using CustomerValue.Storage.Snapshots;
using CustomerValue.Application.Snapshots;
using CustomerValue.Storage.Uploads;

namespace CustomerValue.LocalEngine.Reports;

/// <summary>The HTTP surface: thin handlers over the report data source and the stores, each in json, csv or html.</summary>
public static class ReportEndpoints
{

    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", (CustomerValue.Storage.StorageClients storage) => Results.Ok(storage.FaultInjection is { } faults
            ? new { status = "ok", faultsInjected = faults.Injected } // reliability runs only
            : (object)new { status = "ok" })).WithSummary("Liveness; needs no key.");
        app.MapGet("/api/openapi.json", (EndpointDataSource endpoints) => Results.Text(OpenApiDocument.Build(endpoints.Endpoints), "application/json"))
            .WithSummary("This document; needs no key.");

        var read = app.MapGroup("/api").RequireApiKey(ApiAccess.Read);
        read.MapGet("/reports/kpis", Kpis).WithSummary("The latest KPI snapshot (json); the snapshot history (csv); the full report (html).");
        read.MapGet("/reports/segments", Segments).WithSummary("Segment figures of the newest snapshot at or before 'to'; 'segment' filters by dimension.");
        read.MapGet("/reports/opportunities", Opportunities).WithSummary("Segments ranked by revenue at risk.");
        read.MapGet("/reports/surveys", Surveys).WithSummary("NPS, CSAT, sentiment and topics of the survey responses from 'from' to 'to'.");
        read.MapGet("/reports/customers/{id}", Customer).WithSummary("One customer; email and name masked unless an admin key asks with pii=true.");
        read.MapGet("/uploads/{id}", async (string id, UploadLedger ledger, CancellationToken ct) =>
            await ledger.GetAsync(id, ct) is { } record
                ? Results.Ok(record)
                : Results.NotFound(new { error = $"No upload with id '{id}'." })).WithSummary("The ledger record of one upload (json).");

        var admin = app.MapGroup("/api/admin").RequireApiKey(ApiAccess.Admin);
        admin.MapPost("/snapshot", Snapshot).WithSummary("Takes the KPI snapshot now (or as of 'asOf'), or rebuilds history with 'from', 'to' and 'every' (day, week, month); admin key.");
        return app;
    }

    private static async Task<IResult> Kpis(HttpRequest request, IReportDataSource source, LatestSnapshotCache latestSnapshot, TimeProvider clock, CancellationToken ct)
    {
        if (ReportQuery.Parse(request) is not ({ } query, null) ) return BadQuery(request);
        var (from, to) = query.Window(clock.GetUtcNow());
        switch (query.Format)
        {
            case ReportFormat.Json:
                // The newest row of the table: what dashboards poll, so it is cached for a few seconds.
                var latest = query.To is null ? await latestSnapshot.GetAsync(ct) : (await source.KpiHistoryAsync(from, to, ct)).LastOrDefault();
                return latest is not null ? Results.Ok(latest)
                    : Results.NotFound(new { error = "No KPI snapshot has been taken yet. Upload data, then run `roi snapshot` or wait for the schedule." });
            case ReportFormat.Csv:
                return Csv(ReportCsv.Kpis(await source.KpiHistoryAsync(from, to, ct)), "kpis");
            default:
                return Page(HtmlReportRenderer.Render(await new ReportBuilder(source).OverviewAsync(from, to, query.Segment, clock.GetUtcNow(), ct)));
        }
    }

    private static async Task<IResult> Segments(HttpRequest request, IReportDataSource source, TimeProvider clock, CancellationToken ct)
    {
        if (ReportQuery.Parse(request) is not ({ } query, null)) return BadQuery(request);
        var (from, to) = query.Window(clock.GetUtcNow());
        var segments = await source.SegmentsAsync(to, query.Segment, ct);
        return Format(query, segments, () => ReportCsv.Segments(segments), "segments",
            () => Document("Segments", clock, from, to) with { Segments = segments });
    }

    private static async Task<IResult> Opportunities(HttpRequest request, IReportDataSource source, TimeProvider clock, CancellationToken ct)
    {
        if (ReportQuery.Parse(request) is not ({ } query, null)) return BadQuery(request);
        var (from, to) = query.Window(clock.GetUtcNow());
        var opportunities = await source.OpportunitiesAsync(to, ct);
        return Format(query, opportunities, () => ReportCsv.Opportunities(opportunities), "opportunities",
            () => Document("Opportunities", clock, from, to) with { Opportunities = opportunities });
    }

    private static async Task<IResult> Surveys(HttpRequest request, IReportDataSource source, TimeProvider clock, CancellationToken ct)
    {
        if (ReportQuery.Parse(request) is not ({ } query, null)) return BadQuery(request);
        var (from, to) = query.Window(clock.GetUtcNow());
        if (await source.SurveysAsync(from, to, query.Segment, ct) is not { } survey)
            return Results.NotFound(new { error = $"No survey responses from {from:yyyy-MM-dd} to {to:yyyy-MM-dd}." });
        return Format(query, survey, () => ReportCsv.Surveys(survey), "surveys", () => Document("Surveys", clock, from, to) with { Survey = survey });
    }

    private static async Task<IResult> Customer(string id, HttpContext http, IReportDataSource source, TimeProvider clock, CancellationToken ct)
    {
        if (ReportQuery.Parse(http.Request) is not ({ } query, null)) return BadQuery(http.Request);
        if (query.Pii && http.ApiAccess() != ApiAccess.Admin) return Results.Json(new { error = "pii=true needs an admin key." }, statusCode: 403);
        if (await source.CustomerAsync(id, query.To, ct) is not { } found)
            return Results.NotFound(new { error = query.To is { } to ? $"No customer with id '{id}' in the snapshot at or before {to:yyyy-MM-dd}." : $"No customer with id '{id}' in the latest snapshot." });
        var customer = query.Pii ? found : PersonalData.Masked(found);
        return Format(query, customer, () => ReportCsv.Customer(customer), "customer",
            () => Document($"Customer {customer.CustomerId}", clock, null, customer.AsOf) with { Customer = customer });
    }

    private static async Task<IResult> Snapshot(HttpRequest request, KpiSnapshotService snapshots, LatestSnapshotCache latestSnapshot, TimeProvider clock, CancellationToken ct)
    {
        string? Query(string name) => request.Query[name].FirstOrDefault();
        var (ask, error) = SnapshotRequest.Parse(Query("asOf"), Query("from"), Query("to"), Query("every"), clock.GetUtcNow());
        if (ask is null) return Results.BadRequest(new { error });
        object taken = ask.From is { } from && ask.To is { } to
            ? await snapshots.BackfillAsync(from, to, ask.Every, ct)
            : await snapshots.TakeAsync(ask.AsOf, ct);
        latestSnapshot.Invalidate();
        return Results.Ok(taken);
    }

    private static ReportDocument Document(string title, TimeProvider clock, DateOnly? from, DateOnly? to) =>
        new() { Title = title, GeneratedAt = clock.GetUtcNow(), From = from, To = to };

    private static IResult Format(ReportQuery query, object json, Func<string> csv, string name, Func<ReportDocument> html) => query.Format switch
    {
        ReportFormat.Csv => Csv(csv(), name),
        ReportFormat.Html => Page(HtmlReportRenderer.Render(html())),
        _ => Results.Ok(json),
    };

    private static IResult BadQuery(HttpRequest request) => Results.BadRequest(new { error = ReportQuery.Parse(request).Error });

    private static IResult Csv(string text, string name) => new FileResult(Encoding.UTF8.GetBytes(text), "text/csv; charset=utf-8", $"{name}.csv");

    private static IResult Page(string html) => new FileResult(Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8", null);

    /// <summary>Bytes with a content type; HTML gets a policy that forbids any script or outside resource.</summary>
    private sealed class FileResult(byte[] content, string contentType, string? downloadName) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.ContentType = contentType;
            if (downloadName is not null) http.Response.Headers.ContentDisposition = $"attachment; filename=\"{downloadName}\"";
            else http.Response.Headers.ContentSecurityPolicy = HtmlReportRenderer.ContentSecurityPolicy;
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return http.Response.Body.WriteAsync(content).AsTask();
        }
    }
}
