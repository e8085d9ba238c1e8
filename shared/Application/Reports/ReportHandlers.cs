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
    UploadLedger ledger, StorageClients storage, TimeProvider clock, CustomerValue.Application.Uploads.UploadCatalog uploads,
    Microsoft.Extensions.Options.IOptions<CustomerValue.Application.Settings.ReportOptions> reportOptions, ReportPageCache pageCache)
{
    private string Currency => reportOptions.Value.Currency;

    public IResult Health() => Results.Ok(storage.FaultInjection is { } faults
        ? new { status = "ok", faultsInjected = faults.Injected } // reliability runs only
        : (object)new { status = "ok" });

    public static IResult OpenApi(IEnumerable<ApiOperation> operations) => Results.Text(OpenApiDocument.Build(operations), "application/json");

    public async Task<IResult> KpisAsync(HttpRequest request, CancellationToken ct)
    {
        var (query, problem) = ReportQuery.Parse(request, clock.GetUtcNow());
        if (query is null) return BadRequest(problem!);
        var (from, to) = query.Window;
        switch (query.Format)
        {
            case ReportFormat.Json:
                // The newest row of the table: what dashboards poll, so it is cached for a few seconds.
                var latest = query.To is null ? await latestSnapshot.GetAsync(ct) : (await source.KpiHistoryAsync(from, to, ct)).LastOrDefault();
                return latest is not null ? Json(latest)
                    : Results.NotFound(new { error = "No KPI snapshot has been taken yet. Upload data, then run `roi snapshot` or wait for the schedule." });
            case ReportFormat.Csv:
                return Csv(ReportCsv.Kpis(await source.KpiHistoryAsync(from, to, ct)), "kpis");
            default:
                // The overview filters its survey figures by the segment, which needs a value as well as a dimension.
                if (query.Segment is { } segment && !query.SegmentHasValue) return BadRequest(ReportQuery.SegmentNeedsValue(segment));
                // The shared render must not be cancelled by the one request that happened to start it.
                return Page(await pageCache.GetAsync($"kpis|{from:yyyy-MM-dd}|{to:yyyy-MM-dd}|{query.Segment}", async () =>
                    HtmlReportRenderer.Render(await new ReportBuilder(source, Currency).OverviewAsync(from, to, query.Segment, clock.GetUtcNow(), CancellationToken.None))).WaitAsync(ct));
        }
    }

    public async Task<IResult> SegmentsAsync(HttpRequest request, CancellationToken ct)
    {
        var (query, problem) = ReportQuery.Parse(request, clock.GetUtcNow());
        if (query is null) return BadRequest(problem!);
        var (from, to) = query.Window;
        var selector = query.Selector;
        var segments = (await source.SegmentsAsync(to, selector?.Dimension, ct)).Where(s => selector is null || selector.Matches(s.Segment)).ToList();
        var insights = await source.InsightsAsync(to, ct);
        return Format(query, segments, () => ReportCsv.Segments(segments), "segments",
            () => Document("Segments", from, to) with { Segments = segments, Insights = insights is null ? null : insights with { KeyDrivers = [], Lifecycle = null } });
    }

    public async Task<IResult> OpportunitiesAsync(HttpRequest request, CancellationToken ct)
    {
        var (query, problem) = ReportQuery.Parse(request, clock.GetUtcNow());
        if (query is null) return BadRequest(problem!);
        var (from, to) = query.Window;
        var selector = query.Selector;
        var opportunities = (await source.OpportunitiesAsync(to, ct)).Where(o => selector is null || selector.Matches(o.Segment)).ToList();
        var insights = await source.InsightsAsync(to, ct);
        var document = Document("Opportunities", from, to) with { Opportunities = opportunities, Insights = insights is null ? null : insights with { Lifecycle = null } };
        return Format(query, OpportunityReport.Json(opportunities, insights?.KeyDrivers ?? [], document.LabelOf, Currency),
            () => ReportCsv.Opportunities(opportunities, insights?.KeyDrivers ?? [], document.LabelOf, Currency), "opportunities", () => document);
    }

    public async Task<IResult> DriversAsync(HttpRequest request, CancellationToken ct)
    {
        var (query, problem) = ReportQuery.Parse(request, clock.GetUtcNow());
        if (query is null) return BadRequest(problem!);
        var (from, to) = query.Window;
        if (await source.InsightsAsync(to, ct) is not { } insights) return NoSnapshot(to);
        var report = new DriversReport(insights.Period, insights.Drivers, DriverEffect.Definition);
        return Format(query, report, () => ReportCsv.Drivers(report), "drivers",
            () => Document("Key drivers", from, to) with { Insights = insights with { Lifecycle = null, Warnings = [] } });
    }

    public async Task<IResult> LifecycleAsync(HttpRequest request, CancellationToken ct)
    {
        var (query, problem) = ReportQuery.Parse(request, clock.GetUtcNow());
        if (query is null) return BadRequest(problem!);
        var (from, to) = query.Window;
        if (await source.InsightsAsync(to, ct) is not { } insights) return NoSnapshot(to);
        var report = new LifecycleReport(insights.Period, insights.Lifecycle, insights.Warnings);
        return Format(query, report, () => ReportCsv.Lifecycle(report), "lifecycle",
            () => Document("Lifecycle", from, to) with { Insights = insights with { KeyDrivers = [] } });
    }

    public async Task<IResult> AcquisitionAsync(HttpRequest request, CancellationToken ct)
    {
        var (query, problem) = ReportQuery.Parse(request, clock.GetUtcNow());
        if (query is null) return BadRequest(problem!);
        var (from, to) = query.Window;
        if (await source.InsightsAsync(to, ct) is not { } insights) return NoSnapshot(to);
        // segment= picks the channels or campaigns (or one of them); everyone's row stays as the comparison.
        var selector = query.Selector;
        insights = insights with { Acquisition = [.. insights.Acquisition.Where(a => selector is null || a.Group == SegmentKey.Everyone || selector.Matches(a.Group))] };
        var report = AcquisitionReport.Of(insights, Currency);
        return Format(query, report, () => ReportCsv.Acquisition(report), "acquisition",
            () => Document("Acquisition: CAC, LTV:CAC and payback", from, to) with { Insights = insights with { KeyDrivers = [], Lifecycle = null } });
    }

    public async Task<IResult> CohortsAsync(HttpRequest request, CancellationToken ct)
    {
        var (query, problem) = ReportQuery.Parse(request, clock.GetUtcNow());
        if (query is null) return BadRequest(problem!);
        var (from, to) = query.Window;
        if (await source.CohortsAsync(to, ct) is not { } cohorts)
            return Results.NotFound(new { error = "No subscriptions uploaded: cohort retention needs subscriptions with a start date." });
        return Format(query, cohorts, () => ReportCsv.Cohorts(cohorts), "cohorts", () => Document("Cohort retention", from, to) with { Cohorts = cohorts });
    }

    public async Task<IResult> WarningsAsync(HttpRequest request, CancellationToken ct)
    {
        var (query, problem) = ReportQuery.Parse(request, clock.GetUtcNow());
        if (query is null) return BadRequest(problem!);
        var (from, to) = query.Window;
        if (await source.InsightsAsync(to, ct) is not { } insights) return NoSnapshot(to);
        var report = new WarningsReport(insights.Period, insights.Warnings);
        return Format(query, report, () => ReportCsv.Warnings(report), "warnings",
            () => Document("Data and allocation warnings", from, to) with { Insights = insights with { KeyDrivers = [], Lifecycle = null } });
    }

    public async Task<IResult> SurveysAsync(HttpRequest request, CancellationToken ct)
    {
        var (query, problem) = ReportQuery.Parse(request, clock.GetUtcNow());
        if (query is null) return BadRequest(problem!);
        var (from, to) = query.Window;
        if (query.Segment is { } segment && !query.SegmentHasValue) return BadRequest(ReportQuery.SegmentNeedsValue(segment));
        if (await source.SurveysAsync(from, to, query.Segment, ct) is not { } survey)
            return Results.NotFound(new { error = $"No survey responses from {from:yyyy-MM-dd} to {to:yyyy-MM-dd}." });
        // topic= keeps the quotes and the topics by segment that name the topic, segment= the segment's (the headline
        // figures stay those of every response in the window); topics by segment come from the snapshot at or before 'to'.
        var topic = request.Query["topic"].FirstOrDefault() is { Length: > 0 } t ? t : null;
        var document = Document("Surveys", from, to);
        survey = survey.WithTopicsBySegment(await source.SegmentsAsync(to, query.Selector?.Dimension, ct), query.Selector, topic, document.LabelOf);
        return Format(query, survey, () => ReportCsv.Surveys(survey, Currency), "surveys", () => document with { Survey = survey });
    }

    /// <param name="callerIsAdmin">Whether the caller's key may see personal data unmasked (pii=true).</param>
    public async Task<IResult> CustomerAsync(HttpRequest request, string id, bool callerIsAdmin, CancellationToken ct)
    {
        var (query, problem) = ReportQuery.Parse(request, clock.GetUtcNow());
        if (query is null) return BadRequest(problem!);
        id = CustomerIdFromRoute(id);
        if (id.Length == 0 || id.Length > MaxIdLength) return BadRequest(new("id", $"'id' must be 1 to {MaxIdLength} characters."));
        if (query.Pii && !callerIsAdmin) return Results.Json(new { error = "pii=true needs an admin key." }, statusCode: 403);
        if (await source.CustomerAsync(id, query.To, ct) is not { } found)
            return Results.NotFound(new { error = query.To is { } to ? $"No customer with id '{id}' in the snapshot at or before {to:yyyy-MM-dd}." : $"No customer with id '{id}' in the latest snapshot." });
        var customer = query.Pii ? found : PersonalData.Masked(found);
        return Format(query, customer, () => ReportCsv.Customer(customer), "customer",
            () => Document($"Customer {customer.CustomerId}", null, customer.AsOf) with { Customer = customer });
    }

    public async Task<IResult> UploadsAsync(CancellationToken ct) => Results.Ok(await uploads.ListAsync(ct));

    public async Task<IResult> UploadAsync(string id, CancellationToken ct)
    {
        if (id.Length == 0 || id.Length > MaxIdLength) return BadRequest(new("id", $"'id' must be 1 to {MaxIdLength} characters."));
        return await ledger.GetAsync(id, ct) is { } record
            ? Results.Ok(record)
            : Results.NotFound(new { error = $"No upload with id '{id}'." });
    }

    private const int MaxIdLength = 1024;

    /// <summary>
    /// A customer id as the route gave it: a "/" inside an id must be sent encoded, and ASP.NET Core's routing leaves
    /// "%2F" encoded in the route value (it decodes everything else), so that one escape is decoded here.
    /// </summary>
    public static string CustomerIdFromRoute(string id) => id.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    public async Task<IResult> SnapshotAsync(HttpRequest request, CancellationToken ct)
    {
        string? Query(string name) => request.Query[name].FirstOrDefault();
        var (ask, snapshotProblem) = SnapshotRequest.Parse(Query("asOf"), Query("from"), Query("to"), Query("every"), clock.GetUtcNow());
        if (ask is null) return BadRequest(snapshotProblem!);
        object taken = ask.From is { } from && ask.To is { } to
            ? await snapshots.BackfillAsync(from, to, ask.Every, ct)
            : await snapshots.TakeAsync(ask.AsOf, ct);
        latestSnapshot.Invalidate();
        pageCache.Invalidate();
        return Json(taken);
    }

    private ReportDocument Document(string title, DateOnly? from, DateOnly? to) =>
        new() { Title = title, GeneratedAt = clock.GetUtcNow(), From = from, To = to, Currency = Currency };

    private static IResult NoSnapshot(DateOnly to) =>
        Results.NotFound(new { error = $"No snapshot at or before {to:yyyy-MM-dd}. Upload data, then run `roi snapshot` or wait for the schedule." });

    private static IResult Format(ReportQuery query, object json, Func<string> csv, string name, Func<ReportDocument> html) => query.Format switch
    {
        ReportFormat.Csv => Csv(csv(), name),
        ReportFormat.Html => Page(HtmlReportRenderer.Render(html())),
        _ => Json(json),
    };

    /// <summary>Report JSON: money rounded to the cent, the same options as `roi report`.</summary>
    private static IResult Json(object value) => Results.Json(value, ReportJson.Options);

    /// <summary>A 400 as a JSON problem (RFC 9457) naming the parameter; "error" repeats the detail for older clients.</summary>
    public static IResult BadRequest(QueryProblem problem) => Results.Problem(detail: problem.Error, statusCode: StatusCodes.Status400BadRequest,
        title: $"The parameter '{problem.Parameter}' is not valid.",
        extensions: new Dictionary<string, object?> { ["parameter"] = problem.Parameter, ["error"] = problem.Error });

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
