using CustomerValue.Application.Reports;
using CustomerValue.LocalEngine.Hosting;
using Microsoft.AspNetCore.Http.Metadata;

namespace CustomerValue.LocalEngine.Reports;

/// <summary>
/// The HTTP surface of the local engine: one-liners over the shared <see cref="ReportHandlers"/>, behind the
/// project's own key check (no Functions host runs here to check keys).
/// </summary>
public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/" + ReportRoutes.Prefix);
        open.MapGet(ReportRoutes.Health, (ReportHandlers h) => h.Health()).Describe(ReportRoutes.Health);
        open.MapGet(ReportRoutes.OpenApi, (EndpointDataSource endpoints) => ReportHandlers.OpenApi(Operations(endpoints))).Describe(ReportRoutes.OpenApi);

        var read = app.MapGroup("/" + ReportRoutes.Prefix).RequireApiKey(ApiAccess.Read);
        read.MapGet(ReportRoutes.Kpis, (HttpRequest r, ReportHandlers h, CancellationToken ct) => h.KpisAsync(r, ct)).Describe(ReportRoutes.Kpis);
        read.MapGet(ReportRoutes.Segments, (HttpRequest r, ReportHandlers h, CancellationToken ct) => h.SegmentsAsync(r, ct)).Describe(ReportRoutes.Segments);
        read.MapGet(ReportRoutes.Opportunities, (HttpRequest r, ReportHandlers h, CancellationToken ct) => h.OpportunitiesAsync(r, ct)).Describe(ReportRoutes.Opportunities);
        read.MapGet(ReportRoutes.Surveys, (HttpRequest r, ReportHandlers h, CancellationToken ct) => h.SurveysAsync(r, ct)).Describe(ReportRoutes.Surveys);
        read.MapGet(ReportRoutes.Drivers, (HttpRequest r, ReportHandlers h, CancellationToken ct) => h.DriversAsync(r, ct)).Describe(ReportRoutes.Drivers);
        read.MapGet(ReportRoutes.Lifecycle, (HttpRequest r, ReportHandlers h, CancellationToken ct) => h.LifecycleAsync(r, ct)).Describe(ReportRoutes.Lifecycle);
        read.MapGet(ReportRoutes.Acquisition, (HttpRequest r, ReportHandlers h, CancellationToken ct) => h.AcquisitionAsync(r, ct)).Describe(ReportRoutes.Acquisition);
        read.MapGet(ReportRoutes.Cohorts, (HttpRequest r, ReportHandlers h, CancellationToken ct) => h.CohortsAsync(r, ct)).Describe(ReportRoutes.Cohorts);
        read.MapGet(ReportRoutes.Warnings, (HttpRequest r, ReportHandlers h, CancellationToken ct) => h.WarningsAsync(r, ct)).Describe(ReportRoutes.Warnings);
        read.MapGet(ReportRoutes.Customer, (string id, HttpContext http, ReportHandlers h, CancellationToken ct) =>
            h.CustomerAsync(http.Request, id, http.ApiAccess() == ApiAccess.Admin, ct)).Describe(ReportRoutes.Customer);
        read.MapGet(ReportRoutes.Uploads, (ReportHandlers h, CancellationToken ct) => h.UploadsAsync(ct)).Describe(ReportRoutes.Uploads);
        read.MapGet(ReportRoutes.Upload, (string id, ReportHandlers h, CancellationToken ct) => h.UploadAsync(id, ct)).Describe(ReportRoutes.Upload);

        var admin = app.MapGroup("/" + ReportRoutes.Prefix).RequireApiKey(ApiAccess.Admin);
        admin.MapPost(ReportRoutes.Snapshot, (HttpRequest r, ReportHandlers h, CancellationToken ct) => h.SnapshotAsync(r, ct)).Describe(ReportRoutes.Snapshot);
        return app;
    }

    /// <summary>The operations this engine serves, read from its route table.</summary>
    public static IEnumerable<ApiOperation> Operations(EndpointDataSource endpoints) =>
        from e in endpoints.Endpoints.OfType<RouteEndpoint>()
        let route = e.RoutePattern.RawText?.TrimStart('/')
        where route is not null && route.StartsWith(ReportRoutes.Prefix + "/")
        from method in e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]
        select new ApiOperation(route[(ReportRoutes.Prefix.Length + 1)..], method, Access(e));

    private static EndpointAccess Access(Endpoint e) => e.Metadata.GetMetadata<ApiKeyFilterMarker>()?.Access switch
    {
        ApiAccess.Admin => EndpointAccess.Admin,
        ApiAccess.Read => EndpointAccess.Read,
        _ => EndpointAccess.Open,
    };

    private static RouteHandlerBuilder Describe(this RouteHandlerBuilder endpoint, string route) => endpoint.WithSummary(ReportRoutes.Summaries[route]);
}

/// <summary>Marks an endpoint as needing a key, for the OpenAPI document and the parity test.</summary>
public sealed record ApiKeyFilterMarker(ApiAccess Access);
