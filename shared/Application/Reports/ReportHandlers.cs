using System.Globalization;
using System.Text;
using CustomerValue.Application.Snapshots;
using CustomerValue.Reports;
using Microsoft.AspNetCore.Http;

namespace CustomerValue.Application.Reports;

/// <summary>
/// The HTTP surface of both engines: query parsing, the json, csv and html formats, status codes. The local engine's
/// minimal-API endpoints and the worker's HTTP functions are one-liners over these; the key check is each engine's
/// own (the local engine's API keys, Azure's function keys).
/// </summary>
public sealed class ReportHandlers(IReportDataSource source, LatestSnapshotCache latestSnapshot, KpiSnapshotService snapshots,
    UploadLedger ledger, StorageClients storage, TimeProvider clock, CustomerValue.Application.Uploads.UploadCatalog uploads)
{
    public IResult Health() => Results.Ok(storage.FaultInjection is { } faults
        ? new { status = "ok", faultsInjected = faults.Injected } // reliability runs only
        : (object)new { status = "ok" });

    public static IResult OpenApi(IEnumerable<ApiOperation> operations) => Results.Text(OpenApiDocument.Build(operations), "application/json");

    public async Task<IResult> KpisAsync(HttpRequest request, CancellationToken ct)
    {
        if (ReportQuery.Parse(request) is not ({ } query, null)) return BadQuery(request);
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

    public async Task<IResult> SegmentsAsync(HttpRequest request, CancellationToken ct)
    {
        if (ReportQuery.Parse(request) is not ({ } query, null)) return BadQuery(request);
        var (from, to) = query.Window(clock.GetUtcNow());
        var segments = await source.SegmentsAsync(to, query.Segment, ct);
        return Format(query, segments, () => ReportCsv.Segments(segments), "segments",
            () => Document("Segments", from, to) with { Segments = segments });
    }

    public async Task<IResult> OpportunitiesAsync(HttpRequest request, CancellationToken ct)
    {
        if (ReportQuery.Parse(request) is not ({ } query, null)) return BadQuery(request);
        var (from, to) = query.Window(clock.GetUtcNow());
        var opportunities = await source.OpportunitiesAsync(to, ct);
        return Format(query, opportunities, () => ReportCsv.Opportunities(opportunities), "opportunities",
            () => Document("Opportunities", from, to) with { Opportunities = opportunities });
    }

    public async Task<IResult> SurveysAsync(HttpRequest request, CancellationToken ct)
    {
        if (ReportQuery.Parse(request) is not ({ } query, null)) return BadQuery(request);
        var (from, to) = query.Window(clock.GetUtcNow());
        if (await source.SurveysAsync(from, to, query.Segment, ct) is not { } survey)
            return Results.NotFound(new { error = $"No survey responses from {from:yyyy-MM-dd} to {to:yyyy-MM-dd}." });
        return Format(query, survey, () => ReportCsv.Surveys(survey), "surveys", () => Document("Surveys", from, to) with { Survey = survey });
    }

    /// <param name="callerIsAdmin">Whether the caller's key may see personal data unmasked (pii=true).</param>
    public async Task<IResult> CustomerAsync(HttpRequest request, string id, bool callerIsAdmin, CancellationToken ct)
    {
        if (ReportQuery.Parse(request) is not ({ } query, null)) return BadQuery(request);
        if (query.Pii && !callerIsAdmin) return Results.Json(new { error = "pii=true needs an admin key." }, statusCode: 403);
        if (await source.CustomerAsync(id, query.To, ct) is not { } found)
            return Results.NotFound(new { error = query.To is { } to ? $"No customer with id '{id}' in the snapshot at or before {to:yyyy-MM-dd}." : $"No customer with id '{id}' in the latest snapshot." });
        var customer = query.Pii ? found : PersonalData.Masked(found);
        return Format(query, customer, () => ReportCsv.Customer(customer), "customer",
            () => Document($"Customer {customer.CustomerId}", null, customer.AsOf) with { Customer = customer });
    }

    public async Task<IResult> UploadsAsync(CancellationToken ct) => Results.Ok(await uploads.ListAsync(ct));

    public async Task<IResult> UploadAsync(string id, CancellationToken ct) =>
        await ledger.GetAsync(id, ct) is { } record
            ? Results.Ok(record)
            : Results.NotFound(new { error = $"No upload with id '{id}'." });

    public async Task<IResult> SnapshotAsync(HttpRequest request, CancellationToken ct)
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

    private ReportDocument Document(string title, DateOnly? from, DateOnly? to) =>
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
