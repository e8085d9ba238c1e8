using System.Reflection;
using CustomerValue.Application.Reports;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace CustomerValue.Functions.Reports;

/// <summary>
/// The HTTP surface in Azure: one-liners over the shared <see cref="ReportHandlers"/>. The Functions host checks the
/// keys (AuthorizationLevel.Function: a function or host key; Admin: the master key), so no key check runs here.
/// </summary>
public sealed class ReportFunctions(ReportHandlers handlers)
{
    [Function(nameof(Health))]
    public IResult Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ReportRoutes.Health)] HttpRequest request) =>
        handlers.Health();

    [Function(nameof(OpenApi))]
    public IResult OpenApi([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ReportRoutes.OpenApi)] HttpRequest request) =>
        ReportHandlers.OpenApi(Operations());

    [Function(nameof(KpisReport))]
    public Task<IResult> KpisReport([HttpTrigger(AuthorizationLevel.Function, "get", Route = ReportRoutes.Kpis)] HttpRequest request, CancellationToken ct) =>
        handlers.KpisAsync(request, ct);

    [Function(nameof(SegmentsReport))]
    public Task<IResult> SegmentsReport([HttpTrigger(AuthorizationLevel.Function, "get", Route = ReportRoutes.Segments)] HttpRequest request, CancellationToken ct) =>
        handlers.SegmentsAsync(request, ct);

    [Function(nameof(OpportunitiesReport))]
    public Task<IResult> OpportunitiesReport([HttpTrigger(AuthorizationLevel.Function, "get", Route = ReportRoutes.Opportunities)] HttpRequest request, CancellationToken ct) =>
        handlers.OpportunitiesAsync(request, ct);

    [Function(nameof(SurveysReport))]
    public Task<IResult> SurveysReport([HttpTrigger(AuthorizationLevel.Function, "get", Route = ReportRoutes.Surveys)] HttpRequest request, CancellationToken ct) =>
        handlers.SurveysAsync(request, ct);

    [Function(nameof(DriversReport))]
    public Task<IResult> DriversReport([HttpTrigger(AuthorizationLevel.Function, "get", Route = ReportRoutes.Drivers)] HttpRequest request, CancellationToken ct) =>
        handlers.DriversAsync(request, ct);

    [Function(nameof(LifecycleReport))]
    public Task<IResult> LifecycleReport([HttpTrigger(AuthorizationLevel.Function, "get", Route = ReportRoutes.Lifecycle)] HttpRequest request, CancellationToken ct) =>
        handlers.LifecycleAsync(request, ct);

    [Function(nameof(AcquisitionReport))]
    public Task<IResult> AcquisitionReport([HttpTrigger(AuthorizationLevel.Function, "get", Route = ReportRoutes.Acquisition)] HttpRequest request, CancellationToken ct) =>
        handlers.AcquisitionAsync(request, ct);

    [Function(nameof(CohortsReport))]
    public Task<IResult> CohortsReport([HttpTrigger(AuthorizationLevel.Function, "get", Route = ReportRoutes.Cohorts)] HttpRequest request, CancellationToken ct) =>
        handlers.CohortsAsync(request, ct);

    [Function(nameof(WarningsReport))]
    public Task<IResult> WarningsReport([HttpTrigger(AuthorizationLevel.Function, "get", Route = ReportRoutes.Warnings)] HttpRequest request, CancellationToken ct) =>
        handlers.WarningsAsync(request, ct);

    // The host tells the worker that a key was valid, not which key: pii=true (admin only) is refused here, and
    // unmasked personal data stays with the local engine's admin key or the table itself.
    [Function(nameof(CustomerReport))]
    public Task<IResult> CustomerReport([HttpTrigger(AuthorizationLevel.Function, "get", Route = ReportRoutes.Customer)] HttpRequest request, string id, CancellationToken ct) =>
        handlers.CustomerAsync(request, id, callerIsAdmin: false, ct);

    [Function(nameof(UploadList))]
    public Task<IResult> UploadList([HttpTrigger(AuthorizationLevel.Function, "get", Route = ReportRoutes.Uploads)] HttpRequest request, CancellationToken ct) =>
        handlers.UploadsAsync(ct);

    [Function(nameof(UploadStatus))]
    public Task<IResult> UploadStatus([HttpTrigger(AuthorizationLevel.Function, "get", Route = ReportRoutes.Upload)] HttpRequest request, string id, CancellationToken ct) =>
        handlers.UploadAsync(id, ct);

    [Function(nameof(TakeSnapshot))]
    public Task<IResult> TakeSnapshot([HttpTrigger(AuthorizationLevel.Admin, "post", Route = ReportRoutes.Snapshot)] HttpRequest request, CancellationToken ct) =>
        handlers.SnapshotAsync(request, ct);

    /// <summary>The operations this app serves, read from its own [HttpTrigger] attributes.</summary>
    public static IEnumerable<ApiOperation> Operations() =>
        from method in typeof(ReportFunctions).GetMethods()
        where method.GetCustomAttribute<FunctionAttribute>() is not null
        from parameter in method.GetParameters()
        let trigger = parameter.GetCustomAttribute<HttpTriggerAttribute>()
        where trigger is not null
        from verb in trigger.Methods ?? ["get"]
        select new ApiOperation(trigger.Route!, verb.ToUpperInvariant(), trigger.AuthLevel switch
        {
            AuthorizationLevel.Anonymous => EndpointAccess.Open,
            AuthorizationLevel.Admin or AuthorizationLevel.System => EndpointAccess.Admin,
            _ => EndpointAccess.Read,
        });
}
